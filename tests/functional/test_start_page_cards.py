"""The start page describes, card by card, every page the role's menu offers: the administrator's accounts page
(their own task) was in the menu but had no card, so the start page read as if they had none to do."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

MENU = re.compile(r'<nav aria-label="[^"]*">\s*<ul>(.*?)</ul>', re.DOTALL)
CARDS = re.compile(r'<ul class="cards">(.*?)</ul>', re.DOTALL)
LINK = re.compile(r'href="([^"#]+)"')


@pytest.mark.parametrize("who", ["hr", "inspector", "reporter", "policy", "admin"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_menu_entry_has_a_card_on_the_start_page(world: World, who: str, lang: str) -> None:
    log_in(world, who)
    page = world.client.get(f"/pages/?lang={lang}").get_data(as_text=True)
    menu, cards = MENU.search(page), CARDS.search(page)
    assert menu is not None
    assert cards is not None
    assert set(LINK.findall(menu.group(1))) <= set(LINK.findall(cards.group(1)))

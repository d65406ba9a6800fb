"""A language link to an address that sends the reader on (the start page, which takes an employee to their own
record; the site's root, which goes to the start page) shows the page it leads to in that language, as a language
link to that page does: the redirect dropped `?lang=`, so an employee's /pages/?lang=en opened their record in
Indonesian."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def language_of(world: World, path: str) -> tuple[str, str]:
    answer = world.client.get(path, follow_redirects=True)
    assert answer.status_code == 200
    found = re.search(r'<html lang="(\w+)">', answer.get_data(as_text=True))
    assert found
    return answer.request.path, found.group(1)


@pytest.mark.parametrize("path", ["/pages/?lang=en", "/?lang=en"])
def test_the_employees_start_page_in_english_opens_their_record_in_english(world: World, path: str) -> None:
    log_in(world, "employee")
    assert language_of(world, path) == (f"/pages/employees/{BUDI}", "en")
    assert language_of(world, "/pages/")[1] == "en"  # kept, as any language link keeps it


def test_the_sites_root_in_english_opens_the_start_page_in_english(world: World) -> None:
    log_in(world, "hr")
    assert language_of(world, "/?lang=en") == ("/pages/", "en")

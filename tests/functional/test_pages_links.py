"""No broken links: every link reachable from each role's start page answers, and each role's menu offers
only pages it may open."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

LINK = re.compile(r'href="([^"#]+)')
MENU = re.compile(r'<nav aria-label="[^"]*">\s*<ul>(.*?)</ul>', re.DOTALL)
MOST = 80  # addresses read per role: the small world's pages and a few of each list


def reachable(world: World, start: str) -> dict[str, int]:
    """Each address linked from `start` onwards under /pages and /static, with the status it answered."""
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue and len(seen) < MOST:
        path = queue.popleft()
        if path in seen:
            continue
        with world.client.get(path, follow_redirects=True) as answer:  # (a static file's stream is closed)
            seen[path] = answer.status_code
            page = answer.get_data(as_text=True) if answer.mimetype == "text/html" else ""
        for href in LINK.findall(page):
            target = urljoin(path, href.replace("&amp;", "&"))
            if urlsplit(target).path.startswith(("/pages", "/static")) and "lang=" not in target:
                queue.append(target)
    return seen


@pytest.mark.parametrize("who", ["employee", "hr", "inspector", "reporter", "policy", "admin"])
def test_every_link_from_a_roles_start_page_answers(world: World, who: str) -> None:
    log_in(world, who)
    found = reachable(world, "/pages/")
    assert len(found) > 2
    assert {path: status for path, status in found.items() if status >= 400} == {}


@pytest.mark.parametrize("who", ["employee", "hr", "inspector", "reporter", "policy", "admin"])
def test_a_roles_menu_offers_only_pages_it_may_open(world: World, who: str) -> None:
    log_in(world, who)
    menu = MENU.search(world.client.get("/pages/", follow_redirects=True).get_data(as_text=True))
    assert menu is not None
    for href in LINK.findall(menu.group(1)):
        assert world.client.get(href).status_code == 200, (who, href)

"""The language is switched by a link (a GET, `?lang=`), which is safe: it sets the language the pages are shown
in and nothing else (no record, no sign-in, no session's life), and a link from another site shows its page in
that language without keeping it (Sec-Fetch-Site: cross-site), so another site cannot change what a signed-in
user's next pages read in. Both stores."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def language(world: World, path: str = "/pages/", **headers: str) -> str:
    page = world.client.get(path, headers=headers).get_data(as_text=True)
    found = re.search(r'<html lang="(\w+)">', page)
    assert found, page
    return found.group(1)


def session_of(world: World) -> dict[str, object]:
    with world.client.session_transaction() as session:
        return dict(session)


def test_the_language_link_changes_the_language_and_nothing_else(world: World) -> None:
    log_in(world, "hr")
    assert language(world) == "id"  # (a page: its log-out form's CSRF token in the session)
    before, log = session_of(world), world.log()
    assert language(world, "/pages/?lang=en") == "en"
    assert language(world) == "en"  # kept for the next pages
    after = session_of(world)
    assert {k: v for k, v in after.items() if k != "lang"} == {k: v for k, v in before.items() if k != "lang"}
    assert after["lang"] == "en"
    assert world.log() == log


def test_a_link_from_another_site_shows_its_language_without_keeping_it(world: World) -> None:
    log_in(world, "hr")
    before = session_of(world)
    assert language(world, "/pages/?lang=en", **{"Sec-Fetch-Site": "cross-site"}) == "en"
    assert session_of(world).get("lang") == before.get("lang")
    assert language(world) == "id"


def test_a_language_link_of_this_site_is_kept_when_the_browser_says_so(world: World) -> None:
    assert language(world, "/pages/login?lang=en", **{"Sec-Fetch-Site": "same-origin"}) == "en"
    assert language(world, "/pages/login") == "en"


def test_an_unknown_language_changes_nothing(world: World) -> None:
    log_in(world, "hr")
    before = session_of(world)
    assert language(world, "/pages/?lang=xx") == "id"
    assert session_of(world).get("lang") == before.get("lang")

"""A name is found by any case of its letters on both stores, accented or not: SQLite's LOWER folds ASCII letters
only, so the roster's search (the API's `q`, the start page's search by name) found "Çelik" typed "çelik" on
PostgreSQL and not on SQLite, nor "ÖZLEM" for "Özlem". Both stores now match the name casefolded when it is
projected (the roster's `name_folded`) against the search casefolded."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

ÖZLEM = f.nip(date(1991, 3, 3), date(2016, 2, 1), "F", sequence=731)
NAME = "Özlem Çelik-Ñúñez"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # the stores' own case folding is what differed


@pytest.fixture
def named(world: World) -> World:
    world.services.ledger.record(ÖZLEM, "appointment", appointment_of(ÖZLEM, name=NAME), actor="test")
    world.catch_up()
    return world


@pytest.mark.parametrize("typed", ["özlem", "ÖZLEM", "çelik", "ÇELIK", "ñúñez", "ÑÚÑEZ", "zlem ç"])
def test_the_roster_finds_a_name_by_any_case_of_its_letters(named: World, typed: str) -> None:
    found = named.get("/api/v1/employees", query_string={"q": typed}).get_json()
    assert [(i["nip"], i["name"]) for i in found["items"]] == [(ÖZLEM, NAME)], typed
    assert found["total"] == 1


def test_the_start_page_finds_a_name_by_any_case_of_its_letters(named: World) -> None:
    log_in(named, "hr")
    page = named.client.get("/pages/find", query_string={"nip": "ÖZLEM ÇELIK", "lang": "en"}).get_data(as_text=True)
    assert f'<a href="/pages/employees/{ÖZLEM}">{NAME}</a>' in page


def test_a_search_still_matches_a_part_of_the_nip_and_nothing_else(named: World) -> None:
    assert [i["nip"] for i in named.get("/api/v1/employees", query_string={"q": ÖZLEM[4:12]}).get_json()["items"]] == [
        ÖZLEM
    ]
    assert named.get("/api/v1/employees", query_string={"q": "özlemx"}).get_json()["items"] == []

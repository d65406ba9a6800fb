"""A name is found by its words, not only as one run of text: in North Sumatra the recorded names are "Elisabeth br.
Sianturi" and "Dr. Friska br. Simatupang", and the start page (as an HR writer of Kota Medan types them) found no one
for "Elisabeth Sianturi", "Elisabeth br Sianturi" or "Friska Simatupang". Every word typed is now looked for within
the name, in any order, punctuation aside, the titles and the particles br./boru, bin and binti (names.toml) neither
needed nor in the way; the API's `q` reads the same search."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

ELISABETH = f.nip(date(1988, 7, 11), date(2010, 12, 1), "F", sequence=1)
FRISKA = f.nip(date(1985, 3, 3), date(2009, 2, 1), "F", sequence=2)
SIMATUPANG = f.nip(date(1990, 5, 5), date(2014, 2, 1), "F", sequence=3)
ZULAIKHA = f.nip(date(1991, 6, 6), date(2015, 3, 1), "F", sequence=4)
NAMES = {
    ELISABETH: "Elisabeth br. Sianturi",
    FRISKA: "Dr. Friska br. Simatupang",
    SIMATUPANG: "Elisabeth Simatupang",
    ZULAIKHA: "Zulaikha Siregar, S.Sos.",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def named(world: World) -> World:
    for nip, name in NAMES.items():
        world.services.ledger.record(nip, "appointment", appointment_of(nip, name=name), actor="test")
    world.catch_up()
    return world


@pytest.mark.parametrize(
    ("typed", "nips"),
    [
        ("Elisabeth Sianturi", [ELISABETH]),
        ("Elisabeth br Sianturi", [ELISABETH]),
        ("elisabeth boru sianturi", [ELISABETH]),
        ("Sianturi, Elisabeth", [ELISABETH]),  # in any order, the comma aside
        ("Friska Simatupang", [FRISKA]),
        ("dr friska br. simatupang", [FRISKA]),
        ("Elis Sian", [ELISABETH]),  # the words' first letters, as typed before the whole name
        ("Simatupang", [FRISKA, SIMATUPANG]),
        ("Elisabeth Simatupang", [SIMATUPANG]),  # every word in the name: not another Elisabeth's
        ("Friska Sianturi", []),
        # the words after the first comma are titles, as an import reads a name, unless they hold a given name
        ("Zulaikha Siregar, S.Sos., M.Si.", [ZULAIKHA]),
        ("Zulaikha Siregar, S.Kom.", [ZULAIKHA]),
        ("Dr. Friska Simatupang, M.Kes.", [FRISKA]),
        ("Sianturi, Elisabeth, S.H.", [ELISABETH]),
        ("Siregar, Friska", []),
    ],
)
def test_the_roster_finds_a_name_by_its_words_without_titles_or_br(named: World, typed: str, nips: list[str]) -> None:
    found = named.get("/api/v1/employees", query_string={"q": typed}).get_json()
    assert sorted(i["nip"] for i in found["items"]) == sorted(nips), typed
    assert found["total"] == len(nips)


@pytest.mark.parametrize("typed", ["Elisabeth Sianturi", "Elisabeth br Sianturi", "Elisabeth Sianturi, S.H., M.H."])
def test_the_start_page_finds_elisabeth_br_sianturi_without_her_br(named: World, typed: str) -> None:
    log_in(named, "hr")
    page = named.client.get("/pages/find", query_string={"nip": typed, "lang": "en"}).get_data(as_text=True)
    assert f'<a href="/pages/employees/{ELISABETH}">Elisabeth br. Sianturi</a>' in page
    assert SIMATUPANG not in page

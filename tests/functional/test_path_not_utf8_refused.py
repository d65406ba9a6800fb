"""A path parameter that is not UTF-8 once percent-decoded (`/units/KOTA-MEDAN/Dinas%20Pendidikan%E9/ratings`, a
client writing Latin-1) is a 422 naming it, as a query parameter so written is, and nothing is recorded. Before,
werkzeug read the bytes as U+FFFD and the unit's rating was recorded for a unit "Dinas Pendidikan\ufffd", a name no
one wrote. Both stores."""

from __future__ import annotations

import json

import pytest

from tests.functional.conftest import BUDI, World

NOT_UTF8 = (
    "Not valid UTF-8: the path's text is percent-encoded UTF-8 (%C3%A9 for \u00e9); these bytes are no character."
)
RATING = {"year": 2025, "predicate": "BAIK", "effective_date": "2025-12-31", "reference": "SAKIP-2025-1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("unit", "agency"),
    [("Dinas%20Pendidikan%E9", "KOTA-MEDAN"), ("%FF", "KOTA-MEDAN"), ("Bappeda", "KOTA-MEDAN%C3")],
    ids=["latin1", "a_byte", "cut_short"],
)
def test_a_unit_rating_whose_path_is_not_utf8_is_a_422_naming_it(world: World, unit: str, agency: str) -> None:
    before = world.log()
    answer = world.post(
        f"/api/v1/units/{agency}/{unit}/ratings", data=json.dumps(RATING), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    named = "agency" if "%" in agency else "unit"
    assert answer.get_json()["errors"] == {named: [NOT_UTF8]}
    assert world.log() == before


def test_an_employee_path_not_utf8_is_a_422_naming_nip(world: World) -> None:
    answer = world.get(f"/api/v1/employees/{BUDI}%FF/timeline")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.get_json()["errors"] == {"nip": [NOT_UTF8]}


def test_a_path_in_utf8_reads_as_before(world: World) -> None:
    answer = world.post(
        "/api/v1/units/KOTA-MEDAN/Dinas%20Pendidikan%20%C3%A9/ratings",
        data=json.dumps(RATING),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert answer.get_json()["subject"] == "UNIT:KOTA-MEDAN:Dinas Pendidikan \u00e9"

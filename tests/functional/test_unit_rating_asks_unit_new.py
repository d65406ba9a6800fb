"""A typo in a unit's name rated a new unit: `POST /api/v1/units/KOTA-MEDAN/Dinas%20Kesehatn/ratings` answered 201
and made `UNIT:KOTA-MEDAN:Dinas Kesehatn`, the unit meant left unrated (and its staff's ratings bounded by no unit
rating in the grade-inflation audit); an import row naming it was recorded too, with no warning (exploratory tester,
2026-12-07). A unit's rating now asks the `unit.new` question a placement asks (NEW_UNIT_UNCONFIRMED beside `unit`,
naming the near units) of a unit no record holds in its agency near a known one (an employee's unit, or a unit
rated), answered by the same confirmation: the API's `confirm`, an import's Konfirmasi cell. A unit near none known
is a new one, rated unasked; a migration is never asked. Both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.importing import import_file
from tests.functional.conftest import World
from tests.functional.test_unit_new_in_agency_asked import imported, store_url  # noqa: F401 (both stores)

UNITS = "/api/v1/units/KOTA-MEDAN"
RATING = {"year": 2021, "predicate": "SANGAT_BAIK", "effective_date": "2021-12-31", "reference": "LKJ-TYPO"}
ASKED = (
    "'Bapeda' is no unit known in KOTA-MEDAN (did you mean 'Bappeda'?): recorded, it would be another unit in every "
    "count by unit. If the decree does name a new unit, confirm it (confirm: unit.new) and send it again; if not, "
    "write the unit as recorded."
)


@pytest.fixture
def known(world: World) -> World:
    world.catch_up()  # (KOTA-MEDAN's staff units known to the views: BKPSDM, Bappeda)
    return world


def rate(world: World, unit: str, **extra: Any) -> Any:
    return world.post(f"{UNITS}/{unit}/ratings", "hr", json={**RATING, **extra})


def test_a_rating_of_a_misspelt_unit_is_asked_naming_the_known_one_and_recorded_confirmed(known: World) -> None:
    before = known.log()
    answer = rate(known, "Bapeda")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"unit": [ASKED]}
    assert known.log() == before  # (no unit `Bapeda` registered)
    confirmed = rate(known, "Bapeda", confirm=["unit.new"])
    assert confirmed.status_code == 201, confirmed.get_json()
    assert confirmed.get_json()["subject"] == "UNIT:KOTA-MEDAN:Bapeda"


def test_a_rating_of_a_known_unit_in_another_case_or_of_a_unit_near_none_is_recorded_unasked(known: World) -> None:
    assert rate(known, "bappeda%20").status_code == 201  # (an employee's unit, no unit record yet)
    assert rate(known, "Dinas%20Kesehatan", reference="LKJ-DINKES").status_code == 201  # (near none known)


def test_a_misspelling_of_a_unit_rated_by_a_migration_alone_is_asked(known: World, tmp_path: Path) -> None:
    """A unit no employee was placed in, rated before (here by a migration, which this process did not let through):
    its ratings know it, so a misspelling of it is asked too."""
    row = {"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "Inspektorat", **RATING, "reference": "LKJ-INSP",
           "recorded_at": "2022-01-03T02:00:00Z", "version": 2}  # fmt: skip
    (tmp_path / "log.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(known.services.ledger, tmp_path / "log.jsonl", actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (1, [])
    answer = rate(known, "Inspektorar", year=2022, effective_date="2022-12-31")
    assert answer.status_code == 422, answer.get_json()
    assert "(did you mean 'Inspektorat'?)" in answer.get_json()["errors"]["unit"][0]


def test_the_question_comes_with_the_ratings_own_problems_at_once(known: World) -> None:
    own = rate(known, "Dinas%20Kesehatan", year=2022)  # (a year after the rating's date, 2021-12-31)
    assert own.status_code == 422, own.get_json()
    assert "year" in own.get_json()["errors"]
    answer = rate(known, "Bapeda", year=2022)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"unit": [ASKED], **own.get_json()["errors"]}


def test_an_import_row_rating_a_misspelt_unit_is_asked_and_a_yes_records_it_with_a_warning(known: World) -> None:
    row = {"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "Bapeda", **RATING}
    report = imported(known, [row])
    assert [(p["line"], p["errors"]) for p in report["rejected"]] == [
        (1, {"unit": [ASKED.replace("(confirm: unit.new) and send it again", "(confirm: unit.new, or ya in the "
                                    "Konfirmasi column) and import the row again")]})
    ]  # fmt: skip
    report = imported(known, [{**row, "confirm": "ya"}])
    assert (report["recorded"], report["rejected"]) == (1, [])
    assert [w["errors"] for w in report["warnings"]] == [
        {
            "unit": [
                "'Bapeda' is a unit new in KOTA-MEDAN, confirmed by the yes in the Konfirmasi column (unit.new); it is "
                "near 'Bappeda', known there. If it is that unit misspelt, correct this row's unit in the file (once "
                "recorded, retract the rating and rate that unit)."
            ]
        }
    ]

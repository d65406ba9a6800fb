"""A correction's corrected value written with an exponent ("1e3" as a JSON string in corrected_fields, "1,5E+06" in
an imported CSV cell's JSON) is refused naming corrected_fields.<field> as the fact's own field is: the exponent's
refusal (payload.EXPONENT), or the field's own bound's for a number beyond it (1e400 rupiah). Before, the API and
the import read "1e3" as 1000 (recorded as 1E+3) and a corrected hours "2E+00" was refused as no whole number. A
JSON number (1e3) is read as before. Nothing is recorded. Both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_corrected_values_read_as_cells import imported, row, training
from tests.functional.test_numbers_written_with_exponent import COST, COST_AND_HOURS_CASES, exponent

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def correction(version: int, changes: dict[str, Any], reference: str = "RALAT-1") -> dict[str, Any]:
    return {
        "kind": "correction",
        "target_version": version,
        "corrected_fields": changes,
        "reason": "Salah ketik",
        "effective_date": "2024-06-01",
        "reference": reference,
    }


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        *COST_AND_HOURS_CASES,
        ("hours", "2E+01", "20 JP is more than 12 JP a day (training days: 1)."),
    ],
)
def test_a_corrected_value_written_with_an_exponent_is_refused_by_the_api_naming_it(
    world: World, field: str, typed: str, reason: str
) -> None:
    version = training(world, "K-1")
    before = world.log()
    answer = world.post(EVENTS, "hr", json=correction(version, {field: typed}))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {f"corrected_fields.{field}": [reason]}
    assert world.log() == before


def test_a_corrected_json_number_with_an_exponent_is_read_as_before(world: World) -> None:
    version = training(world, "K-2")
    answer = world.post(EVENTS, "hr", json=correction(version, {"cost": 2e6}))
    assert answer.status_code == 201, answer.get_json()


def test_a_corrected_value_written_with_an_exponent_is_refused_by_an_import_naming_it(world: World) -> None:
    one, two, three = training(world, "K-3"), training(world, "K-4"), training(world, "K-5")
    before = world.log()
    report = imported(
        world,
        row(one, {"cost": "1,5E+06"}, "01/06/2024", "RALAT-3"),
        row(two, {"cost": "1E+400"}, "01/06/2024", "RALAT-4"),
        row(three, {"hours": "2E+00"}, "01/06/2024", "RALAT-5"),
    )
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [
        ({"corrected_fields.cost": [exponent("1,5E+06")]}, {"corrected_fields.cost": "1,5E+06"}),
        ({"corrected_fields.cost": [COST]}, {"corrected_fields.cost": "1E+400"}),
        ({"corrected_fields.hours": [exponent("2E+00")]}, {"corrected_fields.hours": "2E+00"}),
    ]
    assert report["recorded"] == 0
    assert world.log() == before


MIXED = "kind;nip;training_kind;title;organiser;hours;start_date;effective_date;reference;cost;target_version;reason;"


def mixed_correction(version: int, changes: dict[str, str], reference: str) -> str:
    """A correction's line of a file of trainings and corrections (MIXED, corrected_fields last)."""
    cell = '"' + json.dumps(changes).replace('"', '""') + '"'
    return ";".join(["correction", BUDI, "", "", "", "", "", "2024-06-01", reference, "", str(version), "Salah", cell])


def test_a_corrected_value_of_a_fact_the_same_import_records_is_judged_as_of_one_recorded_before(world: World) -> None:
    """The bound is judged against the record as the import's batch holds it: a training the file records on a line
    before its correction (the same batch, not yet written) is corrected as one recorded before it. Before, the
    correction's 1E+400 was judged against the record as stored, which did not hold that training yet, and refused
    as written with an exponent, where the same line imported alone got the cost's bound."""
    version = training(world, "K-7") + 1  # the version of the file's training (on the next day: training.daily_jp)
    trained = ";".join(
        ["training", BUDI, "TEKNIS", "Arsip", "BKPSDM", "8", "2024-05-07", "2024-05-07", "K-8", "1000000"]
    )
    report = imported(
        world,
        trained + ";;;",
        mixed_correction(version, {"cost": "1E+400"}, "RALAT-8"),
        mixed_correction(version, {"cost": "1,5E+06"}, "RALAT-9"),
        header=MIXED + "corrected_fields",
    )
    assert [(p["line"], p["errors"]) for p in report["rejected"]] == [
        (3, {"corrected_fields.cost": [COST]}),
        (4, {"corrected_fields.cost": [exponent("1,5E+06")]}),
    ]
    assert report["recorded"] == 1

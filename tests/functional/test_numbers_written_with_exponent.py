"""A number written with an exponent ("1e3" as a JSON string, "1,5E+06" in an imported CSV cell), as a spreadsheet
shows a long number, rounded, is refused naming the field and saying so, nothing recorded; but a number beyond its
field's own bound so written (a training's cost of "1e400") is refused with the bound's reason, as before: the bound is
judged first. A JSON number (1e3, not a string) is read as before, and the ledger itself reads a stored or recorded
"1e3" as before (no replay or rebuild refuses one: tests/integration/test_views_take_old_impossible_values.py).
Both stores."""

from __future__ import annotations

import io
from typing import Any

import pytest

from careerlog.domain.payload import TEXT_NOT_INTEGER
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem

EVENTS = f"/api/v1/employees/{BUDI}/events"
COST = "More than 1,000,000,000,000 rupiah: record the cost of this training in rupiah."
HOURS = "20 JP is more than 12 JP a day (training days: 1)."


def exponent(value: str) -> str:
    return (
        f"{value!r} is written with an exponent (scientific notation), as a spreadsheet shows a long number: write "
        "the number out in full, in digits (the spreadsheet may have rounded it)."
    )


# The exponent cases a corrected value, `careerlog record` and the record form share with the API: the exponent's
# refusal, or the field's own bound's first (a cost past it, written with an exponent)
COST_AND_HOURS_CASES = [
    ("cost", "1e3", exponent("1e3")),
    ("cost", "1,5E+06", exponent("1,5E+06")),
    ("cost", "2E+12", COST),
    ("cost", "1e400", COST),
    ("hours", "2E+00", exponent("2E+00")),
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def training(reference: str, **fields: Any) -> dict[str, Any]:
    # (4 JP: trainings of one day holding at most 12 JP together, rule training.daily_jp)
    return {"kind": "training", **f.training("2016-01-08", hours=4, reference=reference, title=reference), **fields}


@pytest.mark.parametrize("cost", ["1e3", "1.5E+06", " 2e6 ", "1E3", "15e5"])
def test_a_cost_written_with_an_exponent_is_refused_naming_it(world: World, cost: str) -> None:
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json=training("EXP-1", cost=cost)), 422)
    assert body["errors"] == {"cost": [exponent(cost.strip())]}
    assert world.log() == before


@pytest.mark.parametrize("cost", ["1e400", "1e308", "2E+13"])
def test_a_cost_beyond_the_bound_written_with_an_exponent_gets_the_bounds_reason(world: World, cost: str) -> None:
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json=training("EXP-2", cost=cost)), 422)
    assert body["errors"] == {"cost": [COST]}
    assert world.log() == before


def test_an_exponent_is_named_with_the_other_fields_refused(world: World) -> None:
    body = problem(world.post(EVENTS, "hr", json=training("EXP-3", cost="1e3", hours="eight")), 422)
    assert body["errors"] == {"hours": [TEXT_NOT_INTEGER], "cost": [exponent("1e3")]}
    body = problem(world.post(EVENTS, "hr", json=training("EXP-3", cost="1e400", hours="eight")), 422)
    assert body["errors"] == {"hours": [TEXT_NOT_INTEGER], "cost": [COST]}


def test_a_json_number_with_an_exponent_is_read_as_before(world: World) -> None:
    answer = world.post(EVENTS, "hr", json=training("EXP-4", cost=1e3))
    assert answer.status_code == 201, answer.get_data(as_text=True)
    answer = world.post(EVENTS, "hr", json=training("EXP-5", cost="1000"))
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_the_ledger_reads_a_number_with_an_exponent_as_before(world: World) -> None:
    payload = {**f.training("2016-01-08", reference="EXP-6"), "cost": "1e3"}
    outcome = world.services.ledger.record(BUDI, "training", payload, actor="test")
    assert outcome.version == 3


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"per_page": "1e1"}, exponent("1e1")),
        ({"min_years_in_rank": "1e0"}, exponent("1e0")),
        ({"page": "1.5e0"}, exponent("1.5e0")),
        ({"per_page": "1e6"}, "Must be greater than or equal to 1 and less than or equal to 500."),
        ({"min_years_in_rank": "-1e1"}, "Must be greater than or equal to 0."),
    ],
)
def test_a_query_number_written_with_an_exponent_is_refused_after_its_bounds(
    world: World, query: dict[str, str], reason: str
) -> None:
    body = problem(world.get("/api/v1/employees", query_string=query), 422)
    assert body["errors"] == {next(iter(query)): [reason]}


def test_an_imported_cell_written_with_an_exponent_is_refused_after_its_bounds(world: World) -> None:
    columns = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference"]
    cells = [BUDI, "TEKNIS", "Arsip", "BKPSDM", "8", "2016-01-08", "2016-01-08"]
    rows = [
        [*cells, "CSV-1", "1,5E+06"],
        [*cells, "CSV-2", "1.5E+06"],
        [*cells, "CSV-3", "1E+400"],
        [*cells, "CSV-4", "2E+13"],
        [*cells[:4], "2E+00", *cells[5:], "CSV-5", "1500000"],
        [*cells[:4], "2E+01", *cells[5:], "CSV-6", "1500000"],
        [*cells, "CSV-7", "1500000"],
    ]
    text = "\r\n".join(";".join(row) for row in [[*columns, "cost"], *rows]) + "\r\n"
    before = world.log()
    data = {"file": (io.BytesIO(text.encode()), "training.csv")}
    answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report = answer.get_json()
    assert [(r["line"], r["errors"], r["values"]) for r in report["rejected"]] == [
        (2, {"cost": [exponent("1,5E+06")]}, {"cost": "1,5E+06"}),
        (3, {"cost": [exponent("1.5E+06")]}, {"cost": "1.5E+06"}),
        (4, {"cost": [COST]}, {"cost": "1E+400"}),
        (5, {"cost": [COST]}, {"cost": "2E+13"}),
        (6, {"hours": [exponent("2E+00")]}, {"hours": "2E+00"}),
        (7, {"hours": [HOURS]}, {"hours": "2E+01"}),
    ]
    assert report["recorded"] == 1
    assert len(world.log()) == len(before) + 1

"""A placement into the unit, agency and region the employee is already placed in on its date records a move that is
none (a transfer in every count of moves, a new "since" on the career page): refused beside `unit` naming the
appointment or placement that placed them there, nothing recorded (until 2026-12-06 recorded silently). The unit is
compared as units are (any letter case and spacing); a move back, or into another unit, is recorded; a placement sent
again under its reference is answered as recorded; a migration keeps what its log holds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from careerlog.application import Command, Migration
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def placement(unit: str, day: str, reference: str) -> dict[str, Any]:
    return {"kind": "placement", "agency": "KOTA-MEDAN", "unit": unit, "region": "12.71", "effective_date": day,
            "reference": reference}  # fmt: skip


def refusal(unit: str, since: str, version: int, day: str) -> str:
    return (
        f"Already placed in {unit} (KOTA-MEDAN, region 12.71) since {since}, by version {version} of the record: a "
        f"placement there on {day} moves no one. Write the unit, agency or region the decree places the employee in; "
        f"a decree amending version {version} is recorded as its correction, not as another placement."
    )


def test_a_placement_into_the_unit_of_the_appointment_is_refused_naming_it(world: World) -> None:
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json=placement(" bkpsdm ", "2020-01-02", "SK-SAME/1")), 422)
    assert body["errors"] == {"unit": [refusal("BKPSDM", "2010-03-01", 1, "2020-01-02")]}
    assert world.log() == before


def test_a_move_is_recorded_and_a_second_placement_into_that_unit_refused(world: World) -> None:
    moved = world.post(EVENTS, "hr", json=placement("Bappeda", "2020-01-02", "SK-MOVE/1"))
    assert moved.status_code == 201, moved.get_json()
    version = moved.get_json()["version"]
    again = world.post(EVENTS, "hr", json=placement("Bappeda", "2020-01-02", "SK-MOVE/1"))  # (the same row sent again)
    assert (again.status_code, again.get_json()["version"]) == (200, version)
    body = problem(world.post(EVENTS, "hr", json=placement("BAPPEDA", "2021-07-01", "SK-MOVE/2")), 422)
    assert body["errors"] == {"unit": [refusal("Bappeda", "2020-01-02", version, "2021-07-01")]}
    earlier = problem(world.post(EVENTS, "hr", json=placement("BKPSDM", "2019-06-03", "SK-MOVE/3")), 422)
    assert earlier["errors"] == {"unit": [refusal("BKPSDM", "2010-03-01", 1, "2019-06-03")]}  # (back-dated)
    back = world.post(EVENTS, "hr", json=placement("BKPSDM", "2021-07-01", "SK-MOVE/4"))
    assert back.status_code == 201, back.get_json()


def test_a_migration_keeps_a_placement_into_the_unit_held(world: World) -> None:
    migration = Migration(recorded_at=datetime(2020, 1, 3, tzinfo=UTC), recorded_by="legacy")
    payload = {k: v for k, v in placement("BKPSDM", "2020-01-02", "SK-OLD/1").items() if k != "kind"}
    (outcome,) = world.services.ledger.record_batch([Command(BUDI, "placement", payload, migration=migration)],
                                                    actor="admin")  # fmt: skip
    assert not isinstance(outcome, Exception), outcome
    training = {"kind": "training", "training_kind": "TEKNIS", "title": "Excel", "organiser": "BPSDM", "hours": 16,
                "start_date": "2021-05-03", "effective_date": "2021-05-04", "reference": "SERT/1"}  # fmt: skip
    later = world.post(EVENTS, "hr", json=training)  # (the fact stored is not judged again by the check)
    assert later.status_code == 201, later.get_json()

"""A status change to the status the employee already holds on its day records a change that is none (HR tester,
2026-12-07: a CLTN, status "2", recorded the day after the CLTN began; an ACTIVE, "01", for one never on leave, each
answered 201), while a placement that moves no one is refused: refused beside `status`, naming the fact that gave that
status (careerlog.domain.employee.STATUS_HELD), nothing recorded; an import names the line of the file that gave it.
A change to another status is recorded, a status change sent again is answered as recorded, a migration keeps what its
log holds."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from careerlog.application import Command, Migration
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def held(status: str, since: str, version: int, day: str) -> str:
    return (
        f"Already {status} since {since}, by version {version} of the record: a status change to {status} on {day} "
        f"changes nothing. Write the status the decree gives the employee; a decree amending version {version} is "
        "recorded as its correction, not as another status change."
    )


def status_change(status: str, day: str) -> dict[str, object]:
    return {"kind": "status_change", **f.status(status, day)}


def appointed_on(world: World) -> tuple[str, int]:
    [appointment] = [e for e in world.services.ledger.get_history(BUDI) if e["kind"] == "appointment"]
    return str(appointment["effective_date"]), int(appointment["version"])


def test_active_for_one_never_on_leave_is_refused_naming_the_appointment(world: World) -> None:
    before = world.log()
    since, version = appointed_on(world)
    body = problem(world.post(EVENTS, "hr", json=status_change("01", "2024-02-01")), 422)
    assert body["errors"] == {"status": [held("ACTIVE", since, version, "2024-02-01")]}
    assert world.log() == before


def test_a_cltn_recorded_again_the_next_day_is_refused_and_a_change_back_recorded(world: World) -> None:
    first = status_change("2", "2024-02-01")
    leave = world.post(EVENTS, "hr", json=first)
    assert leave.status_code == 201, leave.get_json()
    version = leave.get_json()["version"]
    again = world.post(EVENTS, "hr", json=first)  # (the same recording sent again: answered as recorded)
    assert (again.status_code, again.get_json()["version"]) == (200, version)
    before = world.log()
    for typed in ("2", "CLTN", "UNPAID_LEAVE"):
        body = problem(world.post(EVENTS, "hr", json=status_change(typed, "2024-02-02")), 422)
        assert body["errors"] == {"status": [held("UNPAID_LEAVE", "2024-02-01", version, "2024-02-02")]}
    assert world.log() == before
    back = world.post(EVENTS, "hr", json=status_change("01", "2025-02-01"))
    assert back.status_code == 201, back.get_json()


def test_the_answer_in_indonesian(world: World) -> None:
    world.post(EVENTS, "hr", json=status_change("2", "2024-02-01"))
    answer = world.call("POST", EVENTS, "hr", json=status_change("2", "2024-02-02"), headers={"Accept-Language": "id"})
    [said] = problem(answer, 422)["errors"]["status"]
    assert said.startswith("Sudah berstatus UNPAID_LEAVE sejak 2024-02-01, oleh versi "), said
    assert "tidak mengubah apa pun" in said


def test_an_import_names_the_line_that_gave_the_status(world: World) -> None:
    rows = [{"nip": BUDI, **status_change("2", day)} for day in ("2024-02-01", "2024-02-02")]
    body = "\n".join(json.dumps(row) for row in rows).encode() + b"\n"
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(body), "rows.jsonl")}, content_type="multipart/form-data"
    )
    report = answer.get_json()
    assert report["recorded"] == 1, report
    [refused] = report["rejected"]
    assert refused["line"] == 2
    [said] = refused["errors"]["status"]
    assert said.startswith(
        "Already UNPAID_LEAVE since 2024-02-01, by line 1 of this file: a status change to UNPAID_LEAVE on 2024-02-02 "
        "changes nothing."
    ), said


def test_a_migration_keeps_a_status_change_to_the_status_held(world: World) -> None:
    migration = Migration(recorded_at=datetime(2024, 2, 3, tzinfo=UTC), recorded_by="legacy")
    payload = f.status("ACTIVE", "2024-02-02")
    (outcome,) = world.services.ledger.record_batch(
        [Command(BUDI, "status_change", payload, migration=migration)], actor="admin"
    )
    assert not isinstance(outcome, Exception), outcome

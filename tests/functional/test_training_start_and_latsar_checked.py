"""A training's first day before the appointment is refused beside `start_date` as its last day is beside
`effective_date` (found by a tester, 2026-12-06: only the last day was compared, so a Latsar begun before the TMT was
recorded, and a correction moving its first day there too)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem

EVENTS = f"/api/v1/employees/{BUDI}/events"  # (BUDI: TMT 2010-03-01)
BEFORE = "2010-02-20 is before the appointment (TMT 2010-03-01)."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_a_training_begun_before_the_appointment_is_refused_beside_its_first_day(world: World) -> None:
    before = world.log()
    training = {"kind": "training", **f.training("2010-03-05", 40, "2010-02-20", training_kind="LATSAR")}
    body = problem(world.post(EVENTS, "hr", json=training), 422)
    assert body["errors"] == {"start_date": [BEFORE]}
    assert world.log() == before


def test_a_correction_moving_a_trainings_first_day_before_the_appointment_is_refused(world: World) -> None:
    training = {"kind": "training", **f.training("2010-03-05", 40, "2010-03-02", training_kind="LATSAR")}
    recorded = world.post(EVENTS, "hr", json=training)
    assert recorded.status_code == 201, recorded.get_json()
    before = world.log()
    correction = {
        "kind": "correction",
        "target_version": recorded.get_json()["version"],
        "corrected_fields": {"start_date": "2010-02-20"},
        "reason": "typo",
        "effective_date": "2026-01-05",
        "reference": "KOR-1",
    }
    body = problem(world.post(EVENTS, "hr", json=correction), 422)
    assert body["errors"] == {"corrected_fields.start_date": [BEFORE]}
    assert world.log() == before


def latsar(end: str, start: str, reference: str) -> dict[str, object]:
    title = {"title": "Latsar CPNS Golongan III", "reference": reference}
    return {"kind": "training", **f.training(end, 40, start, training_kind="LATSAR", **title)}


def test_a_second_basic_training_is_asked_naming_the_first_and_recorded_confirmed(world: World) -> None:
    first = world.post(EVENTS, "hr", json=latsar("2010-06-30", "2010-06-01", "LATSAR/1"))
    assert first.status_code == 201, first.get_json()
    version = first.get_json()["version"]
    before = world.log()
    again = latsar("2010-07-10", "2010-06-20", "LATSAR/2")  # (overlapping the first)
    body = problem(world.post(EVENTS, "hr", json=again), 422)
    assert body["errors"] == {
        "training_kind": [
            f"Version {version} of the record is a basic training already (LATSAR, 'Latsar CPNS Golongan III', "
            f"2010-06-01 to 2010-06-30), which a CPNS takes once (rule training.latsar_once): if it is this training, "
            f"it is recorded already (correct version {version} if it is wrong); if the employee did take it again, "
            "confirm it (confirm: training.latsar_once) and send it again."
        ]
    }
    assert world.log() == before
    confirmed = world.post(EVENTS, "hr", json={**again, "confirm": ["training.latsar_once"]})
    assert confirmed.status_code == 201, confirmed.get_json()
    # another kind of training is not asked
    other = {"kind": "training", **f.training("2010-08-10", 20, "2010-08-09")}
    assert world.post(EVENTS, "hr", json=other).status_code == 201


def held_from_before(world: World, tmp_path: Path) -> int:
    """A training begun before the appointment, as a store may hold one from before the check (2026-12-06): its
    migration records it (a migration keeps what its log holds); its version."""
    row = {**latsar("2010-03-05", "2010-02-20", "LATSAR/OLD"), "nip": BUDI, "recorded_at": "2026-11-10T08:00:00+07:00"}
    path = tmp_path / "log.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(world.services.ledger, path, actor="admin", migration=True)
    assert report.rejected == []
    assert report.recorded == 1
    (version,) = [e.originator_version for e in world.services.ledger.get_events(BUDI) if e.reference == "LATSAR/OLD"]
    return version


def change(kind: str, version: int, reference: str, **more: object) -> dict[str, object]:
    return {
        "kind": kind,
        "target_version": version,
        "reason": "typo",
        "effective_date": "2026-01-05",
        "reference": reference,
        **more,
    }


def test_a_migration_keeps_a_training_begun_before_the_appointment(world: World, tmp_path: Path) -> None:
    held_from_before(world, tmp_path)


def test_a_record_holding_one_stays_correctable_and_retractable(world: World, tmp_path: Path) -> None:
    """Only a new training's first day, or a correction of it, is judged: never a stored training another change
    re-checks (until then one such training refused every correction and retraction of its record)."""
    old = held_from_before(world, tmp_path)
    other = world.post(EVENTS, "hr", json={"kind": "training", **f.training("2011-08-10", 20, "2011-08-09")})
    assert other.status_code == 201, other.get_json()
    version = other.get_json()["version"]
    corrected = world.post(EVENTS, "hr", json=change("correction", version, "KOR-1", corrected_fields={"hours": 24}))
    assert corrected.status_code == 201, corrected.get_json()
    retracted = world.post(EVENTS, "hr", json=change("retraction", version, "RET-1"))
    assert retracted.status_code == 201, retracted.get_json()
    # the old training itself: its other fields corrected, its first day still refused before the appointment
    title = world.post(EVENTS, "hr", json=change("correction", old, "KOR-2", corrected_fields={"title": "Latsar"}))
    assert title.status_code == 201, title.get_json()
    before = world.log()
    body = problem(
        world.post(
            EVENTS, "hr", json=change("correction", old, "KOR-3", corrected_fields={"start_date": "2010-02-21"})
        ),
        422,
    )
    assert body["errors"] == {"corrected_fields.start_date": ["2010-02-21 is before the appointment (TMT 2010-03-01)."]}
    assert world.log() == before
    assert world.post(EVENTS, "hr", json=change("retraction", old, "RET-2")).status_code == 201

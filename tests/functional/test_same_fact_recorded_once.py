"""A fact is recorded once whether it comes with an Idempotency-Key, without one, or with another.

The acceptance pass of 2026-12-01 found a training recorded through the record page (which
always sends a client key) recorded a second time when the same certificate (same kind and
reference) came again without a key, from the API or an import: its JP counted twice. A
recording's kind and reference now name it whatever key it came with; only a migration
import, which reproduces a log as it was, still takes each row as it stands.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="CERT-ONCE")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def recorded(world: World, reference: str) -> list[tuple[int, str | None]]:
    items = world.get(EVENTS, "hr").get_json()["items"]
    return [(i["version"], i.get("client_key")) for i in items if i["reference"] == reference]


def keyed(key: str) -> dict[str, Any]:
    return {"headers": {"Idempotency-Key": key}}


def imported(world: World, row: dict[str, Any]) -> dict[str, Any]:
    data = {"file": (io.BytesIO(json.dumps({**row, "nip": BUDI}).encode() + b"\n"), "events.jsonl")}
    response = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    report: dict[str, Any] = response.get_json()
    return report


def test_a_fact_recorded_with_a_key_is_not_recorded_again_without_one(world: World) -> None:
    first = world.post(EVENTS, "hr", json=TRAINING, **keyed("form-1")).get_json()
    again = world.post(EVENTS, "hr", json=TRAINING)
    assert again.status_code == 200
    assert again.get_json()["version"] == first["version"]
    assert again.get_json()["created"] is False
    report = imported(world, TRAINING)
    assert (report["recorded"], report["already_recorded"]) == (0, 1)
    assert recorded(world, "CERT-ONCE") == [(first["version"], "form-1")]


def test_a_fact_recorded_without_a_key_is_not_recorded_again_with_one(world: World) -> None:
    first = world.post(EVENTS, "hr", json=TRAINING).get_json()
    again = world.post(EVENTS, "hr", json=TRAINING, **keyed("form-2"))
    assert again.status_code == 200
    assert again.get_json()["version"] == first["version"]
    assert recorded(world, "CERT-ONCE") == [(first["version"], None)]


def test_the_same_reference_with_other_values_under_another_key_is_a_conflict(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING, **keyed("form-3"))
    before = world.log()
    response = world.post(EVENTS, "hr", json={**TRAINING, "hours": 6}, **keyed("form-4"))
    assert response.status_code == 409
    assert "record a correction of version" in response.get_json()["detail"]
    assert world.log() == before


def test_a_key_used_again_answers_as_before(world: World) -> None:
    first = world.post(EVENTS, "hr", json=TRAINING, **keyed("form-5")).get_json()
    again = world.post(EVENTS, "hr", json=TRAINING, **keyed("form-5"))
    assert (again.status_code, again.get_json()["version"]) == (200, first["version"])
    assert world.post(EVENTS, "hr", json={**TRAINING, "hours": 6}, **keyed("form-5")).status_code == 409


def test_a_correction_recorded_with_a_key_is_not_recorded_again_without_one(world: World) -> None:
    version = world.post(EVENTS, "hr", json=TRAINING).get_json()["version"]
    correction = {"kind": "correction", **f.correction(version, "2016-02-01", hours=6)}
    first = world.post(EVENTS, "hr", json=correction, **keyed("form-6")).get_json()
    again = world.post(EVENTS, "hr", json=correction)
    assert (again.status_code, again.get_json()["version"]) == (200, first["version"])


def test_a_unit_rating_recorded_with_a_key_is_not_recorded_again_without_one(world: World) -> None:
    path = "/api/v1/units/KOTA-MEDAN/Bappeda/ratings"
    rating = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-10", "reference": "SAKIP-2023"}
    first = world.post(path, "hr", json=rating, **keyed("unit-1")).get_json()
    again = world.post(path, "hr", json=rating)
    assert (again.status_code, again.get_json()["version"]) == (200, first["version"])


@pytest.mark.parametrize("key", [None, "HD-KEY-1"])
def test_a_penalty_recorded_before_its_end_was_counted_anew_is_the_same_when_sent_again(
    world: World, key: str | None
) -> None:
    """A penalty sent without its end has it filled in from the kind's months. Before 2026-12-05 that end was the start
    + the months - 1 day, 29 September for 6 months begun 31 March, now the 30th (careerlog.ages.months_last_day): the
    same penalty sent again (a file imported again, a request retried) was refused "already recorded as version N
    with different values (end_date)". It is the recording made then, its end as recorded; a new one ends on the
    30th."""
    ledger = world.services.ledger
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_6", "effective_date": "2023-03-31"}
    before = {**penalty, "reference": "HD-2023-1", "end_date": "2023-09-29"}  # (as recorded then: its end filled in)
    first = ledger.record(BUDI, "penalty", before, actor="cli", client_key=key)
    again = ledger.record(BUDI, "penalty", {**penalty, "reference": "HD-2023-1"}, actor="cli", client_key=key)
    assert (again.version, again.created) == (first.version, False)
    new = ledger.record(BUDI, "penalty", {**penalty, "reference": "HD-2023-2"}, actor="cli")
    items = world.get(EVENTS, "hr").get_json()["items"]
    ends = {i["reference"]: i["end_date"] for i in items if i["kind"] == "penalty"}
    assert (new.created, ends) == (True, {"HD-2023-1": "2023-09-29", "HD-2023-2": "2023-09-30"})

"""A training corrected into one the record holds already, the writer confirming it was attended twice (confirm:
training.duplicate, stored on the correction's event, careerlog.application.corrected_training), counts its JP as
confirmed: neither training is a probable duplicate (rule training.counted_once), the timeline names none
(`counted_once_with`), and the year's JP count both; whether the later training or the earlier one is the one corrected.
A confirmation on any event of the two made when both were recorded counts. Both stores.

Found by a review (2026-12-06): the rule read only the training's own recording's confirmation, so the correction's
was lost, its JP counted once and the page flagged it (counted_once_with 2, 4 JP for 8)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
ARSIP = {"title": "Arsip", "organiser": "BKPSDM", "hours": 4, "start_date": "2024-03-04"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def record(world: World, title: str, reference: str) -> int:
    body = {"kind": "training", **f.training("2024-03-06", **ARSIP), "title": title, "reference": reference}
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["version"])


@pytest.mark.parametrize("corrected", ["later", "earlier"])
def test_a_duplicate_confirmed_by_a_correction_counts_its_jp_twice(world: World, corrected: str) -> None:
    first = record(world, "Arsip" if corrected == "later" else "Arsip Dinamis", "CERT-1")
    later = record(world, "Arsip Dinamis" if corrected == "later" else "Arsip", "CERT-2")
    target = later if corrected == "later" else first
    body = {"kind": "correction", **f.correction(target, "2024-04-01", title="Arsip")}
    asked = world.post(EVENTS, "hr", json=body)
    assert asked.status_code == 422, asked.get_json()  # (the writer is asked)
    answer = world.post(EVENTS, "hr", json={**body, "confirm": ["training.duplicate"]})
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "admin").get_json()["items"]
    trainings = {i["version"]: i for i in items if i["kind"] == "training"}
    assert [i["values"]["title"] for i in trainings.values()] == ["Arsip", "Arsip"]
    assert [v for v, i in trainings.items() if "counted_once_with" in i] == []
    years = {y["year"]: y["hours"] for y in world.services.training.jp_by_year(BUDI)["years"]}
    assert years[2024] == 8  # (was 4)

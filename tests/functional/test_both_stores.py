"""A representative subset of the API on SQLite and on PostgreSQL, chosen by configuration only."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from projections.framework import Follower
from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, RINA, TEST_WAIT_SECONDS, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def followed(world: World) -> Iterator[World]:
    """On PostgreSQL a `careerlog projections run` worker keeps the views; here, a follower thread."""
    follower = None
    if world.services.settings.store == "postgres":
        follower = Follower(world.services.projector, interval=0.05).start()
        world.services.wait_timeout = TEST_WAIT_SECONDS  # (followed now: not the wait for nothing, conftest)
    yield world
    if follower is not None:
        follower.stop()


def test_a_write_is_visible_to_a_read_that_waits_for_its_position(followed: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01")}
    written = followed.post(EVENTS, "hr", json=body, headers={"Idempotency-Key": "kp-2018"})
    assert written.status_code == 201
    shown = followed.get(f"/api/v1/employees/{BUDI}?wait_for={written.get_json()['position']}", "hr")
    assert shown.get_json()["rank"] == "III/c"
    again = followed.post(EVENTS, "hr", json=body, headers={"Idempotency-Key": "kp-2018"})
    assert (again.status_code, again.get_json()["version"]) == (200, written.get_json()["version"])
    before = followed.log()
    changed = followed.post(EVENTS, "hr", json={**body, "new_rank": "III/d"}, headers={"Idempotency-Key": "kp-2018"})
    assert changed.status_code == 409
    assert followed.log() == before


def test_another_agencys_employee_answers_like_a_missing_one(world: World) -> None:
    hidden = world.get(f"/api/v1/employees/{RINA}/events", "hr")
    missing = world.get(f"/api/v1/employees/{MISSING}/events", "hr")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data(as_text=True).replace(RINA, MISSING) == missing.get_data(as_text=True)


def test_an_import_reports_each_rejected_row(world: World) -> None:
    rows = [
        {"kind": "training", "nip": BUDI, **f.training("2016-01-08")},
        {"kind": "training", "nip": RINA, **f.training("2016-01-08")},
    ]
    data = {"file": (io.BytesIO("".join(json.dumps(r) + "\n" for r in rows).encode()), "e.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 1
    assert [p["line"] for p in report["rejected"]] == [2]


def test_reads_are_logged_and_shown_to_the_employee(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}/timeline", "inspector")
    items = world.get("/api/v1/access-log", "employee").get_json()["items"]
    assert [(i["username"], i["nip"], i["action"]) for i in items] == [("inspector", BUDI, "timeline")]


def test_headcount_as_csv(world: World) -> None:
    text = world.get("/api/v1/reports/headcount?by=agency&format=csv", "inspector").get_data(as_text=True)
    assert text.splitlines() == ["agency,count,suppressed", "KAB-KARO,1,false", "KOTA-MEDAN,2,false"]

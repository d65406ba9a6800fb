"""A read with `wait_for` that the views do not reach in time: with no process following the log (a PostgreSQL
store with no `careerlog projections run`, a SQLite server whose follower stopped) the views do not move while the
request waits, and the 503 view-not-ready says so, for how many seconds it waited, and what to do: start a worker
if none runs, else read its log (it may be in a long batch or failing), where until 2026-12-07 it said to "try
again shortly", which never came true (while /health answered 200), and then, until later that day, that no process
followed the log or the one that did failed, said too of a live worker committing a batch longer than the wait. A
worker that moves the views on but has not reached the position yet keeps that detail. On both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

INDONESIAN = {"Accept-Language": "id-ID,id;q=0.9,en;q=0.8"}
TIMELINE = f"/api/v1/employees/{BUDI}/timeline"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def unfollowed(world: World) -> int:
    """The log's head after a training recorded that nothing applies to the views (the SQLite server's own follower
    stopped; on PostgreSQL a server follows nothing)."""
    services = world.services
    services.wait_timeout = 0.2
    if services.lease is not None:
        services.lease.stop()
    services.ledger.record(BUDI, "training", f.training("2016-01-08"), actor="test")
    return int(services.ledger.max_notification_id())


def test_a_wait_no_view_moved_during_says_how_long_and_to_start_a_worker_or_read_its_log(world: World) -> None:
    head = unfollowed(world)
    answer = world.get(f"{TIMELINE}?wait_for={head}")
    assert answer.status_code == 503
    body = answer.get_json()
    assert body["type"] == "urn:careerlog:problem:view-not-ready"  # (the type as before)
    assert "did not move during the 0.2 seconds this request waited." in body["detail"]
    assert "If no `careerlog projections run` is running" in body["detail"]
    assert "if one is, it may be in a long batch or failing: read its log" in body["detail"]
    assert "no process follows the log" not in body["detail"]  # (not known: a worker may be in a long batch)
    assert "try again shortly" not in body["detail"]
    assert answer.headers["Retry-After"] == "30"  # (not 1: nothing moves within a second)
    assert world.get("/health", None).status_code == 200
    worded = world.get(f"{TIMELINE}?wait_for={head}", headers=INDONESIAN).get_json()
    assert "tidak bergerak selama 0,2 detik permintaan ini menunggu" in worded["detail"]  # (its decimal comma)
    assert "mungkin ia sedang mengerjakan batch yang panjang atau gagal: baca lognya" in worded["detail"]
    assert "`careerlog projections run`" in worded["detail"]


def test_a_wait_given_up_while_a_worker_moves_the_views_on_says_to_try_again_shortly(
    world: World, monkeypatch: Any
) -> None:
    head = unfollowed(world)
    world.services.ledger.record(BUDI, "training", f.training("2016-02-08"), actor="test")
    projector = world.services.projector
    projector.batch_size = 1

    def moved_not_reached(name: str, position: int | None, timeout: float) -> None:  # a worker one event on
        projector.step()
        raise TimeoutError

    monkeypatch.setattr(projector.views, "wait", moved_not_reached)
    answer = world.get(f"{TIMELINE}?wait_for={head + 1}")
    assert answer.status_code == 503
    assert answer.get_json()["type"] == "urn:careerlog:problem:view-not-ready"
    assert answer.get_json()["detail"] == "The views have not caught up with that position yet; try again shortly."
    assert answer.headers["Retry-After"] == "1"

"""A timeline read `known_at` a moment given with an offset (Jakarta's +07:00, say) answers that moment in UTC, as
every other time the API gives (recorded_at, last_recorded_at, the access log's at) and as the access log's
since/until are read: it echoed the offset sent, so a client comparing the answer's times as ISO strings compared
different zones. A moment that is no moment in UTC (year 1 at +01:00) is a 422 naming known_at, as the access
log's since is. The same on the fast path and through Flask. Both stores."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from werkzeug.test import Client

from careerlog.application import Migration
from tests import factories as f
from tests.functional.conftest import BUDI, World
from web.fastreads import FastReads


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("sent", "answered"),
    [
        ("2026-01-01T07:00:00+07:00", "2026-01-01T00:00:00+00:00"),
        ("2025-12-31T19:30:00-04:30", "2026-01-01T00:00:00+00:00"),
        ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00+00:00"),
        ("2026-01-01T00:00:00", "2026-01-01T00:00:00+00:00"),
    ],
)
@pytest.mark.parametrize("fast", [True, False])
def test_known_at_is_answered_in_utc(world: World, sent: str, answered: str, fast: bool) -> None:
    fast_reads = world.app.wsgi_app
    assert isinstance(fast_reads, FastReads)
    client = Client(fast_reads if fast else fast_reads.fallback)
    answer = client.get(
        f"/api/v1/employees/{BUDI}/timeline",
        query_string={"known_at": sent},
        headers={"Authorization": f"Bearer {world.tokens['hr']}"},
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.get_json()["known_at"] == answered


def test_a_moment_that_is_no_moment_in_utc_is_a_422_naming_known_at(world: World) -> None:
    for sent in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        answer = world.get(f"/api/v1/employees/{BUDI}/timeline", "hr", query_string={"known_at": sent})
        assert answer.status_code == 422
        assert answer.content_type == "application/problem+json"
        assert list(answer.get_json()["errors"]) == ["known_at"]


@pytest.mark.parametrize("fast", [True, False])
def test_known_at_a_day_alone_covers_what_was_recorded_that_day(world: World, fast: bool) -> None:
    """`known_at=2026-10-18` was read as that day's midnight (UTC), leaving out a fact recorded at 04:22 UTC that day
    (a tester, 2026-12-08); a day alone now covers the whole day, as the access log's `until` does: its last moment."""
    migration = Migration(recorded_at=datetime(2026, 10, 18, 4, 22, tzinfo=UTC), recorded_by="legacy")
    world.services.ledger.record(
        BUDI, "training", f.training("2026-10-10", hours=8), actor="legacy", migration=migration
    )
    world.catch_up()
    fast_reads = world.app.wsgi_app
    assert isinstance(fast_reads, FastReads)
    client = Client(fast_reads if fast else fast_reads.fallback)

    def known(at: str) -> dict[str, Any]:
        answer = client.get(
            f"/api/v1/employees/{BUDI}/timeline",
            query_string={"known_at": at},
            headers={"Authorization": f"Bearer {world.tokens['hr']}"},
        )
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return dict(answer.get_json())

    that_day, day_before, at_midnight = known("2026-10-18"), known("2026-10-17"), known("2026-10-18T00:00:00Z")
    assert that_day["known_at"] == "2026-10-18T23:59:59.999999+00:00"
    trained = [len([i for i in t["items"] if i["kind"] == "training"]) for t in (that_day, day_before, at_midnight)]
    assert trained == [1, 0, 0]  # (a moment stays that moment)

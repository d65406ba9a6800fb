"""A timeline read `known_at` a moment given with an offset (Jakarta's +07:00, say) answers that moment in UTC, as
every other time the API gives (recorded_at, last_recorded_at, the access log's at) and as the access log's
since/until are read: it echoed the offset sent, so a client comparing the answer's times as ISO strings compared
different zones. A moment that is no moment in UTC (year 1 at +01:00) is a 422 naming known_at, as the access
log's since is. The same on the fast path and through Flask. Both stores."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

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

"""The access log read for a period that ends before it starts (`until` before `since`) is a 422 naming `until`,
as the statistics' `to` before `from` is, not an empty page that reads as "nobody read anything"."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.functional.conftest import BUDI, World


def test_until_before_since_is_422_naming_until_with_both_times(world: World) -> None:
    response = world.get("/api/v1/access-log?since=2026-01-01T00:00:00Z&until=2025-01-01T00:00:00Z")

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    [reason] = response.get_json()["errors"]["until"]
    assert "since" in reason
    assert "2025-01-01" in reason
    assert "2026-01-01" in reason


def test_a_period_of_one_instant_or_longer_is_read(world: World) -> None:
    for until in ("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"):
        response = world.get(f"/api/v1/access-log?since=2026-01-01T00:00:00Z&until={until}")
        assert response.status_code == 200, until


def test_a_day_alone_as_until_covers_that_whole_day(world: World) -> None:
    """`until` written as a day alone was read as that day's midnight, its start: `until=<today>` left out today's
    reads, and `since=<today>&until=<today>`, the reads of today, answered an empty page, as if nobody had read
    anything. A day alone covers the whole day, as an audit's `to` does; a moment is the end it says, not included."""
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200  # (a read of Budi's record: logged now)
    [entry] = world.get(f"/api/v1/access-log?nip={BUDI}").get_json()["items"]
    today = datetime.fromisoformat(entry["at"]).astimezone(UTC).date()  # (the day it was logged, UTC)
    period = f"since={today}&until={today}"
    listed = world.get(f"/api/v1/access-log?nip={BUDI}&{period}").get_json()
    assert [(e["username"], e["action"]) for e in listed["items"]] == [("hr", "profile")]
    assert world.get(f"/api/v1/access-log?nip={BUDI}&until={today}").get_json()["total"] == 1
    assert world.get(f"/api/v1/access-log?nip={BUDI}&until={today}T00:00:00Z").get_json()["total"] == 0
    assert world.get(f"/api/v1/access-log?nip={BUDI}&until=9999-12-31").get_json()["total"] == 1


def test_a_day_alone_as_until_ending_before_since_is_422(world: World) -> None:
    response = world.get("/api/v1/access-log?since=2026-01-02&until=2026-01-01")
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "until": ["Must not be before 'since' (2026-01-02T00:00:00+00:00), got 2026-01-01."]
    }

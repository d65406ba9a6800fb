"""The access log read for a period that ends before it starts (`until` before `since`) is a 422 naming `until`,
as the statistics' `to` before `from` is, not an empty page that reads as "nobody read anything"."""

from __future__ import annotations

from tests.functional.conftest import World


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

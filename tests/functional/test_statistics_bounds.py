"""Fairness and time to promotion at the edges of their parameters: a period ending far ahead, the smallest cell."""

from __future__ import annotations

from datetime import timedelta

import pytest

from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

TIMES = "/api/v1/audits/time-to-promotion?by=sex&min_cell=1"


@pytest.mark.parametrize("to", ["2300-01-01", "9999-12-31", (latest_today() + timedelta(days=800)).isoformat()])
def test_time_to_promotion_with_a_period_ending_after_today_counts_the_waiting_until_today(
    world: World, to: str
) -> None:
    # years past 2262 were a 500 (pandas' Timestamp bound); a nearer future counted years not yet waited
    today = world.get(TIMES, "inspector")
    ahead = world.get(f"{TIMES}&to={to}", "inspector")
    assert ahead.status_code == 200, ahead.get_data(as_text=True)
    assert ahead.get_json() == today.get_json()
    assert ahead.get_json()["period"]["to"] == latest_today().isoformat()
    log_in(world, "inspector")
    csv = world.client.get(f"/pages/time-to-promotion.csv?by=sex&min_cell=1&to={to}")
    assert csv.status_code == 200
    assert csv.get_data() == world.client.get("/pages/time-to-promotion.csv?by=sex&min_cell=1").get_data()
    assert world.client.get(f"/pages/fairness?by=sex&to={to}").status_code == 200


@pytest.mark.parametrize("path", ["fairness", "time-to-promotion"])
@pytest.mark.parametrize("min_cell", [str(10**30), "1000001", "0"])
def test_the_smallest_cell_beyond_a_million_is_refused_naming_min_cell(world: World, path: str, min_cell: str) -> None:
    response = world.get(f"/api/v1/audits/{path}?by=sex&min_cell={min_cell}", "inspector")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"min_cell"}
    assert world.get(f"/api/v1/audits/{path}?by=sex&min_cell=1000000", "inspector").status_code == 200
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?by=sex&min_cell={min_cell}&lang=en")
    assert page.status_code == 422
    assert "min_cell" in page.get_data(as_text=True)


def test_the_smallest_cells_range_is_in_the_openapi_document(world: World) -> None:
    paths = world.client.get("/api/openapi.json").get_json()["paths"]
    for path in ("fairness", "time-to-promotion"):
        parameters = paths[f"/api/v1/audits/{path}"]["get"]["parameters"]
        [min_cell] = [p for p in parameters if p["name"] == "min_cell"]
        assert (min_cell["schema"]["minimum"], min_cell["schema"]["maximum"]) == (1, 1_000_000)

"""A region holding the reader's regions and more is refused, not read of the reader's regions alone.

A reporter scoped to region 12.71 asking /api/v1/reports/headcount?by=sex&region=12 was answered 200 with Kota Medan's
total alone, and an inspector of 12.71 the promotions of 12.71 under /api/v1/audits/promotions?region=12, with
nothing in the answer saying so: read as Sumatera Utara's figures. The scorecard refused it (403 naming `region`);
now every report, audit and the roster refuse it the same way, naming the regions the reader may ask
(web.services.refuse_filters_outside: `regions_within`)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_region_scope_refuses_agencies_seated_elsewhere import NEEDS, routes, scoped_to_the_city

ABOVE = "Region 12 is outside your scope (region 12.71)."  # (the scorecard's words: the regions it may ask named)
API = ("/api/v1/reports/", "/api/v1/audits/", "/api/v1/employees")


def query(route: str, region: str) -> str:
    args = {**NEEDS.get(route.rsplit("/", 1)[-1].split(".")[0], {}), "region": region}
    if route.startswith("/pages/"):
        args["lang"] = "en"
    return f"{route}?{urlencode(args)}"


@pytest.mark.parametrize("role", ["inspector", "reporter"])
def test_every_read_refuses_a_region_above_a_city_scope_naming_region(world: World, role: str) -> None:
    who = scoped_to_the_city(world, role)
    walked = set()
    for route in routes(world, API):
        if route.endswith("grade-inflation"):
            continue  # (it reads no region)
        answer = world.get(query(route, "12"), who)
        if answer.status_code == 403 and "role may not" in str(answer.get_json()):
            continue  # (the role's refusal, not the scope's)
        walked.add(route)
        assert answer.status_code == 403, (route, answer.get_json())
        assert answer.get_json()["errors"] == {"region": [ABOVE]}, route
        within = world.get(query(route, "12.71"), who)
        assert within.status_code == 200, (route, within.get_json())
    assert {"/api/v1/reports/headcount", "/api/v1/reports/scorecard"} <= walked
    if role == "inspector":
        assert {"/api/v1/audits/promotions", "/api/v1/audits/fairness", "/api/v1/employees"} <= walked


def test_the_scorecard_page_refuses_it_too(world: World) -> None:
    who = scoped_to_the_city(world, "inspector")
    log_in(world, who)
    for region, status in (("12", 403), ("12.71", 200)):
        answer = world.client.get(f"/pages/scorecard?agency=KOTA-MEDAN&year=2024&region={region}&lang=en")
        assert answer.status_code == status, region
    assert ABOVE in world.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2024&region=12&lang=en").get_data(
        as_text=True
    )


def test_a_province_reader_still_reads_its_cities(world: World) -> None:
    assert world.get("/api/v1/reports/headcount?by=sex&region=12.71", "inspector").status_code == 200
    assert world.get("/api/v1/reports/headcount?by=sex&region=12", "inspector").status_code == 200

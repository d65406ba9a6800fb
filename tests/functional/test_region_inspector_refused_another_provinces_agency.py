"""An inspector scoped to a region asking for the provincial agency of another province (PROV-SUMUT, North Sumatra's,
to West Sumatra's inspector, region 13) is refused, 403 naming `agency` and the reason, on the API's audit lists (as
problem+json), their pages and their downloads: not an empty list read as "no audited promotion in PROV-SUMUT".

An exploratory tester reported an empty answer (2026-12-07); the 403 holds since 2026-12-05 (web.services.
refuse_filters_outside: a provincial agency's staff work across its own province alone, `seated_meeting`). This pins
the case as reported, beside the agency scope's (test_audits_refuse_filters_outside_the_scope) and the city scope's
(test_region_scope_refuses_agencies_seated_elsewhere). Both stores."""

from __future__ import annotations

import pytest

from careerlog.access import Scope
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

REASON = "Agency PROV-SUMUT is outside your scope (region 13)."


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def west_sumatra(world: World) -> World:
    world.services.accounts.create(
        "inspector-sumbar", display_name="Inspektorat Sumatera Barat", role="inspector", scope=Scope(regions=("13",))
    )
    world.tokens["inspector_sumbar"] = world.services.accounts.issue_token("inspector-sumbar", days=30).token
    return world


@pytest.mark.parametrize("path", ["promotions", "posts", "appointments", "awards", "study-leaves"])
def test_the_api_refuses_another_provinces_agency_naming_it(west_sumatra: World, path: str) -> None:
    for query in ("agency=PROV-SUMUT", "agency=prov-sumut", "agency=PROV-SUMUT&format=csv"):
        answer = west_sumatra.get(f"/api/v1/audits/{path}?{query}", "inspector_sumbar")
        assert answer.status_code == 403, (path, query)
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.get_json()["errors"] == {"agency": [REASON]}


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits.csv", "/pages/audits/posts", "/pages/audits.xlsx"])
def test_the_pages_refuse_another_provinces_agency_naming_it(west_sumatra: World, path: str) -> None:
    log_in(west_sumatra, "inspector_sumbar")
    page = west_sumatra.client.get(f"{path}?agency=PROV-SUMUT&lang=en")
    assert page.status_code == 403
    assert REASON in page.get_data(as_text=True)
    indonesian = west_sumatra.client.get(f"{path}?agency=PROV-SUMUT&lang=id").get_data(as_text=True)
    assert "Instansi PROV-SUMUT di luar cakupan Anda" in indonesian

"""A unit's rating or a scorecard asked of an agency outside the caller's scope is a 403 problem naming the field
at fault, `agency`, with the reason, as the appointment's 403 names `agency` or `region`: "Outside your scope; see
errors." and `errors: {"agency": [...]}`. It named no field (its detail alone said why), so a client could not
put the refusal beside the field, as it does every other refusal. Whatever else the request sent (a bad year, a
body refused field by field), the answer is the same. The scorecard page outside the scope is still the 403 page."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

RATING = {"year": 2023, "predicate": "Baik"}
OUTSIDE = "Outside your scope; see errors."


@pytest.mark.parametrize("body", [RATING, {"year": "soon"}])
def test_a_rating_of_a_unit_outside_the_scope_names_agency(world: World, body: dict[str, object]) -> None:
    response = world.post("/api/v1/units/KOTA-MEDAN/Bappeda/ratings", "hr_karo", json=body)
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.get_json()
    assert (problem["type"], problem["detail"]) == ("urn:careerlog:problem:forbidden", OUTSIDE)
    assert problem["errors"] == {"agency": ["You may rate only units within your scope (agency KAB-KARO)."]}


@pytest.mark.parametrize("query", ["&year=2024", "&year=soon"])
def test_a_scorecard_outside_the_scope_names_agency(world: World, query: str) -> None:
    response = world.get(f"/api/v1/reports/scorecard?agency=KOTA-MEDAN{query}", "policy_karo")
    assert response.status_code == 403
    problem = response.get_json()
    assert (problem["type"], problem["detail"]) == ("urn:careerlog:problem:forbidden", OUTSIDE)
    assert problem["errors"] == {"agency": ["Agency KOTA-MEDAN is outside your scope (agency KAB-KARO)."]}


def test_the_scorecard_page_outside_the_scope_is_still_the_403_page(world: World) -> None:
    log_in(world, "policy_karo")
    assert world.client.get("/pages/scorecard?agency=KOTA-MEDAN&year=2024&lang=en").status_code == 403

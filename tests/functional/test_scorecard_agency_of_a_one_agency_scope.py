"""The scorecard API asked an inspector or policy maker whose scope is one agency to name it (`agency` required: a
422 "Missing data for required field."). Left out, it is now the one agency the caller's scope reaches; another agency
is refused as before (403), and a caller whose scope reaches several agencies must still name one (422 naming
`agency`). docs/api.md, the OpenAPI document."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_scorecard_agency_of_a_one_agency_scope")

SCORECARD = "/api/v1/reports/scorecard"


def test_an_agency_left_out_is_the_one_agency_of_the_scope(shared_world: World) -> None:
    for account, agency in (("inspector_medan", "KOTA-MEDAN"), ("policy_karo", "KAB-KARO")):
        left_out = shared_world.get(f"{SCORECARD}?year=2024&years=1", account)
        assert left_out.status_code == 200, left_out.get_data(as_text=True)
        named = shared_world.get(f"{SCORECARD}?agency={agency}&year=2024&years=1", account)
        assert left_out.get_json()["agency"] == agency
        assert left_out.get_json() == named.get_json()
        as_csv = shared_world.get(f"{SCORECARD}?year=2024&years=1&format=csv", account)
        assert as_csv.status_code == 200
        assert f"scorecard-{agency}-2024" in as_csv.headers["Content-Disposition"]


def test_another_agency_stays_refused(shared_world: World) -> None:
    refused = shared_world.get(f"{SCORECARD}?agency=KAB-KARO&year=2024&years=1", "inspector_medan")
    assert refused.status_code == 403
    assert refused.mimetype == "application/problem+json"


def test_a_scope_of_several_agencies_must_still_name_one(shared_world: World) -> None:
    for account in ("inspector", "policy", "admin"):
        response = shared_world.get(f"{SCORECARD}?year=2024&years=1", account)
        assert response.status_code == 422, (account, response.get_data(as_text=True))
        assert response.get_json()["errors"] == {"agency": ["Missing data for required field."]}


def test_the_openapi_document_says_when_agency_may_be_left_out(shared_world: World) -> None:
    get = shared_world.client.get("/api/openapi.json").get_json()["paths"][SCORECARD]["get"]
    [agency] = [p for p in get["parameters"] if p["name"] == "agency"]
    assert agency.get("required", False) is False
    assert "unless your scope reaches exactly one agency" in agency["description"]

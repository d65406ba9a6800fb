"""A caller whose scope does not hold what the path names (an employee, an audited decision, a unit's agency) or
what the scorecard is asked for (its agency) gets the scope's answer (404, or 403 for an agency) whatever else it
sent: a bad query parameter, `format` or `wait_for`, an Accept header allowing nothing offered, a body that is no
JSON, not JSON or refused field by field. A record outside the scope answers as one never appointed, with the same
bad input. Within the scope the input is judged as before (422 and the rest)."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.access import Scope
from tests.functional.conftest import BUDI, MISSING, SARI, World
from tests.functional.openapi_walk import record_audited_post
from web.scoping import NOT_IN_RECORDS, NOT_IN_SCOPE

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_scope_refused_before_arguments")

# What a request may send wrong, besides its path: (name, query, request options).
BAD_INPUT: dict[str, tuple[str, dict[str, Any]]] = {
    "unknown parameter": ("?unknown=1", {}),
    "format": ("?format=xml", {}),
    "wait_for": ("?wait_for=soon", {}),
    "repeated wait_for": ("?wait_for=1&wait_for=2", {}),
    "Accept": ("", {"headers": {"Accept": "application/xml"}}),
}
BAD_BODY: dict[str, dict[str, Any]] = {
    "not JSON": {"data": "{", "content_type": "application/json"},
    "another Content-Type": {"data": "kind=training", "content_type": "text/plain"},
    "a refused field": {"json": {"kind": "training", "hours": "many"}},
    "an unknown field": {"json": {"colour": "red"}},
}
EMPLOYEE_READS = ("", "/events", "/timeline", "/eligibility")
DECISIONS = {"promotions": 2, "posts": 3, "appointments": 1}  # BUDI's III/b of 2014, Pengawas post of 2018, CPNS


@pytest.fixture(scope="module")
def world(shared_world: World) -> World:
    """The shared world with BUDI's Pengawas post of 2018 (an audited post appointment), an inspector of Kabupaten
    Karo, who may audit but not in Kota Medan, and SARI's own account, which reads her record alone."""
    record_audited_post(shared_world)
    accounts = shared_world.services.accounts
    accounts.create("inspector-karo", display_name="Karo", role="inspector", scope=Scope(agencies=("KAB-KARO",)))
    shared_world.tokens["inspector_karo"] = accounts.issue_token("inspector-karo", days=30).token
    accounts.create("sari", display_name="Sari", role="employee", scope=Scope(), nip=SARI)
    shared_world.tokens["employee_sari"] = accounts.issue_token("sari", days=30).token
    return shared_world


def answered(world: World, method: str, path: str, who: str, query: str, options: dict[str, Any]) -> Any:
    response = world.call(method, path + query, who, **options)
    body = response.get_json(silent=True) or {}
    return response.status_code, body.get("type"), body.get("detail")


def same_as_missing(
    world: World, method: str, path: str, who: str, query: str, options: dict[str, Any], *, written: bool = False
) -> None:
    """The answer about BUDI (outside the caller's scope) is the one about a NIP never appointed: to a read, not
    in the records the reader can read (NOT_IN_RECORDS; until 2026-12-06 "has been appointed", untrue of BUDI); to a
    write (`written`), not in the writer's scope's records, as the record form says (NOT_IN_SCOPE)."""
    status, slug, detail = answered(world, method, path.format(nip=BUDI), who, query, options)
    missing = answered(world, method, path.format(nip=MISSING), who, query, options)
    said = NOT_IN_SCOPE.reason(nip=BUDI) if written else NOT_IN_RECORDS.reason(nip=BUDI)
    assert (status, slug, detail) == (404, "urn:careerlog:problem:not-found", said)
    assert missing == (404, slug, detail.replace(BUDI, MISSING))


@pytest.mark.parametrize("bad", BAD_INPUT)
@pytest.mark.parametrize("read", EMPLOYEE_READS)
@pytest.mark.parametrize("who", ["hr_karo", "employee_sari"])
def test_an_employee_read_outside_the_scope_is_not_found_whatever_the_query(
    world: World, who: str, read: str, bad: str
) -> None:
    query, options = BAD_INPUT[bad]
    same_as_missing(world, "GET", "/api/v1/employees/{nip}" + read, who, query, options)


@pytest.mark.parametrize("bad", BAD_BODY)
def test_a_write_in_a_record_outside_the_scope_is_not_found_whatever_the_body(world: World, bad: str) -> None:
    path = "/api/v1/employees/{nip}/events"
    same_as_missing(world, "POST", path, "hr_karo", "", BAD_BODY[bad], written=True)
    same_as_missing(world, "POST", path, "hr_karo", "?unknown=1", {"json": {}}, written=True)


@pytest.mark.parametrize("bad", BAD_INPUT)
@pytest.mark.parametrize("decision", DECISIONS)
def test_an_audited_decision_outside_the_scope_is_not_found_whatever_the_query(
    world: World, decision: str, bad: str
) -> None:
    query, options = BAD_INPUT[bad]
    version = DECISIONS[decision]
    outside = answered(world, "GET", f"/api/v1/audits/{decision}/{BUDI}-{version}", "inspector_karo", query, options)
    nowhere = answered(world, "GET", f"/api/v1/audits/{decision}/{MISSING}-{version}", "inspector_karo", query, options)
    other = "posts" if decision == "promotions" else "promotions"  # (a post's id under promotions, and back)
    elsewhere = answered(world, "GET", f"/api/v1/audits/{other}/{BUDI}-{version}", "inspector", query, options)
    assert outside == (404, "urn:careerlog:problem:not-found", f"No audited decision {BUDI}-{version}.")
    assert nowhere == (404, outside[1], f"No audited decision {MISSING}-{version}.")
    assert elsewhere == outside


@pytest.mark.parametrize("bad", BAD_BODY)
def test_a_rating_of_a_unit_outside_the_scope_is_refused_whatever_the_body(world: World, bad: str) -> None:
    response = world.post("/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", "hr_karo", **BAD_BODY[bad])
    problem = response.get_json()
    assert (response.status_code, problem["type"]) == (403, "urn:careerlog:problem:forbidden")
    assert problem["errors"]["agency"][0].startswith("You may rate only units within your scope")


@pytest.mark.parametrize("agency", ["KOTA-MEDAN", "kota-medan"])  # (in any case, as the scorecard reads it)
@pytest.mark.parametrize(
    "query", ["&year=soon", "&year=2024&colour=red", "&year=2024&format=xml", "&year=2024&years=0", "&year=2099"]
)
def test_the_scorecard_of_an_agency_outside_the_scope_is_refused_whatever_the_query(
    world: World, query: str, agency: str
) -> None:
    response = world.get(f"/api/v1/reports/scorecard?agency={agency}" + query, "policy_karo")
    problem = response.get_json()
    assert (response.status_code, problem["type"]) == (403, "urn:careerlog:problem:forbidden")
    assert problem["errors"]["agency"][0].startswith("Agency KOTA-MEDAN is outside your scope")


@pytest.mark.parametrize(
    ("path", "who"), [("reports/headcount", "policy_karo"), ("audits/grade-inflation", "inspector_karo")]
)
def test_a_filter_of_an_agency_outside_the_scope_in_another_case_is_refused_before_the_query(
    world: World, path: str, who: str
) -> None:
    """`kota-medan` is KOTA-MEDAN, the scope's 403 before the query's 422 (until 2026-12-06 read as unknown here: the
    422 of `colour`)."""
    response = world.get(f"/api/v1/{path}?agency=kota-medan&colour=red", who)
    assert response.status_code == 403, response.get_json()
    assert response.get_json()["errors"]["agency"][0].startswith("Agency KOTA-MEDAN is outside your scope")


@pytest.mark.parametrize("agency", ["KOTA-MEDANN", "kota-medann"])  # (no code in any case)
def test_the_scorecard_of_an_unknown_agency_is_still_refused_as_input(world: World, agency: str) -> None:
    response = world.get(f"/api/v1/reports/scorecard?agency={agency}&year=soon", "policy_karo")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"agency", "year"}


def test_the_scorecard_of_an_unknown_agency_is_refused_as_input_before_a_region_outside_the_scope(
    world: World,
) -> None:
    """An unknown code is the query's 422 before the 403 of a region outside the scope asked beside it (until
    2026-12-05 the region's 403, the agency named once it was mended)."""
    response = world.get("/api/v1/reports/scorecard?agency=KOTA-MEDANN&region=13&year=2024", "policy_karo")
    assert response.status_code == 422
    assert "agency" in response.get_json()["errors"]
    refused = world.get("/api/v1/reports/scorecard?agency=KAB-KARO&region=13&year=2024", "policy_karo")
    assert (refused.status_code, list(refused.get_json()["errors"])) == (403, ["region"])


@pytest.mark.parametrize("bad", BAD_INPUT)
def test_within_the_scope_the_bad_input_is_named_as_before(world: World, bad: str) -> None:
    query, options = BAD_INPUT[bad]
    for path in [
        *(f"/api/v1/employees/{BUDI}{read}" for read in EMPLOYEE_READS),
        f"/api/v1/audits/promotions/{BUDI}-2",
    ]:
        who = "inspector" if "audits" in path else "hr"
        status, _, _ = answered(world, "GET", path, who, query, options)
        assert status == (406 if bad == "Accept" else 422), path


@pytest.mark.parametrize("bad", BAD_BODY)
def test_within_the_scope_a_bad_body_is_named_as_before(world: World, bad: str) -> None:
    status, _, _ = answered(world, "POST", f"/api/v1/employees/{BUDI}/events", "hr", "", BAD_BODY[bad])
    rated, _, _ = answered(world, "POST", "/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", "hr", "", BAD_BODY[bad])
    expected = {"not JSON": 400, "another Content-Type": 415}.get(bad, 422)
    assert (status, rated) == (expected, expected)

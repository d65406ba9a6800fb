"""A role that may not use an endpoint is refused (403) before anything it sent is read: a bad argument does not
turn the refusal into a 422 (which would also tell the caller what the endpoint takes).

Every operation of the served OpenAPI document is tried by every role its action is not granted to (the role's
permissions as /api/v1/me states them), with an unknown query parameter, which every operation refuses (422) to
a role that may use it, on a record (an employee, an audited decision, a unit's agency) within its scope: outside
it, or not there, the scope's answer comes first (tests/functional/test_scope_refused_before_arguments.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, RINA, ROLES, World
from tests.functional.openapi_walk import DECISIONS, record_audited_post

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_role_refused_before_arguments")

# The action each operation takes (careerlog.access.Action): a new operation without one fails the first test.
ACTIONS = {
    "GET /api/v1/employees": "list_employees",
    "GET /api/v1/employees/past-retirement": "list_employees",
    "POST /api/v1/employees": "record",
    "GET /api/v1/employees/{nip}": "read_record",
    "GET /api/v1/employees/{nip}/events": "read_record",
    "GET /api/v1/employees/{nip}/events/{version}": "read_record",
    "POST /api/v1/employees/{nip}/events": "record",
    "GET /api/v1/employees/{nip}/timeline": "read_record",
    "GET /api/v1/employees/{nip}/eligibility": "read_record",
    "GET /api/v1/audits/promotions": "run_audits",
    "GET /api/v1/audits/promotions/{decision}": "run_audits",
    "GET /api/v1/audits/posts": "run_audits",
    "GET /api/v1/audits/posts/{decision}": "run_audits",
    "GET /api/v1/audits/appointments": "run_audits",
    "GET /api/v1/audits/appointments/{decision}": "run_audits",
    "GET /api/v1/audits/grade-inflation": "run_audits",
    "GET /api/v1/audits/awards": "run_audits",
    "GET /api/v1/audits/study-leaves": "run_audits",
    "GET /api/v1/audits/fairness": "run_audits",
    "GET /api/v1/audits/time-to-promotion": "run_audits",
    "GET /api/v1/audits/passed-over": "run_audits",
    "GET /api/v1/reports/headcount": "read_reports",
    "GET /api/v1/reports/training-compliance": "read_reports",
    "GET /api/v1/reports/programmes": "read_reports",
    "GET /api/v1/reports/mentoring": "read_reports",
    "GET /api/v1/reports/scorecard": "read_scorecard",
    "POST /api/v1/units/{agency}/{unit}/ratings": "rate_unit",
    "GET /api/v1/units/{agency}/{unit}/ratings": "read_unit_ratings",
    "GET /api/v1/units/{agency}/{unit}/events": "read_unit_ratings",
    "POST /api/v1/units/{agency}/{unit}/events": "rate_unit",
    "POST /api/v1/imports": "import",
    "GET /api/v1/imports/templates/{kind}.xlsx": "import",
    "GET /api/v1/imports/{job_id}": "import",
    "GET /api/v1/access-log": "read_access_log",
    "GET /api/v1/account-changes": "manage_accounts",
    "GET /api/v1/me": None,  # every role
    "GET /api/v1/reference": None,  # every role: reference data, no personal data
    "GET /api/v1/reference/{table}": None,
    "GET /api/v1/kinds": None,
}
METHODS = ("get", "post", "put", "patch", "delete")
PATH_VALUES = {
    "{nip}": BUDI,
    "{decision}": f"{BUDI}-2",
    "{agency}": "KOTA-MEDAN",
    "{unit}": "BKPSDM",
    "{kind}": "training",
    "{version}": "1",
    "{table}": "agencies",
    "{job_id}": "0123456789abcdef0123456789abcdef",
}
# A record within the scope of the roles whose scope does not hold BUDI and Kota Medan.
WITHIN = {"hr_karo": {"{nip}": RINA, "{agency}": "KAB-KARO", "{unit}": "Dinas Pendidikan"}}


@pytest.fixture(scope="module")
def world(shared_world: World) -> World:
    """The shared world with BUDI's Pengawas post of 2018 (version 3), an audited post appointment."""
    record_audited_post(shared_world)
    return shared_world


def operations(world: World) -> list[str]:
    spec = world.client.get("/api/openapi.json").get_json()
    return [f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item if method in METHODS]


def url(path: str, role: str | None = None) -> str:
    """The operation's path with a value of each parameter (within the role's scope, for a role named)."""
    if role is not None and path in DECISIONS:
        return path.replace("{decision}", DECISIONS[path])
    for name, value in {**PATH_VALUES, **WITHIN.get(role or "", {})}.items():
        path = path.replace(name, value)
    return path


def answers(world: World, role: str, *, granted: bool) -> dict[str, Any]:
    """The answer to every operation the role is (or is not) granted, sent with an unknown query parameter."""
    permissions = world.get("/api/v1/me", role).get_json()["permissions"]
    found = {}
    for operation in operations(world):
        action = ACTIONS[operation]
        if (action is None or action in permissions) is granted:
            method, path = operation.split(" ")
            found[operation] = world.call(method, f"{url(path, role if granted else None)}?unknown=1", role)
    return found


def test_every_operation_of_the_document_names_its_action(world: World) -> None:
    assert sorted(operations(world)) == sorted(ACTIONS)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_that_may_not_use_an_operation_is_refused_whatever_it_sent(world: World, role: str) -> None:
    answered = answers(world, role, granted=False)
    assert {op: r.status_code for op, r in answered.items() if r.status_code != 403} == {}
    assert all(f"The {role.split('_')[0]} role may not" in r.get_json()["detail"] for r in answered.values())


@pytest.mark.parametrize("role", ROLES)
def test_a_role_that_may_use_an_operation_is_told_of_its_bad_argument(world: World, role: str) -> None:
    answered = answers(world, role, granted=True)
    assert {op: r.status_code for op, r in answered.items() if r.status_code != 422} == {}

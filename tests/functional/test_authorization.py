"""Every role against every endpoint; another agency's employee looks exactly like a missing one.

The endpoints are the app's own routes under /api/v1: a new endpoint without an entry in
ENDPOINTS (and so in every role's row of EXPECTED) fails `test_the_matrix_covers_every_endpoint`.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, RINA, ROLES, SARI, World, appointment_of

Request = tuple[str, str, dict[str, Any]]


def upload(*rows: dict[str, Any]) -> dict[str, Any]:
    text = "".join(json.dumps(r) + "\n" for r in rows).encode()
    return {"data": {"file": (io.BytesIO(text), "events.jsonl")}, "content_type": "multipart/form-data"}


def new_medan_nip(role: str) -> str:
    return f.nip(date(1996, 6, 6), date(2023, 1, 1), "M", sequence=720 + ROLES.index(role))


ENDPOINTS: dict[str, Callable[[str, str], Request]] = {
    "roster": lambda nip, role: ("GET", "/api/v1/employees", {}),
    "past_retirement": lambda nip, role: ("GET", "/api/v1/employees/past-retirement", {}),
    "profile": lambda nip, role: ("GET", f"/api/v1/employees/{nip}", {}),
    "history": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/events", {}),
    "fact": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/events/1", {}),
    "timeline": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/timeline", {}),
    "eligibility": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/eligibility", {}),
    "record": lambda nip, role: (
        "POST",
        f"/api/v1/employees/{nip}/events",
        {"json": {"kind": "training", **f.training("2016-01-08", reference=f"CERT-{role}")}},
    ),
    "appoint": lambda nip, role: (
        "POST",
        "/api/v1/employees",
        {"json": {"nip": new_medan_nip(role), **appointment_of(new_medan_nip(role))}},
    ),
    "audits": lambda nip, role: ("GET", "/api/v1/audits/promotions", {}),
    "audit": lambda nip, role: ("GET", f"/api/v1/audits/promotions/{nip}-2", {}),
    "posts": lambda nip, role: ("GET", "/api/v1/audits/posts", {}),
    "post": lambda nip, role: ("GET", f"/api/v1/audits/posts/{nip}-2", {}),  # a promotion: not a post
    "appointments": lambda nip, role: ("GET", "/api/v1/audits/appointments", {}),
    "appointment": lambda nip, role: ("GET", f"/api/v1/audits/appointments/{nip}-1", {}),
    "grade_inflation": lambda nip, role: ("GET", "/api/v1/audits/grade-inflation", {}),
    "awards": lambda nip, role: ("GET", "/api/v1/audits/awards", {}),
    "study_leaves": lambda nip, role: ("GET", "/api/v1/audits/study-leaves", {}),
    "fairness": lambda nip, role: ("GET", "/api/v1/audits/fairness?by=sex", {}),
    "time_to_promotion": lambda nip, role: ("GET", "/api/v1/audits/time-to-promotion?by=sex", {}),
    "passed_over": lambda nip, role: ("GET", "/api/v1/audits/passed-over", {}),
    "headcount": lambda nip, role: ("GET", "/api/v1/reports/headcount?by=agency", {}),
    "training_compliance": lambda nip, role: ("GET", "/api/v1/reports/training-compliance?year=2020", {}),
    "programmes": lambda nip, role: ("GET", "/api/v1/reports/programmes", {}),
    "mentoring": lambda nip, role: ("GET", "/api/v1/reports/mentoring", {}),
    "scorecard": lambda nip, role: ("GET", "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=1", {}),
    "rate_unit": lambda nip, role: ("POST", "/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", {"json": f.rating(2023)}),
    # (after rate_unit: the unit rated, its rating version 2, for a role that may rate it)
    "unit_ratings": lambda nip, role: ("GET", "/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", {}),
    "unit_history": lambda nip, role: ("GET", "/api/v1/units/KOTA-MEDAN/BKPSDM/events", {}),
    "unit_record": lambda nip, role: (
        "POST",
        "/api/v1/units/KOTA-MEDAN/BKPSDM/events",
        {"json": {"kind": "correction", **f.correction(2, "2024-02-01", predicate="SANGAT_BAIK")}},
    ),
    "import": lambda nip, role: (
        "POST",
        "/api/v1/imports",
        upload({"kind": "training", "nip": nip, **f.training("2016-02-02", reference=f"IMP-{role}")}),
    ),
    "import_template": lambda nip, role: ("GET", "/api/v1/imports/templates/training.xlsx", {}),
    # (no job of anyone's by this id: 404 to a role that imports, as another account's job is)
    "import_job": lambda nip, role: ("GET", "/api/v1/imports/0123456789abcdef0123456789abcdef", {}),
    "access_log": lambda nip, role: ("GET", "/api/v1/access-log", {}),
    "account_changes": lambda nip, role: ("GET", "/api/v1/account-changes", {}),
    "me": lambda nip, role: ("GET", "/api/v1/me", {}),
    "reference": lambda nip, role: ("GET", "/api/v1/reference", {}),
    "reference_table": lambda nip, role: ("GET", "/api/v1/reference/agencies", {}),
    "kinds": lambda nip, role: ("GET", "/api/v1/kinds", {}),
}

# The route (method and URL rule) each entry exercises.
ROUTES = {
    "roster": "GET /api/v1/employees",
    "past_retirement": "GET /api/v1/employees/past-retirement",
    "appoint": "POST /api/v1/employees",
    "profile": "GET /api/v1/employees/<nip>",
    "history": "GET /api/v1/employees/<nip>/events",
    "fact": "GET /api/v1/employees/<nip>/events/<int(min=1):version>",
    "record": "POST /api/v1/employees/<nip>/events",
    "timeline": "GET /api/v1/employees/<nip>/timeline",
    "eligibility": "GET /api/v1/employees/<nip>/eligibility",
    "audits": "GET /api/v1/audits/promotions",
    "audit": "GET /api/v1/audits/promotions/<decision>",
    "posts": "GET /api/v1/audits/posts",
    "post": "GET /api/v1/audits/posts/<decision>",
    "appointments": "GET /api/v1/audits/appointments",
    "appointment": "GET /api/v1/audits/appointments/<decision>",
    "grade_inflation": "GET /api/v1/audits/grade-inflation",
    "awards": "GET /api/v1/audits/awards",
    "study_leaves": "GET /api/v1/audits/study-leaves",
    "fairness": "GET /api/v1/audits/fairness",
    "time_to_promotion": "GET /api/v1/audits/time-to-promotion",
    "passed_over": "GET /api/v1/audits/passed-over",
    "headcount": "GET /api/v1/reports/headcount",
    "training_compliance": "GET /api/v1/reports/training-compliance",
    "programmes": "GET /api/v1/reports/programmes",
    "mentoring": "GET /api/v1/reports/mentoring",
    "scorecard": "GET /api/v1/reports/scorecard",
    "rate_unit": "POST /api/v1/units/<agency>/<path:unit>/ratings",
    "unit_ratings": "GET /api/v1/units/<agency>/<path:unit>/ratings",
    "unit_history": "GET /api/v1/units/<agency>/<path:unit>/events",
    "unit_record": "POST /api/v1/units/<agency>/<path:unit>/events",
    "import": "POST /api/v1/imports",
    "import_template": "GET /api/v1/imports/templates/<kind>.xlsx",
    "import_job": "GET /api/v1/imports/<job_id>",
    "access_log": "GET /api/v1/access-log",
    "account_changes": "GET /api/v1/account-changes",
    "me": "GET /api/v1/me",
    "reference": "GET /api/v1/reference",
    "reference_table": "GET /api/v1/reference/<table>",
    "kinds": "GET /api/v1/kinds",
}

# The status each role gets for each endpoint, about Budi (KOTA-MEDAN, region 12.71).
UNITS = {"rate_unit": 201, "unit_ratings": 200, "unit_history": 200, "unit_record": 201}
ALLOWED_WRITE = {"record": 201, "appoint": 201, **UNITS, "import": 200, "import_template": 200, "import_job": 404}
RECORD_READS = {"profile": 200, "history": 200, "fact": 200, "timeline": 200, "eligibility": 200}
REPORTS = {"headcount": 200, "training_compliance": 200, "programmes": 200, "mentoring": 200}
AUDITS = {
    "audits": 200,
    "audit": 200,
    "posts": 200,
    "post": 404,  # Budi's version 2 is a promotion
    "appointments": 200,
    "appointment": 200,  # Budi's version 1: his CPNS appointment
    "grade_inflation": 200,
    "awards": 200,
    "study_leaves": 200,
    "fairness": 200,
    "time_to_promotion": 200,
    "passed_over": 200,
}
# What every role reads: its own account, and the reference codes (no personal data: a0e65dbf)
OPEN = {"me": 200, "reference": 200, "reference_table": 200, "kinds": 200}
READS = {"roster": 200, "past_retirement": 200, **RECORD_READS, **REPORTS, **OPEN}
DENIED = dict.fromkeys(ENDPOINTS, 403) | OPEN
SCORECARD = {"scorecard": 200}  # of KOTA-MEDAN: 403 to a reader whose scope does not hold it
# An inspector reads a unit's ratings within their scope (never rated in their world, where they may not rate it:
# past the scope, the 404 of a unit never rated; tests/functional/test_api_unit_ratings_read_by_inspector.py)
UNIT_READS = {"unit_ratings": 404, "unit_history": 404}
EXPECTED: dict[str, dict[str, int]] = {
    "admin": READS | ALLOWED_WRITE | AUDITS | SCORECARD | {"access_log": 200, "account_changes": 200},
    "hr": DENIED | READS | ALLOWED_WRITE,
    "hr_karo": DENIED
    | READS
    | dict.fromkeys(RECORD_READS, 404)
    | {"record": 404, "import": 200, "import_template": 200, "import_job": 404},
    "inspector": DENIED | READS | AUDITS | SCORECARD | UNIT_READS | {"access_log": 200},
    "inspector_medan": DENIED | READS | AUDITS | SCORECARD | UNIT_READS | {"access_log": 200},
    "reporter": DENIED | REPORTS | SCORECARD,
    "policy": DENIED | REPORTS | SCORECARD,
    "policy_karo": DENIED | REPORTS,
    "employee": DENIED | RECORD_READS | {"access_log": 200},
}


def api_routes(app: Flask) -> set[str]:
    """Every method and URL rule the app serves under /api/v1."""
    return {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }


def test_the_matrix_covers_every_endpoint(app: Flask) -> None:
    assert set(ROUTES) == set(ENDPOINTS)
    assert set(ROUTES.values()) == api_routes(app)
    assert all(set(row) == set(ENDPOINTS) for row in EXPECTED.values())
    assert set(EXPECTED) == set(ROLES)


def test_the_role_matrix_of_api_md_names_every_endpoint(app: Flask) -> None:
    """docs/api.md's role matrix left out GET /api/v1/audits/passed-over (inspector scope, admin all, others 403):
    each endpoint the app serves has its row, the URL rule's variables written as the page writes them ({nip},
    {version}, `<decision>` as {nip}-{version})."""
    text = (Path(__file__).parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    matrix = text.split("| endpoint | employee | hr | inspector | reporter | policy | admin |", 1)[1].split("\n\n")[0]
    shown = (
        re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", r.replace("<decision>", "{nip}-{version}"))
        for r in api_routes(app)
    )
    assert sorted(route for route in shown if f"`{route}`" not in matrix) == []


def send(world: World, who: str, request: Request) -> Any:
    method, path, kwargs = request
    return world.call(method, path, who, **kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_policy_allows_on_every_endpoint(world: World, role: str) -> None:
    actual = {name: send(world, role, make(BUDI, role)).status_code for name, make in ENDPOINTS.items()}
    assert actual == EXPECTED[role]


@pytest.mark.parametrize(
    ("role", "other"),
    [("hr", RINA), ("hr_karo", BUDI), ("inspector_medan", RINA), ("employee", SARI)],
)
@pytest.mark.parametrize("endpoint", ["profile", "history", "fact", "timeline", "eligibility", "record"])
def test_a_record_outside_the_scope_is_indistinguishable_from_a_missing_one(
    world: World, role: str, other: str, endpoint: str
) -> None:
    hidden = send(world, role, ENDPOINTS[endpoint](other, role))
    missing = send(world, role, ENDPOINTS[endpoint](MISSING, role))
    if EXPECTED[role][endpoint] == 403:
        assert hidden.status_code == missing.status_code == 403  # the role never records: the same 403
        return
    assert hidden.status_code == missing.status_code == 404
    assert hidden.headers["Content-Type"] == missing.headers["Content-Type"]
    assert hidden.get_data(as_text=True).replace(other, MISSING) == missing.get_data(as_text=True)


def test_an_import_row_outside_the_scope_is_reported_like_a_missing_record(world: World) -> None:
    rows = [
        {"kind": "training", "nip": RINA, **f.training("2016-02-02", reference="IMP-1")},
        {"kind": "training", "nip": MISSING, **f.training("2016-02-02", reference="IMP-1")},
        {"kind": "training", "nip": RINA, "hours": "many", "effective_date": "2016-02-02"},
        {"kind": "training", "nip": MISSING, "hours": "many", "effective_date": "2016-02-02"},
    ]
    before = world.log()
    report = world.post("/api/v1/imports", "hr", **upload(*rows)).get_json()
    hidden, missing, bad_hidden, bad_missing = report["rejected"]
    for one, other in ((hidden, missing), (bad_hidden, bad_missing)):
        assert json.dumps({**one, "line": 0}).replace(RINA, MISSING) == json.dumps({**other, "line": 0})
    assert world.log() == before


def test_an_inspector_of_the_province_reads_every_agency_in_it(world: World) -> None:
    assert world.get(f"/api/v1/employees/{RINA}", "inspector").status_code == 200
    nips = {i["nip"] for i in world.get("/api/v1/employees", "inspector").get_json()["items"]}
    assert nips == {BUDI, SARI, RINA}


def test_hr_lists_only_their_own_agency(world: World) -> None:
    nips = {i["nip"] for i in world.get("/api/v1/employees", "hr").get_json()["items"]}
    assert nips == {BUDI, SARI}
    # another agency asked for is refused naming it (until 2026-12-05 an empty list: read as "no staff there")
    assert world.get("/api/v1/employees?agency=KAB-KARO", "hr").status_code == 403


def test_hr_may_not_appoint_into_another_agency(world: World) -> None:
    nip = new_medan_nip("hr")
    body = {"nip": nip, **appointment_of(nip, agency="KAB-KARO", region="12.06")}
    before = world.log()
    response = world.post("/api/v1/employees", "hr", json=body)
    assert response.status_code == 403
    assert world.log() == before


def test_a_reporter_never_receives_a_nip_a_name_or_a_birth_date(world: World) -> None:
    personal = [BUDI, SARI, RINA, "Budi", "Sari", "Rina", "1986-09-26", "1990-01-01", "1972-07-07"]
    paths = [
        "/api/v1/reports/headcount?by=agency,rank,sex,age_band",
        "/api/v1/reports/headcount?by=unit&format=csv",
        "/api/v1/employees",
        "/api/v1/employees?format=csv",
        "/api/v1/reports/training-compliance?year=2020&by=agency,unit,sex",
        "/api/v1/reports/training-compliance?year=2020&format=csv",
        "/api/v1/reports/programmes",
        "/api/v1/reports/mentoring?format=csv",
        "/api/v1/reports/mentoring",
        "/api/v1/audits/promotions",
        f"/api/v1/audits/promotions/{BUDI}-2",
        "/api/v1/audits/posts",
        "/api/v1/audits/grade-inflation",
        "/api/v1/access-log",
        "/api/v1/me",
        f"/api/v1/employees/{RINA}",
        f"/api/v1/employees/{RINA}/events",
        f"/api/v1/employees/{RINA}/timeline",
        f"/api/v1/employees/{RINA}/eligibility",
    ]
    for path in paths:
        text = world.get(path, "reporter").get_data(as_text=True).replace(path.split("?")[0], "")
        assert not [p for p in personal if p in text], path


def test_another_agencys_audited_decision_is_indistinguishable_from_a_missing_one(world: World) -> None:
    world.services.ledger.record(RINA, "rank_promotion", f.promotion("III/b", "2003-04-01"), actor="test")
    world.catch_up()
    assert world.get(f"/api/v1/audits/promotions/{RINA}-2", "inspector").status_code == 200
    hidden = world.get(f"/api/v1/audits/promotions/{RINA}-2", "inspector_medan")
    missing = world.get(f"/api/v1/audits/promotions/{MISSING}-2", "inspector_medan")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data(as_text=True).replace(RINA, MISSING) == missing.get_data(as_text=True)
    listed = world.get("/api/v1/audits/promotions", "inspector_medan").get_json()
    assert [i["nip"] for i in listed["items"]] == [BUDI]
    # another agency asked for is refused naming it, whether its decisions exist or not (until 2026-12-05 an empty
    # list: tests/functional/test_audits_refuse_filters_outside_the_scope.py)
    asked = world.get("/api/v1/audits/promotions?agency=KAB-KARO", "inspector_medan")
    assert asked.status_code == 403
    assert list(asked.get_json()["errors"]) == ["agency"]

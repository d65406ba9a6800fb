"""Every role against every endpoint; another agency's employee looks exactly like a missing one."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

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
    "profile": lambda nip, role: ("GET", f"/api/v1/employees/{nip}", {}),
    "history": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/events", {}),
    "timeline": lambda nip, role: ("GET", f"/api/v1/employees/{nip}/timeline", {}),
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
    "headcount": lambda nip, role: ("GET", "/api/v1/reports/headcount?by=agency", {}),
    "rate_unit": lambda nip, role: ("POST", "/api/v1/units/KOTA-MEDAN/BKPSDM/ratings", {"json": f.rating(2023)}),
    "import": lambda nip, role: (
        "POST",
        "/api/v1/imports",
        upload({"kind": "training", "nip": nip, **f.training("2016-02-02", reference=f"IMP-{role}")}),
    ),
    "access_log": lambda nip, role: ("GET", "/api/v1/access-log", {}),
    "me": lambda nip, role: ("GET", "/api/v1/me", {}),
}

# The status each role gets for each endpoint, about Budi (KOTA-MEDAN, region 12.71).
ALLOWED_WRITE = {"record": 201, "appoint": 201, "rate_unit": 201, "import": 200}
READS = {"roster": 200, "profile": 200, "history": 200, "timeline": 200, "headcount": 200, "me": 200}
DENIED = dict.fromkeys(ENDPOINTS, 403) | {"me": 200}
EXPECTED: dict[str, dict[str, int]] = {
    "admin": READS | ALLOWED_WRITE | {"access_log": 200},
    "hr": READS | ALLOWED_WRITE | {"access_log": 403},
    "hr_karo": READS
    | {"profile": 404, "history": 404, "timeline": 404, "record": 404}
    | {"appoint": 403, "rate_unit": 403, "import": 200, "access_log": 403},
    "inspector": DENIED | READS | {"access_log": 200},
    "inspector_medan": DENIED | READS | {"access_log": 200},
    "reporter": DENIED | {"headcount": 200},
    "employee": DENIED | {"profile": 200, "history": 200, "timeline": 200, "access_log": 200},
}


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
@pytest.mark.parametrize("endpoint", ["profile", "history", "timeline", "record"])
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
    assert world.get("/api/v1/employees?agency=KAB-KARO", "hr").get_json()["items"] == []


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
        "/api/v1/access-log",
        "/api/v1/me",
        f"/api/v1/employees/{RINA}",
        f"/api/v1/employees/{RINA}/events",
        f"/api/v1/employees/{RINA}/timeline",
    ]
    for path in paths:
        text = world.get(path, "reporter").get_data(as_text=True).replace(path.split("?")[0], "")
        assert not [p for p in personal if p in text], path

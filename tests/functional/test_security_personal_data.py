"""No personal data (NIP, name, birth date) reaches a reporter, nor the application's logs.

Every GET operation of the OpenAPI document without a path parameter is called as a
reporter, in JSON and in CSV; whatever answers 200 must hold no NIP, name or birth date
of anybody in the store. The report endpoints (/api/v1/reports/...) must all answer 200.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, RINA, SARI, World
from tests.functional.openapi_walk import get_operations

PEOPLE = {BUDI: ("Budi Siregar", date(1986, 9, 26)), SARI: ("Sari Nasution", date(1990, 1, 1)),
          RINA: ("Rina Ginting", date(1972, 7, 7))}  # fmt: skip


def personal_data() -> list[str]:
    """Every way a NIP, name or birth date of the staff could appear."""
    found = []
    for nip, (name, born) in PEOPLE.items():
        found += [nip, name, *name.split(), born.isoformat(), f"{born:%d-%m-%Y}", f"{born:%d/%m/%Y}"]
    return found


def leaks(text: str) -> list[str]:
    return [item for item in personal_data() if item.lower() in text.lower()]


@pytest.fixture
def busy(world: World) -> World:
    """The world with trainings, a rating and mentoring, so that every report has rows."""
    for nip in (BUDI, SARI, RINA):
        world.post(f"/api/v1/employees/{nip}/events", json={"kind": "training", **f.training("2020-03-05", hours=24)})
        world.post(f"/api/v1/employees/{nip}/events", json={"kind": "performance_rating", **f.rating(2020)})
    mentoring = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2020-03-02", "reference": "MNT-P"}
    assert (
        world.post(f"/api/v1/employees/{SARI}/events", json={"kind": "mentoring_start", **mentoring}).status_code == 201
    )
    world.catch_up()
    return world


def test_no_reporter_answer_holds_a_nip_name_or_birth_date(busy: World) -> None:
    answered: dict[str, int] = {}
    for operation in get_operations(busy):
        if operation.has_path_parameters:
            continue
        for fmt in ("json", "csv"):
            query = {**operation.required_query(), **({"format": fmt} if operation.query("format") else {})}
            response = busy.get(operation.path, "reporter", query_string=query)
            answered[f"{operation.path} {fmt}"] = response.status_code
            assert response.status_code < 500
            assert leaks(response.get_data(as_text=True)) == [], (operation.path, fmt)
    reports = {name: status for name, status in answered.items() if name.startswith("/api/v1/reports/")}
    assert len(reports) >= 2
    assert set(reports.values()) == {200}, reports


def test_a_reporter_cannot_read_any_personal_record(busy: World) -> None:
    for operation in get_operations(busy):
        if "{nip}" in operation.path:
            path = operation.path.replace("{nip}", BUDI)
            response = busy.get(path, "reporter")
            assert response.status_code in (403, 404), path
            assert leaks(response.get_data(as_text=True).replace(BUDI, "")) == [], path


def test_the_application_logs_hold_no_personal_data(busy: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    training = {"json": {"kind": "training", **f.training("2021-01-08")}}
    requests: list[tuple[str, str, str, dict[str, Any]]] = [
        ("POST", f"/api/v1/employees/{BUDI}/events", "hr", training),
        ("POST", f"/api/v1/employees/{BUDI}/events", "hr", {"json": {"kind": "training", "hours": BUDI}}),
        ("POST", "/api/v1/employees", "hr", {"json": {"nip": BUDI, "name": "Budi Siregar"}}),
        (
            "POST",
            f"/api/v1/employees/{MISSING}/events",
            "hr",
            {"json": {"kind": "training", **f.training("2021-01-08")}},
        ),
        ("GET", f"/api/v1/employees/{RINA}", "hr", {}),
        ("GET", f"/api/v1/employees/{BUDI}/timeline?as_of=1986-09-26", "inspector", {}),
        ("GET", "/api/v1/employees?q=Budi+Siregar", "admin", {}),
        ("GET", f"/api/v1/employees/{BUDI}", "reporter", {}),
        ("GET", f"/api/v1/access-log?nip={BUDI}", "employee", {}),
    ]
    for method, path, who, kwargs in requests:
        assert busy.call(method, path, who, **kwargs).status_code < 500
    busy.client.post("/pages/login", data={"username": "budi", "password": "Budi Siregar 1986-09-26"})
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert leaks(text) == [], (record.name, text[:500])

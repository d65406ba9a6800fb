"""Errors are problem+json, say what went wrong without internals, and never change the log."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest

from careerlog.accounts import utc_now
from careerlog.domain.payload import TEXT_NOT_INTEGER
from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, World, appointment_of

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}
EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="CERT-ERR")}


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {"TESTING": True, "CAREERLOG_WAIT_SECONDS": 5.0, "MAX_CONTENT_LENGTH": 4096}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["instance"] == response.request.path
    return body


def big_upload() -> dict[str, Any]:
    data = {"file": (io.BytesIO(b"x" * 10_000), "events.jsonl")}
    return {"data": data, "content_type": "multipart/form-data"}


FAILING_WRITES: dict[str, tuple[str, str, str | None, dict[str, Any], int]] = {
    "no token": ("POST", EVENTS, None, {"json": TRAINING}, 401),
    "role may not record": ("POST", EVENTS, "reporter", {"json": TRAINING}, 403),
    "missing employee": ("POST", f"/api/v1/employees/{MISSING}/events", "hr", {"json": TRAINING}, 404),
    "wrong method": ("DELETE", EVENTS, "hr", {}, 405),
    "appointed twice": ("POST", "/api/v1/employees", "hr", {"json": {"nip": BUDI, **appointment_of(BUDI)}}, 409),
    "incomplete": ("POST", "/api/v1/employees", "hr", {"json": {"nip": BUDI}}, 422),
    "invalid value": ("POST", EVENTS, "hr", {"json": {**TRAINING, "hours": "many"}}, 422),
    "domain refusal": ("POST", EVENTS, "hr", {"json": {**TRAINING, "hours": 500}}, 422),
    "too large": ("POST", "/api/v1/imports", "hr", big_upload(), 413),
    "too large json": ("POST", EVENTS, "hr", {"json": {**TRAINING, "title": "x" * 5000}}, 413),
}


@pytest.mark.parametrize("case", FAILING_WRITES)
def test_a_failing_write_answers_a_problem_and_changes_nothing_recorded(world: World, case: str) -> None:
    method, path, who, kwargs, status = FAILING_WRITES[case]
    before = world.log()
    assert_problem(world.call(method, path, who, **kwargs), status)
    assert world.log() == before


def test_a_conflicting_reference_is_409_and_changes_nothing(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING)
    before = world.log()
    body = assert_problem(world.post(EVENTS, "hr", json={**TRAINING, "hours": 9}), 409)
    assert "correction" in body["detail"]
    assert world.log() == before


def test_invalid_input_lists_the_reasons_per_field(world: World) -> None:
    body = assert_problem(world.post(EVENTS, "hr", json={**TRAINING, "hours": "many", "start_date": "soon"}), 422)
    assert body["errors"] == {"hours": [TEXT_NOT_INTEGER], "start_date": ["Must be a date YYYY-MM-DD."]}


def test_invalid_query_parameters_are_422_by_name(world: World) -> None:
    body = assert_problem(world.get("/api/v1/employees?per_page=0&sort=age"), 422)
    assert set(body["errors"]) == {"per_page", "sort"}


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "Send an API token"),
        ("Basic dXNlcjpwYXNz", "Send an API token"),
        ("Bearer clt_not-a-real-token", "not valid"),
    ],
)
def test_a_missing_or_unknown_token_is_401_with_a_bearer_challenge(
    world: World, header: str | None, reason: str
) -> None:
    headers = {"Authorization": header} if header else {}
    response = world.call("GET", "/api/v1/me", None, headers=headers)
    body = assert_problem(response, 401)
    assert reason in body["detail"]
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="careerlog"')


def test_an_expired_token_is_401(world: World) -> None:
    world.services.accounts.clock = lambda: utc_now() + timedelta(days=31)
    response = world.get("/api/v1/me", "hr")
    assert "expired" in assert_problem(response, 401)["detail"]
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_revoked_token_is_401(world: World) -> None:
    world.services.accounts.revoke_token(world.tokens["hr"][:12])
    assert "revoked" in assert_problem(world.get("/api/v1/me", "hr"), 401)["detail"]


def test_a_disabled_accounts_token_is_401(world: World) -> None:
    world.services.accounts.disable("hr")
    assert "disabled" in assert_problem(world.get("/api/v1/me", "hr"), 401)["detail"]


def test_an_unknown_path_is_a_404_problem(world: World) -> None:
    assert_problem(world.get("/api/v1/nothing-here"), 404)


def test_an_unexpected_error_is_500_without_internals(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret-internal-detail in /srv/careerlog/queries.py")

    monkeypatch.setattr(world.services.queries, "employee", explode)
    response = world.get(f"/api/v1/employees/{BUDI}")
    body = assert_problem(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert body["detail"] == "Something went wrong on our side."


@pytest.mark.parametrize("unit", ["Dinas%20Kesehatan", "Din%C3%A9s", "Umum%2550"])
def test_a_problems_instance_is_the_path_as_sent_a_uri_reference(world: World, unit: str) -> None:
    """`instance` was request.path, decoded: `/api/v1/units/KOTA-MEDAN/Dinas Kesehatan/ratings`, a space (or an é)
    where RFC 9457 asks for a URI reference, and docs/api.md says the path as sent."""
    path = f"/api/v1/units/KOTA-MEDAN/{unit}/ratings"
    response = world.post(path, "hr", json={"year": "soon"})
    assert response.status_code == 422
    assert response.get_json()["instance"] == path

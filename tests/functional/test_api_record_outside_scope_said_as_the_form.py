"""A scoped HR writer's recording by the API in a record outside the scope, or of a NIP never appointed, answered
"No employee with NIP ... has been appointed" (review of 2026-12-05) where the record form and an import say it is
not in the writer's scope's records (web.scoping.NOT_IN_SCOPE); so did a mentor outside the scope named by the API.
The API says NOT_IN_SCOPE now, in the same words for another agency's NIP and one never appointed (no probe), with
the same 404 and body whatever else the request sends; a national administrator is still told a NIP was never
appointed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import RINA, SARI, World
from tests.functional.test_imports import jsonl, upload
from web.scoping import NOT_IN_SCOPE

NEVER = f.nip(date(1980, 2, 2), date(2005, 3, 1), "M", sequence=792)  # appointed nowhere
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="API-SCOPE-1")}
BODIES: dict[str, dict[str, Any]] = {
    "a training": {"json": TRAINING},
    "a refused field": {"json": {**TRAINING, "hours": "many"}},
    "not JSON": {"data": "{", "content_type": "application/json"},
}


def answered(world: World, who: str, nip: str, options: dict[str, Any]) -> tuple[int, str | None, str | None]:
    response = world.call("POST", f"/api/v1/employees/{nip}/events", who, **options)
    body = response.get_json(silent=True) or {}
    return response.status_code, body.get("type"), body.get("detail")


def imported(world: World, nip: str) -> list[str]:
    row = {"nip": nip, **TRAINING, "reference": f"API-SCOPE-{nip}"}
    report = world.post("/api/v1/imports", "hr", **upload(jsonl(row), "events.jsonl")).get_json()
    [problem] = report["rejected"]
    return list(problem["errors"]["nip"])


@pytest.mark.parametrize("body", BODIES)
def test_a_scoped_writers_api_recording_outside_the_scope_is_said_as_the_form_says(world: World, body: str) -> None:
    before = world.log()
    other = answered(world, "hr", RINA, BODIES[body])
    never = answered(world, "hr", NEVER, BODIES[body])
    assert other == (404, "urn:careerlog:problem:not-found", NOT_IN_SCOPE.reason(nip=RINA))
    assert never == (404, other[1], NOT_IN_SCOPE.reason(nip=NEVER))  # (the same words: nothing told of RINA)
    assert imported(world, RINA) == [other[2]]  # (an import's words, the record form's: NOT_IN_SCOPE)
    assert world.log() == before


def test_a_mentor_outside_the_scope_named_by_the_api_is_said_as_the_form_says(world: World) -> None:
    body = {"kind": "mentoring_start", "mentor_nip": RINA, "focus": "Arsip", "effective_date": "2021-01-04"}
    response = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={**body, "reference": "API-MNT-1"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"mentor_nip": [NOT_IN_SCOPE.reason(nip=RINA)]}


def test_a_national_administrator_is_told_a_nip_was_never_appointed(world: World) -> None:
    detail = f"No employee with NIP {NEVER} has been appointed."
    assert answered(world, "admin", NEVER, BODIES["a training"]) == (404, "urn:careerlog:problem:not-found", detail)

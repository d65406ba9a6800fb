"""A recording writes the mentor's record too (MenteeAssigned, MenteeReleased, their retraction): an HR
administrator of one agency may not name a mentor of another, by the API, the record form or an import."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from web.scoping import NOT_IN_SCOPE


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def start(mentor: str, reference: str = "MNT-1") -> dict[str, Any]:
    return {"mentor_nip": mentor, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": reference}


def end(mentor: str) -> dict[str, Any]:
    return {"mentor_nip": mentor, "reason": "Selesai", "effective_date": "2021-06-30", "reference": "MNT-1-END"}


def outside(errors: dict[str, list[str]], field: str = "mentor_nip") -> None:
    """A mentor outside the scope named by the recording is refused as one never appointed (as any record outside
    the scope answers: test_mentor_outside_scope_answers_as_missing), in the record form's words (NOT_IN_SCOPE) by
    the API, the form and an import alike; the mentor of a fact retracted or corrected, whom the record names
    already, as outside the scope."""
    assert list(errors) == [field], errors
    (reason,) = errors[field]
    assert RINA in reason, reason
    if field == "mentor_nip":  # (the API's, the form's and an import's alike since 2026-12-05)
        assert reason == str(NOT_IN_SCOPE.reason(nip=RINA)), reason
    else:
        assert "outside your scope (agency KOTA-MEDAN)" in reason, reason


def upload(*rows: dict[str, Any]) -> dict[str, Any]:
    text = "".join(json.dumps(r) + "\n" for r in rows).encode()
    return {"data": {"file": (io.BytesIO(text), "events.jsonl")}, "content_type": "multipart/form-data"}


def test_hr_may_not_name_a_mentor_of_another_agency_by_the_api(world: World) -> None:
    before = world.log()
    response = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={"kind": "mentoring_start", **start(RINA)})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    outside(response.get_json()["errors"])
    assert world.log() == before


def test_hr_may_still_name_a_mentor_of_their_own_agency(world: World) -> None:
    response = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={"kind": "mentoring_start", **start(BUDI)})
    assert response.status_code == 201
    assert [e.KIND for e in world.services.ledger.get_events(BUDI)][-1] == "mentee_assigned"


def test_a_national_administrator_may_name_a_mentor_of_any_agency(world: World) -> None:
    response = world.post(f"/api/v1/employees/{SARI}/events", "admin", json={"kind": "mentoring_start", **start(RINA)})
    assert response.status_code == 201
    assert [e.KIND for e in world.services.ledger.get_events(RINA)][-1] == "mentee_assigned"


def test_hr_may_not_retract_a_mentoring_whose_mentor_is_of_another_agency(world: World) -> None:
    """(Its end, and its correction, are the mentee's writer's: tests/functional/
    test_mentoring_end_after_mentor_moved.py; an end naming a mentor the record does not name stays refused as one
    never appointed: test_mentor_outside_scope_answers_as_missing.)"""
    started = world.services.ledger.record(SARI, "mentoring_start", start(RINA), actor="admin")
    before = world.log()
    retraction = {"kind": "retraction", **f.retraction(started.version, "2021-02-01")}
    retracted = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=retraction)
    assert retracted.status_code == 422
    outside(retracted.get_json()["errors"], "target_version")
    assert world.log() == before


def test_the_record_form_refuses_a_mentor_of_another_agency_beside_the_mentor(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {**form_of(world, "mentoring_start"), "nip": SARI, **start(RINA)}
    answer = world.client.post("/pages/record?kind=mentoring_start&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="mentor_nip-error">(.*?)</span>', page, re.S)
    assert beside, page
    assert f"No employee with NIP {RINA} is in your scope&#39;s records" in beside.group(1)
    assert world.log() == before


def test_the_record_form_words_the_refusal_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "mentoring_start"), "nip": SARI, **start(RINA)}
    page = world.client.post("/pages/record?kind=mentoring_start", data=data).get_data(as_text=True)
    beside = re.search(r'<span class="error" id="mentor_nip-error">(.*?)</span>', page, re.S)
    assert beside, page
    assert f"Tidak ada pegawai dengan NIP {RINA} dalam catatan cakupan Anda" in beside.group(1), beside.group(1)


def test_an_import_row_naming_a_mentor_of_another_agency_is_rejected_naming_the_mentor(world: World) -> None:
    rows = [
        {"kind": "mentoring_start", "nip": SARI, **start(RINA)},
        {"kind": "mentoring_start", "nip": SARI, **start(BUDI, "MNT-2")},
    ]
    before = world.log()
    report = world.post("/api/v1/imports", "hr", **upload(*rows)).get_json()
    assert report["recorded"] == 1
    (rejected,) = report["rejected"]
    assert rejected["line"] == 1
    outside(rejected["errors"])
    assert [subject for _, subject, _ in world.log()[len(before) :]] == [SARI, BUDI]


def test_the_import_page_reports_the_row_naming_a_mentor_of_another_agency(world: World) -> None:
    from tests.functional.test_pages_hr import upload as upload_page

    log_in(world, "hr")
    before = world.log()
    page = upload_page(world, json.dumps({"kind": "mentoring_start", "nip": SARI, **start(RINA)}) + "\n", "e.jsonl")
    assert re.search(r"<dt>Rejected</dt><dd>1</dd>", page), page
    assert f"No employee with NIP {RINA} is in your scope&#39;s records" in page
    assert world.log() == before

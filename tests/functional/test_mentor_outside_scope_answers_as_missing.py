"""A mentor who works outside an HR administrator's scope is refused exactly as a NIP never appointed is: the
same status and body, on the API, an import (dry run or not), the record form and the import page. Before, the
one was "Mentor ... works outside your scope (...)" and the other "No employee with NIP ... has been appointed":
a dry-run import of mentoring rows told an HR office of one agency which NIPs are civil servants of another, any
number of them at once and without a row of the access log (docs/security.md, "Authorization and input")."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from tests.functional.conftest import MISSING, RINA, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_pages_hr import upload as upload_page


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def start(mentor: str, **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "mentoring_start",
        "mentor_nip": mentor,
        "focus": "Kearsipan",
        "effective_date": "2021-01-04",
        "reference": "MNT-1",
        **overrides,
    }


def end(mentor: str) -> dict[str, Any]:
    return {"kind": "mentoring_end", "mentor_nip": mentor, "effective_date": "2021-06-30", "reference": "MNT-1-E"}


def as_missing(text: str) -> str:
    """The answer with the outside mentor's NIP written as the missing one's (what should then be equal)."""
    return text.replace(RINA, MISSING)


def without_tokens(page: str) -> str:
    """A page without what differs from one answer to the next (its form's token and key, the session's end)."""
    page = re.sub(r'(name="(csrf_token|client_key)"[^>]*value=")[^"]*', r"\1", page)
    page = re.sub(r'value="[^"]*"( name="(csrf_token|client_key)")', r'value=""\1', page)
    return re.sub(r'<p class="help" id="session-ends">.*?</p>', "", page, flags=re.S)


@pytest.mark.parametrize(
    "body",
    [start, lambda nip: start(nip, effective_date="2021-13-40"), end],
    ids=["start", "start_with_a_bad_date", "end"],
)
def test_the_api_refuses_a_mentor_outside_the_scope_as_one_never_appointed(world: World, body: Any) -> None:
    before = world.log()
    outside = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=body(RINA))
    missing = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=body(MISSING))
    assert outside.status_code == missing.status_code == 422
    assert as_missing(outside.get_data(as_text=True)) == missing.get_data(as_text=True)
    assert world.log() == before


@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_an_import_rejects_a_mentor_outside_the_scope_as_one_never_appointed(world: World, dry_run: str) -> None:
    def imported(mentor: str) -> dict[str, Any]:
        rows = [{"nip": SARI, **start(mentor)}, {"nip": SARI, **end(mentor)}]
        text = "".join(json.dumps(r) + "\n" for r in rows).encode()
        data = {"file": (io.BytesIO(text), "events.jsonl")}
        answer = world.post(f"/api/v1/imports?dry_run={dry_run}", "hr", data=data, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        report = answer.get_json()
        report.pop("position")
        return report

    before = world.log()
    outside, missing = imported(RINA), imported(MISSING)
    assert len(outside["rejected"]) == 2
    assert json.loads(as_missing(json.dumps(outside))) == missing
    assert world.log() == before


def test_the_record_form_refuses_a_mentor_outside_the_scope_as_one_never_appointed(world: World) -> None:
    log_in(world, "hr")

    def sent(mentor: str) -> str:
        data = {**form_of(world, "mentoring_start"), "nip": SARI, **start(mentor)}
        data.pop("kind")
        answer = world.client.post("/pages/record?kind=mentoring_start&lang=en", data=data)
        assert answer.status_code == 422
        return without_tokens(answer.get_data(as_text=True))

    before = world.log()
    outside, missing = sent(RINA), sent(MISSING)
    assert f"No employee with NIP {MISSING} is in your scope&#39;s records" in missing
    assert as_missing(outside) == missing
    assert world.log() == before


def test_the_import_page_reports_a_mentor_outside_the_scope_as_one_never_appointed(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    outside = upload_page(world, json.dumps({"nip": SARI, **start(RINA)}) + "\n", "e.jsonl")
    missing = upload_page(world, json.dumps({"nip": SARI, **start(MISSING)}) + "\n", "e.jsonl")
    assert re.search(r"<dt>Rejected</dt><dd>1</dd>", missing), missing
    # (the refused rows' download is signed anew each time: compared without it)
    outside, missing = (re.sub(r'(name="file"[^>]*value=")[^"]*', r"\1", without_tokens(p)) for p in (outside, missing))
    assert as_missing(outside) == missing
    assert world.log() == before

"""A mentor's NIP of no identity number's form is refused as malformed beside mentor_nip, by the API, the record form
and an import alike, before the mentor is looked up: an HR administrator of one agency has the mentor's record looked
up for the scope before the ledger checks the mentoring (web.scoping), and the ledger looks the mentor up to write the
mentee's side, either of which would answer "No employee with NIP ... has been appointed." for a number that cannot
be one (careerlog.domain.employee.malformed_mentor, 2e242b3; tests/unit/test_mentor_nip_malformed.py judges the
record alone)."""

from __future__ import annotations

import io
import re

import pytest

from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

MALFORMED = {
    "12345": "Must be 18 digits, got '12345'.",
    "197513050200003201": "Digits 1-8 (19751305) are not a real birth date.",
    "198609262010131701": "Digits 13-14 (TMT CPNS month) must be 01-12, got 13.",
}
START = {"focus": "Kearsipan", "effective_date": "2021-01-04", "reference": "MNT-1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("mentor", list(MALFORMED))
def test_the_api_refuses_a_malformed_mentor_nip_as_malformed(world: World, mentor: str) -> None:
    before = world.log()
    body = {"kind": "mentoring_start", "mentor_nip": mentor, **START}
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=body)
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {"mentor_nip": [MALFORMED[mentor]]}
    assert world.log() == before


def test_the_record_form_refuses_a_malformed_mentor_nip_beside_the_mentor(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = {**form_of(world, "mentoring_start"), "nip": SARI, "mentor_nip": "12345", **START}
    answer = world.client.post("/pages/record?kind=mentoring_start&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="mentor_nip-error">(.*?)</span>', page, re.S)
    assert beside, page
    assert beside.group(1).strip() == "Must be 18 digits, got &#39;12345&#39;."
    assert "has been appointed" not in page
    assert world.log() == before


def test_an_import_refuses_a_malformed_mentor_nip_as_malformed(world: World) -> None:
    before = world.log()
    lines = ["nip;mentor_nip;focus;effective_date;reference"]
    lines += [f"{SARI};{mentor};Kearsipan;2021-01-04;MNT-{n}" for n, mentor in enumerate(MALFORMED)]
    upload = {"file": (io.BytesIO("\n".join(lines).encode()), "mentoring_start.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 0
    assert [r["errors"] for r in report["rejected"]] == [{"mentor_nip": [reason]} for reason in MALFORMED.values()]
    assert world.log() == before

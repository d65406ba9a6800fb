"""A refusal of the mentor's side of a mentoring (the ledger's `mentor_nip (<field>)`, quoting the mentor's record: a
start before the mentor's appointment) stands beside an input on the record form, linked from the form's summary: the
mentor's NIP on a mentoring's own form, the corrected field on a correction's. Found in the exploratory pass of
2026-12-05: it was printed below the last field, under its API name ("mentor_nip (effective_date): 4 Jan 2017 ..."),
beside no input and linked from no summary, which said "see the reasons beside the fields"."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import SARI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

MENTOR = f.nip(date(1995, 5, 5), date(2020, 3, 1), "M", sequence=705)  # KOTA-MEDAN, appointed after SARI
START = {"focus": "Kearsipan", "reference": "MNT-1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def mentor(world: World) -> World:
    world.services.ledger.record(MENTOR, "appointment", appointment_of(MENTOR, name="Andi Baru"), actor="test")
    world.catch_up()
    log_in(world, "hr")
    return world


def beside(page: str, name: str) -> str:
    found = re.findall(rf'<span class="error" id="{re.escape(name)}-error">(.*?)</span>', page, re.S)
    return html.unescape(" ".join(found))


def test_a_start_refused_by_the_mentors_side_is_refused_beside_the_mentors_nip(mentor: World) -> None:
    before = mentor.log()
    data = {**form_of(mentor, "mentoring_start"), "nip": SARI, "mentor_nip": MENTOR, "effective_date": "2017-01-04"}
    answer = mentor.client.post("/pages/record?kind=mentoring_start&lang=en", data={**data, **START})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "before the appointment" in beside(page, "mentor_nip"), page
    assert 'href="#f-mentor_nip"' in page  # (the summary links to it)
    assert "mentor_nip (" not in page
    assert mentor.log() == before


def test_a_correction_refused_by_the_mentors_side_is_refused_beside_the_corrected_field(mentor: World) -> None:
    fact = {"mentor_nip": MENTOR, "effective_date": "2021-01-04", **START}
    started = mentor.services.ledger.record(SARI, "mentoring_start", fact, actor="test")
    mentor.catch_up()
    url = f"/pages/record?kind=correction&nip={SARI}&target_version={started.version}&lang=en"
    shown = mentor.client.get(url).get_data(as_text=True)
    inputs: dict[str, Any] = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input [^>]*name="((?:corrected|shown)[._]\w+)" value="([^"]*)"', shown)
    }
    data = {
        **form_of(mentor, "correction"),
        **inputs,
        "nip": SARI,
        "target_version": str(started.version),
        "effective_date": "2025-01-06",
        "reference": "RALAT-1",
        "reason": "Salah tanggal",
        "corrected.effective_date": "2017-01-04",
    }
    before = mentor.log()
    answer = mentor.client.post("/pages/record?kind=correction&lang=en", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    reason = beside(page, "corrected_fields.effective_date")
    assert "In the mentor's record" in reason, page
    assert "before the appointment" in reason
    assert 'href="#f-corrected-effective_date"' in page
    assert "mentor_nip (" not in page
    assert mentor.log() == before

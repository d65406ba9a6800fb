"""A correction of an appointment's employment kind that its NIP contradicts (a PNS number's digit 13 is 0 or 1, an NI
PPPK's is 2) is refused beside the employment kind, the field the correction form has, saying what to do: the
refusal was keyed to corrected_fields.nip, a field neither the form nor corrected_fields has, so the form showed it
at its foot as "Corrected fields (JSON) / NIP" and the API named a field the client cannot correct."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

TO_PPPK = {"target_version": 1, "effective_date": "2024-01-04", "reference": "KOR-1", "reason": "Salah input"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def beside(page: str, name: str) -> str:
    found = re.search(rf'<span class="error" id="{re.escape(name)}-error">(.*?)</span>', page, re.S)
    assert found, page
    return found.group(1)


def correction_form(world: World) -> dict[str, str]:
    values = {k: str(v) for k, v in TO_PPPK.items()}
    return {**form_of(world, "correction"), "nip": BUDI, **values, "corrected.employment_kind": "PPPK"}


def test_the_api_refuses_a_pns_number_corrected_to_pppk_naming_the_employment_kind(world: World) -> None:
    before = world.log()
    body = {"kind": "correction", **TO_PPPK, "corrected_fields": {"employment_kind": "PPPK"}}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert list(errors) == ["corrected_fields.employment_kind"], errors
    (reason,) = errors["corrected_fields.employment_kind"]
    assert f"NIP {BUDI} is a PNS number" in reason, reason
    assert "appoint them under their own NI PPPK" in reason, reason
    assert world.log() == before


def test_the_correction_form_shows_why_beside_the_employment_kind(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=correction&lang=en", data=correction_form(world))
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    reason = beside(page, "corrected_fields.employment_kind")
    assert f"NIP {BUDI} is a PNS number" in reason, reason
    assert "Leave the employment kind as it is" in reason, reason
    assert 'aria-describedby="corrected_fields.employment_kind-error"' in page
    assert "/ NIP:" not in page  # (no longer at the form's foot, beside a field it does not have)
    assert world.log() == before


def test_the_correction_form_says_why_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    page = world.client.post("/pages/record?kind=correction&lang=id", data=correction_form(world)).get_data(
        as_text=True
    )
    reason = beside(page, "corrected_fields.employment_kind")
    assert f"NIP {BUDI} adalah nomor PNS" in reason, reason

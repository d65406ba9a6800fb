"""The record form reads a NIP pasted as a decree or a signature prints it, after its label ("NIP. 19860926 201003 1
701", "NIP:", "NI PPPK", as the start page reads it): the 18 digits, with only spaces and dots about them, are the
NIP, in the record's NIP, a void's NIP typed again and a mentor's NIP. It refused them ("must be 18 digits, got
'NIP. 1986...'"), and HR pastes NIPs so. Anything else about the digits ("No.", a note after them) is still refused
beside the field, nothing recorded. On both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of, training_form

SHOWN = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("typed", [f"NIP. {SHOWN}", f"NIP.{BUDI}", f"nip {SHOWN}", f" NIP. {SHOWN}. ", f"NIP: {BUDI}"])
def test_a_nip_pasted_with_its_label_is_recorded_in_that_record(world: World, typed: str) -> None:
    log_in(world, "hr")
    before = len(world.log())
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, nip=typed))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert len(world.log()) == before + 1
    assert world.log()[-1][1] == BUDI


@pytest.mark.parametrize("typed", [f"No. {SHOWN}", f"NIP. {SHOWN} (lama)", f"NIP {BUDI[:17]}", f"NIPX {BUDI}"])
def test_anything_else_about_the_digits_is_refused_naming_the_nip(world: World, typed: str) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, nip=typed))
    assert answer.status_code == 422
    shown = answer.get_data(as_text=True)
    assert 'id="nip-error"' in shown
    assert "Must be 18 digits" in shown
    assert world.log() == before


def test_a_voids_nip_typed_again_may_be_pasted_with_its_label(world: World) -> None:
    log_in(world, "hr")
    void = {"target_version": "1", "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    data = {**form_of(world, "retraction"), "nip": f"NIP. {SARI}", **void, "reference": "BATAL-NIP-1"}
    answer = world.client.post(
        "/pages/record?kind=retraction&lang=en", data={**data, "confirm_nip": f"NIP. {SARI}"}, follow_redirects=True
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert world.log()[-1][1:] == (SARI, 2)


def test_a_mentors_nip_may_be_pasted_with_its_label(world: World) -> None:
    log_in(world, "hr")
    start = {"focus": "Kepemimpinan", "effective_date": "2024-01-08", "reference": "MNT-1"}
    data = {**form_of(world, "mentoring_start"), "nip": SARI, **start, "mentor_nip": f"NIP. {SHOWN}"}
    answer = world.client.post("/pages/record?kind=mentoring_start&lang=en", data=data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert [row[1:] for row in world.log()[-2:]] == [(SARI, 2), (BUDI, 3)]  # (and the mentor's side)


@pytest.mark.parametrize("hours", ["24 JP", "24jp", " 24 Jp "])
def test_a_trainings_hours_typed_with_their_unit_are_recorded_as_an_import_reads_them(world: World, hours: str) -> None:
    """The form refused "24 JP" ("Not a valid integer.") that an import of the same training records
    (careerlog.textfiles.lesson_hours, one function for both)."""
    log_in(world, "hr")
    before = len(world.log())
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, hours=hours))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert len(world.log()) == before + 1

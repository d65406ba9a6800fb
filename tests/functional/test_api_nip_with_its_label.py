"""`POST /api/v1/employees` with `"nip": "NIP. 19980817 202503 1 001"` (as a decree prints it and HR pastes it) was
refused "must be 18 digits, got 'NIP199808172025031001'", neither what was typed nor accepted, while the start page,
the record form and an import read a NIP after its label (exploratory tester, 2026-12-06). A recording's NIP is read
by the one reader (careerlog.domain.nip.unlabelled_nip): the appointment is recorded under the 18 digits; a NIP
with anything else about it is still refused naming `nip`, quoted as typed, nothing recorded. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem

NIP = f.nip(date(1998, 8, 17), date(2025, 3, 1), "M", sequence=1)
SHOWN = f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("typed", [f"NIP. {SHOWN}", f"NIP: {NIP}", f"nip {SHOWN}"])
def test_an_appointment_of_a_nip_sent_with_its_label_is_recorded_under_its_digits(world: World, typed: str) -> None:
    answer = world.post("/api/v1/employees", "hr", json={"nip": typed, **appointment_of(NIP)})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert answer.headers["Location"] == f"/api/v1/employees/{NIP}"
    assert world.log()[-1][1] == NIP


def test_a_nip_with_more_than_its_label_is_refused_naming_nip(world: World) -> None:
    before = world.log()
    body = problem(world.post("/api/v1/employees", "hr", json={"nip": f"No. {SHOWN}", **appointment_of(NIP)}), 422)
    assert body["errors"] == {"nip": [f"Must be 18 digits, got 'No. {SHOWN}'."]}  # (as typed: not 'No.1998...')
    assert world.log() == before


def test_a_nip_refused_with_other_fields_is_quoted_as_typed(world: World) -> None:
    body = {"nip": f"No. {SHOWN}", **appointment_of(NIP), "birth_date": "soon"}
    errors = problem(world.post("/api/v1/employees", "hr", json=body), 422)["errors"]
    assert errors["nip"] == [f"Must be 18 digits, got 'No. {SHOWN}'."]

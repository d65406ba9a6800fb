"""A name typed where an address's NIP goes (`/api/v1/employees/Abdul%20Rahman%20Harahap/timeline`) was answered 404
"No employee with NIP AbdulRahmanHarahap has been appointed.": the name squashed as a NIP's separators are, and
called a NIP. It is said to be no NIP (18 digits), quoted as typed; a NIP of 18 digits not recorded is still "No
employee with NIP ... has been appointed."."""

from __future__ import annotations

import pytest

from tests.functional.conftest import MISSING, World


@pytest.mark.parametrize("tail", ["", "/timeline", "/eligibility", "/events", "/events/1"])
def test_a_name_in_an_api_address_is_said_to_be_no_nip(world: World, tail: str) -> None:
    answer = world.get(f"/api/v1/employees/Abdul%20Rahman%20Harahap{tail}", "admin")
    assert answer.status_code == 404
    assert answer.get_json()["detail"] == "'Abdul Rahman Harahap' is not a NIP: a NIP is 18 digits."
    short = world.get(f"/api/v1/employees/{MISSING}{tail}", "admin")
    assert short.get_json()["detail"] == f"No employee with NIP {MISSING} is in the records you can read."


def test_a_name_in_a_recording_address_is_said_to_be_no_nip(world: World) -> None:
    before = world.log()
    body = {"kind": "training", "training_kind": "TEKNIS", "title": "Arsip", "organiser": "BKPSDM", "hours": 8}
    body |= {"start_date": "2024-05-06", "effective_date": "2024-05-06", "reference": "N-1"}
    answer = world.post("/api/v1/employees/Abdul%20Rahman%20Harahap/events", "hr", json=body)
    assert answer.status_code == 404
    assert answer.get_json()["detail"] == "'Abdul Rahman Harahap' is not a NIP: a NIP is 18 digits."
    assert world.log() == before

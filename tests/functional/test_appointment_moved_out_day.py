"""A correction of the appointment moving it out of HR's scope is refused naming the day the employee would have
worked elsewhere from: the appointment's TMT, where the refusal said "from 0001-01-01" (the API) and "from Jan 1, 1"
(the record form), the first day of web.scoping's comparison of the place before and after (date.min, before any
recorded date) rather than a day of the record."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import SARI, World
from tests.functional.test_scope_moves import EVENTS, refused


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed_on(world: World, nip: str) -> str:
    items = world.get(EVENTS.format(nip), "hr").get_json()["items"]
    (appointment,) = [e for e in items if e["kind"] == "appointment"]
    return str(appointment["effective_date"])


def test_a_correction_moving_the_appointment_out_of_scope_names_the_appointments_day(world: World) -> None:
    before = world.log()
    day = appointed_on(world, SARI)
    correction = {"kind": "correction", **f.correction(1, "2024-01-02", agency="KAB-KARO", region="12.06")}
    reason = refused(world.post(EVENTS.format(SARI), "hr", json=correction), "corrected_fields.agency")
    assert f"from {day}:" in reason
    assert "0001-01-01" not in reason
    assert world.log() == before

"""A kind careerlog knows but `POST /api/v1/employees/{nip}/events` does not record (an appointment, a unit's rating,
the mentor's side of a mentoring, kept by the system) was refused as "Missing or unknown kind; one of: ...", which
told a client that sent `"kind": "appointment"` its kind did not exist. It is refused naming `kind` with where that
kind is recorded; nothing is recorded, and an unknown kind is refused as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World, appointment_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.mark.parametrize(
    ("kind", "told"),
    [
        ("appointment", "POST /api/v1/employees"),
        ("unit_rating", "POST /api/v1/units/{agency}/{unit}/ratings"),
        ("mentee_assigned", "record the mentoring_start in the mentee's record"),
        ("mentee_released", "record the mentoring_end in the mentee's record"),
        ("unit_registration", "Recorded by the system"),
    ],
)
def test_a_kind_recorded_elsewhere_says_where(world: World, kind: str, told: str) -> None:
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**appointment_of(BUDI, reference="SK-ELSEWHERE"), "kind": kind})
    assert answer.status_code == 422
    [reason] = answer.get_json()["errors"]["kind"]
    assert told in reason
    assert "unknown kind" not in reason
    assert world.log() == before


def test_an_unknown_kind_is_refused_as_before(world: World) -> None:
    answer = world.post(EVENTS, "hr", json={"kind": "holiday"})
    assert answer.status_code == 422
    assert answer.get_json()["errors"]["kind"][0].startswith("Missing or unknown kind; one of: confirmation, ")

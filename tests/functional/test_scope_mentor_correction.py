"""A correction of a mentoring writes the mentor's record too, since a123e6b: an HR administrator of one agency may
correct it only while the mentor works within their scope, as they may retract it (tests/functional/
test_scope_mentor.py); a national administrator may. Nothing is recorded on either record when it is refused."""

from __future__ import annotations

from tests import factories as f
from tests.functional.conftest import RINA, SARI, World
from tests.functional.test_scope_mentor import outside, start


def test_hr_may_not_correct_a_mentoring_whose_mentor_is_of_another_agency_and_an_administrator_may(
    world: World,
) -> None:
    started = world.services.ledger.record(SARI, "mentoring_start", start(RINA), actor="admin")
    before = world.log()
    correction = {"kind": "correction", **f.correction(started.version, "2021-02-01", focus="Kearsipan digital")}
    refused = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=correction)
    assert refused.status_code == 422
    outside(refused.get_json()["errors"], "target_version")
    assert world.log() == before
    assert world.post(f"/api/v1/employees/{SARI}/events", "admin", json=correction).status_code == 201
    assert len(world.log()) == len(before) + 2  # (the mentee's correction and the mentor's side's)

"""A correction of a mentoring writes the mentor's record too, since a123e6b. Until 2026-12-05 an HR administrator of
one agency could correct it only while the mentor worked within their scope; now the correction of a mentoring the
mentee's record holds is theirs whatever scope the mentor works in (the record names the mentor already, and the
mentor's side follows the mentee's: tests/functional/test_mentoring_end_after_mentor_moved.py), as a national
administrator's is. Its retraction still asks the mentor's record to be theirs (tests/functional/
test_scope_mentor.py)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import RINA, SARI, World
from tests.functional.test_scope_mentor import start


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_hr_may_correct_a_mentoring_whose_mentor_is_of_another_agency_and_its_side_follows(world: World) -> None:
    started = world.services.ledger.record(SARI, "mentoring_start", start(RINA), actor="admin")
    before = world.log()
    correction = {"kind": "correction", **f.correction(started.version, "2021-02-01", focus="Kearsipan digital")}
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=correction)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert len(world.log()) == len(before) + 2  # (the mentee's correction and the mentor's side's)
    assert [e.KIND for e in world.services.ledger.get_events(RINA)][-1] == "correction"

"""A correction or retraction dated before the appointment is refused beside its `effective_date` (found by a tester,
2026-12-06: a correction dated 1999-01-01 of a 2003 appointee's fact was recorded). Nothing is recorded. One dated
before the fact it changes, after the appointment, is taken (a decree may correct a fact before its TMT)."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_acceptance_refusals import problem

EVENTS = f"/api/v1/employees/{BUDI}/events"  # (BUDI: TMT 2010-03-01; version 2 a promotion of 2014-04-01)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def change(kind: str, day: str) -> dict[str, object]:
    body: dict[str, object] = {"kind": kind, "target_version": 2, "effective_date": day, "reference": f"KOR-{day}"}
    if kind == "correction":
        body |= {"corrected_fields": {"effective_date": "2014-10-01"}, "reason": "typo"}
    else:
        body |= {"reason": "recorded in error"}
    return body


@pytest.mark.parametrize("kind", ["correction", "retraction"])
def test_a_change_dated_before_the_appointment_is_refused_beside_its_date(world: World, kind: str) -> None:
    before = world.log()
    early = problem(world.post(EVENTS, "hr", json=change(kind, "1999-01-01")), 422)
    assert early["errors"]["effective_date"] == ["1999-01-01 is before the appointment (TMT 2010-03-01)."]
    assert world.log() == before
    answer = world.post(EVENTS, "hr", json=change(kind, "2012-01-02"))  # (before its fact, after the appointment)
    assert answer.status_code == 201, answer.get_json()["errors"]


def test_a_correction_of_the_appointment_is_judged_against_the_tmt_it_corrects(world: World) -> None:
    """A PNS appointed TMT 2012-03-15 (confirmed: appointment.tmt_first_day) whose TMT is corrected to the 1st, dated
    the 1st (the remedy the question suggests), is taken: judged against the TMT as corrected (until 2026-12-06 it was
    refused "2012-03-01 is before the appointment (TMT 2012-03-15)."); one dated before that is still refused."""
    nip = f.nip(appointed=date(2012, 3, 1))
    body = {"nip": nip, **appointment_of(nip, effective_date="2012-03-15"), "confirm": ["appointment.tmt_first_day"]}
    appointed = world.post("/api/v1/employees", "admin", json=body)
    assert appointed.status_code == 201, appointed.get_json()
    events = f"/api/v1/employees/{nip}/events"
    fix = {"kind": "correction", "target_version": 1, "corrected_fields": {"effective_date": "2012-03-01"}}
    fix |= {"reason": "typo", "reference": "KOR-TMT"}
    before = world.log()
    early = problem(world.post(events, "admin", json={**fix, "effective_date": "2012-02-28"}), 422)
    assert early["errors"]["effective_date"] == ["2012-02-28 is before the appointment (TMT 2012-03-01)."]
    assert world.log() == before
    answer = world.post(events, "admin", json={**fix, "effective_date": "2012-03-01"})
    assert answer.status_code == 201, answer.get_json()

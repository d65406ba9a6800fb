"""The end, or a correction, of a mentoring the mentee's record holds is the mentee's writer's whatever the mentor's
agency now is (careerlog.application.names_mentor); the mentor's side follows where the mentor's record takes it. When
it does not (the mentor separated before the day, or the mentor's record voided) and the writer's scope does not cover
the mentor, the mentee's side is recorded alone and the answer is the one a mentor of no such facts gives: until
2026-12-05 the mentor's side refused it in its own words ("mentor_nip (effective_date)": "2024-11-01 is after the
separation on 2024-10-15 (version 5, RETIRED)."), so that a scoped writer found a mentor's separation date, or void, by
trying dates, and a mentoring whose mentor left and then retired could only be ended dated before the retirement. A
writer whose scope covers the mentor is still told. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_mentoring_end_after_mentor_moved import END, EVENTS, mentored_then_moved

# (the mentor's fact after the move: a retirement after the end's day, or one before it. A voided mentor is answered
# alike by the same path, but a live write cannot void a record whose mentee_assigned stands)
FACTS = ("retired_later", "retired_before")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def mentor_with(world: World, facts: str) -> int:
    """Sari mentored by Budi, who moved to KAB-KARO (outside Kota Medan HR's scope), then retired (`facts`): the
    start's version."""
    started = mentored_then_moved(world)
    ledger = world.services.ledger
    day = "2025-06-01" if facts == "retired_later" else "2024-10-15"
    ledger.record(BUDI, "status_change", f.status("RETIRED", day), actor="test")
    return started


def told(answer: Any) -> tuple[int, dict[str, Any]]:
    """The answer's status and body, but for when it was recorded and its place in the store's whole log."""
    body = answer.get_json()
    return answer.status_code, {k: v for k, v in body.items() if k not in ("recorded_at", "position")}


@pytest.mark.parametrize("facts", FACTS)
def test_a_mentoring_ended_by_hr_outside_the_mentors_scope_is_answered_alike_whatever_the_mentors_record_holds(
    world: World, facts: str
) -> None:
    mentor_with(world, facts)
    answer = world.post(EVENTS, "hr", json={"kind": "mentoring_end", **END})
    expected = {"subject": SARI, "version": 3, "kind": "mentoring_end", "created": True}
    assert told(answer) == (201, expected), answer.get_data(as_text=True)
    assert [e.KIND for e in world.services.ledger.get_events(SARI)][-1] == "mentoring_end"
    released = [e for e in world.services.ledger.get_events(BUDI) if e.KIND == "mentee_released"]
    assert len(released) == (1 if facts == "retired_later" else 0)  # (the mentor's side where it takes it)


@pytest.mark.parametrize("facts", FACTS)
def test_a_mentorings_start_corrected_by_hr_outside_the_mentors_scope_is_answered_alike(
    world: World, facts: str
) -> None:
    started = mentor_with(world, facts)
    body = {"kind": "correction", **f.correction(started, "2024-11-02", effective_date="2024-10-20"), "reference": "K"}
    answer = world.post(EVENTS, "hr", json=body)
    assert told(answer) == (201, {"subject": SARI, "version": 3, "kind": "correction", "created": True})


def test_an_administrator_is_still_told_the_mentors_side_refusal(world: World) -> None:
    mentor_with(world, "retired_before")
    before = world.log()
    answer = world.post(EVENTS, "admin", json={"kind": "mentoring_end", **END})
    assert answer.status_code == 422
    assert "2024-10-15" in str(answer.get_json()["errors"]["mentor_nip (effective_date)"])
    assert world.log() == before

"""A correction of a mentoring's start or end is carried to the mentor's side of it, as its retraction is.

Found recording mentoring through the API: a mentoring start corrected from 2020-03-01 to 2020-01-01 (and its focus)
left the mentor's MenteeAssigned at 2020-03-01: the mentor's timeline kept the wrong date and focus, and the end of
the mentoring on 2020-02-01, after the corrected start, was refused on the mentor's side: "mentor_nip
(effective_date): The mentoring ended without having started (this record, 2020-02-01)". The mentor's side is now
corrected with it (same reason, reference and date: the system's correction, as its retraction is), and an export
leaves it out for the import to derive again, as it leaves out the system's retractions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from tests import factories as f

MENTEE = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=611)
MENTOR = f.nip(date(1975, 2, 2), date(2000, 3, 1), "M", sequence=612)


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (two records' facts alone: one store shows it)
    return sqlite_url


def corrected_mentoring(app: CareerLog) -> None:
    app.record(MENTEE, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F"), actor="hr")
    app.record(MENTOR, "appointment", f.appointment(date(1975, 2, 2), date(2000, 3, 1), "M"), actor="hr")
    start = {"mentor_nip": MENTOR, "focus": "Analisis", "effective_date": "2020-03-01", "reference": "M-1"}
    app.record(MENTEE, "mentoring_start", start, actor="hr")  # the mentee's version 2, the mentor's 2
    fix = f.correction(2, "2026-01-05", effective_date="2020-01-01", focus="Analisis data")
    app.record(MENTEE, "correction", fix, actor="hr")


def test_a_mentoring_starts_corrected_date_and_focus_are_the_mentors_too(app: CareerLog) -> None:
    corrected_mentoring(app)
    [assigned] = app.get_employee(MENTOR).find_active("mentee_assigned")
    assert (assigned.effective_date, assigned.values["focus"]) == (date(2020, 1, 1), "Analisis data")
    end = {"mentor_nip": MENTOR, "effective_date": "2020-02-01", "reference": "M-2"}
    assert app.record(MENTEE, "mentoring_end", end, actor="hr").created  # (after the start as corrected)


def test_an_export_of_a_corrected_mentoring_imports_to_the_same_records(app: CareerLog, tmp_path: Path) -> None:
    corrected_mentoring(app)
    with f.restored_copy(app, tmp_path) as copy:
        for nip in (MENTEE, MENTOR):
            assert [type(e).__name__ for e in copy.get_events(nip)] == [type(e).__name__ for e in app.get_events(nip)]
        [assigned] = copy.get_employee(MENTOR).find_active("mentee_assigned")
        assert assigned.effective_date == date(2020, 1, 1)

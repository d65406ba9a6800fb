"""A mentoring whose reference was corrected is retracted on both records, and may be recorded again.

Found recording mentoring through the API: a mentoring start (reference M2) corrected to M2b, then retracted, left
the mentor's side (MenteeAssigned, recorded under M2) in force: the retraction looked for the mentor's side under the
corrected reference. The mentor's record kept a mentee assigned whom the mentee's record no longer had, and the
mentoring could never be recorded again ("mentor_nip (effective_date): The mentoring started while already open").
The mentor's side is now found under the reference it was recorded with.
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.application import CareerLog
from tests import factories as f

MENTEE = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=601)
MENTOR = f.nip(date(1975, 2, 2), date(2000, 3, 1), "M", sequence=602)


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (two records' facts alone: one store shows it)
    return sqlite_url


def test_a_mentoring_retracted_after_its_reference_was_corrected_is_retracted_for_the_mentor_too(
    app: CareerLog,
) -> None:
    app.record(MENTEE, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F"), actor="hr")
    app.record(MENTOR, "appointment", f.appointment(date(1975, 2, 2), date(2000, 3, 1), "M"), actor="hr")
    start = {"mentor_nip": MENTOR, "focus": "Analisis", "effective_date": "2020-01-01", "reference": "M2"}
    app.record(MENTEE, "mentoring_start", start, actor="hr")  # the mentee's version 2, the mentor's 2
    app.record(MENTEE, "correction", f.correction(2, "2026-01-05", reference="M2b"), actor="hr")
    app.record(MENTEE, "retraction", f.retraction(2, "2026-01-06"), actor="hr")
    assert not app.get_employee(MENTOR).find_active("mentee_assigned")
    again = {**start, "effective_date": "2021-01-01", "reference": "M9"}
    assert app.record(MENTEE, "mentoring_start", again, actor="hr").created

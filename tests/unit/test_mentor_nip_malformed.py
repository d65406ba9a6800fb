"""A mentor's NIP that no identity number can be is refused saying why, as the employee's own NIP is ("must be 18
digits", "digits 1-8 ... are not a real birth date"...), beside mentor_nip: before, a mentoring start named such a
mentor "not appointed" (the ledger looked the number up), and a session or an end said no mentoring was open."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.unit.test_employee_record import appoint, record, refused

MENTOR = f.nip(date(1975, 5, 5), date(2000, 3, 1), "F", sequence=9)
MALFORMED = {
    "12345": "Must be 18 digits, got '12345'.",
    "197513050200003200": "Digits 1-8 (19751305) are not a real birth date.",
    "197505052000033009": "Digit 15 (sex) must be 1 or 2, got 3.",
}


def mentoring(kind: str, mentor: str, day: str, **more: object) -> dict[str, object]:
    return {"mentor_nip": mentor, "effective_date": day, "reference": f"M-{kind}-{day}", **more}


@pytest.mark.parametrize(("kind", "extra"), [("mentoring_start", {"focus": "Arsip"}), ("mentoring_end", {})])
@pytest.mark.parametrize("mentor", list(MALFORMED))
def test_a_mentoring_naming_a_malformed_mentor_nip_says_why_it_is_no_nip(kind: str, extra: dict, mentor: str) -> None:
    employee = appoint()
    assert refused(employee, kind, mentoring(kind, mentor, "2020-01-06", **extra)) == {
        "mentor_nip": [MALFORMED[mentor]]
    }


@pytest.mark.parametrize("mentor", list(MALFORMED))
def test_a_mentoring_session_naming_a_malformed_mentor_nip_says_why_it_is_no_nip(mentor: str) -> None:
    employee = appoint()
    record(employee, "mentoring_start", mentoring("start", MENTOR, "2020-01-06", focus="Arsip"))
    session = mentoring("session", mentor, "2020-02-03", topic="Arsip", minutes=60)
    assert refused(employee, "mentoring_session", session) == {"mentor_nip": [MALFORMED[mentor]]}


def test_a_well_formed_mentor_nip_is_still_taken() -> None:
    employee = appoint()
    record(employee, "mentoring_start", mentoring("start", MENTOR, "2020-01-06", focus="Arsip"))
    record(employee, "mentoring_session", mentoring("session", MENTOR, "2020-02-03", topic="Arsip"))
    assert employee.version == 3

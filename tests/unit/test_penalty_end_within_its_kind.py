"""A penalty of a kind that lasts so many months may not end after its last month.

Found recording a penalty through the API: a POTONG_TUKIN_6 (25% of the allowance cut for 6 months, PP 94/2021)
begun on 2021-01-01 with an end date of 2031-01-01 (the year typed wrong) was recorded, and a medium penalty bars
promotion while it runs (promotion.penalty): the employee's next promotions read as barred until 2031. Such an end
is now refused beside end_date, naming the kind's last day; an earlier end (ended early) and a kind of no fixed
length (a reprimand, a dismissal) are taken as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_employee_record import appoint, record, refused


def penalty(kind: str, end: str | None, level: str = "MEDIUM", start: str = "2022-01-01") -> dict[str, Any]:
    """A penalty begun on `start`: 2022-01-01, under PP 94/2021 (its kinds: penalty.kinds)."""
    given = {"level": level, "penalty_kind": kind, "effective_date": start, "reference": "HD-1"}
    return {**given, "end_date": end} if end else given


def test_a_six_month_penalty_ending_ten_years_later_is_refused_naming_its_last_day() -> None:
    assert refused(appoint(), "penalty", penalty("POTONG_TUKIN_6", "2032-01-01")) == {
        "end_date": [
            "2032-01-01 is after the last day of a POTONG_TUKIN_6 penalty begun on 2022-01-01, 2022-06-30: it lasts 6 "
            "months. Check the end date, or the kind of penalty."
        ]
    }


@pytest.mark.parametrize(
    ("kind", "end", "level", "start"),
    [
        ("POTONG_TUKIN_6", "2022-06-30", "MEDIUM", "2022-01-01"),  # its last day
        ("POTONG_TUKIN_6", "2022-03-31", "MEDIUM", "2022-01-01"),  # ended early
        ("PENURUNAN_PANGKAT_3", "2023-12-31", "SEVERE", "2021-01-01"),  # 36 months (PP 53/2010, before PP 94/2021)
        ("TEGURAN_TERTULIS", "2032-01-01", "LIGHT", "2022-01-01"),  # (a reprimand has no length to keep to)
    ],
)
def test_a_penalty_ending_within_its_kinds_months_or_of_no_fixed_length_is_recorded(
    kind: str, end: str, level: str, start: str
) -> None:
    assert record(appoint(), "penalty", penalty(kind, end, level, start)).created


def test_a_correction_giving_a_penalty_an_end_after_its_months_is_refused() -> None:
    employee = appoint()
    record(employee, "penalty", penalty("POTONG_TUKIN_6", None))  # version 2, ending 2022-06-30
    correction = {
        "target_version": 2,
        "reason": "Salah ketik",
        "corrected_fields": {"end_date": "2032-06-30"},
        "effective_date": "2022-07-01",
        "reference": "RALAT-1",
    }
    assert "corrected_fields.end_date" in refused(employee, "correction", correction)

"""The day a PNS's service is expected to end at the retirement age of the post held (rule retirement.age,
unconfirmed: the reference names the status 98 but no ages). Shown on the career page only."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.reference import Rules
from careerlog.retirement import RULE, retirement_age
from careerlog.sqlstore import Row

__all__ = ["RULE", "expected_retirement", "retirement_age"]


def expected_retirement(book: Rules, roster: Row | None, today: date) -> dict[str, Any] | None:
    """When a PNS in service is expected to retire, from their roster row: the last day of the month in which they
    reach the retirement age of the post held now (`day`), the `age`, the rule's `status` and whether that day is
    already `past` (before `today`: no end of service recorded by then, for HR to confirm). None for a PPPK
    employee, one whose service ended, a birth date not recorded, or no rule in force."""
    if roster is None or roster["employment_kind"] != "PNS" or roster["separated_on"] or not roster["birth_date"]:
        return None
    found = retirement_age(book, today, roster["post_kind"], roster["post_level"], roster.get("post_title"))
    if found is None:
        return None
    age, status = found
    reached = date.fromisoformat(roster["birth_date"]) + relativedelta(years=age)
    last_day = reached + relativedelta(day=31)
    return {"day": last_day.isoformat(), "age": age, "status": status, "past": last_day < today}

"""The day a PNS's service is expected to end at the retirement age of the post held (rule retirement.age,
unconfirmed: the reference names the status 98 but no ages). Shown on the career page only."""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.reference import Rules
from careerlog.sqlstore import Row

RULE = "retirement.age"


def retirement_age(book: Rules, day: date, post_kind: str | None, level: str | None) -> tuple[int, str] | None:
    """The retirement age of the post held on `day` (its managerial kind's, else its functional level's, else the
    rule's default) and the rule's status; None when the rule is not in force."""
    rule = book.in_force(RULE, day)
    if rule is None:
        return None
    params = rule.params
    by_post = params.get("post_kinds", {}).get(post_kind) if post_kind else None
    by_level = params.get("functional_levels", {}).get(level) if post_kind == "FUNGSIONAL" and level else None
    return int(by_post or by_level or params["default"]), rule.status


def expected_retirement(book: Rules, roster: Row | None, today: date) -> dict[str, Any] | None:
    """When a PNS in service is expected to retire, from their roster row: the last day of the month in which they
    reach the retirement age of the post held now (`day`), the `age`, the rule's `status` and whether that day is
    already `past` (before `today`: no end of service recorded by then, for HR to confirm). None for a PPPK
    employee, one whose service ended, a birth date not recorded, or no rule in force."""
    if roster is None or roster["employment_kind"] != "PNS" or roster["separated_on"] or not roster["birth_date"]:
        return None
    found = retirement_age(book, today, roster["post_kind"], roster["post_level"])
    if found is None:
        return None
    age, status = found
    reached = date.fromisoformat(roster["birth_date"]) + relativedelta(years=age)
    last_day = reached + relativedelta(day=31)
    return {"day": last_day.isoformat(), "age": age, "status": status, "past": last_day < today}

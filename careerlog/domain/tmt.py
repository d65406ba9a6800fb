"""A CPNS appointment's TMT not on the 1st of a month (rule appointment.tmt_first_day). The NIP gives the TMT CPNS by
its year and month alone (the reference, S: digits 9-14 YYYYMM), and a TMT is the 1st of a month, as a promotion's
is (the reference gives promotion dates on the 1st, S); that a CPNS's TMT is always the 1st is an inference (I), so a
TMT on another day (2025-03-17: found by a tester, 2026-12-06) is asked about, not refused (confirm:
appointment.tmt_first_day), beside `effective_date`; a PPPK's, whose number gives a year alone, is not asked. Asked on
every live writer, never on a migration."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.domain.wording import Reason, confirmable
from careerlog.reference import Rules

TMT_FIRST = "appointment.tmt_first_day"  # the rule, and the check a writer confirms
TMT_NOT_FIRST, TMT_NOT_FIRST_TICKED = confirmable(
    "A CPNS's TMT is the 1st of a month (rule appointment.tmt_first_day), not {day}: if it is mistyped, write the "
    "day the decree gives ({first}?); if the decree does date it {day}, ",
    TMT_FIRST,
    ".",
    named=True,  # (a correction row's yes does not confirm it: since 2026-12-07 a correction is asked it)
    dates=("day", "first"),
)


def tmt_not_first(book: Rules, values: Mapping[str, Any]) -> Reason | None:
    """The question (TMT_NOT_FIRST) of a PNS appointment (`values`, as read) whose TMT is not the 1st of its month,
    by the rule in force on it; None otherwise."""
    day = values.get("effective_date")
    if not isinstance(day, date) or day.day == 1 or values.get("employment_kind") != "PNS":
        return None
    if book.in_force(TMT_FIRST, day) is None:
        return None
    return TMT_NOT_FIRST.reason(day=day.isoformat(), first=day.replace(day=1).isoformat())

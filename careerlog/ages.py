"""Whole years between two days: an age, or years of service, counted one way everywhere.

A 29 February birthday (or anniversary) falls on 28 February in a common year, as dateutil's relativedelta
counts it and as the retirement age is reached (the end of the month of the birthday, February): a civil
servant born on 29 February 1992 is 18 on 28 February 2010. The reference does not say which day a leap-day
birthday falls on in other years (docs/rules.md, "Ages"); the appointment's minimum age, a post's maximum age,
the roster's and the fairness statistics' age bands and the expected retirement all count this way.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date


def whole_years(start: date, end: date) -> int:
    """Whole years from `start` to `end` (negative when `end` is before `start`'s first anniversary before it)."""
    month, day = start.month, start.day
    if month == 2 and day == 29 and not isleap(end.year):
        day = 28
    return end.year - start.year - ((end.month, end.day) < (month, day))

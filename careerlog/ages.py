"""Whole years between two days: an age, or years of service, counted one way everywhere.

A 29 February birthday (or anniversary) falls on 28 February in a common year, as dateutil's relativedelta
counts it and as the retirement age is reached (the end of the month of the birthday, February): a civil
servant born on 29 February 1992 is 18 on 28 February 2010. The reference does not say which day a leap-day
birthday falls on in other years (docs/rules.md, "Ages"); the appointment's minimum age, a post's maximum age,
the roster's and the fairness statistics' age bands and the expected retirement all count this way.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def whole_years(start: date, end: date) -> int:
    """Whole years from `start` to `end` (negative when `end` is before `start`'s first anniversary before it)."""
    month, day = start.month, start.day
    if month == 2 and day == 29 and not isleap(end.year):
        day = 28
    return end.year - start.year - ((end.month, end.day) < (month, day))


def months_last_day(start: date, months: int) -> date:
    """The last day of a period of `months` whole months begun on `start` (a penalty of a kind of so many months): the
    day before the same day of the month `months` later, or, when that month has no such day, that month's last day (a
    6-month period begun on 31 March ends on 30 September, one of 12 months begun on 29 February 2024 on 28 February
    2025), as a period of months is counted to the end of its last month. (`start` + the months - 1 day, the reading
    before 2026-12-05, ended such a period a day or two early: 29 September, 27 February.)"""
    end: date = start + relativedelta(months=months)
    return end if end.day != start.day else end - timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """The same day `years` later (a 29 February on 28 February of a common year, as `whole_years` counts it): the day
    one born on `day` reaches the age `years`, a rank held since `day` its years in rank."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)

"""Dates of the demo: adding years and months, the permitted promotion dates, recorded times."""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from careerlog.ages import months_last_day
from careerlog.reference import Rules, rules

DAY = timedelta(days=1)


def randint(rng: random.Random, low: int, high: int) -> int:
    """rng.randint, several times faster (the demo draws millions)."""
    return low + int(rng.random() * (high - low + 1))


T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """rng.choice, several times faster."""
    return items[int(rng.random() * len(items))]


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_end(start: date, months: int) -> date:
    """The last day of a period of whole months (a penalty's end), as careerlog computes it."""
    return months_last_day(start, months)


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


_PARAMS: dict[tuple[str, date, str], Any] = {}
_RULES: list[Rules] = []


def use_rules(chosen: Rules) -> None:
    """Judge by these rules (the configured ones when a generation starts)."""
    _RULES[:] = [chosen]
    _PARAMS.clear()
    permitted_dates.cache_clear()


def current_rules() -> Rules:
    if not _RULES:
        _RULES.append(rules())
    return _RULES[0]


def param(rule_id: str, day: date, name: str, default: Any = None) -> Any:
    """A rule parameter in force on a day; before a rule came into force, its first version's."""
    key = (rule_id, day, name)
    if key in _PARAMS:
        return _PARAMS[key]
    rule = current_rules().in_force(rule_id, day)
    if rule is None:
        versions = sorted(current_rules().versions(rule_id), key=lambda r: r.valid_from)
        if not versions:
            return default
        rule = versions[0] if day < versions[0].valid_from else versions[-1]
    value = rule.params.get(name, default)
    _PARAMS[key] = value
    return value


def in_force(rule_id: str, day: date) -> bool:
    return current_rules().in_force(rule_id, day) is not None


@cache
def permitted_dates(year: int) -> tuple[date, ...]:
    """The promotion dates (TMT) permitted in a year, by the dates rule in force on each."""
    found = []
    for month in range(1, 13):
        first = date(year, month, 1)
        months = param("promotion.dates", first, "months", [4, 10])
        day = param("promotion.dates", first, "day", 1)
        if month in months:
            found.append(date(year, month, day))
    return tuple(found)


def is_permitted(day: date) -> bool:
    return day in permitted_dates(day.year)


MINUTES_A_DAY = 1440


def moment(minutes: int) -> datetime:
    """A recorded time kept as minutes since 0001-01-01 (cheap to draw and compare), as a UTC datetime."""
    day = date.fromordinal(minutes // MINUTES_A_DAY)
    minute = minutes % MINUTES_A_DAY
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=UTC)


def day_of(minutes: int) -> date:
    return date.fromordinal(minutes // MINUTES_A_DAY)


class Clock:
    """What "now" is for the demo: nothing takes effect or is recorded on or after `today`."""

    def __init__(self, today: date):
        self.today = today
        self.last_day = today - DAY
        self.last_ordinal = self.last_day.toordinal()
        self.limit = self.last_ordinal * MINUTES_A_DAY + 23 * 60  # 23:00 UTC on the day before today

    def stamp(self, rng: random.Random, day: date, low: int, high: int) -> int:
        """A recorded time low..high days after a day, in office hours (08:00-16:00 WIB), in the past."""
        ordinal = min(day.toordinal() + low + int(rng.random() * (high - low + 1)), self.last_ordinal)
        return ordinal * MINUTES_A_DAY + 60 + int(rng.random() * 480)

    def after(self, rng: random.Random, bound: int) -> int:
        """A moment a little after another (a decree entered after the evidence it rests on)."""
        return min(bound + 7 + int(rng.random() * 89), max(self.limit, bound + 1))

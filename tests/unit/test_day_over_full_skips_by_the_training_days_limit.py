"""Rule training.daily_jp leaves a training to training.max_jp_per_day only when it alone holds more than that rule's
JP a day (it is refused as such, not asked). Until 2026-12-06 `day_over_full` skipped every training holding more
than training.daily_jp's own `jp` alone: with a rules file of daily_jp 8 and max_jp_per_day 12, two one-day trainings
of 10 JP on the same day (20 JP) were both recorded unasked."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from careerlog.domain.employee import TRAINING_DAY_FULL, Career, day_over_full
from careerlog.reference import Rules, rules
from tests import factories as f
from tests.unit.test_employee_record import appoint, parse, record

DAY = date(2016, 5, 10)


def book(**jp: int) -> Rules:
    """The configured rules, each of `jp` (rule id with '_' for '.' after 'training') given that `jp`."""
    given = {f"training.{name}": value for name, value in jp.items()}
    return Rules(dataclasses.replace(r, params={"jp": given[r.id]}) if r.id in given else r for r in rules().all)


def career_of(book: Rules, *hours: int) -> Career:
    """An employee's career with one-day trainings of `hours` JP each on DAY, judged by `book`."""
    employee = appoint()
    for jp in hours:
        record(employee, "training", f.training(DAY.isoformat(), hours=jp))
    career = employee.current_context()
    career.rules = book  # (the cached property, as the rules file would give it)
    return career


def new(hours: int) -> dict[str, Any]:
    return parse(f.training(DAY.isoformat(), hours=hours), "training")


def test_a_training_above_daily_jp_but_within_max_jp_per_day_is_asked_with_the_others_of_its_day() -> None:
    career = career_of(book(daily_jp=8, max_jp_per_day=12), 10)
    found = day_over_full(career, new(10))
    assert found is not None
    assert found.refusal is TRAINING_DAY_FULL
    assert "makes 20 JP on 2016-05-10, more than 8 JP a day (rule training.daily_jp)" in str(found)


def test_a_training_above_max_jp_per_day_alone_is_left_to_that_rule() -> None:
    career = career_of(book(daily_jp=8, max_jp_per_day=12), 4)
    assert day_over_full(career, new(13)) is None

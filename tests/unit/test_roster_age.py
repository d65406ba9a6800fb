"""A roster row's age, counted without a relativedelta per row, is relativedelta's count."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from projections.queries import age_on


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2000, 2, 29), date(2023, 2, 28), 23),  # a leap-day birthday falls on 28 February
        (date(2000, 2, 29), date(2023, 2, 27), 22),
        (date(2000, 2, 29), date(2024, 2, 28), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
        (date(1990, 12, 31), date(2025, 12, 30), 34),
        (date(1990, 12, 31), date(2025, 12, 31), 35),
    ],
)
def test_an_age_turns_on_the_birthday(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age == relativedelta(day, birth).years


def test_an_age_is_relativedeltas_whole_years_for_any_two_days() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
        day = birth + timedelta(days=rng.randrange(30_000))
        assert age_on(birth, day) == relativedelta(day, birth).years, (birth, day)

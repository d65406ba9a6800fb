"""The local date of a recording: the latest calendar date anywhere in Indonesia (UTC+9) at that moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from careerlog.domain.ledger import EASTERNMOST, local_date

MOMENTS = [
    datetime(2024, 2, 28, 14, 59, 59, 999999, tzinfo=UTC),
    datetime(2024, 2, 28, 15, 0, tzinfo=UTC),
    datetime(2024, 12, 31, 15, 0, tzinfo=UTC),
    datetime(1992, 8, 29, 7, 42, tzinfo=UTC),
]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("hours", [0, 7, 9, -5])
def test_the_local_date_of_a_utc_time_is_the_one_astimezone_gives_in_every_offset(moment: datetime, hours: int) -> None:
    shown = moment.astimezone(timezone(timedelta(hours=hours)))
    assert local_date(shown) == moment.astimezone(EASTERNMOST).date()


def test_from_15_00_utc_it_is_already_the_next_day_in_the_east() -> None:
    assert local_date(datetime(2024, 2, 28, 14, 59, tzinfo=UTC)) == date(2024, 2, 28)
    assert local_date(datetime(2024, 2, 28, 15, 0, tzinfo=UTC)) == date(2024, 2, 29)

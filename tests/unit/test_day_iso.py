"""projections.career.day_iso: a date's isoformat() text, made once per date."""

from datetime import UTC, date, datetime

from projections.career import day_iso


def test_day_iso_gives_the_isoformat_of_a_date_every_time():
    for day in (date(2020, 2, 29), date(1, 1, 1), date(9999, 12, 31), date(2020, 2, 29)):
        assert day_iso(day) == day.isoformat()


def test_day_iso_keeps_a_date_and_a_datetime_of_that_day_apart():
    day, moment = date(2021, 3, 4), datetime(2021, 3, 4, tzinfo=UTC)
    assert day_iso(day) == "2021-03-04"
    assert day_iso(moment) == "2021-03-04T00:00:00+00:00"
    assert day_iso(day) == "2021-03-04"

"""The earlier rounds' first round moments (projections.merit.audit.first_round_moments) are kept in UTC, the zone of
the recorded times they are compared with: the same moments as `first_round_moment`'s (UTC+9), compared within one
zone (a comparison across two zones subtracts their offsets, some fifteen times the cost)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from careerlog.reference import rules
from projections.merit.audit import earlier_round_tuples, first_round_moment, first_round_moments
from tests import factories as f

T = "T09:00:00+00:00"


def test_the_first_round_moments_read_by_the_earlier_rounds_are_kept_in_utc() -> None:
    builder = f.CareerBuilder(date(1986, 2, 2))
    builder.add("performance_rating", f.rating(2013, "BAIK"), f"2014-01-15{T}")
    earlier_round_tuples(builder.record(), date(2014, 12, 31))
    book = rules()
    kept = first_round_moments(book)[2013]  # the first round reading 2013's ratings: 1 April 2014, from 00:00 UTC+9
    assert kept.tzinfo is UTC
    assert kept == first_round_moment(book, 2014) == datetime(2014, 3, 31, 15, 0, tzinfo=UTC)

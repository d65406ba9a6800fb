"""What an employee still needs for the next promotion is judged on the first permitted date after
both the time in rank and everything recorded so far (`judged_on`), not on a date long past."""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import MeritProjection
from tests import factories as f

T = "T00:00:00+00:00"
PENALTY = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_6", "effective_date": "2013-11-01", "reference": "HD-1"}


def penalised(rated_to: int = 2015) -> f.CareerBuilder:
    """A III/a CPNS of 2010-03-01, confirmed in 2011, a medium penalty served until 2014-04-30 (past the
    earliest date, 2014-04-01), rated Baik every year up to `rated_to` (2015: the last recorded on 2016-01-15)."""
    builder = f.CareerBuilder().add(
        "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    )
    for year in range(2010, 2013):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    builder.add("penalty", PENALTY, f"2013-11-10{T}")
    for year in range(2013, rated_to + 1):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def test_a_penalty_ended_before_the_last_recorded_fact_is_not_missing_and_the_requirements_are_judged_after_it() -> (
    None
):
    row = MeritProjection().rows(penalised().record())["eligibility"][0]
    assert (row["kind"], row["earliest_date"], row["judged_on"]) == ("101", "2014-04-01", "2016-04-01")
    assert json.loads(row["missing"]) == []
    penalty = next(r for r in json.loads(row["requirements"]) if r["rule"] == "promotion.penalty")
    assert penalty["outcome"] == "met"


def test_a_penalty_still_served_on_the_date_judged_is_missing() -> None:
    """The same employee with nothing recorded after the penalty: judged on the earliest date, while it is served."""
    builder = penalised(rated_to=2012)
    row = MeritProjection().rows(builder.record())["eligibility"][0]
    assert (row["earliest_date"], row["judged_on"]) == ("2014-04-01", "2014-04-01")
    assert "promotion.penalty" in json.loads(row["missing"])


def test_a_record_ending_before_the_earliest_date_is_judged_on_the_earliest_date() -> None:
    late = f.CareerBuilder(appointed=date(2020, 3, 1))  # unconfirmed, unrated CPNS
    row = MeritProjection().rows(late.record())["eligibility"][0]
    assert (row["earliest_date"], row["judged_on"]) == ("2024-04-01", "2024-04-01")
    assert json.loads(row["missing"]) == ["promotion.performance", "promotion.no_probation"]

"""What an employee still needs for the next promotion is judged on the first permitted date after
both the time in rank and everything recorded so far (`judged_on`), not on a date long past."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from careerlog.reference import Rules, rules
from projections.merit.audit import MeritProjection
from projections.merit.eligibility import eligibility_rows
from projections.merit.rules import PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
PENALTY = {
    "level": "MEDIUM",
    "penalty_kind": "PENUNDAAN_KP_1",
    "end_date": "2014-04-30",
    "effective_date": "2013-11-01",
    "reference": "HD-1",
}


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


def test_a_penalty_served_on_the_earliest_date_moves_the_date_judged_past_it() -> None:
    """The same employee with nothing recorded after the penalty: no promotion can come on the earliest date, while it
    is served, so the requirements are judged for the first date after it (merit 62; they were judged on the earliest
    date, the penalty missing), the penalty's end kept as what moved it."""
    builder = penalised(rated_to=2012)
    row = MeritProjection().rows(builder.record())["eligibility"][0]
    assert (row["earliest_date"], row["judged_on"], row["barred_until"]) == ("2014-04-01", "2014-10-01", "2014-04-30")
    assert "promotion.penalty" not in json.loads(row["missing"])


def test_a_record_ending_before_the_earliest_date_is_judged_on_the_earliest_date() -> None:
    late = f.CareerBuilder(appointed=date(2020, 3, 1))  # unconfirmed, unrated CPNS
    row = MeritProjection().rows(late.record())["eligibility"][0]
    assert (row["earliest_date"], row["judged_on"]) == ("2024-04-01", "2024-04-01")
    assert json.loads(row["missing"]) == ["promotion.performance", "promotion.no_probation"]


def years_in_rank_changing(before: int, after: int, on: date) -> Rules:
    """The bundled rules with the years in rank of a 101 changed from `before` to `after` on `on` (a regulation
    announced ahead of the day it takes effect, as Peraturan BKN 4/2023's dates were)."""
    book = rules()
    old = book.in_force("promotion.time_in_rank", on)
    assert old is not None
    versions = [
        replace(
            old, valid_from=date(2000, 1, 1), valid_to=on, params={"years": {**old.params["years"], "101": before}}
        ),
        replace(old, valid_from=on, valid_to=None, params={"years": {**old.params["years"], "101": after}}),
    ]
    return Rules([*(r for r in book.all if r.id != "promotion.time_in_rank"), *versions])


def test_the_earliest_date_counts_the_years_in_rank_of_the_rule_in_force_on_that_date() -> None:
    """A CPNS of 2020-03-01 whose record ends then: under 4 years in rank until 2024 and 5 from 2024 (a stricter rule),
    the 101 is not possible on 2024-04-01 (judged by the 5 years then) but on 2025-04-01; under 5 years until 2024
    and 4 from it (a milder one), on 2024-04-01, not a year later by the rule of the record's last day."""
    record = f.CareerBuilder(appointed=date(2020, 3, 1)).record()

    def row(book: Rules) -> dict[str, Any]:
        return eligibility_rows(record, date(2020, 3, 1), PromotionJudge(record, book))[0]

    stricter = row(years_in_rank_changing(4, 5, date(2024, 1, 1)))
    assert (stricter["earliest_date"], stricter["judged_on"]) == ("2025-04-01", "2025-04-01")
    assert "promotion.time_in_rank" not in json.loads(stricter["missing"])
    milder = row(years_in_rank_changing(5, 4, date(2024, 1, 1)))
    assert (milder["earliest_date"], milder["judged_on"]) == ("2024-04-01", "2024-04-01")
    assert "promotion.time_in_rank" not in json.loads(milder["missing"])


def test_a_record_ending_before_the_rules_begin_counts_the_years_in_rank_of_the_first_date_they_permit() -> None:
    """A CPNS of 1997-03-01 whose record ends then, before promotion.time_in_rank is in force (2000): the 101's
    earliest date is 2001-04-01, when the 4 years are reached, not 2000-04-01 (no years counted on the last day)."""
    record = f.CareerBuilder(birth=date(1970, 9, 26), appointed=date(1997, 3, 1)).record()
    row = MeritProjection().rows(record)["eligibility"][0]
    assert (row["earliest_date"], row["judged_on"]) == ("2001-04-01", "2001-04-01")
    assert "promotion.time_in_rank" not in json.loads(row["missing"])

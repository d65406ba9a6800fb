"""The promotion rounds step over those before the time in rank is reached (`round_tuples`), to the round of the day
it is; a 101 counted in a round before then still has its row, and a version of promotion.time_in_rank asking
fewer years from a day on makes the rounds from that day eligible, as the full judgement of each round
(`eligible_101`) says."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from careerlog.reference import Rules, rules
from projections.career import CareerRecord
from projections.merit.audit import TIME_IN_RANK, eligible_101, promotion_rounds, round_rules
from projections.merit.rules import PromotionJudge
from tests import factories as f

END = date(2019, 12, 31)


def promoted_in(year: int, *early: str) -> CareerRecord:
    """S-2, appointed at III/a on 2010-03-01 and rated Baik every year, promoted to III/b on 1 April of `year` and by
    a 101 on each of the days `early`."""
    builder = f.CareerBuilder(rank="III/a", education="S-2").confirmed()
    for rated in range(2010, 2020):
        builder.add("performance_rating", f.rating(rated))
    builder.add("rank_promotion", f.promotion("III/b", f"{year}-04-01"))
    for day in early:
        builder.add("rank_promotion", f.promotion("III/c", day))
    return builder.record()


def two_years_from(day: date) -> Rules:
    """The bundled rules with promotion.time_in_rank asking 2 years of a 101 from `day` (4 before)."""
    versions: list[Any] = []
    for rule in rules().all:
        if rule.id == TIME_IN_RANK and rule.valid_from < day and (rule.valid_to is None or day < rule.valid_to):
            shorter = {**rule.params, "years": {**rule.params["years"], "101": 2}}
            versions += [
                dataclasses.replace(rule, valid_to=day),
                dataclasses.replace(rule, valid_from=day, params=shorter),
            ]
        else:
            versions.append(rule)
    return Rules(versions)


def rounds(record: CareerRecord, book: Rules | None = None) -> dict[str, tuple[int, int]]:
    """The rounds' rows as (eligible, promoted) by day, each round of the years judged in full checked against them:
    eligible by `eligible_101` exactly on the rows that say so."""
    book = book or rules()
    found = {
        row["round_date"]: (row["eligible"], row["promoted"])
        for row in promotion_rounds(record, END, PromotionJudge(record, book))
    }
    days, _ = round_rules(book, 2010, END.year)
    for day in days:
        if date(2010, 3, 1) < day <= END:
            assert eligible_101(PromotionJudge(record, book), day) == bool(found.get(day.isoformat(), (0, 0))[0]), day
    return found


def test_the_first_eligible_round_is_that_of_the_day_the_time_in_rank_is_reached() -> None:
    found = rounds(promoted_in(2012))
    assert min(day for day, (eligible, _) in found.items() if eligible and day > "2012-04-01") == "2016-04-01"


def test_a_101_counted_before_the_time_in_rank_is_reached_keeps_its_row() -> None:
    found = rounds(promoted_in(2012, "2014-11-15"))  # off the round dates: counted in the round before its TMT
    assert found["2014-10-01"] == (0, 1)  # promoted, not eligible (an early promotion: the audit's finding)


def test_a_version_asking_fewer_years_makes_the_rounds_from_its_day_eligible() -> None:
    found = rounds(promoted_in(2013), two_years_from(date(2016, 1, 1)))
    assert [day for day, (eligible, _) in found.items() if eligible][:2] == ["2016-04-01", "2016-10-01"]

"""The promotion rounds of an employee held at the ceiling of their education (promotion.education_ceiling): the
rounds judge the ceiling once and take it as read for the later rounds out of the same rank, until a degree takes
effect or the rule's version changes (`PromotionJudge.ceiling_bars_until`). Each round's eligibility stays what the
full judgement of that day (`eligible_101`) says: a degree lifts the bar from its first round on, and so does a rules
file ending the ceiling's version."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from careerlog.reference import Rules, rules
from projections.career import CareerRecord
from projections.merit.audit import eligible_101, promotion_rounds, round_rules
from projections.merit.rules import CEILING_RULE, PromotionJudge
from tests import factories as f

S1 = {"level": "S-1", "field_of_study": "Administrasi Publik", "institution": "USU", "reference": "IJ-1"}
END = date(2019, 12, 31)


def at_the_ceiling(degree_on: str | None = None, promoted_on: str | None = None) -> CareerRecord:
    """SLTA (ceiling III/b), appointed at III/b on 2010-03-01 and rated Baik every year; an S-1 (ceiling III/d) taking
    effect on `degree_on`, and a 101 to III/c on `promoted_on` (above the ceiling), if given."""
    builder = f.CareerBuilder(rank="III/b", education="SLTA").confirmed()
    for year in range(2010, 2020):
        builder.add("performance_rating", f.rating(year))
    if degree_on is not None:
        builder.add("education", {**S1, "effective_date": degree_on})
    if promoted_on is not None:
        builder.add("rank_promotion", f.promotion("III/c", promoted_on))
    return builder.record()


def ceiling_until(day: date) -> Rules:
    """The bundled rules with promotion.education_ceiling in force only until `day`."""

    def ended(rule: Any) -> Any:
        return dataclasses.replace(rule, valid_to=day) if rule.id == CEILING_RULE else rule

    return Rules([ended(r) for r in rules().all])


def eligible_rounds(record: CareerRecord, book: Rules | None = None) -> list[str]:
    """The round days the rounds' rows say eligible, checked against the full judgement of every round of the years
    judged: eligible by `eligible_101` exactly on the rows that say so."""
    book = book or rules()
    rows = promotion_rounds(record, END, PromotionJudge(record, book))
    eligible = [row["round_date"] for row in rows if row["eligible"]]
    days, _ = round_rules(book, 2010, END.year)
    judged = [
        d.isoformat() for d in days if date(2010, 3, 1) < d <= END and eligible_101(PromotionJudge(record, book), d)
    ]
    assert eligible == judged
    return eligible


def test_the_ceiling_bars_every_round_while_the_education_allows_no_higher_rank() -> None:
    record = at_the_ceiling()
    assert eligible_rounds(record) == []
    judge = PromotionJudge(record)
    assert judge.ceiling_bars_until(date(2014, 4, 1), "101", "III/c") == date.max  # nothing ends it


def test_a_degree_lifts_the_ceiling_from_its_first_round() -> None:
    record = at_the_ceiling("2016-08-01")
    assert eligible_rounds(record)[0] == "2016-10-01"
    assert PromotionJudge(record).ceiling_bars_until(date(2014, 4, 1), "101", "III/c") == date(2016, 8, 1)
    assert PromotionJudge(record).ceiling_bars_until(date(2016, 10, 1), "101", "III/c") is None


def test_the_end_of_the_ceilings_version_lifts_it_from_its_first_round() -> None:
    record, book = at_the_ceiling(), ceiling_until(date(2017, 1, 1))
    assert eligible_rounds(record, book)[0] == "2017-04-01"
    assert PromotionJudge(record, book).ceiling_bars_until(date(2014, 4, 1), "101", "III/c") == date(2017, 1, 1)


def test_a_101_above_the_ceiling_keeps_its_row() -> None:
    record = at_the_ceiling(promoted_on="2015-05-15")  # off the round dates: counted in the round before its TMT
    assert eligible_rounds(record) == []
    rows = promotion_rounds(record, END, PromotionJudge(record))
    assert [(r["round_date"], r["eligible"], r["promoted"]) for r in rows] == [("2015-04-01", 0, 1)]

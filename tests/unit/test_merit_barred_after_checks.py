"""`PromotionJudge.barred` after `checks` of the same promotion (the audit's, then the promotion rounds') answers
as judging it afresh, for the rank held before the day and for any other rank the caller names."""

from __future__ import annotations

from datetime import date

from projections.merit.rules import PromotionJudge, round_dates
from tests import factories as f

T = "T00:00:00+00:00"


def record() -> object:
    builder = f.CareerBuilder()
    for year in range(2010, 2020):
        builder.add(
            "performance_rating", f.rating(year, "BUTUH_PERBAIKAN" if year == 2014 else "BAIK"), f"{year + 1}-01-15{T}"
        )
        if year == 2010:
            builder.add(
                "confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "P-1"}
            )
    return builder.add("rank_promotion", f.promotion("III/b", "2016-04-01"), f"2016-04-10{T}").record()


def test_barred_after_checks_answers_as_a_fresh_judge_for_the_rank_held_and_for_another() -> None:
    career = record()
    judge = PromotionJudge(career)
    appointment = career.rank_history[0]
    earlier = (appointment[1], appointment[0], appointment[2])  # III/a since 2010-03-01
    seen = set()
    for day in round_dates(date(2012, 1, 1), date(2020, 12, 31)):
        for new in ("III/b", "III/c"):
            judge.checks(day, "101", new)
            held = career.rank_before(day)
            assert judge.barred(day, "101", new, held=held) == PromotionJudge(career).barred(day, "101", new, held=held)
            assert judge.barred(day, "101", new) == PromotionJudge(career).barred(day, "101", new)
            other = judge.barred(day, "101", new, held=earlier)
            assert other == PromotionJudge(career).barred(day, "101", new, held=earlier)
            seen.add((judge.barred(day, "101", new), other))
    assert len(seen) > 1  # barred and not, and the rank named otherwise judged otherwise

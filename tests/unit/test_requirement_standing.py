"""How an eligibility requirement stands on a day (`standing`: met, not_due, not_met) is read from the day it falls due,
which the row keeps (`due`, eligibility.due_from): "not due yet" exactly when it cannot be met yet only because that
day has not come, "not met" when it is overdue or failed.

Found by an exploratory tester (2026-12-05): a CPNS whose confirmation as PNS was due in 2011 and never recorded read
"○ not due yet: Confirmation as PNS ... is needed by Apr 1, 2027" (the promotion date judged, after today), while the
page's heading said it was due in 2011; and a 202's credit points that waited only on this year's SKP rating read
"✗ not met" beside that rating's "○ not due yet"."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from careerlog.reference import rules
from projections.merit.audit import MeritProjection
from projections.merit.eligibility import due_from, offer_checks, requirement, standing, with_sources
from projections.merit.rules import PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
TODAY = date(2026, 12, 5)


def requirements_of(builder: f.CareerBuilder, kind: str) -> dict[str, dict[str, Any]]:
    (row,) = [r for r in MeritProjection().rows(builder.record())["eligibility"] if r["kind"] == kind]
    return {r["rule"]: r for r in json.loads(str(row["requirements"]))}


def test_a_confirmation_due_years_ago_and_not_recorded_is_not_met_whatever_the_promotion_date() -> None:
    builder = f.CareerBuilder(date(1986, 9, 26), date(2010, 3, 1), rank="III/a", education="S-1")
    for year in range(2010, 2026):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    found = requirements_of(builder, "101")["promotion.no_probation"]
    assert found["outcome"] == "missing"
    assert found["due"] == "2011-03-01"  # the end of the probation year, not the promotion date judged
    assert standing(found, TODAY) == "not_met"


def test_a_confirmation_whose_probation_year_is_not_over_is_not_due_until_it_is() -> None:
    builder = f.CareerBuilder(date(1999, 7, 5), date(2026, 3, 1), rank="III/a", education="S-1")
    found = requirements_of(builder, "101")["promotion.no_probation"]
    assert found["due"] == "2027-03-01"
    assert standing(found, TODAY) == "not_due"
    assert standing(found, date(2027, 3, 1)) == "not_met"


def functional(rated: list[int], predicate: str = "BAIK") -> f.CareerBuilder:
    """A confirmed PNS at III/b since 2023, Ahli Muda (25 credit a year rated Baik, 37.5 Sangat Baik, 100 needed)
    from then, rated `predicate` in the years `rated`, whose last fact (a training ended 2026-12-02) makes the 202
    judged on 2027-02-01: the credit counts 2023 to 2026."""
    builder = f.CareerBuilder(date(1985, 5, 5), date(2010, 3, 1), rank="III/a", education="S-1").confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "2023-04-01"))
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MUDA", "title": "Analis SDM Aparatur", "unit": "BKPSDM"}
    builder.add(
        "post_appointment", post | {"assignment": "DEFINITIVE", "effective_date": "2023-04-01", "reference": "JF"}
    )
    for year in rated:
        builder.add("performance_rating", f.rating(year, predicate), f"{year + 1}-01-15{T}")
    return builder.add("training", f.training("2026-12-02", hours=24, start="2026-11-30"))


def test_credit_points_this_years_rating_may_still_reach_are_not_due_yet() -> None:
    found = requirements_of(functional([2023, 2024, 2025]), "202")
    credit = found["promotion.credit_points"]
    assert credit["message"] == "credit 75 of 100 since 2023"  # 2026 not rated: the year is not over
    assert credit["due"] == "2027-01-01"
    assert standing(credit, TODAY) == "not_due"
    assert standing(found["promotion.performance"], TODAY) == "not_due"  # (the rating it waits on, alike)
    assert standing(credit, date(2027, 1, 1)) == "not_met"  # the year over and still not rated: overdue


def test_credit_points_short_of_a_past_years_rating_are_not_met() -> None:
    credit = requirements_of(functional([2023, 2025]), "202")["promotion.credit_points"]
    assert credit["message"] == "credit 50 of 100 since 2023"
    assert credit["due"] == "2025-01-01"  # 2024's rating was due then: overdue
    assert standing(credit, TODAY) == "not_met"


def test_credit_points_no_rating_to_come_can_reach_are_not_met() -> None:
    """Judged on 2027-02-01, the first date after the last fact: 56.25 of 100, + 37.5 at best for 2026, short whatever
    2026 is rated: failed, not due. Since merit view 62 the offer is judged for the first date the credit can be
    reached on (and past the 2025 rating below Baik), 2028-02-01, where it waits on ratings still to come."""
    judge, day = PromotionJudge(functional([2023, 2024, 2025], "BUTUH_PERBAIKAN").record()), date(2027, 2, 1)
    (check,) = [c for c in offer_checks(judge, day, "202", "III/c") if c.rule == "promotion.credit_points"]
    credit = json.loads(requirement(check, due_from(judge, check, date(2023, 4, 1), day)))
    assert credit["message"] == "credit 56.25 of 100 since 2023"
    assert "due" not in credit
    assert standing(credit, TODAY) == "not_met"
    judged = requirements_of(functional([2023, 2024, 2025], "BUTUH_PERBAIKAN"), "202")["promotion.credit_points"]
    assert (judged["message"], judged["due"]) == ("credit 56.25 of 100 since 2023", "2027-01-01")
    assert standing(judged, TODAY) == "not_due"


def test_a_requirement_met_only_on_a_promotion_date_to_come_is_not_due_until_it() -> None:
    """Found by an exploratory tester (2026-12-05): a CPNS since 2026-04-01, whose 101 is judged on 2030-04-01 (four
    years in III/a), read "✓ met: At least 4 years in rank III/a ..., reached on Apr 1, 2030" and the API standing
    `met`, due null, beside the other rules of that date `not_due`: met on 2030-04-01 is not met today."""
    builder = f.CareerBuilder(date(1996, 5, 24), date(2026, 4, 1), rank="III/a", education="S-1")
    (row,) = [r for r in MeritProjection().rows(builder.record())["eligibility"] if r["kind"] == "101"]
    assert row["judged_on"] == "2030-04-01"
    found = {r["rule"]: r for r in with_sources(rules(), json.loads(str(row["requirements"])), "2030-04-01", TODAY)}
    in_rank = found["promotion.time_in_rank"]
    assert in_rank["outcome"] == "met"
    assert (in_rank["standing"], in_rank["due"]) == ("not_due", "2030-04-01")
    assert standing(in_rank, date(2030, 4, 1), "2030-04-01") == "met"
    for rule in ("promotion.penalty", "promotion.legal_status"):  # no penalty, no legal status "on 1 Apr 2030"
        assert (found[rule]["outcome"], found[rule]["standing"], found[rule]["due"]) == ("met", "not_due", "2030-04-01")
    assert found["promotion.education_ceiling"]["standing"] == "met"  # (not a matter of the day)


def test_years_in_rank_reached_before_today_are_met_though_the_date_judged_is_to_come() -> None:
    builder = f.CareerBuilder(date(1980, 5, 24), date(2010, 3, 1), rank="III/a", education="S-1").confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"))
    builder.add("training", f.training("2026-12-02", hours=24, start="2026-11-30"))
    (row,) = [r for r in MeritProjection().rows(builder.record())["eligibility"] if r["kind"] == "101"]
    assert row["judged_on"] == "2027-02-01"
    found = {r["rule"]: r for r in with_sources(rules(), json.loads(str(row["requirements"])), "2027-02-01", TODAY)}
    assert (found["promotion.time_in_rank"]["standing"], found["promotion.time_in_rank"]["due"]) == ("met", None)

"""The day a missing SKP rating or service exam falls due (an eligibility requirement's `due`, eligibility.due_from),
and what an offer comes to when all that is open is not due yet (eligibility.decision).

Found by an exploratory tester (2026-12-06, demo seed 3, each seen twice):
- (a code review, 2026-12-06) merit view 56 read ratings wanted for "2025, 2026" due on 2027-01-01, after the last of
  them: the 2025 rating, overdue since 2026-01-01, read "not due yet". The due is 1 January after the first of them,
  the first day a rating waited on is overdue (merit view 57);
- a service exam for a promotion judged on 2029-10-01 read `not_met`, `due` null, years before it: the career page
  marked it ✗ "not passed by Oct 1, 2029", read as a forecast that the employee fails it;
- an offer whose only open requirement was an SKP not due yet, with no date met before (`met_on` null), read
  `not_eligible` ("passed, but not every requirement is met")."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from projections.merit import eligibility
from projections.merit.audit import MeritProjection
from projections.merit.eligibility import standing
from tests import factories as f

T = "T00:00:00+00:00"
TODAY = date(2026, 12, 6)


def offer(builder: f.CareerBuilder, kind: str = "101") -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    (row,) = [r for r in MeritProjection().rows(builder.record())["eligibility"] if r["kind"] == kind]
    return row, {r["rule"]: r for r in json.loads(str(row["requirements"]))}


def skp_waited_on(rated_to: int, since: str, judged_on: str, years: str) -> dict[str, Any]:
    """An S-1 rated every year from 2016 to `rated_to`, III/b since `since`: the 101 judged on `judged_on` reads the
    ratings of `years`, none recorded: its promotion.performance requirement."""
    builder = f.CareerBuilder(date(1990, 5, 5), date(2016, 3, 1), rank="III/a", education="S-1").confirmed()
    for year in range(2016, rated_to + 1):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    builder.add("rank_promotion", f.promotion("III/b", since))
    row, found = offer(builder)
    assert row["judged_on"] == judged_on
    skp = found["promotion.performance"]
    assert (skp["outcome"], skp["message"]) == ("missing", f"ratings below BAIK or absent for {years}")
    return skp


def test_ratings_wanted_for_two_years_are_due_after_the_first_of_them() -> None:
    """III/b since 2024-04-01: the 101 of 2028-04-01 reads the 2026 and 2027 ratings, none recorded yet. The 2026
    rating is due from 2027-01-01: on 2027-06-01 it is overdue, so the requirement is not met (merit view 56 read the
    last year's, 2028-01-01, and called it not due yet)."""
    skp = skp_waited_on(2023, "2024-04-01", "2028-04-01", "2026, 2027")
    assert skp["due"] == "2027-01-01"
    assert standing(skp, TODAY) == "not_due"
    assert standing(skp, date(2027, 6, 1)) == "not_met"


def test_a_rating_overdue_for_a_year_is_not_met_today() -> None:
    """The reviewer's case: III/b since 2023-04-01, rated up to 2024; the 101 of 2027-04-01 reads 2025 and 2026,
    neither recorded. Today (2026-12-06) the 2025 rating has been due since 2026-01-01: not met, and an offer whose
    date has come with it open is not eligible (not to_come, not eligible from met_on)."""
    skp = skp_waited_on(2024, "2023-04-01", "2027-04-01", "2025, 2026")
    assert skp["due"] == "2026-01-01"
    assert standing(skp, TODAY) == "not_met"
    read = {**skp, "standing": standing(skp, TODAY)}
    for met_on in (None, "2026-04-01"):
        assert eligibility.decision(None, True, ["promotion.performance"], met_on, [read]) == "not_eligible"


def exam_ahead() -> f.CareerBuilder:
    """An SLTA clerk at II/d since 2025-10-01 (no S-1 exempting the exam): the 101 to III/a, judged on 2029-10-01,
    asks the service exam UD_I, not passed yet."""
    builder = f.CareerBuilder(date(1990, 5, 5), date(2010, 3, 1), rank="II/a", education="SLTA").confirmed()
    for year in range(2010, 2026):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder.add("rank_promotion", f.promotion("II/d", "2025-10-01"), f"2026-01-20{T}")


def test_a_service_exam_not_passed_is_due_by_the_date_judged_not_failed_before_it() -> None:
    row, found = offer(exam_ahead())
    assert (row["new_rank"], row["judged_on"]) == ("III/a", "2029-10-01")
    exam = found["promotion.service_exam"]
    assert (exam["outcome"], exam["due"]) == ("missing", "2029-10-01")
    assert standing(exam, TODAY, row["judged_on"]) == "not_due"
    assert standing(exam, date(2029, 10, 1), row["judged_on"]) == "not_met"  # the day come, not passed: overdue


def test_a_service_exam_passed_has_no_due() -> None:
    builder = exam_ahead().add(
        "exam", {"exam": "UD_I", "effective_date": "2026-03-02", "reference": "U1"}, f"2026-03-03{T}"
    )
    _, found = offer(builder)
    assert found["promotion.service_exam"]["outcome"] == "met"
    assert "due" not in found["promotion.service_exam"]


def test_an_offer_come_whose_only_open_requirement_is_not_due_is_to_come_not_failed() -> None:
    skp = {"rule": "promotion.performance", "outcome": "missing", "enforced": True, "standing": "not_due"}
    assert eligibility.decision(None, True, ["promotion.performance"], None, [skp]) == "to_come"
    assert eligibility.decision(None, True, ["promotion.performance"], "2025-10-01", [skp]) == "eligible_from_met_on"
    failed = {**skp, "rule": "promotion.penalty", "standing": "not_met"}
    assert eligibility.decision(None, True, ["promotion.performance"], None, [skp, failed]) == "not_eligible"


def test_an_offer_come_under_a_bar_to_the_next_date_is_neither_eligible_nor_eligible_from_met_on() -> None:
    """A bar whose end is known still standing until the next promotion date (`barred_ahead`): judged for that date,
    the offer comes on it, not today, nor from `met_on` (merit view 62, review of 2026-12-07)."""
    skp = {"rule": "promotion.performance", "outcome": "missing", "enforced": True, "standing": "not_due"}
    assert eligibility.decision(None, True, [], None, [], bar_ahead=True) == "to_come"
    assert eligibility.decision(None, True, [skp["rule"]], "2023-04-01", [skp], bar_ahead=True) == "to_come"
    failed = {**skp, "rule": "promotion.service_exam", "standing": "not_met"}
    assert eligibility.decision(None, True, [failed["rule"]], None, [failed], bar_ahead=True) == "not_eligible"
    assert eligibility.barred_ahead(("2026-06-01", "bar"), date(2026, 3, 10)) is True
    assert eligibility.barred_ahead(("2026-06-01", "today"), date(2026, 3, 10)) is False
    # credit points short until a date to come hold it too, a bar standing under them or not (review of 2026-12-07)
    assert eligibility.barred_ahead(("2027-02-01", "credit_points"), date(2026, 3, 10)) is True
    assert eligibility.barred_ahead(("2026-06-01", "bar"), date(2026, 6, 1)) is False  # (the date come)
    assert eligibility.barred_ahead((None, None), date(2026, 3, 10)) is False

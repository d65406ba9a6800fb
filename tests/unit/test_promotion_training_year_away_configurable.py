"""Whether promotion.training (an inference, I) leaves unjudged a year the employee ended away from duty (unpaid
leave, study leave, suspended on 31 December) is the rule's `judge_years_away` (rules.toml, docs/rules.md): false as
bundled, as the training table and the compliance report leave such a year out; true judges the year's JP as any
other (the reference does not say which)."""

from __future__ import annotations

import dataclasses
from datetime import date

from careerlog.reference import Rules, rules
from projections.merit.rules import MISSING, PromotionJudge
from tests import factories as f
from tests.unit.test_merit_rules import confirmed

RULE = "promotion.training"


def on_unpaid_leave_at_the_end_of_2017() -> f.CareerBuilder:
    """test_merit_rules' confirmed PNS, no training, on unpaid leave from 1 June 2017 to 1 March 2018."""
    builder = confirmed().add("status_change", f.status("UNPAID_LEAVE", "2017-06-01"))
    return builder.add("status_change", f.status("ACTIVE", "2018-03-01"))


def training_judged(book: Rules | None = None) -> list[str]:
    record = on_unpaid_leave_at_the_end_of_2017().record()
    checks = PromotionJudge(record, book).checks(date(2018, 4, 1), "101", "III/b")
    return [c.outcome for c in checks if c.rule == RULE]


def judging_years_away() -> Rules:
    return Rules(
        dataclasses.replace(r, params={**r.params, "judge_years_away": True}) if r.id == RULE else r
        for r in rules().all
    )


def test_a_year_ended_away_from_duty_is_not_judged_as_bundled() -> None:
    assert [r.params.get("judge_years_away") for r in rules().versions(RULE)] == [False]
    assert training_judged() == []


def test_a_year_ended_away_from_duty_is_judged_with_judge_years_away() -> None:
    assert training_judged(judging_years_away()) == [MISSING]

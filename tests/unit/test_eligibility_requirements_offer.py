"""What an employee is told they still need lists no requirement that every offer meets by being made.

Eligibility offers the next rank up (or a degree's starting rank): the rule that a promotion moves no more ranks
than its kind allows (`promotion.one_step`, an audit of recorded promotions) is met by every such offer, so
listed among the requirements it would be a line on the employee's page that tells them nothing. The audit
still judges recorded promotions by it (tests/unit/test_promotion_one_step.py).
"""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import MeritProjection
from projections.merit.eligibility import BY_OFFER
from projections.merit.rules import JUDGE_NAMES
from tests import factories as f

T = "T00:00:00+00:00"


def requirements(builder: f.CareerBuilder) -> dict[str, list[str]]:
    rows = MeritProjection().rows(builder.record())["eligibility"]
    return {str(row["kind"]): [r["rule"] for r in json.loads(str(row["requirements"]))] for row in rows}


def test_a_regular_promotions_requirements_leave_out_the_rule_every_offer_meets() -> None:
    builder = f.CareerBuilder(date(1990, 1, 1), date(2015, 3, 1), rank="III/a", education="S-1")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2016-03-01", "reference": "PNS-1"})
    for year in range(2015, 2026):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    listed = requirements(builder)
    assert "promotion.time_in_rank" in listed["101"]
    assert "promotion.one_step" not in listed["101"]


def test_the_rules_left_out_of_requirements_are_rules_the_audit_judges() -> None:
    judged = {rule_id for rule_id, _ in JUDGE_NAMES}
    assert BY_OFFER
    assert judged.issuperset(BY_OFFER)

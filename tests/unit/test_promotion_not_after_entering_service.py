"""A rank promotion whose TMT is not after the employee entered the rank it starts from cannot be: the ladder
goes from a rank held to the next, and the first rank is held from the appointment's TMT on.

The ledger refuses a promotion before the appointment (`BEFORE_APPOINTMENT`, on a correction of either too) and one
before the rank it starts from (`NOT_ABOVE`/`NOT_BELOW`), but takes one on the appointment's own TMT (only another
promotion of the same TMT is refused): the audit found no rank held before such a TMT, judged no rule and read it
`compliant`, without remark. It is judged from the rank the appointment gives: `promotion.time_in_rank` (the
rank's TMT plus the kind's years after the TMT) finds it, with the appointment as evidence, and so does
`promotion.no_probation` for a CPNS; a TMT before the appointment, which only history the checks did not see could
hold, is judged so too."""

from __future__ import annotations

import json
from datetime import date

import pytest

from careerlog.domain.errors import InvalidInput
from projections.merit.audit import audit_promotion
from projections.merit.rules import PromotionJudge
from tests import factories as f
from tests.unit.test_promotion_one_step import penata_muda

T = "T00:00:00+00:00"


def appointed() -> f.CareerBuilder:
    """An S-1 CPNS appointed III/a on 2010-03-01, confirmed 2011, rated Baik every year (`penata_muda`)."""
    return penata_muda()


def test_a_promotion_on_the_day_of_the_appointment_is_a_time_in_rank_finding_with_the_appointment() -> None:
    builder = appointed().add("rank_promotion", f.promotion("III/b", "2010-03-01", reference="KP-B"), f"2016-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    assert decision["verdict"] == "findings"
    by_rule = {r["rule"]: r for r in findings}
    assert {"promotion.time_in_rank", "promotion.no_probation"} <= set(by_rule)
    evidence = json.loads(by_rule["promotion.time_in_rank"]["evidence"])
    assert [e["kind"] for e in evidence] == ["appointment"]
    assert "2010-03-01" in by_rule["promotion.time_in_rank"]["message"]


def test_a_promotion_before_the_appointment_is_refused_by_the_ledger() -> None:
    with pytest.raises(InvalidInput, match="before the appointment"):
        appointed().add("rank_promotion", f.promotion("III/b", "2010-02-01"), f"2016-04-10{T}")


def test_a_promotion_before_the_appointment_is_judged_from_the_rank_the_appointment_gives() -> None:
    record = appointed().record()  # as imported history the checks did not see could hold it
    checks = {c.rule: c for c in PromotionJudge(record).checks(date(2009, 10, 1), "101", "III/b")}
    assert checks["promotion.time_in_rank"].finding


def test_a_promotion_after_the_time_in_rank_is_judged_from_the_rank_held_before_it() -> None:
    record = appointed().record()
    checks = {c.rule: c for c in PromotionJudge(record).checks(date(2014, 4, 1), "101", "III/b")}
    assert not checks["promotion.time_in_rank"].finding

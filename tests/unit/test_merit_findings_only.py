"""A judge asked for the findings alone (the audit's decisions, `barred`) gives the findings its `checks` give, in
their order, without making an outcome met (no Check nor wording for it), and answers in full again afterwards."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import projections.merit.rules as merit_rules
from projections.career import CareerRecord
from projections.merit.posts import PostJudge
from projections.merit.rules import PromotionJudge, round_dates
from tests import factories as f
from tests.unit.test_merit_posts import post, supervisor

T = "T00:00:00+00:00"
# The judges keeping an outcome for later questions make it whoever asks (PromotionJudge._outcomes).
KEPT = {"promotion.performance", "promotion.education_ceiling", "promotion.training"}


def record() -> CareerRecord:
    builder = f.CareerBuilder()
    for year in range(2010, 2020):
        builder.add(
            "performance_rating", f.rating(year, "BUTUH_PERBAIKAN" if year == 2014 else "BAIK"), f"{year + 1}-01-15{T}"
        )
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "P-1"})
    return builder.add("rank_promotion", f.promotion("III/b", "2016-04-01"), f"2016-04-10{T}").record()


@pytest.fixture
def made_met(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rules of each outcome met made (`check`) while the test runs."""
    made: list[str] = []
    original = merit_rules.check

    def counting(rule: Any, met: bool, *args: Any) -> Any:
        if met:
            made.append(rule.id)
        return original(rule, met, *args)

    monkeypatch.setattr(merit_rules, "check", counting)
    return made


def shown(checks: list[merit_rules.Check]) -> list[tuple[Any, ...]]:
    return [(c.rule, c.outcome, c.enforced, c.message, c.evidence) for c in checks]


def test_promotion_findings_are_the_checks_findings_without_met_outcomes_made(made_met: list[str]) -> None:
    career = record()
    findings_seen = 0
    for day in round_dates(date(2012, 1, 1), date(2020, 12, 31)):
        for kind, new in (("101", "III/b"), ("101", "III/c"), ("203", "III/c")):
            judge = PromotionJudge(career)
            found = judge.findings(day, kind, new)
            assert not set(made_met) - KEPT  # no other met outcome made while asking for the findings
            full = PromotionJudge(career).checks(day, kind, new)
            assert shown(found) == shown([c for c in full if c.finding])
            assert shown(judge.checks(day, kind, new)) == shown(full)  # in full again afterwards
            assert judge.barred(day, kind, new) == bool(found) == PromotionJudge(career).barred(day, kind, new)
            findings_seen += bool(found)
            made_met.clear()
    assert findings_seen  # (some days barred, the 2014 rating below Baik)


def test_checks_make_every_met_outcome(made_met: list[str]) -> None:
    """(What the test above tells apart: asked in full, a judge makes its met outcomes.)"""
    PromotionJudge(record()).checks(date(2016, 4, 1), "101", "III/b")
    assert set(made_met) - KEPT


def test_post_findings_are_the_checks_findings_without_met_outcomes_made(made_met: list[str]) -> None:
    builder = supervisor().add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    builder.add("post_appointment", post("ADMINISTRATOR", "2019-01-02", "III.a"), f"2019-01-20{T}")
    career = builder.record()
    for fact in career.of_kind("post_appointment"):
        judge = PostJudge(career)
        found = judge.findings(fact)
        assert made_met == []
        full = PostJudge(career).checks(fact)
        assert shown(found) == shown([c for c in full if c.finding])
        assert shown(judge.checks(fact)) == shown(full)
        made_met.clear()
    assert any(PostJudge(career).findings(fact) for fact in career.of_kind("post_appointment"))


def test_a_promotion_judged_keeps_its_findings_alone_whichever_asked() -> None:
    """What a judge keeps of a promotion it judged (`PromotionJudge._found`, which `barred` reads) is its findings,
    the same whether `checks` or `findings` asked: it held every check after `checks` but, after `findings`, only the
    outcomes not met and those kept for later questions, for a later reader to take for every check."""
    career = record()
    kept = 0
    for day in round_dates(date(2012, 1, 1), date(2020, 12, 31)):
        for kind, new in (("101", "III/b"), ("101", "III/c"), ("203", "III/c")):
            by_findings, by_checks = PromotionJudge(career), PromotionJudge(career)
            found = by_findings.findings(day, kind, new)
            full = by_checks.checks(day, kind, new)
            key = (day, kind, new)
            assert (key in by_findings._found) == (key in by_checks._found) == bool(full)
            if key not in by_checks._found:
                continue
            [(held, after_findings), (same, after_checks)] = by_findings._found[key], by_checks._found[key]
            assert held == same == career.rank_before(day)
            assert shown(list(after_findings)) == shown(list(after_checks)) == shown(found)
            assert all(c.finding for c in after_checks)
            assert by_findings.barred(day, kind, new) == by_checks.barred(day, kind, new) == bool(found)
            kept += 1
    assert kept

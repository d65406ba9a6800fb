"""A promotion rule is asked only of the kinds its version in force judges; a requirement is worded once.

Each version of a promotion rule judges some kinds (`kinds` listed, `years` or `steps` keyed by kind, or every kind
but its `exempt_kinds`). The judges read that once per rules version, day and kind (`in_force`), not on every
decision and promotion round; a judge is never asked of a kind its rule does not judge, nor, asked for the findings
alone (the audit, the promotion rounds), of a rule not enforced, which makes none. The eligibility rows of
most employees share requirements: each is rendered once per wording.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

import careerlog.domain.wording as wording
from careerlog.reference import rules
from projections.merit import posts
from projections.merit import rules as merit_rules
from projections.merit.eligibility import _requirement, requirement
from projections.merit.posts import PostJudge
from projections.merit.rules import KINDS_JUDGED, MET, Check, PromotionJudge, check, enforced, in_force
from tests import factories as f

DAY = date(2014, 4, 1)


def test_the_rules_in_force_for_a_kind_leave_out_those_not_judging_it() -> None:
    regular = {rule.id for rule, _ in in_force(rules(), DAY, "101", False, False)}
    structural = {rule.id for rule, _ in in_force(rules(), DAY, "201", False, False)}
    assert "promotion.structural_range" not in regular
    assert "promotion.structural_range" in structural
    assert "promotion.time_in_rank" in regular
    assert set(KINDS_JUDGED) >= regular | structural


def test_a_judge_is_not_asked_of_a_kind_its_rule_does_not_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def structural_range(self: PromotionJudge, rule: object, day: date, kind: str, *rest: object) -> None:
        asked.append(kind)

    judges = tuple(
        (rule_id, structural_range if rule_id == "promotion.structural_range" else judge)
        for rule_id, judge in merit_rules._JUDGES
    )
    monkeypatch.setattr(merit_rules, "_JUDGES", judges)
    in_force.cache_clear()
    try:
        record = f.CareerBuilder(rank="III/a", education="S-1").record()
        PromotionJudge(record).checks(DAY, "101", "III/b")
        PromotionJudge(record).checks(DAY, "201", "III/b")
    finally:
        in_force.cache_clear()
    assert asked == ["201"]


def test_a_requirement_shared_by_many_employees_is_worded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str] = []
    fill = wording.fill

    def counting(text: str, values: dict[str, str]) -> str:
        rendered.append(text)
        return fill(text, values)

    monkeypatch.setattr(wording, "fill", counting)
    _requirement.cache_clear()
    rule = rules().in_force("promotion.time_in_rank", DAY)
    assert rule is not None
    made = [
        check(rule, True, merit_rules.TIME_IN_RANK(rank="III/a", since=date(2010, 3, 1), years=4, due=date(2014, 3, 1)))
        for _ in range(3)
    ]
    assert len({requirement(c) for c in made}) == 1
    assert all(c.outcome == MET for c in made)
    assert len(rendered) == 1


def test_a_rule_not_enforced_is_not_judged_for_the_findings_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(merit_rules, "_JUDGES", tuple((r, recording(asked, r, j)) for r, j in merit_rules._JUDGES))
    in_force.cache_clear()
    day = date(2018, 4, 1)  # (promotion.training, not enforced by the bundled rules, is in force from 2017-03-30)
    training = rules().in_force("promotion.training", day)
    assert training is not None
    assert not enforced(training)
    try:
        record = f.CareerBuilder(rank="III/a", education="S-1").record()
        PromotionJudge(record).findings(day, "101", "III/b")
        found_alone, asked[:] = list(asked), []
        PromotionJudge(record).checks(day, "101", "III/b")
    finally:
        in_force.cache_clear()
    assert "promotion.training" in asked
    assert "promotion.training" not in found_alone
    assert set(asked) - set(found_alone) == {"promotion.training"}


def test_a_post_rule_not_enforced_is_not_judged_for_the_findings_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A move up a functional ladder: post.credit_points (not enforced by the bundled rules) is shown, missing, by
    the checks, and not judged for the audit's findings."""
    builder = f.CareerBuilder(appointed=date(2018, 3, 1))
    builder.add("post_appointment", functional("2022-01-03", "AHLI_PERTAMA"), "2022-01-10T00:00:00+00:00")
    builder.add("post_appointment", functional("2024-06-03", "AHLI_MUDA"), "2024-06-10T00:00:00+00:00")
    record = builder.record()
    fact = record.of_kind("post_appointment")[-1]
    asked: list[str] = []
    judges = tuple((r, recording(asked, r, j)) for r, j in posts._JUDGES)
    monkeypatch.setattr(posts, "_JUDGES", judges)
    posts.in_force.cache_clear()
    try:
        PostJudge(record).findings(fact)
        assert "post.rank_range" in asked
        assert "post.credit_points" not in asked
        shown = {c.rule: c for c in PostJudge(record).checks(fact)}
    finally:
        posts.in_force.cache_clear()
    assert shown["post.credit_points"].missing


def recording(asked: list[str], rule_id: str, judge: Callable[..., Check | None]) -> Callable[..., Check | None]:
    def judged(*args: Any) -> Check | None:
        asked.append(rule_id)
        return judge(*args)

    return judged


def functional(day: str, level: str) -> dict[str, Any]:
    return {
        "post_kind": "FUNGSIONAL",
        "level": level,
        "title": f"Analis {level}",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": day,
        "reference": f"SK-JAB-{day}",
    }


def test_the_post_rules_in_force_on_a_day_are_read_once_per_day_and_post() -> None:
    day = date(2024, 6, 3)
    pelaksana = [rule.id for rule, _ in posts.in_force(rules(), day, False, False)]
    managerial = [rule.id for rule, _ in posts.in_force(rules(), day, True, False)]
    assert pelaksana == managerial[: len(pelaksana)]
    assert "post.education" in managerial
    assert "post.education" not in pelaksana
    assert "post.credit_points" in pelaksana
    assert "post.credit_points" not in [rule.id for rule, _ in posts.in_force(rules(), day, False, True)]
    assert posts.in_force(rules(), day, True, False) is posts.in_force(rules(), day, True, False)

"""A requirement's status is the one its rule gives for the offer's kind (the exploratory tester's finding of
2026-12-07): promotion.time_in_rank is S but for a 201's years, M (rules.toml `status_note = "201: M"`, `careerlog
rules` and docs/rules.md: "S (201: M)"), and GET /api/v1/employees/<nip>/eligibility gave a 201 offer's time in rank
status "S"."""

from __future__ import annotations

from careerlog.reference import rules
from projections.merit.eligibility import with_sources

TIME = {"rule": "promotion.time_in_rank", "outcome": "met", "enforced": True, "message": "", "evidence": []}


def status(kind: str | None) -> str | None:
    (found,) = with_sources(rules(), [TIME], "2026-02-01", kind=kind)
    return found["status"]


def test_a_201_s_time_in_rank_is_unconfirmed_as_the_rule_s_note_says() -> None:
    assert status("201") == "M"


def test_the_other_kinds_read_the_rule_s_own_status() -> None:
    assert status("101") == "S"
    assert status("202") == "S"
    assert status(None) == "S"


def time_in_rank_statuses(kind: str) -> tuple[str, list[str]]:
    """promotion.time_in_rank's status among the checks of a promotion of `kind` seven months after a CPNS appointment
    (time in rank short: a finding), and among its findings: what an audited decision's `rules_judged` and its
    findings (the merit view's rows) carry."""
    from datetime import date

    from projections.merit.rules import PromotionJudge
    from tests import factories as f

    record = f.CareerBuilder(appointed=date(2020, 3, 1)).record()
    judge = PromotionJudge(record, rules())
    day = date(2020, 10, 1)
    (checked,) = [c for c in judge.checks(day, kind, "III/b") if c.rule == TIME["rule"]]
    found = [c.status for c in PromotionJudge(record, rules()).findings(day, kind, "III/b") if c.rule == TIME["rule"]]
    return checked.status, found


def test_a_201_s_time_in_rank_check_and_finding_read_m_as_eligibility_does() -> None:
    """Until 2026-12-07 the checks (an audited decision's rules_judged, a finding) took the rule's own status, S,
    for a 201 whose eligibility read M."""
    assert time_in_rank_statuses("201") == ("M", ["M"])
    assert time_in_rank_statuses("101") == ("S", ["S"])

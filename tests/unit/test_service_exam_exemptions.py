"""promotion.service_exam's exemptions (M, PP 99/2000 jo PP 12/2002, Kep Ka BKN 12/2002 as BKD guidance states them):
the crossing's exam is not asked of one who holds on the TMT the education named for it (S-1 or D-IV for UD_I into
III/a, S-2 or S-3 for UD_II into IV/a), or completed by then a leadership training listed for it (PKP or higher for
UD_I, PKA or higher for UD_II). Until 2026-12-05 the audit raised a finding (and eligibility listed the exam missing)
for an S-2 holder's regular promotion into IV/a and an Administrator's (PKA) structural one. A rules file leaving
the exemptions out asks the exam as before; one completed only after the TMT does not exempt it."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from careerlog.reference import Rules, rules
from projections.merit.audit import audit_promotion
from projections.merit.rules import MET, MISSING, Check, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
S2 = {"level": "S-2", "field_of_study": "Administrasi Publik", "institution": "USU"}
S1 = {"level": "S-1", "field_of_study": "Administrasi Publik", "institution": "USU"}


def exam_check(builder: f.CareerBuilder, day: str, kind: str, new: str, book: Rules | None = None) -> Check:
    judge = PromotionJudge(builder.record(), book)
    return next(c for c in judge.checks(date.fromisoformat(day), kind, new) if c.rule == "promotion.service_exam")


def clerk(rank: str = "II/d", education: str = "SLTA") -> f.CareerBuilder:
    return f.CareerBuilder(rank=rank, education=education).confirmed()


def leadership(kind: str, end: str) -> dict[str, Any]:
    return f.training(end, hours=200, start="2012-06-01", training_kind=kind, reference=f"{kind}-1")


def without_exemptions() -> Rules:
    def plain(rule: Any) -> Any:
        params = {k: v for k, v in rule.params.items() if not k.startswith("exempt_") or k == "exempt_kinds"}
        return dataclasses.replace(rule, params=params)

    return Rules([plain(r) if r.id == "promotion.service_exam" else r for r in rules().all])


def test_an_s1_degree_exempts_a_regular_crossing_into_iii_a_from_ud_i() -> None:
    graduate = clerk().add("education", {**S1, "effective_date": "2012-08-01", "reference": "IJ-1"})
    check = exam_check(graduate, "2014-04-01", "101", "III/a")
    assert (check.outcome, check.message) == (MET, "exam UD_I not needed: education S-1 held")
    assert [e.kind for e in check.evidence] == ["education"]
    assert exam_check(clerk(), "2014-04-01", "101", "III/a").outcome == MISSING  # SLTA: the exam is asked
    late = clerk().add("education", {**S1, "effective_date": "2014-08-01", "reference": "IJ-1"})
    assert exam_check(late, "2014-04-01", "101", "III/a").outcome == MISSING  # obtained after the TMT


def test_an_s2_degree_exempts_a_regular_crossing_into_iv_a_from_ud_ii_and_an_s1_does_not() -> None:
    master = clerk("III/d", "S-2")
    assert exam_check(master, "2015-04-01", "101", "IV/a").message == "exam UD_II not needed: education S-2 held"
    assert exam_check(clerk("III/d", "S-1"), "2015-04-01", "101", "IV/a").outcome == MISSING


def test_leadership_training_of_its_level_exempts_a_structural_crossing_and_a_lower_one_does_not() -> None:
    administrator = clerk("III/d", "S-1").add("training", leadership("PKA", "2013-11-30"))
    check = exam_check(administrator, "2015-04-01", "201", "IV/a")
    assert (check.outcome, check.message) == (MET, "exam UD_II not needed: PKA completed on 2013-11-30")
    assert [e.get("training_kind") for e in check.evidence] == ["PKA"]
    supervisor = clerk("III/d", "S-1").add("training", leadership("PKP", "2013-11-30"))
    assert exam_check(supervisor, "2015-04-01", "201", "IV/a").outcome == MISSING  # PKP exempts only UD_I
    examined = clerk("III/d", "S-1").add("training", leadership("PKP", "2013-11-30"))
    examined.add("exam", {"exam": "UD_II", "effective_date": "2014-05-01", "reference": "U2"})
    assert exam_check(examined, "2015-04-01", "201", "IV/a").message == "exam UD_II passed"


def test_a_rules_file_without_the_exemptions_asks_the_exam_whatever_is_held() -> None:
    master = clerk("III/d", "S-2").add("training", leadership("PKA", "2013-11-30"))
    check = exam_check(master, "2015-04-01", "101", "IV/a", without_exemptions())
    assert (check.outcome, check.message) == (MISSING, "exam UD_II not passed by 2015-04-01")


def test_the_audit_raises_no_service_exam_finding_for_an_exempt_crossing() -> None:
    master = clerk("III/d", "S-2")
    for year in range(2010, 2015):
        master.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    master.add("rank_promotion", f.promotion("IV/a", "2015-04-01"), f"2015-04-10{T}")
    record = master.record()
    _, findings = audit_promotion(record, record.promotions()[0])
    assert "promotion.service_exam" not in [r["rule"] for r in findings]
    _, before = audit_promotion(record, record.promotions()[0], without_exemptions())
    assert "promotion.service_exam" in [r["rule"] for r in before]

"""A rank promotion moves no more ranks above the rank held before its TMT than its kind allows.

The HR administrators' acceptance pass of 2026-12-02 recorded a regular (101) promotion from III/a straight to
III/c: the ledger took it (it refuses only a rank not above the one held, and imported or migrated history holds
such steps anyway) and the audit found it `compliant`. A regular promotion goes one rank up (the ladder,
asn-career-rules.md section 2); a promotion by degree (203) goes to the starting rank of the new degree, which
may be several ranks up. The rule (`promotion.one_step`, rules.toml `steps` by kind) is a finding whose evidence is
the rank held and the decision; a kind it does not name is not judged.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from careerlog.reference import Rules, rules
from projections.career import CareerRecord
from projections.merit.audit import audit_promotion
from projections.merit.known_alike import COVERED
from projections.merit.rules import JUDGE_NAMES, MET, MISSING, Check, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
RULE = "promotion.one_step"


def penata_muda() -> f.CareerBuilder:
    """An S-1 CPNS of 2010 at III/a, confirmed 2011, rated Baik every year, with the service exam: a regular
    promotion to III/b on 2014-04-01 breaks no other rule."""
    builder = f.CareerBuilder(rank="III/a", education="S-1")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"})
    for year in range(2010, 2024):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def judged(record: CareerRecord, kind: str, new: str, book: Rules | None = None) -> dict[str, Check]:
    return {c.rule: c for c in PromotionJudge(record, book).checks(date(2014, 4, 1), kind, new)}


def test_a_regular_promotion_skipping_a_rank_is_a_finding_with_the_rank_held_and_the_decision() -> None:
    builder = penata_muda()
    builder.add("rank_promotion", f.promotion("III/c", "2014-04-01", reference="KP-C"), f"2014-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    assert decision["verdict"] == "findings"
    assert [r["rule"] for r in findings] == [RULE]
    finding = findings[0]
    assert finding["severity"] == "high"
    assert finding["status"] == "M"
    assert finding["message"] == "a 101 promotion from III/a goes up to III/b; new rank III/c"
    evidence = [(e["kind"], e["reference"]) for e in json.loads(finding["evidence"])]
    assert evidence == [("appointment", record.of_kind("appointment")[0].reference), ("rank_promotion", "KP-C")]


def test_a_regular_promotion_one_rank_up_meets_it_and_is_compliant() -> None:
    builder = penata_muda()
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01", reference="KP-B"), f"2014-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    assert (decision["verdict"], findings) == ("compliant", [])
    check = judged(penata_muda().record(), "101", "III/b")[RULE]
    assert check.outcome == MET


def test_one_rank_up_across_a_golongan_is_one_step() -> None:
    record = f.CareerBuilder(rank="II/d", education="D-III").record()
    assert judged(record, "101", "III/a")[RULE].outcome == MET
    assert judged(record, "101", "III/b")[RULE].outcome == MISSING


def test_a_promotion_by_degree_may_move_several_ranks_and_is_not_judged() -> None:
    assert RULE not in judged(f.CareerBuilder(rank="II/a", education="SLTA").record(), "203", "III/a")


def test_the_ranks_a_kind_allows_are_configured() -> None:
    book = Rules(
        dataclasses.replace(r, params={"steps": {"101": 1, "211": 1, "203": 2}}) if r.id == RULE else r
        for r in rules().all
    )
    record = penata_muda().record()
    assert judged(record, "211", "III/c", book)[RULE].outcome == MISSING
    assert judged(record, "203", "III/c", book)[RULE].outcome == MET
    assert judged(record, "203", "III/d", book)[RULE].outcome == MISSING
    assert RULE not in judged(record, "211", "III/c")  # not configured: not judged


def test_the_rule_is_judged_and_its_reads_are_those_the_final_record_judges_alike() -> None:
    assert RULE in dict(JUDGE_NAMES)
    assert RULE in COVERED

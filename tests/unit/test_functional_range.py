"""A functional-post promotion (202) past the top rank of the functional level held is a finding.

Credit points earn the rank steps within a functional level (asn.toml functional_levels, PermenPANRB 1/2023:
Ahli Pertama III/a-III/b, Ahli Muda III/c-III/d); a rank above the level's range needs the appointment to the next
level (kenaikan jenjang) first. The eligibility view stopped offering such a 202 (29cd519), but the audit let one
through as compliant: the inspector's acceptance pass of 2026-12-02 found 193 of the 464 202 promotions of the
`make run` demo past the level held (an Ahli Muda promoted to IV/a, the level appointed months later), every one
`compliant`. The finding points to the level's appointment and the rank held. The appointment to the next level
made from the top rank of the level below is no `post.rank_range` finding, else the only way up would be one.
"""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import audit_post, audit_promotion
from projections.merit.posts import PostJudge
from projections.merit.rules import MET, MISSING, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"


def functional(level: str, day: str, reference: str) -> dict[str, str]:
    return {
        "post_kind": "FUNGSIONAL",
        "level": level,
        "title": f"Analis SDM {level}",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": day,
        "reference": reference,
    }


def ahli_pertama_at_iii_b() -> f.CareerBuilder:
    """An S-1 CPNS of 2010 at III/a, confirmed, Ahli Pertama since 2011, III/b by a 202 in 2014, rated Baik."""
    builder = f.CareerBuilder(rank="III/a", education="S-1")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"})
    builder.add("post_appointment", functional("AHLI_PERTAMA", "2011-04-01", "J-1"), f"2011-04-10{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01", kind="202", reference="KP-B"), f"2014-04-10{T}")
    for year in range(2010, 2024):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def test_a_functional_post_promotion_past_the_top_of_the_level_held_is_a_finding_with_its_evidence() -> None:
    builder = ahli_pertama_at_iii_b()
    builder.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202", reference="KP-C"), f"2018-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    found = {r["rule"]: r for r in findings}
    assert decision["verdict"] == "findings"
    finding = found["promotion.functional_range"]
    assert finding["severity"] == "high"
    assert finding["message"] == "functional level AHLI_PERTAMA tops at III/b; new rank III/c"
    evidence = [(e["kind"], e["reference"]) for e in json.loads(finding["evidence"])]
    assert evidence == [("post_appointment", "J-1"), ("rank_promotion", "KP-B")]


def test_a_functional_post_promotion_within_the_level_held_meets_the_range() -> None:
    builder = ahli_pertama_at_iii_b()
    judged = {c.rule: c for c in PromotionJudge(builder.record()).checks(date(2014, 4, 1), "202", "III/b")}
    assert judged["promotion.functional_range"].outcome == MET


def test_the_range_is_that_of_the_level_held_on_the_tmt_so_an_appointment_to_the_next_level_first_meets_it() -> None:
    builder = ahli_pertama_at_iii_b()
    builder.add("post_appointment", functional("AHLI_MUDA", "2017-10-02", "J-2"), f"2017-10-10{T}")
    judged = {c.rule: c for c in PromotionJudge(builder.record()).checks(date(2018, 4, 1), "202", "III/c")}
    assert judged["promotion.functional_range"].outcome == MET
    assert judged["promotion.functional_range"].evidence[0].reference == "J-2"


def test_a_regular_promotion_is_not_judged_by_the_functional_range() -> None:
    judged = {c.rule for c in PromotionJudge(ahli_pertama_at_iii_b().record()).checks(date(2018, 4, 1), "101", "III/c")}
    assert "promotion.functional_range" not in judged


def test_without_a_functional_post_the_range_is_not_judged() -> None:
    builder = f.CareerBuilder(rank="III/a", education="S-1")
    judged = {c.rule: c for c in PromotionJudge(builder.record()).checks(date(2014, 4, 1), "202", "III/b")}
    assert "promotion.functional_range" not in judged  # no functional post: promotion.credit_points says so


def test_an_appointment_to_the_next_level_from_the_top_rank_of_the_level_below_is_within_the_range() -> None:
    builder = ahli_pertama_at_iii_b()
    builder.add("post_appointment", functional("AHLI_MUDA", "2017-10-02", "J-2"), f"2017-10-10{T}")
    record = builder.record()
    fact = record.of_kind("post_appointment")[-1]
    judged = {c.rule: c for c in PostJudge(record).checks(fact)}
    assert judged["post.rank_range"].outcome == MET
    _, findings = audit_post(record, fact)
    assert "post.rank_range" not in {r["rule"] for r in findings}


def test_an_appointment_two_levels_up_or_from_another_ladder_is_still_out_of_range() -> None:
    two_up = ahli_pertama_at_iii_b()
    two_up.add("post_appointment", functional("AHLI_MADYA", "2017-10-02", "J-2"), f"2017-10-10{T}")
    record = two_up.record()
    judged = {c.rule: c for c in PostJudge(record).checks(record.of_kind("post_appointment")[-1])}
    assert judged["post.rank_range"].outcome == MISSING
    fresh = f.CareerBuilder(rank="III/b", education="S-1")  # no functional level held before
    fresh.add("post_appointment", functional("AHLI_MUDA", "2012-10-02", "J-2"), f"2012-10-10{T}")
    record = fresh.record()
    judged = {c.rule: c for c in PostJudge(record).checks(record.of_kind("post_appointment")[-1])}
    assert judged["post.rank_range"].outcome == MISSING

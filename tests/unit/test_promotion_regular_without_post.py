"""A regular promotion (101) goes only to a PNS holding no definitive managerial or functional post.

PP 99/2000 art. 4 (as amended by PP 12/2002) gives the regular promotion to a PNS who holds no structural or
functional post; a post holder rises by the choice promotion (pilihan): 201 managerial, 202 functional. The audit
found a 101 of a Guru Ahli Muda to IV/a `compliant` (above the level's range, which only a 202 is judged against),
and the eligibility view offered the 101 beside the 201/202. The rule (`promotion.regular_without_post`, M) is a
finding whose evidence is the post's appointment; an acting post (Plt, Plh) and a pelaksana post do not count; the
eligibility offers no 101 to such a holder, and the promotion rounds count none eligible for one.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from careerlog.reference import Rules, rules
from projections.career import CareerRecord
from projections.merit.audit import audit_promotion, promotion_rounds
from projections.merit.eligibility import eligibility_rows, open_kinds
from projections.merit.known_alike import COVERED
from projections.merit.rules import JUDGE_NAMES, MET, MISSING, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
RULE = "promotion.regular_without_post"
TMT = date(2014, 4, 1)


def post(post_kind: str, assignment: str = "DEFINITIVE", day: str = "2010-03-01", **fields: str) -> dict[str, str]:
    return {
        "post_kind": post_kind,
        "title": {"FUNGSIONAL": "Analis Kepegawaian Ahli Pertama", "PENGAWAS": "Kepala Subbagian Umum"}.get(
            post_kind, "Pengadministrasi Umum"
        ),
        "unit": "BKPSDM",
        "assignment": assignment,
        "effective_date": day,
        "reference": f"SK-JAB-{post_kind}-{assignment}-{day}",
        **fields,
    }


def penata_muda(*posts: dict[str, str]) -> f.CareerBuilder:
    """An S-1 CPNS of 2010 at III/a, confirmed 2011, rated Baik every year, holding `posts`: a regular promotion
    to III/b on 2014-04-01 breaks no other rule."""
    builder = f.CareerBuilder(rank="III/a", education="S-1")
    for appointed in posts:
        builder.add("post_appointment", appointed, f"{appointed['effective_date']}{T}")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"})
    for year in range(2010, 2014):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


AHLI_PERTAMA = post("FUNGSIONAL", level="AHLI_PERTAMA")


def promoted(builder: f.CareerBuilder, kind: str = "101") -> tuple[CareerRecord, dict, list[dict]]:
    builder.add("rank_promotion", f.promotion("III/b", TMT.isoformat(), kind=kind, reference="KP-B"), f"2014-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    return record, decision, findings


def without(post_kinds: list[str] | None) -> Rules:
    """The configured rules with the rule's `post_kinds` replaced (None: the rule left out)."""
    if post_kinds is None:
        return Rules(r for r in rules().all if r.id != RULE)
    return Rules(
        dataclasses.replace(r, params={**r.params, "post_kinds": post_kinds}) if r.id == RULE else r
        for r in rules().all
    )


def test_a_regular_promotion_of_a_functional_post_holder_is_a_finding_with_the_post_as_evidence() -> None:
    _, decision, findings = promoted(penata_muda(AHLI_PERTAMA))
    assert decision["verdict"] == "findings"
    assert [r["rule"] for r in findings] == [RULE]
    finding = findings[0]
    assert (finding["severity"], finding["status"]) == ("high", "M")
    assert finding["message"] == "definitive post FUNGSIONAL held on 2014-04-01: its holder is promoted by 202, not 101"
    evidence = [(e["kind"], e["reference"]) for e in json.loads(finding["evidence"])]
    assert evidence == [("post_appointment", AHLI_PERTAMA["reference"])]


def test_a_regular_promotion_of_a_managerial_post_holder_names_the_201() -> None:
    pengawas = post("PENGAWAS", level="IV.a")
    _, _, findings = promoted(penata_muda(pengawas))
    assert [(r["rule"], r["message"]) for r in findings] == [
        (RULE, "definitive post PENGAWAS held on 2014-04-01: its holder is promoted by 201, not 101")
    ]


def test_an_acting_post_or_a_pelaksana_post_does_not_bar_the_regular_promotion() -> None:
    for held in (post("PENGAWAS", "PLT", level="IV.a"), post("PENGAWAS", "PLH", level="IV.a"), post("PELAKSANA")):
        record, decision, findings = promoted(penata_muda(held))
        assert (decision["verdict"], findings) == ("compliant", []), held
        checks = {c.rule: c for c in PromotionJudge(record).checks(TMT, "101", "III/b")}
        assert checks[RULE].outcome == MET


def test_a_functional_post_left_for_a_pelaksana_post_before_the_tmt_no_longer_bars_it() -> None:
    _, decision, findings = promoted(penata_muda(AHLI_PERTAMA, post("PELAKSANA", day="2013-01-02")))
    assert (decision["verdict"], findings) == ("compliant", [])


def test_a_post_taken_up_on_the_tmt_is_held_on_it() -> None:
    record = penata_muda(post("FUNGSIONAL", day=TMT.isoformat(), level="AHLI_PERTAMA")).record()
    assert {c.rule: c for c in PromotionJudge(record).checks(TMT, "101", "III/b")}[RULE].outcome == MISSING


def test_the_choice_promotions_and_the_others_are_not_judged_by_it() -> None:
    record = penata_muda(AHLI_PERTAMA).record()
    for kind in ("201", "202", "203", "211"):
        assert RULE not in {c.rule for c in PromotionJudge(record).checks(TMT, kind, "III/b")}


def test_the_eligibility_offers_a_post_holder_the_choice_promotion_and_no_regular_one() -> None:
    functional = penata_muda(AHLI_PERTAMA).record()
    assert [r["kind"] for r in eligibility_rows(functional, date(2014, 1, 20))] == ["202"]
    managerial = penata_muda(post("PENGAWAS", level="IV.a")).record()
    assert [r["kind"] for r in eligibility_rows(managerial, date(2014, 1, 20))] == ["201"]
    for held in (post("PENGAWAS", "PLT", level="IV.a"), post("PELAKSANA")):
        rows = eligibility_rows(penata_muda(held).record(), date(2014, 1, 20))
        assert [r["kind"] for r in rows] == ["101"]
        assert RULE not in {req["rule"] for req in json.loads(rows[0]["requirements"])}  # met by being offered


def test_the_promotion_rounds_count_no_post_holder_eligible_for_a_regular_promotion() -> None:
    assert [r["round_date"] for r in promotion_rounds(penata_muda(AHLI_PERTAMA).record(), date(2014, 12, 31))] == []
    clerk = [r["round_date"] for r in promotion_rounds(penata_muda(post("PELAKSANA")).record(), date(2014, 12, 31))]
    assert clerk == ["2014-04-01", "2014-10-01"]


def test_the_post_kinds_that_bar_it_are_configured_and_the_rule_may_be_left_out() -> None:
    record = penata_muda(AHLI_PERTAMA).record()
    for book in (without(["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS"]), without(None)):
        assert sorted(open_kinds(record, date(2014, 1, 20), book)) == ["101", "202"]
        assert all(c.rule != RULE or c.outcome == MET for c in PromotionJudge(record, book).checks(TMT, "101", "III/b"))


def test_the_rule_is_judged_and_its_reads_are_those_the_final_record_judges_alike() -> None:
    assert RULE in dict(JUDGE_NAMES)
    assert RULE in COVERED

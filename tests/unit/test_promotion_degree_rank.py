"""A promotion by degree (203, penyesuaian ijazah) rests on a degree obtained by its TMT, and goes to no rank above
that degree's starting rank (reference, section 2: "target rank = the starting rank of the new degree"; the starting
ranks by education, PP 98/2000 jo PP 11/2002).

The audit judged a 203 by time in rank, performance, the adjustment exam (UPKP) and the rest, never by the degree it
rests on: a 203 to III/a with no degree recorded, with the S-1 obtained only after the TMT, or to III/b on an S-1
(which starts at III/a) was `compliant`. Now each is the finding `promotion.degree_rank` (S, high), with the degree
as evidence when there is one (an absence points to the decision itself).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

from careerlog.reference import Rules, rules
from projections.merit.audit import MeritProjection, audit_promotion
from projections.merit.eligibility import BY_OFFER
from projections.merit.known_alike import COVERED
from projections.merit.rules import JUDGE_NAMES, MET, MISSING, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"
RULE = "promotion.degree_rank"
TMT = "2026-02-01"


def slta_employee() -> f.CareerBuilder:
    """A II/a SLTA CPNS of 2015-03-01, confirmed in 2016, II/c since 2023-04-01, rated Baik to 2025, the adjustment
    exam (UPKP) and UD_I passed in 2025: a 203 to III/a on 2026-02-01 breaks no other rule. Each fact recorded in
    order (as the audit of a store recorded in order reads the final record where the record as known judges alike)."""
    facts = [
        ("confirmation", {"latsar_certificate": "L-1", "effective_date": "2016-03-01", "reference": "PNS-1"}),
        ("rank_promotion", f.promotion("II/b", "2019-04-01")),
        ("rank_promotion", f.promotion("II/c", "2023-04-01")),
        ("exam", {"exam": "UPKP", "effective_date": "2025-11-10", "reference": "UPKP-1"}),
        ("exam", {"exam": "UD_I", "effective_date": "2025-11-11", "reference": "UD-1"}),
        *[("performance_rating", f.rating(year)) for year in range(2015, 2026)],
    ]
    facts.sort(key=lambda fact: fact[1]["effective_date"])  # a rating's effective date is the end of its year
    builder = f.CareerBuilder(date(1992, 1, 1), date(2015, 3, 1), rank="II/a", education="SLTA")
    for kind, payload in facts:
        builder.add(kind, payload, f"{date.fromisoformat(payload['effective_date']) + timedelta(days=10)}{T}")
    return builder


def degree(builder: f.CareerBuilder, level: str, day: str, recorded: str) -> f.CareerBuilder:
    payload = {
        "level": level,
        "field_of_study": "Administrasi Publik",
        "institution": "USU",
        "effective_date": day,
        "reference": f"IJAZAH-{level}-{day}",
    }
    return builder.add("education", payload, f"{recorded}{T}")


def promoted(
    builder: f.CareerBuilder, new: str = "III/a", recorded: str = "2026-02-10", book: Rules | None = None
) -> tuple[dict, list[dict]]:
    builder.add("rank_promotion", f.promotion(new, TMT, kind="203", reference="KP-IJAZAH"), f"{recorded}{T}")
    record = builder.record()
    return audit_promotion(record, record.of_kind("rank_promotion")[-1], book)


def found(findings: list[dict]) -> dict[str, dict]:
    return {x["rule"]: x for x in findings}


def evidence(finding: dict) -> list[tuple[str, str]]:
    return [(e["kind"], e["effective_date"]) for e in json.loads(str(finding["evidence"]))]


def test_a_promotion_by_degree_to_the_starting_rank_of_a_degree_obtained_before_it_is_compliant() -> None:
    decision, findings = promoted(degree(slta_employee(), "S-1", "2025-08-20", "2025-09-01"))
    assert (decision["verdict"], findings) == ("compliant", [])
    record = degree(slta_employee(), "S-1", "2025-08-20", "2025-09-01").record()
    (check,) = [c for c in PromotionJudge(record).checks(date(2026, 2, 1), "203", "III/a") if c.rule == RULE]
    assert (check.outcome, check.message, [f.kind for f in check.evidence]) == (
        MET,
        "degree S-1 starts at III/a; new rank III/a",
        ["education"],
    )


def test_a_promotion_by_degree_with_no_degree_recorded_is_a_finding_pointing_to_the_decision() -> None:
    decision, findings = promoted(slta_employee())
    finding = found(findings)[RULE]
    assert (decision["verdict"], decision["max_severity"]) == ("findings", "high")
    assert (finding["severity"], finding["status"]) == ("high", "S")
    assert finding["message"] == "no degree recorded for a 203 promotion"
    assert evidence(finding) == [("rank_promotion", TMT)]  # an absence points to the decision itself
    assert list(found(findings)) == [RULE]


def test_a_promotion_by_degree_whose_degree_was_obtained_after_its_tmt_is_a_finding_naming_the_degree() -> None:
    # the S-1 of 2026-03-01 was recorded before the promotion (2026-03-05, the promotion on 2026-03-10): known then
    builder = degree(slta_employee(), "S-1", "2026-03-01", "2026-03-05")
    _, findings = promoted(builder, recorded="2026-03-10")
    finding = found(findings)[RULE]
    assert finding["message"] == "degree S-1 obtained on 2026-03-01, after the TMT 2026-02-01"
    assert evidence(finding) == [("education", "2026-03-01")]
    assert list(found(findings)) == [RULE]


def test_a_promotion_by_degree_above_the_starting_rank_of_the_degree_is_a_finding() -> None:
    _, findings = promoted(degree(slta_employee(), "S-1", "2025-08-20", "2025-09-01"), new="III/b")
    finding = found(findings)[RULE]
    assert finding["message"] == "degree S-1 starts at III/a; new rank III/b"
    assert evidence(finding) == [("education", "2025-08-20")]
    # the highest degree obtained by the TMT counts: a D-III (II/c) beside it lowers nothing, a later S-2 raises nothing
    builder = degree(degree(slta_employee(), "D-III", "2020-08-20", "2020-09-01"), "S-1", "2025-08-20", "2025-09-01")
    assert RULE not in found(promoted(degree(builder, "S-2", "2026-06-01", "2026-06-10"), recorded="2026-07-01")[1])
    low = degree(slta_employee(), "D-III", "2020-08-20", "2020-09-01")
    assert found(promoted(low, new="II/d")[1])[RULE]["message"] == "degree D-III starts at II/c; new rank II/d"


def test_a_degree_recorded_after_the_decision_is_late_evidence_and_the_rule_judges_without_it() -> None:
    """Both as the audit lists it (the final record's judge where the record as known judges alike, known_alike) and
    one by one (the record as known before the decision): the degree of the TMT's month recorded after is late, and
    one obtained after the TMT and recorded after is not known then: no degree recorded, either way."""
    for day, late in (("2026-01-20", True), ("2026-03-01", False)):
        builder = slta_employee()
        builder.add("rank_promotion", f.promotion("III/a", TMT, kind="203", reference="KP-IJAZAH"), f"2026-02-10{T}")
        degree(builder, "S-1", day, "2026-04-01")
        builder.add("performance_rating", f.rating(2026), f"2027-01-15{T}")  # a later entry of a later year
        record = builder.record()
        one = audit_promotion(record, record.of_kind("rank_promotion")[-1])
        listed = MeritProjection().rows(record)
        decision = next(d for d in listed["decisions"] if d["reference"] == "KP-IJAZAH")
        findings = [x for x in listed["findings"] if x["version"] == decision["version"]]
        assert (decision, findings) == one
        assert found(findings)[RULE]["message"] == "no degree recorded for a 203 promotion"
        assert ("evidence.recorded_after" in found(findings)) is late


def test_the_other_kinds_are_not_judged_by_it() -> None:
    record = slta_employee().record()
    for kind in ("101", "201", "202", "206", "211", "212"):
        assert all(c.rule != RULE for c in PromotionJudge(record).checks(date(2026, 2, 1), kind, "II/d"))


def changed(**params: object) -> Rules:
    """The configured rules with the rule's params changed (`None`: the rule left out)."""
    if not params:
        return Rules(r for r in rules().all if r.id != RULE)
    return Rules(dataclasses.replace(r, params={**r.params, **params}) if r.id == RULE else r for r in rules().all)


def test_the_kinds_it_judges_are_configured_and_the_rule_may_be_left_out() -> None:
    assert RULE not in found(promoted(slta_employee(), book=changed())[1])
    assert RULE not in found(promoted(slta_employee(), book=changed(kinds=[]))[1])
    record = slta_employee().record()
    checks = PromotionJudge(record, changed(kinds=["203", "206"])).checks(date(2026, 2, 1), "206", "II/d")
    assert [c.outcome for c in checks if c.rule == RULE] == [MISSING]


def test_the_rule_is_judged_met_by_every_offer_and_read_alike_on_the_final_record() -> None:
    assert RULE in dict(JUDGE_NAMES)
    assert RULE in COVERED
    assert RULE in BY_OFFER  # an offer by degree goes to the degree's starting rank: met, not listed
    record = degree(slta_employee(), "S-1", "2025-08-20", "2025-09-01").record()
    (offer,) = [r for r in MeritProjection().rows(record)["eligibility"] if r["kind"] == "203"]
    assert RULE not in {r["rule"] for r in json.loads(str(offer["requirements"]))}

"""Every audit finding points to an event: one found by an absence points to the decision itself.

A finding whose rule found something missing (no service exam passed, a TMT on a day no rule permits, no
leadership training) had no fact of its own to show, and was stored with an empty evidence list: on the
`make run` demo every promotion.service_exam (39), promotion.dates (1) and post.leadership_training (17)
finding, which the inspector's acceptance pass of 2026-12-02 could not trace to any event. Such a finding now
points to the decision it judges (subject, version, effective and recorded time, reference).

A post appointment the decision rests on (the post held, for a 201 or 202 promotion; the posts held before, for
an appointment) recorded only after it is late evidence like a rating: evidence.recorded_after names it.
"""

from __future__ import annotations

import json
from typing import Any

from projections.merit.audit import audit_post, audit_promotion
from tests import factories as f
from tests.unit.test_functional_range import ahli_pertama_at_iii_b, functional

T = "T00:00:00+00:00"


def evidence_of(findings: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    return {r["rule"]: [(e["kind"], e["reference"]) for e in json.loads(r["evidence"])] for r in findings}


def clerk() -> f.CareerBuilder:
    """A II/d D-III CPNS of 2010, confirmed 2011, rated Baik: no service exam passed."""
    builder = f.CareerBuilder(rank="II/d", education="D-III")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"})
    for year in range(2010, 2016):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


def test_a_missing_service_exam_and_a_day_no_rule_permits_point_to_the_promotion() -> None:
    builder = clerk().add("rank_promotion", f.promotion("III/a", "2014-05-01", reference="KP-1"), f"2014-05-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    found = evidence_of(findings)
    assert decision["verdict"] == "findings"
    assert found["promotion.service_exam"] == [("rank_promotion", "KP-1")]
    assert found["promotion.dates"] == [("rank_promotion", "KP-1")]
    assert set(found) == {"promotion.service_exam", "promotion.dates"}


def test_a_missing_leadership_training_points_to_the_appointment() -> None:
    builder = clerk().add("rank_promotion", f.promotion("III/a", "2014-04-01", reference="KP-1"), f"2014-04-10{T}")
    builder.add("exam", {"exam": "UD_I", "effective_date": "2013-05-01", "reference": "UD-1"}, f"2013-05-10{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2018-04-01", reference="KP-2"), f"2018-04-10{T}")
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kasubbag Umum", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2019-01-02", "reference": "SK-PKP"}
    builder.add("post_appointment", post, f"2019-01-10{T}")
    record = builder.record()
    _, findings = audit_post(record, record.of_kind("post_appointment")[-1])
    assert evidence_of(findings)["post.leadership_training"] == [("post_appointment", "SK-PKP")]


def test_a_level_appointment_recorded_after_the_202_it_supports_is_late_evidence() -> None:
    """The level's decree (Ahli Muda, in effect before the TMT) was recorded only after the 202 to III/c: the
    promotion is judged without it (past Ahli Pertama's range) and the late decree is its own finding."""
    builder = ahli_pertama_at_iii_b()
    builder.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202", reference="KP-C"), f"2018-04-10{T}")
    builder.add("post_appointment", functional("AHLI_MUDA", "2017-10-02", "J-2"), f"2018-05-01{T}")
    record = builder.record()
    _, findings = audit_promotion(record, next(p for p in record.of_kind("rank_promotion") if p.reference == "KP-C"))
    found = evidence_of(findings)
    assert found["evidence.recorded_after"] == [("post_appointment", "J-2")]
    assert found["promotion.functional_range"][0] == ("post_appointment", "J-1")


def test_a_post_appointment_recorded_late_is_no_evidence_of_a_regular_promotion() -> None:
    builder = clerk().add(
        "exam", {"exam": "UD_I", "effective_date": "2013-05-01", "reference": "UD-1"}, f"2013-05-10{T}"
    )
    builder.add("rank_promotion", f.promotion("III/a", "2014-04-01", reference="KP-1"), f"2014-04-10{T}")
    builder.add("post_appointment", functional("AHLI_PERTAMA", "2014-01-02", "J-9"), f"2014-06-01{T}")
    record = builder.record()
    _, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1])
    assert "evidence.recorded_after" not in evidence_of(findings)


def test_an_appointment_is_not_late_evidence_of_another_of_the_same_day() -> None:
    """Two definitive appointments on one day (the `make run` demo has a Pelaksana moved twice on 2001-04-15):
    the second, recorded later, is a decision of its own, not a post the first rests on."""
    builder = clerk()
    builder.add("post_appointment", functional("AHLI_PERTAMA", "2012-02-01", "J-1"), "2012-02-10T01:00:00+00:00")
    builder.add("post_appointment", functional("AHLI_PERTAMA", "2012-02-01", "J-2"), "2012-02-10T02:00:00+00:00")
    record = builder.record()
    first = next(p for p in record.of_kind("post_appointment") if p.reference == "J-1")
    _, findings = audit_post(record, first)
    assert "evidence.recorded_after" not in evidence_of(findings)

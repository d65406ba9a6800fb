"""Every audit finding points to an event: one found by an absence points to the decision itself.

A finding whose rule found something missing (no service exam passed, a TMT on a day no rule permits, no
leadership training) had no fact of its own to show, and was stored with an empty evidence list: on the
`make run` demo every promotion.service_exam (39), promotion.dates (1) and post.leadership_training (17)
finding, which the inspector's acceptance pass of 2026-12-02 could not trace to any event. Such a finding now
points to the decision it judges (subject, version, effective and recorded time, reference).
"""

from __future__ import annotations

import json
from typing import Any

from projections.merit.audit import audit_post, audit_promotion
from tests import factories as f

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

"""A fact the decision relied on, corrected after the decision was recorded (a rating of the years before a promotion
turned from Baik to Kurang), is evidence.recorded_after: the audit named nothing, while the fairness pool then counted
the promotion as "promoted though not eligible" (docs/rules.md; the reference: evidence entered after the promotion is
itself a finding)."""

from __future__ import annotations

import json

from projections.merit.audit import audit_promotion
from tests import factories as f

T = "T00:00:00+00:00"


def promoted() -> f.CareerBuilder:
    builder = f.CareerBuilder().confirmed()
    for year in range(2010, 2014):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")


def test_a_rating_corrected_after_the_promotion_is_evidence_recorded_after() -> None:
    builder = promoted()
    rating = 5  # the 2013 rating (appointment 1, confirmation 2, ratings 3-6)
    builder.add("correction", f.correction(rating, "2014-06-01", predicate="KURANG"), f"2014-06-01{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.promotions()[0])
    assert decision["verdict"] == "findings"
    late = {r["rule"]: r for r in findings}["evidence.recorded_after"]
    evidence = json.loads(late["evidence"])
    assert [(e["kind"], e["version"], e["recorded_at"][:10]) for e in evidence] == [
        ("performance_rating", rating, "2014-06-01")
    ]
    assert "promotion.performance" not in {r["rule"] for r in findings}  # judged as known when it was made


def test_a_correction_recorded_before_the_promotion_is_no_finding() -> None:
    builder = f.CareerBuilder().confirmed()
    for year in range(2010, 2014):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    builder.add("correction", f.correction(5, "2014-02-01", reference="SKP-2012-B"), f"2014-02-01{T}")
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    record = builder.record()
    _decision, findings = audit_promotion(record, record.promotions()[0])
    assert "evidence.recorded_after" not in {r["rule"] for r in findings}

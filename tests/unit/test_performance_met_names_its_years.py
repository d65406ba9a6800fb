"""A promotion.performance met names the years whose ratings it read, as one missing names those short.

Found by an exploratory tester (2026-12-05): a 201's SKP line read "Predikat kinerja SKP terpenuhi" ("SKP ratings met")
beside a 101's and a 202's "... needed for 2024, 2025": which years were read was not said."""

from __future__ import annotations

import json
from datetime import date

from projections.merit.audit import MeritProjection
from tests import factories as f

T = "T00:00:00+00:00"


def test_the_performance_met_names_the_years_read_in_order() -> None:
    builder = f.CareerBuilder(date(1980, 5, 24), date(2010, 3, 1), rank="III/a", education="S-1").confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"))
    builder.add(
        "post_appointment",
        {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
        | {"assignment": "DEFINITIVE", "effective_date": "2020-01-02", "reference": "SK-1"},
    )
    for year in range(2010, 2026):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    rows = MeritProjection().rows(builder.record())["eligibility"]
    found = {r["kind"]: {q["rule"]: q for q in json.loads(str(r["requirements"]))} for r in rows}
    (row,) = [r for r in rows if r["kind"] == "201"]
    assert found["201"]["promotion.performance"]["outcome"] == "met"
    year = int(str(row["judged_on"])[:4])
    assert found["201"]["promotion.performance"]["message"] == f"ratings met for {year - 2}, {year - 1}"

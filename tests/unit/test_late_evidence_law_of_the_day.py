"""An evidence.recorded_after finding, as the merit view stores it, names the law in force on the decision's day
(the rule's versions: tests/unit/test_passed_over_law_of_the_day.py): its one version cited UU 20/2023 and UU 5/2014
for every decision since 1974, so a 2000 promotion resting on a rating recorded after it was found against laws of
2014 and 2023."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from projections.merit.audit import audit_promotion
from tests import factories as f

LATE = "evidence.recorded_after"
T = "T00:00:00+00:00"


def late_finding(appointed: date, tmt: str) -> dict[str, Any]:
    """The evidence.recorded_after finding of a 101 promotion on `tmt` whose last year's rating was recorded after it,
    as the merit view stores it."""
    first = appointed.year
    builder = f.CareerBuilder(birth=date(first - 26, 5, 5), appointed=appointed)
    confirmed = {"latsar_certificate": "L-1", "effective_date": f"{first + 1}-03-01", "reference": "SK-PNS-1"}
    builder.add("confirmation", confirmed)
    year = int(tmt[:4])
    builder.add("performance_rating", f.rating(year - 2), f"{year - 1}-01-15{T}")
    builder.add("rank_promotion", f.promotion("III/b", tmt), f"{tmt[:8]}10{T}")
    builder.add("performance_rating", f.rating(year - 1), f"{year}-06-01{T}")  # recorded after the decision
    record = builder.record()
    _decision, findings = audit_promotion(record, record.promotions()[0])
    [late] = [row for row in findings if row["rule"] == LATE]
    return late


@pytest.mark.parametrize(
    ("appointed", "tmt", "law"),
    [(date(1996, 3, 1), "2000-04-01", "UU 43/1999"), (date(2012, 3, 1), "2016-04-01", "UU 5/2014")],
)
def test_a_late_evidence_finding_stored_for_a_decision_cites_the_law_of_its_day(
    appointed: date, tmt: str, law: str
) -> None:
    source = late_finding(appointed, tmt)["source"]
    assert law in source
    assert "UU 20/2023" not in source

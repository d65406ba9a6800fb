"""The scorecard's share of promotions without findings counts a regular (101) promotion that passed
over a clearly stronger colleague (merit.passed_over, found over the promotion rounds) as not clean;
the rows it names behind the share, and the list its link opens, say so too: on both stores, on the
demo whose injected passed-over cases are known."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.queries import AuditQueries
from projections.scorecard.indicators import Context, Scope
from projections.scorecard.merit import promotion_indicators
from tests.integration.test_merit_audit import TODAY, demo_store
from tests.integration.test_merit_passed_over_verdict import audited

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

__all__ = ["audited", "demo_store"]  # the 150-employee demo with its merit view caught up


def test_clean_promotions_and_the_rows_behind_them_count_the_colleagues_passed_over(audited: AuditQueries) -> None:
    passed = [d for d in audited.promotions() if d["passed_over_count"]]
    assert passed
    case = passed[0]
    scope, year = Scope(case["agency"]), int(case["tmt"][:4])
    ctx = Context(audited.store, scope, year, TODAY)
    clean = next(i for i in promotion_indicators(ctx) if i.id == "merit.clean_promotions")
    start, end = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    listed = audited.promotions(scope.filters(), start=start, end=end)  # the list the indicator's link opens
    stored = audited.store.query(
        "SELECT COUNT(*) AS n FROM decisions WHERE decision = 'promotion' AND finding_count = 0"
        " AND agency = ? AND tmt BETWEEN ? AND ?",
        (scope.agency, start, end),
    )[0]["n"]
    judged = sum(1 for d in listed if d["verdict"] == "compliant")
    compared = [d for d in listed if d["verdict"] != "not_compared"]  # (a 202 clean by its rules: in neither)
    assert (clean.numerator, clean.denominator) == (judged, len(compared))
    assert judged < stored  # the stored verdicts alone would count the passed-over promotions clean
    # the rows behind it: the decisions judged with the rounds, not the decisions view alone
    assert clean.rows["view"] == "decisions+promotion_rounds"
    # (the list of the clean ones: verdict compliant leaves out the judged ones that passed someone over)
    assert clean.link == f"/api/v1/audits/promotions?agency={scope.agency}&from={start}&to={end}&verdict=compliant"

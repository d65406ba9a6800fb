"""SIASN legal status 15, under disciplinary penalty (reference section 1, S), recorded with no penalty fact: the
reference bars a promotion while a penalty is served (section 6; a 202 only by a medium or severe one, section 2) but
status 15 names no level, so the audit judges the penalty facts (promotion.penalty, blocking_levels) and status 15
alone bars nothing by default (docs/rules.md, promotion.legal_status). A rules file listing UNDER_PENALTY in
promotion.legal_status's blocking_statuses makes status 15 bar every kind but the exempt ones, whatever the level."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from careerlog.reference import Rules, rules
from projections.merit.rules import MET, MISSING, PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"


def under_penalty_status_only() -> f.CareerBuilder:
    """A III/a PNS of 2010-03-01 rated Baik every year, status 15 from 2013-06-01 and no penalty recorded."""
    builder = f.CareerBuilder().confirmed()
    for year in range(2010, 2016):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder.add("status_change", f.status("15", "2013-06-01"))


def outcomes(builder: f.CareerBuilder, book: Rules) -> dict[str, str]:
    checks = PromotionJudge(builder.record(), book).checks(date(2014, 4, 1), "101", "III/b")
    return {c.rule: c.outcome for c in checks}


def test_status_15_without_a_penalty_recorded_bars_no_promotion_by_the_bundled_rules() -> None:
    found = outcomes(under_penalty_status_only(), rules())
    assert (found["promotion.penalty"], found["promotion.legal_status"]) == (MET, MET)


def test_status_15_bars_a_promotion_when_the_rules_list_it_among_the_blocking_statuses() -> None:
    book = rules()
    listed = Rules(
        [
            replace(r, params={**r.params, "blocking_statuses": [*r.params["blocking_statuses"], "UNDER_PENALTY"]})
            if r.id == "promotion.legal_status"
            else r
            for r in book.all
        ]
    )
    assert outcomes(under_penalty_status_only(), listed)["promotion.legal_status"] == MISSING

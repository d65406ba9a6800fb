"""A list does not compare a 202 promotion or a managerial post with its colleagues (its own page does, docs/audit.md):
one whose rule checks found nothing reads `not_compared` there, not `compliant`, and `verdict=compliant` leaves it out
(`verdict=not_compared` lists it). The lists read `compliant` where the page read `findings`: the demo's (500, seed 3)
posts 197702072004031001-11, 197305312005031001-12, 197403112008071001-12 and the 202 of 198003172004031001-10. On
both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.passed_over import passed_over_of
from projections.merit.queries import AuditQueries
from projections.scorecard.indicators import Context, Scope
from projections.scorecard.merit import promotion_indicators
from tests import factories as f
from tests.integration.test_passed_over_202_pool import guru
from tests.unit.test_merit_queries import T, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_a_202_clean_by_its_rules_is_listed_not_compared_not_compliant(database_url: str) -> None:
    promoted = guru(761, "BAIK", "AHLI_MUDA")
    promoted.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202"), f"2018-04-20{T}")
    fellow = guru(762, "SANGAT_BAIK", "AHLI_MUDA")  # clearly stronger, eligible for a 202: passed over on the page
    records = {b.nip: b.record() for b in (promoted, fellow)}
    store = view_store_at(database_url, list(records.values()))
    audit = AuditQueries(store)

    def listed(verdict: str | None = None) -> list[tuple[str, str | None]]:
        found = audit.promotions({"verdict": verdict} if verdict else None)
        return [(d["kind"], d["verdict"]) for d in found if d["subject"] == promoted.nip and d["kind"] == "202"]

    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '202'", (promoted.nip,))
    assert (decision["verdict"], decision["finding_count"]) == ("compliant", 0)  # its rule checks found nothing
    assert [p["colleague"] for p in passed_over_of(store, lambda s: {n: records[n] for n in s}, decision)] == [
        fellow.nip
    ]  # its page: findings
    assert listed() == [("202", "not_compared")]
    assert listed("compliant") == []
    assert listed("not_compared") == [("202", "not_compared")]
    assert listed("findings") == []  # the lists cannot tell: its page can
    page = audit.decisions_page({"verdict": "not_compared"}, decision="promotion", page=1, per_page=10)
    assert [(d["subject"], d["verdict"]) for d in page.rows] == [(promoted.nip, "not_compared")]
    assert audit.decisions_count({"verdict": "compliant"}, decision="promotion") == len(listed_all(audit, "compliant"))
    # the scorecard's share of clean promotions counts it in neither part: not known clean, nor not clean (for part of
    # 2026-12-06 it was in the denominator alone, every 202 read as not clean)
    ctx = Context(store, Scope(decision["agency"]), 2018, date(2026, 6, 1))
    clean = next(i for i in promotion_indicators(ctx) if i.id == "merit.clean_promotions")
    assert (clean.numerator, clean.denominator) == (0, 0)


def listed_all(audit: AuditQueries, verdict: str) -> list[dict[str, object]]:
    return audit.promotions({"verdict": verdict})

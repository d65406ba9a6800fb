"""A promotion whose TMT is not on a promotion round date (itself a `promotion.dates` finding) counts in the last round
before it: a regular (101) one is that round's promoted row, compared with the round's colleagues, in the lists and on
the decision's own page alike; another kind's leaves the employee out of that round's pool (merit view 34).

Until then a 101 of 2018-05-01 was in no round: the lists said it passed over no one (no round, no colleague to
compare) and so did its page (nobody is eligible for a 101 on a day promotion.dates does not permit), the fairness
pools never counted it promoted, and its employee stood in the round of 2018-04-01 as eligible and not promoted. A
clearly stronger colleague eligible in that round was not named. On both stores.
"""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.reference import rules
from projections.merit.passed_over import passed_over_of
from projections.merit.queries import PASSED_OVER, AuditQueries, PassedOverQueries
from projections.merit.rules import counted_round
from tests import factories as f
from tests.integration.test_passed_over_promoted_otherwise_same_day import clerk
from tests.unit.test_merit_queries import T, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

ROUND, TMT = "2018-04-01", "2018-05-01"
POOL = "SELECT subject, eligible, promoted, tmt FROM promotion_rounds WHERE round_date = ? ORDER BY subject"


def test_counted_round_is_the_last_round_on_or_before_the_tmt() -> None:
    book = rules()
    assert counted_round(book, date(2018, 4, 1), "101") == date(2018, 4, 1)
    assert counted_round(book, date(2018, 5, 1), "101") == date(2018, 4, 1)
    assert counted_round(book, date(2018, 3, 1), "203") == date(2017, 10, 1)
    assert counted_round(book, date(2024, 1, 15), "101") == date(2023, 10, 1)  # across the change of rules
    assert counted_round(book, date(2024, 3, 1), "101") == date(2024, 2, 1)
    assert counted_round(book, date(2018, 5, 1), "212") == date(2018, 5, 1)  # exempt from promotion.dates
    assert counted_round(book, date(1999, 5, 1), "101") == date(1999, 5, 1)  # no promotion.dates in force


def test_a_101_off_the_round_date_is_compared_in_the_round_before_it(database_url: str) -> None:
    weak = clerk(871, strong=False)
    weak.add("rank_promotion", f.promotion("III/b", TMT), f"2018-05-10{T}")
    strong = clerk(872, strong=True)  # eligible for a 101 on 2018-04-01, clearly stronger, not promoted
    strong.add("performance_rating", f.rating(2018, "SANGAT_BAIK"), f"2019-01-15{T}")  # (a record going on after it)
    records = {b.nip: b.record() for b in (weak, strong)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    # the round's pool: the off-round 101 is its promoted row, with its TMT
    rows = [tuple(r.values()) for r in store.query(POOL, (ROUND,))]
    assert rows == [(weak.nip, 1, 1, TMT), (strong.nip, 1, 0, None)]
    assert store.query("SELECT subject FROM promotion_rounds WHERE round_date > ? AND promoted = 1", (ROUND,)) == []

    pairs = PassedOverQueries(store).passed_over()  # the lists' comparison
    assert [(p["subject"], p["round_date"], p["tmt"], p["colleague"]) for p in pairs] == [
        (weak.nip, ROUND, TMT, strong.nip)
    ]
    audit = AuditQueries(store)
    listed = [d for d in audit.decisions({}) if d["subject"] == weak.nip and d["kind"] == "101"]
    assert [(d["tmt"], d["passed_over_count"], d["verdict"]) for d in listed] == [(TMT, 1, "findings")]
    assert [(d["subject"], d["tmt"]) for d in audit.decisions({}, rule=PASSED_OVER)] == [(weak.nip, TMT)]
    assert [(d["subject"], d["tmt"]) for d in audit.decisions({}, passed_over=True)] == [(weak.nip, TMT)]
    assert [d["passed_over_count"] for d in audit.each_decision() if d["kind"] == "101"] == [1]

    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (weak.nip,))[0]
    found = passed_over_of(store, loader, decision)  # the decision's page, as the lists
    assert [(p["tmt"], p["colleague"]) for p in found] == [(TMT, strong.nip)]
    assert found[0]["comparison"] == pairs[0]["comparison"]


def test_a_colleague_promoted_off_the_round_date_is_no_candidate_left_behind(database_url: str) -> None:
    weak = clerk(873, strong=False)
    weak.add("rank_promotion", f.promotion("III/b", ROUND), f"2018-04-10{T}")
    strong = clerk(874, strong=True)  # promoted by a 203 on a later day before the next round: counted in this one
    strong.add("rank_promotion", f.promotion("III/b", "2018-06-01", kind="203"), f"2018-06-10{T}")
    records = {b.nip: b.record() for b in (weak, strong)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    assert [tuple(r.values()) for r in store.query(POOL, (ROUND,))] == [(weak.nip, 1, 1, ROUND)]
    assert PassedOverQueries(store).passed_over() == []
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (weak.nip,))[0]
    assert passed_over_of(store, loader, decision) == []

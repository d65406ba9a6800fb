"""The pool of a functional-post (202) promotion: each colleague eligible then for the promotion kind open to them.

Since merit view 12 (e69add7, `promotion.regular_without_post`) no holder of a definitive functional post is
eligible for a 101, and the 202's pool was the colleagues eligible for a 101: a Guru's 202 was compared with the
pelaksana of the unit and rank only, never with a fellow Guru eligible for their own 202. A colleague is now in the
pool when eligible on the TMT for the kind open to them (101 holding no definitive managerial or functional post,
202 holding a functional one, 201 a managerial one), by every enforced rule of that kind. On both stores.
"""

from __future__ import annotations

import pytest

from projections.merit.passed_over import DecisionPassedOverQueries, passed_over_of
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def guru(sequence: int, predicate: str, level: str | None) -> f.CareerBuilder:
    """A III/b S-1 of KOTA-MEDAN BKPSDM since 2014-04-01 (`clerk`), rated `predicate` for 2016-2017, holding from
    2015 a definitive functional post at `level` (None: a pelaksana, as `clerk`); a strong one trained 40 JP more."""
    builder = clerk(sequence, predicate)
    if level is not None:
        builder.add("post_appointment", post("FUNGSIONAL", "2015-01-02", level), f"2015-01-10{T}")
    if predicate == "SANGAT_BAIK":
        builder.add("training", f.training("2016-10-07", 40, "2016-10-03"))
    return builder


def test_a_202_is_compared_with_fellow_holders_eligible_for_their_202_and_with_pelaksana_eligible_for_a_101(
    database_url: str,
) -> None:
    promoted = guru(761, "BAIK", "AHLI_MUDA")
    promoted.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202"), f"2018-04-20{T}")
    fellow = guru(762, "SANGAT_BAIK", "AHLI_MUDA")  # eligible for a 202 to III/c: clearly stronger, passed over
    # clearly stronger too, but Ahli Pertama tops at III/b: no 202 to III/c (promotion.functional_range), and as a
    # holder no 101 either (promotion.regular_without_post): not in the pool
    topped = guru(763, "SANGAT_BAIK", "AHLI_PERTAMA")
    pelaksana = guru(764, "SANGAT_BAIK", None)  # eligible for a 101: in the pool as before
    records = {b.nip: b.record() for b in (promoted, fellow, topped, pelaksana)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = DecisionPassedOverQueries(store, loader).passed_over()

    assert [(r["subject"], r["kind"], r["tmt"]) for r in found] == [(promoted.nip, "202", "2018-04-01")] * 2
    assert sorted(r["colleague"] for r in found) == sorted([fellow.nip, pelaksana.nip])
    by_colleague = {r["colleague"]: r["comparison"] for r in found}
    assert by_colleague[fellow.nip]["performance"] == {"promoted": 4.0, "colleague": 5.0}
    assert by_colleague[fellow.nip]["training_jp"] == {"promoted": 80.0, "colleague": 120.0}
    # the decision's own page (`passed_over_of`: its colleagues alone) pools them alike
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '202'", (promoted.nip,))[0]
    alone = passed_over_of(store, loader, decision)
    assert sorted(r["colleague"] for r in alone) == sorted([fellow.nip, pelaksana.nip])

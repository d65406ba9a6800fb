"""The pool of a functional-post (202) promotion: the colleagues who could have had that 202, each holding a
definitive functional post (jabatan fungsional) and eligible on the TMT for their own 202 by every enforced 202 rule.

A 202 rests on the holder's own functional post and credit points (asn-career-rules.md, "Promotion kinds"): a
colleague on another track, a structural (managerial) post holder eligible for a 201, a pelaksana eligible for a 101
or a colleague eligible for a 203 by a new degree, could not have had it and is not passed over by it. Until
2026-12-07 the pool was each colleague eligible for any kind open to them (101, 201, 202, 203), and the 2,000 demo
(seed 1) listed four 202s as passing over an Administrator promoted by a 201 one round later (e.g.
198104302009121001-43 over 198103052010032001), each a medium finding against the decision. On both stores.
"""

from __future__ import annotations

import pytest

from projections.merit.passed_over import DecisionPassedOverQueries, passed_over_of
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def guru(
    sequence: int, predicate: str, level: str | None, kind: str = "FUNGSIONAL", title: str | None = None
) -> f.CareerBuilder:
    """A III/b S-1 of KOTA-MEDAN BKPSDM since 2014-04-01 (`clerk`), rated `predicate` for 2016-2017, holding from
    2015 a definitive post of `kind` at `level` (None: a pelaksana, as `clerk`), titled `title` if given; a strong
    one trained 40 JP more."""
    builder = clerk(sequence, predicate)
    if level is not None:
        titled = {} if title is None else {"title": title}
        builder.add("post_appointment", post(kind, "2015-01-02", level, **titled), f"2015-01-10{T}")
    if predicate == "SANGAT_BAIK":
        builder.add("training", f.training("2016-10-07", 40, "2016-10-03"))
    return builder


def test_a_202_is_compared_with_fellow_functional_holders_eligible_for_their_own_202_alone(database_url: str) -> None:
    promoted = guru(761, "BAIK", "AHLI_MUDA")
    promoted.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202"), f"2018-04-20{T}")
    fellow = guru(762, "SANGAT_BAIK", "AHLI_MUDA")  # eligible for a 202 to III/c: clearly stronger, passed over
    # clearly stronger too, but Ahli Pertama tops at III/b: no 202 to III/c (promotion.functional_range), and as a
    # holder no 101 either (promotion.regular_without_post): not in the pool
    topped = guru(763, "SANGAT_BAIK", "AHLI_PERTAMA")
    pelaksana = guru(764, "SANGAT_BAIK", None)  # eligible for a 101, not for a 202: another track, not passed over
    administrator = guru(765, "SANGAT_BAIK", "III.a", kind="ADMINISTRATOR")  # eligible for a 201: another track
    records = {b.nip: b.record() for b in (promoted, fellow, topped, pelaksana, administrator)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = DecisionPassedOverQueries(store, loader).passed_over()

    assert [(r["subject"], r["kind"], r["tmt"], r["colleague"]) for r in found] == [
        (promoted.nip, "202", "2018-04-01", fellow.nip)
    ]
    comparison = found[0]["comparison"]
    assert comparison["performance"] == {"promoted": 4.0, "colleague": 5.0}
    assert comparison["training_jp"] == {"promoted": 80.0, "colleague": 120.0}
    # the decision's own page (`passed_over_of`: its colleagues alone) pools them alike
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '202'", (promoted.nip,))[0]
    assert [r["colleague"] for r in passed_over_of(store, loader, decision)] == [fellow.nip]


def test_a_202_is_compared_with_holders_of_the_same_functional_post_alone(database_url: str) -> None:
    """A Perawat's 202 does not pass over a clearly stronger Dokter eligible for their own 202 (another functional
    post: the title less its level words, docs/rules.md merit.passed_over); a fellow Perawat of another level's
    title still is. Until 2026-12-07 any functional post holder was in the pool."""
    promoted = guru(771, "BAIK", "AHLI_MUDA", title="Perawat Ahli Muda")
    promoted.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind="202"), f"2018-04-20{T}")
    dokter = guru(772, "SANGAT_BAIK", "AHLI_MUDA", title="Dokter Ahli Muda")
    perawat = guru(773, "SANGAT_BAIK", "AHLI_MUDA", title="perawat  ahli muda")
    records = {b.nip: b.record() for b in (promoted, dokter, perawat)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = DecisionPassedOverQueries(store, loader).passed_over()

    assert [(r["subject"], r["colleague"]) for r in found] == [(promoted.nip, perawat.nip)]
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '202'", (promoted.nip,))[0]
    assert [r["colleague"] for r in passed_over_of(store, loader, decision)] == [perawat.nip]

"""A decision not judged (dated before any rule of its own kind: verdict null, `judged` false) is compared with no
colleague, in the lists and on its own page alike (docs/audit.md). A managerial post of 1998, before every post rule
(the first in force from 2002), was listed not judged while its page compared it with a clearly stronger colleague
(merit.passed_over in force since 1974) and read `judged` true, `verdict` findings: the demo's (500, seed 3)
196101201994031001-12, and `careerlog audit passed-over` listed the pair. On both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.passed_over import DecisionPassedOverQueries, colleagues_of
from tests import factories as f
from tests.unit.test_merit_queries import T, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def old_clerk(sequence: int, predicate: str) -> f.CareerBuilder:
    """A III/b pelaksana of KOTA-MEDAN BKPSDM since 1994-04-01, appointed in 1985, rated `predicate` for 1996-1997
    (Baik before); a strong one trained 40 JP in 1997."""
    birth, appointed = date(1962, 9, 26), date(1985, 3, 1)
    builder = f.CareerBuilder(birth=birth, appointed=appointed)
    builder.nip = f.nip(birth, appointed, sequence=sequence)
    confirmed = {"latsar_certificate": "L", "effective_date": "1986-03-01", "reference": "SK-PNS"}
    facts = [
        ("post_appointment", post("PELAKSANA", "1985-03-01"), None),
        ("confirmation", confirmed, None),
        ("rank_promotion", f.promotion("III/b", "1994-04-01"), f"1994-04-10{T}"),
        *(
            ("performance_rating", f.rating(y, predicate if y >= 1996 else "BAIK"), f"{y + 1}-01-15{T}")
            for y in range(1990, 1998)
        ),
    ]
    for kind, payload, recorded in facts:
        builder.add(kind, payload, recorded)
    if predicate == "SANGAT_BAIK":
        builder.add("training", f.training("1997-10-07", 40, "1997-10-03"))
    return builder


def test_a_post_not_judged_is_compared_with_no_colleague(database_url: str) -> None:
    appointed = old_clerk(771, "BAIK")
    appointed.add("post_appointment", post("PENGAWAS", "1998-01-02", "IV.a"), f"1998-02-10{T}")
    stronger = old_clerk(772, "SANGAT_BAIK")
    records = {b.nip: b.record() for b in (appointed, stronger)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731
    [decision] = store.query(
        "SELECT * FROM decisions WHERE subject = ? AND decision = 'post' AND kind = 'PENGAWAS'", (appointed.nip,)
    )
    assert decision["verdict"] is None  # no post rule in force in 1998

    assert colleagues_of(store, loader, decision) == ([], [])  # its own page: compared with no one
    assert DecisionPassedOverQueries(store, loader).passed_over() == []  # `audit passed-over`: no pair

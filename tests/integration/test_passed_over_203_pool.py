"""A colleague eligible only for a promotion by degree (203, penyesuaian ijazah) is not in the pool of a
functional-post (202) promotion: a 203 rests on their own new degree, a 202 on the holder's functional post and
credit points, so they could not have had that 202 (docs/rules.md merit.passed_over). From 2026-12-06 until
2026-12-07 the pool was each colleague eligible for a kind open to them, the 203 among them, and such a colleague,
clearly stronger, was passed over by the 202. On both stores.
"""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.passed_over import DecisionPassedOverQueries, passed_over_of
from tests import factories as f
from tests.unit.test_merit_queries import T, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

APPOINTED = date(2015, 3, 1)  # III/a since: three years in rank on the TMT, short of a 101's four


def colleague(sequence: int, level: str | None, *, upkp: bool = True) -> f.CareerBuilder:
    """A III/a S-1 of KOTA-MEDAN BKPSDM appointed in 2015, confirmed in 2016; with a definitive functional post at
    `level` from 2016 (None: a pelaksana) rated Baik, or else rated Sangat Baik for 2016-2017 with 40 JP of
    training, an S-2 of 2017 (starting rank III/b) and, if `upkp`, the adjustment exam."""
    builder = f.CareerBuilder(birth=date(1990, 5, 5), appointed=APPOINTED)
    builder.nip = f.nip(date(1990, 5, 5), APPOINTED, sequence=sequence)
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2016-03-01", "reference": "SK-PNS"})
    if level is not None:
        builder.add("post_appointment", post("FUNGSIONAL", "2016-04-01", level), f"2016-04-10{T}")
    strong = level is None
    for year in range(2015, 2018):
        predicate = "SANGAT_BAIK" if strong and year >= 2016 else "BAIK"
        builder.add("performance_rating", f.rating(year, predicate), f"{year + 1}-01-15{T}")
    if strong:
        builder.add("training", f.training("2016-10-07", 40, "2016-10-03"))
        degree = {"level": "S-2", "field_of_study": "Administrasi Publik", "institution": "USU"}
        builder.add("education", {**degree, "effective_date": "2017-08-01", "reference": "IJ-S2"}, f"2017-08-10{T}")
        if upkp:
            builder.add(
                "exam", {"exam": "UPKP", "effective_date": "2017-11-01", "reference": "UPKP-1"}, f"2017-11-10{T}"
            )
    return builder


def test_a_colleague_eligible_for_a_203_by_a_new_degree_is_not_in_a_202_s_pool(database_url: str) -> None:
    promoted = colleague(781, "AHLI_PERTAMA")
    promoted.add("rank_promotion", f.promotion("III/b", "2018-04-01", kind="202"), f"2018-04-20{T}")
    by_degree = colleague(782, None)  # no 101 (three years in rank): a 203 to III/b, clearly stronger, not a 202
    no_exam = colleague(783, None, upkp=False)  # as strong, but without the UPKP no 203 either
    records = {b.nip: b.record() for b in (promoted, by_degree, no_exam)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = DecisionPassedOverQueries(store, loader).passed_over()

    assert found == []
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '202'", (promoted.nip,))[0]
    assert passed_over_of(store, loader, decision) == []

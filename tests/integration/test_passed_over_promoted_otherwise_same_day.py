"""A colleague promoted on the round date by another kind (a 203 by a new degree) was not passed over by a regular
(101) promotion of that day, and is not in that round's fairness pool as eligible and not promoted.

The regular rounds (`promotion_rounds`) read only 101 promotions as the round's outcome: a III/a clerk eligible for a
101 on 2018-04-01 and promoted that day by a 203 to the same III/b was a row `eligible = 1, promoted = 0`. The lists'
comparison (`PassedOverQueries`, the promotions' verdicts and `passed_over` filter) then named them passed over by
a weaker colleague's 101 of the day, while the decision's own page (`passed_over_of`, colleagues "not promoted (any
kind)") named no one; the fairness statistics counted them as not selected. The same when the 203 was recorded
after the 101 (the earlier states of `earlier_rounds`). On both stores.
"""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.passed_over import passed_over_of
from projections.merit.queries import PassedOverQueries
from tests import factories as f
from tests.unit.test_merit_queries import T, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TMT = "2018-04-01"


def clerk(sequence: int, strong: bool) -> f.CareerBuilder:
    """A III/a S-1 pelaksana of KOTA-MEDAN BKPSDM since 2010, with UD I, eligible for a 101 to III/b on 2018-04-01;
    if `strong`, rated Sangat Baik for 2016-2017 with an S-2 of 2016 and the adjustment exam (UPKP) of 2017, so
    also open to a 203 to III/b (the S-2's starting rank), clearly stronger than a clerk rated Baik."""
    builder = f.CareerBuilder(birth=date(1986, 9, 26), appointed=date(2010, 3, 1))
    builder.nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), sequence=sequence)
    builder.add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    builder.add("exam", {"exam": "UD_I", "effective_date": "2010-06-01", "reference": "UD-I"}, f"2010-06-10{T}")
    for year in range(2010, 2018):
        predicate = "SANGAT_BAIK" if strong and year >= 2016 else "BAIK"
        builder.add("performance_rating", f.rating(year, predicate), f"{year + 1}-01-15{T}")
    if strong:
        degree = {"level": "S-2", "field_of_study": "Administrasi Publik", "institution": "USU"}
        builder.add("education", {**degree, "effective_date": "2016-08-01", "reference": "IJ-S2"}, f"2016-08-10{T}")
        builder.add("exam", {"exam": "UPKP", "effective_date": "2017-11-01", "reference": "UPKP"}, f"2017-11-10{T}")
    return builder


@pytest.mark.parametrize("recorded", ["2018-04-10", "2018-05-20"], ids=["203 recorded first", "203 recorded after"])
def test_a_colleague_promoted_by_degree_on_the_round_date_is_not_passed_over_by_its_101(
    database_url: str, recorded: str
) -> None:
    regular = clerk(861, strong=False)
    regular.add("rank_promotion", f.promotion("III/b", TMT), f"2018-04-20{T}")
    by_degree = clerk(862, strong=True)
    by_degree.add("rank_promotion", f.promotion("III/b", TMT, kind="203"), f"{recorded}{T}")
    records = {b.nip: b.record() for b in (regular, by_degree)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    assert PassedOverQueries(store).passed_over() == []  # the lists' comparison
    decision = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (regular.nip,))[0]
    assert passed_over_of(store, loader, decision) == []  # the decision's page, as before
    # the round's pool: the 101 promoted alone (the 203 of the day is no regular candidate left behind)
    pool = "SELECT subject, eligible, promoted FROM {} WHERE round_date = ?"
    assert [tuple(r.values()) for r in store.query(pool.format("promotion_rounds"), (TMT,))] == [(regular.nip, 1, 1)]
    assert store.query(pool.format("earlier_rounds"), (TMT,)) == []

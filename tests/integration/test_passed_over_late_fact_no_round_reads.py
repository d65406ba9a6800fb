"""A fact recorded after a regular (101) promotion that the round reads nothing of (a training of the round's own
year, a rating or training of a year before those the round reads) does not hide a colleague it passed over: the
lists (`PassedOverQueries`, the promotions' verdicts through `passed_over_counts`) find them as the decision's own
page does. One the round does read (a training of the year before) is judged as known then, on the list and on the
page alike. On both stores.

The colleague's `promotion_rounds` row was marked known only from the later fact's recording (`KnownFrom` took any
training effective by the round, any rating of a year before it, as bearing on it), while `earlier_rounds` made no
earlier state for it (a rating or training bears only on the rounds of the years that read it): as known at the
decision the colleague was in no row, and the list read the decision `compliant` beside a page reading `findings`.
On the `make run` demo (2,000, seed 1) the injected case of 199001292015031001's 101 of 2023-04-01 over
199003242015032001, whose 3 JP training effective 2023-03-28 was recorded on 2023-04-14, ten days after the decision.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from projections.merit.passed_over import passed_over_of
from projections.merit.queries import PassedOverQueries, passed_over_counts
from tests import factories as f
from tests.unit.test_merit_queries import T, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TMT = "2018-04-01"
DECIDED = f"2018-04-20{T}"
LATER = f"2018-05-14{T}"  # after the decision


def clerk(sequence: int, strong: bool, late: str | None = None) -> f.CareerBuilder:
    """A III/a S-1 pelaksana of KOTA-MEDAN BKPSDM since 2010, eligible for a 101 to III/b on 2018-04-01; if `strong`,
    rated Sangat Baik for 2016-2017 and trained 40 JP in 2017, clearly stronger than a clerk rated Baik and untrained.
    `late`: the fact of `LATE` recorded after the decision, last (the 2015 rating or the 2017 training moved there)."""
    builder = f.CareerBuilder(birth=date(1986, 9, 26), appointed=date(2010, 3, 1))
    builder.nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), sequence=sequence)
    builder.add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    for year in range(2010, 2018):
        if not (year == 2015 and late == "rating of a year before"):
            predicate = "SANGAT_BAIK" if strong and year >= 2016 else "BAIK"
            builder.add("performance_rating", f.rating(year, predicate), f"{year + 1}-01-15{T}")
    if strong and late != "training the round reads":
        builder.add("training", f.training("2017-10-06", 40, "2017-10-02"))
    if late is not None:
        kind, payload = LATE[late]
        builder.add(kind, payload, LATER)
    return builder


LATE: dict[str, tuple[str, dict[str, Any]]] = {  # a fact recorded after the decision
    # the round reads none of them: the ratings and trainings of 2016 and 2017
    "training of the round's year": ("training", f.training("2018-03-28", 3, "2018-03-27")),
    "training of a year before": ("training", f.training("2015-06-10", 3, "2015-06-09")),
    "rating of a year before": ("performance_rating", f.rating(2015)),
    # the round reads it: as known at the decision the colleague had no JP in 2017
    "training the round reads": ("training", f.training("2017-10-06", 40, "2017-10-02")),
}
READ_BY_NO_ROUND = ["training of the round's year", "training of a year before", "rating of a year before"]


@pytest.mark.parametrize("late", READ_BY_NO_ROUND)
def test_a_fact_recorded_after_the_101_that_its_round_reads_nothing_of_leaves_the_colleague_passed_over(
    database_url: str, late: str
) -> None:
    stronger = clerk(872, strong=True, late=late)
    regular = clerk(871, strong=False).add("rank_promotion", f.promotion("III/b", TMT), DECIDED)
    records = {b.nip: b.record() for b in (regular, stronger)}
    store = view_store_at(database_url, list(records.values()))

    pairs = PassedOverQueries(store).passed_over()  # `careerlog audit passed-over`'s 101 pairs
    assert [(p["subject"], p["round_date"], p["colleague"]) for p in pairs] == [(regular.nip, TMT, stronger.nip)]
    assert pairs[0]["comparison"]["training_jp"] == {"promoted": 0.0, "colleague": 40.0}
    assert passed_over_counts(store) == {(regular.nip, TMT): 1}  # the promotions' lists: verdict findings
    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (regular.nip,))
    page = passed_over_of(store, lambda subjects: {s: records[s] for s in subjects}, decision)
    assert [p["colleague"] for p in page] == [stronger.nip]  # the decision's page, as before


def test_a_training_the_round_reads_recorded_after_the_101_is_judged_as_known_then_on_the_list_and_the_page(
    database_url: str,
) -> None:
    # as known at the decision the colleague had no JP in 2017: stronger on performance alone, not clearly stronger
    stronger = clerk(873, strong=True, late="training the round reads")
    regular = clerk(874, strong=False).add("rank_promotion", f.promotion("III/b", TMT), DECIDED)
    records = {b.nip: b.record() for b in (regular, stronger)}
    store = view_store_at(database_url, list(records.values()))

    assert PassedOverQueries(store).passed_over() == []
    assert passed_over_counts(store) == {}
    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = '101'", (regular.nip,))
    assert passed_over_of(store, lambda subjects: {s: records[s] for s in subjects}, decision) == []

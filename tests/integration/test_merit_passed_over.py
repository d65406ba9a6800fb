"""merit.passed_over for post appointments (and 202 promotions) compared a unit at a time: each
decision judges its colleagues on their records as known before that decision, however many
decisions of the unit are compared together, on both stores."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from projections.career import Entry
from projections.merit.passed_over import DecisionPassedOverQueries, KnownRecord, bears_from
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def late_rated(sequence: int) -> f.CareerBuilder:
    """A III/b pelaksana of KOTA-MEDAN BKPSDM (`clerk`) with 40 JP in 2016, rated Baik for 2016 and
    Sangat Baik for 2017 by a rating recorded on 15 February 2018."""
    return clerk(sequence, late_2017="SANGAT_BAIK").add("training", f.training("2016-10-07", 40, "2016-10-03"))


def test_each_decision_of_a_unit_judges_its_colleagues_as_known_before_that_decision(database_url: str) -> None:
    first = clerk(741).add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    second = clerk(742).add("post_appointment", post("PENGAWAS", "2018-03-01", "IV.a"), f"2018-03-20{T}")
    trained_late = clerk(743, "SANGAT_BAIK", pkp=False).add("training", f.training("2016-10-07", 40, "2016-10-03"))
    pkp = f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP")
    trained_late.add("training", pkp, f"2018-02-01{T}")  # recorded between the two decisions
    rated_late = late_rated(744)  # the 2017 rating recorded between the two decisions
    records = {b.nip: b.record() for b in (first, second, trained_late, rated_late)}
    store = view_store_at(database_url, list(records.values()))
    queries = DecisionPassedOverQueries(store, lambda subjects: {s: records[s] for s in subjects})

    found = queries.passed_over()

    assert [(r["subject"], r["tmt"], r["colleague"]) for r in found] == [
        (second.nip, "2018-03-01", c) for c in sorted([trained_late.nip, rated_late.nip])
    ]
    by_colleague = {r["colleague"]: r["comparison"] for r in found}
    assert by_colleague[rated_late.nip]["performance"] == {"appointed": 4.0, "colleague": 4.5}
    assert by_colleague[trained_late.nip]["training_jp"] == {"appointed": 80.0, "colleague": 120.0}
    # the same answers decision by decision (`audit promotion NIP VERSION`)
    one_by_one = [r for nip in (first.nip, second.nip) for r in queries.passed_over(nip=nip)]
    assert sorted(one_by_one, key=lambda r: r["colleague"]) == sorted(found, key=lambda r: r["colleague"])


def test_a_rating_bears_on_the_days_of_the_years_after_the_rated_one_and_an_amendment_on_every_day() -> None:
    record = late_rated(745).record()
    rating = [e for e in record.entries if e.kind == "performance_rating" and e.values["year"] == 2017][-1]
    assert bears_from(rating) == date(2017, 12, 31)  # its effective date, before 1 January 2018
    later = Entry(99, "performance_rating", date(2019, 3, 1), rating.recorded_at, "R", {"year": 2018}, "t", False)
    assert bears_from(later) == date(2019, 1, 1)
    correction = Entry(100, "correction", date(2019, 3, 1), rating.recorded_at, "C", {"target_version": 1}, "t", False)
    assert bears_from(correction) == date.min
    # before the late 2017 rating was recorded, the days of 2018 read the record without it
    known = KnownRecord(record)
    early = known.read(datetime.fromisoformat(f"2018-01-20{T}"), date(2018, 1, 2), date(2018, 1, 2))
    assert early.record is not record
    assert early.performance == 4.0
    # once it was, the final record stands
    after = known.read(datetime.fromisoformat(f"2018-03-20{T}"), date(2018, 3, 1), date(2018, 3, 1))
    assert after.record is record
    assert after.performance == 4.5

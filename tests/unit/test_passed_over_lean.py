"""What the 202/post passed-over comparison reads of its colleagues more cheaply than the records'
general accessors (projections/merit/passed_over.py, known_ratings.py) must be what those give:
the training JP of a measure read back from the trainings of the years it sums, and the ratings
read from stored rows in the order they come (of version), their scores and settled performance."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from careerlog.domain.events import BY_KIND
from careerlog.reference import reference
from projections.career import predicate_score
from projections.merit.known_ratings import KnownRatings, plain_ratings
from projections.merit.passed_over import training_jp
from tests import factories as f

T = "T00:00:00+00:00"
RATED = get_topic(BY_KIND["performance_rating"])


def trained() -> Any:
    """A record with trainings in most years from 2010, some recorded years late, one retracted and
    one corrected to another year and hours."""
    builder = f.CareerBuilder(birth=date(1986, 9, 26), appointed=date(2010, 3, 1))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    rng = random.Random(7)
    for year in range(2010, 2024):
        for month in sorted(rng.sample(range(1, 13), rng.randint(0, 3))):
            end = f"{year}-{month:02d}-28"
            late = rng.random() < 0.3
            recorded = f"{year + rng.randint(1, 3)}-02-01{T}" if late else None
            builder.add("training", f.training(end, rng.choice((8, 20, 32, 40)), f"{year}-{month:02d}-01"), recorded)
    builder.add("retraction", f.retraction(5, "2024-03-01"), f"2024-03-01{T}")
    builder.add("correction", f.correction(8, "2024-04-01", effective_date="2019-06-30", hours=12), f"2024-04-01{T}")
    return builder.record()


def test_the_jp_read_back_from_the_trainings_is_the_records_jp_of_those_years() -> None:
    record = trained()
    assert len(record.of_kind("training")) > 10
    times = sorted({e.recorded_at for e in record.entries})
    compared = 0
    for moment in [*times, times[-1] + timedelta(seconds=1)]:
        known = record.known_before(moment)
        for year in range(2009, 2027):
            for years in range(4):
                expected = sum(known.jp_by_year.get(year - n, 0) for n in range(1, years + 1))
                assert training_jp(known, year, years) == expected, (moment, year, years)
                compared += expected > 0
    assert compared


def row(version: int, year: int, predicate: Any = "BAIK", effective: str | None = None, **extra: Any) -> Any:
    """A stored rating row (subject, version, topic, state) as the ledger holds it."""
    state = {
        "timestamp": f"{year + 1}-01-{version % 28 + 1:02d}{T}",
        "effective_date": effective or f"{year}-12-31",
        "reference": f"SKP.{year}",
        "recorded_by": "test",
        "migrated": False,
        "client_key": None,
        "year": year,
        "predicate": predicate,
        **extra,
    }
    return ("199001012015011001", version, RATED, orjson.dumps(state))


def test_ratings_read_in_order_of_version_are_in_the_records_order_unless_an_effective_date_goes_back() -> None:
    rows = [row(2, 2015), row(3, 2016, "SANGAT_BAIK"), row(4, 2016, "BUTUH_PERBAIKAN"), row(5, 2017)]
    found = plain_ratings(rows, RATED, reference())
    assert found is not None
    assert found[1]  # in order: no sort needed
    back = [*rows, row(6, 2014, "KURANG"), row(7, 2016, "BAIK", effective="2016-06-30")]
    found = plain_ratings(back, RATED, reference())
    assert found is not None
    assert not found[1]  # taken back to the record's order
    ratings, _ = found
    assert KnownRatings(ratings, False).by_year == KnownRatings(sorted(ratings), True).by_year
    known = KnownRatings(ratings, False)
    assert [score for _, score in known.by_year[2016]] == [
        predicate_score(reference(), p)
        for p in ("BAIK", "SANGAT_BAIK", "BUTUH_PERBAIKAN")  # by effective date
    ]
    assert known.score(2016, None) == predicate_score(reference(), "BUTUH_PERBAIKAN")


def test_a_rating_the_reference_cannot_score_or_not_plain_is_left_to_the_record() -> None:
    assert plain_ratings([row(2, 2015, "baik")], RATED, reference()) is not None  # an alias reads as its code
    assert plain_ratings([row(2, 2015, "baik")], RATED, reference())[0][0][3] == predicate_score(  # type: ignore[index]
        reference(), "BAIK"
    )
    for odd in (
        row(2, 2015, "LUAR_BIASA"),  # no such predicate
        row(2, 2015, 4),  # not a text
        row(2, 2015, class_version=3),  # a later class version than the rating's (2): upcast by the mapper
        (row(2, 2015)[0], 2, get_topic(BY_KIND["training"]), row(2, 2015)[3]),  # not a rating
    ):
        assert plain_ratings([row(1, 2014), odd], RATED, reference()) is None


def test_the_settled_performance_is_every_rating_known_and_when_the_last_of_those_years_was_recorded() -> None:
    rng = random.Random(11)
    for _ in range(200):
        ratings = []
        for version in range(1, rng.randint(1, 12)):
            year = rng.randint(2010, 2016)
            recorded = datetime(year + 1, 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 900))
            ratings.append((date(year, 12, 31), version, year, rng.choice((1, 2, 3, 4, 5)), recorded))
        known = KnownRatings(ratings)
        for year in range(2011, 2019):
            day = date(year, 4, 1)
            for years in (1, 2, 3):
                times = [t for n in range(1, years + 1) for t, _ in known.by_year.get(year - n, ())]
                assert known.settled(day, day, years) == (max(times, default=None), known.mean(year, years, None))

"""What the 202/post passed-over comparison reads of the ledger's rows directly (known_entries,
known_ratings) is what careerlog's decoding and the records give, on both stores: every entry of
every record of a demo, and the performance of every record as known before each of its
recorded times on days of every year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord, Entry
from projections.merit.known_entries import entries_of
from projections.merit.known_ratings import KnownRatings, read_ratings
from projections.merit.passed_over import KnownRecord, LedgerRecords, Reading, performance_on, performance_years
from projections.stored_entries import stored_entry

pytestmark = pytest.mark.made_store  # the encrypted store's test: an empty PostgreSQL store made once and lent

DAYS = [date(year, month, 1) for year in range(2000, 2028) for month in (1, 4, 10)]


@pytest.fixture(scope="module")
def demo(shared_database_url: str) -> Any:
    """The demo recorded once per store and module, and its subjects: the tests only read it. 40 employees (65
    records: a correction, two retractions, three records amended), where 60 (88 records: a correction, a retraction,
    two amended) took the tests half as long again over records of the same kinds."""
    app = CareerLog.from_settings(Settings(database_url=shared_database_url))
    load_demo(app, employees=40, seed=7, today=date(2026, 11, 23))
    table = app.recorder.events_table_name
    with SqlStore(app.recorder.datastore).statements() as sql:
        subjects = [r["originator_id"] for r in sql.query(f"SELECT DISTINCT originator_id FROM {table}")]
    yield app, sorted(subjects)
    app.close()


def test_entries_read_from_the_rows_are_those_of_the_decoded_events(demo: Any) -> None:
    app, subjects = demo
    events = app.events_of(subjects)
    entries = entries_of(app, subjects)
    assert set(entries) == set(events)
    for subject in subjects:  # repr: the same values of the same types
        assert repr(entries[subject]) == repr([Entry.of(e) for e in events[subject]])
    records = LedgerRecords(app)(subjects)
    assert all(repr(records[s].entries) == repr(CareerRecord.from_events(s, events[s]).entries) for s in subjects)


def test_a_row_that_does_not_read_plainly_is_left_to_careerlog() -> None:
    topic, state = "careerlog.domain.events:PerformanceRated", b'{"year": 2020}'
    assert stored_entry(3, topic, state) is None  # the event would read the class's defaults or fail


def test_the_performance_read_from_the_ratings_is_the_records_as_known_before_any_moment(demo: Any) -> None:
    app, subjects = demo
    lean, amended = read_ratings(app, subjects)
    assert lean
    assert amended  # both paths: some records with a correction or retraction among them
    rated = LedgerRecords(app).ratings(subjects)
    assert all(isinstance(rated[s], KnownRatings if s in lean else KnownRecord) for s in subjects)
    records = LedgerRecords(app)(subjects)
    for subject in subjects:
        record = records[subject]
        times = sorted({e.recorded_at for e in record.entries})
        for moment in [*times, times[-1] + timedelta(seconds=1)]:  # the last: every entry known
            known = record.known_before(moment)
            for day in DAYS:  # (the comparison reads the rated years of the rules, on a horizon from the day)
                found = rated[subject].performance(moment, day, day, performance_years(day))
                assert found == performance_on(known, day), (subject, moment, day)


def test_a_settled_performance_is_the_records_as_known_at_every_moment_after_its_last_rating(demo: Any) -> None:
    """`settled` (what `Ranking` orders colleagues by): after `last` the performance as known is the
    value, whatever else is recorded later; before it, it may differ (some do on the demo)."""
    app, subjects = demo
    rated = LedgerRecords(app).ratings(subjects)
    records = LedgerRecords(app)(subjects)
    whole = {s: KnownRecord(records[s]) for s in subjects}
    differs = 0
    for subject in subjects:
        record = records[subject]
        times = sorted({e.recorded_at for e in record.entries})
        settled = {
            day: [k.settled(day, day, performance_years(day)) for k in (rated[subject], whole[subject])] for day in DAYS
        }
        for moment in [*times, times[-1] + timedelta(seconds=1)]:  # the last: every entry known
            known = record.known_before(moment)
            for day in DAYS:
                found = performance_on(known, day)
                for last, value in settled[day]:
                    if last is None or moment > last:
                        assert found == value, (subject, day, moment)
                    differs += moment == last and found != value
    assert differs


def test_the_measured_records_read_places_and_measures_as_the_whole_records_known_before_any_moment(
    demo: Any,
) -> None:
    """`LedgerRecords.measured` (records of `MEASURED_KINDS` only) reads, as known before any moment
    on days of every year, the place and every measure but the performance (read from the ratings)
    that the whole record does, with a fraction of its entries."""
    app, subjects = demo
    records = LedgerRecords(app)(subjects)
    measured = LedgerRecords(app).measured(subjects)
    assert set(measured) == set(records)
    assert sum(len(r.entries) for r in measured.values()) < sum(len(r.entries) for r in records.values()) / 2
    placed = 0
    for subject in subjects:
        record, partial = records[subject], KnownRecord(measured[subject])
        times = sorted({e.recorded_at for e in record.entries})
        for moment in [*times, times[-1] + timedelta(seconds=1)]:
            whole, lean = record.known_before(moment), measured[subject].known_before(moment)
            for day in DAYS:
                expected, found = Reading(whole, day), Reading(lean, day)
                assert (found.place, others(found)) == (expected.place, others(expected)), (subject, day)
                # as the comparison reads it (a knowledge cut; the measures of those in a place only)
                read = partial.read(moment, day, day)
                assert read.place == expected.place, (subject, day)
                if read.place is not None:
                    assert others(read) == others(expected), (subject, day)
                    placed += 1
    assert placed


def others(reading: Reading) -> tuple[object, ...]:
    """A reading's measures but the performance (`measures[1:]`), as the comparison reads them of a measured record
    (`with_performance`: the performance it reads from the ratings): not reading the performance as well, which
    the test leaves out (on a measured record it is not the whole record's), took half of the test's time."""
    return reading.with_performance(0.0)[1:]


def test_an_encrypted_store_is_read_through_careerlogs_decoding(database_url: str) -> None:
    """With a cipher no row reads plainly: entries, measured records and ratings come from the
    decoded events (`decoded`), the same as careerlog's."""
    from eventsourcing.cipher import AESCipher

    settings = Settings(database_url=database_url, encryption_key=AESCipher.create_key(32))
    app = CareerLog.from_settings(settings)
    try:
        load_demo(app, employees=12, seed=7, today=date(2026, 11, 23))
        table = app.recorder.events_table_name
        with SqlStore(app.recorder.datastore).statements() as sql:
            subjects = sorted(r["originator_id"] for r in sql.query(f"SELECT DISTINCT originator_id FROM {table}"))
        events = app.events_of(subjects)
        entries = entries_of(app, subjects)
        assert {s: repr(found) for s, found in entries.items()} == {
            s: repr([Entry.of(e) for e in found]) for s, found in events.items()
        }
        measured = LedgerRecords(app).measured(subjects)
        assert any(r.entries for r in measured.values())
        lean, amended = read_ratings(app, subjects)
        assert not lean  # every record through its decoded events
        assert any(amended.values())
    finally:
        app.close()

"""The timeline answered from its rows' stored JSON (`timeline_from_rows`) is, byte for byte, the
timeline of the typed record (`timeline_items` of the record the rows make): for every employee of
a demo, for commands drawn by hypothesis (corrections and retractions of any fact), plain, on dates
(`as_of`) and as known at every moment something was recorded (`known_at`)."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import orjson
import pytest
from hypothesis import HealthCheck, given, settings

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.framework import Projector
from projections.timeline import TimelineProjection, record_from_rows, timeline_from_rows, timeline_items
from tests import factories as f
from tests.integration.scenarios import FIXED, Step, play, scenarios

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

# Facts of the first employee (versions 4 and 5) corrected, twice, on a date and a number, and retracted.
AMENDED = [
    *FIXED,
    Step(0, "training", f.training("2016-01-08", hours=8, start="2016-01-07", reference="CERT-A")),  # version 4
    Step(0, "performance_rating", f.rating(2017, "BAIK", reference="SKP-A")),  # version 5
    Step(0, "correction", f.correction(4, "2017-02-01", hours=12)),
    Step(0, "correction", f.correction(4, "2017-03-01", effective_date="2016-01-09", hours=10)),
    Step(0, "correction", f.correction(5, "2018-01-01", predicate="SANGAT_BAIK")),
    Step(0, "retraction", f.retraction(5, "2019-01-01")),
]

DAYS = (None, date(2012, 1, 1), date(2016, 6, 30), date(2021, 7, 1), date(2024, 12, 31))


def typed(record: CareerRecord, as_of: date | None) -> bytes:
    return orjson.dumps(timeline_items(record, as_of))


def moments(rows: list[dict[str, object]]) -> Iterator[datetime | None]:
    """No moment, and every moment a row was recorded at, just before and at it."""
    yield None
    for recorded in sorted({datetime.fromisoformat(str(r["recorded_at"])) for r in rows}):
        yield recorded - timedelta(microseconds=1)
        yield recorded


def compared(store: SqlStore) -> tuple[int, Counter[str]]:
    """Compare both ways for every subject of the timeline view; the subjects and the kinds seen."""
    subjects = [r["subject"] for r in store.query("SELECT DISTINCT subject FROM timeline ORDER BY subject")]
    kinds: Counter[str] = Counter()
    for subject in subjects:
        rows = store.query("SELECT * FROM timeline WHERE subject = ? ORDER BY version", (subject,))
        kinds.update(str(r["kind"]) for r in rows)
        record = record_from_rows(str(subject), rows)  # the typed record the rows make, made once
        for known_at in moments(rows):
            known = record if known_at is None else record.known_at(known_at)
            for as_of in DAYS:
                assert orjson.dumps(timeline_from_rows(rows, as_of, known_at)) == typed(known, as_of), (
                    subject,
                    as_of,
                    known_at,
                )
    return len(subjects), kinds


def played(config: Settings, scenario: list[Step]) -> tuple[int, Counter[str]]:
    clock = f.Clock()
    ledger = CareerLog.from_settings(config, clock=clock)
    projector = Projector(config, [TimelineProjection()], app=ledger)  # the view compared
    try:
        play(ledger, clock, scenario)
        projector.catch_up()
        return compared(projector.views.sql)
    finally:
        projector.close()
        ledger.close()


def test_the_timeline_from_stored_json_is_the_typed_records_on_each_store(settings: Settings) -> None:
    subjects, kinds = played(settings, AMENDED)
    assert subjects == 3
    assert kinds["correction"] == 3  # every amendment of AMENDED was recorded
    assert kinds["retraction"] == 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_the_timeline_from_stored_json_is_the_typed_records_for_any_commands(scenario: list[Step]) -> None:
    with tempfile.TemporaryDirectory(prefix="careerlog-timeline-") as folder:
        played(Settings(database_url=f"sqlite:///{folder}/careerlog.db"), scenario)


def test_the_timeline_from_stored_json_is_the_typed_records_for_every_employee_of_a_demo(tmp_path: object) -> None:
    config = Settings(database_url=f"sqlite:///{tmp_path}/demo.db")
    ledger = CareerLog.from_settings(config)
    projector = Projector(config, [TimelineProjection()], app=ledger)  # the view compared
    try:
        load_demo(ledger, employees=40, seed=5)
        projector.catch_up()
        subjects, kinds = compared(projector.views.sql)
    finally:
        projector.close()
        ledger.close()
    assert subjects >= 40
    assert len(kinds) >= 8  # the demo's many kinds of facts, each with its own typed values

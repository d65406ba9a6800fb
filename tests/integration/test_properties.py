"""Properties of the ledger and its views, over sequences of commands drawn by hypothesis.

- the views kept up incrementally (in small batches, caught up at random points) always
  equal a rebuild from the log;
- an export imported into a fresh store round-trips exactly (the second export is the
  same bytes, every record's history the same).

Hypothesis runs on SQLite, a fresh store per example; one fixed scenario runs on each
store (SQLite and PostgreSQL) through the shared `settings` fixture.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_rows, read_jsonl
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.integration.scenarios import FIXED, NIPS, Step, play, scenarios
from tests.integration.test_projections import dump

PROPERTY = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass
class Store:
    ledger: CareerLog
    clock: f.Clock
    projector: Projector


@contextmanager
def opened(config: Settings, batch_size: int = 1000) -> Iterator[Store]:
    clock = f.Clock()
    ledger = CareerLog.from_settings(config, clock=clock)
    projector = Projector(config, all_projections(), app=ledger, batch_size=batch_size)
    try:
        yield Store(ledger, clock, projector)
    finally:
        projector.close()
        ledger.close()


@contextmanager
def fresh_sqlite() -> Iterator[Settings]:
    with tempfile.TemporaryDirectory(prefix="careerlog-property-") as folder:
        yield Settings(database_url=f"sqlite:///{folder}/careerlog.db")


def check_incremental_views_equal_a_rebuild(config: Settings, scenario: list[Step], batch_size: int) -> None:
    with opened(config, batch_size) as store:
        assert play(store.ledger, store.clock, scenario, store.projector) >= len(NIPS)
        store.projector.catch_up()
        incremental = dump(store.projector.views.sql)
        assert incremental["roster"]
        store.projector.rebuild()
        assert dump(store.projector.views.sql) == incremental


def exported(ledger: CareerLog) -> bytes:
    out = io.BytesIO()
    export_events(ledger, out)
    return out.getvalue()


def check_export_round_trips(source: Settings, target: Settings, scenario: list[Step]) -> None:
    with opened(source) as store:
        play(store.ledger, store.clock, scenario)
        first = exported(store.ledger)
        histories = {nip: store.ledger.get_history(nip) for nip in NIPS}
        head = store.ledger.max_notification_id()
    with opened(target) as restored:
        report = import_rows(restored.ledger, read_jsonl(io.BytesIO(first)), actor="admin", migration=True)
        assert report.ok, report.rejected
        assert exported(restored.ledger) == first
        assert {nip: restored.ledger.get_history(nip) for nip in NIPS} == histories
        assert restored.ledger.max_notification_id() == head


@PROPERTY
@given(scenario=scenarios(), batch_size=st.integers(min_value=1, max_value=4))
def test_views_kept_incrementally_equal_a_rebuild_for_any_commands(scenario: list[Step], batch_size: int) -> None:
    with fresh_sqlite() as config:
        check_incremental_views_equal_a_rebuild(config, scenario, batch_size)


@PROPERTY
@given(scenario=scenarios())
def test_an_export_imported_into_a_fresh_store_exports_the_same_for_any_commands(scenario: list[Step]) -> None:
    with fresh_sqlite() as source, fresh_sqlite() as target:
        check_export_round_trips(source, target, scenario)


def test_views_kept_incrementally_equal_a_rebuild_on_each_store(settings: Settings) -> None:
    check_incremental_views_equal_a_rebuild(settings, FIXED, batch_size=2)


def test_an_export_round_trips_on_each_store(settings: Settings, tmp_path: Path) -> None:
    check_export_round_trips(settings, Settings(database_url=f"sqlite:///{tmp_path}/restored.db"), FIXED)

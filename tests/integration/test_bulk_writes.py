"""The bulk path of an import on each store: records read at once, events written at once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

import psycopg
import pytest

from careerlog.application import CareerLog, Command
from careerlog.config import Settings
from careerlog.domain.ledger import LedgerAggregate, Outcome
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def appointed(app: CareerLog) -> str:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    return nip


def test_a_batch_reads_every_record_it_touches_in_one_go(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = appointed(app), appointed(app)
    monkeypatch.setattr(app.repository, "get", lambda *a, **k: pytest.fail("read one record at a time"))
    commands = [  # (first's two trainings of their own titles and 12 JP that day: rules training.duplicate, daily_jp)
        Command(nip, "training", f.training("2024-05-02", hours=6, title=f"Arsip {n}"))
        for n, nip in enumerate((first, second, first))
    ]
    results = app.record_batch(commands, actor="hr")
    assert [(r.subject, r.version) for r in results if isinstance(r, Outcome)] == [(first, 2), (second, 2), (first, 3)]


def test_a_batch_saves_its_events_in_the_order_of_its_commands(app: CareerLog) -> None:
    first, second = appointed(app), appointed(app)
    commands = [  # (second's two trainings of their own titles and 12 JP that day: rules training.duplicate, daily_jp)
        Command(nip, "training", f.training("2024-05-02", hours=6, title=f"Arsip {n}"))
        for n, nip in enumerate((second, first, second))
    ]
    app.record_batch(commands, actor="hr")
    logged = [(e.originator_id, e.originator_version) for _, e in app.iter_events(start=3)]
    assert logged == [(second, 2), (first, 2), (second, 3)]


def test_a_batch_that_meets_a_concurrent_write_is_redone_one_by_one(
    app: CareerLog, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    nip = appointed(app)
    read = app.get_aggregates

    def read_then_someone_writes(subjects: Sequence[str]) -> dict[str, LedgerAggregate]:
        found = read(subjects)
        with CareerLog.from_settings(settings) as other:
            other.record(nip, "performance_rating", f.rating(2023, effective_date="2024-01-10"), actor="other")
        return found

    monkeypatch.setattr(app, "get_aggregates", read_then_someone_writes)
    [result] = app.record_batch([Command(nip, "training", f.training("2024-05-02"))], actor="hr")
    assert isinstance(result, Outcome)
    assert (result.version, result.created) == (3, True)
    assert [row["kind"] for row in app.get_history(nip)] == ["appointment", "performance_rating", "training"]


def test_a_bulk_write_stores_what_one_by_one_recording_stores(settings: Settings, tmp_path: Path) -> None:
    nip = f.nip()
    commands = [Command(nip, "appointment", f.appointment()), Command(nip, "training", f.training("2024-05-02"))]
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as bulk:
        bulk.record_batch(commands, actor="hr")
        in_bulk = stored(bulk)
    single_store = Settings(database_url=f"sqlite:///{tmp_path}/one-by-one.db")
    with CareerLog.from_settings(single_store, clock=lambda: f.NOW) as single:
        for command in commands:
            single.record(command.subject, command.kind, command.payload, actor="hr")
        assert stored(single) == in_bulk


def stored(app: CareerLog) -> list[tuple[str, int, str, bytes]]:
    rows = app.recorder.select_notifications(start=1, limit=100)
    return [(n.originator_id, n.originator_version, n.topic, n.state) for n in rows]


@pytest.mark.postgres
def test_a_bulk_write_on_postgresql_wakes_the_workers_that_listen(postgres_url: str) -> None:
    settings = Settings(database_url=postgres_url)
    with CareerLog.from_settings(settings) as app:
        # The library names the channel after the events table alone (careerlog_events), so every store in the
        # test database's schemas shares it and another test's write woke this listener too: a channel of its own
        channel = f"careerlog_events_{uuid.uuid4().hex}"
        app.recorder.channel_name = channel  # type: ignore[attr-defined]
        base = postgres_url.split("?", 1)[0]
        with psycopg.connect(base, autocommit=True) as listener:
            listener.execute(f'LISTEN "{channel}"')
            app.record_batch([Command(f.nip(), "appointment", f.appointment())], actor="hr")
            assert [n.channel for n in listener.notifies(timeout=5, stop_after=1)] == [channel]
        assert app.max_notification_id() == 1

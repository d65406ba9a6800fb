"""A client key belongs to the record its writer first used it for, across records (careerlog.keyowners): the table of
its owners is filled from the log when a store of an earlier release is first opened, each key under the writer that
recorded it, so a key used before then is refused for another record too when that writer sends it, and another writer's
use of it is neither told nor refused; a key claimed for another record between a write's decision and its saving (a
concurrent writer) makes the write be decided again, and refused, nothing recorded; a key is claimed in the transaction
writing its events, so a write that failed leaves it free. Both stores."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pytest
from eventsourcing.persistence import PersistenceError, RecordConflictError

from careerlog import application, keyowners
from careerlog.application import CareerLog, Command, Migration
from careerlog.config import ConfigurationError, Settings
from careerlog.domain.errors import CareerlogError, IdempotencyConflict, InvalidInput, NotFound
from careerlog.keyowners import FORMER_KEY_OWNERS, KEY_OWNERS
from careerlog.sqlstore import SqlStore
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=31)
SARI = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=32)
ELSEWHERE = "Key 'K-1' was already used for another request, in another record: a new fact needs a new key."


def training(reference: str) -> dict[str, Any]:
    return f.training("2016-05-10", hours=16, start="2016-05-08", reference=reference)


def appointed(app: CareerLog) -> None:
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="t")
    app.record(SARI, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F"), actor="t")


def as_a_release_of_one_table_for_every_writer(app: CareerLog) -> None:
    """The store as a release before keys were kept per writer left it (until 2026-12-07): no table of this release,
    and the former one, each key's digest alone claimed for its first record."""
    with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
        sql.execute(f"DROP TABLE {KEY_OWNERS}")
        sql.execute(f"CREATE TABLE {FORMER_KEY_OWNERS} (key_digest TEXT PRIMARY KEY, subject TEXT NOT NULL)")
        former = hashlib.sha256(b"K-1").hexdigest()
        sql.execute(f"INSERT INTO {FORMER_KEY_OWNERS} (key_digest, subject) VALUES (?, ?)", [former, BUDI])


def test_a_store_of_an_earlier_release_fills_the_key_owners_from_its_log(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DROP TABLE {KEY_OWNERS}")  # (as a store of a release before the table)
    with CareerLog.from_settings(settings) as app:
        with pytest.raises(IdempotencyConflict) as refused:
            app.record(SARI, "training", training("T-2"), actor="t", client_key="K-1")
        assert str(refused.value) == ELSEWHERE
        assert app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1").created is False
        assert [e.originator_version for e in app.get_events(SARI)] == [1]


def test_a_store_keeping_every_writers_keys_in_one_table_keeps_them_per_writer_after_the_upgrade(
    database_url: str,
) -> None:
    """A request made before the upgrade and sent again after it is answered as recorded (by its record, which holds
    its key), never recorded twice, and its key is that record's for its writer alone in the table filled from the
    log (a request answered as recorded claims nothing: without the fill the table held no owner of it, and the
    answer alone could not tell); its writer sending the key for another record is refused; another writer is not,
    and the former table is dropped."""
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="hr-medan", client_key="K-1")
        as_a_release_of_one_table_for_every_writer(app)
    with CareerLog.from_settings(settings) as app:
        with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            assert sql.relation_names([FORMER_KEY_OWNERS, KEY_OWNERS]) == {KEY_OWNERS}
        again = app.record(BUDI, "training", training("T-1"), actor="hr-medan", client_key="K-1")
        assert (again.created, again.version) == (False, 2)
        by_writer = {keyowners.digest("K-1", writer): writer for writer in ("hr-medan", "hr-karo", "t")}
        assert {by_writer[d]: owner for d, owner in app.key_owners(by_writer).items()} == {"hr-medan": BUDI}
        with pytest.raises(IdempotencyConflict) as refused:
            app.record(SARI, "training", training("T-2"), actor="hr-medan", client_key="K-1")
        assert str(refused.value) == ELSEWHERE
        assert app.record(SARI, "training", training("T-2"), actor="hr-karo", client_key="K-1").version == 2
        assert [e.originator_version for e in app.get_events(BUDI)] == [1, 2]


def test_a_key_an_older_release_claimed_after_the_upgrade_is_claimed_again_at_the_next_start(
    database_url: str,
) -> None:
    """A review (2026-12-07): a release of one table for every writer run again after the upgrade (rolled back to, or
    a process of it restarted) makes the former table again and claims its writes' keys there alone; this release's
    table, there already, was neither filled again nor the former dropped, so that writer sending such a key for
    another record had it recorded. A start finding both fills this one again from the log and drops the former."""
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="hr-medan", client_key="K-1")
        with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DELETE FROM {KEY_OWNERS}")  # (K-1 claimed by the older release, in its table alone)
            sql.execute(f"CREATE TABLE {FORMER_KEY_OWNERS} (key_digest TEXT PRIMARY KEY, subject TEXT NOT NULL)")
    with CareerLog.from_settings(settings) as app:
        with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            assert sql.relation_names([FORMER_KEY_OWNERS, KEY_OWNERS]) == {KEY_OWNERS}
        with pytest.raises(IdempotencyConflict) as refused:
            app.record(SARI, "training", training("T-2"), actor="hr-medan", client_key="K-1")
        assert str(refused.value) == ELSEWHERE
        assert [e.originator_version for e in app.get_events(SARI)] == [1]


def test_a_key_claimed_for_another_record_meanwhile_refuses_the_write_decided_again(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        real, looks = app.key_owners, []

        def looked_up(digests: Any) -> dict[str, str]:
            looks.append(digests)  # (the first look finds no owner: the other writer had not claimed it yet)
            return {} if len(looks) == 1 else real(digests)

        monkeypatch.setattr(app, "key_owners", looked_up)
        with pytest.raises(IdempotencyConflict) as refused:
            app.record(SARI, "training", training("T-2"), actor="t", client_key="K-1")
        assert str(refused.value) == ELSEWHERE
        assert [e.originator_version for e in app.get_events(SARI)] == [1]
        assert len(looks) == 2  # (decided again after the claim found the other record's)


def test_a_migration_keeps_a_logs_key_in_two_records_as_it_was(database_url: str) -> None:
    """A log from before 2026-12-05 may hold one key in two records (recorded live then: `migrated` false): a
    migration import keeps both, in one batch or in two; the key stays the first record's for live writes."""
    live_then = Migration(datetime(2020, 1, 6, tzinfo=UTC), "hr", migrated=False)
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        commands = [
            Command(BUDI, "training", training("T-1"), "K-1", live_then),
            Command(SARI, "training", training("T-2"), "K-1", live_then),
        ]
        results = app.record_batch(commands, actor="migration")
        assert [getattr(r, "version", r) for r in results] == [2, 2]
        again = app.record_batch([Command(SARI, "training", training("T-3"), "K-1", live_then)], actor="migration")
        assert [getattr(r, "version", r) for r in again] == [3]
        with pytest.raises(IdempotencyConflict) as refused:  # (the log's writer's key: BUDI's, the first record's)
            app.record(SARI, "training", training("T-4"), actor="hr", client_key="K-1")
        assert str(refused.value) == ELSEWHERE


def test_a_first_start_cut_off_while_filling_the_key_owners_fills_them_on_the_next_start(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DROP TABLE {KEY_OWNERS}")  # (as a store of a release before the table)

    def cut_off(sql: Any, claims: Any) -> None:
        raise KeyboardInterrupt  # (the process stopped while filling the table)

    monkeypatch.setattr(keyowners, "claim", cut_off)
    with pytest.raises(KeyboardInterrupt):
        CareerLog.from_settings(settings)
    monkeypatch.undo()
    with CareerLog.from_settings(settings) as app:
        with pytest.raises(IdempotencyConflict) as refused:
            app.record(SARI, "training", training("T-2"), actor="t", client_key="K-1")
        assert str(refused.value) == ELSEWHERE
        assert [e.originator_version for e in app.get_events(SARI)] == [1]


def test_the_key_owners_are_filled_from_a_log_longer_than_a_page(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyowners, "FILL_PAGE", 2)  # (the log's 4 events read in 3 pages)
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        app.record(
            BUDI,
            "training",
            f.training("2017-05-10", hours=16, start="2017-05-08", reference="T-3"),
            actor="t",
            client_key="K-3",
        )
        with SqlStore(app.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.execute(f"DROP TABLE {KEY_OWNERS}")
    with CareerLog.from_settings(settings) as app:
        for key in ("K-1", "K-3"):
            with pytest.raises(IdempotencyConflict):
                app.record(SARI, "training", training("T-2"), actor="t", client_key=key)


def test_a_key_of_a_refused_row_is_free_for_a_later_row_of_another_record(database_url: str) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        future = f.training("2999-05-10", hours=16, start="2999-05-08", reference="T-1")
        commands = [
            Command(BUDI, "training", future, "K-1"),  # (refused: a date to come; nothing recorded under K-1)
            Command(SARI, "training", training("T-2"), "K-1"),
            Command(BUDI, "training", training("T-3"), "K-1"),  # (K-1 is SARI's now)
        ]
        results = app.record_batch(commands, actor="t")
        assert not isinstance(results[0], IdempotencyConflict)
        assert isinstance(results[0], Exception)
        assert getattr(results[1], "version", results[1]) == 2
        assert isinstance(results[2], IdempotencyConflict)
        assert str(results[2]) == ELSEWHERE
        assert [e.originator_version for e in app.get_events(BUDI)] == [1]
        with pytest.raises(IdempotencyConflict):
            app.record(BUDI, "training", training("T-3"), actor="t", client_key="K-1")


def test_a_used_key_sent_with_a_nip_that_does_not_read_is_refused_for_the_nip(database_url: str) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        with pytest.raises(InvalidInput) as refused:
            app.record("199013132015051002", "training", training("T-2"), actor="t", client_key="K-1")
        assert "nip" in refused.value.errors
        assert not isinstance(refused.value, IdempotencyConflict)


class OnlyBudi:
    """A writer's scope holding BUDI's record only (as web.services.ScopeGuard refuses one outside it: NotFound)."""

    def __call__(self, record: Any, name: str) -> None:
        if record.id != BUDI:
            raise NotFound(f"No employee with NIP {record.id}.")

    def change(self, record: Any, kind: str, values: Any) -> None:
        pass

    def appointment(self, subject: str, values: Any) -> None:
        pass

    def leaves(self, record: Any, kind: str, values: Any) -> None:
        return None


def test_a_used_key_sent_for_a_record_out_of_the_writers_scope_is_not_found(database_url: str) -> None:
    """The key is judged once the record is the writer's to write to: one out of the scope is not found, telling
    nothing of where the key was used (docs/security.md); in the scope, the key's use elsewhere is refused."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
        app.record(SARI, "training", training("T-2"), actor="t", client_key="K-2")
        with pytest.raises(NotFound):
            app.record(SARI, "training", training("T-3"), actor="t", client_key="K-1", guard=OnlyBudi())
        with pytest.raises(IdempotencyConflict):
            app.record(BUDI, "training", training("T-3"), actor="t", client_key="K-2", guard=OnlyBudi())
        assert [e.originator_version for e in app.get_events(SARI)] == [1, 2]


@contextmanager
def events_writes_failing(app: CareerLog) -> Iterator[None]:
    """Within the block, every write of events fails in the database (a trigger on the events table raising), in
    the transaction that writes them, after anything written before them in it."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    store = SqlStore(app.recorder.datastore)  # type: ignore[attr-defined]
    if store.dialect == "postgres":
        made = [
            "CREATE FUNCTION t_refuse_events() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$",
            f"CREATE TRIGGER t_refuse_events BEFORE INSERT ON {table} EXECUTE FUNCTION t_refuse_events()",
        ]
        dropped = [f"DROP TRIGGER t_refuse_events ON {table}", "DROP FUNCTION t_refuse_events()"]
    else:
        made = [f"CREATE TRIGGER t_refuse_events BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'full'); END"]
        dropped = ["DROP TRIGGER t_refuse_events"]
    with store.transaction() as sql:
        for statement in made:
            sql.execute(statement)
    try:
        yield
    finally:
        with store.transaction() as sql:
            for statement in dropped:
                sql.execute(statement)


@pytest.mark.parametrize("path", ["single", "batch"])
def test_a_key_whose_events_write_failed_is_left_unclaimed(database_url: str, path: str) -> None:
    """The key is claimed in the transaction that writes its events: their write failing takes the claim back, and
    the key sent again for another record is recorded there (a request whose write failed recorded nothing)."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        appointed(app)
        with events_writes_failing(app):
            try:
                if path == "single":
                    failed: Any = app.record(BUDI, "training", training("T-1"), actor="t", client_key="K-1")
                else:
                    (failed,) = app.record_batch([Command(BUDI, "training", training("T-1"), "K-1")], actor="t")
            except (CareerlogError, PersistenceError) as e:  # (SQLite: a conflict retried, then given up)
                failed = e
            assert isinstance(failed, (CareerlogError, PersistenceError)), failed
        assert app.key_owners([keyowners.digest("K-1", "t")]) == {}
        assert app.record(SARI, "training", training("T-2"), actor="t", client_key="K-1").version == 2
        assert [e.originator_version for e in app.get_events(BUDI)] == [1]


@pytest.mark.parametrize("path", ["single", "batch"])
def test_two_writers_racing_with_one_key_for_two_records_leave_one_recorded_and_the_other_refused(
    database_url: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers (two applications on the store) each decide a write of one key for a record of its own, both
    finding the key free, then write at once: the first to commit has the key, the other's write finds it taken
    in its transaction, nothing of it written, and is decided again and refused naming the key."""
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        appointed(app)
    both_decided = threading.Barrier(2, timeout=20)
    waited: set[int] = set()

    def when_both_decided() -> None:
        if threading.get_ident() not in waited:  # (the first write of each writer; not when decided again)
            waited.add(threading.get_ident())
            both_decided.wait()

    if path == "single":
        save = CareerLog.save

        def save_when_both_decided(self: CareerLog, *args: Any, **kwargs: Any) -> Any:
            when_both_decided()
            return save(self, *args, **kwargs)

        monkeypatch.setattr(CareerLog, "save", save_when_both_decided)
    else:
        insert = application.insert_stored_events

        def insert_when_both_decided(*args: Any) -> None:
            when_both_decided()
            insert(*args)

        monkeypatch.setattr(application, "insert_stored_events", insert_when_both_decided)

    refuse_taken, found_taken = keyowners.Claims.refuse_taken, []

    def noted(self: keyowners.Claims, found: Any) -> None:
        try:
            refuse_taken(self, found)
        except RecordConflictError:
            found_taken.append(found)
            raise

    monkeypatch.setattr(keyowners.Claims, "refuse_taken", noted)
    with CareerLog.from_settings(settings) as first, CareerLog.from_settings(settings) as second:

        def write(app: CareerLog, nip: str, reference: str) -> Any:
            try:
                if path == "single":
                    return app.record(nip, "training", training(reference), actor="t", client_key="K-1")
                return app.record_batch([Command(nip, "training", training(reference), "K-1")], actor="t")[0]
            except CareerlogError as refused:
                return refused

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(write, [first, second], [BUDI, SARI], ["T-1", "T-2"]))
        assert len(waited) == 2
        assert len(found_taken) == 1  # (the loser's write found the key taken, in its transaction)
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(refused) == 1, results
        assert isinstance(refused[0], IdempotencyConflict)
        assert str(refused[0]) == ELSEWHERE
        winner = BUDI if results[0] is not refused[0] else SARI
        loser = SARI if winner == BUDI else BUDI
        assert [e.originator_version for e in first.get_events(winner)] == [1, 2]
        assert [e.originator_version for e in first.get_events(loser)] == [1]
        assert first.key_owners([keyowners.digest("K-1", "t")]) == {keyowners.digest("K-1", "t"): winner}


def test_a_postgres_store_inserting_through_the_librarys_function_is_refused_at_start(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library's insert function (POSTGRES_ENABLE_DB_FUNCTIONS) skips the recorder's `_insert_events`, where a
    write's client keys are claimed: a store set so would record keys unclaimed, and is refused, naming the
    setting."""
    monkeypatch.setenv("POSTGRES_ENABLE_DB_FUNCTIONS", "y")
    with pytest.raises(ConfigurationError, match="POSTGRES_ENABLE_DB_FUNCTIONS"):
        CareerLog.from_settings(Settings(database_url=postgres_url))

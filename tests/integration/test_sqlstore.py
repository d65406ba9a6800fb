"""Portable SQL beside the events on each store: commits that do not wait for the disk, filtered reads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest
from eventsourcing.persistence import PersistenceError
from eventsourcing.sqlite import SQLiteDatastore

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_datastore
from tests import factories as f


@pytest.fixture
def one_connection(settings: Settings) -> Iterator[SqlStore]:
    """A store whose pool keeps a single connection, so that a setting left on it would show."""
    settings.prepare()
    if settings.store == "sqlite":
        datastore = SQLiteDatastore(settings.sqlite_path, pool_size=1, max_overflow=0, originator_id_type="text")
    else:
        datastore = open_datastore(settings, pool_size=1)
    store = SqlStore(datastore)
    store.execute_script(["CREATE TABLE IF NOT EXISTS notes (id INTEGER, body TEXT)"])
    yield store
    store.close()


def durability(store: SqlStore) -> str:
    with store.transaction(commit=False) as sql:
        return setting(sql.cursor, store.dialect)


def setting(cursor: object, dialect: str) -> str:
    statement = "PRAGMA synchronous" if dialect == "sqlite" else "SHOW synchronous_commit"
    cursor.execute(statement)  # type: ignore[attr-defined]
    return str(next(iter(dict(cursor.fetchall()[0]).values())))  # type: ignore[attr-defined]


def test_an_unsynced_commit_skips_the_disk_wait_and_is_kept_like_any_other(one_connection: SqlStore) -> None:
    synced = durability(one_connection)
    with one_connection.transaction(synced=False) as sql:
        relaxed = setting(sql.cursor, one_connection.dialect)
        sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "read by hr"))
    assert (synced, relaxed) in {("2", "1"), ("on", "off")}
    assert one_connection.query("SELECT body FROM notes") == [{"body": "read by hr"}]
    assert durability(one_connection) == synced


def test_an_unsynced_transaction_that_fails_writes_nothing_and_leaves_the_connection_synced(
    one_connection: SqlStore,
) -> None:
    synced = durability(one_connection)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_then_fail(one_connection)
    assert one_connection.query("SELECT body FROM notes") == []
    assert durability(one_connection) == synced


def cache_size(store: SqlStore) -> int:
    with store.transaction(commit=False) as sql:
        return int(sql.query("PRAGMA cache_size")[0]["cache_size"])


def test_a_write_given_a_page_cache_has_it_until_it_ends_and_the_connection_keeps_its_own(
    one_connection: SqlStore,
) -> None:
    """A rebuild's writes on SQLite hold their pages in a larger cache (`cache_kib`), set back after the commit, also
    when the write fails; PostgreSQL has no such setting and writes as without it."""
    if one_connection.dialect != "sqlite":
        with one_connection.transaction(cache_kib=32_768) as sql:
            sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "read by hr"))
        assert one_connection.query("SELECT body FROM notes") == [{"body": "read by hr"}]
        return
    own = cache_size(one_connection)
    with one_connection.transaction(synced=False, cache_kib=32_768) as sql:
        during = int(sql.query("PRAGMA cache_size")[0]["cache_size"])
        sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "read by hr"))
    assert (own, during) == (-2000, -32_768)
    assert cache_size(one_connection) == own
    with pytest.raises(RuntimeError, match="interrupted"):
        write_then_fail(one_connection, cache_kib=32_768)
    assert cache_size(one_connection) == own
    assert one_connection.query("SELECT body FROM notes") == [{"body": "read by hr"}]


def write_then_fail(store: SqlStore, *, cache_kib: int | None = None) -> None:
    with store.transaction(synced=False, cache_kib=cache_kib) as sql:
        sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (2, "never"))
        raise RuntimeError("interrupted")


@pytest.mark.parametrize("synced", [True, False], ids=["synced", "unsynced"])
def test_a_write_that_reads_first_is_not_refused_for_a_write_another_connection_began_meanwhile(
    one_connection: SqlStore, settings: Settings, synced: bool
) -> None:
    """A transaction that reads and then writes, another process's write arriving between the two: both are kept.

    On SQLite a transaction begun plainly took the write lock only at its first write, and was refused it then
    ("database is locked", at once and without waiting) when another connection had committed since its read:
    a views worker starting beside recording met it making the views' tables. Begun IMMEDIATE, it holds the lock
    from the start, and the other write waits for it. On PostgreSQL the other write commits meanwhile."""
    other = SqlStore(open_datastore(settings))
    committed = threading.Event()

    def write_meanwhile() -> None:
        with other.transaction() as sql:
            sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (2, "written meanwhile"))
        committed.set()

    writer = threading.Thread(target=write_meanwhile)
    try:
        with one_connection.transaction(synced=synced) as sql:
            counted = len(sql.query("SELECT id FROM notes"))
            writer.start()
            committed.wait(0.3)  # PostgreSQL: committed by now; SQLite: waiting for this transaction's lock
            sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, f"{counted} notes before"))
    finally:
        writer.join(30)
        other.close()
    assert committed.is_set()
    rows = one_connection.query("SELECT id, body FROM notes ORDER BY id")
    assert rows == [{"id": 1, "body": "0 notes before"}, {"id": 2, "body": "written meanwhile"}]


def test_a_record_can_be_read_for_some_kinds_only(app: CareerLog) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    app.record(nip, "training", f.training("2024-05-02"), actor="hr")
    app.record(nip, "performance_rating", f.rating(2023, effective_date="2024-01-10"), actor="hr")
    assert [e.KIND for e in app.get_events(nip, ["appointment", "performance_rating"])] == [
        "appointment",
        "performance_rating",
    ]
    assert [e.KIND for e in app.get_events(nip)] == ["appointment", "training", "performance_rating"]
    assert app.get_events(f.nip(), ["appointment"]) == []


def test_rows_inserted_unsynced_in_one_statement_are_kept_and_leave_the_connection_synced(
    one_connection: SqlStore,
) -> None:
    synced = durability(one_connection)
    one_connection.insert("notes", ("id", "body"), [(1, "read by hr"), (2, "it's 100% 'quoted'; DROP TABLE notes")],
                          synced=False)  # fmt: skip
    assert one_connection.query("SELECT id, body FROM notes ORDER BY id") == [
        {"id": 1, "body": "read by hr"},
        {"id": 2, "body": "it's 100% 'quoted'; DROP TABLE notes"},
    ]
    assert durability(one_connection) == synced


def test_rows_inserted_unsynced_are_all_or_none(one_connection: SqlStore) -> None:
    one_connection.execute_script(["CREATE TABLE keyed (id INTEGER PRIMARY KEY, body TEXT)"])
    with pytest.raises(PersistenceError):
        one_connection.insert("keyed", ("id", "body"), [(1, "fine"), (1, "the same key")], synced=False)
    assert one_connection.query("SELECT body FROM keyed") == []


def test_rows_are_the_dicts_the_drivers_rows_make_in_their_order(one_connection: SqlStore) -> None:
    one_connection.insert("notes", ("id", "body"), [(1, "first"), (2, None), (3, "it's")])
    statements = [
        "SELECT body, id FROM notes ORDER BY id",
        "SELECT id AS n, body, id * 10 AS n FROM notes ORDER BY id",  # the name n twice
        "SELECT * FROM notes WHERE id > 5",
    ]
    for statement in statements:
        with one_connection.statements() as sql:
            sql.cursor.execute(statement)
            expected = [dict(row) for row in sql.cursor.fetchall()]  # the driver's row as a mapping
        found = one_connection.query(statement)
        assert found == expected
        assert [list(row) for row in found] == [list(row) for row in expected]  # the keys' order too
    first = {"n": 1, "body": "first"} if one_connection.dialect == "sqlite" else {"n": 10, "body": "first"}
    assert one_connection.query(statements[1])[0] == first  # as each driver's row: SQLite the first, psycopg the last


def test_a_sqlite_connection_keeps_its_statements_compiled_between_requests(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url)
    ledger = CareerLog.from_settings(settings)  # its pool made a connection before careerlog saw it
    store = SqlStore(ledger.recorder.datastore)  # type: ignore[attr-defined]
    try:
        store.execute_script(["CREATE TABLE IF NOT EXISTS notes (id INTEGER, body TEXT)"])
        reads = ("SELECT body FROM notes WHERE id = ?", "SELECT COUNT(*) AS n FROM notes", "SELECT id FROM notes")
        compiled: list[int] = []  # SQLite asks the authorizer about a statement only while compiling it

        def request() -> int:  # the statements of a read, one after another: how many were compiled
            before = len(compiled)
            for statement in reads:
                store.query(statement, (1,) if "?" in statement else ())
            return len(compiled) - before

        with store.one_connection(), store.statements() as sql:
            conn = sql.cursor.connection  # type: ignore[attr-defined]
            conn.set_authorizer(lambda action, *_: compiled.append(action) or sqlite3.SQLITE_OK)
            try:
                first, again = request(), request()
            finally:
                conn.set_authorizer(None)
        assert first > 0
        assert again == 0  # the same statements, not compiled again
    finally:
        ledger.close()

"""SqlStore.deferring_commits: within one_connection on PostgreSQL, a durable insert of rows that fit one
statement is sent at once and its answer (the commit, flushed to disk) read when the block ends, or
before the held connection is used again; its failure is raised then. Elsewhere writes wait as before."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, PersistenceError

from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store

COLUMNS = ("id", "body")


@pytest.fixture
def url(request: pytest.FixtureRequest) -> str:
    """A fresh database of the store the test is given (as conftest's database_url makes them)."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def stores(url: str) -> Iterator[tuple[SqlStore, SqlStore]]:
    """A store with an `entries` table, and another pool of the same database (sees only what is committed)."""
    first, second = (open_store(Settings(database_url=url)) for _ in range(2))
    first.execute_script(["CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY, body TEXT)"])
    yield first, second
    for each in (first, second):
        each.close()


@pytest.fixture
def store(stores: tuple[SqlStore, SqlStore]) -> SqlStore:
    return stores[0]


@pytest.fixture
def other(stores: tuple[SqlStore, SqlStore]) -> SqlStore:
    return stores[1]


POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)
postgres_only = pytest.mark.parametrize("url", [POSTGRES], indirect=True)
both_stores = pytest.mark.parametrize("url", ["sqlite", POSTGRES], indirect=True)


def in_flight(store: SqlStore) -> bool:
    """Whether a query sent on the held connection has not been answered yet (as libpq knows it)."""
    return store._held().pgconn.transaction_status == psycopg.pq.TransactionStatus.ACTIVE


@postgres_only
def test_a_durable_insert_is_sent_at_once_and_its_commit_waited_for_when_the_block_ends(
    store: SqlStore, other: SqlStore
) -> None:
    with store.one_connection(), store.deferring_commits():
        store.insert("entries", COLUMNS, [("a", "one"), ("b", "two's %s")])
        assert in_flight(store)  # sent, its answer not read
        made = "the answer's body"  # work done while the server commits
    assert made
    assert other.query("SELECT id, body FROM entries ORDER BY id") == [
        {"id": "a", "body": "one"},
        {"id": "b", "body": "two's %s"},
    ]
    with store.one_connection():
        assert not in_flight(store)


@postgres_only
def test_a_failing_deferred_insert_raises_the_librarys_error_when_waited_for(store: SqlStore) -> None:
    store.insert("entries", COLUMNS, [("a", "one")])
    with store.one_connection():
        with pytest.raises(IntegrityError):
            insert_in_flight(store, [("c", "three"), ("a", "again")])  # all or none
        assert store.query("SELECT id FROM entries ORDER BY id") == [{"id": "a"}]  # the connection still usable


def insert_in_flight(store: SqlStore, rows: list[tuple[str, str]]) -> None:
    with store.deferring_commits():
        store.insert("entries", COLUMNS, rows)
        assert in_flight(store)


@postgres_only
def test_the_held_connection_used_again_reads_the_sent_inserts_answer_first(store: SqlStore) -> None:
    with store.one_connection(), store.deferring_commits():
        store.insert("entries", COLUMNS, [("a", "one")])
        assert store.query("SELECT id FROM entries") == [{"id": "a"}]  # its commit answered, then the read
        store.insert("entries", COLUMNS, [("b", "two")])
        store.insert("entries", COLUMNS, [("c", "three")])  # one in flight at a time
        with store.transaction() as sql:
            assert sql.scalar("SELECT COUNT(*) AS n FROM entries") == 3


@both_stores
def test_without_the_block_or_held_connection_an_insert_waits_for_its_commit(store: SqlStore, other: SqlStore) -> None:
    with store.deferring_commits():  # nothing held: nothing deferred
        store.insert("entries", COLUMNS, [("a", "one")])
        assert other.query("SELECT id FROM entries") == [{"id": "a"}]
    with store.one_connection():
        store.insert("entries", COLUMNS, [("b", "two")])
        if store.dialect == "postgres":
            assert not in_flight(store)
        assert len(other.query("SELECT id FROM entries")) == 2
        with store.deferring_commits():
            store.insert("entries", COLUMNS, [("c", "three")], synced=False)  # an unsynced write: as before
            if store.dialect == "postgres":
                assert not in_flight(store)
            assert len(other.query("SELECT id FROM entries")) == 3


@postgres_only
def test_the_insert_is_prepared_once_per_connection_and_prepared_again_when_the_server_forgot_it(
    store: SqlStore,
) -> None:
    with store.one_connection():
        for n in range(3):
            with store.deferring_commits():
                store.insert("entries", COLUMNS, [(f"e{n}", "text")])
        prepared = store.query("SELECT name FROM pg_prepared_statements WHERE name LIKE 'careerlog_sent_%'")
        assert prepared == [{"name": "careerlog_sent_0"}]
        store.execute_script(["DEALLOCATE ALL"])
        with pytest.raises(PersistenceError):
            insert_in_flight(store, [("lost", "text")])
        insert_in_flight(store, [("kept", "text")])
    assert [r["id"] for r in store.query("SELECT id FROM entries ORDER BY id")] == ["e0", "e1", "e2", "kept"]


@postgres_only
def test_rows_that_are_not_sent_as_one_text_are_written_at_once(store: SqlStore) -> None:
    store.execute_script(["CREATE TABLE IF NOT EXISTS measures (id TEXT PRIMARY KEY, size REAL)"])
    with store.one_connection(), store.deferring_commits():
        store.insert("measures", ("id", "size"), [("a", 1.5)])  # a float: sent as arrays (Sql.insert)
        assert not in_flight(store)
        assert store.query("SELECT size FROM measures") == [{"size": 1.5}]

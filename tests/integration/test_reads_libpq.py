"""On PostgreSQL a fast read's reads ahead (`pipelined`) and its access-log entry (`executed`) go through libpq
directly: the same rows as psycopg's cursor gives, each statement prepared once per connection, an entry
committed (durably) when the insert returns, and a failure leaving the connection as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import PersistenceError

from careerlog import sqlstore
from careerlog.access import Role, Scope
from careerlog.accounts import Account, Accounts
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, executed, open_datastore, pipelined, placeholders

pytestmark = pytest.mark.postgres

ROWS = (
    "CREATE TABLE IF NOT EXISTS things (id INTEGER, name TEXT, big BIGINT, share REAL, ratio DOUBLE PRECISION, "
    "raw BYTEA, flag BOOLEAN)"
)
THINGS = [
    (1, "één", 2**40, 0.1, 1 / 3, b"\x00\xff", True),
    (2, None, None, None, None, None, None),
    (3, 'it\'s 100% "quoted"; \\ ?', -1, 1e-30, 1e300, b"", False),
]
READS = [
    ("SELECT * FROM things ORDER BY id", ()),
    ("SELECT * FROM things WHERE name = ? ORDER BY id", ("één",)),
    ("SELECT id, name FROM things WHERE id > ? ORDER BY id LIMIT ?", (1, 5)),
    ("SELECT * FROM things WHERE name = ?", ("nobody",)),
    ("SELECT id AS a, name AS a, '100%' AS q FROM things ORDER BY id", ()),
]


@pytest.fixture
def store(postgres_url: str) -> Iterator[SqlStore]:
    store = SqlStore(open_datastore(Settings(database_url=postgres_url), pool_size=1))
    store.execute_script([ROWS])
    with store.transaction() as sql:
        for row in THINGS:
            sql.execute("INSERT INTO things VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    yield store
    store.close()


def by_cursor(conn: Any, statement: str, params: Any) -> list[dict[str, Any]]:
    with conn.cursor() as cursor:
        cursor.execute(placeholders(statement), params)
        return list(cursor.fetchall())


def prepared(conn: Any) -> list[str]:
    return [r["name"] for r in conn.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'careerlog_%'")]


def test_pipelined_rows_are_psycopgs_rows_and_each_statement_is_prepared_once(store: SqlStore) -> None:
    with store.datastore.get_connection() as conn:
        store._use_schema(conn)
        expected = [by_cursor(conn, statement, params) for statement, params in READS]
        first = pipelined(conn, READS)
        names = prepared(conn)
        again = pipelined(conn, READS)
        assert prepared(conn) == names  # not prepared again
        assert len(names) == len(READS)
        assert conn.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE
    for found in (first, again):
        assert found == expected
        for rows, wanted in zip(found, expected, strict=True):
            for row, want in zip(rows, wanted, strict=True):
                assert list(row.items()) == list(want.items())  # the same columns in order, the same values
                assert [type(v) for v in row.values()] == [type(v) for v in want.values()]


def test_a_failing_pipeline_raises_as_psycopg_and_leaves_the_connection_usable(store: SqlStore) -> None:
    with store.datastore.get_connection() as conn:
        store._use_schema(conn)
        with pytest.raises(psycopg.errors.UndefinedTable):
            pipelined(conn, [READS[0], ("SELECT * FROM nothing_here WHERE id = ?", (1,)), READS[1]])
        assert not conn.closed
        assert conn.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE
        assert prepared(conn) == []  # what the failed pipeline prepared is deallocated and forgotten
        assert pipelined(conn, READS[:2]) == [by_cursor(conn, s, p) for s, p in READS[:2]]


def test_a_prepared_read_whose_rows_change_shape_is_prepared_again(store: SqlStore) -> None:
    with store.datastore.get_connection() as conn:
        store._use_schema(conn)
        pipelined(conn, READS[:1])
        conn.execute("ALTER TABLE things ADD COLUMN extra TEXT")  # SELECT * now gives another row type
        with pytest.raises(psycopg.Error):  # PostgreSQL refuses the cached plan once
            pipelined(conn, READS[:1])
        assert pipelined(conn, READS[:1]) == [by_cursor(conn, *READS[0])]
        assert "extra" in pipelined(conn, READS[:1])[0][0]


def test_a_read_ahead_that_fails_is_asked_again_when_it_comes(store: SqlStore) -> None:
    with store.one_connection():
        store.read_ahead([READS[0], ("SELECT * FROM nothing_here", ())])
        with store.statements() as sql:
            assert sql.ahead == {}  # nothing kept from the failed round trip
        with store.datastore.get_connection() as conn:  # another connection of the pool, as psycopg reads it
            store._use_schema(conn)
            expected = by_cursor(conn, *READS[0])
        assert store.query(*READS[0]) == expected


def test_a_read_ahead_is_taken_once_by_the_same_statement(store: SqlStore) -> None:
    with store.one_connection():
        store.read_ahead(READS[:2])
        with store.statements() as sql:
            assert set(sql.ahead or {}) == {(s, tuple(p)) for s, p in READS[:2]}
        store.execute_script(["DELETE FROM things"])
        assert len(store.query(*READS[0])) == len(THINGS)  # as read ahead
        assert store.query(*READS[0]) == []  # asked again


READER = Account(
    "hr", "HR", Role.HR, Scope(agencies=("KOTA-MEDAN",)), None, False, datetime(2026, 1, 1, tzinfo=UTC), False
)


PLACE = ("199001012015011001", "KOTA-MEDAN", "12.71")


@pytest.fixture
def accounts(postgres_url: str) -> Iterator[Accounts]:
    """Accounts on a pool of one connection, held (as for a web request)."""
    accounts = Accounts(SqlStore(open_datastore(Settings(database_url=postgres_url), pool_size=1)))
    accounts.create_tables()
    with accounts.store.one_connection():
        yield accounts
    accounts.store.close()


def test_a_durable_access_log_entry_is_committed_by_its_statement_alone(accounts: Accounts, postgres_url: str) -> None:
    """The entry is one INSERT, its own transaction, synchronously committed: seen from another
    connection as soon as the insert returns; no transaction is left open."""
    conn = accounts.store._held()
    assert conn.execute("SHOW synchronous_commit").fetchone()["synchronous_commit"] == "on"
    accounts.record_reads(READER, "timeline", [PLACE])
    assert conn.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with psycopg.connect(postgres_url.split("?")[0], autocommit=True) as other:
        schema = accounts.store.schema
        seen = other.execute(f'SELECT nip, agency, region, action FROM "{schema}".access_log').fetchall()
    assert seen == [(*PLACE, "timeline")]
    assert len(prepared(conn)) == 1


def test_an_entry_whose_prepared_insert_is_gone_is_written_once(accounts: Accounts) -> None:
    conn = accounts.store._held()
    accounts.record_reads(READER, "timeline", [PLACE])
    conn.execute("DEALLOCATE ALL")  # someone dropped the session's prepared statements
    accounts.record_reads(READER, "eligibility", [PLACE])
    assert [r["action"] for r in conn.execute("SELECT action FROM access_log ORDER BY id")] == [
        "timeline",
        "eligibility",
    ]


def test_a_failed_insert_raises_as_before_and_writes_nothing(store: SqlStore) -> None:
    store.execute_script(["CREATE TABLE IF NOT EXISTS keyed (id TEXT PRIMARY KEY, body TEXT)"])
    store.insert("keyed", ("id", "body"), [("a", "first")])
    with pytest.raises(PersistenceError, match="duplicate key"):
        store.insert("keyed", ("id", "body"), [("b", "second"), ("a", "again")])
    assert store.query("SELECT id, body FROM keyed ORDER BY id") == [{"id": "a", "body": "first"}]
    with store.datastore.get_connection() as conn:
        store._use_schema(conn)
        with pytest.raises(psycopg.errors.UniqueViolation):
            executed(conn, "INSERT INTO keyed (id, body) VALUES (%s, %s)", ("a", "again"))
        assert conn.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_statements_beyond_those_kept_prepared_are_sent_unnamed(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlstore, "PREPARED_MAX", 2)
    with store.datastore.get_connection() as conn:
        store._use_schema(conn)
        expected = [by_cursor(conn, statement, params) for statement, params in READS]
        assert pipelined(conn, READS) == expected
        assert pipelined(conn, READS) == expected
        assert len(prepared(conn)) == 2
        store.execute_script(["CREATE TABLE IF NOT EXISTS keyed (id TEXT PRIMARY KEY, body TEXT)"])
        executed(conn, "INSERT INTO keyed (id, body) VALUES (%s, %s)", ("a", "unnamed"))
        assert len(prepared(conn)) == 2
        assert by_cursor(conn, "SELECT body FROM keyed", ()) == [{"body": "unnamed"}]

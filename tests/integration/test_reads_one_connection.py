"""A web request takes one connection from the pool for its reads: on PostgreSQL for all its statements
(one pre-ping), the access log of a read still committed durably on it; on SQLite for its reads, writes
taking the pool's writer as before. A token's last use is written at most once a minute, on PostgreSQL by
one statement."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError, OperationalError, PersistenceError, ProgrammingError
from flask import Flask

from careerlog.access import Scope
from careerlog.accounts import Accounts
from careerlog.config import Settings
from careerlog.sqlstore import Sql, SqlStore, open_store
from tests import factories as f
from web import create_app
from web.services import Services


@pytest.fixture
def store(postgres_url: str) -> Iterator[SqlStore]:
    opened = open_store(Settings(database_url=postgres_url))
    opened.execute_script(["CREATE TABLE IF NOT EXISTS notes (id INTEGER, body TEXT)"])
    yield opened
    opened.close()


def backend(store: SqlStore) -> int:
    return int(store.scalar("SELECT pg_backend_pid() AS pid"))


def checkouts(store: SqlStore) -> int:
    return int(store.datastore.pool.get_stats()["requests_num"])  # type: ignore[union-attr]


@pytest.mark.postgres
def test_every_store_of_the_database_uses_the_held_connection_within_the_block(
    store: SqlStore, postgres_url: str
) -> None:
    other = open_store(Settings(database_url=postgres_url))  # another pool of the same schema (the ledger's)
    try:
        with store.one_connection():
            before = checkouts(store)
            pid = backend(store)
            with store.transaction() as sql:
                sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "kept"))
                assert int(sql.scalar("SELECT pg_backend_pid() AS pid")) == pid
            assert backend(other) == pid
            assert checkouts(store) == before  # no checkout (and no pre-ping) inside the block
        assert other.query("SELECT body FROM notes") == [{"body": "kept"}]  # committed on its own
    finally:
        other.close()


@pytest.mark.postgres
def test_an_error_on_the_held_connection_is_the_librarys_and_leaves_it_usable(store: SqlStore) -> None:
    with store.one_connection():
        with pytest.raises(ProgrammingError):
            store.query("SELECT * FROM no_such_table")
        with pytest.raises(RuntimeError, match="interrupted"):
            write_then_fail(store)
        assert store.query("SELECT body FROM notes") == []
        store.execute_script(["INSERT INTO notes (id, body) VALUES (3, 'after the errors')"])
    assert store.query("SELECT body FROM notes") == [{"body": "after the errors"}]


def write_then_fail(store: SqlStore) -> None:
    with store.transaction() as sql:
        sql.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (2, "rolled back"))
        raise RuntimeError("interrupted")


# A test marked MADE gets an empty PostgreSQL store made before (tests/conftest.py, lent_postgres_url): those served
# by the app; not those that add a table of their own (the lent store would be dropped and made again after them).
MADE = pytest.mark.made_store


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[Flask, dict[str, Any]]]:
    app = create_app(Settings(database_url=database_url), test_config={"TESTING": True})
    services: Services = app.extensions["careerlog"]
    nip = f.nip()
    services.ledger.record(nip, "appointment", f.appointment(), actor="test")
    services.projector.catch_up()
    services.accounts.create("ins", display_name="Inspector", role="inspector", scope=Scope(national=True))
    headers = {"Authorization": f"Bearer {services.accounts.issue_token('ins', days=1).token}"}
    yield app, {"headers": headers, "nip": nip}
    services.close()


@MADE
def test_a_read_takes_one_connection_and_logs_the_access_on_it(served: tuple[Flask, dict[str, Any]]) -> None:
    app, given = served
    services: Services = app.extensions["careerlog"]
    views = services.projector.views.sql
    # (the import jobs' thread, started by a first request, looks at its table on a connection of its own: stopped,
    # so that the checkouts counted are the read's)
    app.extensions["careerlog_jobs"].stop()
    client = app.test_client()
    paths = [f"/api/v1/employees/{given['nip']}/timeline", f"/api/v1/employees/{given['nip']}/eligibility",
             "/api/v1/employees?per_page=5"]  # fmt: skip
    for path in paths:
        client.get(path, headers=given["headers"])  # the last-use stamp of the token is written once a minute
        before = checkouts(views) if views.dialect == "postgres" else 0
        assert client.get(path, headers=given["headers"]).status_code == 200
        if views.dialect == "postgres":
            assert checkouts(views) - before == 1, path
    logged = services.accounts.access_log({"nip": [given["nip"]]}, page=1, per_page=50)[0]
    assert [e.action for e in logged].count("timeline") == 2
    assert [e.action for e in logged].count("roster") == 2


@MADE
def test_a_refused_token_gives_the_connection_back(served: tuple[Flask, dict[str, Any]]) -> None:
    app, _ = served
    views = app.extensions["careerlog"].projector.views.sql
    client = app.test_client()
    for _ in range(30):  # more than the pool holds: a connection kept after a 401 would exhaust it
        answer = client.get("/api/v1/employees", headers={"Authorization": "Bearer clt_not-a-token"})
        assert answer.status_code == 401
    if views.dialect == "postgres":
        assert views.datastore.pool.get_stats().get("pool_available", 0) >= 1  # type: ignore[union-attr]


@pytest.fixture
def any_store(database_url: str) -> Iterator[SqlStore]:
    opened = open_store(Settings(database_url=database_url))
    opened.execute_script(
        ["CREATE TABLE IF NOT EXISTS marks (id TEXT PRIMARY KEY, n INTEGER, flag INTEGER, note TEXT)"]
    )
    yield opened
    opened.close()


@pytest.mark.parametrize("count", [1, 50, 1203])
def test_rows_are_inserted_all_or_none_in_one_statement_per_chunk(any_store: SqlStore, count: int) -> None:
    rows = [(f"r{i:05d}", i, i % 2 == 0, None if i % 3 else "third") for i in range(count)]
    any_store.insert("marks", ("id", "n", "flag", "note"), rows)
    found = any_store.query("SELECT id, n, flag, note FROM marks ORDER BY id")
    assert [(r["id"], r["n"], r["flag"], r["note"]) for r in found] == [(a, b, int(c), d) for a, b, c, d in rows]
    with pytest.raises(IntegrityError):
        any_store.insert("marks", ("id", "n", "flag", "note"), [(f"new{i}", i, False, None) for i in range(count)]
                         + [("r00000", 0, False, None)])  # fmt: skip
    assert int(any_store.scalar("SELECT COUNT(*) AS n FROM marks")) == count


def test_a_failing_read_outside_a_transaction_raises_the_librarys_error(any_store: SqlStore) -> None:
    with pytest.raises(PersistenceError):  # a 503 in the API, as from the library's own reads
        any_store.query("SELECT * FROM no_such_table")
    assert any_store.query("SELECT COUNT(*) AS n FROM marks") == [{"n": 0}]


def test_a_tokens_last_use_is_written_at_most_once_a_minute(any_store: SqlStore) -> None:
    now = [datetime(2026, 11, 30, 8, 0, tzinfo=UTC)]
    accounts = Accounts(any_store, clock=lambda: now[0])
    accounts.create_tables()
    accounts.create("ins", display_name="Inspector", role="inspector", scope=Scope(national=True))
    token = accounts.issue_token("ins", days=1).token
    written: list[Any] = []
    for seconds in (0, 30, 59, 60, 61, 125):
        now[0] = datetime(2026, 11, 30, 8, 0, tzinfo=UTC) + timedelta(seconds=seconds)
        accounts.authenticate(token)
        written.append(accounts.list_tokens("ins")[0].last_used_at)
    at = [datetime(2026, 11, 30, 8, 0, tzinfo=UTC) + timedelta(seconds=s) for s in (0, 60, 125)]
    assert written == [at[0], at[0], at[0], at[1], at[1], at[2]]  # kept to the minute (docs/security.md)


@pytest.mark.postgres
def test_on_postgres_a_tokens_last_use_is_one_statement_committed_before_it_answers(
    store: SqlStore, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    accounts = Accounts(store, clock=lambda: now)
    accounts.create_tables()
    accounts.create("ins2", display_name="Inspector", role="inspector", scope=Scope(national=True))
    token = accounts.issue_token("ins2", days=1).token
    sent: list[str] = []
    executed = Sql.execute

    here = threading.get_ident()

    def noted(self: Sql, statement: str, params: Any = ()) -> None:
        if threading.get_ident() == here:  # not another test's site following its views in this process
            sent.append(statement)
        executed(self, statement, params)

    def no_transaction(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("BEGIN and COMMIT sent for the last use")

    monkeypatch.setattr(Sql, "execute", noted)
    monkeypatch.setattr(store, "transaction", no_transaction)
    with store.one_connection():
        accounts.authenticate(token)
    assert sent[1:] == ["UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?"]  # after the token's read
    other = open_store(Settings(database_url=postgres_url))  # seen at once from another connection: committed
    try:
        assert other.query("SELECT last_used_at FROM api_tokens WHERE prefix = ?", (token[:12],)) == [
            {"last_used_at": now.isoformat()}
        ]
    finally:
        other.close()


def test_on_sqlite_the_reads_of_every_store_of_the_file_take_the_held_connection_and_writes_the_writer(
    sqlite_url: str,
) -> None:
    store = open_store(Settings(database_url=sqlite_url))
    other = open_store(Settings(database_url=sqlite_url))  # another pool of the same file (the ledger's)
    try:
        store.execute_script(["CREATE TABLE notes (id INTEGER, body TEXT)"])
        with store.one_connection():
            with store.statements() as one, other.statements() as two, other.transaction(commit=False) as three:
                connection = connection_of(one)
                assert connection_of(two) is connection
                assert connection_of(three) is connection
            with store.transaction() as written:  # a write takes the pool's writer, as outside the block
                assert connection_of(written) is not connection
                written.execute("INSERT INTO notes (id, body) VALUES (?, ?)", (1, "kept"))
            other.insert("notes", ("id", "body"), [(2, "unsynced")], synced=False)
            assert other.query("SELECT body FROM notes ORDER BY id") == [{"body": "kept"}, {"body": "unsynced"}]
            with pytest.raises(OperationalError):  # the library's error, as from a pooled connection
                other.query("SELECT * FROM no_such_table")
            assert store.scalar("SELECT COUNT(*) AS n FROM notes") == 2
        assert store.datastore.pool.num_in_use == 0  # type: ignore[union-attr]
    finally:
        other.close()
        store.close()


def connection_of(sql: Sql) -> Any:
    """The sqlite3 connection of a SQLite statement or transaction."""
    cursor = getattr(sql.cursor, "sqlite_cursor", sql.cursor)
    return cursor.connection

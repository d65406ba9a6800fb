"""`careerlog projections rebuild --jobs N` on a PostgreSQL server with no connections left for its forked processes
("sorry, too many clients already") had marked every view rebuilding and emptied it before they asked for theirs: it
stopped there, every view "rebuilding (stopped: no rebuild runs)", answering no read (a 503 each) until a rebuild ran
again. It now counts the connections the server has left before it marks any view, and refuses a rebuild whose
processes would find none, the views as they were. PostgreSQL's "too many clients" carries the pool sizes' hint that
a pool's timeout gives (docs/operations.md, Stores). (SQLite: no connections to run out of.)"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg_pool import ConnectionPool

from careerlog.cli import main
from careerlog.config import Settings
from projections.framework import Projector

pytestmark = pytest.mark.postgres

TOO_MANY = "connection failed: FATAL:  sorry, too many clients already"  # (PostgreSQL's own words)
HINT = (
    "PostgreSQL has no connection left (its max_connections used up by careerlog's processes and others: see "
    "pg_stat_activity). Each careerlog process holds up to 25 (2 x (CAREERLOG_DB_POOL_SIZE 4 + "
    "CAREERLOG_DB_MAX_OVERFLOW 8) + 1): raise the server's max_connections, or lower both settings in every careerlog "
    "process's environment (docs/operations.md, Stores)."
)


def run(url: str, *args: str) -> Result:
    # (the pools' default sizes, which the hint quotes: tests/conftest.py sets one connection for the other tests)
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": url, "CAREERLOG_DB_POOL_SIZE": None})


def views(url: str) -> tuple[list[tuple[Any, ...]], int]:
    """Every view's state and version, and the roster's rows, read on a connection of the test's own."""
    schema = Settings(database_url=url).postgres()["schema"]
    with psycopg.connect(url.partition("?")[0]) as conn:
        states = conn.execute(f'SELECT name, version, state FROM "{schema}".view_schemas ORDER BY name').fetchall()
        rows = conn.execute(f'SELECT COUNT(*) FROM "{schema}".roster').fetchone()
    return states, int(rows[0] if rows else 0)


@pytest.fixture
def store(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)  # (the demo's irregularities file)
    assert run(postgres_url, "demo", "--employees", "12", "--seed", "3").exit_code == 0
    assert run(postgres_url, "projections", "run", "--once").exit_code == 0
    return postgres_url


def forked_processes_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild's forked processes get no connection from the server, as on one out of them."""
    parent, made = os.getpid(), Projector.__init__

    def refused(self: Projector, *args: Any, **kwargs: Any) -> None:
        if os.getpid() != parent:
            raise psycopg.OperationalError(TOO_MANY)
        made(self, *args, **kwargs)

    monkeypatch.setattr(Projector, "__init__", refused)


def test_a_rebuild_whose_processes_the_server_has_no_connections_for_is_refused_the_views_as_they_were(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = views(store)
    assert before[1] > 0
    assert {state for _, _, state in before[0]} == {"ready"}
    forked_processes_refused(monkeypatch)
    # (the server out of connections: none left to count either; raising=False: the count is the fix's own)
    monkeypatch.setattr(Projector, "free_connections", lambda self: (0, 100), raising=False)
    result = run(store, "projections", "rebuild", "--jobs", "2")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        "Error: PostgreSQL has 0 connections left (of max_connections 100, those in use counted: see "
        "pg_stat_activity), and the rebuild's 1 other processes (--jobs 2) open 8 (8 each). No view was rebuilt, "
        "marked or dropped: they stay as they were."
    ) in said, said
    assert views(store) == before
    assert run(store, "projections", "status", "--check").exit_code == 0


def test_a_rebuild_process_refused_a_connection_after_all_says_how_many_they_open_and_the_pools_hint(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(the server filled up between the count and the forks: the views stay rebuilding, as any stopped rebuild's)"""
    forked_processes_refused(monkeypatch)
    result = run(store, "projections", "rebuild", "--jobs", "2")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "too many clients already" in said
    assert f"Each of the rebuild's other processes (--jobs 2) opens 8. {HINT}" in said, said


def test_postgresql_out_of_connections_says_whose_and_the_pool_settings(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def out_of_connections(self: ConnectionPool, timeout: float | None = None) -> Any:
        raise psycopg.OperationalError(TOO_MANY)

    monkeypatch.setattr(ConnectionPool, "getconn", out_of_connections)
    result = run(store, "info")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert said.startswith("Error: The database could not be used: connection failed: FATAL: sorry, too many clients")
    assert HINT in said, said
    assert "Traceback" not in result.output


def test_a_pool_refused_past_a_roles_connection_limit_says_postgresqls_words_and_the_roles_remedy(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A role's CONNECTION LIMIT used up: the pool's wait ended in "couldn't get a connection after 5.00 sec" and the
    hint of the server's max_connections, hiding PostgreSQL's 'too many connections for role ...'."""
    from eventsourcing.postgres import ConnectionPool as LibraryPool

    said_by_server = 'connection failed: FATAL:  too many connections for role "careerlog_ops"'

    def over_the_roles_limit(self: LibraryPool[Any], timeout: float | None = None) -> Any:
        raise psycopg.OperationalError(said_by_server)

    monkeypatch.setattr(LibraryPool, "_connect", over_the_roles_limit)
    result = run(store, "projections", "rebuild", "--jobs", "2")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "couldn't get a connection after" in said
    refused = 'connection failed: FATAL: too many connections for role "careerlog_ops"'
    assert f"PostgreSQL refused the pool's connections: {refused}" in said, said
    assert "The role careerlog_ops's CONNECTION LIMIT is used up" in said, said
    assert 'raise the role\'s limit (ALTER ROLE "careerlog_ops" CONNECTION LIMIT n), or lower both settings' in said
    assert "max_connections used up" not in said


def test_a_connection_refused_past_a_roles_limit_advises_that_limit_not_max_connections(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def over_the_roles_limit(self: ConnectionPool, timeout: float | None = None) -> Any:
        raise psycopg.OperationalError('connection failed: FATAL:  too many connections for role "careerlog_ops"')

    monkeypatch.setattr(ConnectionPool, "getconn", over_the_roles_limit)
    result = run(store, "info")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert 'could not be used: connection failed: FATAL: too many connections for role "careerlog_ops"' in said
    assert "The role careerlog_ops's CONNECTION LIMIT is used up" in said, said
    assert 'raise the role\'s limit (ALTER ROLE "careerlog_ops" CONNECTION LIMIT n)' in said
    assert "max_connections used up" not in said, said

"""Opening a PostgreSQL store for the web (Services.build) looks at its schema and takes its lock on one plain
connection (Settings.opening), not five: each a new server backend, about 14 ms of wall on the test server."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from careerlog.config import SCHEMA_LOCK_ID, Settings
from web import create_app

CONFIG = {"TESTING": True}


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[psycopg.Connection[Any]]:
    """Every plain connection (Settings.connect_postgres) opened meanwhile."""
    made: list[psycopg.Connection[Any]] = []
    connect = Settings.connect_postgres

    def counted(self: Settings) -> psycopg.Connection[Any]:
        made.append(connect(self))
        return made[-1]

    monkeypatch.setattr(Settings, "connect_postgres", counted)
    return made


def lock_free(settings: Settings) -> bool:
    """Whether another session can take the store's schema lock now (taken and let go again)."""
    with psycopg.connect(settings.database_url.split("?")[0], autocommit=True) as conn:
        key = (SCHEMA_LOCK_ID, settings.postgres()["schema"])
        taken = conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", key).fetchone()
        conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", key)
        return taken == (True,)


def test_an_app_opens_its_store_on_one_plain_connection_closed_after(
    postgres_url: str, opened: list[psycopg.Connection[Any]]
) -> None:
    settings = Settings(database_url=postgres_url)
    for made in ("new", "made before"):
        opened.clear()
        app = create_app(settings, test_config=dict(CONFIG))
        try:
            if made == "made before":  # (a new store's first app also looks for pg_trgm, once a process: trigrams)
                assert len(opened) == 1  # (five before: two prepares, three schema locks)
            assert all(conn.closed for conn in opened), made
            assert lock_free(settings), made
            assert app.test_client().get("/health").status_code == 200
        finally:
            app.extensions["careerlog"].close()


def test_the_connection_kept_serves_the_block_and_one_that_failed_is_closed_and_replaced(
    postgres_url: str, opened: list[psycopg.Connection[Any]]
) -> None:
    settings = Settings(database_url=postgres_url)
    with settings._plain_connection() as alone:
        pass
    assert alone.closed  # (outside a block: a connection of its own, closed after)
    other = Settings(database_url=f"{postgres_url}&connect_timeout=7")  # (connects otherwise)
    with settings.opening():
        with settings._plain_connection() as first:
            pass
        with settings.opening(), settings._plain_connection() as nested:  # (the outer block's)
            pass
        with other._plain_connection() as its_own:
            pass
        assert nested is first
        assert not first.closed
        assert its_own is not first
        assert not its_own.closed
        with pytest.raises(psycopg.errors.UndefinedTable), settings._plain_connection() as failed:
            failed.execute("SELECT 1 FROM no_such_table")
        assert failed is first
        assert failed.closed
        with settings._plain_connection() as again:
            assert again.execute("SELECT 1").fetchone() == (1,)
        assert again is not first
    assert again.closed
    assert its_own.closed
    assert len(opened) == 4  # alone, first, its_own, again


def test_a_sqlite_store_is_opened_as_before(tmp_path: Any, opened: list[psycopg.Connection[Any]]) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/careerlog.db"), test_config=dict(CONFIG))
    try:
        assert app.test_client().get("/health").status_code == 200
    finally:
        app.extensions["careerlog"].close()
    assert opened == []


@pytest.mark.postgres
def test_a_nested_block_that_failed_leaves_the_outer_its_own_error_and_no_password(postgres_url: str) -> None:
    """A failure inside a nested plain connection of an opening (a review's case): the outer block lets go only the
    connection it was given, so the error raised is the statement's, never a KeyError naming how it connects (with
    the password)."""
    settings = Settings(database_url=postgres_url)
    with (
        pytest.raises(psycopg.errors.UndefinedTable),
        settings.opening(),
        settings._plain_connection(),
        settings._plain_connection() as conn,  # (nested: the outer's connection)
    ):
        conn.execute("SELECT 1 FROM no_such_table_of_careerlog")

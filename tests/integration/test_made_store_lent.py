"""An empty PostgreSQL store made once and lent to one test at a time (tests.stores) is, for each test, as new."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from psycopg import sql

from careerlog.access import Scope
from careerlog.accounts import Accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.conftest import POSTGRES_URL, fresh_schema
from tests.stores import LentSchema, make_empty_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def lent() -> Iterator[LentSchema[None]]:
    store = LentSchema(make_empty_store, "t_lent")
    yield store
    store.drop()


def schema_of(url: str) -> str:
    return url.rsplit("schema=", 1)[1]


def described(schema: str) -> dict[str, object]:
    """A schema's tables (their columns), indexes, rows and sequences, its name left out."""
    with psycopg.connect(POSTGRES_URL) as conn:
        columns = conn.execute(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text,"
            " replace(coalesce(column_default, ''), %s, 'S') FROM information_schema.columns WHERE table_schema = %s"
            " ORDER BY 1, 2",
            (schema, schema),
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexname::text, replace(indexdef, %s, 'S') FROM pg_indexes WHERE schemaname = %s ORDER BY 1",
            (schema, schema),
        ).fetchall()
        sequences = conn.execute(
            "SELECT sequencename::text, last_value FROM pg_sequences WHERE schemaname = %s ORDER BY 1", (schema,)
        ).fetchall()
        rows = {}
        for table in sorted({c[0] for c in columns}):
            found = conn.execute(sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
            rows[table] = sorted(map(repr, found.fetchall()))
    return {"columns": columns, "indexes": indexes, "sequences": sequences, "rows": rows}


def write_something(url: str) -> None:
    """An employee appointed and projected, and an account: rows in the events', views' and accounts' tables."""
    settings = Settings(database_url=url)
    with CareerLog.from_settings(settings) as ledger:
        nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M")
        ledger.record(nip, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        worker = Projector(settings, all_projections(), app=ledger)
        try:
            worker.catch_up()
        finally:
            worker.close()
    store = open_store(settings)
    try:
        Accounts(store).create("someone", display_name="Someone", role="admin", scope=Scope(national=True))
    finally:
        store.close()


def test_a_lent_store_after_a_test_wrote_to_it_is_as_a_newly_made_store(lent: LentSchema[None]) -> None:
    with lent.lend() as (url, _):
        write_something(url)
    with lent.lend() as (url, _), fresh_schema() as new_url:
        make_empty_store(new_url)
        assert described(schema_of(url)) == described(schema_of(new_url))


def test_what_a_test_recorded_is_gone_for_the_next_which_gets_the_same_schema(lent: LentSchema[None]) -> None:
    with lent.lend() as (url, _):
        write_something(url)
        first = url
    with lent.lend() as (url, _):
        assert url == first
        settings = Settings(database_url=url)
        with CareerLog.from_settings(settings) as ledger:
            assert ledger.max_notification_id() == 0
            nip = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F")
            ledger.record(nip, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F"), actor="hr")
            assert [n for n, _ in ledger.iter_events()] == [1]
        store = open_store(settings)
        try:
            assert Accounts(store).list_accounts() == []
        finally:
            store.close()


def test_a_store_whose_tables_a_test_changed_is_dropped_and_made_again(lent: LentSchema[None]) -> None:
    with lent.lend() as (url, _):
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("ALTER TABLE {}.roster ADD COLUMN extra TEXT").format(sql.Identifier(schema_of(url))))
        changed = schema_of(url)
    with psycopg.connect(POSTGRES_URL) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (changed,)).fetchone() == (0,)
    with lent.lend() as (url, _):
        assert schema_of(url) != changed
        with psycopg.connect(POSTGRES_URL) as conn:
            found = conn.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s AND column_name = 'extra'",
                (schema_of(url),),
            )
            assert found.fetchone() == (0,)


@pytest.mark.made_store
def test_a_test_marked_made_store_gets_a_store_whose_tables_are_made(postgres_url: str) -> None:
    with psycopg.connect(POSTGRES_URL) as conn:
        found = conn.execute("SELECT tablename::text FROM pg_tables WHERE schemaname = %s", (schema_of(postgres_url),))
        tables = {name for (name,) in found.fetchall()}
    assert {"careerlog_events", "view_schemas", "roster", "accounts"} <= tables


def test_a_test_not_marked_gets_a_new_schema(postgres_url: str) -> None:
    with psycopg.connect(POSTGRES_URL) as conn:
        found = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s",
            (schema_of(postgres_url),),
        )
        assert found.fetchone() == (0,)


def test_a_store_is_put_back_by_one_server_process_kept_between_tests(lent: LentSchema[None]) -> None:
    """A new server process reads the catalog's entries of the store's hundred tables and indexes again."""
    processes = []
    for _ in range(3):
        with lent.lend() as (url, _):
            write_something(url)
        processes.append(lent.connection().info.backend_pid)
    assert len(set(processes)) == 1

"""Opening a store whose tables are there (every view at its version) creates nothing and takes no lock on the
views' tables: before, every start sent a CREATE ... IF NOT EXISTS for each of the views' tables and indexes (about
75), and on PostgreSQL each CREATE INDEX IF NOT EXISTS took a SHARE lock on its table, index there or not, so a
process starting waited for any write transaction open on a view (a worker's batch) to end. A table or index that
is missing is still made on opening; a new store's are all made, in one transaction. Opening the accounts of a store
whose tables are there, and preparing a PostgreSQL store whose schema is there, no longer wait for a process making
a store's tables (the schema lock)."""

from __future__ import annotations

import threading
import time
from datetime import date

import psycopg
import pytest

from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.sqlstore import Sql, SqlStore, open_store
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=41)


@pytest.fixture
def store(database_url: str) -> Settings:
    """A store opened once (its tables made), with one employee projected."""
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        worker = Projector(settings, all_projections(), app=app)
        worker.catch_up()
        open_accounts(settings, worker.views.sql)
        worker.close()
    return settings


def views_made(settings: Settings) -> list[tuple[object, ...]]:
    worker = Projector(settings, all_projections(), ensure=False)
    try:
        rows = worker.views.sql.query("SELECT name, version, state FROM view_schemas ORDER BY name")
        return [(r["name"], r["version"], r["state"]) for r in rows]
    finally:
        worker.close()


def test_a_store_opened_again_sends_no_ddl(store: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = views_made(store)
    sent: list[str] = []
    execute = Sql.execute

    def noted(self: Sql, statement: str, params: object = ()) -> None:
        sent.append(statement)
        execute(self, statement, params)  # type: ignore[arg-type]

    monkeypatch.setattr(Sql, "execute", noted)
    with CareerLog.from_settings(store) as app:
        worker = Projector(store, all_projections(), app=app)
        open_accounts(store, worker.views.sql)
        worker.close()
    monkeypatch.undo()
    changing = ("CREATE", "ALTER", "DROP", "INSERT", "DELETE", "UPDATE")
    assert [s for s in sent if s.lstrip().upper().startswith(changing)] == []
    assert views_made(store) == before


@pytest.mark.postgres
def test_a_store_opened_again_does_not_wait_for_a_write_open_on_a_view(postgres_url: str) -> None:
    settings = Settings(database_url=postgres_url)
    with CareerLog.from_settings(settings) as app:
        Projector(settings, all_projections(), app=app).close()
    schema = settings.postgres()["schema"]
    opened: list[float] = []

    def open_it() -> None:
        with CareerLog.from_settings(settings) as app:
            Projector(settings, all_projections(), app=app).close()
        opened.append(time.monotonic())

    with psycopg.connect(settings.database_url.partition("?")[0]) as writer:  # a transaction: a worker's batch
        writer.execute(f'LOCK TABLE "{schema}".roster IN ROW EXCLUSIVE MODE')
        thread = threading.Thread(target=open_it)
        thread.start()
        thread.join(timeout=10)
        done_meanwhile = bool(opened)
        writer.rollback()
    thread.join(timeout=30)
    assert done_meanwhile  # (before: it waited for the transaction to end)
    assert opened


def present(sql: Sql, names: list[str]) -> set[str]:
    """Which of the tables and indexes named the store holds (read from its catalog)."""
    if sql.dialect == "postgres":
        return {n for n in names if sql.scalar("SELECT to_regclass(?) AS r", (n,)) is not None}
    return {str(r["name"]) for r in sql.query("SELECT name FROM sqlite_master")} & set(names)


def test_a_table_or_index_missing_is_made_on_opening(store: Settings) -> None:
    sql = open_store(store)
    try:
        with sql.transaction() as tx:
            tx.execute("DROP INDEX roster_ix3")
            tx.execute("DROP TABLE findings")
            tx.execute("DROP INDEX access_log_at")
        with CareerLog.from_settings(store) as app:
            worker = Projector(store, all_projections(), app=app)
            open_accounts(store, worker.views.sql)
            worker.close()
        with sql.statements() as tx:
            assert present(tx, ["roster_ix3", "findings", "access_log_at"]) == {
                "roster_ix3",
                "findings",
                "access_log_at",
            }
            assert tx.query("SELECT COUNT(*) AS n FROM findings") == [{"n": 0}]
    finally:
        sql.close()


def test_a_new_store_has_every_table_and_index(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        worker = Projector(settings, all_projections(), app=app)
        open_accounts(settings, worker.views.sql)
        try:
            names = [
                name
                for projection in worker.projections
                for table in projection.tables
                for name in (table.name, *(f"{table.name}_ix{i}" for i in range(len(table.indexes))))
            ]
            with worker.views.sql.statements() as sql:
                assert present(sql, [*names, "view_schemas", "view_configurations", "accounts"]) == {
                    *names,
                    "view_schemas",
                    "view_configurations",
                    "accounts",
                }
            assert {name for name, _, state in views_made(settings)} == {p.name for p in worker.projections}
        finally:
            worker.close()


def test_accounts_with_their_tables_open_while_another_process_makes_tables(store: Settings) -> None:
    opened: list[float] = []
    sql: list[SqlStore] = []

    def open_them() -> None:
        if store.store == "postgres":
            store.prepare()
        sql.append(open_accounts(store).store)
        opened.append(time.monotonic())

    with store.schema_lock():  # another process making a store's tables
        thread = threading.Thread(target=open_them)
        thread.start()
        thread.join(timeout=5)
        held = bool(opened)
    thread.join(timeout=30)
    for each in sql:
        each.close()
    assert held  # (before: waited for the lock)

"""A bulk write leaves PostgreSQL with the planner's statistics of the tables it filled: `import --migration` (or an
import of config.BULK_ROWS events or more) ANALYZEs the event log, a catch-up of as many events its views' tables.
Before, only `projections rebuild` did (VACUUM (ANALYZE)): on a server with autovacuum off, or before autovacuum's
analyze came round after the load, the planner guessed without them and the region-scope check of an inspector's
card went through the roster's search index (1.8 s a statement instead of a few ms). A small write runs no ANALYZE."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import psycopg.sql
import pytest

from careerlog import config
from careerlog.config import EVENTS_TABLE, Settings
from projections.registry import all_projections
from tests.integration.test_cli import APPOINTMENT, run, write

pytestmark = pytest.mark.postgres  # (SQLite: nothing is analyzed, its planner's guesses serve careerlog's queries)

VIEW_TABLES = sorted({t.name for p in all_projections() for t in p.tables})


def reltuples(url: str) -> dict[str, float]:
    """Each table's row count as the planner knows it (pg_class.reltuples; -1: never analyzed nor vacuumed)."""
    settings = Settings(database_url=url)
    with settings.connect_postgres() as conn:
        rows = conn.execute(
            "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (settings.postgres()["schema"],),
        ).fetchall()
    return {str(name): float(tuples) for name, tuples in rows}


def test_a_migration_import_and_a_bulk_catch_up_leave_their_tables_analyzed(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "demo.jsonl"
    assert run(postgres_url, "demo", "--employees", "3", "--output", str(demo)).exit_code == 0
    imported = run(postgres_url, "import", "--migration", str(demo))
    assert imported.exit_code == 0, imported.output
    assert reltuples(postgres_url)[EVENTS_TABLE] > 0
    assert all(reltuples(postgres_url).get(t, -1) == -1 for t in VIEW_TABLES)  # (not yet: no view caught up)
    monkeypatch.setattr(config, "BULK_ROWS", 10)  # (a demo of 3 employees: a bulk here)
    caught = run(postgres_url, "projections", "run", "--once")
    assert caught.exit_code == 0, caught.output
    known = reltuples(postgres_url)
    assert {t for t in VIEW_TABLES if known[t] == -1} == set()
    assert known["roster"] > 0


def test_a_small_import_and_its_catch_up_analyze_nothing(postgres_url: str, tmp_path: Path) -> None:
    imported = run(postgres_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT)))
    assert imported.exit_code == 0, imported.output
    assert run(postgres_url, "projections", "run", "--once").exit_code == 0
    known = reltuples(postgres_url)
    assert {t for t in [EVENTS_TABLE, *VIEW_TABLES] if known[t] != -1} == set()


def test_an_analyze_that_fails_after_a_bulk_write_is_said_and_the_write_stands(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are recorded and the views caught up before the ANALYZE: its failure (a dropped connection) is a
    warning, not the import's exit of 1, which read as the import failed."""

    def failing(self: Settings, tables: object, *, vacuum: bool = False) -> int:
        raise psycopg.OperationalError("the connection dropped")

    monkeypatch.setattr(Settings, "analyze", failing)
    monkeypatch.setattr(config, "BULK_ROWS", 10)
    demo = tmp_path / "demo.jsonl"
    assert run(postgres_url, "demo", "--employees", "3", "--output", str(demo)).exit_code == 0
    imported = run(postgres_url, "import", "--migration", str(demo))
    assert imported.exit_code == 0, imported.output
    assert "the rows are recorded, but ANALYZE of the log failed (the connection dropped)" in imported.output
    caught = run(postgres_url, "projections", "run", "--once")
    assert caught.exit_code == 0, caught.output
    assert reltuples(postgres_url)["roster"] == -1  # (caught up, its ANALYZE failed: the roster's rows below)
    settings = Settings(database_url=postgres_url)
    roster = psycopg.sql.Identifier(settings.postgres()["schema"], "roster")
    with settings.connect_postgres() as conn:
        [(staff,)] = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(roster)).fetchall()
    assert staff == 3


def test_an_analyze_behind_a_held_lock_gives_up_as_a_warning_instead_of_holding_the_import(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operator's VACUUM (or autovacuum's, or a rebuild's index build) holds the log's table: a bulk import's
    ANALYZE behind it waited with no limit, the web import's answer (or the job) held after its rows were committed;
    it waits config.ANALYZE_LOCK_WAIT now, then fails as any other ANALYZE: a warning, the rows recorded."""
    monkeypatch.setattr(config, "ANALYZE_LOCK_WAIT", "200ms")
    assert run(postgres_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    settings = Settings(database_url=postgres_url)
    log = psycopg.sql.Identifier(settings.postgres()["schema"], EVENTS_TABLE)
    said: list[str | None] = []
    with settings.connect_postgres() as holder, holder.transaction():  # (a VACUUM's lock, held until it ends)
        holder.execute(psycopg.sql.SQL("LOCK TABLE {} IN SHARE UPDATE EXCLUSIVE MODE").format(log))
        analyzing = threading.Thread(target=lambda: said.append(settings.analyze_imported(config.BULK_ROWS)))
        analyzing.start()
        analyzing.join(timeout=20)
        gave_up = not analyzing.is_alive()
        # (the lock let go: an ANALYZE still waiting, before the change, ends now)
    analyzing.join(timeout=20)
    assert gave_up, "the ANALYZE still waited for the lock after 20 s"
    [warning] = said
    assert warning is not None
    assert "ANALYZE of the log failed" in warning
    assert "lock timeout" in warning

"""Backups restore to the same record and views (docs/operations.md, "Backups and restore").

- a `careerlog export` restored with `import --migration` into a fresh store, then rebuilt,
  gives the same export and the same views (from each store into the other);
- a SQLite copy taken with the online backup API while the service has the store open;
- a PostgreSQL `pg_dump --format=custom` restored with `pg_restore` into a new database.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from careerlog.config import Settings
from careerlog.importing import import_rows, read_jsonl
from tests.conftest import POSTGRES_URL, require_postgres
from tests.integration.scenarios import FIXED, play
from tests.integration.test_projections import dump
from tests.integration.test_properties import Store, exported, opened


def populated(config: Settings) -> tuple[bytes, dict[str, list[dict[str, object]]]]:
    """Play the fixed scenario into the store; its export and its views."""
    with opened(config) as store:
        play(store.ledger, store.clock, FIXED)
        store.projector.catch_up()
        return exported(store.ledger), comparable(store)


def comparable(store: Store) -> dict[str, list[dict[str, object]]]:
    """The views, with values as text: SQLite and PostgreSQL hand back dates and numbers differently."""
    return {
        table: [{k: None if v is None else str(v) for k, v in row.items()} for row in rows]
        for table, rows in dump(store.projector.views.sql).items()
    }


def restored_views(config: Settings) -> tuple[bytes, dict[str, list[dict[str, object]]]]:
    with opened(config) as store:
        store.projector.rebuild()
        return exported(store.ledger), comparable(store)


@pytest.fixture
def other_store(database_url: str, request: pytest.FixtureRequest) -> Settings:
    name = "postgres_url" if database_url.startswith("sqlite") else "sqlite_url"
    return Settings(database_url=str(request.getfixturevalue(name)))


def test_an_export_restored_into_a_fresh_store_gives_the_same_views(settings: Settings, other_store: Settings) -> None:
    export, views = populated(settings)
    with opened(other_store) as target:
        report = import_rows(target.ledger, read_jsonl(io.BytesIO(export)), actor="admin", migration=True)
        assert report.ok, report.rejected
    assert restored_views(other_store) == (export, views)
    assert views["roster"]


def test_a_sqlite_online_backup_taken_while_open_restores_the_same(tmp_path: Path) -> None:
    live = Settings(database_url=f"sqlite:///{tmp_path}/live.db")
    with opened(live) as store:
        play(store.ledger, store.clock, FIXED)
        store.projector.catch_up()
        export, views = exported(store.ledger), comparable(store)
        with sqlite3.connect(tmp_path / "live.db") as source, sqlite3.connect(tmp_path / "copy.db") as copy:
            source.backup(copy)
    assert restored_views(Settings(database_url=f"sqlite:///{tmp_path}/copy.db")) == (export, views)


@pytest.fixture
def new_database() -> Iterator[str]:
    """An empty database on the test server, made ready for a restore as docs/operations.md says (pg_trgm, whose
    operator class the roster's search index uses: a schema's dump does not carry it), dropped afterwards."""
    require_postgres()
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    yield url
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_pg_dump_restored_by_pg_restore_gives_the_same(postgres_url: str, new_database: str, tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is not installed")
    export, views = populated(Settings(database_url=postgres_url))
    base, _, schema = postgres_url.partition("?schema=")
    backup = tmp_path / "careerlog.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--schema={schema}", f"--file={backup}", base], check=True)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={new_database}", str(backup)], check=True)
    assert restored_views(Settings(database_url=f"{new_database}?schema={schema}")) == (export, views)

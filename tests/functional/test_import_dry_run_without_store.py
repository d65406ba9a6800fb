"""`careerlog import --dry-run` with CAREERLOG_DATABASE_URL naming no store yet (a new deployment's first import
checked beforehand, or a mistyped URL): the rows are checked as against an empty store, it says so, and nothing is
created. The look made the store (an empty SQLite file and its tables, a PostgreSQL schema and its tables) and the
summary said "would record" every good row, as of a store that was there."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.conftest import POSTGRES_URL, require_postgres

NIP = "198609262010031001"  # (the factories' employee)
OTHER = "199606062023011799"


def rows_file(tmp_path: Path) -> Path:
    rows = [
        {"kind": "appointment", "nip": NIP, **f.appointment()},
        {"kind": "training", "nip": NIP, **f.training("2016-01-08", reference="DRY-1")},
        {"kind": "training", "nip": OTHER, **f.training("2016-01-08", reference="DRY-2")},
    ]
    file = tmp_path / "events.jsonl"
    file.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows))
    return file


def dry_run(url: str, file: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "--dry-run", *options, str(file)], env={"CAREERLOG_DATABASE_URL": url})
    return result.exit_code, result.output


@pytest.mark.parametrize("options", [(), ("--workers", "2")])
def test_a_dry_run_without_a_sqlite_store_checks_as_against_an_empty_one_and_creates_nothing(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    file = rows_file(tmp_path)
    # (in a directory there: one that is not is refused, as by the import; test_sqlite_directory_not_made)
    code, output = dry_run(f"sqlite:///{tmp_path / 'careerlog.db'}", file, *options)
    assert code == 1, output  # (the third row's NIP is appointed by no row)
    assert "yet: the rows were checked as against an empty store, and nothing was created." in output
    assert "would record 2, already recorded 0, rejected 1" in output
    assert f"line 3: nip: No employee with NIP {OTHER} has been appointed." in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]


def test_a_dry_run_on_an_empty_sqlite_file_leaves_it_empty(tmp_path: Path) -> None:
    (tmp_path / "careerlog.db").touch()
    _, output = dry_run(f"sqlite:///{tmp_path / 'careerlog.db'}", rows_file(tmp_path))
    assert "would record 2" in output
    assert (tmp_path / "careerlog.db").stat().st_size == 0


def test_a_dry_run_on_a_store_there_says_nothing_of_an_empty_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    file = rows_file(tmp_path)
    CliRunner().invoke(main, ["import", str(file)], env={"CAREERLOG_DATABASE_URL": url})
    _, output = dry_run(url, file)
    assert "empty store" not in output
    assert "would record 0, already recorded 2, rejected 1" in output


@pytest.mark.postgres
def test_a_dry_run_without_a_postgres_schema_creates_none(tmp_path: Path) -> None:
    require_postgres()
    schema = "t_dry_run_no_store"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        _, output = dry_run(f"{POSTGRES_URL}?schema={schema}", rows_file(tmp_path))
        made = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    assert "would record 2, already recorded 0, rejected 1" in output
    assert "nothing was created" in output
    assert made is None

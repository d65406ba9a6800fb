"""A command that only reads a store refuses one that is not there, and makes nothing.

With CAREERLOG_DATABASE_URL mistyped (a file's name, a schema's), `careerlog export` made a new, empty store there and
wrote 0 events, exit 0: an operator's backup that looked done. Every reading command (export, history, info, the
audits and reports, `projections status` and `rebuild`) now names the store and why it is not one, exit 1, and
leaves nothing behind; the writing commands (import, record, demo, accounts create) still start a
new store where they are told to.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.conftest import POSTGRES_URL, require_postgres
from tests.integration.test_cli import APPOINTMENT, run, write

READING = [
    ["export", "{out}"],
    ["history", "198609262010031001"],
    ["info"],
    ["audit", "promotions"],
    ["audit", "fairness"],
    ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2024"],
    ["projections", "status"],
    ["projections", "rebuild"],
]


def reading(command: list[str], tmp_path: Path) -> list[str]:
    return [part.format(out=tmp_path / "backup.jsonl") for part in command]


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c))
def test_a_reading_command_refuses_a_sqlite_file_that_is_not_there_and_makes_none(
    command: list[str], tmp_path: Path
) -> None:
    file = tmp_path / "careerlgo.db"  # (mistyped)
    result = run(f"sqlite:///{file}", *reading(command, tmp_path))
    assert result.exit_code == 1, result.output
    assert f"No careerlog store at sqlite:///{file}: there is no file {file}." in result.output
    assert "Nothing was created." in result.output
    assert not file.exists()
    assert not (tmp_path / "backup.jsonl").exists()


def test_a_reading_command_refuses_a_sqlite_file_without_a_log_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    file = tmp_path / "other.db"
    with sqlite3.connect(file) as other:
        other.execute("CREATE TABLE notes (text TEXT)")
    before = file.read_bytes()
    result = run(f"sqlite:///{file}", "export", str(tmp_path / "backup.jsonl"))
    assert result.exit_code == 1, result.output
    assert f"the file {file} holds no careerlog store (no table stored_events nor accounts)" in result.output
    assert file.read_bytes() == before


@pytest.mark.postgres
def test_a_reading_command_refuses_a_postgresql_schema_that_is_not_there_and_makes_none(tmp_path: Path) -> None:
    require_postgres()
    schema = f"t_missing_{uuid.uuid4().hex[:8]}"
    url = f"{POSTGRES_URL}?schema={schema}"
    for command in (["export", str(tmp_path / "backup.jsonl")], ["audit", "promotions"], ["projections", "status"]):
        result = run(url, *command)
        assert result.exit_code == 1, result.output
        assert f"No careerlog store at {url}: there is no schema {schema}." in result.output
    with psycopg.connect(POSTGRES_URL) as conn:
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None


def test_the_store_given_by_option_is_named_as_given_not_as_a_missing_default(tmp_path: Path) -> None:
    file = tmp_path / "careerlgo.db"
    result = CliRunner().invoke(main, ["--database-url", f"sqlite:///{file}", "history", "198609262010031001"], env={})
    assert result.exit_code == 1, result.output
    assert "is not set" not in result.output
    assert f"No careerlog store at sqlite:///{file}: there is no file {file}." in result.output


def test_a_writing_command_still_starts_a_new_store_where_it_is_told_to(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert run(url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT))).exit_code == 0
    exported = run(url, "export", str(tmp_path / "backup.jsonl"))
    assert exported.exit_code == 0, exported.output
    assert "exported 1 fact (every event of the log)" in exported.output


def test_a_store_of_accounts_alone_is_read_as_a_store(tmp_path: Path) -> None:
    """An administrator's first step on a new deployment, `accounts create`, makes a store a reading command reads."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    created = CliRunner().invoke(
        main,
        ["accounts", "create", "adm", "--name", "Admin", "--role", "admin", "--national", "--no-password"],
        env={"CAREERLOG_DATABASE_URL": url},
    )
    assert created.exit_code == 0, created.output
    info = run(url, "info")
    assert info.exit_code == 0, info.output
    assert "last event position: 0" in info.output


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c))
def test_the_refusal_says_what_the_command_does_to_a_store(command: list[str], tmp_path: Path) -> None:
    # (`projections rebuild` was refused as a command that "only reads a store", though it writes the views)
    result = run(f"sqlite:///{tmp_path / 'careerlgo.db'}", *reading(command, tmp_path))
    assert result.exit_code == 1, result.output
    rebuilds = command == ["projections", "rebuild"]
    assert ("This command only reads a store and makes none" in result.output) is not rebuilds
    assert ("This command writes only the views of a store's log and makes none" in result.output) is rebuilds

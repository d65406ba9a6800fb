"""A SQLite URL whose directory does not exist is refused naming the directory, exit 1, nothing made: a write command
made the missing directories and a new, empty store in them (`sqlite:///nope/dir/x.db`, a typo, took the records
away from the store meant). The working directory's default store (`make run`, `demo`) is made as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main

CREATE = ["accounts", "create", "hr", "--name", "HR", "--role", "admin", "--national", "--no-password"]


def test_a_write_to_a_sqlite_store_in_a_missing_directory_is_refused_naming_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/nope/dir/x.db"
    result = CliRunner().invoke(main, ["--database-url", url, *CREATE])
    assert result.exit_code == 1, result.output
    assert f"the directory {tmp_path}/nope/dir does not exist" in result.output
    assert "--database-url" in result.output
    assert not (tmp_path / "nope").exists()


def test_a_sqlite_url_of_three_slashes_naming_a_missing_directory_says_an_absolute_path_takes_four(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sqlite:///tmp/h/x.db` names tmp/h/x.db in the working directory: it said only "the directory tmp/h does not
    exist", which /tmp/h did."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--database-url", "sqlite:///tmp/h/x.db", *CREATE])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        f"the directory tmp/h does not exist (the store's file tmp/h/x.db would be in it). tmp/h/x.db is a path from "
        f"the working directory {tmp_path}; an absolute path is written with four slashes: sqlite:////tmp/h/x.db. "
    ) in said
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_store_in_an_existing_directory_is_made(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--database-url", f"sqlite:///{tmp_path}/x.db", *CREATE])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.db").exists()


def test_a_dry_run_import_into_a_missing_directory_is_refused_as_the_import_is(tmp_path: Path) -> None:
    rows = tmp_path / "events.jsonl"
    rows.write_text("")
    url = f"sqlite:///{tmp_path}/nope/x.db"
    result = CliRunner().invoke(main, ["import", "--dry-run", str(rows)], env={"CAREERLOG_DATABASE_URL": url})
    assert result.exit_code == 1, result.output
    assert f"CAREERLOG_DATABASE_URL: the directory {tmp_path}/nope does not exist" in result.output
    assert not (tmp_path / "nope").exists()

"""A file the command line cannot write is a message and exit 1, not a traceback, and records nothing.

Found by the acceptance pass of 2026-12-01: `careerlog export /no/such/dir/x.jsonl` ended in a
FileNotFoundError traceback, and `careerlog import --report /no/such/dir/r.json FILE` recorded
the file's rows and then ended in one, the report lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_an_export_to_a_missing_directory_is_a_message(database_url: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "backup.jsonl"
    assert last_position(database_url) == 0  # (a store made, with nothing recorded: `export` makes none)
    result = run(database_url, "export", str(target))
    assert result.exit_code == 1
    assert f"Error: Cannot write {target}: No such file or directory." in result.output
    assert "Traceback" not in result.output


def test_an_import_whose_report_cannot_be_written_records_nothing(database_url: str, tmp_path: Path) -> None:
    rows = write(tmp_path / "events.jsonl", APPOINTMENT)
    report = tmp_path / "no-such-dir" / "report.json"
    result = run(database_url, "import", "--report", str(report), str(rows))
    assert result.exit_code == 1
    assert f"Error: Cannot write {report}: No such file or directory." in result.output
    assert last_position(database_url) == 0


def test_an_import_refuses_a_report_over_its_own_file(database_url: str, tmp_path: Path) -> None:
    rows = write(tmp_path / "events.jsonl", APPOINTMENT)
    before = rows.read_bytes()
    result = run(database_url, "import", "--report", str(rows), str(rows))
    assert result.exit_code == 2
    assert "the report would overwrite the file imported" in result.output
    assert rows.read_bytes() == before

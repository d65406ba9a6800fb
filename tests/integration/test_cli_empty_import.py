"""An import of a file that holds no rows is a message and exit 1, not a quiet success.

An empty file, one of blank lines, or a CSV of its header alone is what a failed export
or the wrong file looks like; the command said "0 rows: recorded 0 ..." and exited 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("events.jsonl", b""),
        ("events.jsonl", b"\n  \n\t\n"),
        ("events.jsonl", b"\xef\xbb\xbf\r\n"),  # (a byte-order mark alone: was "line 1: ... no JSON object")
        ("training.csv", b""),
        ("training.csv", b"nip,title\n"),
    ],
)
def test_an_import_of_a_file_without_rows_is_a_message_and_exit_1(
    database_url: str, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for options in ([], ["--dry-run"], ["--workers", "2"]):
        result = run(database_url, "import", *options, str(path))
        assert result.exit_code == 1, result.output
        assert "holds no rows" in result.output
        assert "Traceback" not in result.output
    assert last_position(database_url) == 0


def test_the_report_of_an_import_without_rows_is_written(database_url: str, tmp_path: Path) -> None:
    path, report = tmp_path / "events.jsonl", tmp_path / "report.json"
    path.write_bytes(b"")
    result = run(database_url, "import", "--report", str(report), str(path))
    assert result.exit_code == 1
    assert json.loads(report.read_text())["rows"] == 0


def test_an_import_of_one_row_still_exits_0(database_url: str, tmp_path: Path) -> None:
    result = run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT)))
    assert result.exit_code == 0, result.output

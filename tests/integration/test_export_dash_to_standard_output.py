"""`careerlog export -` writes the export on standard output, as `careerlog export` does (the help's "default:
standard output"), the common way of writing it. It wrote a file named `-` in the working directory: `careerlog export
- | gzip > backup.jsonl.gz` made an empty backup and exited 0, the events in a stray file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_an_export_to_a_dash_is_written_on_standard_output(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = write(tmp_path / "events.jsonl", APPOINTMENT)
    assert run(database_url, "import", str(rows)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    plain = run(database_url, "export")
    dashed = run(database_url, "export", "-")
    assert dashed.exit_code == 0, dashed.output
    assert plain.stdout.count("\n") == 1
    assert dashed.stdout == plain.stdout
    assert "exported 1 fact (every event of the log)" in dashed.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["import", "--report", "-"], "--report"),
        (["import", "--refused", "-"], "--refused"),
        (["demo", "--employees", "1", "--output", "-", "--irregularities", "i.json"], "--output"),
        (["demo", "--employees", "1", "--output", "d.jsonl", "--irregularities", "-"], "--irregularities"),
    ],
)
def test_a_dash_named_to_write_a_report_or_the_demo_is_refused_not_written_as_a_file(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], hint: str
) -> None:
    """`-` is standard output to `export` alone: `--report -`, `--refused -` and demo's `--output -` (`| gzip`: the
    summary line compressed alone) wrote a file named `-` in the working directory, the import run or the demo made."""
    rows = write(tmp_path / "events.jsonl", APPOINTMENT)
    monkeypatch.chdir(tmp_path)
    result = run(database_url, *args, *([str(rows)] if args[0] == "import" else []))
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {hint}: - is no standard output here but would be a file named '-'" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]

"""The `careerlog` command line on each store."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=21)
APPOINTMENT = {"kind": "appointment", "nip": NIP, **f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M")}


def run(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": database_url}, catch_exceptions=False)


def write(path: Path, *items: dict[str, object]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(i) + b"\n" for i in items))
    return path


def last_position(database_url: str) -> int:
    """The position of the store's last event (0: nothing recorded), read by an app of its own."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        return app.max_notification_id()


@pytest.mark.parametrize(
    "command",
    [[], ["import"], ["export"], ["demo"], ["history"], ["record"], ["kinds"], ["reference"], ["rules"], ["run"]],
)
def test_every_command_explains_itself(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: careerlog" in result.output
    assert len(result.output.splitlines()) > 4


def test_import_reports_each_rejected_row_and_exits_non_zero(database_url: str, tmp_path: Path) -> None:
    bad = {"kind": "rank_promotion", "nip": NIP, **f.promotion("II/a", "2014-04-01")}
    result = run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT, bad)))
    assert result.exit_code == 1
    assert "line 2: new_rank:" in result.output
    assert "recorded 1, already recorded 0, rejected 1" in result.output


def test_import_of_a_clean_file_exits_zero_and_a_re_run_records_nothing(database_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "e.jsonl", APPOINTMENT)
    assert run(database_url, "import", str(path)).exit_code == 0
    again = run(database_url, "import", str(path))
    assert again.exit_code == 0
    assert "recorded 0, already recorded 1" in again.output


def test_a_dry_run_records_nothing(database_url: str, tmp_path: Path) -> None:
    # a store made first (an account, no event): a dry run into no store makes none (test_import_dry_run_without_store)
    run(database_url, "accounts", "create", "r1", "--name", "Rina", "--role", "reporter", "--national", "--no-password")
    result = run(database_url, "import", "--dry-run", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    assert "would record 1" in result.output
    assert "last event position: 0" in run(database_url, "info").output


def test_the_json_report_lists_rejections(database_url: str, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    bad = {**APPOINTMENT, "sex": "F"}
    run(database_url, "import", "--report", str(report), str(write(tmp_path / "e.jsonl", bad)))
    data = json.loads(report.read_text())
    assert data["rejected"][0]["line"] == 1
    assert "sex" in data["rejected"][0]["errors"]


def test_record_history_and_export(database_url: str, tmp_path: Path) -> None:
    run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    recorded = run(
        database_url,
        "record",
        NIP,
        "rank_promotion",
        "new_rank=III/b",
        "promotion_kind=101",
        "effective_date=2014-04-01",
        "reference=KP-1",
    )
    first, *warned = recorded.output.splitlines()  # (and the audit's findings of it: a CPNS with no ratings yet)
    assert first == f"recorded: rank_promotion version 2 of {NIP}"
    assert all(line.startswith("warning: Recorded; by the rules in force on 2014-04-01") for line in warned), warned
    history = [json.loads(line) for line in run(database_url, "history", NIP).output.splitlines()]
    assert [row["version"] for row in history] == [1, 2]
    out = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(out)).exit_code == 0
    assert len(out.read_text().splitlines()) == 2


def test_a_refused_record_names_the_field(database_url: str) -> None:
    result = CliRunner().invoke(
        main, ["record", NIP, "performance_rating", "year=2020"], env={"CAREERLOG_DATABASE_URL": database_url}
    )
    assert result.exit_code == 1
    assert "Missing data for required field" in result.output


def test_a_bad_database_url_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": "mysql://x/y"})
    assert result.exit_code == 1
    assert "CAREERLOG_DATABASE_URL: unsupported scheme" in result.output


def test_reference_tables_and_kinds_are_listed() -> None:
    assert "III/a\tPenata Muda" in CliRunner().invoke(main, ["reference", "ranks"]).output
    assert "rank_promotion:" in CliRunner().invoke(main, ["kinds"]).output
    tables = CliRunner().invoke(main, ["reference"]).output.splitlines()
    assert "ranks (17 codes): SIASN reference tables (BKN)" in tables
    assert [line for line in tables if line.endswith(":") or line.endswith(": ")] == []  # (a table of no source)


def test_the_console_script_is_installed() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "careerlog"), "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "careerlog" in done.stdout

"""The files careerlog makes holding personal data are readable by their owner alone (0600), whatever the umask:
an export, an import's --report and --refused rows, the demo's output and its list of irregularities (NIPs), a new
SQLite store (and SQLite's -wal and -shm beside it, made with the store's file's mode). Until 2026-12-05 they were
made 0644 under the usual umask 022, readable by every user of the machine."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from tests import factories as f
from tests.integration.test_cli import APPOINTMENT

NIP = f.nip(date(1985, 6, 7), date(2010, 1, 1), "M", sequence=961)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    was = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(was)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_store_and_its_wal_and_shm_are_its_owners_alone(tmp_path: Path) -> None:
    store = tmp_path / "careerlog.db"
    with CareerLog.from_settings(Settings(database_url=f"sqlite:///{store}")) as ledger:
        ledger.record(NIP, "appointment", f.appointment(date(1985, 6, 7), date(2010, 1, 1), "M"), actor="hr")
        beside = [store.with_name(store.name + end) for end in ("-wal", "-shm")]
        assert all(p.exists() for p in beside)  # (WAL mode: made by SQLite while the store is open)
        assert {p.name: mode(p) for p in [store, *beside]} == {p.name: 0o600 for p in [store, *beside]}


def test_an_export_is_its_owners_alone(database_url: str, tmp_path: Path) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as ledger:
        ledger.record(NIP, "appointment", f.appointment(date(1985, 6, 7), date(2010, 1, 1), "M"), actor="hr")
    target = tmp_path / "backup.jsonl"
    stale = target.with_name(target.name + ".partial")
    stale.write_text("left by an export killed\n")  # (0644: made again, not reused)
    result = CliRunner().invoke(main, ["export", str(target)], env={"CAREERLOG_DATABASE_URL": database_url})
    assert result.exit_code == 0, result.output
    assert NIP in target.read_text()
    assert mode(target) == 0o600
    assert not stale.exists()


def test_the_demos_output_is_its_owners_alone(tmp_path: Path) -> None:
    target = tmp_path / "demo.jsonl"
    args = ["demo", "--employees", "3", "--output", str(target), "--irregularities", str(tmp_path / "irr.json")]
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"})
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o600


def test_an_imports_report_and_refused_rows_are_their_owners_alone(database_url: str, tmp_path: Path) -> None:
    bad = {**APPOINTMENT, "name": "Abdul Rahman Harahap", "effective_date": "2010-13-01"}
    source, refused, report = tmp_path / "bad.jsonl", tmp_path / "refused.jsonl", tmp_path / "report.json"
    source.write_bytes(orjson.dumps(bad) + b"\n")
    args = ["import", str(source), "--refused", str(refused), "--report", str(report)]
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": database_url})
    assert result.exit_code == 1, result.output
    assert "Abdul Rahman Harahap" in refused.read_text()
    assert {p.name: mode(p) for p in (refused, report)} == {"refused.jsonl": 0o600, "report.json": 0o600}


@pytest.mark.parametrize("output", [False, True], ids=["recorded", "written"])
def test_the_demos_irregularities_are_their_owners_alone(tmp_path: Path, output: bool) -> None:
    listed = tmp_path / "demo-irregularities.json"
    args = ["demo", "--employees", "20", "--seed", "3", "--irregularities", str(listed)]
    args += ["--output", str(tmp_path / "demo.jsonl")] if output else []
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"})
    assert result.exit_code == 0, result.output
    assert listed.read_text().strip() not in ("", "[]")
    assert mode(listed) == 0o600

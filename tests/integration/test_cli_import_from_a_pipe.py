"""`careerlog import` of a pipe (/dev/stdin, `<(gunzip -c ...)`, a FIFO), which can be read once: what reads the file
again (`--workers`, twice; `--refused`, for the refused rows; a workbook, a ZIP read from its end) is refused naming
FILE and why, exit 2, before the store is opened. Before, `--workers 2` imported no row and said the file held none,
`--refused` said the file was refused as a whole and wrote nothing, and a workbook was a traceback. A CSV or JSON Lines
file read once still imports from a pipe."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main

NIP = "198609262010031001"
COLUMNS = "nip,title,effective_date,reference,training_kind,organiser,hours,start_date"  # (a training's required)
ROWS = f"{COLUMNS}\n{NIP},Arsip,2024-03-06,C-1,TEKNIS,BKPSDM,24,2024-03-04\n"


def imported(tmp_path: Path, *options: str, written: str | None = None) -> Result:
    fifo = tmp_path / "rows"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(written,)) if written is not None else None
    if writer:
        writer.start()
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    try:
        return CliRunner().invoke(main, ["import", *options, str(fifo)], env={"CAREERLOG_DATABASE_URL": url})
    finally:
        if writer:
            writer.join(10)


@pytest.mark.parametrize(
    ("options", "why"),
    [
        (["--workers", "2", "--format", "csv"], "--workers reads it twice"),
        (["--format", "xlsx"], "a workbook (.xlsx) is read from its end"),
        (["--format", "csv", "--refused", "refused.csv"], "--refused reads it again"),
    ],
)
def test_a_pipe_that_would_be_read_again_is_refused_naming_why(tmp_path: Path, options: list[str], why: str) -> None:
    result = imported(tmp_path, "--kind", "training", *options)
    assert result.exit_code == 2, result.output
    said = f"Invalid value for FILE: {tmp_path / 'rows'} is no file but a pipe or a device, which can be read once, "
    assert f"{said}and {why}: save it as a file and import that. Nothing was imported." in result.output
    assert not (tmp_path / "careerlog.db").exists()


def test_a_csv_file_read_once_still_imports_from_a_pipe(tmp_path: Path) -> None:
    result = imported(tmp_path, "--kind", "training", "--format", "csv", "--dry-run", written=ROWS)
    assert result.exit_code == 1, result.output  # (the NIP is nobody's: the row was read and judged)
    assert f"line 2: nip: No employee with NIP {NIP} has been appointed." in result.output


def test_a_dry_run_with_workers_and_no_store_reads_a_pipe_once(tmp_path: Path) -> None:
    # with no store the dry run runs in one process whatever --workers says: the pipe is read once, not refused as
    # "--workers reads it twice"
    result = imported(tmp_path, "--kind", "training", "--format", "csv", "--workers", "2", "--dry-run", written=ROWS)
    assert result.exit_code == 1, result.output  # (the NIP is nobody's: the row was read and judged)
    assert f"line 2: nip: No employee with NIP {NIP} has been appointed." in result.output
    assert not (tmp_path / "careerlog.db").exists()

"""A command writing a file (export, import's --report and --refused, demo's --output and --irregularities) that
fails to write it (no such directory, the disk full: /dev/full) says so in one line naming the file and the reason,
exit 1, no traceback; and a command printing to a pipe its reader closed (`careerlog kinds | head -1`) ends quietly.
Before, a write failing after the file was opened (the disk full) was an OSError traceback, and an export into a
directory that is a file ended naming its `.partial` file ("Cannot use backup.jsonl.partial: Not a directory.")."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.integration.test_cli import APPOINTMENT, write
from tests.processes import CAREERLOG

FULL = Path("/dev/full")  # every write to it fails: ENOSPC, No space left on device
pytestmark = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'careerlog.db'}"
    rows = write(tmp_path_factory.mktemp("rows") / "rows.jsonl", APPOINTMENT)
    assert careerlog(url, "import", str(rows)).exit_code == 0
    return url


def careerlog(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": url})


def commands(tmp_path: Path, out: Path) -> dict[str, list[str]]:
    refused = write(tmp_path / "refused.jsonl", {"kind": "appointment", "nip": "198609262010031001"})
    return {
        "export": ["export", str(out)],
        "import --report": ["import", "--dry-run", str(refused), "--report", str(out)],
        "import --refused": ["import", "--dry-run", str(refused), "--refused", str(out)],
        "demo --output": ["demo", "--employees", "2", "--output", str(out), "--irregularities", str(tmp_path / "i")],
        "demo --irregularities": [
            "demo",
            "--employees",
            "2",
            "--output",
            str(tmp_path / "d"),
            "--irregularities",
            str(out),
        ],
    }


def one_line_naming(result: Result, file: Path, reason: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert errors in ([f"Error: Cannot use {file}: {reason}."], [f"Error: Cannot write {file}: {reason}."]), (
        result.output
    )


@pytest.mark.parametrize(
    "command", ["export", "import --report", "import --refused", "demo --output", "demo --irregularities"]
)
def test_a_file_written_to_a_full_disk_is_named_with_the_reason(store: str, tmp_path: Path, command: str) -> None:
    one_line_naming(careerlog(store, *commands(tmp_path, FULL)[command]), FULL, "No space left on device")


@pytest.mark.parametrize("command", ["export", "import --report", "import --refused"])
def test_a_file_in_a_directory_not_there_is_named_with_the_reason(store: str, tmp_path: Path, command: str) -> None:
    out = tmp_path / "no-such-directory" / "out.jsonl"
    result = careerlog(store, *commands(tmp_path, out)[command])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"Cannot write {out}: " in result.output
    assert not out.parent.exists()


def test_an_export_into_a_directory_that_is_a_file_names_the_export_not_its_partial_file(
    store: str, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "backup.jsonl"
    one_line_naming(careerlog(store, "export", str(out)), out, "Not a directory")


def test_an_export_to_a_full_standard_output_names_it(store: str) -> None:
    with FULL.open("wb") as full:
        done = subprocess.run(
            [CAREERLOG, "export", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ, "CAREERLOG_DATABASE_URL": store},
        )
    assert done.returncode == 1
    assert done.stderr == "Error: Cannot use standard output: No space left on device.\n"


@pytest.mark.parametrize("command", [["kinds"], ["reference"], ["reference", "regions"], ["reference", "agencies"]])
def test_a_command_printing_to_a_pipe_its_reader_closed_ends_quietly(store: str, command: list[str]) -> None:
    reading, writing = os.pipe()
    env = {**os.environ, "CAREERLOG_DATABASE_URL": store}
    with subprocess.Popen([CAREERLOG, *command], stdout=writing, stderr=subprocess.PIPE, env=env) as process:
        os.close(writing)
        with os.fdopen(reading, "rb") as pipe:
            pipe.readline()  # (head -1)
        _, said = process.communicate(timeout=60)
    assert said == b""


def closed_pipe_run(url: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`careerlog ARGS | head -0`: the command's standard output a pipe whose reader is gone before it writes."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        env = {**os.environ, "CAREERLOG_DATABASE_URL": url}
        return subprocess.run([CAREERLOG, *args], stdout=writing, stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(writing)


@pytest.mark.parametrize("command", [["kinds"], ["reference"], ["history", APPOINTMENT["nip"]]])
def test_a_command_whose_output_reader_went_away_exits_141_quietly(store: str, command: list[str]) -> None:
    # (exit 1, as a refusal, with nothing said)
    done = closed_pipe_run(store, *command)
    assert (done.returncode, done.stderr) == (141, b"")


def test_an_import_whose_output_reader_went_away_has_recorded_its_rows_and_does_not_exit_as_refused(
    tmp_path: Path,
) -> None:
    # (`careerlog import rows.jsonl | head -1` recorded every row and exited 1, as an import with rows refused)
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    done = closed_pipe_run(url, "import", str(write(tmp_path / "rows.jsonl", APPOINTMENT)))
    assert (done.returncode, done.stderr) == (141, b"")
    exported = careerlog(url, "history", APPOINTMENT["nip"])
    assert exported.exit_code == 0, exported.output
    assert "appointment" in exported.output.lower()


@pytest.mark.parametrize("command", [["encryption-key"], ["history", APPOINTMENT["nip"]]])
def test_a_command_printing_to_a_full_disk_says_so_in_one_line(store: str, command: list[str]) -> None:
    """(`careerlog encryption-key > key.txt` on a full disk was a traceback, then an internal error, exit 70, as if
    careerlog had a bug: now one line, exit 1, as `export` says it.)"""
    with FULL.open("w") as full:
        env = {**os.environ, "CAREERLOG_DATABASE_URL": store}
        done = subprocess.run([CAREERLOG, *command], stdout=full, stderr=subprocess.PIPE, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr == "Error: Cannot write standard output: No space left on device.\n"


@pytest.mark.parametrize("command", ["kinds", "import"])
def test_a_command_whose_output_and_errors_both_go_to_a_full_disk_exits_1(
    store: str, tmp_path: Path, command: str
) -> None:
    """(`careerlog kinds >/dev/full 2>/dev/full` was exit 70, "a bug": the refusal of the full stdout could not be
    shown on the full stderr either, and that failure was taken for one of careerlog's.)"""
    args = (
        ["import", "--dry-run", str(write(tmp_path / "rows.jsonl", APPOINTMENT))] if command == "import" else [command]
    )
    with FULL.open("w") as full:
        env = {**os.environ, "CAREERLOG_DATABASE_URL": store}
        done = subprocess.run([CAREERLOG, *args], stdout=full, stderr=full, env=env, check=False)
    assert done.returncode == 1

"""A SQLite store on a read-only mount (a backup on read-only media) is refused by every command with a message
saying it cannot be written and why SQLite needs to (the WAL's -wal and -shm files beside it, even to read), and
what to do, exit 1: `accounts list` stopped on an internal error with a traceback (exit 70), the others said the
file "cannot be read as a SQLite store (unable to open database file)", as if it were no store. A read-only bind
mount in a mount namespace of the command's own (`unshare -m`: root, as the tests run here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main

CREATE = ["accounts", "create", "hr", "--name", "HR", "--role", "admin", "--national", "--no-password"]


@pytest.mark.parametrize("command", ["accounts list", "info", "export -", "history 198609262010031001"])
def test_a_sqlite_store_on_a_read_only_mount_is_refused_saying_so(tmp_path: Path, command: str) -> None:
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], check=False).returncode != 0:
        pytest.fail("needs `unshare -m` (root) to mount the store read-only")
    source, mounted = tmp_path / "store", tmp_path / "read-only"
    source.mkdir()
    mounted.mkdir()
    made = CliRunner().invoke(main, ["--database-url", f"sqlite:///{source}/careerlog.db", *CREATE])
    assert made.exit_code == 0, made.output
    careerlog = f"{sys.executable} -m careerlog.cli"
    script = (
        f"mount --bind {source} {mounted} && mount -o remount,bind,ro {mounted} && "
        f"{careerlog} --database-url sqlite:///{mounted}/careerlog.db {command}"
    )
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{mounted} and {mounted}/careerlog.db cannot be written (a read-only file system or mount" in done.stderr
    assert "careerlog.db-wal and careerlog.db-shm beside the store" in done.stderr

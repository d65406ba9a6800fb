"""A SQLite store that this process cannot write (a backup on read-only media, a copy given to an inspector
read-only) is read in place by the commands that only read it (the audits, reports, `history`, `export`, `info`,
`projections status`, `accounts list`, `tokens list`), opened read-only (`file:...?mode=ro`, and `immutable=1` when
its directory cannot be written and no -wal or -shm file is beside it): exit 0, and the store's files are left as they
were, byte for byte, with their times, and no -wal, -shm or lock file made. Before, every command refused it (SQLite's
WAL needs write access even to read). A command that writes (`record`, `accounts create`, `projections rebuild`) is
still refused, naming the store and why, exit 1 (`accounts list` and `tokens list` were too, as they made the
accounts' tables where none were; they only read now); so is a store SQLite cannot read in place safely (a -wal
without its -shm, or a file alone read-only in a directory that can be written, which a writer may open meanwhile).
Views behind the log cannot catch up on a read-only store: the audit says so on standard error and answers with what
the views hold.

Read-only for real: as root (the tests run as root here), chmod stops no write, so the store's directory is
bind-mounted read-only in a mount namespace of the command's own (`unshare -m`), and a file alone made read-only is
refused to a process without the capabilities that pass by permissions (`setpriv`); as another user, the copy's file
and directory are made read-only by their permissions."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)


def snapshot(directory: Path) -> dict[str, tuple[str, int]]:
    """Each file in the directory: its bytes' digest and its modification time."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir())
    }


def recorded(directory: Path, *, views_behind: bool = False) -> Path:
    """A store in `directory` holding BUDI's appointment and a training, its views made and caught up (or, with
    `views_behind`, made before the two records and not caught up since); no -wal or -shm left beside it."""
    settings = Settings(database_url=f"sqlite:///{directory}/careerlog.db")
    worker = Projector(settings, all_projections())
    try:
        if views_behind:
            worker.catch_up()
        worker.app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        worker.app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
        if not views_behind:
            worker.catch_up()
        accounts = open_accounts(settings)
        accounts.create("siti", display_name="Siti Lubis", role="admin", scope=Scope(True, (), ()), password=None)
        accounts.store.close()
    finally:
        worker.close()
    for lock in directory.glob("careerlog.db.*.lock"):  # (the lock files of the processes that made it)
        lock.unlink()
    assert sorted(p.name for p in directory.iterdir()) == ["careerlog.db"]
    return directory / "careerlog.db"


def read_only_run(store: Path, command: list[str], *, directory_too: bool = True) -> subprocess.CompletedProcess[str]:
    """`careerlog COMMAND` on the store's directory made read-only, or (not `directory_too`) its files alone (see the
    module's docstring; root's file alone: its write permissions taken away and the process's capabilities to pass
    by them dropped, setpriv)."""
    main = "import sys; from careerlog.cli import main; sys.argv[0] = 'careerlog'; main()"
    careerlog = [sys.executable, "-c", main, "--database-url", f"sqlite:///{store}", *command]
    directory = store.parent
    if os.geteuid() == 0 and directory_too:
        if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], check=False).returncode != 0:
            pytest.fail("needs `unshare -m` (root) to mount the store read-only")
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        mounted = ["unshare", "-m", "sh", "-c", script, "sh", str(directory), *careerlog]
        return subprocess.run(mounted, capture_output=True, text=True, check=False)
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.fail("needs `setpriv` (root) to run the command without passing by permissions")
        caps = "-dac_override,-dac_read_search,-fowner"
        careerlog = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *careerlog]
    made = [*([directory] if directory_too else []), *directory.iterdir()]
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in made}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        return subprocess.run(careerlog, capture_output=True, text=True, check=False)
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return recorded(tmp_path_factory.mktemp("read-only"))


READS = [
    (["audit", "promotions"], "0 decisions"),
    (["history", BUDI], '"kind": "training"'),
    (["export", "-"], '"kind":"appointment"'),
    (["info"], "last event position: 2"),
    (["projections", "status"], "merit"),
    (["accounts", "list"], "Siti Lubis"),
    (["tokens", "list", "--account", "siti"], ""),
]


@pytest.mark.parametrize(("command", "shown"), READS, ids=[" ".join(c[:2]) for c, _ in READS])
def test_a_reading_command_reads_a_read_only_store_in_place_changing_nothing(
    store: Path, command: list[str], shown: str
) -> None:
    before = snapshot(store.parent)
    done = read_only_run(store, command)
    assert done.returncode == 0, done.stderr
    assert shown in done.stdout
    assert "Warning" not in done.stderr  # (the views are caught up)
    assert snapshot(store.parent) == before  # the same bytes and times, no -wal, -shm nor lock file made


@pytest.mark.parametrize("command", [c for c, _ in READS[:2]], ids=[" ".join(c[:2]) for c, _ in READS[:2]])
def test_a_read_only_file_in_a_writable_directory_is_refused_saying_to_read_it_as_its_owner_or_a_copy(
    store: Path, command: list[str]
) -> None:
    """SQLite's mode=ro alone made careerlog.db-wal and -shm there, read-only as the file: given its write
    permission back, the store refused every write ("attempt to write a readonly database") until they were
    removed. Opened immutable instead (0fc88cc6), the read took no lock: a live store's write landing meanwhile was
    never seen, and a checkpoint could tear the read (review of 2026-12-06). Refused now, nothing made."""
    before = snapshot(store.parent)
    done = read_only_run(store, command, directory_too=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    said = " ".join(done.stderr.split())
    assert (
        f"{store} cannot be written by this process, in a directory that can be, and neither careerlog.db-wal" in said
    )
    assert "Run the command as the store's owner, or copy careerlog.db to a directory of your own" in said
    assert done.stdout == ""
    assert snapshot(store.parent) == before


def test_an_audit_of_views_behind_on_a_read_only_store_warns_they_cannot_catch_up_there(tmp_path: Path) -> None:
    store = recorded(tmp_path, views_behind=True)
    before = snapshot(tmp_path)
    done = read_only_run(store, ["audit", "promotions"])
    assert done.returncode == 0, done.stderr
    assert (
        "Warning: the view merit is 2 events behind the log (at event 0 of 2): these results leave out the records "
        "since, and the store is read in place, read-only, so its views cannot catch up here."
    ) in " ".join(done.stderr.split())
    assert snapshot(tmp_path) == before


WRITES = [
    ["record", BUDI, "training", "end_date=2017-01-08", "hours=8"],
    ["accounts", "create", "budi", "--name", "Budi", "--role", "admin", "--national", "--no-password"],
    ["projections", "rebuild", "merit"],
]


@pytest.mark.parametrize("command", WRITES, ids=[" ".join(c[:2]) for c in WRITES])
def test_a_writing_command_on_a_read_only_store_is_refused_naming_it_and_why(store: Path, command: list[str]) -> None:
    before = snapshot(store.parent)
    done = read_only_run(store, command)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    said = " ".join(done.stderr.split())
    assert f"{store} cannot be written (a read-only file system or mount, or its permissions)" in said
    assert "this command may write to the store, and SQLite's write-ahead log makes careerlog.db-wal" in said
    assert "copy the store's file (with its careerlog.db-wal, if any) to a writable directory" in said
    assert snapshot(store.parent) == before


def test_a_read_only_store_whose_wal_has_no_shm_is_refused_not_read_without_the_wal(tmp_path: Path) -> None:
    store = recorded(tmp_path)
    (tmp_path / "careerlog.db-wal").write_bytes(b"")  # (its records, if any, an immutable read would leave out)
    before = snapshot(tmp_path)
    done = read_only_run(store, ["history", BUDI])
    assert done.returncode == 1, done.stderr
    said = " ".join(done.stderr.split())
    assert f"{tmp_path} and {store} cannot be written, and careerlog.db-wal is beside careerlog.db without " in said
    assert "without careerlog.db-shm: SQLite cannot read it in place read-only" in said
    assert done.stdout == ""
    assert snapshot(tmp_path) == before

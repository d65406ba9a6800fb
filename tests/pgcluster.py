"""A private, throwaway PostgreSQL cluster that a test may stop, crash and restart.

The shared test server on :5432 is never restarted (other tests use it at the same
time); a test that needs a server restart makes its own cluster with the installed
PostgreSQL binaries: initdb into a temporary directory owned by the `postgres` OS user,
trust authentication, listening on 127.0.0.1 only at a free port, its socket in that
directory, fsync on. pg_ctl runs as `postgres` (through runuser when we are root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.conftest import IN_CI
from tests.processes import free_port

OS_USER = "postgres"
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "on",
    "synchronous_commit": "on",
    "max_connections": "60",
    "shared_buffers": "16MB",
    "logging_collector": "off",
}


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory holding initdb and pg_ctl."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").exists()]
    found = [p for p in found if Path(p, "pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, default=None)


def cluster_unavailable() -> str | None:
    """None when a private cluster can be made here, else the reason it cannot."""
    if binaries() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin"
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        return f"no {OS_USER!r} OS user to run a private PostgreSQL cluster as"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "runuser is missing: the private cluster cannot be run as the postgres user"
    return None


def require_cluster() -> Path:
    """The binaries' directory; fail in CI, skip elsewhere, when a cluster cannot be made."""
    problem = cluster_unavailable()
    if problem is not None:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    found = binaries()
    assert found is not None
    return found


@dataclass
class Cluster:
    """One private cluster: its binaries, data directory, port and server log."""

    bin: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return f"postgresql://{OS_USER}@127.0.0.1:{self.port}/postgres"

    def run(self, tool: str, *args: str, timeout: float = 60) -> None:
        """A PostgreSQL tool as the postgres OS user; its output in the error if it fails."""
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")

    def pg_ctl(self, action: str, *args: str) -> None:
        self.run("pg_ctl", action, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", *args)

    def restart(self, mode: str, down: float = 0.0) -> float:
        """Stop (`fast`: clients disconnected, checkpoint; `immediate`: a crash, WAL recovery next) and start.

        `pg_ctl restart`, or with `down` seconds a stop, that pause and a start (a slow
        service restart or a fail-over). The seconds the server was away.
        """
        began = time.monotonic()
        if down:
            with self.stopped(mode):
                time.sleep(down)
        else:
            self.pg_ctl("restart", "-m", mode)
        return time.monotonic() - began

    @contextmanager
    def stopped(self, mode: str = "fast") -> Iterator[None]:
        """The server stopped for the block, started again however the block ends."""
        self.pg_ctl("stop", "-m", mode)
        try:
            yield
        finally:
            self.pg_ctl("start")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def server_log(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def start_on_a_free_port(self, tries: int = 3) -> None:
        """Start; should the port found free have been taken meanwhile (by another test's server), on another."""
        for attempt in range(tries):
            try:
                self.pg_ctl("start")
                return
            except RuntimeError:
                if attempt == tries - 1 or "could not bind" not in self.server_log():
                    raise
            self.port = free_port()
            with (self.data / "postgresql.conf").open("a") as conf:
                conf.write(f"port = {self.port}\n")  # the last setting of a name is the one taken

    def initdb(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", OS_USER, "--auth=trust", "--encoding=UTF8", "--no-sync")
        settings = {**SETTINGS, "port": str(self.port), "unix_socket_directories": f"'{self.root}'"}
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())


def _own_directory() -> Path:
    """A fresh directory the postgres user owns (pytest's tmp dirs are private to root)."""
    root = Path(tempfile.mkdtemp(prefix="careerlog-pg-"))
    shutil.chown(root, OS_USER, OS_USER)
    return root


@contextmanager
def private_cluster() -> Iterator[Cluster]:
    """Make, start and yield a cluster; stop it (immediately) and remove it however the test ended."""
    cluster = Cluster(require_cluster(), _own_directory(), free_port())
    try:
        cluster.initdb()
        cluster.start_on_a_free_port()
        with psycopg.connect(cluster.url, connect_timeout=5):
            pass
        yield cluster
    finally:
        try:
            if cluster.running():
                cluster.pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(cluster.root, ignore_errors=True)

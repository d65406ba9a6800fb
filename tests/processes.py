"""Helpers of the crash and concurrency tests: real careerlog processes, killed and compared.

Processes are the installed `careerlog` console script, started with the store in
CAREERLOG_DATABASE_URL; the tests poll the store from outside to decide when to kill
them. Stores are compared by what they hold: every view table, row by row, and the log.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from careerlog.application import CareerLog, event_row
from careerlog.config import Settings
from careerlog.sqlstore import Row, SqlStore, open_store
from projections.registry import all_projections
from tests.conftest import fresh_schema

CAREERLOG = str(Path(sys.executable).with_name("careerlog"))


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, every: float = 0.02) -> bool:
    """Poll `condition` until it holds (True) or the time is up (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def thread_states(pid: int) -> list[str]:
    """The state of each thread of process `pid` as /proc gives it (R, S, D, T when stopped, Z ...); none once gone."""
    states = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            states.append((task / "stat").read_text().rpartition(")")[2].split()[0])
    except (FileNotFoundError, ProcessLookupError):  # (it ended meanwhile, or a thread of it did: looked at again)
        return [] if not Path(f"/proc/{pid}").exists() else thread_states(pid)
    return states


def freeze(pid: int, timeout: float = 30.0) -> None:
    """SIGSTOP process `pid` and return once it is stopped (each thread's state T), not as soon as the signal is sent:
    the kernel stops a process as it next goes back to user space, and one whose wait in a call was already over (an
    flock it waited for let go, the process not yet run again on a loaded machine) first finishes that call, the lock
    taken. What is looked at right after the kill (a lock seen free) may so be changed by the process before it
    stops: a test that then opened the store waited for ever for the schema lock the stopped rebuild held."""
    os.kill(pid, signal.SIGSTOP)
    if not wait_until(lambda: (s := thread_states(pid)) == [] or all(c in "Tt" for c in s) or "Z" in s, timeout, 0.001):
        raise AssertionError(f"process {pid} was not stopped {timeout:g} s after its SIGSTOP: {thread_states(pid)}")
    if not (states := thread_states(pid)) or "Z" in states:
        raise AssertionError(f"process {pid} ended before it could be frozen")


def as_from_a_terminal() -> None:
    """In the child before it runs careerlog: Ctrl-C's SIGINT as a shell leaves it to a command it starts (its default
    action, not blocked), whatever the test process has made of it (a test runner's worker may ignore or block it, and
    a child inherits both: Python then installs no KeyboardInterrupt handler, and a Ctrl-C test saw the import run to
    its end, exit 0). SIGHUP likewise (a test runner itself run under `nohup` would have it ignored)."""
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGHUP})


def as_under_nohup() -> None:
    """As `nohup careerlog ...` from a terminal: SIGHUP ignored (nohup's `signal(SIGHUP, SIG_IGN)` before it execs the
    command), in a process group of its own, so that a test's SIGHUP reaches it and the processes it forks, as a
    dropped SSH session's reaches the foreground group."""
    as_from_a_terminal()
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    os.setpgrp()


class Careerlog:
    """One `careerlog ARGS` process on a store, its output in a log file."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        nohup: bool = False,
    ):
        """`env` over this process's environment; a variable given None is left out. `nohup`: started as under
        `nohup` (as_under_nohup)."""
        self.log_path = log_path
        self._log: IO[bytes] = log_path.open("ab")
        given = {**os.environ, "CAREERLOG_DATABASE_URL": database_url, **(env or {})}
        environ = {name: value for name, value in given.items() if value is not None}
        self.process = subprocess.Popen(
            [CAREERLOG, *args],
            env=environ,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=as_under_nohup if nohup else as_from_a_terminal,
        )

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction is finished, nothing is flushed."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self._log.close()

    def stop(self, timeout: float = 30.0, sig: int = signal.SIGTERM) -> int:
        """SIGTERM (or `sig`), then the exit status."""
        if self.running:
            self.process.send_signal(sig)
        return self.finish(timeout)

    def close(self) -> None:
        """However the test ended: SIGTERM, and SIGKILL if that is not enough."""
        if self.running:
            try:
                self.stop(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()

    def finish(self, timeout: float = 60.0) -> int:
        code = self.process.wait(timeout)
        self._log.close()
        return code

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def kill_when(process: Careerlog, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """SIGKILL the process as soon as the condition holds; fail if it ended first."""
    reached = wait_until(lambda: condition() or not process.running, timeout, every=0.002)
    if not process.running:
        process.finish()  # (its log file closed, not left to the collector)
        raise AssertionError(f"careerlog ended before it could be killed:\n{process.output()}")
    process.kill()
    assert reached, f"the condition was not reached in {timeout} s:\n{process.output()}"


@contextmanager
def log_held(app: CareerLog) -> Iterator[int]:
    """The log's write lock, held by this process for the block: no other process records an event meanwhile
    (SQLite: BEGIN IMMEDIATE; PostgreSQL: the table lock the library's recorder itself takes to insert). Gives the
    position of the last event committed."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    store = SqlStore(app.recorder.datastore)  # type: ignore[attr-defined]
    with store.transaction(commit=store.dialect == "sqlite") as sql:  # (SQLite's write transaction, nothing written)
        if store.dialect == "postgres":
            sql.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        yield sql.scalar(f"SELECT max({'rowid' if store.dialect == 'sqlite' else 'notification_id'}) FROM {table}") or 0


def kill_at_position(
    process: Careerlog, app: CareerLog, position: int, timeout: float = 60.0, window: float = 0.01
) -> int:
    """SIGKILL the process once the log holds `position` events; the position it was killed at.

    The test looks at the log with the log's write lock held and kills with it still held, so the process cannot
    record anything, nor finish, between the look and the kill; between looks it records for `window` seconds.
    Whatever the machine's load, it is killed with rows of its file still to record (however fast it imports), in
    the middle of its work: waiting to write a batch, or reading and checking the next rows.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with log_held(app) as last:
            if last >= position:
                process.kill()
                return last
            if not process.running:
                process.finish()  # (its log file closed, not left to the collector)
                raise AssertionError(f"careerlog ended at position {last}, before {position}:\n{process.output()}")
        time.sleep(window)
    raise AssertionError(f"the log did not reach position {position} in {timeout} s:\n{process.output()}")


def head(settings: Settings) -> int:
    """The position of the last event in the store's log."""
    with CareerLog.from_settings(settings) as app:
        return app.max_notification_id()


def view_tables(settings: Settings) -> dict[str, list[Row]]:
    """Every row of every view table, in primary-key order, by table."""
    store = open_store(settings)
    try:
        return {
            table.name: store.query(f"SELECT * FROM {table.name} ORDER BY {', '.join(table.primary_key)}")
            for projection in all_projections()
            for table in projection.tables
        }
    finally:
        store.close()


def log_of(settings: Settings) -> list[dict[str, Any]]:
    """Every event of the store in log order, as plain rows (the export format).

    Not their positions: PostgreSQL does not give back the ids a killed transaction drew,
    so a store that lived through a crash may have gaps in its notification ids.
    """
    with CareerLog.from_settings(settings) as app:
        return [event_row(event) for _, event in app.iter_events()]


@contextmanager
def twin_store(database_url: str, directory: Path) -> Iterator[str]:
    """Another empty store of the same kind: a second SQLite file or PostgreSQL schema."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{directory}/twin-{uuid.uuid4().hex[:8]}.db"
        return
    with fresh_schema() as url:
        yield url


LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+) ")


def serve(
    database_url: str, log_path: Path, *args: str, env: Mapping[str, str | None] | None = None
) -> tuple[Careerlog, str]:
    """`careerlog serve ARGS` on 127.0.0.1 at a port the kernel gives gunicorn as it binds, and the base URL,
    once gunicorn listens (its workers may still be loading the app: wait for an answer too).

    Not a port found free and released first: another process may take it before gunicorn binds it, and
    gunicorn then gives up after five tries a second apart (under xdist two workers start servers at once).
    """
    # (--create-store: the tests serve new stores too; a store not there is refused without it)
    server = Careerlog(database_url, log_path, "serve", "--create-store", "--bind", "127.0.0.1:0", *args, env=env)
    found: list[str] = []

    def listening() -> bool:
        found[:] = LISTENING.findall(server.output())
        return bool(found)

    if not wait_until(lambda: listening() or not server.running, timeout=120) or not found:
        server.close()
        raise AssertionError(f"careerlog serve did not listen:\n{server.output()}")
    return server, f"http://127.0.0.1:{found[-1]}"


# The process `Forks` starts: it imports the given modules, then forks one child per job it reads (a JSON line: the
# arguments, the environment and the output files) and answers the child's pid, then its exit code. The child is a
# `careerlog` run as the console script runs it (sys.exit(main())), its SystemExit or traceback ending the process.
FORKING = """
import json, os, sys, threading
from careerlog.cli import main
for module in sys.argv[2:]:
    __import__(module)
while line := sys.stdin.readline():
    args, env, out, err = json.loads(line)
    assert threading.active_count() == 1, threading.enumerate()  # (a fork copies no other thread, nor its locks)
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = [sys.argv[1], *args]
        sys.exit(main())
    print(pid, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


class Forks:
    """`careerlog ARGS` run to its end, each in a child forked from one process that imported the command line
    (careerlog.cli, and `preload`: a command's module, such as `serve`'s web.cli) once.

    Each run is a process of its own with its own environment, exit code, standard output and error, from
    `careerlog.cli.main` on as the `careerlog` console script runs it; what it does not pay again is Python's start
    and those imports (about 1 s of CPU a run here). Only for commands that end by themselves; no careerlog module
    reads the environment as it is imported (settings, rules and names files are read when a command runs), and
    the forking process has read nothing but its imports, without CAREERLOG_* in its environment.
    """

    def __init__(self, *preload: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERLOG_")}
        self.process = subprocess.Popen(
            [sys.executable, "-c", FORKING, CAREERLOG, *preload], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.pending = b""  # read from the forking process, not yet taken as an answer

    def _answer(self, timeout: float) -> int:
        """The forking process's next line (a pid, an exit code). Read from its pipe unbuffered, into `pending`: a
        buffered readline could take the pid and the exit code written just after it at once, leaving select
        nothing to see until the timeout."""
        assert self.process.stdout is not None
        reader, deadline = self.process.stdout.fileno(), time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([reader], [], [], left)[0]:
                raise subprocess.TimeoutExpired("careerlog (forked)", timeout)
            if not (chunk := os.read(reader, 4096)):
                raise AssertionError(f"the forking process ended: {self.process.wait(10)}")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return int(line)

    def run(
        self, directory: Path, *args: str, env: dict[str, str], timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """`careerlog ARGS` with exactly `env` as its environment, its output in files of `directory`."""
        assert self.process.stdin is not None
        out, err = directory / "careerlog.out", directory / "careerlog.err"
        self.process.stdin.write(json.dumps([list(args), env, str(out), str(err)]).encode() + b"\n")
        self.process.stdin.flush()
        pid = self._answer(timeout)
        try:
            code = self._answer(timeout)
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)  # (not yet reaped: the forking process waits for it, then answers)
            self._answer(30)  # its exit code, so that the next run's answers are its own
            raise
        return subprocess.CompletedProcess([CAREERLOG, *args], code, out.read_text(), err.read_text())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (another process may take it before it is used:
    `serve` lets gunicorn bind its own)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

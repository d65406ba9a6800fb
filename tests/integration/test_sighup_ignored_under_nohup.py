"""A command started under `nohup` (SIGHUP ignored when it starts) outlives a dropped SSH session (SIGHUP), as the
operations guide says ("Run a long rebuild or import under `nohup` ..."); one started from a terminal still stops on
SIGHUP. Until 2026-12-06 careerlog set its own handler of SIGHUP over nohup's ignoring it: `nohup careerlog import`
or `projections rebuild` stopped at a dropped session (exit 129; test_rebuild_stopped_is_named.py), and a worker
(`projections run`) under nohup ended, exit 0. Here: the worker, and careerlog.cli.ends_on_sigterm (an import's, a
rebuild's) in this process."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog.cli import StoppedBySigterm, ends_on_sigterm
from tests.processes import Careerlog, wait_until


def following(worker: Careerlog) -> bool:
    return "following the log for" in worker.output() or not worker.running


def test_a_worker_started_under_nohup_outlives_a_sighup(database_url: str, tmp_path: Path) -> None:
    worker = Careerlog(database_url, tmp_path / "worker.log", "projections", "run", "--poll", "0.05", nohup=True)
    try:
        assert wait_until(lambda: following(worker), timeout=60), worker.output()
        assert worker.running, worker.output()
        os.killpg(worker.process.pid, signal.SIGHUP)  # (its process group: as a dropped session's)
        assert not wait_until(lambda: not worker.running, timeout=2), worker.output()
        assert worker.stop(timeout=30) == 0, worker.output()  # (SIGTERM still stops it)
    finally:
        worker.close()
    assert "stopped by a signal after applying" in worker.output()


def test_a_worker_started_from_a_terminal_still_stops_on_sighup(database_url: str, tmp_path: Path) -> None:
    worker = Careerlog(database_url, tmp_path / "worker.log", "projections", "run", "--poll", "0.05")
    try:
        assert wait_until(lambda: following(worker), timeout=60), worker.output()
        assert worker.running, worker.output()
        assert worker.stop(timeout=30, sig=signal.SIGHUP) == 0, worker.output()
    finally:
        worker.close()
    assert "stopped by a signal after applying" in worker.output()


@pytest.fixture
def sighup_ignored() -> Iterator[None]:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)


@pytest.mark.usefixtures("sighup_ignored")
def test_a_long_command_started_with_sighup_ignored_leaves_it_ignored() -> None:
    with ends_on_sigterm("what it leaves."):
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        os.kill(os.getpid(), signal.SIGHUP)  # (ignored: the command goes on)
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    with pytest.raises(StoppedBySigterm) as stopped, ends_on_sigterm("what it leaves."):
        os.kill(os.getpid(), signal.SIGTERM)  # (SIGTERM still stops it)
    assert stopped.value.exit_code == 143

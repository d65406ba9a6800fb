"""SIGTERM (a service manager's stop, `kill`) ends a long command, `careerlog import` or `projections rebuild`, by
saying so and what it leaves, exit 143 (128 + 15, as a shell reports the signal). Before, SIGTERM's default ended it
at once without a word. Nothing is half-recorded: an import's batch under way is rolled back (those saved before
stay, each whole) and the same import run again records the rest, nothing twice; a rebuild's views stay marked as
rebuilding, its forked processes end, and a rebuild run again makes them ready. Both stores."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from eventsourcing.persistence import PersistenceError

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from projections.framework import Projector
from projections.registry import select
from tests.integration.test_import_workers import gone, imported, stored
from tests.processes import Careerlog, freeze, twin_store, wait_until

STOPPED = "Error: stopped by SIGTERM: "


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo whose import in batches of 50 rows lasts some seconds (the test stops it well before its end)."""
    directory = tmp_path_factory.mktemp("sigterm")
    path = directory / "demo.jsonl"
    write_demo(path, employees=300, seed=5, irregularities_path=directory / "irregular.json")
    return path


def stopped_when(
    process: Careerlog, condition: Callable[[], bool], signum: signal.Signals = signal.SIGTERM
) -> tuple[int, list[int]]:
    """Freeze the process (SIGSTOP) once `condition()` holds, check it is still under way, then SIGTERM (`signum`)
    it: the signal taken where it was once it runs again (SIGCONT). Its exit status, and its children while it was
    frozen."""
    reached = wait_until(lambda: condition() or not process.running, timeout=60, every=0.005)
    assert process.running, f"it ended before it could be stopped:\n{process.output()}"
    assert reached, process.output()
    pid = process.process.pid
    freeze(pid)  # (stopped, not only sent its SIGSTOP: its children are all there, none forked after the look)
    children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    os.kill(pid, signum)
    os.kill(pid, signal.SIGCONT)
    return process.finish(timeout=60), children


def test_sigterm_stops_an_import_saying_so_exit_143_and_a_re_run_records_the_rest(
    database_url: str, demo: Path, tmp_path: Path
) -> None:
    with twin_store(database_url, tmp_path) as twin:
        _, whole = imported(twin, demo, workers=1, migration=True)
        expected = stored(whole)
    settings = Settings(database_url=database_url)
    args = ["import", "--migration", "--batch-size", "50", str(demo)]
    first = Careerlog(database_url, tmp_path / "first.log", *args)
    try:
        with CareerLog.from_settings(settings) as app:
            code, _ = stopped_when(first, lambda: app.max_notification_id() >= 200)
    finally:
        first.close()
    assert code == 143, first.output()
    assert STOPPED + "the rows being saved were not recorded, those saved before stay recorded" in first.output()
    assert "Traceback" not in first.output()
    partial = stored(settings)
    assert 200 <= len(partial) < len(expected)
    assert set(partial) <= set(expected)  # (each event as the whole import stores it)
    again = Careerlog(database_url, tmp_path / "again.log", *args)
    try:
        assert again.finish(timeout=120) == 0, again.output()
    finally:
        again.close()
    assert stored(settings) == expected  # the rest recorded, nothing twice


def states(settings: Settings) -> set[str]:
    """The views' states; none while the rebuild has not made their tables yet."""
    worker = Projector(settings, select(), ensure=False)
    try:
        return {status.state for status in worker.status()}
    except PersistenceError:
        return set()
    finally:
        worker.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_stops_a_rebuild_saying_so_exit_143_and_its_processes_end(
    database_url: str, demo: Path, tmp_path: Path, jobs: str
) -> None:
    imported(database_url, demo, workers=1, migration=True)
    settings = Settings(database_url=database_url)
    rebuild = Careerlog(database_url, tmp_path / "rebuild.log", "projections", "rebuild", "--jobs", jobs)
    try:
        code, children = stopped_when(rebuild, lambda: states(settings) == {"rebuilding"})
    finally:
        rebuild.close()
    assert code == 143, rebuild.output()
    assert STOPPED + "the rebuild did not finish; the views stay marked as rebuilding" in rebuild.output()
    assert "Traceback" not in rebuild.output()
    assert wait_until(lambda: all(gone(pid) for pid in children), timeout=10)  # (--jobs 2: the one forked)
    assert states(settings) == {"rebuilding"}
    again = Careerlog(database_url, tmp_path / "again.log", "projections", "rebuild", "--jobs", jobs)
    try:
        assert again.finish(timeout=120) == 0, again.output()
    finally:
        again.close()
    assert states(settings) == {"ready"}

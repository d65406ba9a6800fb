"""`import --workers N`: the rows split by record over processes give the store and report of a serial import.

Only the order of different records' events in the log may differ, so stores are
compared record by record: every stored event's subject, version, topic and state bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from careerlog.import_workers import Links, find_links, row_links
from careerlog.importing import MIGRATION_KEYS, ImportReport, import_file
from careerlog.sqlstore import open_store
from tests import factories as f
from tests.integration.test_import_export import MENTEE, MENTOR, rows, write_jsonl
from tests.processes import Careerlog, freeze, twin_store, wait_until

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

LATE_MENTOR = f.nip(date(1980, 6, 7), date(2005, 3, 1), "M", sequence=13)


def stored(settings: Settings) -> list[tuple[str, int, str, bytes]]:
    """Every stored event (subject, version, topic, state) ordered by record and version."""
    table = "stored_events" if settings.store == "sqlite" else "careerlog_events"
    store = open_store(settings)
    try:
        found = store.query(f"SELECT originator_id, originator_version, topic, state FROM {table}")
    finally:
        store.close()
    return sorted((r["originator_id"], r["originator_version"], r["topic"], bytes(r["state"])) for r in found)


def imported(database_url: str, path: Path, *, workers: int, **options: Any) -> tuple[ImportReport, Settings]:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        report = import_file(app, path, actor="import", workers=workers, batch_size=50, **options)
    return report, settings


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("workers")
    path = directory / "demo.jsonl"
    write_demo(path, employees=25, seed=5, irregularities_path=directory / "irregular.json")
    return path


def test_a_migration_import_with_workers_stores_what_a_serial_import_stores(
    database_url: str, demo: Path, tmp_path: Path
) -> None:
    parallel, parallel_store = imported(database_url, demo, workers=3, migration=True)
    assert parallel.ok, parallel.rejected[:3]
    with twin_store(database_url, tmp_path) as twin:
        serial, serial_store = imported(twin, demo, workers=1, migration=True)
        expected = stored(serial_store)
    assert parallel.to_dict() == serial.to_dict()
    assert any(topic.endswith("MenteeAssigned") for _, _, topic, _ in expected), "the demo has no mentoring"
    assert stored(parallel_store) == expected


def test_bad_rows_are_reported_the_same_with_workers(database_url: str, tmp_path: Path) -> None:
    mentoring_before_the_mentor = {
        "kind": "mentoring_start",
        "nip": MENTEE,
        "mentor_nip": LATE_MENTOR,
        "focus": "Arsip",
        "effective_date": "2021-03-02",
        "reference": "MNT-2",
    }
    late = {"kind": "appointment", "nip": LATE_MENTOR, **f.appointment(date(1980, 6, 7), date(2005, 3, 1), "M")}
    no_subject = {"kind": "training", "title": "Arsip"}
    path = write_jsonl(tmp_path / "rows.jsonl", [*rows(), mentoring_before_the_mentor, late, no_subject], b"[1]\n")
    parallel, parallel_store = imported(database_url, path, workers=2)
    with twin_store(database_url, tmp_path) as twin:
        serial, serial_store = imported(twin, path, workers=1)
        expected = stored(serial_store)
    assert parallel.to_dict() == serial.to_dict()
    problems = {p.line: p.errors for p in parallel.rejected}
    assert set(problems) == {4, 9, 10, 11, 13, 14}
    assert "had been appointed at this row: line 12 of this file appoints them" in problems[11]["mentor_nip"][0]
    assert [(s, v, t) for s, v, t, _ in stored(parallel_store)] == [(s, v, t) for s, v, t, _ in expected]


def test_a_dry_run_with_workers_reports_as_a_serial_one_and_records_nothing(app: CareerLog, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "rows.jsonl", rows())
    parallel = import_file(app, path, actor="hr", dry_run=True, workers=2)
    serial = import_file(app, path, actor="hr", dry_run=True)
    assert parallel.to_dict() == serial.to_dict()
    assert (parallel.recorded, len(parallel.rejected)) == (7, 3)
    assert app.max_notification_id() == 0


def test_retracting_a_stored_mentoring_with_workers_retracts_the_mentors_side_too(
    database_url: str, tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", rows()[:7])
    retraction = {"kind": "retraction", "nip": MENTEE, **f.retraction(4, "2020-06-01")}
    second = write_jsonl(tmp_path / "second.jsonl", [retraction])
    _, settings = imported(database_url, first, workers=1)
    with CareerLog.from_settings(settings) as app:
        links = find_links(app, [(1, retraction, 0)])  # the stored mentoring ties the mentee to the mentor
    assert links.root(MENTEE) == links.root(MENTOR)
    parallel, parallel_store = imported(database_url, second, workers=2)
    assert parallel.rejected == []
    assert parallel.recorded == 1
    with twin_store(database_url, tmp_path) as twin:
        imported(twin, first, workers=1)
        serial, serial_store = imported(twin, second, workers=1)
        expected = stored(serial_store)
    assert parallel.to_dict() == serial.to_dict()
    got = stored(parallel_store)
    assert [(s, v, t) for s, v, t, _ in got] == [(s, v, t) for s, v, t, _ in expected]
    assert sum(t.endswith("EventRetracted") for _, _, t, _ in got) == 2  # the mentee's and the mentor's


def test_records_tied_by_a_mentor_go_to_the_same_worker(app: CareerLog) -> None:
    mentoring = {"kind": "mentoring_start", "nip": MENTEE, "mentor_nip": f" {MENTOR} "}
    correction = {"kind": "correction", "nip": "X1", "corrected_fields": {"mentor_nip": "X2"}}
    links = find_links(app, [(1, mentoring, 0), (2, correction, 0), (3, {"kind": "training", "nip": "X3"}, 0)])
    assert row_links(mentoring) == [MENTOR]
    for workers in (2, 3, 7):
        assert links.worker_of(MENTEE, workers) == links.worker_of(MENTOR, workers)
        assert links.worker_of("X1", workers) == links.worker_of("X2", workers)
    assert links.root("X3") == "X3"


def test_a_csv_file_with_workers_is_imported_as_with_one_process(database_url: str, tmp_path: Path) -> None:
    people = write_jsonl(tmp_path / "people.jsonl", rows()[:2])
    csv_path = tmp_path / "training.csv"
    csv_path.write_text(
        "nip,training_kind,title,organiser,hours,start_date,effective_date,reference,cost\n"
        f"{MENTEE},TEKNIS,Arsip,BKPSDM,8,2021-05-03,2021-05-03,C-9,\n"
        f"{MENTOR},TEKNIS,Arsip,BKPSDM,-8,2021-05-04,2021-05-04,C-10,\n"
        f"{MENTOR},TEKNIS,Arsip,BKPSDM,4,2021-05-05,2021-05-05,C-11,\n"
        ",TEKNIS,Arsip,BKPSDM,4,2021-05-05,2021-05-05,C-12,\n"
    )

    def people_then_training(url: str, workers: int) -> tuple[dict[str, Any], list[tuple[str, int, str]]]:
        imported(url, people, workers=1)
        report, settings = imported(url, csv_path, workers=workers)
        return report.to_dict(), [(s, v, t) for s, v, t, _ in stored(settings)]

    parallel = people_then_training(database_url, 2)
    with twin_store(database_url, tmp_path) as twin:
        serial = people_then_training(twin, 1)
    assert parallel == serial
    assert [p["line"] for p in parallel[0]["rejected"]] == [3, 5]


def worker_pids(pid: int) -> list[int]:
    """The import workers among a process's children (spawned Python processes; not the resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.fixture(scope="module")
def long_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo whose import lasts: in two clean-clone runs of a loaded machine the 80 employees' (`larger_demo`) had
    ended, the wait having seen its workers late, before the Ctrl-C test's signals (the command's exit 0); so had
    400 employees' (about half a second of import on a quiet machine) in two clean-clone runs of 2026-12-05. 3,000
    employees' import lasts about 4 s quiet (the demo is written in about 3 s, once per module; the command is
    stopped by the test long before its end)."""
    directory = tmp_path_factory.mktemp("ctrl-c")
    path = directory / "demo.jsonl"
    write_demo(path, employees=3000, seed=5, irregularities_path=directory / "irregular.json")
    return path


@pytest.fixture(scope="module")
def larger_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo large enough that its import is still under way when the test stops its workers."""
    directory = tmp_path_factory.mktemp("workers-killed")
    path = directory / "demo.jsonl"
    write_demo(path, employees=80, seed=5, irregularities_path=directory / "irregular.json")
    return path


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers through /proc")
def test_an_import_whose_worker_dies_stops_with_an_error_and_a_re_run_finishes_it(
    database_url: str, larger_demo: Path, tmp_path: Path
) -> None:
    """The workers are frozen (SIGSTOP) once events are stored, and killed only if the store then holds fewer
    events than the whole import stores: a worker puts its report only after storing all of its events, so at
    least one of them dies before reporting. (Killing one worker unfrozen raced it: on a loaded machine the
    worker could have stored its share and reported before the kill, and the import then rightly succeeded.)"""
    with twin_store(database_url, tmp_path) as twin:
        _, serial_store = imported(twin, larger_demo, workers=1, migration=True)
        expected = stored(serial_store)
    args = ["import", "--migration", "--workers", "2", "--batch-size", "50", str(larger_demo)]
    settings = Settings(database_url=database_url)
    first = Careerlog(database_url, tmp_path / "first.log", *args)
    try:
        with CareerLog.from_settings(settings) as app:
            assert wait_until(lambda: app.max_notification_id() >= 100 or not first.running), first.output()
            workers = worker_pids(first.process.pid)
            assert len(workers) == 2, first.output()
            for pid in workers:  # (stopped before the store is counted, not only sent SIGSTOP: a worker whose
                freeze(pid)  # write call was under way finished it first, its batch committed after the count)
            assert len(stored(settings)) < len(expected), "the import finished before its workers were stopped"
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        assert first.finish(timeout=30) == 1
    finally:
        first.close()
    assert "Import worker" in first.output()
    assert "run the import again" in first.output()
    again = Careerlog(database_url, tmp_path / "again.log", *args)
    try:
        assert again.finish() == 0, again.output()
    finally:
        again.close()
    assert stored(settings) == expected


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers through /proc")
def test_ctrl_c_stops_the_import_and_its_workers_with_no_traceback(long_demo: Path, tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to every process of the command, as a terminal sends it) just after the workers have started,
    while they import their modules: the command says "Aborted!" and exits 1, its workers end, and nothing but that
    is written. The workers took it each as it could: one still importing wrote a KeyboardInterrupt traceback
    (several, interleaved); now they never take it, and the importing process stops them. (What such a stop leaves,
    and a re-run, is as for a worker killed, above; signals are no store's: SQLite alone.)"""
    args = ["import", "--migration", "--workers", "2", "--batch-size", "50", str(long_demo)]
    first = Careerlog(f"sqlite:///{tmp_path / 'careerlog.db'}", tmp_path / "first.log", *args)
    try:
        assert wait_until(lambda: len(worker_pids(first.process.pid)) == 2 or not first.running, every=0.005)
        workers = worker_pids(first.process.pid)
        assert len(workers) == 2, first.output()
        time.sleep(0.05)  # (their Python started, importing careerlog)
        for pid in workers:  # held (stopped) until the command has its Ctrl-C: on a loaded machine the import, seen
            freeze(pid)  # late by the wait above, could end before it (exit 0 in a clean-clone run); stopped, not only
            # sent SIGSTOP, before its SIGINT: a worker not yet stopped takes a SIGINT pending beside it first
        for pid in workers:  # (and the importing process last, a moment after: before, it could end them by then)
            os.kill(pid, signal.SIGINT)
        time.sleep(0.1)
        os.kill(first.process.pid, signal.SIGINT)
        time.sleep(0.05)
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
        assert first.finish(timeout=30) == 1
        assert wait_until(lambda: all(gone(pid) for pid in workers), timeout=10)
    finally:
        first.close()
    said, aborted = first.output().split("\n", 1)  # (what it recorded before the stop: the import's own line)
    assert re.fullmatch(r"Import interrupted \(Ctrl-C\)\. It recorded [\d,]+ events? before the stop; .*", said), said
    assert aborted == "\nAborted!\n"


WORKER = """
import os, sys, time
from pathlib import Path
if sys.argv[2] == "after-its-parent":  # it comes to die_with_parent once its importing process has ended
    while os.getppid() == int(sys.argv[1]):
        time.sleep(0.01)
from careerlog.import_workers import die_with_parent
die_with_parent(int(sys.argv[1]))
Path(sys.argv[3]).write_text("armed")
time.sleep(60)
"""
PARENT = """
import os, subprocess, sys, time
from pathlib import Path
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid()), sys.argv[2], sys.argv[3]])
# written whole, then renamed: the test waits for the file and reads it at once
Path(sys.argv[4] + ".new").write_text(str(child.pid))
os.replace(sys.argv[4] + ".new", sys.argv[4])
time.sleep(float(sys.argv[5]))
"""


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its new parent counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def worker_of_a_parent(tmp_path: Path, *, after_its_parent: bool, parent_lives: float) -> tuple[int, Path, Any]:
    armed, child_pid = tmp_path / "armed", tmp_path / "pid"
    starts = "after-its-parent" if after_its_parent else "at-once"
    args = [WORKER, starts, str(armed), str(child_pid), str(parent_lives)]
    parent = subprocess.Popen([sys.executable, "-c", PARENT, *args])
    assert wait_until(child_pid.exists)
    return int(child_pid.read_text()), armed, parent


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's parent-death signal (prctl) is Linux's")
def test_a_worker_is_killed_with_the_importing_process(tmp_path: Path) -> None:
    pid, armed, parent = worker_of_a_parent(tmp_path, after_its_parent=False, parent_lives=60)
    try:
        assert wait_until(armed.exists)
        parent.kill()
        assert wait_until(lambda: gone(pid), timeout=10)
    finally:
        parent.kill()
        parent.wait()
        end(pid)


def test_a_worker_whose_importing_process_died_before_it_started_ends_at_once(tmp_path: Path) -> None:
    pid, armed, parent = worker_of_a_parent(tmp_path, after_its_parent=True, parent_lives=0)
    try:
        assert parent.wait(30) == 0
        assert wait_until(lambda: gone(pid), timeout=30)
        assert not armed.exists()
    finally:
        end(pid)


def end(pid: int) -> None:
    """However the test went, the stand-in worker does not outlive it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def test_ties_join_chains_of_records() -> None:
    links = Links()
    links.tie("a", "b")
    links.tie("c", "d")
    links.tie("d", "b")
    assert len({links.root(s) for s in "abcd"}) == 1


def test_hr_rows_with_workers_get_the_versions_and_payloads_of_a_serial_import(
    database_url: str, demo: Path, tmp_path: Path
) -> None:
    hr = tmp_path / "hr.jsonl"
    lines = [orjson.loads(line) for line in demo.read_bytes().splitlines()[:400]]
    hr.write_bytes(
        b"".join(orjson.dumps({k: v for k, v in r.items() if k not in MIGRATION_KEYS}) + b"\n" for r in lines)
    )
    parallel, parallel_store = imported(database_url, hr, workers=2)
    with twin_store(database_url, tmp_path) as twin:
        serial, serial_store = imported(twin, hr, workers=1)
        expected = stored(serial_store)
    assert parallel.to_dict() == serial.to_dict()
    assert [(s, v, t) for s, v, t, _ in stored(parallel_store)] == [(s, v, t) for s, v, t, _ in expected]

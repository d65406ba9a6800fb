"""A rebuild in several processes (`rebuild(jobs=N)`, `careerlog projections rebuild --jobs N`)
gives the tables of a serial rebuild, on both stores, and the worker continues after it exactly once.

The tests that read the log without writing to it (the ranges, the counts) and those that rebuild every view from it
and compare with its serial rebuild share one store per module and store kind (`careers`): recorded and rebuilt
serially once. A rebuild of every view starts from zero whatever the views held, as the serial one did."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import orjson
import pytest
from click.testing import CliRunner

from bench import common
from bench import rebuild as rebuild_bench
from careerlog.application import CareerLog
from careerlog.cli import main as cli
from careerlog.config import Settings
from projections import framework
from projections.career import CareerRecord
from projections.framework import (
    SQLITE_INSERT_PARAMETERS,
    Follower,
    Projector,
    RangeWorkers,
    RebuildFailed,
    Table,
    insert_rows,
)
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f
from tests.integration.test_projections import BUDI, RINA, SARI, clock, dump, ledger, populate, projector

__all__ = ["clock", "ledger", "projector"]  # the fixtures of test_projections, used here too

pytestmark = pytest.mark.xdist_group("test_rebuild_jobs")  # on one worker: its module store (`careers`) built once


@pytest.fixture(scope="module", autouse=True)
def small_range_pools() -> Iterator[None]:
    """The forked processes' pools at 1 and 1 overflow (2 + 2 connections each, not 4 + 4) for the module: a
    rebuild --jobs 8 on PostgreSQL then asks 28 free connections (check_connections), not 56, and opens as few, so
    that it is neither refused while the other xdist worker's tests hold 30 or more of the server's 97 nor starves
    them. Still 8 processes taking ranges in turn. The constants are read when a rebuild runs and the processes are
    forked, so they inherit them (projections/cli.py's copy is only a refusal's wording)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(framework, "RANGE_POOL_SIZE", 1)
        patch.setattr(framework, "RANGE_MAX_OVERFLOW", 1)
        patch.setattr(framework, "RANGE_PROCESS_CONNECTIONS", 2 * (1 + 1))
        yield


def more_careers(app: CareerLog, clock: f.Clock, count: int, first: int = 0) -> list[str]:
    """`count` more employees, each appointed and promoted (so every range has records)."""
    clock.set("2021-01-05T02:00:00+00:00")
    born = [date(1980, 1, 1 + i) for i in range(first, first + count)]
    nips = [f.nip(birth, date(2005, 3, 1), "M", sequence=100 + i) for i, birth in enumerate(born)]
    for nip, birth in zip(nips, born, strict=True):
        app.record(nip, "appointment", f.appointment(birth, date(2005, 3, 1), "M"), actor="hr")
        app.record(nip, "rank_promotion", f.promotion("III/b", "2009-04-01"), actor="hr")
    return nips


@dataclass
class Careers:
    """A store recorded once (populate and 30 more careers), its views rebuilt serially: what they then held."""

    ledger: CareerLog
    projector: Projector
    nips: list[str]  # the more careers', in the order recorded
    subjects: int
    serial: dict[str, list[dict[str, object]]]


@pytest.fixture(scope="module")
def careers(shared_database_url: str) -> Iterator[Careers]:
    """Shared by the module's tests that do not record: they read the log, or rebuild every view from it."""
    clock = f.Clock(datetime.fromisoformat("2010-03-20T02:00:00+00:00"))
    settings = Settings(database_url=shared_database_url)
    with CareerLog.from_settings(settings, clock=clock) as ledger:
        worker = Projector(settings, all_projections(), app=ledger, batch_size=3)
        try:
            populate(ledger, clock)
            nips = more_careers(ledger, clock, 30)
            subjects = worker.subject_count()
            assert worker.rebuild() == subjects
            serial = dump(worker.views.sql)
            assert serial["roster"]
            assert serial["decisions"]
            yield Careers(ledger, worker, nips, subjects, serial)
        finally:
            worker.close()


@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_a_rebuild_in_several_processes_gives_the_tables_of_a_serial_rebuild(careers: Careers, jobs: int) -> None:
    projector = careers.projector
    assert projector.rebuild(jobs=jobs) == careers.subjects
    assert dump(projector.views.sql) == careers.serial
    head = careers.ledger.max_notification_id()
    assert [(s.position, s.lag) for s in projector.status()] == [(head, 0)] * len(projector.projections)


@pytest.mark.parametrize("jobs", [1, 2, 3, 8, 40])
def test_the_ranges_processes_take_in_turn_cover_every_subject_once_in_key_order_and_shrink(
    careers: Careers, jobs: int
) -> None:
    projector = careers.projector
    head = careers.ledger.max_notification_id()
    ranges = projector.work_ranges(head, jobs)
    assert len(ranges) > min(jobs, 2)  # more ranges than processes: one that finishes early takes another
    read = [[r.subject for r in projector.iter_records(head, after=s.after, last=s.last)] for s in ranges]
    assert [subject for subjects in read for subject in subjects] == [r.subject for r in projector.iter_records(head)]
    events = dict(projector.events_per_subject(head))
    sizes = [sum(events[s] for s in subjects) for subjects in read]
    assert sizes[0] >= sizes[-1]
    assert sizes[0] <= sum(sizes) // (2 * jobs) + max(events.values())


def test_the_events_of_each_subject_are_counted_up_to_the_position(careers: Careers) -> None:
    projector, last = careers.projector, careers.nips[-1]  # the last recorded: its appointment and promotion
    head = careers.ledger.max_notification_id()
    counted = projector.events_per_subject(head)
    assert counted == [(r.subject, len(r.entries)) for r in projector.iter_records(head)]
    assert projector.events_per_subject(head - 2) == [c for c in counted if c[0] != last]  # its 2 events not yet


def test_the_events_are_counted_per_subject_from_the_key_index_without_sorting_the_log(sqlite_url: str) -> None:
    worker = Projector(Settings(database_url=sqlite_url), [RosterProjection()])
    try:
        plan = worker.views.sql.query(f"EXPLAIN QUERY PLAN {worker.events_per_subject_statement()}", (1,))
    finally:
        worker.close()
    details = " | ".join(str(r["detail"]) for r in plan)
    assert "COVERING INDEX" in details
    assert "TEMP B-TREE" not in details


def test_a_failure_in_the_rebuilds_own_process_fails_it_as_one_of_its_processes(
    settings: Settings, ledger: CareerLog, clock: f.Clock
) -> None:
    populate(ledger, clock)
    nips = more_careers(ledger, clock, 4)
    failing = FailingRoster()
    failing.failing = min([*nips, BUDI, SARI, RINA])  # in the first range: this process takes it first
    worker = Projector(settings, [failing], app=ledger)
    try:
        with pytest.raises(RebuildFailed, match=f"ValueError: no rows for {failing.failing}"):
            worker.rebuild(jobs=2)
        assert {s.position for s in worker.status()} == {0}
    finally:
        worker.close()


def test_a_rebuild_leaves_the_collector_as_it_found_it(careers: Careers) -> None:
    thresholds = gc.get_threshold()
    careers.projector.rebuild(jobs=2)
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_after_a_rebuild_in_processes_the_worker_applies_each_new_event_once(
    settings: Settings, ledger: CareerLog, clock: f.Clock, projector: Projector
) -> None:
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    projector.rebuild(jobs=2)
    assert projector.catch_up() == 0
    nip = more_careers(ledger, clock, 1, first=4)[0]
    clock.set("2025-02-03T02:00:00+00:00")
    ledger.record(nip, "training", f.training("2025-01-20", hours=8, start="2025-01-19"), actor="hr")
    assert projector.catch_up() == 3
    assert projector.catch_up() == 0
    followed = dump(projector.views.sql)
    projector.rebuild()
    assert dump(projector.views.sql) == followed


class FailingRoster(RosterProjection):
    """A roster whose rows fail for one subject (a fault in a view's code)."""

    failing = ""

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        if record.subject == self.failing:
            raise ValueError(f"no rows for {record.subject}")
        return super().tuples(record)


def test_a_failing_process_fails_the_rebuild_with_its_error_and_leaves_the_view_rebuilding(
    settings: Settings, ledger: CareerLog, clock: f.Clock
) -> None:
    populate(ledger, clock)
    nips = more_careers(ledger, clock, 4)
    failing = FailingRoster()
    failing.failing = max([*nips, BUDI, SARI, RINA])  # in the last range: another process's
    worker = Projector(settings, [failing], app=ledger)
    try:
        with pytest.raises(RebuildFailed, match=f"ValueError: no rows for {failing.failing}"):
            worker.rebuild(jobs=2)
        states = worker.views.sql.query("SELECT state FROM view_schemas WHERE name = 'roster'")
        assert states == [{"state": "rebuilding"}]
    finally:
        worker.close()


class ForkedRoster(RosterProjection):
    """A roster that calls `forked()` at each record in a forked process of the rebuild. This process waits at
    its first record until a forked one has taken a range and come to its first record, so that one surely does."""

    def __init__(self, forked: Callable[[], None]) -> None:
        self.forked = forked
        self.main = os.getpid()
        self.taken = multiprocessing.get_context("fork").Event()

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        if os.getpid() == self.main:
            assert self.taken.wait(60), "no forked process came to a record"
        else:
            self.taken.set()
            self.forked()
        return super().tuples(record)


def waits_forever() -> None:
    threading.Event().wait()  # as a deadlock: for what never comes


def test_a_forked_process_that_reports_nothing_fails_the_rebuild_naming_it_with_its_stack(
    settings: Settings,
    ledger: CareerLog,
    clock: f.Clock,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Before, this process waited for its report forever (the test's timeout ended it)."""
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    monkeypatch.setattr(RangeWorkers, "silence", 1.0)
    worker = Projector(settings, [ForkedRoster(waits_forever)], app=ledger)
    try:
        stuck = (
            r"careerlog-rebuild-1 \(pid \d+\) reported nothing for \d+ s \(the bound is 1 s\): "
            "stopped as stuck, its stack written to standard error"
        )
        with pytest.raises(RebuildFailed, match=stuck):
            worker.rebuild(jobs=2)
        states = worker.views.sql.query("SELECT state FROM view_schemas WHERE name = 'roster'")
        assert states == [{"state": "rebuilding"}]
    finally:
        worker.close()
    stack = capfd.readouterr().err
    assert "in waits_forever" in stack  # where it stopped
    assert "in _work" in stack


@pytest.mark.parametrize(
    ("forked", "status"),
    [
        (lambda: os._exit(0), "exited with code 0"),
        (lambda: os.kill(os.getpid(), signal.SIGKILL), "was killed by SIGKILL"),
    ],
    ids=["exit-0", "sigkill"],
)
def test_a_forked_process_that_ends_without_its_result_fails_the_rebuild_naming_it(
    settings: Settings, ledger: CareerLog, clock: f.Clock, forked: Callable[[], None], status: str
) -> None:
    """Before, one that exited with code 0 without its result left this process waiting for it forever."""
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    worker = Projector(settings, [ForkedRoster(forked)], app=ledger)
    try:
        with pytest.raises(
            RebuildFailed, match=rf"careerlog-rebuild-1 \(pid \d+\) {status} without reporting its result"
        ):
            worker.rebuild(jobs=2)
        assert {s.position for s in worker.status()} == {0}
    finally:
        worker.close()


def test_a_forked_process_killed_holding_the_range_counter_fails_the_rebuild_instead_of_blocking_it(
    settings: Settings, ledger: CareerLog, clock: f.Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, this process then waited for the counter's lock forever."""
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    main = os.getpid()
    held = multiprocessing.get_context("fork").Event()
    next_range = RangeWorkers._next_range

    def killed_holding_the_counter(self: RangeWorkers, waiting: Callable[[], None]) -> int:
        if os.getpid() != main:
            self.taken.get_lock().acquire()
            held.set()
            os.kill(os.getpid(), signal.SIGKILL)
        return next_range(self, waiting)

    class WaitingRoster(RosterProjection):  # this process's first range ends once the forked one holds it
        def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
            assert os.getpid() != main or held.wait(60), "no forked process took the counter"
            return super().tuples(record)

    monkeypatch.setattr(RangeWorkers, "_next_range", killed_holding_the_counter)
    worker = Projector(settings, [WaitingRoster()], app=ledger)
    try:
        killed = r"careerlog-rebuild-1 \(pid \d+\) was killed by SIGKILL without reporting its result"
        with pytest.raises(RebuildFailed, match=killed):
            worker.rebuild(jobs=2)
    finally:
        worker.close()


def lingers(ignoring_sigterm: bool) -> Callable[[], None]:
    """Once in a process: a thread that is not a daemon and never ends, so the process cannot exit."""

    def start() -> None:
        if not any(t.name == "lingering" for t in threading.enumerate()):
            if ignoring_sigterm:
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            threading.Thread(target=waits_forever, name="lingering").start()

    return start


@pytest.mark.parametrize("ignoring_sigterm", [False, True], ids=["sigterm", "sigkill"])
def test_a_forked_process_that_does_not_exit_after_its_result_is_stopped_and_the_rebuild_completes(
    settings: Settings,
    ledger: CareerLog,
    clock: f.Clock,
    projector: Projector,
    monkeypatch: pytest.MonkeyPatch,
    ignoring_sigterm: bool,
) -> None:
    """Its rows are written and its count came: the rebuild completes, with a warning. Before, this process
    waited for it to exit forever."""
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    subjects = projector.subject_count()
    projector.rebuild(["roster"])  # (the one view the test's rebuild makes)
    serial = dump(projector.views.sql)["roster"]
    monkeypatch.setattr(RangeWorkers, "exit_limit", 0.1)  # waited out whole: the process never exits by itself
    monkeypatch.setattr(RangeWorkers, "term_grace", 0.5)  # waited out whole when it ignores SIGTERM
    worker = Projector(settings, [ForkedRoster(lingers(ignoring_sigterm))], app=ledger)
    try:
        with pytest.warns(RuntimeWarning, match="careerlog-rebuild-1 had not exited 0.1 s after reporting: stopped"):
            assert worker.rebuild(jobs=2) == subjects
        assert dump(worker.views.sql)["roster"] == serial
        assert {s.lag for s in worker.status()} == {0}
    finally:
        worker.close()


def test_a_rebuild_that_fails_midway_records_no_position_so_the_next_rebuild_recomputes_every_view(
    settings: Settings, ledger: CareerLog, clock: f.Clock, projector: Projector
) -> None:
    """The rebuild's batches are committed without waiting for the disk: what makes that safe is
    that until every range is done the views' positions stay at 0 and the views stay marked
    rebuilding (answered by no read), so rows written (or lost in a crash) by an unfinished rebuild
    are never read: a worker's catch-up leaves them alone (test_rebuild_beside_a_worker.py), and
    the next rebuild recomputes every view from the first event."""
    populate(ledger, clock)
    nips = more_careers(ledger, clock, 4)
    projector.rebuild()
    complete = dump(projector.views.sql)
    failing = FailingRoster()
    failing.failing = max([*nips, BUDI, SARI, RINA])  # another process's: this one writes its range
    broken = Projector(settings, [*(p for p in projector.projections if p.name != "roster"), failing], app=ledger)
    try:
        with pytest.raises(RebuildFailed):
            broken.rebuild(jobs=2)
        assert {s.position for s in broken.status()} == {0}
        assert {r["state"] for r in broken.views.sql.query("SELECT state FROM view_schemas")} == {"rebuilding"}
        assert dump(projector.views.sql)["timeline"], "the first range's rows were written"
    finally:
        broken.close()
    projector.catch_up()
    assert {r["state"] for r in projector.views.sql.query("SELECT state FROM view_schemas")} == {"rebuilding"}
    projector.rebuild()
    assert dump(projector.views.sql) == complete


def test_the_rebuild_command_takes_jobs(settings: Settings, ledger: CareerLog, clock: f.Clock) -> None:
    populate(ledger, clock)
    more_careers(ledger, clock, 3)
    env = {"CAREERLOG_DATABASE_URL": settings.database_url}
    result = CliRunner().invoke(cli, ["projections", "rebuild", "--jobs", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert "rebuilt timeline, roster" in result.output
    assert "from 6 records (+0 new events)" in result.output
    refused = CliRunner().invoke(cli, ["projections", "rebuild", "--jobs", "0"], env=env)
    assert refused.exit_code == 2
    assert "--jobs" in refused.output


def test_the_rebuild_bench_runs_careerlog_in_processes_and_counts_their_cpu(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERLOG_BENCH_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    store = ["--store", "postgres", "--database-url", database_url] if database_url.startswith("postgres") else []
    rebuild_bench.main(["--employees", "12", "--jobs", "2", *store])
    out = capsys.readouterr().out
    assert "2 job(s)" in out
    [result] = [orjson.loads(line) for line in (tmp_path / "results" / "rebuild.jsonl").read_bytes().splitlines()]
    assert result["jobs"] == 2
    assert result["careerlog_cpu_seconds"] > 0


@pytest.mark.parametrize(
    "rows",
    [
        [("a", 1, 0.5, None), ("tab\there\nnew line \\ back\\slash", None, 2.0, "é ✓"), ("", 2**40, None, "")],
        [("float in an integer column", 3.0, 1.0, None)],  # not COPY's: the INSERT casts it
        [("a flag in a text column", 1, 1.5, True)],
        # SQLite: runs of as many rows as SQLITE_INSERT_PARAMETERS allows (249) by one statement each, and the rest
        [
            (f"row {i:03}", i if i % 7 else None, i / 4, "é" * (i % 3))
            for i in reversed(range(2 * (SQLITE_INSERT_PARAMETERS // 4) + 37))
        ],
    ],
)
def test_view_rows_are_stored_as_an_insert_of_each_would_store_them(
    projector: Projector, rows: list[tuple[object, ...]]
) -> None:
    def table(name: str) -> Table:
        columns = (("subject", "TEXT"), ("n", "BIGINT"), ("x", "REAL"), ("note", "TEXT"))
        return Table(name, columns, ("subject",))

    copied, inserted = table("copied_rows"), table("inserted_rows")
    with projector.views.sql.transaction() as sql:
        for statement in [*copied.ddl(), *inserted.ddl()]:
            sql.execute(statement)
        insert_rows(sql, copied, rows)
        sql.executemany(inserted.insert_statement(), rows)
    read = projector.views.sql.query
    assert read("SELECT * FROM copied_rows ORDER BY subject") == read("SELECT * FROM inserted_rows ORDER BY subject")
    assert len(read("SELECT * FROM copied_rows")) == len(rows)


@pytest.mark.made_store  # its rebuild fails before it makes a view (the command is given the lent store's URL)
def test_the_rebuild_command_names_a_failed_rebuild_without_a_traceback(
    settings: Settings, ledger: CareerLog, clock: f.Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild that fails (here: a forked process gone without its result) is a message and exit code 1 that
    say what failed and what becomes of the views, not a traceback; the records are untouched."""
    populate(ledger, clock)
    head = ledger.max_notification_id()

    def fails(self: Projector, *args: Any, **kwargs: Any) -> int:
        raise RebuildFailed("careerlog-rebuild-1 (pid 4711) exited with code 0 without reporting its result")

    monkeypatch.setattr(Projector, "rebuild", fails)
    env = {"CAREERLOG_DATABASE_URL": settings.database_url}
    result = CliRunner().invoke(cli, ["projections", "rebuild", "--jobs", "2"], env=env)
    assert result.exit_code == 1
    assert "The rebuild did not finish: careerlog-rebuild-1 (pid 4711) exited with code 0" in result.output
    assert "stay marked as rebuilding" in result.output
    assert "Traceback" not in result.output
    assert ledger.max_notification_id() == head


def test_the_rebuild_command_leaves_the_rebuilt_views_vacuumed_and_analyzed_on_postgres(
    settings: Settings, ledger: CareerLog, clock: f.Clock
) -> None:
    """On PostgreSQL the rebuilt tables are vacuumed and analyzed by the command: the planner's statistics
    made and their pages marked all-visible (what index-only scans need: a roster page by number), without
    waiting for autovacuum (off on the test server); SQLite has nothing to do.

    That the pages come out all-visible is PostgreSQL's part and is not asserted: VACUUM marks a page so
    only when no transaction of the database could still not see its rows, and on the shared test server
    another engineer's open transaction (a benchmark's load) left relallvisible at 0 now and then."""
    populate(ledger, clock)
    more_careers(ledger, clock, 3)
    env = {"CAREERLOG_DATABASE_URL": settings.database_url}
    result = CliRunner().invoke(cli, ["projections", "rebuild", "roster", "timeline"], env=env)
    assert result.exit_code == 0, result.output
    if settings.store == "sqlite":
        assert "vacuumed" not in result.output
        return
    assert "vacuumed and analyzed their 3 tables" in result.output  # roster's two (roster, spells), timeline: no other
    schema = settings.postgres()["schema"] or "public"
    with settings.connect_postgres() as conn:
        found = {
            name: (vacuumed, analyzed)
            for name, vacuumed, analyzed in conn.execute(
                "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables"
                " WHERE schemaname = %s",
                (schema,),
            )
        }
    rebuilt = {"roster", "spells", "timeline"}
    assert rebuilt <= set(found)
    assert {name for name, done in found.items() if done == (True, True)} == rebuilt
    assert {name for name, done in found.items() if done != (False, False)} == rebuilt  # no other table


def test_a_fork_waits_for_a_followers_step_so_that_no_child_inherits_its_sqlite_locks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process forked while a follower thread was inside SQLite inherited SQLite's mutexes held, and one of a
    rebuild's processes blocked forever in sqlite3.connect (make test, after the browser tests' site had started
    following). A fork now waits until the follower's step of work is done. Before, it happened at once."""
    inside, done = threading.Event(), threading.Event()

    class Stepping:  # a projector whose next batch stands inside its store until told
        def step(self) -> int:
            inside.set()
            done.wait(30)
            return 0

    follower = Follower(cast(Projector, Stepping()), interval=0.01).start()
    forked = threading.Event()

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        forked.set()

    try:
        assert inside.wait(10)
        forking = threading.Thread(target=fork)
        forking.start()
        assert not forked.wait(0.5), "the fork came while the follower was inside its step"
        done.set()
        assert forked.wait(10)
        forking.join(10)
    finally:
        done.set()
        follower.stop()

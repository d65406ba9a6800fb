"""A real PostgreSQL server restarted, and crashed, while careerlog writes to it.

The server is a private throwaway cluster of this module (tests/pgcluster.py): the
shared test server is never restarted. Threads record trainings through the API (each
with its own Idempotency-Key) while a `careerlog projections run` worker follows the
log; the server is restarted mid-writes with `pg_ctl restart -m fast` and once with
`-m immediate` (a crash: the next start replays the WAL). A write either succeeds or is
answered with a clear 503 problem+json and retried with the same key; afterwards every
accepted write is stored exactly once where its answer said, every aggregate's versions
are contiguous, the worker has survived and its views equal a rebuild. A `careerlog
import` crashed under the same way exits with a clear message (or finishes, having
retried), and running it again gives exactly the log of one clean run.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from careerlog.importing import import_file
from tests.integration.test_connection_loss import (  # noqa: F401 (api, application_name and worker are fixtures)
    THREADS,
    WRITES,
    Tally,
    api,
    application_name,
    assert_each_write_stored_once,
    assert_views_equal_a_rebuild,
    worker,
    write_during,
)
from tests.pgcluster import Cluster, private_cluster
from tests.processes import Careerlog, log_of, wait_until

# one xdist group: its private cluster (initdb and a start, module-wide) is made once, on one worker
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("test_server_restart")]

# (mode, seconds down): pg_ctl restart, a crash, and an outage longer than the library's
# own retries of a failed statement (10 x 0.2 s), which the clients must see and retry
RESTARTS = (("fast", 0.0), ("immediate", 0.0), ("fast", 3.0))
BETWEEN = 2 * THREADS  # writes accepted before the first restart and between two
IMPORT_EMPLOYEES = 40  # about 1,600 rows
BATCH = 50


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with private_cluster() as made:
        yield made


@pytest.fixture
def postgres_url(cluster: Cluster) -> str:
    """A fresh schema on the private cluster (it goes with the cluster)."""
    return schema_url(cluster)


def schema_url(cluster: Cluster) -> str:
    return f"{cluster.url}?schema=t_{uuid.uuid4().hex[:12]}"


class Restarter(threading.Thread):
    """Each restart of RESTARTS in turn, with BETWEEN writes accepted before, between and after them."""

    def __init__(self, cluster: Cluster, tally: Tally):
        super().__init__(name="server-restarter", daemon=True)
        self.cluster = cluster
        self.tally = tally
        self.done: list[tuple[str, float]] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for mode, down in RESTARTS:
                self.await_writes(f"before the {mode} restart")
                self.done.append((mode, self.cluster.restart(mode, down)))
            self.await_writes("after the last restart")
        except BaseException as e:
            self.error = e

    def await_writes(self, when: str) -> None:
        goal = len(self.tally.accepted) + BETWEEN
        if not wait_until(lambda: len(self.tally.accepted) >= goal or self.tally.halt.is_set(), 60):
            raise AssertionError(f"no {BETWEEN} writes were accepted in 60 s {when}")
        if self.tally.halt.is_set():
            raise AssertionError(f"the writers stopped {when}")


def test_a_server_restarted_and_crashed_mid_writes_gives_clear_errors_then_recovery_and_no_half_written_events(
    api: tuple[Flask, str],  # noqa: F811
    worker: Careerlog,  # noqa: F811
    cluster: Cluster,
) -> None:
    app, token = api
    services = app.extensions["careerlog"]
    tally = Tally()
    restarter = Restarter(cluster, tally)
    try:
        write_during(app, token, tally, restarter, timeout=120)
    finally:
        restarter.join(60)
    assert restarter.error is None, f"{restarter.error}\n{cluster.server_log()[-2000:]}"
    assert [mode for mode, _ in restarter.done] == [mode for mode, _ in RESTARTS]
    assert "database system was interrupted" in cluster.server_log()  # the crash was recovered from WAL
    assert len(tally.accepted) == tally.sent >= THREADS * WRITES

    assert_each_write_stored_once(services, tally)
    assert_views_equal_a_rebuild(services, worker)
    lost = worker.output().count("the database could not be used, trying again")
    print(
        f"\nserver restart: {THREADS} threads, {tally.sent} writes, restarts "
        f"{', '.join(f'{mode} ({seconds:.2f} s)' for mode, seconds in restarter.done)}; first answers "
        f"{dict(tally.first)}, retries {dict(tally.retried)}; {len(tally.accepted)} stored, each exactly once; "
        f"worker reported {lost} lost connections, views equal a rebuild"
    )


@pytest.fixture(scope="module")
def migration_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("restart") / "migration.jsonl"
    write_demo(path, employees=IMPORT_EMPLOYEES, seed=17, irregularities_path=path.with_suffix(".irregular.json"))
    return path


@pytest.mark.parametrize("down", [0.0, 4.0], ids=["restart", "long-outage"])
def test_an_import_crashed_by_a_server_restart_and_run_again_gives_the_log_of_one_clean_run(
    cluster: Cluster, migration_file: Path, tmp_path: Path, down: float
) -> None:
    """Ridden out by the library's retries (each waits up to 5 s for a connection), or ended with a clear message."""
    url = schema_url(cluster)
    args = ["import", "--migration", "--batch-size", str(BATCH), str(migration_file)]
    settings = Settings(database_url=url)
    log = tmp_path / "import.log"
    with CareerLog.from_settings(settings) as ledger:
        first = Careerlog(url, log, *args)
        try:
            reached = wait_until(lambda: ledger.max_notification_id() >= 2 * BATCH or not first.running, 60)
            assert reached, f"no batch was committed in 60 s:\n{first.output()}"
            assert first.running, f"the import ended before the restart:\n{first.output()}"
            cluster.restart("immediate", down)
            code = first.finish(120)
        finally:
            first.close()
    said = first.output()
    if code != 0:
        assert "The database could not be used" in said, said
        assert "Traceback" not in said, said
    again = Careerlog(url, log, *args)
    try:
        assert again.finish(120) == 0, again.output()
    finally:
        again.close()

    clean = Settings(database_url=schema_url(cluster))
    with CareerLog.from_settings(clean) as ledger:
        assert import_file(ledger, migration_file, actor="import", migration=True, batch_size=BATCH).ok
    expected = log_of(clean)
    assert len(expected) > len(migration_file.read_bytes().splitlines())
    assert log_of(settings) == expected
    outcome = f"exited {code} with a clear message" if code else "retried and finished"
    print(f"\nimport: {len(expected)} events, a crash mid-import down {down} s ({outcome}); re-run equals clean")


@pytest.mark.parametrize("command", ["import", "projections"])
def test_a_command_started_while_the_server_is_down_exits_with_a_clear_message(
    cluster: Cluster, tmp_path: Path, command: str
) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text("{}\n")
    args = ["import", str(rows)] if command == "import" else ["projections", "run"]
    with cluster.stopped():
        process = Careerlog(schema_url(cluster), tmp_path / "command.log", *args)
        try:
            code = process.finish(60)
        finally:
            process.close()
    said = process.output()
    assert code == 1, said
    assert said.startswith("Error: The database could not be used: "), said
    assert "Traceback" not in said, said

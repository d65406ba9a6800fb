"""A projection worker killed mid-run and restarted ends with the views of a fresh rebuild.

`careerlog projections run` (the real command, as a process) follows a store holding the
demo's events; it is SIGKILLed after its first batch and again half-way, restarted each
time, and stopped with SIGTERM once it has caught up. Every view table must then equal,
row by row, the tables a rebuild writes into another store holding the same events.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from careerlog.importing import import_file
from projections.registry import projector
from projections.store import open_view_store
from tests.processes import Careerlog, kill_when, twin_store, view_tables, wait_until

EMPLOYEES = 80  # about 3,500 events: four of the worker's 1,000-event batches


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.jsonl"
    write_demo(path, employees=EMPLOYEES, seed=5, irregularities_path=path.with_suffix(".irregular.json"))
    return path


def load(database_url: str, path: Path) -> int:
    """Import the demo file into a store; the position of its last event."""
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        report = import_file(app, path, actor="admin", migration=True)
        assert report.ok, report.rejected[:3]
        return app.max_notification_id()


class Positions:
    """The views' tracked positions, read from outside the worker."""

    def __init__(self, settings: Settings):
        self.views = open_view_store(settings)
        self.names = [p.name for p in projector(settings).projections]

    def lowest(self) -> int:
        rows = self.views.sql.query(
            f"SELECT application_name AS name, MAX(notification_id) AS n FROM {self.views.tracking_table} "
            "GROUP BY application_name"
        )
        applied = {row["name"]: row["n"] for row in rows}
        return min(applied.get(name) or 0 for name in self.names)

    def close(self) -> None:
        self.views.datastore.close()


def test_a_worker_killed_twice_mid_run_and_restarted_ends_with_the_views_of_a_rebuild(
    database_url: str, demo_file: Path, tmp_path: Path
) -> None:
    settings = Settings(database_url=database_url)
    end = load(database_url, demo_file)
    assert end > 3000
    log = tmp_path / "worker.log"
    projector(settings).close()  # the view tables exist before anyone polls them
    positions = Positions(settings)
    kills = 0
    workers: list[Careerlog] = []
    try:
        for beyond in (1, end // 2):  # after the first committed batch, then half-way
            workers.append(Careerlog(database_url, log, "projections", "run"))
            kill_when(workers[-1], lambda b=beyond: positions.lowest() >= b)
            kills += 1
            assert positions.lowest() < end, "the worker finished before it was killed"
        workers.append(Careerlog(database_url, log, "projections", "run", "--poll", "0.2"))
        assert wait_until(lambda: positions.lowest() == end, timeout=60), workers[-1].output()
        assert workers[-1].stop() == 0, workers[-1].output()
    finally:
        for worker in workers:
            worker.close()
        positions.close()
    incremental = view_tables(settings)

    with twin_store(database_url, tmp_path) as twin_url:
        assert load(twin_url, demo_file) == end
        rebuilder = projector(Settings(database_url=twin_url))
        rebuilder.rebuild()
        rebuilder.close()
        rebuilt = view_tables(Settings(database_url=twin_url))

    assert incremental["roster"]
    assert incremental["timeline"]
    for table, rows in rebuilt.items():
        assert incremental[table] == rows, f"{table} differs from a rebuild after {kills} kills"
    print(f"\nworker crash ({settings.store}): {end} events, {kills} SIGKILLs, views equal a rebuild")

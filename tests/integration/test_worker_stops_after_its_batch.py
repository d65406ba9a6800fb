"""`careerlog projections run` stopped by SIGTERM (a service manager's stop) while catching up finishes the batch under
way, its rows and position committed together, begins no other, and exits 0; started again it resumes from that
position. Before, the signal was only looked at once the worker had caught up with the whole log: a worker filling a
new view or a refill of a long log read on to the head after SIGTERM, and was killed by the manager's stop timeout
in the middle of a batch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerlog.config import Settings
from careerlog.demo import write_demo
from projections.store import open_view_store
from tests.integration.test_worker_crash import load
from tests.processes import Careerlog, head, wait_until

EMPLOYEES = 200  # about 9,000 events: nine of the worker's 1,000-event batches
VIEW = "merit"  # (the slowest batches: the signal comes before the last one)
BATCH = 1000  # (projections.framework.Projector's batch_size, as `projections run` makes it)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.jsonl"
    write_demo(path, employees=EMPLOYEES, seed=5, irregularities_path=path.with_suffix(".irregular.json"))
    return path


def position(settings: Settings) -> int:
    views = open_view_store(settings)
    try:
        return views.max_tracking_id(VIEW) or 0
    finally:
        views.datastore.close()


def test_a_worker_stopped_by_sigterm_while_catching_up_ends_its_batch_keeps_its_position_and_exits_0(
    database_url: str, demo_file: Path, tmp_path: Path
) -> None:
    settings = Settings(database_url=database_url)
    last = load(database_url, demo_file)
    assert last == head(settings) > 5 * BATCH
    views = open_view_store(settings)  # (one store looked at: the look as quick as can be)
    worker = Careerlog(database_url, tmp_path / "worker.log", "projections", "run", "--views", VIEW)
    try:
        assert wait_until(lambda: (views.max_tracking_id(VIEW) or 0) > 0, timeout=120, every=0.002), worker.output()
        assert worker.stop(timeout=60) == 0, worker.output()
    finally:
        worker.close()
        views.datastore.close()
    stopped = position(settings)
    assert 0 < stopped < last, worker.output()  # stopped before the log's end
    assert stopped % BATCH == 0  # at the end of a whole batch (the log's positions here are 1, 2, 3, ...)
    again = Careerlog(database_url, tmp_path / "again.log", "projections", "run", "--views", VIEW, "--once")
    assert again.finish(timeout=120) == 0, again.output()
    assert re.search(rf"^applied {last - stopped} events$", again.output(), re.MULTILINE), again.output()
    assert position(settings) == last

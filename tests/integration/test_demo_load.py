"""The demo recorded in a store, directly and through the import format, with zero rejections."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import Demo, generate, load_demo, loading, write_demo
from careerlog.importing import import_file

pytestmark = pytest.mark.xdist_group("test_demo_load")  # its module fixtures are built once, on one worker

EMPLOYEES = 300
SEED = 2
TODAY = datetime.now(UTC).date()


@dataclass
class Loaded:
    """A store holding the demo as load_demo recorded it, with what load_demo reported."""

    store: CareerLog
    summary: str
    progress: list[int]
    irregularities: Path


@pytest.fixture(scope="module")
def demo() -> Demo:
    return generate(EMPLOYEES, SEED, TODAY)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """The demo recorded once, in this process, for the tests that only read the store."""
    folder = tmp_path_factory.mktemp("loaded")
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{folder}/x.db"))
    done: list[int] = []
    path = folder / "irregularities.json"
    summary = load_demo(
        app, employees=EMPLOYEES, seed=SEED, irregularities_path=path, progress=done.append, today=TODAY
    )
    yield Loaded(app, summary, done, path)
    app.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CareerLog]:
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/x.db"))
    yield app
    app.close()


@pytest.fixture
def second_store(tmp_path: Path) -> Iterator[CareerLog]:
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/y.db"))
    yield app
    app.close()


def test_the_demo_is_recorded_without_a_rejection_and_lists_its_irregularities(loaded: Loaded, demo: Demo) -> None:
    assert loaded.store.max_notification_id() == demo.event_count
    assert sum(loaded.progress) == EMPLOYEES
    assert json.loads(loaded.irregularities.read_text(encoding="utf-8")) == demo.irregularities
    assert f"{EMPLOYEES:,} employees" in loaded.summary
    appointed = loaded.store.get_employee(demo.people[0].nip)
    assert appointed.version >= len(demo.people[0].recs)


def test_the_written_demo_imports_into_an_empty_store_with_the_same_events(
    loaded: Loaded, demo: Demo, second_store: CareerLog, tmp_path: Path
) -> None:
    path = tmp_path / "demo.jsonl"
    write_demo(path, employees=EMPLOYEES, seed=SEED, irregularities_path=tmp_path / "irregularities.json", today=TODAY)
    report = import_file(second_store, path, actor="t", migration=True)
    assert report.rejected == []
    assert report.recorded == report.rows
    assert second_store.max_notification_id() == loaded.store.max_notification_id()
    nip = demo.people[-1].nip
    assert second_store.get_history(nip) == loaded.store.get_history(nip)


def test_worker_processes_record_the_same_demo_as_one_process(
    store: CareerLog, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "PARALLEL_FROM", 0)
    load_demo(store, employees=EMPLOYEES, seed=SEED, today=TODAY, workers=2)
    assert store.max_notification_id() == demo.event_count
    mentee = next(p for p in demo.people if any(r.kind == "mentoring_start" for r in p.recs))
    assert [row["kind"] for row in store.get_history(mentee.nip)] == [r.kind for r in mentee.recs]


def test_demo_workers_leave_creating_the_tables_to_the_process_that_made_them(
    store: CareerLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers starting together each creating the tables failed on PostgreSQL ("tuple concurrently
    updated": the library's CREATE OR REPLACE FUNCTION); the parent made them, so the workers do not."""
    monkeypatch.setattr(loading, "PARALLEL_FROM", 0)
    creators = tmp_path / "creators"
    recorder_type = type(store.recorder)
    create_table = recorder_type.create_table

    def noted(self: object) -> None:
        with creators.open("a") as out:
            out.write(f"{os.getpid()}\n")
        create_table(self)  # type: ignore[arg-type]

    monkeypatch.setattr(recorder_type, "create_table", noted)
    load_demo(store, employees=60, seed=SEED, today=TODAY, workers=2)
    assert not creators.exists()
    assert store.max_notification_id() == generate(60, SEED, TODAY).event_count

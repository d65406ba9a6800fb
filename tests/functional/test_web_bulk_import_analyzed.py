"""A web import recording config.BULK_ROWS events or more (the import page, `POST /api/v1/imports`, either as a job)
leaves the event log ANALYZEd on PostgreSQL, as `careerlog import` does (tests/integration/
test_bulk_writes_leave_planner_statistics.py): until 2026-12-07 only the command line ran it, and a bulk load through
the web left the planner guessing until autovacuum came round (never, where it is off). A smaller import or a dry
run runs none; an ANALYZE that fails is logged as a warning, the rows recorded and the report answered as ever."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import psycopg
import pytest

from careerlog import config
from careerlog.config import EVENTS_TABLE, Settings
from tests.functional.conftest import World
from tests.functional.test_api_import_jobs import posted
from tests.functional.test_import_jobs import finished, job_of, test_config, trainings, uploaded
from tests.functional.test_pages_auth import log_in

__all__ = ["test_config"]  # (three rows make a job)

pytestmark = pytest.mark.postgres  # (SQLite: nothing is analyzed, its planner's guesses serve careerlog's queries)


@pytest.fixture
def store_url(postgres_url: str) -> str:
    return postgres_url


@pytest.fixture
def analyzed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The tables each ANALYZE of the event log analyzed (Settings.analyze run as ever, counted): 1 on PostgreSQL."""
    ran: list[int] = []
    real = Settings.analyze

    def counted(self: Settings, tables: Iterable[str], *, vacuum: bool = False) -> int:
        named = list(tables)
        done = real(self, named, vacuum=vacuum)
        if EVENTS_TABLE in named:  # (a views' catch-up analyzes theirs: not the import's)
            ran.append(done)
        return done

    monkeypatch.setattr(Settings, "analyze", counted)
    return ran


@pytest.fixture
def bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "BULK_ROWS", 2)  # (the file's two valid rows: a bulk here)


@pytest.mark.usefixtures("bulk")
def test_an_api_import_of_bulk_rows_analyzes_the_log(world: World, analyzed: list[int]) -> None:
    answer = posted(world, headers={})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["recorded"] == 2
    assert analyzed == [1]


@pytest.mark.usefixtures("bulk")
def test_an_api_import_job_of_bulk_rows_analyzes_the_log(world: World, analyzed: list[int]) -> None:
    answer = posted(world)
    assert answer.status_code == 202, answer.get_json()
    finished(world, answer.get_json()["id"])
    assert sorted(trainings(world)) == ["JOB-1", "JOB-3"]
    assert analyzed == [1]


@pytest.mark.usefixtures("bulk")
def test_the_import_pages_job_of_bulk_rows_analyzes_the_log(world: World, analyzed: list[int]) -> None:
    log_in(world, "hr")
    finished(world, job_of(uploaded(world)))
    assert sorted(trainings(world)) == ["JOB-1", "JOB-3"]
    assert analyzed == [1]


def test_a_smaller_import_or_a_dry_run_analyzes_nothing(
    world: World, analyzed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert posted(world, headers={}).get_json()["recorded"] == 2  # (fewer than BULK_ROWS)
    monkeypatch.setattr(config, "BULK_ROWS", 1)
    dry = posted(world, query="kind=training&dry_run=true", headers={})
    assert dry.status_code == 200, dry.get_json()
    assert analyzed == []


@pytest.mark.usefixtures("bulk")
def test_an_analyze_that_fails_is_logged_and_the_import_stands(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(self: Settings, tables: object, *, vacuum: bool = False) -> int:
        raise psycopg.OperationalError("the connection dropped")

    monkeypatch.setattr(Settings, "analyze", failing)
    with caplog.at_level(logging.WARNING, logger="web.services"):
        answer = posted(world, headers={})
    assert answer.status_code == 200, answer.get_json()
    report: dict[str, Any] = answer.get_json()
    assert report["recorded"] == 2
    assert sorted(trainings(world)) == ["JOB-1", "JOB-3"]
    [said] = [r.getMessage() for r in caplog.records if r.name == "web.services"]
    assert said == (
        "import by hr: the rows are recorded, but ANALYZE of the log failed (the connection dropped); run ANALYZE "
        "careerlog_events by hand (docs/operations.md, Planner statistics)."
    )

"""A view named twice (`careerlog projections rebuild timeline timeline`, `projections run --views
timeline,timeline`) is the view named once. The rebuild took it for two views and inserted every row twice:
a traceback (duplicate key on COPY timeline, then `StaleBatch: rebuild is already past None`), exit 1, and the
timeline left marked `rebuilding`, so that every read of it answered 503 until another rebuild. A `--views` that
names no view is refused (it kept every view)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import select
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=42)


@pytest.fixture
def settings(database_url: str) -> Settings:
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    app.close()
    return settings


def timeline(settings: Settings) -> tuple[list[dict[str, object]], str]:
    """The timeline's rows and its state."""
    worker = Projector(settings, select(["timeline"]), ensure=False)
    try:
        (status,) = worker.status()
        return worker.views.sql.query("SELECT * FROM timeline ORDER BY subject, version"), status.state
    finally:
        worker.close()


def invoke(settings: Settings, *args: str) -> None:
    result = CliRunner().invoke(main, ["--database-url", settings.database_url, "projections", *args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_a_view_named_twice_is_selected_once() -> None:
    assert [p.name for p in select(["timeline", "roster", "timeline"])] == ["timeline", "roster"]


def test_a_rebuild_of_a_view_named_twice_rebuilds_it_once(settings: Settings) -> None:
    invoke(settings, "rebuild", "timeline")
    once, _ = timeline(settings)
    assert once
    invoke(settings, "rebuild", "timeline", "timeline")
    assert timeline(settings) == (once, "ready")


def test_a_worker_of_a_view_named_twice_applies_each_event_once(settings: Settings) -> None:
    invoke(settings, "run", "--views", "timeline,timeline", "--once")
    caught = timeline(settings)
    assert caught[0]
    invoke(settings, "rebuild", "timeline")
    assert timeline(settings) == caught


@pytest.mark.parametrize("views", ["", ",", " , "])
def test_a_worker_given_no_view_is_refused_not_given_every_view(settings: Settings, views: str) -> None:
    # a unit's `--views $VIEWS` with the variable empty kept every view, beside the workers that keep them
    result = CliRunner().invoke(
        main, ["--database-url", settings.database_url, "projections", "run", "--views", views, "--once"]
    )
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--views': names no view" in result.output
    assert "applied" not in result.output  # (it applied the appointment to every view)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("run", "--views", "nosuch", "--once"), "'--views'"),
        (("run", "--views", "timeline,nosuch", "--once"), "'--views'"),
        (("rebuild", "nosuch"), "NAMES"),
        (("rebuild", "timeline", ""), "NAMES"),
    ],
)
def test_an_unknown_view_is_a_usage_error_naming_the_option(
    settings: Settings, args: tuple[str, ...], named: str
) -> None:
    # as a --views naming none is (exit 2): it was "Error: views: Unknown view 'nosuch'; ...", exit 1, naming no option
    result = CliRunner().invoke(main, ["--database-url", settings.database_url, "projections", *args])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {named}: Unknown view " in result.output
    assert "one of timeline, roster," in result.output
    assert "applied" not in result.output
    assert "rebuilt" not in result.output

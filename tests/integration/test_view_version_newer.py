"""An older careerlog release opening a store whose view a newer release has made (a higher version) refuses to start,
naming the view, both versions and what to do, and drops nothing: it used to drop the newer view (a whole refill for
the newer release, and the two alternating drop it again and again). `careerlog projections rebuild NAME` of the older
release takes the view back on purpose (going back to that release)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from projections.framework import Projector
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=41)


class NewerRoster(RosterProjection):
    version = RosterProjection.version + 1


@pytest.fixture
def store(database_url: str) -> Settings:
    """A store with one employee whose roster view a newer release (NewerRoster) has made and filled."""
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    newer = Projector(settings, [*(p for p in all_projections() if p.name != "roster"), NewerRoster()], app=app)
    newer.catch_up()
    newer.close()
    app.close()
    return settings


def roster_state(settings: Settings) -> tuple[int, int, int]:
    """The roster view's stored version, its position and its rows, read without a projector."""
    worker = Projector(settings, [NewerRoster()], ensure=False)
    try:
        sql = worker.views.sql
        version = sql.scalar("SELECT version AS n FROM view_schemas WHERE name = ?", ("roster",))
        rows = sql.scalar("SELECT COUNT(*) AS n FROM roster")
        return int(version or 0), worker.position(worker.projections[0]), int(rows or 0)
    finally:
        worker.close()


def test_an_older_release_refuses_a_newer_view_and_drops_nothing(store: Settings) -> None:
    before = roster_state(store)
    assert before[0] == RosterProjection.version + 1
    assert before[1] > 0
    assert before[2] == 1
    with pytest.raises(ConfigurationError) as refused:
        Projector(store, all_projections())
    message = str(refused.value)
    assert "roster" in message
    assert f"version {RosterProjection.version + 1}" in message
    assert f"version {RosterProjection.version}" in message
    assert "CAREERLOG_DATABASE_URL" in message
    assert "careerlog projections rebuild roster" in message
    assert roster_state(store) == before


@pytest.mark.parametrize("command", [["projections", "status"], ["projections", "run", "--once"]])
def test_the_older_commands_exit_1_with_the_message(store: Settings, command: list[str]) -> None:
    before = roster_state(store)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, *command])
    assert result.exit_code == 1, result.output
    assert "newer careerlog release" in result.output
    assert "Traceback" not in result.output
    assert roster_state(store) == before


def test_serve_refuses_before_starting_its_workers(store: Settings) -> None:
    before = roster_state(store)
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "serve", "--bind", "127.0.0.1:1"])
    assert result.exit_code == 1, result.output
    assert "roster" in result.output
    assert "newer careerlog release" in result.output
    assert roster_state(store) == before


def test_a_rebuild_of_the_older_release_takes_the_view_back(store: Settings) -> None:
    result = CliRunner().invoke(main, ["--database-url", store.database_url, "projections", "rebuild", "roster"])
    assert result.exit_code == 0, result.output
    version, position, rows = roster_state(store)
    assert (version, rows) == (RosterProjection.version, 1)
    assert position > 0
    worker = Projector(store, all_projections())  # this release opens the store again
    worker.close()

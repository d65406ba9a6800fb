"""A projection worker (or a server following the views on SQLite) left running through an upgrade writes nothing to
a view the newer release's first process has dropped and made again at its version: it used to fill it from the start
with its own code under the newer version (found upgrading a 2,000-employee demo from 3f9edb9 while its server kept
running: the roster, version 5, refilled by version 3's code, every spell's pns_from and roster row's post_assignment
NULL, and then read as ready). It leaves the view to the newer release's workers, keeps its other views, and
`careerlog projections run` stops naming the view and both versions (docs/operations.md, Upgrades)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

from careerlog.application import CareerLog
from careerlog.config import ConfigurationError, Settings
from projections.cli import follow
from projections.framework import Projector
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=43)
SITI = f.nip(date(1988, 2, 14), date(2012, 3, 1), "F", sequence=44)


class NewerRoster(RosterProjection):
    version = RosterProjection.version + 1


@pytest.fixture
def running(database_url: str) -> Iterator[tuple[Settings, Projector]]:
    """A worker of this release, started and caught up, then a newer release's first process (NewerRoster) opens the
    views, dropping the roster, and an employee more is recorded."""
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    worker = Projector(settings, all_projections(), app=app)
    worker.catch_up()
    newer = Projector(settings, [*(p for p in all_projections() if p.name != "roster"), NewerRoster()])
    newer.close()
    app.record(SITI, "appointment", f.appointment(date(1988, 2, 14), date(2012, 3, 1), "F"), actor="hr")
    yield settings, worker
    worker.close()
    app.close()


def test_a_worker_of_the_older_release_leaves_the_view_the_newer_made_again(
    running: tuple[Settings, Projector],
) -> None:
    _, worker = running
    worker.catch_up()
    sql = worker.views.sql
    assert sql.scalar("SELECT COUNT(*) AS n FROM roster") == 0
    assert sql.scalar("SELECT COUNT(*) AS n FROM timeline WHERE subject = ?", (SITI,)) == 1  # its other views kept
    assert worker.versioned_otherwise == {"roster": RosterProjection.version + 1}
    state = sql.scalar("SELECT state AS s FROM view_schemas WHERE name = ?", ("roster",))
    assert str(state).startswith("filling:")


def test_a_following_worker_of_the_older_release_stops_naming_the_view_and_both_versions(
    running: tuple[Settings, Projector],
) -> None:
    _, worker = running
    with pytest.raises(ConfigurationError) as stopped:
        follow(worker, threading.Event(), 0.1)
    message = str(stopped.value)
    assert (
        f"roster is at version {RosterProjection.version + 1}, this worker's is version {RosterProjection.version}"
        in message
    )
    assert "Nothing was written to them" in message
    assert "docs/operations.md, Upgrades" in message
    assert worker.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 0


def test_a_batch_whose_view_another_release_made_again_after_the_step_looked_writes_nothing(
    running: tuple[Settings, Projector],
) -> None:
    """The step's look at the views' versions may be older than the remake: the batch's own transaction reads the
    version again (with the view's state, in one statement, under the row's lock) and writes nothing."""
    _, worker = running
    roster = next(p for p in worker.projections if p.name == "roster")
    worker.apply([roster], [BUDI, SITI], worker.app.max_notification_id())  # as a step that looked before
    assert worker.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 0
    assert worker.position(roster) == 0  # nor its position recorded: the newer release's workers fill it

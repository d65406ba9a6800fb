"""The SQLite server's follower says, once, on the log, why it leaves a view alone.

A view another careerlog release made again at its version (an upgrade begun while this server runs, or an older
release's rebuild taking it back), or one refilled by other rules, is left to the process that made it
(77c610b): nothing is written to it, and an operator saw only a view that stopped catching up, without a line on
the log. The follower now logs a WARNING naming the view, the version in the store and this release's (or both
rules digests), and what to do, once per view and what was found, not at every poll.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from projections.framework import _FOLLOWING, Projector
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f
from web.following import FollowerLease, lock_path

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=45)
SITI = f.nip(date(1988, 2, 14), date(2012, 3, 1), "F", sequence=46)


class NewerRoster(RosterProjection):
    version = RosterProjection.version + 1


class OlderRoster(RosterProjection):
    version = RosterProjection.version - 1


@pytest.fixture
def server(sqlite_url: str) -> Iterator[tuple[Settings, CareerLog, Projector, FollowerLease]]:
    """A SQLite server's projector following the log (FollowerLease, as web.services starts it), caught up."""
    settings = Settings(database_url=sqlite_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    projector = Projector(settings, all_projections(), app=app)
    lease = FollowerLease(projector, lock_path(settings.sqlite_path), interval=0.02).start()
    projector.wait(app.max_notification_id(), timeout=10.0)
    yield settings, app, projector, lease
    lease.stop()
    projector.close()
    app.close()


def told(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "web.following" and r.levelno == logging.WARNING]


def until(done: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.02)


def after_more_polls(app: CareerLog, projector: Projector) -> None:
    """An employee more recorded and the follower's polls that apply it (the other views catch up)."""
    app.record(SITI, "appointment", f.appointment(date(1988, 2, 14), date(2012, 3, 1), "F"), actor="hr")
    timeline = next(p for p in projector.projections if p.name == "timeline")
    until(lambda: projector.position(timeline) >= app.max_notification_id())
    time.sleep(0.2)  # some ten polls more


def test_a_view_a_newer_release_made_again_is_told_once_with_both_versions_and_what_to_do(
    server: tuple[Settings, CareerLog, Projector, FollowerLease], caplog: pytest.LogCaptureFixture
) -> None:
    settings, app, projector, _ = server
    caplog.set_level(logging.WARNING, logger="web.following")
    Projector(settings, [*(p for p in all_projections() if p.name != "roster"), NewerRoster()]).close()
    until(lambda: bool(told(caplog)))
    after_more_polls(app, projector)
    [message] = told(caplog)
    assert "leaves the view roster alone" in message
    assert f"at version {NewerRoster.version} in the store, this release's is version {RosterProjection.version}" in (
        message
    )
    assert "a newer careerlog release made it again" in message
    assert "stop this server and run the newer release on every process" in message
    assert "docs/operations.md, Upgrades" in message
    assert projector.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 0  # left alone, as before


def test_a_view_an_older_release_took_back_is_told_with_the_rebuild_that_keeps_this_release(
    server: tuple[Settings, CareerLog, Projector, FollowerLease], caplog: pytest.LogCaptureFixture
) -> None:
    settings, app, projector, _ = server
    caplog.set_level(logging.WARNING, logger="web.following")
    older = Projector(settings, [OlderRoster()], take_back=True)  # its `careerlog projections rebuild roster`
    older.rebuild(["roster"])
    older.close()
    until(lambda: bool(told(caplog)))
    after_more_polls(app, projector)
    [message] = told(caplog)
    assert f"at version {OlderRoster.version} in the store, this release's is version {RosterProjection.version}" in (
        message
    )
    assert "an older careerlog release took it back" in message
    assert "careerlog projections rebuild roster" in message


def test_a_view_refilled_by_other_rules_is_told_once_with_both_digests(
    server: tuple[Settings, CareerLog, Projector, FollowerLease],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    settings, app, projector, _ = server
    caplog.set_level(logging.WARNING, logger="web.following")
    ours = next(p for p in projector.projections if p.name == "merit").configuration()
    other = tmp_path / "rules-other.toml"
    other.write_text(Path(BUNDLED_RULES).read_text() + "\n# another deployment's copy\n")
    before = os.environ.get(RULES_FILE_ENV)
    # Another process, started with other rules, refills merit and awards: played in this one while the follower
    # waits between two steps (it would read the other rules meanwhile, as its own).
    with _FOLLOWING, monkeypatch.context() as m:
        m.setenv(RULES_FILE_ENV, str(other))
        theirs = next(p for p in all_projections() if p.name == "merit").configuration()
        Projector(settings, all_projections()).close()
    assert os.environ.get(RULES_FILE_ENV) == before
    assert theirs != ours
    until(lambda: len(told(caplog)) >= 2)
    after_more_polls(app, projector)
    messages = told(caplog)
    assert sorted(m.split(" alone:")[0] for m in messages) == [
        "The SQLite follower leaves the view awards",
        "The SQLite follower leaves the view merit",
        "The SQLite follower leaves the view study_leave",  # (judged by the rules too since ede2f61)
    ]
    for message in messages:
        assert f"judged by the rules of digest {theirs}, this server's CAREERLOG_RULES_FILE gives {ours}" in message
        assert "give every process the same CAREERLOG_RULES_FILE" in message


def test_a_view_it_keeps_is_not_told(
    server: tuple[Settings, CareerLog, Projector, FollowerLease], caplog: pytest.LogCaptureFixture
) -> None:
    _, app, projector, _ = server
    caplog.set_level(logging.WARNING, logger="web.following")
    after_more_polls(app, projector)
    assert told(caplog) == []


def test_a_failing_step_is_told_once_with_its_traceback_and_again_when_it_recovers(
    server: tuple[Settings, CareerLog, Projector, FollowerLease],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The follower kept a failing step's error to itself (Follower.error, read by nothing) and tried again every
    second: the views stopped catching up without a line on the log."""
    _, app, projector, lease = server
    caplog.set_level(logging.WARNING, logger="web.following")
    failures: list[int] = []

    def failing() -> int:
        failures.append(1)
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(projector, "step", failing)
    until(lambda: len(failures) >= 3)  # three failed steps, a second apart
    errors = [r for r in caplog.records if r.name == "web.following" and r.levelno == logging.ERROR]
    assert [r.getMessage().split(". ")[0] for r in errors] == [
        "The SQLite follower's step failed: RuntimeError: disk I/O error"
    ]
    assert errors[0].exc_info is not None
    assert "tries again every second" in errors[0].getMessage()
    monkeypatch.undo()
    until(lambda: bool(told(caplog)))
    after_more_polls(app, projector)
    assert told(caplog) == ["The SQLite follower's steps succeed again after: RuntimeError: disk I/O error"]
    assert lease.follower is not None
    assert lease.follower.error is None

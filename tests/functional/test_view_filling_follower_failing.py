"""A view's filling that has not moved because the server's own follower fails says so, with the follower's error.

A 503 view-filling of a filling that had not moved told to start a projections worker (`careerlog projections run`)
whatever was the matter, also when a follower was running and failing at each step: on SQLite the serving process
holding the follower lock fills the views itself, and an operator told to start a worker started one beside a
follower that logged its error every time. The detail now says that nothing fills the view or what does fails, and
the process that follows, and knows its last step failed, names that error and where its traceback is.
"""

from __future__ import annotations

import pytest

from careerlog.config import Settings
from projections.framework import Projector
from projections.roster import RosterProjection
from tests.functional.conftest import World
from tests.guard_clock import a_second_passes
from tests.processes import wait_until


def test_a_filling_not_moved_by_this_servers_failing_follower_names_its_error(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lease = world.services.lease
    assert lease is not None  # (SQLite, CAREERLOG_FOLLOW on: this process follows once it holds the lock)

    def fails() -> int:
        raise OSError("disk I/O error")

    monkeypatch.setattr(world.services.projector, "step", fails)
    assert wait_until(lambda: lease.follower is not None and lease.follower.error is not None, timeout=15)
    roster = RosterProjection()
    roster.version = RosterProjection.version + 1
    worker = Projector(Settings(database_url=store_url), [roster])  # drops the roster: filled up to event 0
    try:
        a_second_passes(monkeypatch)
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503
        detail = answer.get_json()["detail"]
        assert "filled up to event 0" in detail
        assert "no process fills it, or the one that does fails" in detail
        assert (
            "This server's process follows the log itself, and its last step failed with OSError "
            "(logged at ERROR with its traceback, `The SQLite follower's step failed`, logger web.following)"
        ) in detail
        assert "disk I/O error" not in detail  # (the message, which may hold paths or SQL, is the log's)
        monkeypatch.undo()  # its steps succeed again: its error is said no more
        assert wait_until(lambda: lease.follower is not None and lease.follower.error is None, timeout=15)
        a_second_passes(monkeypatch)
        answer = world.get("/api/v1/employees")
        assert answer.status_code == 503  # (this release's follower leaves a newer release's view alone)
        assert "This server's process follows the log itself" not in answer.get_json()["detail"]
    finally:
        worker.close()

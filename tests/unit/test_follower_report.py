"""The follower's report after each step (web.following's warnings) failing never stops the views following."""

from __future__ import annotations

import logging
import threading

import pytest

from projections.framework import Follower


class CountingProjector:
    """A projector whose every step reads one event, until told to stop counting."""

    def __init__(self) -> None:
        self.steps = 0
        self.enough = threading.Event()

    def step(self) -> int:
        self.steps += 1
        if self.steps >= 20:
            self.enough.set()
        return 1


def test_a_failing_report_after_a_step_is_logged_once_and_the_follower_keeps_stepping(
    caplog: pytest.LogCaptureFixture,
) -> None:
    projector = CountingProjector()
    reports = 0

    def stepped() -> None:
        nonlocal reports
        reports += 1
        if reports <= 5:
            raise RuntimeError("the report broke")

    follower = Follower(projector, stepped=stepped)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="projections.framework"):
        follower.start()
        assert projector.enough.wait(10), f"the follower stopped after {projector.steps} steps"
        follower.stop()
    assert follower._thread is not None
    assert not follower._thread.is_alive()
    records = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "projections.framework"]
    assert records == [
        ("ERROR", "the report after a step of the views failed; following on"),
        ("WARNING", "the report after a step of the views works again"),
    ]
    assert "the report broke" in caplog.text  # the traceback is in the log


def test_a_report_that_works_is_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    projector = CountingProjector()
    follower = Follower(projector, stepped=lambda: None)  # type: ignore[arg-type]
    with caplog.at_level(logging.DEBUG, logger="projections.framework"):
        follower.start()
        assert projector.enough.wait(10)
        follower.stop()
    assert not [r for r in caplog.records if r.name == "projections.framework"]

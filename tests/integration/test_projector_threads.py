"""One projector stepped by two threads at once: the follower's and another's catch-up.

The web service's follower thread steps every 0.2 s on the services' projector, and whatever else calls
`catch_up` on that projector (the functional tests' worlds do, with the app following) steps it meanwhile.
Both may find a view filled at once and mark it ready: the second `del` of its entry raised KeyError.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import READY, Projection, Projector
from projections.roster import RosterProjection
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=31)


def in_another_thread(work: Callable[[], Any]) -> list[BaseException]:
    """Run work to its end in another thread; the exceptions it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as e:  # handed back to the test
            raised.append(e)

    thread = threading.Thread(target=run, name="careerlog-follower")
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    return raised


def test_the_follower_and_a_catch_up_both_marking_a_filled_view_ready(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CareerLog.from_settings(settings) as ledger:
        ledger.record(BUDI, "appointment", f.appointment(), actor="test")
        head = ledger.max_notification_id()
        projector = Projector(settings, [RosterProjection()], app=ledger)  # made with the log holding an event
        try:
            assert projector.status()[0].state == f"filling:{head}"
            caught_up = threading.current_thread()
            stepped: list[list[BaseException]] = []  # what the follower's step raised, once it has stepped
            position = projector.position

            def found_filled_then_follower_steps(projection: Projection) -> int:
                """The catch-up has found the roster filled to its head; the follower steps before it marks it."""
                found = position(projection)
                if threading.current_thread() is caught_up and found >= head and not stepped:
                    stepped.append(in_another_thread(projector.step))
                return found

            monkeypatch.setattr(projector, "position", found_filled_then_follower_steps)
            projector.catch_up()  # KeyError: 'roster' before
            assert stepped == [[]]  # the follower's step came in between, and marked the roster ready
            assert projector.status()[0].state == READY
            assert projector.step() == 0
        finally:
            projector.close()

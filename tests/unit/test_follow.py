"""The projection worker's follow loop: a lost connection is reported, waited out and tried again."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from projections.cli import follow


class FlakyWorker:
    """catch_up fails with each of `failures` in turn, then succeeds until `stop` is set."""

    def __init__(self, failures: list[BaseException], stop: threading.Event, calls_before_stop: int):
        self.failures = list(failures)
        self.stop = stop
        self.calls = 0
        self.calls_before_stop = calls_before_stop
        self.settings = SimpleNamespace(store="sqlite")

    def catch_up(self, stop: threading.Event | None = None) -> int:
        self.calls += 1
        if self.calls >= self.calls_before_stop:
            self.stop.set()
        if self.failures:
            raise self.failures.pop(0)
        return 0


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("couldn't get a connection after 5.00 sec"),
        psycopg.OperationalError("server closed the connection unexpectedly"),
        psycopg.InterfaceError("the connection is closed"),
    ],
    ids=["pool-timeout", "killed-backend", "closed-connection"],
)
def test_a_lost_connection_is_reported_and_tried_again(error: BaseException, capsys: Any) -> None:
    stop = threading.Event()
    worker = FlakyWorker([error, error], stop, calls_before_stop=3)
    follow(worker, stop, poll=0.01)  # type: ignore[arg-type]
    assert worker.calls == 3  # two failures, each tried again, then a clean catch-up
    err = capsys.readouterr().err
    assert err.count("the database could not be used, trying again in 0.01 s") == 2
    assert str(error) in err


def test_any_other_fault_stops_the_worker() -> None:
    stop = threading.Event()
    worker = FlakyWorker([psycopg.errors.UndefinedTable('relation "careerlog_events" does not exist')], stop, 9)
    with pytest.raises(psycopg.errors.UndefinedTable):
        follow(worker, stop, poll=0.01)  # type: ignore[arg-type]
    assert worker.calls == 1


def test_a_worker_that_can_use_its_database_again_says_it_resumed_once(capsys: Any) -> None:
    """(It said "trying again" and then nothing: an operator could not tell from its log that it had recovered.)"""
    stop = threading.Event()
    error = psycopg.OperationalError("server closed the connection unexpectedly")
    worker = FlakyWorker([error, error], stop, calls_before_stop=5)
    follow(worker, stop, poll=0.01)  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert err.count("the database can be used again: resumed following the log") == 1
    assert err.index("trying again") < err.index("resumed following the log")

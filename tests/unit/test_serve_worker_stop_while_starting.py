"""A `careerlog serve` worker stops on a stop signal that comes while it is still starting, before gunicorn sets its
own handlers: until then it has the master's handlers, inherited at the fork, which queue the signal where nothing in
the worker reads it, so a worker starting when the server was stopped served on until the master's graceful timeout
(10 s) and was killed (web.cli.post_fork)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from careerlog.config import Settings
from web.cli import STOP_SIGNALS, Server, Worker, serve_options
from web.config import WebSettings


@pytest.fixture
def handlers_kept() -> Iterator[None]:
    kept = {stop_signal: signal.getsignal(stop_signal) for stop_signal in STOP_SIGNALS}
    try:
        yield
    finally:
        for stop_signal, handler in kept.items():
            signal.signal(stop_signal, handler)


@pytest.mark.parametrize("stop_signal", STOP_SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_before_gunicorns_handlers_ends_the_new_workers_loop(
    stop_signal: signal.Signals, handlers_kept: None
) -> None:
    server = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="test"), serve_options("-", 3, 1)
    )
    worker = Worker(1, os.getpid(), [], server, 60, server.cfg, server.cfg.logger_class(server.cfg))
    taken: list[int] = []
    signal.signal(stop_signal, lambda signum, frame: taken.append(signum))  # as the master's handler: queued, unread
    try:
        server.cfg.post_fork(None, worker)  # what gunicorn calls in the new worker, right after the fork
        os.kill(os.getpid(), stop_signal)
        assert worker.alive is False  # its loop (ThreadWorker.run: while self.alive) ends before it starts
        assert worker.stopping_since is not None  # a connection waiting for its first bytes lingers 2 s, not 5
        assert taken == []
    finally:
        worker.tmp.close()

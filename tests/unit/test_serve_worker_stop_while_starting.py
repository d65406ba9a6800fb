"""A `careerlog serve` worker stops on a stop signal that comes while it is still starting, before gunicorn sets its
own handlers: until then it has the master's handlers, inherited at the fork, which queue the signal where nothing in
the worker reads it, so a worker starting when the server was stopped served on until the master's graceful timeout
(10 s) and was killed (web.cli.post_fork)."""

from __future__ import annotations

import os
import queue
import signal
from collections.abc import Iterator
from types import SimpleNamespace

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


def a_new_worker() -> Worker:
    server = Server(
        Settings(database_url="sqlite:///unused.db"), WebSettings(secret_key="test"), serve_options("-", 3, 1)
    )
    return Worker(1, os.getpid(), [], server, 60, server.cfg, server.cfg.logger_class(server.cfg))


@pytest.mark.parametrize("stop_signal", STOP_SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_taken_by_the_masters_handler_before_the_hook_ends_the_new_workers_loop(
    stop_signal: signal.Signals, handlers_kept: None
) -> None:
    worker = a_new_worker()
    taken: queue.SimpleQueue[int] = queue.SimpleQueue()  # the worker's copy of the master's queue (Arbiter.SIG_QUEUE)
    taken.put_nowait(signal.SIGCHLD)
    taken.put_nowait(stop_signal)  # came between the fork and the hook, to the master's handler
    try:
        worker.cfg.post_fork(SimpleNamespace(SIG_QUEUE=taken), worker)
        assert worker.alive is False
        assert worker.stopping_since is not None
    finally:
        worker.tmp.close()


def test_a_new_worker_with_no_stop_signal_queued_runs(handlers_kept: None) -> None:
    worker = a_new_worker()
    taken: queue.SimpleQueue[int] = queue.SimpleQueue()
    taken.put_nowait(signal.SIGCHLD)
    taken.put_nowait(signal.SIGHUP)  # (the master's to handle: a reload, not this worker's stop)
    try:
        worker.cfg.post_fork(SimpleNamespace(SIG_QUEUE=taken), worker)
        assert worker.alive is True
        assert worker.stopping_since is None
    finally:
        worker.tmp.close()

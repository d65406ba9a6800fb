"""Processes that open a fresh store at the same moment (a server's workers) create its tables once, in turn.

The processes are forked from multiprocessing's fork server, which has imported careerlog and this module once for
the test process: each a new process that has opened no store (not forked from the test process, which has), made in
a few milliseconds. Spawned, each imported them itself, about a second of CPU: 3-4 s of a case's 4 s on 2 cores."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careerlog.config import Settings
from tests.conftest import fresh_schema
from web.services import Services

PROCESSES = 3
# Each process's pools at one connection (what is tested is the schema's creation, not the pools): at the default 4 + 8
# the three held about 30 connections at once, and the CI run of 2026-12-06 (fifth session) found PostgreSQL's 100 used
# up beside the other pytest worker's ("sorry, too many clients already").


def fork_server() -> multiprocessing.context.ForkServerContext:
    """multiprocessing's fork server, with this module (careerlog and web with it) imported before it forks: set
    before the server starts, at the first process it makes for this test process (one started before by another
    test imports what each process needs as it starts, as spawned processes do)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def open_store(url: str, barrier: multiprocessing.synchronize.Barrier, errors: multiprocessing.Queue[str]) -> None:
    barrier.wait()
    try:
        Services.build(Settings(database_url=url, pool_size=1, max_overflow=0), follow=False).close()
    except Exception as e:  # reported to the test, which names it
        errors.put(f"{type(e).__name__}: {e}")


@pytest.mark.parametrize("attempt", range(2))
def test_workers_opening_a_fresh_store_together_all_start(database_url: str, attempt: int) -> None:
    context = fork_server()
    barrier = context.Barrier(PROCESSES)
    errors: multiprocessing.Queue[str] = context.Queue()
    workers = [context.Process(target=open_store, args=(database_url, barrier, errors)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert not found, "\n".join(found)
    assert [w.exitcode for w in workers] == [0] * PROCESSES


def test_the_sqlite_schema_lock_makes_a_second_holder_wait(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/careerlog.db")
    second_holder_waits(settings, settings)


@pytest.mark.postgres
def test_the_postgres_schema_lock_makes_a_second_holder_of_the_schema_wait_and_no_other_schema(
    postgres_url: str,
) -> None:
    """Stores in other schemas of the database (other deployments, each test's schema) do not wait for one
    starting: make test's PostgreSQL worlds took turns at creating their tables, 0.5 s of each world's 1.5."""
    with fresh_schema() as elsewhere:

        def beside() -> None:
            other: list[float] = []
            holds_after(Settings(database_url=elsewhere), other).join(timeout=10)
            assert len(other) == 1  # not kept waiting by the first schema's holder

        second_holder_waits(Settings(database_url=postgres_url), Settings(database_url=postgres_url), beside)


def second_holder_waits(held: Settings, second: Settings, meanwhile: Callable[[], None] = lambda: None) -> None:
    """While `held`'s schema lock is held (and `meanwhile` runs), `second` waits for it, and gets it after."""
    entered: list[float] = []
    with held.schema_lock():
        thread = holds_after(second, entered)
        meanwhile()
        time.sleep(0.3)
        assert entered == []  # still waiting
        released = time.monotonic()
    thread.join(timeout=10)
    assert len(entered) == 1
    assert entered[0] >= released


def holds_after(settings: Settings, entered: list[float]) -> threading.Thread:
    """A thread taking `settings`' schema lock, noting when it got it."""

    def second() -> None:
        with settings.schema_lock():
            entered.append(time.monotonic())

    thread = threading.Thread(target=second)
    thread.start()
    return thread

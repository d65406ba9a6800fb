"""PostgreSQL connections killed while the API records events: clear errors, recovery, nothing half-written.

Threads record trainings through the API (each with its own Idempotency-Key) while a
killer thread terminates, over and over, every server backend of this test's own
connections (those of the app and of a `careerlog projections run` worker), found by
their application_name. The shared server is never restarted: other tests use it.
A write either succeeds or is answered with a clear 503 (or 409) and retried with the
same key; afterwards every aggregate's versions are contiguous, every key is stored
exactly once, the worker (whose backends were terminated too) has survived and caught
up, and the views equal a rebuild.

Whether the worker *reports* a lost connection depends on timing: a pooled connection
killed while idle is replaced by the pool's pre-ping without an error, one killed
mid-query is reported and tried again. The report itself is shown deterministically by
tests/unit/test_follow.py.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import OperationalError
from flask import Flask

from careerlog.config import Settings
from projections.registry import projector
from tests import factories as f
from tests.conftest import POSTGRES_URL
from tests.processes import Careerlog, view_tables, wait_until
from web import create_app

pytestmark = pytest.mark.postgres

THREADS = 6
WRITES = 10  # per thread, at least
# The JP one day may hold across an employee's trainings (rule training.daily_jp): the threads write on the same days
# (each thread's n-th training ends on day n), so each writes at most its share, or a 422 asks to confirm a full day
DAY_JP = 12
OUTAGES = 6  # every backend of the test terminated at once, half a second apart
RECOVERY_SECONDS = 30  # the pools' reconnection after the last outage, backing off
EMPLOYEES = [f.nip(date(1980 + i, 1, 15), date(2008, 3, 1), "F", sequence=760 + i) for i in range(3)]


class Killer(threading.Thread):
    """`outages` times, `every` seconds apart: terminate every backend of the given application_names."""

    def __init__(self, *names: str, outages: int = OUTAGES, every: float = 0.5):
        super().__init__(name="backend-killer", daemon=True)
        self.victims = list(names)
        self.outages = outages
        self.every = every
        self.killed: Counter[str] = Counter()  # terminated backends by application_name
        self.stopped = threading.Event()

    def run(self) -> None:
        with psycopg.connect(POSTGRES_URL, autocommit=True, application_name="careerlog-test-killer") as conn:
            for _ in range(self.outages):
                if self.stopped.wait(self.every):
                    return
                rows = conn.execute(
                    "SELECT application_name, pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = ANY(%s) AND pid <> pg_backend_pid()",
                    (self.victims,),
                ).fetchall()
                self.killed.update(name for name, done in rows if done)


@dataclass
class Tally:
    """What the writers saw: first answers, retries, and the accepted writes by key."""

    first: Counter[int] = field(default_factory=Counter)
    retried: Counter[int] = field(default_factory=Counter)
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[BaseException] = field(default_factory=list)
    sent: int = 0
    halt: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def application_name(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every connection this test's processes open carries this name (libpq's PGAPPNAME)."""
    name = f"careerlog-test-{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("PGAPPNAME", name)
    return name


@pytest.fixture
def api(postgres_url: str, application_name: str) -> Iterator[tuple[Flask, str]]:
    app = create_app(Settings(database_url=postgres_url), test_config={"TESTING": True})
    services = app.extensions["careerlog"]
    services.accounts.create("ops", display_name="Ops", role="admin")
    token = services.accounts.issue_token("ops", days=1).token
    for nip in EMPLOYEES:
        born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
        services.ledger.record(nip, "appointment", f.appointment(born, date(2008, 3, 1), "F"), actor="test")
    yield app, token
    services.close()


@pytest.fixture
def worker(api: tuple[Flask, str], postgres_url: str, tmp_path: Path, application_name: str) -> Iterator[Careerlog]:
    """`careerlog projections run` on the store, caught up with the appointments; its connections named apart."""
    services = api[0].extensions["careerlog"]
    process = Careerlog(
        postgres_url,
        tmp_path / "worker.log",
        "projections",
        "run",
        "--poll",
        "0.2",
        env={"PGAPPNAME": worker_name(application_name)},
    )
    try:
        end = services.ledger.max_notification_id()
        assert wait_until(lambda: caught_up(services, end), 90), process.output()
        yield process
    finally:
        process.close()


def worker_name(application_name: str) -> str:
    return f"{application_name}-worker"


def caught_up(services: Any, end: int) -> bool:
    """Whether every view has applied the log up to `end`; False while the test's own pool cannot give a connection
    yet (psycopg_pool tries a connection killed while it was being made again after 1, 2, 4 ... s: docs/operations.md,
    so right after the last outage the read may wait its 5 s and fail, which the wait for the views rides out)."""
    try:
        return all(s.position >= end for s in services.projector.status())
    except OperationalError:
        return False


def write(app: Flask, token: str, tally: Tally, seed: int, outages: threading.Thread) -> None:
    """Trainings, at least WRITES and until the outages are over, each retried with its key until accepted."""
    try:
        client = app.test_client()
        rng = random.Random(seed)
        n = 0
        while (n < WRITES or outages.is_alive()) and not tally.halt.is_set():
            n += 1
            with tally.lock:
                tally.sent += 1
            key = f"w{seed}-{n}"
            nip = rng.choice(EMPLOYEES)
            day = date(2023, 1, 1) + timedelta(days=n)
            body = {
                "kind": "training",
                **f.training(day.isoformat(), hours=rng.randint(1, DAY_JP // THREADS), reference=key, title=key),
            }
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
            for attempt in range(100):
                if tally.halt.is_set():
                    return
                response = client.post(f"/api/v1/employees/{nip}/events", json=body, headers=headers)
                with tally.lock:
                    (tally.retried if attempt else tally.first)[response.status_code] += 1
                if response.status_code in (200, 201):
                    with tally.lock:
                        tally.accepted[key] = {"nip": nip, **response.get_json()}
                    break
                assert response.status_code in (409, 503), response.get_json()
                assert response.mimetype == "application/problem+json"
                time.sleep(0.02)
    except BaseException as e:
        tally.failures.append(e)


def write_during(app: Flask, token: str, tally: Tally, outages: threading.Thread, timeout: float = 180) -> None:
    """THREADS writers, each until the outages (a thread started here) are over; all of them done, none failed."""
    writers = [threading.Thread(target=write, args=(app, token, tally, seed, outages)) for seed in range(THREADS)]
    outages.start()
    try:
        for thread in writers:
            thread.start()
        for thread in writers:
            thread.join(timeout)
    finally:
        tally.halt.set()
    assert not any(thread.is_alive() for thread in writers)
    assert not tally.failures, tally.failures[0]


def assert_each_write_stored_once(services: Any, tally: Tally) -> None:
    """Nothing half-written: contiguous versions, each key exactly once, where its answer said."""
    stored: dict[str, tuple[str, int]] = {}
    for nip in EMPLOYEES:
        history = services.ledger.get_history(nip)
        assert [e["version"] for e in history] == list(range(1, len(history) + 1))
        for event in history[1:]:
            assert event["client_key"] not in stored, f"{event['client_key']} is stored twice"
            stored[event["client_key"]] = (nip, event["version"])
    assert stored == {key: (w["nip"], w["version"]) for key, w in tally.accepted.items()}


def assert_views_equal_a_rebuild(services: Any, worker: Careerlog) -> None:
    """The worker survived the outages (reported or ridden out), caught up, stops cleanly, its views equal a rebuild."""
    end = services.ledger.max_notification_id()
    assert wait_until(lambda: caught_up(services, end), 90), worker.output()
    assert worker.running, worker.output()
    assert worker.stop() == 0, worker.output()
    followed = view_tables(services.settings)
    rebuilder = projector(services.settings)
    rebuilder.rebuild()
    rebuilder.close()
    assert view_tables(services.settings) == followed


def test_killed_connections_give_clear_errors_then_recovery_and_no_half_written_events(
    api: tuple[Flask, str], worker: Careerlog, application_name: str
) -> None:
    app, token = api
    services = app.extensions["careerlog"]
    killer = Killer(application_name, worker_name(application_name))
    tally = Tally()
    try:
        write_during(app, token, tally, killer)
    finally:
        killer.stopped.set()
        killer.join(10)
    assert killer.killed[application_name] >= OUTAGES
    assert killer.killed[worker_name(application_name)] >= 1  # the worker lost its connections too

    # served again once the pools have reconnected, by themselves: a connection killed while it was being made
    # has psycopg_pool try again after 1, 2, 4 ... seconds, so the first requests after the outage may still be
    # answered with a clean 503 (seen in CI: a PoolTimeout of 5 s right after the last outage)
    client, answers = app.test_client(), []
    deadline = time.monotonic() + RECOVERY_SECONDS
    while True:
        recovered = client.get(f"/api/v1/employees/{EMPLOYEES[0]}/events", headers={"Authorization": f"Bearer {token}"})
        answers.append(recovered.status_code)
        if recovered.status_code != 503 or time.monotonic() > deadline:
            break
        assert recovered.mimetype == "application/problem+json", recovered.data
        time.sleep(0.2)
    assert recovered.status_code == 200, answers
    assert len(tally.accepted) == tally.sent >= THREADS * WRITES

    assert_each_write_stored_once(services, tally)
    assert_views_equal_a_rebuild(services, worker)
    reported = worker.output().count("the database could not be used, trying again")

    print(
        f"\nconnection loss: {THREADS} threads, {tally.sent} writes, {OUTAGES} outages "
        f"({killer.killed[application_name]} app and {killer.killed[worker_name(application_name)]} worker "
        f"backends terminated, the worker reported {reported}); "
        f"first answers {dict(tally.first)}, retries {dict(tally.retried)}; every write stored once; "
        f"served again at request {len(answers)} after the outage"
    )

"""Many threads record events for the same few employees at once through a served API.

`careerlog serve` runs with two gunicorn worker processes of four threads each; the test's
threads send, all at once, plain writes, writes with their own Idempotency-Key, the same
new employee's appointment from every thread, the same key with the same body from every
thread, the same reference without a key from every thread, and the same key with
different bodies. Every write answered 2xx must be stored
exactly once, at the version its answer gave; a conflict is answered 409 problem+json
(and retried by the client with the same key or reference); nothing else is stored.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from tests import factories as f
from tests.processes import serve, wait_until

THREADS = 12
ROUNDS = 8  # each thread, per round: its own write, then at once the same appointment, key, reference; a contested key
EMPLOYEES = [f.nip(date(1985, 4, 2 + i), date(2011, 3, 1), "M", sequence=780 + i) for i in range(3)]
NEWCOMERS = [f.nip(date(1992, 6, 1 + r), date(2015, 3, 1), "F", sequence=790 + r) for r in range(ROUNDS)]


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    content_type: str


def post(url: str, token: str, body: dict[str, Any], key: str | None) -> Answer:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return Answer(response.status, json.loads(response.read()), response.headers["Content-Type"])
    except urllib.error.HTTPError as e:
        return Answer(e.code, json.loads(e.read()), e.headers["Content-Type"])


@dataclass
class Ledger:
    """The test's own account of what the server accepted: by reference, each answer."""

    accepted: dict[str, list[tuple[str, int, bool]]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    failures: list[BaseException] = field(default_factory=list)

    def note(self, what: str, reference: str, nip: str, answer: Answer) -> None:
        with self.lock:
            self.statuses[f"{what} {answer.status}"] += 1
            if answer.status in (200, 201):
                entry = (nip, answer.body["version"], answer.body["created"])
                self.accepted.setdefault(reference, []).append(entry)


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`careerlog serve` (2 workers x 4 threads) on a store with three employees; URL and admin token."""
    settings = Settings(database_url=database_url)
    accounts = open_accounts(settings)
    accounts.create("ops", display_name="Ops", role="admin")
    token = accounts.issue_token("ops", days=1).token
    accounts.store.close()
    with CareerLog.from_settings(settings) as app:
        for nip in EMPLOYEES:
            born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
            app.record(nip, "appointment", f.appointment(born, date(2011, 3, 1), "M"), actor="test")
    server, base = serve(database_url, tmp_path / "serve.log", "--workers", "2", "--threads", "4")
    url = f"{base}/api/v1/employees"
    try:
        assert wait_until(lambda: not server.running or _answers(url, token), timeout=60), server.output()
        assert server.running, server.output()
        yield url, token
    finally:
        server.stop()  # SIGTERM: each worker ends its loop and exits without tearing its interpreter down


def _answers(url: str, token: str) -> bool:
    events = f"{url}/{EMPLOYEES[0]}/events"
    request = urllib.request.Request(events, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return bool(response.status == 200)
    except OSError:
        return False


def training(reference: str, hours: int = 8) -> dict[str, Any]:
    fact = f.training("2024-02-10", hours=hours, reference=reference, title=reference)
    return {"kind": "training", **fact, "confirm": ["training.daily_jp"]}  # (all of one day: rule training.daily_jp)


def until_settled(url: str, token: str, body: dict[str, Any], key: str | None, seen: Ledger) -> Answer:
    """Send; a 409 "concurrent-change" is counted and retried with the same key or reference."""
    for _ in range(20):
        answer = post(url, token, body, key)
        if not (answer.status == 409 and answer.body["type"].endswith("concurrent-change")):
            return answer
        assert answer.content_type == "application/problem+json"
        with seen.lock:
            seen.statuses["concurrent change 409, retried"] += 1
    return answer


def client(url: str, token: str, me: int, barrier: threading.Barrier, seen: Ledger) -> None:
    try:
        for r in range(ROUNDS):
            one_round(url, token, me, r, barrier, seen)
    except BaseException as e:
        seen.failures.append(e)
        barrier.abort()  # the other threads stop waiting at once


def one_round(url: str, token: str, me: int, r: int, barrier: threading.Barrier, seen: Ledger) -> None:
    def send(what: str, nip: str, reference: str, key: str | None, hours: int = 8) -> Answer:
        answer = until_settled(f"{url}/{nip}/events", token, training(reference, hours), key, seen)
        seen.note(what, reference, nip, answer)
        return answer

    nip = EMPLOYEES[r % len(EMPLOYEES)]
    own = f"own-{me}-{r}"
    send("own", nip, own, own if me % 2 else None)
    barrier.wait()  # every thread sends the next four at the same moment
    newcomer = NEWCOMERS[r]
    answer = until_settled(url, token, appointment(newcomer), None, seen)
    seen.note("same appointment", f"SK-{newcomer}", newcomer, answer)
    send("same key", nip, f"shared-key-{r}", f"shared-key-{r}")
    send("same reference", nip, f"shared-ref-{r}", None)
    answer = send("contested key", nip, f"contested-{r}", f"contested-{r}", hours=me + 1)
    if answer.status not in (200, 201):
        assert answer.status == 409, answer
        assert answer.content_type == "application/problem+json"
        assert answer.body["type"].endswith("idempotency-conflict"), answer.body


def appointment(nip: str) -> dict[str, Any]:
    """The same appointment of a new employee, whoever sends it."""
    born = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    return {"nip": nip, **f.appointment(born, date(2015, 3, 1), "F", reference=f"SK-{nip}")}


def test_concurrent_writes_through_the_api_are_stored_exactly_once(served: tuple[str, str], database_url: str) -> None:
    url, token = served
    seen = Ledger()
    barrier = threading.Barrier(THREADS, timeout=120)
    threads = [threading.Thread(target=client, args=(url, token, me, barrier, seen)) for me in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert not any(t.is_alive() for t in threads)
    assert not seen.failures, seen.failures[0]

    stored: dict[str, tuple[str, int]] = {}
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        for nip in EMPLOYEES + NEWCOMERS:
            history = app.get_history(nip)
            assert [e["version"] for e in history] == list(range(1, len(history) + 1))
            for event in history[0 if nip in NEWCOMERS else 1 :]:
                assert event["reference"] not in stored, f"{event['reference']} is stored twice"
                stored[event["reference"]] = (nip, event["version"])

    assert set(stored) == set(seen.accepted), "stored events and accepted writes differ"
    for reference, answers in seen.accepted.items():
        assert {(nip, version) for nip, version, _ in answers} == {stored[reference]}, reference
        assert sum(created for *_, created in answers) == 1, f"{reference} was answered 201 more than once"
    requests = sum(seen.statuses.values())
    assert requests >= THREADS * ROUNDS * 5
    assert len(stored) == THREADS * ROUNDS + 4 * ROUNDS
    store = Settings(database_url=database_url).store
    print(
        f"\nconcurrency ({store}): {THREADS} threads x {ROUNDS * 5} writes ({requests} requests) against 2 server "
        f"processes, {len(stored)} events stored once each; answers {dict(sorted(seen.statuses.items()))}"
    )

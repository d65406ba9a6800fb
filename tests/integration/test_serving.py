"""Serving: gunicorn workers on one SQLite store, one follower among them, and the demo accounts."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.access import Scope
from careerlog.accounts import open_accounts
from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from projections.registry import projector
from tests import factories as f
from tests.processes import serve
from web.cli import print_logins
from web.demo import DEMO_LOGINS, ensure_demo_accounts
from web.following import FollowerLease, lock_path

NIP = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=741)


def wait_until(condition: Any, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_only_one_process_follows_a_store_and_another_takes_over(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url)
    first_views, second_views = projector(settings), projector(settings)
    path = lock_path(settings.sqlite_path)
    first = FollowerLease(first_views, path, retry=0.05).start()
    assert wait_until(lambda: first.following)
    second = FollowerLease(second_views, path, retry=0.05).start()
    time.sleep(0.2)
    assert not second.following
    first.stop()
    assert wait_until(lambda: second.following)
    second.stop()
    first_views.close()
    second_views.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(url: str, token: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.fixture
def server(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`careerlog serve` with two workers on a fresh SQLite store, and an admin's token."""
    accounts = open_accounts(Settings(database_url=sqlite_url))
    accounts.create("ops", display_name="Ops", role="admin")
    token = accounts.issue_token("ops", days=1).token
    accounts.store.close()
    process, url = serve(sqlite_url, tmp_path / "serve.log", "--workers", "2")
    try:
        assert wait_until(lambda: _answers(url, token), timeout=60), process.output()
        yield url, token
    finally:
        process.close()


def _answers(url: str, token: str) -> bool:
    try:
        return request(f"{url}/api/v1/me", token)[0] == 200
    except OSError:
        return False


def test_serve_answers_on_gunicorn_and_any_worker_reads_a_write_it_waits_for(server: tuple[str, str]) -> None:
    url, token = server
    status, written = request(f"{url}/api/v1/employees", token, {"nip": NIP, **f.appointment()})
    assert status == 201, written
    for _ in range(4):  # whichever worker answers, the follower in one of them keeps the views
        status, shown = request(f"{url}/api/v1/employees/{NIP}?wait_for={written['position']}", token)
        assert (status, shown["nip"]) == (200, NIP)
    with urllib.request.urlopen(f"{url}/api/docs", timeout=10) as page:  # noqa: S310
        assert page.status == 200


def test_the_demo_accounts_are_created_once_with_their_tokens(sqlite_url: str) -> None:
    settings = Settings(database_url=sqlite_url)
    ledger = CareerLog.from_settings(settings)
    other = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=742)
    ledger.record(other, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F", agency="KAB-KARO",
                                                      region="12.06"), actor="test")  # fmt: skip
    ledger.record(NIP, "appointment", f.appointment(), actor="test")
    accounts = open_accounts(settings)
    assert ensure_demo_accounts(accounts, ledger) == NIP
    assert ensure_demo_accounts(accounts, ledger) == NIP
    assert [a.username for a in accounts.list_accounts()] == sorted(login.username for login in DEMO_LOGINS)
    for login in DEMO_LOGINS:
        assert accounts.authenticate(login.token).account.role == login.role
    employee = accounts.get("pegawai")
    assert (employee.nip, accounts.get("hr-medan").scope) == (NIP, Scope(agencies=("KOTA-MEDAN",)))
    accounts.store.close()
    ledger.close()


def test_run_prints_the_log_ins_and_the_lines_for_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    print_logins("127.0.0.1:8000", NIP)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/api/docs" in out
    assert "export CAREERLOG_URL=http://127.0.0.1:8000 ADMIN_TOKEN=clt_demo-admin" in out
    assert out.rstrip().endswith(f"NIP={NIP}")


def test_run_shows_the_control_characters_of_the_bind_address_given_visibly(capsys: pytest.CaptureFixture[str]) -> None:
    print_logins("127.0.0.1:8000\x1b[2J\u202e", NIP)
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "serves the demo at http://127.0.0.1:8000␛[2J\\u202e  (API documentation:" in out
    assert "export CAREERLOG_URL=http://127.0.0.1:8000␛[2J\\u202e ADMIN_TOKEN=clt_demo-admin" in out
    assert out.rstrip().endswith(f"NIP={NIP}")


def test_run_uses_only_the_embedded_store() -> None:
    result = CliRunner().invoke(main, ["run"], env={"CAREERLOG_DATABASE_URL": "postgresql://nowhere/db"})
    assert result.exit_code == 1
    assert "embedded SQLite store" in result.output

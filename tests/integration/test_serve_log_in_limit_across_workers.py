"""The page log-in limit counts the attempts of every worker of `careerlog serve`: 5 a minute, not 5 per worker.

The counts were kept in each gunicorn worker's memory (Flask-Limiter's memory storage): with the
default 2 workers an address made 10 attempts a minute before the first 429, N workers on H hosts
5 x N x H. They are now kept in the store every worker and host shares (web.login_limit). So are the
failed log-ins of a user name from any address (CAREERLOG_LOGIN_FAILURE_LIMIT, web.pages.auth).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from tests.integration.conftest import (
    PASSWORD,
    SERVED_GROUP,
    TwoWorkers,
    cookie_client,
    log_in_form,
    serving_two_workers,
    status,
)

pytestmark = SERVED_GROUP  # (`two_workers`: the server shared with the other modules of the group, conftest.py)


def _counted(database_url: str, *names: str) -> tuple[dict[str, int], dict[str, int]]:
    """The store's counts by key, and the failed log-ins of each of `names` by the name."""
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        counts = {
            str(row["key"]): int(row["hits"]) for row in accounts.store.query("SELECT key, hits FROM rate_limits")
        }
        return counts, {name: counts.get(accounts.log_in_failures_key(name), 0) for name in names}
    finally:
        accounts.store.close()


def _attempt(url: str, username: str, password: str) -> int:
    """One log-in attempt on a fresh connection (gunicorn's workers take turns at them)."""
    opener = cookie_client()
    return status(opener, f"{url}/pages/login", log_in_form(opener, url, username, password))


def test_the_sixth_log_in_attempt_in_a_minute_is_refused_whichever_worker_takes_it(two_workers: TwoWorkers) -> None:
    url, database_url = two_workers.url, two_workers.database_url
    wrong = [_attempt(url, "siti", "not-the-password-at-all") for _ in range(8)]
    assert wrong == [400] * 5 + [429] * 3
    assert _attempt(url, "siti", PASSWORD) == 429  # even the right password, until the minute is over
    assert _attempt(url, "budi", "not-the-password-at-all") == 400  # another user name is not affected
    counted, failed = _counted(database_url, "siti", "budi")
    per_address = sorted(hits for key, hits in counted.items() if not key.startswith("log-in-failures|"))
    assert per_address == [1, 9]  # every attempt counted once, in the store
    # (and the failed log-ins of each user name: the 5 attempts that reached the password, and budi's)
    assert failed == {"siti": 5, "budi": 1}


def _answer(url: str, username: str, password: str) -> tuple[int, str]:
    """`_attempt`, with the page answered."""
    opener = cookie_client()
    body = urllib.parse.urlencode(log_in_form(opener, url, username, password, query="?lang=en"))
    request = urllib.request.Request(f"{url}/pages/login", body.encode(), {"Connection": "close"})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.fixture
def served_with_3_failures_an_hour(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A server of its own (not the shared `two_workers`): CAREERLOG_LOGIN_FAILURE_LIMIT=3/hour."""
    with serving_two_workers(database_url, tmp_path / "serve.log", CAREERLOG_LOGIN_FAILURE_LIMIT="3/hour") as served:
        yield served.url


def test_the_failed_log_ins_of_a_user_name_are_counted_by_every_worker_together(
    served_with_3_failures_an_hour: str, database_url: str
) -> None:
    url = served_with_3_failures_an_hour
    answers = [_answer(url, "siti", "not-the-password-at-all") for _ in range(3)]
    answers += [_answer(url, "siti", PASSWORD) for _ in range(2)]  # the 4th and 5th of the minute: not the address's
    assert [status for status, _ in answers] == [400, 400, 400, 429, 429]
    assert all("Too many failed log-ins with this user name" in page for _, page in answers[3:])
    assert _attempt(url, "budi", "not-the-password-at-all") == 400  # another user name is not affected
    _, failed = _counted(database_url, "siti")
    assert failed["siti"] == 3  # once each, whichever worker took it; the refused not

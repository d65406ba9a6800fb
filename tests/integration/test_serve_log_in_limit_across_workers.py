"""The page log-in limit counts the attempts of every worker of `careerlog serve`: 5 a minute, not 5 per worker.

The counts were kept in each gunicorn worker's memory (Flask-Limiter's memory storage): with the
default 2 workers an address made 10 attempts a minute before the first 429, N workers on H hosts
5 x N x H. They are now kept in the store every worker and host shares (web.login_limit).
"""

from __future__ import annotations

import re

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from tests.integration.test_serve_log_in_any_worker import PASSWORD, _opener, _status, served

__all__ = ["served"]


def _attempt(url: str, username: str, password: str) -> int:
    """One log-in attempt on a fresh connection (gunicorn's workers take turns at them)."""
    opener = _opener()
    with opener.open(f"{url}/pages/login", timeout=10) as page:
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode())
    assert found, "the log-in form has no CSRF token"
    form = {"csrf_token": found.group(1), "username": username, "password": password}
    return _status(opener, f"{url}/pages/login", form)


def test_the_sixth_log_in_attempt_in_a_minute_is_refused_whichever_worker_takes_it(
    served: str, database_url: str
) -> None:
    url = served
    wrong = [_attempt(url, "siti", "not-the-password-at-all") for _ in range(8)]
    assert wrong == [400] * 5 + [429] * 3
    assert _attempt(url, "siti", PASSWORD) == 429  # even the right password, until the minute is over
    assert _attempt(url, "budi", "not-the-password-at-all") == 400  # another user name is not affected
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        counted = accounts.store.query("SELECT key, hits FROM rate_limits")
    finally:
        accounts.store.close()
    assert sorted(row["hits"] for row in counted) == [1, 9]  # every attempt counted once, in the store

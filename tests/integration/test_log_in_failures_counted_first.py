"""A burst of log-ins with one user name, sent together, cannot pass the limit of failed log-ins.

Each log-in takes its place in the user name's count (rate_limits, one atomic upsert) before its password is
checked (`Accounts.start_log_in`): counted only once it had failed, as Flask-Limiter's deduct_when counts, every
attempt checked while the count was below the limit would have gone on, so that many workers and hosts sending
together passed it by the attempts they had under way (web.pages.auth, docs/security.md).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from careerlog.accounts import open_accounts
from careerlog.config import Settings

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_of_twelve_attempts_sent_together_three_go_on_and_nine_are_refused(database_url: str) -> None:
    accounts = open_accounts(Settings(database_url=database_url))
    ready = threading.Barrier(12)

    def one(_: int) -> float | None:
        ready.wait()
        return accounts.start_log_in("siti", most=3, seconds=3600)

    try:
        with ThreadPoolExecutor(12) as pool:
            answers = list(pool.map(one, range(12)))
        assert sum(answer is None for answer in answers) == 3
        assert accounts.log_in_failures("siti")[0] == 3  # the refused not counted
        accounts.log_in_succeeded("siti")  # one of them had the right password
        assert accounts.log_in_failures("siti")[0] == 2
    finally:
        accounts.store.close()


def test_a_log_in_that_succeeded_leaves_no_row_and_a_lock_out_lasts_a_full_window_from_the_last_failure(
    database_url: str,
) -> None:
    accounts = open_accounts(Settings(database_url=database_url))
    key = accounts.log_in_failures_key("siti")
    try:
        assert accounts.start_log_in("siti", most=2, seconds=3600) is None
        accounts.log_in_succeeded("siti")
        assert accounts.store.query("SELECT hits FROM rate_limits WHERE key = ?", (key,)) == []
        assert accounts.start_log_in("siti", most=2, seconds=3600) is None  # a typo, 50 minutes ago
        accounts.log_in_failed("siti", most=2, seconds=3600)
        with accounts.store.transaction() as sql:
            sql.execute("UPDATE rate_limits SET expires_at = expires_at - 3000 WHERE key = ?", (key,))
        assert accounts.start_log_in("siti", most=2, seconds=3600) is None  # the second: the limit reached
        accounts.log_in_failed("siti", most=2, seconds=3600)
        ends = accounts.start_log_in("siti", most=2, seconds=3600)
        assert ends is not None
        assert 3590 <= ends - time.time() <= 3600
        assert accounts.log_in_failures("siti")[0] == 2
    finally:
        accounts.store.close()

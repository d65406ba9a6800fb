"""`careerlog accounts copy` carries the page sessions a log-out ended, those not yet past their lifetime.

A log-out writes its session into the store's ended sessions (web.pages.auth), which every page checks: the signed
cookie alone would stay valid. The copy left them behind, so a store moved with the same CAREERLOG_SECRET_KEY
accepted again a cookie copied before a log-out. Sessions past their lifetime are moot (no cookie of theirs is
accepted any more) and are not carried. A source from before ended sessions were kept (no such table) still copies
the rest. Both stores as the target."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from tests.integration.test_accounts_copy import KEY, careerlog


def make_source(tmp_path: Path) -> str:
    source = f"sqlite:///{tmp_path}/regional.db"
    made = careerlog(source, "accounts", "create", "siti", "--name", "Siti", "--role", "admin", "--password-stdin")
    assert made.exit_code == 0, made.output
    return source


def test_sessions_a_log_out_ended_move_with_the_store(tmp_path: Path, database_url: str) -> None:
    source = make_source(tmp_path)
    accounts = open_accounts(Settings(database_url=source))
    accounts.end_session("logged-out-an-hour-ago", seconds=11 * 3600)
    accounts.end_session("logged-out-just-now", seconds=12 * 3600)
    with accounts.store.transaction() as sql:  # one whose cookie can no longer be accepted anyway
        sql.execute("INSERT INTO ended_sessions (id, expires_at) VALUES (?, ?)", ("long-over", time.time() - 60))
    accounts.store.close()

    result = careerlog(database_url, "accounts", "copy", "--from", source, key=KEY)
    assert result.exit_code == 0, result.output
    assert "ended_sessions: 2 found, 2 copied, 0 already here" in result.output
    moved = open_accounts(Settings(database_url=database_url, encryption_key=KEY))
    try:
        assert moved.session_ended("logged-out-an-hour-ago")
        assert moved.session_ended("logged-out-just-now")
        assert not moved.session_ended("long-over")
        assert not moved.session_ended("never-ended")
    finally:
        moved.store.close()
    again = careerlog(database_url, "accounts", "copy", "--from", source, key=KEY)
    assert "ended_sessions: 2 found, 0 copied, 2 already here" in again.output


def test_a_source_from_before_ended_sessions_were_kept_still_copies(tmp_path: Path, database_url: str) -> None:
    source = make_source(tmp_path)
    with sqlite3.connect(tmp_path / "regional.db") as conn:
        conn.execute("DROP TABLE ended_sessions")
    result = careerlog(database_url, "accounts", "copy", "--from", source, key=KEY)
    assert result.exit_code == 0, result.output
    assert "accounts: 1 found, 1 copied" in result.output
    assert "ended_sessions: 0 found, 0 copied, 0 already here" in result.output


def test_sessions_ended_in_either_store_move_the_other_way(tmp_path: Path, database_url: str) -> None:
    made = careerlog(
        database_url, "accounts", "create", "siti", "--name", "Siti", "--role", "admin", "--password-stdin"
    )
    assert made.exit_code == 0, made.output
    accounts = open_accounts(Settings(database_url=database_url))
    accounts.end_session("logged-out", seconds=3600)
    accounts.store.close()
    target = f"sqlite:///{tmp_path}/moved.db"
    result = careerlog(target, "accounts", "copy", "--from", database_url)
    assert result.exit_code == 0, result.output
    assert "ended_sessions: 1 found, 1 copied, 0 already here" in result.output

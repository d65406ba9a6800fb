"""The benchmarks start each timed part with the SQLite store's write-ahead log checkpointed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bench.common import settle
from careerlog.config import Settings


def test_settle_leaves_the_sqlite_write_ahead_log_empty_and_the_rows_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")  # what a writer leaves behind
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(5000)])
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0
    settle(Settings(database_url=f"sqlite:///{path}"))
    assert wal.stat().st_size == 0
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone() == (5000,)
    conn.close()


def test_settle_refuses_when_a_reader_holds_the_write_ahead_log(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (x INTEGER)")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM t").fetchone()  # a read transaction pins the log
    writer.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(SystemExit, match="could not be checkpointed"):
        settle(Settings(database_url=f"sqlite:///{path}"))
    reader.close()
    writer.close()


def test_settle_does_nothing_on_postgres() -> None:
    settle(Settings(database_url="postgresql://nobody@127.0.0.1:1/none"))  # no connection made

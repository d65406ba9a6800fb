"""Rows inserted on PostgreSQL as one JSON parameter (json_populate_recordset) are stored exactly as the
same rows sent as one array per column (unnest), the way taken before and still taken for values JSON
does not carry; on SQLite nothing changes. The access log is written the JSON way."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from careerlog import sqlstore
from careerlog.access import Scope, Target
from careerlog.accounts import Accounts
from careerlog.config import Settings
from careerlog.sqlstore import Sql, SqlStore, json_records, open_store

COLUMNS = ("id", "n", "big", "flag", "note")
AWKWARD = [
    "",
    " ",
    "plain",
    'with "double" quotes',
    "it's 100% 'quoted'; DROP TABLE t",
    "back\\slash \\\\ and \\N",
    "{braces}, [brackets], (parens)",
    "NULL",
    "null",
    "a,b,c",
    "tab\tnew\nline\rreturn\x01\x1f\x7f",
    "ünïcödé ✓ 𝄞 日本語 \u2028\u2029",
    "?::json $1 %s %(x)s",
    '{"a": 1}',
    "[1, 2]",
    "   leading and trailing   ",
]


def rows_of(count: int) -> list[tuple[Any, ...]]:
    found = []
    for i in range(count):
        note = AWKWARD[i % len(AWKWARD)] if i % 7 else None
        big = [0, -1, 2**63 - 1, -(2**63), 2**31, None][i % 6]
        found.append((f"r{i:05d}", i - 3, big, [True, False, 1, 0, None][i % 5], note))
    return found


def with_tables(database_url: str) -> Iterator[SqlStore]:
    opened = open_store(Settings(database_url=database_url))
    opened.execute_script(
        [
            f"CREATE TABLE IF NOT EXISTS {name} (id TEXT PRIMARY KEY, n INTEGER, big BIGINT, flag INTEGER, note TEXT)"
            for name in ("by_json", "by_arrays")
        ]
    )
    yield opened
    opened.close()


@pytest.fixture
def any_store(database_url: str) -> Iterator[SqlStore]:
    yield from with_tables(database_url)


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[SqlStore]:
    """PostgreSQL only (SQLite inserts by VALUES): fails in CI, skips elsewhere, when the server is missing."""
    yield from with_tables(postgres_url)


def stored(store: SqlStore, table: str) -> list[dict[str, Any]]:
    return store.query(f"SELECT * FROM {table} ORDER BY id")


@pytest.mark.parametrize("synced", [True, False])
@pytest.mark.parametrize("count", [1, 50, 613])
def test_rows_sent_as_json_are_stored_as_the_same_rows_sent_as_arrays(
    any_store: SqlStore, monkeypatch: pytest.MonkeyPatch, count: int, synced: bool
) -> None:
    rows = rows_of(count)
    assert json_records(COLUMNS, rows) is not None  # these rows go as JSON
    any_store.insert("by_json", COLUMNS, rows, synced=synced)
    with monkeypatch.context() as patched:
        patched.setattr(sqlstore, "json_records", lambda columns, rows: None)  # the arrays, as before
        any_store.insert("by_arrays", COLUMNS, rows, synced=synced)
    by_json, by_arrays = stored(any_store, "by_json"), stored(any_store, "by_arrays")
    assert by_json == by_arrays
    assert [tuple(r.values()) for r in by_json] == [
        (a, b, c, None if d is None else int(d), e) for a, b, c, d, e in rows
    ]


def test_values_json_does_not_carry_go_as_arrays() -> None:
    assert json_records(COLUMNS, [("a", 1, 2, True, "x")]) is not None
    for odd in (1.5, b"bytes", 2**64, "lone \ud800 surrogate", object()):
        assert json_records(COLUMNS, [("a", 1, 2, True, "x"), ("b", 1, 2, False, odd)]) is None


def test_rows_with_values_json_does_not_carry_are_stored_all_the_same(any_store: SqlStore) -> None:
    any_store.execute_script(["CREATE TABLE IF NOT EXISTS odd (id TEXT PRIMARY KEY, x REAL, note TEXT)"])
    any_store.insert("odd", ("id", "x", "note"), [("a", 1.5, "it's"), ("b", None, None), ("c", -0.25, "{x}")])
    assert stored(any_store, "odd") == [
        {"id": "a", "x": 1.5, "note": "it's"},
        {"id": "b", "x": None, "note": None},
        {"id": "c", "x": -0.25, "note": "{x}"},
    ]


@dataclass
class Spy:
    """A cursor that notes the statements it is given."""

    cursor: Any
    sent: list[str] = field(default_factory=list)

    def execute(self, statement: str, params: Any = ()) -> Any:
        self.sent.append(statement)
        return self.cursor.execute(statement, params)

    def executemany(self, statement: str, params: Any) -> Any:
        self.sent.append(statement)
        return self.cursor.executemany(statement, params)

    def fetchall(self) -> Any:
        return self.cursor.fetchall()


def test_a_chunk_of_rows_is_one_json_statement_on_postgresql(postgres_store: SqlStore) -> None:
    with postgres_store.statements() as sql:
        spy = Spy(sql.cursor)
        Sql(spy, sql.dialect).insert("by_json", COLUMNS, rows_of(3))
    assert len(spy.sent) == 1
    assert "json_populate_recordset(NULL::by_json, %s::json)" in spy.sent[0]
    assert len(stored(postgres_store, "by_json")) == 3


def test_access_log_entries_go_as_json(postgres_store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str | None] = []

    def noted(columns: Any, rows: Any) -> str | None:
        made.append(json_records(columns, rows))
        return made[-1]

    monkeypatch.setattr(sqlstore, "json_records", noted)
    accounts = Accounts(postgres_store)
    accounts.create_tables()
    accounts.create("ins", display_name="Inspector", role="inspector", scope=Scope(national=True))
    reader = accounts.get("ins")
    targets = [Target(f"19800101200501100{i}", "A", None if i % 2 else "R") for i in range(3)]
    assert accounts.record_access(reader, "roster", targets) == 3
    assert len(made) == 1
    assert made[0] is not None
    found = postgres_store.query("SELECT username, role, nip, agency, region, action FROM access_log ORDER BY id")
    assert [tuple(r.values()) for r in found] == [("ins", "inspector", t.nip, "A", t.region, "roster") for t in targets]

"""In a `reads_kept` block (careerlog.sqlstore: a scorecard and the reports it is judged by) a read of the same
statement and parameters is asked of the database once, each ask given rows of its own (changing them changes no
other ask's); outside it, in a write's transaction, under `reads_fresh` and with other parameters each is asked
anew; and `kept` computes its value once a block. Both stores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.sqlstore import Sql, SqlStore, kept, open_store, reads_fresh, reads_kept

COUNT = "SELECT id, n FROM kept_reads WHERE n >= ? ORDER BY id"


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    opened = open_store(Settings(database_url=database_url))
    opened.execute_script(["CREATE TABLE IF NOT EXISTS kept_reads (id TEXT PRIMARY KEY, n INTEGER)"])
    opened.insert("kept_reads", ("id", "n"), [("a", 1), ("b", 2), ("c", 3)])
    yield opened
    opened.close()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, tuple[Any, ...]]]:
    """The reads sent to the database, by statement and parameters."""
    sent: Counter[tuple[str, tuple[Any, ...]]] = Counter()
    read = Sql._read

    def counted(self: Sql, statement: str, params: Sequence[Any]) -> Any:
        sent[(statement, tuple(params))] += 1
        return read(self, statement, params)

    monkeypatch.setattr(Sql, "_read", counted)
    return sent


def test_a_read_asked_again_in_the_block_is_sent_once_each_ask_given_rows_of_its_own(
    store: SqlStore, asked: Counter[tuple[str, tuple[Any, ...]]]
) -> None:
    with reads_kept():
        first = store.query(COUNT, (2,))
        first[0]["n"] = 99  # (a caller changing its rows)
        with store.transaction(commit=False) as sql:
            again = sql.query(COUNT, (2,))
        other = store.query(COUNT, (3,))
    assert again == [{"id": "b", "n": 2}, {"id": "c", "n": 3}]
    assert other == [{"id": "c", "n": 3}]
    assert asked == {(COUNT, (2,)): 1, (COUNT, (3,)): 1}


def test_outside_the_block_in_a_write_and_when_fresh_each_read_is_asked(
    store: SqlStore, asked: Counter[tuple[str, tuple[Any, ...]]]
) -> None:
    store.query(COUNT, (1,))
    store.query(COUNT, (1,))
    with reads_kept():
        store.query(COUNT, (1,))
        with store.transaction() as sql:  # (a write's transaction: what it reads may be what it wrote)
            sql.execute("INSERT INTO kept_reads (id, n) VALUES (?, ?)", ("d", 4))
            assert [r["id"] for r in sql.query(COUNT, (1,))] == ["a", "b", "c", "d"]
        with reads_fresh():
            assert [r["id"] for r in store.query(COUNT, (1,))] == ["a", "b", "c", "d"]
        assert [r["id"] for r in store.query(COUNT, (1,))] == ["a", "b", "c"]  # (as the block's first ask saw it)
    assert [r["id"] for r in store.query(COUNT, (1,))] == ["a", "b", "c", "d"]
    assert asked == {(COUNT, (1,)): 6}


def test_a_value_kept_is_computed_once_a_block() -> None:
    made: list[int] = []

    def compute() -> list[int]:
        made.append(1)
        return [len(made)]

    assert kept(("k",), compute) == [1]
    with reads_kept():
        value = kept(("k",), compute)
        assert kept(("k",), compute) is value
        assert kept(("other",), compute) is not value
        with reads_kept():  # (a block within: the outer one's)
            assert kept(("k",), compute) is value
    assert kept(("k",), compute) == [4]
    assert len(made) == 4


def test_a_rollback_only_transaction_that_writes_reads_its_own_writes_and_keeps_none_of_them(
    store: SqlStore,
) -> None:
    """A transaction never committed is no read once it writes: its reads after its write see it (they were given
    the block's kept rows, without it), and are not kept for the block (they were, and the block's next ask was
    given a row rolled back, never in the store)."""
    with reads_kept():
        assert [r["id"] for r in store.query(COUNT, (3,))] == ["c"]
        with store.transaction(commit=False) as sql:
            sql.execute("INSERT INTO kept_reads (id, n) VALUES (?, ?)", ("e", 5))
            assert [r["id"] for r in sql.query(COUNT, (3,))] == ["c", "e"]  # (its own write)
            assert [r["id"] for r in sql.query(COUNT, (4,))] == ["e"]
        assert [r["id"] for r in store.query(COUNT, (4,))] == []  # (rolled back: never in the store)
        assert [r["id"] for r in store.query(COUNT, (3,))] == ["c"]


def test_rows_read_after_the_views_moved_on_are_read_anew(store: SqlStore) -> None:
    """`forget_ahead` (a read that waited for the views to move on: projections.framework) forgets the block's kept
    reads and values too, as it forgets the rows read ahead: the reads to come see the data as it is then (they
    were given the rows the block first read, before the views moved on)."""
    with reads_kept():
        assert [r["id"] for r in store.query(COUNT, (3,))] == ["c"]
        value = kept(("k",), lambda: [1])
        store.insert("kept_reads", ("id", "n"), [("f", 6)])  # (the views moved on: another writer's)
        store.forget_ahead()
        assert [r["id"] for r in store.query(COUNT, (3,))] == ["c", "f"]
        assert kept(("k",), lambda: [2]) is not value

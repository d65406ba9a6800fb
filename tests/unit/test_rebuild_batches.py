"""How a rebuild's processes cut the records into ranges and share SQLite's single writer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from careerlog.sqlstore import Row, Sql
from projections.career import CareerRecord
from projections.framework import REBUILD_CACHE_KIB, BatchWrites, Projection, RowBatch, SubjectRange, Table, _cut


class Views:
    """Records each write: the changes written together in one transaction."""

    def __init__(self) -> None:
        self.writes: list[list[str]] = []

    def write(
        self,
        name: str,
        position: int | None,
        changes: Callable[[Sql], None],
        *,
        synced: bool = True,
        cache_kib: int | None = None,
    ) -> None:
        assert (name, position, synced, cache_kib) == ("rebuild", None, False, REBUILD_CACHE_KIB)
        done: list[str] = []
        changes(done)  # type: ignore[arg-type]
        self.writes.append(done)


def batch(label: str) -> Callable[[Any], None]:
    return lambda done: done.append(label)


def test_alone_each_batch_is_written_when_added() -> None:
    views = Views()
    writes = BatchWrites(views)  # type: ignore[arg-type]
    writes.add(batch("a"))
    writes.add(batch("b"))
    assert views.writes == [["a"], ["b"]]
    writes.finish()
    assert views.writes == [["a"], ["b"]]


def test_with_the_lock_taken_a_batch_is_kept_and_written_with_the_next_when_the_lock_is_free() -> None:
    views, lock = Views(), threading.Lock()
    writes = BatchWrites(views, lock, most=3)  # type: ignore[arg-type]
    with lock:  # another process writes
        writes.add(batch("a"))
        writes.add(batch("b"))
        assert views.writes == []
    writes.add(batch("c"))
    assert views.writes == [["a", "b", "c"]]
    assert not lock.locked()


def test_holding_most_batches_a_process_waits_for_the_lock() -> None:
    views, lock = Views(), threading.Lock()
    writes = BatchWrites(views, lock, most=2)  # type: ignore[arg-type]
    lock.acquire()
    writes.add(batch("a"))
    threading.Timer(0.2, lock.release).start()
    writes.add(batch("b"))  # blocks until the other process is done
    assert views.writes == [["a", "b"]]


def test_finish_writes_what_is_held_once_the_lock_is_free() -> None:
    views, lock = Views(), threading.Lock()
    writes = BatchWrites(views, lock)  # type: ignore[arg-type]
    with lock:
        writes.add(batch("a"))
    assert views.writes == []
    writes.finish()
    assert views.writes == [["a"]]
    assert not lock.locked()


def test_while_waiting_for_the_lock_the_waiting_check_may_give_up() -> None:
    views, lock = Views(), threading.Lock()

    def gone() -> None:
        raise RuntimeError("the writer is gone")

    writes = BatchWrites(views, lock, most=1, waiting=gone)  # type: ignore[arg-type]
    with lock, pytest.raises(RuntimeError, match="the writer is gone"):
        writes.add(batch("a"))
    assert views.writes == []


COUNTS = [("a", 5), ("b", 1), ("c", 1), ("d", 3), ("e", 10), ("f", 1)]  # 21 events


@pytest.mark.parametrize(
    ("cuts", "ranges"),
    [
        ([], [SubjectRange("", None)]),
        ([10], [SubjectRange("", "e"), SubjectRange("e", None)]),  # event 10 (from 0) is e's: e ends the first
        ([4, 5, 6], [SubjectRange("", "a"), SubjectRange("a", "b"), SubjectRange("b", "c"), SubjectRange("c", None)]),
        ([11, 12, 13], [SubjectRange("", "e"), SubjectRange("e", None)]),  # a subject is never split
        ([20], [SubjectRange("", None)]),  # the last subject always ends the last range
    ],
)
def test_ranges_end_at_the_subject_holding_each_cut(cuts: list[int], ranges: list[SubjectRange]) -> None:
    assert _cut(COUNTS, cuts) == ranges


def test_no_subjects_make_one_open_range() -> None:
    assert _cut([], [1, 2]) == [SubjectRange("", None)]


class Listed(Projection):
    """Rows naming the projection and subject; every call to `rows` noted in `calls`."""

    tables = (Table("listed", (("subject", "TEXT"), ("view", "TEXT")), ("subject", "view")),)

    def __init__(self, name: str, calls: list[tuple[str, str]]):
        self.name = name  # type: ignore[misc]
        self.calls = calls

    def applies_to(self, subject: str) -> bool:
        return self.name == "all" or not subject.startswith("UNIT:")

    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        self.calls.append((self.name, record.subject))
        return {"listed": [{"subject": record.subject, "view": self.name}]}


class Statements:
    def __init__(self) -> None:
        self.done: list[tuple[str, Any]] = []
        self.dialect = "sqlite"
        self.cursor = self

    def execute(self, statement: str, params: Any = ()) -> None:
        self.done.append((statement, list(params)))

    def executemany(self, statement: str, rows: Any) -> None:
        self.done.append((statement, list(rows)))


def test_a_batch_makes_each_records_rows_for_every_projection_before_the_next_record() -> None:
    calls: list[tuple[str, str]] = []
    employees, everyone = Listed("employees", calls), Listed("all", calls)
    rows = RowBatch([employees, everyone])
    rows.add("A", CareerRecord("A", ()))
    rows.add("UNIT:X", CareerRecord("UNIT:X", ()))
    rows.add("B", None)  # no events (a catch-up's subject whose record is gone): its rows are only deleted
    assert calls == [("employees", "A"), ("all", "A"), ("all", "UNIT:X")]
    assert rows.records == 2
    sql = Statements()
    rows.changes(everyone)(sql)  # type: ignore[arg-type]
    assert sql.done == [
        ("DELETE FROM listed WHERE subject IN (?, ?, ?)", ["A", "UNIT:X", "B"]),
        ("INSERT INTO listed (subject, view) VALUES (?, ?)", [("A", "all"), ("UNIT:X", "all")]),
    ]


class ListedTuples(Listed):
    """`Listed`, giving its rows as tuples of the table's columns."""

    gives_tuples = True

    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        return self.rows_of_tuples(self.tuples(record))

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        self.calls.append((self.name, record.subject))
        return {"listed": [(record.subject, self.name)]}


def test_a_projection_giving_tuples_has_them_written_as_they_are_and_reads_them_as_rows() -> None:
    calls: list[tuple[str, str]] = []
    tuples = ListedTuples("all", calls)
    rows = RowBatch([tuples])
    rows.add("A", CareerRecord("A", ()))
    assert rows.rows["all"]["listed"] == [("A", "all")]  # no dict made
    sql = Statements()
    rows.changes(tuples)(sql)  # type: ignore[arg-type]
    assert sql.done[-1] == ("INSERT INTO listed (subject, view) VALUES (?, ?)", [("A", "all")])
    assert tuples.rows(CareerRecord("B", ())) == {"listed": [{"subject": "B", "view": "all"}]}

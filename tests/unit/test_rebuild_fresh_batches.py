"""The statements of a batch's changes: a catch-up deletes the subjects' rows before inserting theirs; a
rebuild (`fresh`) on SQLite inserts only, and deletes and inserts again if some rows were there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from careerlog.sqlstore import Row
from projections.career import CareerRecord
from projections.framework import Projection, RowBatch, Table

LISTED = Table("listed", (("subject", "TEXT"), ("view", "TEXT")), ("subject", "view"))
DELETE = ("DELETE FROM listed WHERE subject IN (?, ?)", ["A", "B"])
INSERT = ("INSERT INTO listed (subject, view) VALUES (?, ?)", [("A", "v"), ("B", "v")])


class Listed(Projection):
    name = "listed"
    tables = (LISTED,)

    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        return {"listed": [{"subject": record.subject, "view": "v"}]}


class Statements:
    """A cursor noting its statements; `conflicts`: how many inserts meet rows already there."""

    def __init__(self, dialect: str, conflicts: int = 0) -> None:
        self.done: list[tuple[str, Any]] = []
        self.dialect = dialect
        self.cursor = self
        self.conflicts = conflicts

    def execute(self, statement: str, params: Any = ()) -> None:
        self.done.append((statement, list(params)))

    def executemany(self, statement: str, rows: Any) -> None:
        self.done.append((statement, list(rows)))
        if self.conflicts:
            self.conflicts -= 1
            raise sqlite3.IntegrityError("UNIQUE constraint failed: listed.subject, listed.view")

    @contextmanager
    def copy(self, statement: str) -> Iterator[Statements]:  # PostgreSQL's COPY: each row written
        self.done.append((statement, []))
        yield self

    def write_row(self, row: tuple[Any, ...]) -> None:
        self.done[-1][1].append(row)


def batch() -> tuple[Listed, RowBatch]:
    projection = Listed()
    rows = RowBatch([projection])
    rows.add("A", CareerRecord("A", ()))
    rows.add("B", CareerRecord("B", ()))
    return projection, rows


COPY = ("COPY listed (subject, view) FROM STDIN", [("A", "v"), ("B", "v")])


@pytest.mark.parametrize(("dialect", "insert"), [("sqlite", INSERT), ("postgres", COPY)])
def test_a_catch_up_deletes_the_subjects_rows_before_inserting(dialect: str, insert: Any) -> None:
    projection, rows = batch()
    sql = Statements(dialect)
    rows.changes(projection)(sql)  # type: ignore[arg-type]
    assert sql.done == [DELETE, insert]


def test_a_rebuild_on_sqlite_inserts_without_deleting() -> None:
    projection, rows = batch()
    sql = Statements("sqlite")
    rows.changes(projection, fresh=True)(sql)  # type: ignore[arg-type]
    assert sql.done == [INSERT]


def test_a_rebuild_meeting_rows_already_there_deletes_the_subjects_rows_and_inserts_again() -> None:
    projection, rows = batch()
    sql = Statements("sqlite", conflicts=1)
    rows.changes(projection, fresh=True)(sql)  # type: ignore[arg-type]
    assert sql.done == [INSERT, DELETE, INSERT]


def test_a_rebuild_on_postgres_deletes_first_as_a_catch_up() -> None:
    projection, rows = batch()
    sql = Statements("postgres")
    rows.changes(projection, fresh=True)(sql)  # type: ignore[arg-type]
    assert sql.done == [DELETE, COPY]

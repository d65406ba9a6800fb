"""A rebuild writes the rows of the views it rebuilds into tables without their secondary
indexes and makes the indexes once the rows are in (a sort each, instead of an index entry
per row inserted), on both stores; the views it does not rebuild keep theirs throughout."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.sqlstore import Sql
from projections.framework import BatchWrites, Projector
from tests import factories as f
from tests.integration.test_projections import clock, dump, ledger, populate, projector
from tests.integration.test_rebuild_jobs import more_careers

__all__ = ["clock", "ledger", "projector"]  # the fixtures of test_projections, used here too


def indexes(sql: Sql) -> set[str]:
    """The names of the views' secondary indexes (`<table>_ix<i>`) there are."""
    if sql.dialect == "sqlite":
        rows = sql.query("SELECT name FROM sqlite_master WHERE type = 'index'")
    else:
        rows = sql.query("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()")
    return {str(r["name"]) for r in rows if "_ix" in str(r["name"])}


def expected(projector: Projector, names: set[str] | None = None) -> set[str]:
    return {
        f"{table.name}_ix{i}"
        for projection in projector.projections
        if names is None or projection.name in names
        for table in projection.tables
        for i in range(len(table.indexes))
    }


@pytest.mark.parametrize("names", [None, {"merit"}])
def test_a_rebuild_indexes_the_rows_once_they_are_in(
    ledger: CareerLog, clock: f.Clock, projector: Projector, monkeypatch: pytest.MonkeyPatch, names: set[str] | None
) -> None:
    populate(ledger, clock)
    more_careers(ledger, clock, 4)
    projector.catch_up()
    caught_up = dump(projector.views.sql)
    every = expected(projector)
    assert indexes(projector.views.sql) == every
    seen: list[set[str]] = []
    write = BatchWrites._write

    def watched(self: BatchWrites) -> None:
        with self.views.reading() as sql:
            seen.append(indexes(sql))
        write(self)

    monkeypatch.setattr(BatchWrites, "_write", watched)
    projector.rebuild(names)
    assert seen  # the rows went in while the rebuilt views had no secondary indexes, the others all theirs
    assert all(during == every - expected(projector, names) for during in seen)
    assert indexes(projector.views.sql) == every
    assert dump(projector.views.sql) == caught_up


def test_a_failed_rebuild_leaves_the_indexes_to_the_next_start(
    ledger: CareerLog, clock: f.Clock, projector: Projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(ledger, clock)

    def failing(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWrites, "_write", failing)
    with pytest.raises(RuntimeError):
        projector.rebuild()
    assert indexes(projector.views.sql) == set()
    monkeypatch.undo()
    projector.ensure_tables()  # as any process starting does
    assert indexes(projector.views.sql) == expected(projector)

"""The batches of an audit download (AuditQueries.each_decision): each reads its range of the list's order from the
index in that order, searched by the range's row values on SQLite (given the TMT bounded on its own too, SQLite
searched by TMT alone and read a batch's whole TMT day: the cost grew with the square of the decisions of a day, and
TMTs cluster on 1 April and 1 October)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import projections.merit.queries
from projections.merit.queries import AuditQueries
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, view_store


def promoted_on_one_day(tmp_path: Path, count: int) -> AuditQueries:
    """The audit of `count` clerks promoted to III/c on 2018-04-01: four decisions each (their appointment and post
    of 2010-03-01, their promotions of 2014-04-01 and 2018-04-01)."""
    staff = [
        clerk(760 + n).add("rank_promotion", f.promotion("III/c", "2018-04-01"), f"2018-04-10{T}") for n in range(count)
    ]
    return AuditQueries(view_store(tmp_path, [b.record() for b in staff]))


def reads_of(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[Any]]]:
    """The statements (and parameters) the stream reads from here on, in order."""
    read: list[tuple[str, list[Any]]] = []
    streamed = projections.merit.queries.streamed

    def recorded(store: Any, statement: str, params: list[Any], *args: Any, **options: Any) -> Any:
        read.append((statement, params))
        return streamed(store, statement, params, *args, **options)

    monkeypatch.setattr(projections.merit.queries, "streamed", recorded)
    return read


def test_a_batch_on_sqlite_searches_the_index_by_its_ranges_row_values_not_by_tmt_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = promoted_on_one_day(tmp_path, 6)
    read = reads_of(monkeypatch)
    assert len(list(audit.each_decision(page=5))) == 24
    batches = read[1:]  # (the keys listed first)
    assert len(batches) == 5
    for statement, params in batches:
        plan = " | ".join(str(r["detail"]) for r in audit.store.query(f"EXPLAIN QUERY PLAN {statement}", params))
        assert re.search(r"SEARCH d USING COVERING INDEX decisions_ix6 \(\(tmt,subject,version\)[<>]", plan), plan
        assert "tmt>?" not in plan, plan
        assert "tmt<?" not in plan, plan

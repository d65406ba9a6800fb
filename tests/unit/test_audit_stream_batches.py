"""The batches of an audit download (AuditQueries.each_decision): each reads its range of the list's order from the
index in that order, searched by the range's row values on SQLite (given the TMT bounded on its own too, SQLite
searched by TMT alone and read a batch's whole TMT day: the cost grew with the square of the decisions of a day, and
TMTs cluster on 1 April and 1 October). A batch as listed is read by its range alone, one statement (an up_to that
left the cursor's own row out read every batch's last decision again by subject, which hid it: counted here); one
moved out of its range is read by subject, MOVED_READ at a time."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import projections.merit.queries
from careerlog.keyset import Keyset
from projections.merit.queries import AuditQueries
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, post, view_store


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


KEYS = [(tmt, subject, version) for tmt in ("2018-04-01", "2018-10-01") for subject in ("A", "B") for version in (1, 2)]


@pytest.mark.parametrize("first_alone", [True, False])
@pytest.mark.parametrize("descending", [False, True])
def test_a_cursor_splits_the_list_into_the_rows_up_to_it_its_own_among_them_and_the_rows_after_it(
    first_alone: bool, descending: bool
) -> None:
    keyset = Keyset(
        "decisions", ("tmt", "subject", "version"), ("tmt", "subject", "version"), (date, str, int), descending
    )
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE d (tmt TEXT, subject TEXT, version INTEGER)")
    database.executemany("INSERT INTO d VALUES (?, ?, ?)", KEYS)
    ordered = sorted(KEYS, reverse=descending)

    def rows(condition: tuple[str, list[Any]]) -> list[tuple[Any, ...]]:
        clause, params = condition
        return database.execute(f"SELECT * FROM d WHERE {clause} ORDER BY {keyset.order_by()}", params).fetchall()

    for place, key in enumerate(ordered):
        assert rows(keyset.up_to(key, first_alone=first_alone)) == ordered[: place + 1], key
        assert rows(keyset.after(key, first_alone=first_alone)) == ordered[place + 1 :], key


def test_a_records_two_decisions_of_one_day_split_across_batches_are_read_each_in_its_own_by_range_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = clerk(790).add("rank_promotion", f.promotion("III/c", "2018-04-01"), f"2018-04-10{T}")
    builder.add("post_appointment", post("PELAKSANA", "2018-04-01"), f"2018-04-11{T}")
    audit = AuditQueries(view_store(tmp_path, [builder.record()]))
    listed = [(d["tmt"], d["subject"], d["version"]) for d in audit.decisions()]
    assert listed[-2][:2] == listed[-1][:2] == ("2018-04-01", builder.nip)  # (one day, one record, two versions)
    read = reads_of(monkeypatch)
    found = [(d["tmt"], d["subject"], d["version"]) for d in audit.each_decision(page=len(listed) - 1)]
    assert found == listed
    assert len(read) == 1 + 2  # (the keys, then each batch by its range: none read again by subject)


def test_decisions_moved_out_of_their_batch_are_read_by_subject_moved_read_at_a_time_at_their_place_as_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = promoted_on_one_day(tmp_path, 5)
    listed = [(d["subject"], d["version"]) for d in audit.decisions()]
    monkeypatch.setattr(projections.merit.queries, "MOVED_READ", 2)
    read = reads_of(monkeypatch)
    stream = audit.each_decision(page=len(listed))  # (the keys listed here: one batch of them all)
    with audit.store.transaction() as sql:  # (their TMT corrected after they were listed: out of the batch's range)
        sql.execute("UPDATE decisions SET tmt = '2030-04-01' WHERE tmt = '2018-04-01'")
    found = list(stream)
    assert [(d["subject"], d["version"]) for d in found] == listed
    assert [d["tmt"] for d in found[-5:]] == ["2030-04-01"] * 5
    assert len(read) == 1 + 1 + 3  # (the keys, the batch's range, the five moved by subject two at a time)

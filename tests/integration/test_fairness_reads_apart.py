"""Time to promotion's reads on each store: floats read by COPY are those read as rows, bit for bit, and the rank
spells read with the training in a thread of its own are those read one after another."""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest

from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries, Request
from tests.integration.test_fairness_queries import TODAY, add_pool, store  # noqa: F401  (the fixture)

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

AWKWARD_FLOATS = [0.1, 1 / 3, 2 / 3, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 123456789.123456789, 4.35, None]
AWKWARD_SINGLES = [0.1, 1 / 3, 85.3, 1e-30, 3e37, -0.0, 4.35, 2.5, 7.0, None]  # within a REAL's range


def bits(value: Any) -> Any:
    return None if value is None or value != value else struct.pack("<d", value)


def test_floats_read_by_copy_are_those_read_as_rows(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import projections.merit.fairness as fairness

    rows = [(i, AWKWARD_SINGLES[i % 10], AWKWARD_FLOATS[(i * 7) % 10], f"s{i % 13}") for i in range(5000)]
    rows += [(5000 + i, math.pi * i, math.e / (i + 1), "x") for i in range(5000)]
    with store.transaction() as sql:
        sql.execute("CREATE TABLE floats (id INTEGER, single REAL, double DOUBLE PRECISION, label TEXT)")
        sql.executemany("INSERT INTO floats VALUES (?, ?, ?, ?)", rows)
    queries = FairnessQueries(store, today=TODAY)
    asked = [
        ("SELECT id, single, double, label FROM floats ORDER BY id", ["id", "single", "double", "label"]),
        ("SELECT label, AVG(single) AS mean FROM floats GROUP BY label ORDER BY label", ["label", "mean"]),
    ]
    copied = [fairness.copied_frame(store, statement, names) is not None for statement, names in asked]
    assert copied == ([True, True] if store.dialect == "postgres" else [False, False])
    found = [queries._frame(statement, names) for statement, names in asked]
    monkeypatch.setattr(fairness, "copied_frame", lambda *args: None)
    for (statement, names), frame in zip(asked, found, strict=True):
        rows_read = queries._frame(statement, names)
        assert len(frame) == len(rows_read) > 0
        for name in names:
            assert [bits(v) if isinstance(v, float) else v for v in frame[name].tolist()] == [
                bits(v) if isinstance(v, float) else v for v in rows_read[name].tolist()
            ], (statement, name)


def test_rank_spells_read_apart_are_those_read_in_turn(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import projections.merit.fairness as fairness

    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    ask = Request.checked("sex", None, "2024-12-31", None, 1)
    runs, covariates = queries._rank_spells(ask, "2024-12-31")
    answers = queries.time_to_promotion_by(["sex", "age_band"], end="2024-12-31", min_cell=1)
    asked: list[Any] = []
    monkeypatch.setattr(fairness, "later", lambda pool, task: asked.append(pool) or task)
    in_turn, same_covariates = queries._rank_spells(ask, "2024-12-31")
    # on PostgreSQL the training's read was given a thread; here none
    assert asked
    assert all(pool is not None for pool in asked) == (store.dialect == "postgres")
    assert covariates == same_covariates == ["education", "training_jp"]  # no SKP rating before a rank began
    assert runs.equals(in_turn)
    assert runs["training_jp"].gt(0).any()
    monkeypatch.setattr(fairness, "later", lambda pool, task: task)
    assert queries.time_to_promotion_by(["sex", "age_band"], end="2024-12-31", min_cell=1) == answers

"""Fairness and time to promotion through the real projector: the merit view's promotion pool
and the roster's spells of a small demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from careerlog.demo import load_demo
from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries
from tests.conftest import projected

pytestmark = pytest.mark.xdist_group("test_fairness_demo")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def store(shared_database_url: str) -> Iterator[SqlStore]:
    """A small demo recorded and projected once per store; the tests only read it."""
    with projected(
        shared_database_url, lambda app: load_demo(app, employees=150, seed=11, today=TODAY, workers=1)
    ) as views:
        yield views


def test_fairness_counts_every_pool_row_of_the_merit_view_once(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    expected = {
        (r["sex"], r["agency"]): (int(r["pool"]), int(r["promoted"]))
        for r in store.query(
            "SELECT sex, agency, COUNT(*) AS pool, SUM(promoted) AS promoted FROM promotion_rounds"
            " WHERE eligible = 1 OR promoted = 1 GROUP BY sex, agency"
        )
    }
    assert sum(pool for pool, _ in expected.values()) > 100
    result = queries.fairness("sex,agency", min_cell=1)
    found = {tuple(g["group"].split(" / ")): (g["eligible"], g["promoted"]) for g in result["groups"]}
    assert found == expected
    by_age = queries.fairness("age_band", min_cell=1)
    assert sum(g["eligible"] for g in by_age["groups"]) == sum(pool for pool, _ in expected.values())
    assert all(g["group"] != "unknown" for g in by_age["groups"])


def test_time_to_promotion_follows_every_rank_spell_of_the_roster(store: SqlStore) -> None:
    result = FairnessQueries(store, today=TODAY).time_to_promotion("employment_kind", min_cell=1)
    spells = sum(g["n"] for g in result["groups"])
    promoted = sum(g["promoted"] for g in result["groups"])
    rank_changes = store.scalar(
        "SELECT COUNT(*) FROM spells s JOIN spells t ON t.subject = s.subject AND t.seq = s.seq + 1"
        " WHERE t.rank <> s.rank"
    )
    assert promoted <= rank_changes < spells
    assert result["cox"]["covariates"] == [
        "education",
        "performance_before",
        "performance_before_missing",
        "training_jp",
    ]
    assert result["cox"]["terms"]

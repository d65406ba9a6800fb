"""The Cox model of time to promotion counts an employee's rank spells as one cluster, not as independent rows: its
standard errors are lifelines' robust (sandwich) ones clustered by employee (cluster_col) where the rank spells are at
most CLUSTERED_MAX_ROWS, none entered late and some employee has several; else model-based, and the answer says
which (`cox.standard_errors`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from projections.merit import survival
from projections.merit.survival import CLUSTERED, MODEL_BASED, time_to_promotion


def runs(people: int = 60, spells: int = 3) -> pd.DataFrame:
    """`spells` rank spells of each of `people` employees, an employee's alike (a slow or a fast career)."""
    rng = np.random.default_rng(11)
    person = np.repeat(np.arange(people), spells).astype(np.int32)
    pace = np.repeat(rng.choice([3.0, 6.0], people), spells)
    group = np.repeat(np.where(np.arange(people) % 2 == 0, "a", "b"), spells)
    years = np.round(pace + rng.normal(0, 0.5, len(person)).clip(-2, 2), 2)
    promoted = (rng.random(len(person)) < 0.85).astype(int)
    training = rng.integers(0, 40, len(person)).astype(float)
    return pd.DataFrame(
        {"group": group, "years": years, "promoted": promoted, "training_jp": training, "person": person}
    )


def group_term(answer: dict) -> dict:
    return next(t for t in answer["cox"]["terms"] if t["term"] == "group: b")


def test_the_cox_errors_are_clustered_by_employee() -> None:
    from lifelines import CoxPHFitter

    frame = runs()
    answer = time_to_promotion(frame, ["group"], ["training_jp"], min_cell=1)
    assert answer["cox"]["standard_errors"] == CLUSTERED
    data = frame.assign(b=(frame["group"] == "b").astype(float))[["years", "promoted", "b", "training_jp", "person"]]
    theirs = CoxPHFitter().fit(data, "years", "promoted", cluster_col="person").summary
    term = group_term(answer)
    assert term["hazard_ratio"] == round(theirs.loc["b", "exp(coef)"], 4)
    assert term["ci"] == [
        round(theirs.loc["b", "exp(coef) lower 95%"], 4),
        round(theirs.loc["b", "exp(coef) upper 95%"], 4),
    ]
    # the rows counted as independent: another (here narrower) interval, the same hazard ratio
    independent = time_to_promotion(frame.drop(columns="person"), ["group"], ["training_jp"], min_cell=1)
    assert independent["cox"]["standard_errors"] == MODEL_BASED
    assert group_term(independent)["hazard_ratio"] == term["hazard_ratio"]
    low, high = group_term(independent)["ci"]
    assert term["ci"][0] < low
    assert high < term["ci"][1]


def test_model_based_errors_where_no_employee_repeats_or_too_many_rows_or_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    once = runs(people=150, spells=1)
    assert time_to_promotion(once, ["group"], ["training_jp"], min_cell=1)["cox"]["standard_errors"] == MODEL_BASED
    late = runs().assign(entry=0.0)
    late.loc[::7, "entry"] = 1.0
    late = late[late["entry"] < late["years"]]
    assert time_to_promotion(late, ["group"], ["training_jp"], min_cell=1)["cox"]["standard_errors"] == MODEL_BASED
    monkeypatch.setattr(survival, "CLUSTERED_MAX_ROWS", 100)
    assert time_to_promotion(runs(), ["group"], ["training_jp"], min_cell=1)["cox"]["standard_errors"] == MODEL_BASED


def test_an_entry_column_of_zeros_alone_is_no_late_entry() -> None:
    """A scope that holds only rank spells begun from the period's start keeps the entry column `entered_at` made of
    every spell, all 0 (the answer's `entered_late` 0): the errors are clustered, the answer the one without it."""
    frame = runs()
    plain = time_to_promotion(frame, ["group"], ["training_jp"], min_cell=1)
    zeros = time_to_promotion(frame.assign(entry=0.0), ["group"], ["training_jp"], min_cell=1)
    assert zeros["cox"]["standard_errors"] == CLUSTERED
    assert zeros == plain

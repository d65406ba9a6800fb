"""Time to promotion by several dimensions in forked processes: the same answers as one after another."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from projections.merit.survival import each_in_processes, time_to_promotion_each
from tests.unit.test_survival import random_spells


def spells_of_every_dimension(seed: int) -> pd.DataFrame:
    """Rank spells with two grouping columns (one group promoted once: near separation) and the covariates."""
    import numpy as np

    frame = random_spells(seed=seed, n=600, quarters=30, promoted=0.5, groups=["A", "B", "C"])
    rng = np.random.default_rng(seed)
    frame["sex"] = frame.pop("group")
    frame["agency"] = rng.choice(["X", "Y", "Z"], len(frame))
    # a group promoted once: its figures are the sensitive ones (one never promoted is left out of the Cox model:
    # tests/unit/test_time_to_promotion_levels_not_estimable.py)
    frame.loc[frame["agency"] == "Z", "promoted"] = 0
    frame.loc[frame.index[frame["agency"] == "Z"][0], "promoted"] = 1
    frame["start"] = "2015-01-01"
    return frame


def test_dimensions_fitted_in_processes_answer_as_one_after_another() -> None:
    runs = spells_of_every_dimension(seed=5)
    bys = [["sex"], ["agency"], ["sex", "agency"], ["agency", "sex"]]
    covariates = ["education", "training_jp"]
    alone = time_to_promotion_each(runs, bys, covariates, min_cell=5)
    together = time_to_promotion_each(runs, bys, covariates, min_cell=5, jobs=3)
    assert together == alone
    assert [a["cox"]["reference_group"] for a in alone] == ["C", "X", "C / X", "X / C"]
    assert any("group: Z" in t["term"] for t in alone[1]["cox"]["terms"])  # the near-separated group was fitted


def test_each_in_processes_answers_in_order_from_other_processes() -> None:
    answers = each_in_processes(lambda n: (n * n, os.getpid()), [3, 1, 2, 5], jobs=2)
    assert [square for square, _ in answers] == [9, 1, 4, 25]
    assert os.getpid() not in {pid for _, pid in answers}
    assert len({pid for _, pid in answers}) <= 2  # two processes
    assert each_in_processes(lambda n: (n, os.getpid()), [7], jobs=2) == [(7, os.getpid())]  # one item: here


def test_each_in_processes_raises_a_tasks_error_and_a_process_that_died() -> None:
    from concurrent.futures.process import BrokenProcessPool

    def fails_on_two(n: int) -> int:
        if n == 2:
            raise ValueError("two")
        return n

    with pytest.raises(ValueError, match="two"):
        each_in_processes(fails_on_two, [1, 2, 3], jobs=2)

    def dies_on_two(n: int) -> int:
        if n == 2:
            os._exit(9)  # as a process killed for memory: no answer, no exception
        return n

    with pytest.raises(BrokenProcessPool):
        each_in_processes(dies_on_two, [1, 2, 3], jobs=2)

"""The cumulative incidence's interval (projections.merit.survival.incidence_bounds) is lifelines' own to the last bit.

lifelines' AalenJohansenFitter computes the variance row by row over its event table, each row a pandas Series
(`iterrows`): most of the fit's time on the fairness page. careerlog's fitter reads the rows from the table's array
instead, the same numbers in the same operations; here both fit the same rank spells (tied days, both outcomes
and censoring, counts as weights as `cumulative_incidence` gives them) and must agree exactly, NaN where
lifelines has NaN. A lifelines release that changes its formula fails this test.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from lifelines import AalenJohansenFitter

from projections.merit.survival import PROMOTION, incidence_fitter, tallied


class LifelinesOwn(AalenJohansenFitter):  # type: ignore[misc]
    @staticmethod
    def _check_for_duplicates(durations: object, events: object) -> bool:
        return False


@pytest.mark.parametrize(("seed", "n"), [(1, 40), (2, 400), (3, 3000)])
def test_incidence_interval_is_lifelines_own_to_the_last_bit(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    years = np.round(rng.integers(1, 60, n) / 2.0 + rng.choice([0.0, 0.25], n), 2)  # many ties, as rounds make
    outcome = rng.choice([0, 1, 2], n, p=[0.3, 0.55, 0.15])
    (times, outcomes), counts = tallied(years, outcome)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ours = incidence_fitter().fit(times, outcomes, event_of_interest=PROMOTION, weights=counts)
        theirs = LifelinesOwn().fit(times, outcomes, event_of_interest=PROMOTION, weights=counts)
    assert type(ours).__mro__[1] is AalenJohansenFitter
    assert "_bounds" in type(ours).__dict__  # careerlog's, not lifelines
    assert np.array_equal(ours.variance_.to_numpy(), theirs.variance_.to_numpy(), equal_nan=True)
    mine, lifelines = ours.confidence_interval_, theirs.confidence_interval_
    assert list(mine.columns) == list(lifelines.columns)
    assert np.array_equal(mine.to_numpy(), lifelines.to_numpy(), equal_nan=True)
    assert mine.index.equals(lifelines.index)

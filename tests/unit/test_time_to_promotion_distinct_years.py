"""Each curve of time to promotion has one point per years shown: steps at distinct times that round to the same
two places (730 and 731 days in rank: 1.9986 and 2.0014 years, both 2.0) are one point, the estimate after all of
them (docs/fairness.md, `groups[].curve`). The API's, the page's chart and the downloads read these points."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter

from projections.merit.survival import DAYS_PER_YEAR, km_curves, one_step_per_year_shown

# the reference's group A (fairness-methods.md: promoted at 2, 3 and 4 years, waiting at 5), with one more promoted
# a day after the first: 730 and 731 days in rank
SPLIT = [(730 / DAYS_PER_YEAR, 1), (731 / DAYS_PER_YEAR, 1), (3.0, 1), (4.0, 1), (5.0, 0)]
# the same five with both on one time, 2 years
TIED = [(2.0, 1), (2.0, 1), (3.0, 1), (4.0, 1), (5.0, 0)]


def frame(rows: list[tuple[float, int]], *, entry: bool) -> pd.DataFrame:
    found = pd.DataFrame({"group": "A", "years": [t for t, _ in rows], "promoted": [e for _, e in rows]})
    if entry:  # every rank spell begun in the period: the delayed-entry fit, entered at 0
        found["entry"] = np.zeros(len(rows))
    return found


@pytest.mark.parametrize("entry", [False, True])
def test_steps_a_day_apart_are_one_point_the_estimate_after_both(entry: bool) -> None:
    (group,) = km_curves(frame(SPLIT, entry=entry), min_cell=1)
    # 5 at risk: 4/5 after 730 days, 3/5 after 731 (both shown as 2.0 years), 2/5 at 3, 1/5 at 4
    assert [(p["years"], p["survival"]) for p in group["curve"]] == [(0.0, 1.0), (2.0, 0.6), (3.0, 0.4), (4.0, 0.2)]
    # the Greenwood terms add up alike (1/(5*4) + 1/(4*3) = 2/(5*3)): the curve, its intervals too, is the one of
    # both promoted at 2 years
    (tied,) = km_curves(frame(TIED, entry=entry), min_cell=1)
    assert group["curve"] == tied["curve"]
    assert group["median_years"] == 3.0  # (0.4 at 3 years: the first at or below 0.5)


def test_the_cumulative_incidence_has_one_point_per_years_shown_too() -> None:
    (group,) = km_curves(frame(SPLIT, entry=False), min_cell=1)
    # nobody left: the share promoted is 1 - survival, after both promotions shown as 2.0
    assert [(p["years"], p["incidence"]) for p in group["incidence"]] == [(2.0, 0.4), (3.0, 0.6), (4.0, 0.8)]
    (tied,) = km_curves(frame(TIED, entry=False), min_cell=1)
    assert group["incidence"] == tied["incidence"]


def test_the_years_rise_strictly_over_many_close_times() -> None:
    rng = np.random.default_rng(7)
    days = rng.integers(300, 4000, 500)  # many distinct days a few apart: rounded, they meet
    rows = [(d / DAYS_PER_YEAR, int(p)) for d, p in zip(days, rng.random(500) < 0.7, strict=True)]
    (group,) = km_curves(frame(rows, entry=False), min_cell=1)
    for points in (group["curve"], group["incidence"]):
        years = [p["years"] for p in points]
        assert all(a < b for a, b in itertools.pairwise(years))
    # the survival at each point is the step function's value after the last promotion at a time shown as it
    # (lifelines' unrounded curve at that time)
    fitted = KaplanMeierFitter().fit([t for t, _ in rows], [e for _, e in rows]).survival_function_.iloc[:, 0]
    promoted = sorted({t for t, e in rows if e})
    for point in group["curve"][1:]:
        last = max(t for t in promoted if round(t, 2) == point["years"])
        assert point["survival"] == round(float(fitted.loc[last]), 4)
    assert len(group["curve"]) - 1 == len({round(t, 2) for t in promoted}) < len(promoted)


def test_one_step_per_year_shown_keeps_the_last_of_each() -> None:
    points = [{"years": 0.0, "v": 1}, {"years": 2.0, "v": 2}, {"years": 2.0, "v": 3}, {"years": 2.0, "v": 4}]
    assert one_step_per_year_shown([*points, {"years": 4.25, "v": 5}]) == [
        {"years": 0.0, "v": 1},
        {"years": 2.0, "v": 4},
        {"years": 4.25, "v": 5},
    ]

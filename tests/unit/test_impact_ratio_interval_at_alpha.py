"""The impact ratio's interval is at the level 1 - alpha of rule fairness.adverse_impact (a 99% one at an alpha of
0.01), not a 95% one whatever alpha: fairness-methods.md's log interval, exp(ln IR +- z sqrt(1/S2 - 1/N2 + 1/S1 -
1/N1)), with 1.96 the 5% two-sided quantile. The answer names its level (`impact_ratio_ci_level`)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy.stats import norm

from projections.merit.fairness import compare, interval_level, selection_rates

# the EEOC example of fairness-methods.md: group 1 48 of 80, group 2 12 of 40 (IR 0.5)
SE = math.sqrt(1 / 12 - 1 / 40 + 1 / 48 - 1 / 80)


def log_interval(alpha: float) -> tuple[float, float]:
    z = norm.ppf(1 - alpha / 2)
    return math.exp(math.log(0.5) - z * SE), math.exp(math.log(0.5) + z * SE)


@pytest.mark.parametrize("alpha", [0.05, 0.01, 0.10, 0.001])
def test_the_impact_ratios_interval_is_at_one_minus_alpha(alpha: float) -> None:
    c = compare(12, 40, 48, 80, alpha=alpha)
    low, high = log_interval(alpha)
    assert (c.ir_low, c.ir_high) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))


def test_at_an_alpha_of_one_percent_the_interval_is_the_99_percent_one_and_says_so() -> None:
    cells = [("2024-04-01", "men", 80, 48), ("2024-04-01", "women", 40, 12)]
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )
    at_5 = selection_rates(frame)
    at_1 = selection_rates(frame, alpha=0.01)
    assert (at_5["impact_ratio_ci_level"], at_1["impact_ratio_ci_level"]) == (0.95, 0.99)
    women_5 = next(g for g in at_5["groups"] if g["group"] == "women")
    women_1 = next(g for g in at_1["groups"] if g["group"] == "women")
    assert women_5["impact_ratio_ci"] == [0.3014, 0.8294]  # the published 95% interval [0.301, 0.829]
    low, high = log_interval(0.01)
    assert women_1["impact_ratio_ci"] == [round(low, 4), round(high, 4)] == [0.2571, 0.9723]
    # the rest of the answer is the same: only the interval follows the level
    assert {k: v for k, v in women_1.items() if k not in ("impact_ratio_ci", "significant")} == {
        k: v for k, v in women_5.items() if k not in ("impact_ratio_ci", "significant")
    }


def test_the_level_is_one_minus_alpha_without_float_noise() -> None:
    assert [interval_level(a) for a in (0.05, 0.01, 0.1, 0.5, 0.001)] == [0.95, 0.99, 0.9, 0.5, 0.999]

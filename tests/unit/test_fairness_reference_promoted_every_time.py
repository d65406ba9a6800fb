"""A reference group promoted every time (a cell of zero) no longer makes intervals that claim a gap Fisher and CMH
do not find. On the demo of 500 employees, seed 3, by education, D-II (20 of 20 promoted) was the reference: the log
method's variance left D-II out (1/S - 1/N is 0 when S = N), as though its rate of 1 were exact, and SLTA's 95%
interval was [0.888, 0.950], wholly below 1, beside a Fisher p of 0.38 and a CMH p of 0.35 (S-1's [0.839, 0.918],
Fisher 0.14). Such a comparison now has the Miettinen-Nurminen score interval, which stays valid with a zero cell and
excludes 1 only when the Mantel-Haenszel chi-square of the pooled counts does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats import proportion

from projections.merit.fairness import compare, mantel_haenszel, selection_rates


def rounds(*cells: tuple[str, str, int, int]) -> pd.DataFrame:
    """Per-round counts: (round_date, group, pool, promoted)."""
    return pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in cells]
    )


# The demo's shape, (round date, group, pool, promoted): D-II 20 of 20 in two rounds, SLTA 281 of 306 and S-1 230 of 262
# over those and a third (also the pools of tests/integration/test_fairness_queries.py and the API's test)
PROMOTED_EVERY_TIME = [
    ("2019-04-01", "D-II", 10, 10),
    ("2019-04-01", "SLTA", 50, 48),
    ("2019-04-01", "S-1", 40, 36),
    ("2019-10-01", "D-II", 10, 10),
    ("2019-10-01", "SLTA", 50, 48),
    ("2019-10-01", "S-1", 40, 35),
    ("2020-04-01", "SLTA", 206, 185),
    ("2020-04-01", "S-1", 182, 159),
]
DEMO = rounds(*PROMOTED_EVERY_TIME)


def test_a_reference_promoted_every_time_leaves_no_interval_wholly_below_1_where_fisher_and_cmh_find_no_gap() -> None:
    result = selection_rates(DEMO)
    assert result["reference"] == "D-II"  # the highest rate (fairness-methods.md), whatever its size
    groups = {g["group"]: g for g in result["groups"]}
    assert (groups["SLTA"]["eligible"], groups["SLTA"]["promoted"]) == (306, 281)
    assert (groups["S-1"]["eligible"], groups["S-1"]["promoted"]) == (262, 230)
    for name in ("SLTA", "S-1"):
        group = groups[name]
        assert (group["p_fisher"] > 0.05, group["p_cmh"] > 0.05, group["significant"]) == (True, True, False)
        low, high = group["impact_ratio_ci"]
        assert low <= group["impact_ratio"] <= high
        assert low < 1 < high, (name, group["impact_ratio_ci"])  # was SLTA [0.8881, 0.9495], S-1 [0.8391, 0.9184]
    assert groups["SLTA"]["p_cmh"] == pytest.approx(0.367, abs=5e-4)
    assert groups["SLTA"]["impact_ratio_ci"] == [0.8821, 1.0962]
    # the Mantel-Haenszel odds ratio is 0, as it is (D-II's odds are infinite), with no interval of its own
    assert groups["SLTA"]["mh_odds_ratio"] == 0.0


@pytest.mark.parametrize(
    ("promoted", "pool", "ref_promoted", "ref_pool"),
    [
        (281, 306, 20, 20),  # education, SLTA against D-II: Fisher 0.38
        (230, 262, 20, 20),  # S-1 against D-II: Fisher 0.14
        (180, 181, 84, 84),  # sex and agency, F / PROV-SUMUT against M / KAB-DELISERDANG: CMH p 0.52
        (5, 6, 20, 20),
        (17, 30, 20, 20),  # a real gap: Fisher 0.0002
        (2446, 2855, 285, 285),  # the 2,000 demo by agency: Fisher 1e-18
        (40, 40, 45, 50),  # the focal group all promoted
    ],
)
def test_the_interval_with_a_group_all_promoted_excludes_1_only_when_the_one_round_cmh_test_rejects(
    promoted: int, pool: int, ref_promoted: int, ref_pool: int
) -> None:
    c = compare(promoted, pool, ref_promoted, ref_pool)
    assert c.ir_low is not None
    assert c.ir_high is not None
    assert c.ir_low <= c.impact_ratio <= c.ir_high
    one_round = rounds(("2024-04-01", "g", pool, promoted), ("2024-04-01", "r", ref_pool, ref_promoted))
    _, p_cmh = mantel_haenszel(one_round, "g", "r")
    assert p_cmh is not None
    assert (not c.ir_low <= 1 <= c.ir_high) == (p_cmh <= 0.05)
    # each bound is a ratio the score test rejects at exactly 5%
    for bound in (c.ir_low, c.ir_high):
        with np.errstate(divide="ignore"):  # (its odds ratio, unused, of a group all promoted)
            found = proportion.test_proportions_2indep(
                promoted, pool, ref_promoted, ref_pool, value=bound, method="score", compare="ratio", correction=True
            )
        assert found.pvalue == pytest.approx(0.05, abs=1e-6)


def test_the_score_interval_is_at_the_level_of_alpha() -> None:
    at_5, at_1 = compare(281, 306, 20, 20), compare(281, 306, 20, 20, alpha=0.01)
    assert (at_5.ir_low, at_5.ir_high) == (pytest.approx(0.8821, abs=5e-5), pytest.approx(1.0962, abs=5e-5))
    assert at_1.ir_low is not None
    assert at_1.ir_high is not None
    assert at_1.ir_low < 0.882
    assert at_1.ir_high > 1.0963

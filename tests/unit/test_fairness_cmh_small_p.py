"""The CMH test's p-value keeps its size when it is tiny: statsmodels' StratifiedTable.test_null_odds
gives 1 - chi2.cdf, which is 0.0 below about 1e-16, so a clear gap read 'p_cmh: 0.0' (API, CSV)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2
from statsmodels.stats.contingency_tables import StratifiedTable

from projections.merit.fairness import mantel_haenszel, selection_rates


def cells() -> pd.DataFrame:
    """Two rounds in which group b was promoted far less often than a."""
    rows = [("2024-04-01", "a", 400, 390), ("2024-04-01", "b", 400, 200)]
    rows += [("2024-10-01", "a", 300, 290), ("2024-10-01", "b", 300, 150)]
    return pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in rows]
    )


def test_cmh_p_value_of_a_large_gap_is_tiny_but_not_zero() -> None:
    tables = np.array([[[390, 290], [10, 10]], [[200, 150], [200, 150]]])  # 2 x 2 x rounds: a's row, then b's
    statistic = StratifiedTable(tables).test_null_odds(correction=False).statistic
    expected = float(chi2.sf(statistic, 1))
    assert 0 < expected < 1e-30
    _, p = mantel_haenszel(cells(), "b", "a")
    assert p is not None
    assert p > 0
    assert p == pytest.approx(expected, rel=1e-9, abs=0)
    b = next(g for g in selection_rates(cells())["groups"] if g["group"] == "b")
    assert b["p_cmh"] is not None
    assert 0 < b["p_cmh"] == pytest.approx(expected, rel=1e-3, abs=0)


def test_cmh_odds_ratio_without_a_finite_value_is_none_and_its_p_is_still_told() -> None:
    """Every round in which someone but not everyone was promoted had all of group a promoted: the pooled odds
    ratio (sum ad/n over sum bc/n) is infinite, which no JSON number holds; numpy's divide-by-zero warning was an
    error under the test settings and broke the whole fairness answer."""
    rows = [("2024-04-01", "a", 5, 5), ("2024-04-01", "b", 5, 1), ("2024-10-01", "a", 4, 4), ("2024-10-01", "b", 6, 2)]
    frame = pd.DataFrame(
        [{"round_date": d, "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for d, g, n, s in rows]
    )
    odds, p = mantel_haenszel(frame, "a", "b")
    assert odds is None
    tables = np.array([[[5, 4], [0, 0]], [[1, 2], [4, 4]]])
    expected = float(chi2.sf(StratifiedTable(tables).test_null_odds(correction=False).statistic, 1))
    assert p == pytest.approx(expected, rel=1e-9, abs=0)

"""Time to promotion's intervals are at the level 1 - alpha of rule fairness.adverse_impact, as the impact ratio's:
the Kaplan-Meier curves', the cumulative incidence's and the Cox hazard ratios' are lifelines' fits at that alpha
(they were 95% ones whatever alpha until 2026-12-05)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from projections.merit.survival import time_to_promotion


def runs() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 200
    group = np.where(np.arange(n) % 2 == 0, "a", "b")
    years = np.round(rng.exponential(np.where(group == "a", 4.0, 5.0)) + 0.1, 2)
    promoted = (rng.random(n) < 0.8).astype(int)
    separated = ((promoted == 0) & (rng.random(n) < 0.5)).astype(np.int8)
    training = rng.integers(0, 40, n).astype(float)
    return pd.DataFrame(
        {"group": group, "years": years, "promoted": promoted, "separated": separated, "training_jp": training}
    )


def test_every_interval_is_at_one_minus_alpha() -> None:
    from lifelines import CoxPHFitter, KaplanMeierFitter

    frame = runs()
    answer = time_to_promotion(frame, ["group"], ["training_jp"], min_cell=1, alpha=0.01)
    default = time_to_promotion(frame, ["group"], ["training_jp"], min_cell=1)
    a = frame[frame["group"] == "a"]
    km = KaplanMeierFitter(alpha=0.01).fit(a["years"], a["promoted"])
    bounds = km.confidence_interval_survival_function_
    point = answer["groups"][0]["curve"][3]
    assert (point["low"], point["high"]) == tuple(round(float(b), 4) for b in bounds.loc[point["years"]])
    assert point["low"] < default["groups"][0]["curve"][3]["low"]  # wider than the 95% one
    ci = answer["groups"][0]["incidence_4y_ci"]  # wider than the 95% one
    assert ci[0] < default["groups"][0]["incidence_4y_ci"][0]
    assert ci[1] > default["groups"][0]["incidence_4y_ci"][1]
    data = frame.assign(b=(frame["group"] == "b").astype(float))[["years", "promoted", "b", "training_jp"]]
    cox = CoxPHFitter(alpha=0.01).fit(data, "years", "promoted").summary
    term = next(t for t in answer["cox"]["terms"] if t["term"] == "group: b")
    expected = [round(cox.loc["b", "exp(coef) lower 99%"], 4), round(cox.loc["b", "exp(coef) upper 99%"], 4)]
    assert term["ci"] == expected
    assert next(t for t in default["cox"]["terms"] if t["term"] == "group: b")["ci"] != expected

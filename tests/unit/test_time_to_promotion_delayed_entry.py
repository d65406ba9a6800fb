"""Time to promotion from a period's start: the rank spells in progress then enter the risk set at their years in
rank on that day (delayed entry, left truncation), not dropped; the Kaplan-Meier curves, the log-rank test and the Cox
model are the libraries' fits with entry times (statsmodels' for the curve and the test, an independent check of
lifelines' curve; lifelines' CoxPHFitter with entry_col)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from projections.merit.survival import DAYS_PER_YEAR, entered_at, km_curves, logrank, time_to_promotion


def runs() -> pd.DataFrame:
    """Rank spells as `rank_spells` makes them (start, stop, years, promoted), a few begun before 2020-01-01."""
    rows = [
        ("a", "2014-01-01", "2021-01-01", 1),  # in progress on 2020-01-01: enters at 6 years
        ("a", "2016-04-01", "2020-04-01", 1),
        ("a", "2018-01-01", "2019-10-01", 1),  # ended before: out
        ("a", "2020-01-01", "2023-01-01", 1),  # begun on it: entry 0
        ("a", "2021-01-01", "2024-06-30", 0),
        ("a", "2017-01-01", "2022-01-01", 1),
        ("b", "2013-01-01", "2024-06-30", 0),  # a long wait: left out before
        ("b", "2019-06-01", "2023-06-01", 1),
        ("b", "2020-10-01", "2024-06-30", 0),
        ("b", "2015-01-01", "2020-01-01", 1),  # promoted on the day itself: not at risk after it
        ("b", "2020-04-01", "2022-04-01", 1),
        ("b", "2016-01-01", "2023-10-01", 1),
    ]
    frame = pd.DataFrame(rows, columns=["group", "start", "stop", "promoted"])
    years = pd.to_datetime(frame["stop"]) - pd.to_datetime(frame["start"])
    frame["years"] = years.dt.days / DAYS_PER_YEAR
    frame["separated"] = 0
    return frame


def test_spells_in_progress_at_the_start_enter_at_their_years_in_rank() -> None:
    kept = entered_at(runs(), "2020-01-01")
    assert len(kept) == 10  # of 12: the one ended before and the one promoted on the day are out
    entry = dict(zip(kept["start"], kept["entry"].round(4), strict=True))
    assert entry["2014-01-01"] == round(2191 / DAYS_PER_YEAR, 4)  # 6 years in rank on 2020-01-01
    assert entry["2020-01-01"] == entry["2020-04-01"] == 0
    assert (kept["entry"] < kept["years"]).all()
    # none begun before: the spells begun on or after the day, no entry column (the fits as without a start)
    assert "entry" not in entered_at(runs(), "2013-01-01").columns


def test_curves_and_log_rank_are_the_libraries_with_delayed_entry() -> None:
    from statsmodels.duration.survfunc import SurvfuncRight, survdiff

    kept = entered_at(runs(), "2020-01-01")
    curves = {c["group"]: c for c in km_curves(kept, min_cell=1)}
    for group, part in kept.groupby("group"):
        theirs = SurvfuncRight(part["years"], part["promoted"], entry=part["entry"])
        ours = [(p["years"], p["survival"]) for p in curves[group]["curve"]][1:]
        assert ours == [(round(t, 2), round(s, 4)) for t, s in zip(theirs.surv_times, theirs.surv_prob, strict=True)]
    chi2, p = survdiff(kept["years"], kept["promoted"], kept["group"], entry=kept["entry"])
    tested = logrank(kept.assign(group=kept["group"].astype("category")))
    assert tested is not None
    assert (tested["chi2"], tested["df"]) == (round(chi2, 4), 1)
    assert tested["p"] == pytest.approx(p, rel=1e-3)
    # without entry times, the long waits in progress counted from zero: another curve
    plain = km_curves(kept.drop(columns="entry"), min_cell=1)
    assert [c["curve"] for c in plain] != [curves[g]["curve"] for g in ("a", "b")]


def test_the_cox_model_takes_the_entry_times() -> None:
    from lifelines import CoxPHFitter

    kept = entered_at(runs(), "2020-01-01").reset_index(drop=True)
    kept["training_jp"] = np.arange(len(kept), dtype=float) % 3
    answer = time_to_promotion(kept, ["group"], ["training_jp"], min_cell=1)
    data = kept.assign(group_b=(kept["group"] == "b").astype(float))[
        ["years", "promoted", "entry", "group_b", "training_jp"]
    ]
    theirs = CoxPHFitter().fit(data, "years", "promoted", entry_col="entry").summary
    terms = {t["term"]: t for t in answer["cox"]["terms"]}
    assert terms["group: b"]["hazard_ratio"] == round(theirs.loc["group_b", "exp(coef)"], 4)
    assert terms["training_jp"]["hazard_ratio"] == round(theirs.loc["training_jp", "exp(coef)"], 4)
    without = time_to_promotion(kept.drop(columns="entry"), ["group"], ["training_jp"], min_cell=1)
    assert without["cox"]["terms"] != answer["cox"]["terms"]
    # Harrell's C takes no entry times: none with a spell entered late (the fit without them has one)
    assert answer["cox"]["concordance"] is None
    assert without["cox"]["concordance"] is not None


def emptied_early() -> pd.DataFrame:
    """A small unit from a period's start: one rank spell begun in the period, left at 0.68 years (nobody at risk
    after it until the nine in progress at the start enter, at 5 to 13 years), some of the nine promoted."""
    rows = [(0.68, 0, 0.0)] + [(entry + 1.5, entry % 2, float(entry)) for entry in range(5, 14)]
    frame = pd.DataFrame(rows, columns=["years", "promoted", "entry"])
    return frame.assign(group="a", separated=0)


def test_a_group_whose_risk_set_empties_early_has_its_product_limit_curve() -> None:
    """lifelines refuses it (StatError, "too few early truncation times"): the same estimate, statsmodels', with
    lifelines' interval; of a group lifelines fits, the fallback gives lifelines' curve, interval and median."""
    from lifelines import KaplanMeierFitter
    from lifelines.exceptions import StatError
    from statsmodels.duration.survfunc import SurvfuncRight

    from projections.merit.survival import product_limit

    part = emptied_early()
    with pytest.raises(StatError):
        KaplanMeierFitter().fit(part["years"], part["promoted"], entry=part["entry"])
    (curve,) = km_curves(part, min_cell=1)
    theirs = SurvfuncRight(part["years"], part["promoted"], entry=part["entry"])
    assert [(p["years"], p["survival"]) for p in curve["curve"]] == [(0.0, 1.0)] + [
        (round(t, 2), round(s, 4)) for t, s in zip(theirs.surv_times, theirs.surv_prob, strict=True)
    ]
    assert curve["median_years"] == round(float(theirs.surv_times[theirs.surv_prob <= 0.5][0]), 2)
    assert all(p["low"] <= p["survival"] <= p["high"] for p in curve["curve"])
    kept = entered_at(runs(), "2020-01-01")
    for _, part in kept.groupby("group"):
        ones = np.ones(len(part))
        km = KaplanMeierFitter().fit(part["years"], part["promoted"], entry=part["entry"])
        median, steps = product_limit(part["years"], part["promoted"], part["entry"], ones)
        assert median == pytest.approx(km.median_survival_time_)
        lifelines = km.survival_function_.join(km.confidence_interval_survival_function_)
        lifelines = lifelines[km.event_table["observed"].gt(0) | (lifelines.index == 0)]
        assert np.allclose(steps.to_numpy(), lifelines.to_numpy(), equal_nan=True)
        assert np.allclose(steps.index, lifelines.index)


def test_time_to_promotion_answers_of_a_group_whose_risk_set_empties_early() -> None:
    other = emptied_early().assign(group="b", entry=0.0, years=[1.0 + i / 2 for i in range(10)], promoted=1)
    frame = pd.concat([emptied_early(), other], ignore_index=True)
    answer = time_to_promotion(frame.assign(start="2020-01-01"), ["group"], [], min_cell=5)
    assert [g["group"] for g in answer["groups"]] == ["a", "b"]
    assert all(g["curve"] for g in answer["groups"])
    assert answer["logrank"]["p"] is not None


def test_a_log_rank_test_of_a_group_never_at_risk_at_a_promotion_is_not_computable() -> None:
    """Group b's spells are all entered after group a's last promotion: statsmodels' variance matrix is singular
    (numpy LinAlgError); the test is answered with chi2 and p null, the curves as ever."""
    a = pd.DataFrame({"years": [3.0, 4.0, 5.0, 6.5], "promoted": 1, "entry": 0.0, "group": "a"})
    b = pd.DataFrame({"years": [21.0 + i for i in range(8)], "promoted": 0, "entry": [20.0 + i for i in range(8)]})
    frame = pd.concat([a, b.assign(group="b")], ignore_index=True).assign(separated=0)
    tested = logrank(frame.assign(group=frame["group"].astype("category")))
    assert tested == {"chi2": None, "df": 1, "p": None}

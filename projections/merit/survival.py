"""Time to promotion: Kaplan-Meier curves per group, the log-rank test and a Cox model.

An observation is a rank spell: a run of the roster's `spells` in one rank. It starts at the
rank's TMT and ends in promotion (the next run is a higher rank: the event) or is censored:
at separation (the last spell has an end date), at a demotion, at the end of the period, or
today. Leaving is censored, not a competing risk: the curves estimate the time to promotion
of those who stay (docs/fairness.md).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from careerlog.reference import reference
from projections.merit.groups import add_group, p_value, rounded

if TYPE_CHECKING:  # numpy, pandas and lifelines are imported where used: every CLI process imports this
    import pandas as pd

DAYS_PER_YEAR = 365.25
ATTRIBUTES = ("agency", "unit", "region", "education", "employment_kind", "sex", "birth_date", "recruitment_path")


def rank_levels() -> dict[str, int]:
    """The order of PNS ranks (golongan/ruang) and, separately, of PPPK grades: higher is senior."""
    ref = reference()
    return {c.code: i for table in (ref.ranks, ref.pppk_grades) for i, c in enumerate(table)}


def rank_spells(spells: pd.DataFrame, *, end: str) -> pd.DataFrame:
    """Rank spells (one row each) from roster spells ordered by subject and seq.

    Columns: subject, rank, start, stop, promoted (0/1), years, and the attributes of the
    first spell in the rank. Spells starting after `end` are dropped; `end` censors the rest.
    """
    import pandas as pd

    frame = spells.sort_values(["subject", "seq"]).reset_index(drop=True)
    new_subject = frame["subject"].ne(frame["subject"].shift())
    frame["run"] = (new_subject | frame["rank"].ne(frame["rank"].shift())).cumsum()
    runs = frame.groupby("run", sort=True).agg(
        subject=("subject", "first"),
        rank=("rank", "first"),
        start=("start_date", "first"),
        last_end=("end_date", "last"),
        **{a: (a, "first") for a in ATTRIBUTES},
    )
    order = rank_levels()
    level = runs["rank"].map(order)
    same_next = runs["subject"].eq(runs["subject"].shift(-1))
    next_start = runs["start"].shift(-1).where(same_next)
    promoted = same_next & (level.shift(-1) > level)
    # a promotion after the end of the period is, within the period, still waiting
    promoted &= next_start.le(end)
    stop = next_start.where(same_next, runs["last_end"]).fillna(end)
    stop = stop.where(stop.le(end), end)
    runs = runs[runs["start"].notna() & runs["start"].le(end)].copy()
    runs["stop"] = stop.loc[runs.index]
    runs["promoted"] = promoted.loc[runs.index].astype(int)
    days = (pd.to_datetime(runs["stop"]) - pd.to_datetime(runs["start"])).dt.days
    runs["years"] = days / DAYS_PER_YEAR
    return runs[runs["years"] > 0].reset_index(drop=True)


def km_curves(frame: pd.DataFrame, *, min_cell: int) -> list[dict[str, Any]]:
    """Kaplan-Meier estimate of 'not yet promoted' per group, with median and step points."""
    from lifelines import KaplanMeierFitter

    items = []
    for group, part in frame.groupby("group", sort=True):
        item: dict[str, Any] = {
            "group": str(group),
            "n": len(part),
            "promoted": int(part["promoted"].sum()),
            "censored": int(len(part) - part["promoted"].sum()),
            "suppressed": len(part) < min_cell,
            "median_years": None,
            "curve": None,
        }
        if not item["suppressed"]:
            km = KaplanMeierFitter().fit(part["years"], part["promoted"])
            median = float(km.median_survival_time_)
            item["median_years"] = rounded(median, 2)
            ci = km.confidence_interval_survival_function_
            steps = km.survival_function_.join(ci)
            steps = steps[km.event_table["observed"].reindex(steps.index).fillna(0).gt(0) | (steps.index == 0)]
            item["curve"] = [
                {"years": rounded(t, 2), "survival": rounded(s), "low": rounded(lo), "high": rounded(hi)}
                for t, s, lo, hi in steps.itertuples()
            ]
        items.append(item)
    return items


def logrank(frame: pd.DataFrame) -> dict[str, Any] | None:
    """Log-rank test of equal promotion hazards across the groups (None with fewer than two)."""
    if frame["group"].nunique() < 2:
        return None
    from lifelines.statistics import multivariate_logrank_test

    test = multivariate_logrank_test(frame["years"], frame["group"], frame["promoted"])
    return {
        "chi2": rounded(float(test.test_statistic)),
        "df": int(test.degrees_of_freedom),
        "p": p_value(float(test.p_value)),
    }


def cox_model(frame: pd.DataFrame, covariates: Sequence[str], *, reference_group: str) -> dict[str, Any]:
    """Cox proportional hazards: each group against the reference group, adjusted for `covariates`.

    Categorical covariates (education) enter as indicators against their most common value;
    numeric ones (performance, training_jp) as they are; rows missing one are dropped. A
    hazard ratio below 1 means promotion comes later than for the reference group.
    Standard errors are model-based: lifelines' robust (sandwich) errors clustered by employee
    take minutes on 100,000 people, and an employee's spells in different ranks are treated as
    independent (docs/fairness.md, caveats).
    """
    import pandas as pd
    from lifelines import CoxPHFitter
    from lifelines.exceptions import ConvergenceError

    data = frame[["years", "promoted", "subject", "group", *covariates]].dropna()
    terms = pd.get_dummies(data["group"], prefix="group", prefix_sep=": ", dtype=float)
    terms = terms.drop(columns=f"group: {reference_group}")
    parts = [data[["years", "promoted", "subject"]], terms]
    for name in covariates:
        column = data[name]
        if column.dtype == object:
            dummies = pd.get_dummies(column, prefix=name, prefix_sep=": ", dtype=float)
            parts.append(dummies.drop(columns=f"{name}: {column.mode().iloc[0]}"))
        else:
            parts.append(column.astype(float).to_frame())
    design = pd.concat(parts, axis=1)
    design = design.loc[:, (design.nunique() > 1) | design.columns.isin(["years", "promoted", "subject"])]
    result: dict[str, Any] = {"reference_group": reference_group, "covariates": list(covariates), "n": len(design)}
    if design["promoted"].sum() == 0 or len(design.columns) <= 3:
        return {**result, "terms": [], "error": "Too little data: no promotions, or nothing varies."}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fitted = CoxPHFitter().fit(design.drop(columns="subject"), "years", "promoted")
        except ConvergenceError as error:
            return {**result, "terms": [], "error": f"The Cox model did not converge: {str(error).splitlines()[0]}"}
    # lifelines warns of near-separation and low variance: the fit stands, with the caveat shown
    result["warnings"] = sorted({str(w.message).splitlines()[0] for w in caught})
    summary = fitted.summary
    result["terms"] = [
        {
            "term": str(term),
            "hazard_ratio": rounded(row["exp(coef)"]),
            "ci": [rounded(row["exp(coef) lower 95%"]), rounded(row["exp(coef) upper 95%"])],
            "p": p_value(row["p"]),
        }
        for term, row in summary.iterrows()
    ]
    result["concordance"] = rounded(float(fitted.concordance_index_))
    return result


def time_to_promotion(
    runs: pd.DataFrame, by: Sequence[str], covariates: Sequence[str], *, min_cell: int
) -> dict[str, Any]:
    """Curves, log-rank test and Cox model of rank spells grouped by the dimensions `by`."""
    frame = add_group(runs, by, on="start")
    groups = km_curves(frame, min_cell=min_cell)
    shown = [g["group"] for g in groups if not g["suppressed"]]
    kept = frame[frame["group"].isin(shown)]
    adjust = [c for c in covariates if c not in by]
    cox = None
    if len(shown) >= 2:
        largest = max(shown, key=lambda g: int((kept["group"] == g).sum()))
        cox = cox_model(kept, adjust, reference_group=largest)
    return {"groups": groups, "logrank": logrank(kept) if len(kept) else None, "cox": cox}


def training_per_year(runs: pd.DataFrame, training: pd.DataFrame) -> pd.Series:
    """JP of training started within each rank spell, per year in the rank (aligned with `runs`)."""
    import numpy as np
    import pandas as pd

    if training.empty:
        return pd.Series(np.zeros(len(runs)), index=runs.index)
    joined = runs[["subject", "start", "stop"]].reset_index().merge(training, on="subject")
    inside = joined[(joined["start_date"] >= joined["start"]) & (joined["start_date"] < joined["stop"])]
    hours = inside.groupby("index")["hours"].sum().reindex(runs.index, fill_value=0)
    return hours / runs["years"].clip(lower=1.0)

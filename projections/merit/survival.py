"""Time to promotion: Kaplan-Meier curves per group, the log-rank test, a Cox model, and the
cumulative incidence of promotion with leaving as a competing risk.

An observation is a rank spell: a run of the roster's `spells` in one rank. It starts at the
rank's TMT and ends in promotion (the next run is a higher rank: the event), in separation
(the last spell has an end date within the period: retirement, dismissal, death, resignation)
or is censored: at a demotion, at the end of the period, or today. Kaplan-Meier, the log-rank
test and the Cox model censor separation too: they answer how long promotion takes for those
who stay. The cumulative incidence (Aalen-Johansen) takes separation as a competing event: the
share of a group's rank spells that ended in promotion by t years, leaving not taken for "would
have been promoted later" (docs/fairness.md).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from careerlog.reference import reference
from projections.merit.groups import SEPARATOR, age_bands, group_labels, in_natural_order, p_value, rounded

if TYPE_CHECKING:  # numpy, pandas and lifelines are imported where used: every CLI process imports this
    import pandas as pd

DAYS_PER_YEAR = 365.25
# the significance level whose 1 - alpha intervals are given where none is passed (the bundled one of rule
# fairness.adverse_impact, as fairness.ALPHA: every answer passes the rule's)
ALPHA = 0.05
# The Cox model's standard errors are robust ones clustered by employee (lifelines' cluster_col: the sandwich of its
# score residuals summed per employee) when the rank spells read are at most this many, none entered late and some
# employee has several rank spells in the fit; else model-based. lifelines computes the residuals in a Python loop
# over the rows, each over every earlier row (its cost grows as the square of the rows): 1.1 s of CPU a fit at 8,288
# rank spells (the 2,000-employee demo), 33 s at 41,440, about an hour at 412,000 (100,000 employees); and its
# residuals take no entry times (docs/fairness.md, "Repeated rank spells of one employee").
CLUSTERED_MAX_ROWS = 10_000
CLUSTERED, MODEL_BASED = "clustered_by_employee", "model_based"
ATTRIBUTES = ("agency", "unit", "region", "education", "employment_kind", "sex", "birth_date", "recruitment_path")


def rank_levels() -> dict[str, int]:
    """The order of PNS ranks (golongan/ruang) and, separately, of PPPK grades: higher is senior."""
    ref = reference()
    return {c.code: i for table in (ref.ranks, ref.pppk_grades) for i, c in enumerate(table)}


def rank_spells(spells: pd.DataFrame, *, end: str) -> pd.DataFrame:
    """Rank spells (one row each) from roster spells ordered by subject and seq.

    Columns: subject, rank, start, stop, promoted (0/1), separated (0/1: the employee left within
    the period, the rank's last spell ending on the separation; never with promoted), years, and
    the attributes of the first spell in the rank. Spells starting after `end` are dropped; `end` censors the rest.
    Text columns may be categoricals (`FairnessQueries` reads them so); the rank spells' are
    text (None where missing). With the spells' `performance_before`, the rank spells have their first
    spell's (NaN where it has none): what was known of the employee's performance when the rank began, not
    a later spell's value.
    """
    import numpy as np
    import pandas as pd

    # spells read in that order (the roster's key order) need no sort of millions of subjects
    frame = spells if in_subject_order(spells) else spells.iloc[subject_order(spells)]
    n = len(frame)
    # a run (a rank spell) starts where the subject or the rank changes (missing equal to missing, as pandas'
    # ne of object columns); its values are its first spell's (the first present one, as groupby's "first")
    subject, rank = (run_keys(frame[c]) for c in ("subject", "rank"))
    change = np.ones(n, dtype=bool)
    change[1:] = (subject[1:] != subject[:-1]) | (rank[1:] != rank[:-1])
    first = np.flatnonzero(change)
    sources = {"subject": "subject", "rank": "rank", "start": "start_date", **{a: a for a in ATTRIBUTES}}
    runs = pd.DataFrame({name: first_present(frame[source], first) for name, source in sources.items()})
    if "performance_before" in frame.columns:  # the rank's first spell's, not the first present (a later year's)
        runs["performance_before"] = frame["performance_before"].to_numpy(dtype=float)[first]
    # the end of a run is its last spell's, open (None) included: groupby's "last" would skip an open
    # last spell and censor someone still in the rank at an earlier post's end
    codes, texts = text_codes(frame["end_date"])
    last_end = pd.Series(texts[codes[np.r_[first[1:] - 1, n - 1] if n else first]], dtype=object)
    order = rank_levels()
    level = runs["rank"].map(order)
    same_next = runs["subject"].eq(runs["subject"].shift(-1))
    next_start = runs["start"].shift(-1).where(same_next)
    promoted = same_next & (level.shift(-1) > level)
    # a promotion after the end of the period is, within the period, still waiting
    promoted &= next_start.le(end)
    # the last rank spell of someone who left (its last spell ends on the separation) within the period
    separated = ~same_next & last_end.notna() & last_end.le(end)
    stop = next_start.where(same_next, last_end).fillna(end)
    stop = stop.where(stop.le(end), end)
    begun = runs["start"].notna() & runs["start"].le(end)
    start, stop = runs["start"][begun], stop[begun]
    years = (days(stop) - days(start)) / DAYS_PER_YEAR
    chosen = years.index[years > 0]
    runs = runs.loc[chosen]  # one copy of the rank spells kept
    runs["stop"] = stop.loc[chosen]
    runs["promoted"] = promoted.loc[chosen].astype(int)
    runs["separated"] = separated.loc[chosen].astype(np.int8)
    runs["years"] = years.loc[chosen]
    return runs.reset_index(drop=True)


def entered_at(runs: pd.DataFrame, start: str) -> pd.DataFrame:
    """The rank spells (`rank_spells`) at risk in a period from `start`: those begun on or after it, and those begun
    before it and still in the rank after it (their `stop` later), which enter at their years in rank on `start`
    (delayed entry, left truncation: column `entry`, 0 for a spell begun on or after it). Not only those begun in the
    period: leaving out the spells in progress at its start leaves out the long waits of those who entered their rank
    years before, and the estimates look faster than they are. A spell that ended on `start` itself (promoted that
    day) is not at risk after it (at risk while entry < t <= years, as lifelines and statsmodels count it). Without
    a spell begun before `start`, no `entry` column: the same frame as the spells begun on or after it."""
    import numpy as np

    kept = runs[runs["stop"] > start]
    if not (kept["start"] < start).any():
        return kept
    kept = kept.copy()
    first = int((np.datetime64(start, "D") - np.datetime64(0, "D")) // np.timedelta64(1, "D"))
    kept["entry"] = (first - days(kept["start"])).clip(lower=0) / DAYS_PER_YEAR
    return kept


def run_keys(column: pd.Series) -> Any:
    """What tells a text column's values apart: a categorical's codes, an object column's values."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy()
    return column.to_numpy(dtype=object)


def text_codes(column: pd.Series) -> tuple[Any, Any]:
    """A text column as (codes, texts): texts[codes] are its values, None where missing. The codes of a
    categorical are its own (missing -1: texts end with None); an object column's values are their own codes."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        texts = np.concatenate([column.cat.categories.to_numpy(dtype=object), np.array([None], dtype=object)])
        return column.cat.codes.to_numpy(), texts
    values = column.to_numpy(dtype=object)
    return np.arange(len(values)), values


def first_present(column: pd.Series, first: Any) -> Any:
    """Each run's first value that is present (runs start at rows `first`), None where none is: pandas'
    groupby "first"."""
    import numpy as np
    import pandas as pd

    codes, texts = text_codes(column)
    missing = pd.isna(texts)[codes]
    rows = first
    if missing[first].any():
        present = np.where(missing, len(codes), np.arange(len(codes)))
        found = np.minimum.reduceat(present, first)
        rows = np.where(found < len(codes), found, first)
    return texts[codes[rows]]


def subject_order(spells: pd.DataFrame) -> Any:
    """The positions of the spells sorted by subject (as Python orders strings) and seq (a stable sort)."""
    import pandas as pd

    keys = pd.DataFrame({"subject": spells["subject"].astype(object).to_numpy(), "seq": spells["seq"].to_numpy()})
    return keys.sort_values(["subject", "seq"]).index.to_numpy()


def days(dates: pd.Series) -> pd.Series:
    """ISO dates (none missing) as whole days since 1970, each distinct date parsed once."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(dates)
    parsed = pd.to_datetime(pd.Series(distinct)).to_numpy()
    return pd.Series((parsed[codes] - np.datetime64(0, "D")) // np.timedelta64(1, "D"), index=dates.index)


def in_subject_order(spells: pd.DataFrame) -> bool:
    """Whether the spells are ordered by subject (as Python orders strings) and then seq, each once."""
    subjects, seqs = spells["subject"].to_numpy(), spells["seq"].to_numpy()
    if len(subjects) < 2:
        return True
    try:
        later = subjects[1:] > subjects[:-1]
        same = subjects[1:] == subjects[:-1]
    except TypeError:  # a missing subject
        return False
    return bool((later | (same & (seqs[1:] > seqs[:-1]))).all())


def km_curves(frame: pd.DataFrame, *, min_cell: int, alpha: float = ALPHA) -> list[dict[str, Any]]:
    """Kaplan-Meier estimate of 'not yet promoted' per group, with median and step points, and the cumulative
    incidence of promotion with separation as the competing event (`cumulative_incidence`; a frame without a
    `separated` column has none); their intervals at the level 1 - `alpha`."""
    import numpy as np

    items = []
    # `entry`: the years in rank at the period's start of a rank spell begun before it (delayed entry, `entered_at`)
    late = "entry" in frame.columns
    columns = ["years", "promoted", *(c for c in ("separated", "entry") if c in frame.columns)]
    # not every column of each group; a categorical group (`grouped`) by its categories present, in their order
    for group, part in frame.groupby("group", sort=True, observed=True)[columns]:
        separated = part["separated"].to_numpy() if "separated" in part else np.zeros(len(part), dtype=np.int8)
        item: dict[str, Any] = {
            "group": str(group),
            "n": len(part),
            "promoted": int(part["promoted"].sum()),
            "censored": int(len(part) - part["promoted"].sum()),
            "separated": int(separated.sum()),
            "suppressed": len(part) < min_cell,
            "median_years": None,
            "curve": None,
            **{key: None for h in HORIZONS for key in (f"incidence_{h}y", f"incidence_{h}y_ci")},
            "incidence": None,
        }
        if not item["suppressed"]:
            # lifelines (about 1.5 s of CPU to import) only for a group shown: every group under the smallest cell
            # (a small unit's rank spells) needs none of it, nor a log-rank test or a Cox model
            from lifelines import KaplanMeierFitter

            # the rows alike in years and outcome once, with their count as lifelines' weight: its event table (the
            # deaths, censored and at risk per time, of which every figure is made) holds the same integers
            if late:  # each at risk only after its entry: lifelines' delayed entry (entry < t <= years)
                from lifelines.exceptions import StatError

                (years, promoted, entry), counts = tallied(*(part[c].to_numpy() for c in columns if c != "separated"))
                try:
                    km = KaplanMeierFitter(alpha=alpha).fit(years, promoted, entry=entry, weights=counts)
                except StatError:  # nobody at risk for a while early on (`product_limit`)
                    km = None
                    median, steps = product_limit(years, promoted, entry, counts, alpha=alpha)
            else:
                (years, promoted), counts = tallied(part["years"].to_numpy(), part["promoted"].to_numpy())
                km = KaplanMeierFitter(alpha=alpha).fit(years, promoted, weights=counts)
            if km is not None:
                median = float(km.median_survival_time_)
                steps = km.survival_function_.join(km.confidence_interval_survival_function_)
                steps = steps[km.event_table["observed"].reindex(steps.index).fillna(0).gt(0) | (steps.index == 0)]
            item["median_years"] = rounded(median, 2)
            item["curve"] = one_step_per_year_shown(
                {"years": rounded(t, 2), "survival": rounded(s), "low": rounded(lo), "high": rounded(hi)}
                for t, s, lo, hi in steps.itertuples()
            )
            # the cumulative incidence of the rank spells begun in the period alone: no maintained library fits the
            # Aalen-Johansen estimate with delayed entry (lifelines' and statsmodels' fitters take none;
            # docs/fairness.md, "A period's start")
            begun = part["entry"].to_numpy() == 0 if late else slice(None)
            years_begun, promoted_begun = part["years"].to_numpy()[begun], part["promoted"].to_numpy()[begun]
            if len(years_begun):
                item.update(cumulative_incidence(years_begun, promoted_begun, separated[begun], alpha=alpha))
        items.append(item)
    return items


def one_step_per_year_shown(points: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A step function's points (in order of their time, `years` rounded to the two places shown), one per `years`
    shown: the steps at distinct times that round to the same years (730 and 731 days in rank: 1.9986 and 2.0014
    years, both 2.0) made one, the last of them, so that the points' years rise strictly and the value at each is the
    function's after every event at the times shown as it (a curve of 2.0 at 0.8 then 2.0 at 0.6 drew a vertical
    line and gave two values at one x; docs/fairness.md, the curve's fields)."""
    found: list[dict[str, Any]] = []
    for point in points:
        if found and found[-1]["years"] == point["years"]:
            found[-1] = point
        else:
            found.append(point)
    return found


def product_limit(years: Any, promoted: Any, entry: Any, counts: Any, *, alpha: float = ALPHA) -> tuple[float, Any]:
    """The Kaplan-Meier estimate with delayed entry (entry < t <= years) where lifelines refuses it: its median
    (inf if never reached) and its steps (at 0 and at each promotion time; survival, low, high) as `km_curves` reads
    lifelines'. lifelines raises StatError ("too few early truncation times") when nobody is at risk somewhere in
    the first half of its event table (a small unit's spells begun in the period all ended before those in progress
    at its start enter), though the product-limit estimate stands: no promotion is seen while nobody is at risk, and
    the rank spells entered later carry it on (the same estimate lifelines gives of a group whose risk set empties
    later on). Statsmodels' `SurvfuncRight` makes it, at risk as lifelines counts it; the interval is lifelines'
    (exponential Greenwood, log(-log S)) of statsmodels' numbers at risk and promoted."""
    import numpy as np
    import pandas as pd
    from scipy.stats import norm
    from statsmodels.duration.survfunc import SurvfuncRight

    fit = SurvfuncRight(
        np.asarray(years, float),
        np.asarray(promoted, float),
        entry=np.asarray(entry, float),
        freq_weights=np.asarray(counts, float),
    )
    seen = np.asarray(fit.n_events) > 0
    times, survival = np.asarray(fit.surv_times)[seen], np.asarray(fit.surv_prob)[seen]
    at_risk, promotions = np.asarray(fit.n_risk, float)[seen], np.asarray(fit.n_events, float)[seen]
    z = norm.ppf(1 - alpha / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = promotions / (at_risk * (at_risk - promotions))
        greenwood = np.cumsum(np.where(np.isinf(terms), 0.0, terms))  # (lifelines': 0 where all at risk promoted)
        log_s = np.log(survival)
        spread = z * np.sqrt(greenwood) / log_s
        low, high = np.exp(-np.exp(np.log(-log_s) - spread)), np.exp(-np.exp(np.log(-log_s) + spread))
    steps = pd.DataFrame(  # where undefined (S 1) 1, as lifelines fills it
        {"survival": np.r_[1.0, survival], "low": np.r_[1.0, low], "high": np.r_[1.0, high]}, index=np.r_[0.0, times]
    ).fillna(1.0)
    below = np.flatnonzero(survival <= 0.5)
    return (float(times[below[0]]) if len(below) else float("inf")), steps


# the years at which the cumulative incidence is given on its own (`incidence_4y`, `incidence_8y`): the regular
# time in rank for a regular promotion (4 years) and two of them
HORIZONS = (4, 8)
PROMOTION, SEPARATION = 1, 2  # the outcomes of a rank spell for the Aalen-Johansen fit (0: censored)


def cumulative_incidence(years: Any, promoted: Any, separated: Any, *, alpha: float = ALPHA) -> dict[str, Any]:
    """The Aalen-Johansen estimate of the cumulative incidence of promotion (lifelines' `AalenJohansenFitter`),
    separation the competing event: the share of the rank spells that ended in promotion by t years, at each
    time a promotion happened (`incidence`: years, incidence and its interval at 1 - `alpha`, `low`, `high`) and at the
    `HORIZONS` (`incidence_4y`, `incidence_4y_ci`: the estimate at the last time at or before 4 years; none when
    the group's follow-up ends before it). The interval is lifelines': the delta method on log(-log F), its
    variance Greenwood-like (Collett; the same as statsmodels' `CumIncidenceRight`); none where F is 0.

    As `km_curves`, the fit is given each distinct (years, outcome) once with its count as lifelines' weight: its
    event table (those at risk, the events of each kind per time), of which every figure is made, holds the same
    integers as of every row."""
    import numpy as np
    import pandas as pd

    outcome = np.where(np.asarray(promoted) > 0, PROMOTION, np.where(np.asarray(separated) > 0, SEPARATION, 0))
    (times, outcomes), counts = tallied(np.asarray(years), outcome)
    with warnings.catch_warnings():
        # F = 0 before the first promotion, and everyone at risk promoted at the last time: no interval there
        warnings.simplefilter("ignore", RuntimeWarning)
        fitted = incidence_fitter(alpha).fit(times, outcomes, event_of_interest=PROMOTION, weights=counts)
    estimate = fitted.cumulative_density_.iloc[:, 0]
    bounds = fitted.confidence_interval_cumulative_density_
    # lifelines labels its bounds the other way round (exp(-exp(x)) falls as x rises): the lower is the smaller
    low, high = bounds.min(axis=1, skipna=False), bounds.max(axis=1, skipna=False)
    table = pd.DataFrame({"incidence": estimate, "low": low, "high": high})
    points = table[fitted.event_table["observed_1"].reindex(table.index).fillna(0).gt(0).to_numpy()]
    found: dict[str, Any] = {
        "incidence": one_step_per_year_shown(
            {"years": rounded(t, 2), "incidence": rounded(f), "low": rounded(lo), "high": rounded(hi)}
            for t, f, lo, hi in points.itertuples()
        )
    }
    last = float(table.index.max()) if len(table) else 0.0
    for horizon in HORIZONS:
        at = table[table.index <= horizon]
        if horizon > last or at.empty:
            found[f"incidence_{horizon}y"] = found[f"incidence_{horizon}y_ci"] = None
            continue
        f, lo, hi = at.iloc[-1]
        found[f"incidence_{horizon}y"] = rounded(f)
        found[f"incidence_{horizon}y_ci"] = None if rounded(lo) is None else [rounded(lo), rounded(hi)]
    return found


def incidence_fitter(alpha: float = ALPHA) -> Any:
    """lifelines' Aalen-Johansen fitter without its jitter of tied times.

    lifelines moves event times of different kinds that fall on the same time by a random amount (up to 1e-4
    years, numpy's global random state seeded afresh unless a seed is given) before fitting, because its
    estimator "cannot deal with tied event times". Its own formula does: at each time it adds S(t-) d1 / n, the
    all-cause Kaplan-Meier just before t times the promotions at t over those at risk; of a promotion and a
    separation on the same day, taken in either order, S(t-) d1 / n is the same (separation first: S(t-) (n -
    d2) / n d1 / (n - d2)). Rank spells end on the rounds' days, ties are the rule: the jitter would give
    different figures at every call and put the points off the days. Tested against a hand-worked example and
    statsmodels' `CumIncidenceRight`."""
    from lifelines import AalenJohansenFitter

    class Fitter(AalenJohansenFitter):  # type: ignore[misc]
        @staticmethod
        def _check_for_duplicates(durations: Any, events: Any) -> bool:
            return False

        def _bounds(self, lagged_survival: Any, alpha: float, ci_labels: Any) -> Any:
            return incidence_bounds(self, super()._bounds, lagged_survival, alpha, ci_labels)

    return Fitter(alpha=alpha)


def incidence_bounds(fitter: Any, lifelines_bounds: Callable[..., Any], lagged: Any, alpha: float, labels: Any) -> Any:
    """lifelines' `AalenJohansenFitter._bounds` (0.29-0.30: the variance of the cumulative incidence, Collett's, and
    its interval), with its loop over the event table's rows read from the table's array instead of from one
    pandas Series a row (`iterrows`), which made most of the fit's time: the same numpy float64 numbers in the
    same operations in the same order, so the same figures to the last bit (tests/unit/test_survival_incidence
    _bounds.py compares them with lifelines' own). A table whose array is not float64 (every column a number)
    is left to lifelines."""
    import numpy as np
    from lifelines.utils import LinearAccumulator, QuadraticAccumulator, inv_normal_cdf

    df = fitter.event_table.copy()
    df["Ft"] = fitter.cumulative_density_
    df["lagS"] = lagged.fillna(1)
    rows = df.to_numpy()  # what iterrows makes each row's Series of
    if rows.dtype != np.float64:
        return lifelines_bounds(lagged, alpha=alpha, ci_labels=labels)
    ci = 1 - alpha
    if labels is None:
        labels = [f"{fitter._label}_upper_{ci:g}", f"{fitter._label}_lower_{ci:g}"]
    assert len(labels) == 2, "ci_labels should be a length 2 array."
    column = {name: i for i, name in enumerate(df.columns)}
    observed, at_risk, own = column["observed"], column["at_risk"], column[fitter.label_cmprisk]
    ft, lag = column["Ft"], column["lagS"]
    first, second, third = QuadraticAccumulator(), 0, LinearAccumulator()
    variances = []
    for r in rows:
        f_t = float(r[ft])
        first.add_quadratic_term(a=r[observed] / r[at_risk] / (r[at_risk] - r[observed]), b=f_t)
        second += (r[lag] ** 2) * r[own] * (r[at_risk] - r[own]) / (r[at_risk] ** 3)
        third.add_linear_term(a=r[lag] * r[own] / (r[at_risk] ** 2), b=f_t)
        variances.append(first.evaluate(f_t) + second - 2 * third.evaluate(f_t))
    df["variance"] = variances
    df["F_transformed"] = np.log(-np.log(df["Ft"]))
    df["se_transformed"] = np.sqrt(df["variance"]) / (df["Ft"] * np.absolute(np.log(df["Ft"])))
    zalpha = inv_normal_cdf(1 - alpha / 2)
    df[labels[0]] = np.exp(-np.exp(df["F_transformed"] + zalpha * df["se_transformed"]))
    df[labels[1]] = np.exp(-np.exp(df["F_transformed"] - zalpha * df["se_transformed"]))
    return df["variance"], df[labels]


def logrank(frame: pd.DataFrame) -> dict[str, Any] | None:
    """Log-rank test of equal promotion hazards across the groups (None with fewer than two)."""
    if frame["group"].nunique() < 2:
        return None
    import numpy as np
    import pandas as pd
    from lifelines.statistics import multivariate_logrank_test

    # a categorical group by its codes: lifelines takes the groups in order of appearance and compares each with
    # every row, so the same groups in the same order, integers compared instead of texts (the same sums)
    groups = frame["group"]
    labels = groups.cat.codes.to_numpy() if isinstance(groups.dtype, pd.CategoricalDtype) else groups.to_numpy()
    # the rows alike in group, years and outcome once, in order of first appearance (so the groups are in theirs),
    # with their count as lifelines' weight: its tables of deaths and removals per time and group, of which the
    # statistic is made, hold the same integers, the groups in the same order
    if "entry" in frame.columns:
        # lifelines' log-rank test takes no entry times: statsmodels' does, each rank spell at risk only after its
        # entry (entry < t <= years), as the Kaplan-Meier curves and the Cox model take it
        from statsmodels.duration.survfunc import survdiff

        try:
            chi2, p = survdiff(
                frame["years"].to_numpy(), frame["promoted"].to_numpy(), labels, entry=frame["entry"].to_numpy()
            )
        except np.linalg.LinAlgError:  # a group never at risk at any promotion time: its variance singular
            # (statsmodels inverts it): not computable, chi2 and p null (docs/fairness.md)
            return {"chi2": None, "df": int(len(pd.unique(labels)) - 1), "p": None}
        return {"chi2": rounded(float(chi2)), "df": int(len(pd.unique(labels)) - 1), "p": p_value(float(p))}
    (numbers, years, promoted), counts = tallied(labels, frame["years"].to_numpy(), frame["promoted"].to_numpy())
    test = multivariate_logrank_test(years, numbers, promoted, weights=counts)
    return {
        "chi2": rounded(float(test.test_statistic)),
        "df": int(test.degrees_of_freedom),
        "p": p_value(float(test.p_value)),
    }


def tallied(*columns: Any) -> tuple[list[Any], Any]:
    """The distinct rows of `columns` (arrays of one length) in order of first appearance, and how many times each
    is there (int64): each column numbered by pandas' factorize (a hash, no sort), the numbers made one."""
    import numpy as np
    import pandas as pd

    numbered = [pd.factorize(column) for column in columns]
    if not len(columns[0]):
        return [np.asarray(column) for column in columns], np.zeros(0, dtype=np.int64)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for codes, uniques in numbered:
        key = key * len(uniques) + codes
    rows, keys = pd.factorize(key)
    values = []
    for _, uniques in reversed(numbered):
        values.append(np.asarray(uniques)[keys % len(uniques)])
        keys = keys // len(uniques)
    return values[::-1], np.bincount(rows, minlength=len(values[0]) if values else 0)


def cox_model(
    frame: pd.DataFrame, covariates: Sequence[str], *, reference_group: str, alpha: float = ALPHA
) -> dict[str, Any]:
    """Cox proportional hazards: each group against the reference group, adjusted for `covariates`.

    Categorical covariates (education) enter as indicators against their most common value;
    numeric ones (performance, training_jp) as they are; rows missing one are dropped. A
    hazard ratio below 1 means promotion comes later than for the reference group.
    Standard errors are model-based here; `time_to_promotion` clusters them by employee where it can (`clustered`).
    """
    design = cox_design(frame, covariates, reference_group=reference_group)
    return cox_fit(design, covariates, reference_group, alpha=alpha)


def convergence_said(error: Exception) -> str:
    """lifelines' reason a Cox fit did not converge, its first line, with the error that halted it as a sentence of
    its own: lifelines glues that error's text straight onto its message, which ends with the address of its tips
    ("...hazard-modelA singular matrix detected: ..."), so the address read wrong and the sentence was lost in it."""
    original = str(getattr(error, "original_exception", "") or "")
    message = str(error)
    if original and message.endswith(original):
        message = f"{message[: -len(original)].rstrip()} {original.strip()}"
    return message.splitlines()[0]


def cox_fit(
    design: pd.DataFrame, covariates: Sequence[str], reference_group: str, *, alpha: float = ALPHA
) -> dict[str, Any]:
    """`cox_model` of a design made by `cox_design`, the hazard ratios' intervals at the level 1 - `alpha`."""
    result: dict[str, Any] = {"reference_group": reference_group, "covariates": list(covariates), "n": len(design)}
    entry = "entry" if "entry" in design.columns else None
    person = "person" if "person" in design.columns else None  # (`clustered`)
    result["standard_errors"] = CLUSTERED if person else MODEL_BASED
    if design["promoted"].sum() == 0 or len(design.columns) <= 2 + (entry is not None) + (person is not None):
        return {**result, "terms": [], "error": "Too little data: no promotions, or nothing varies."}
    # lifelines' Newton-Raphson at its default step (0.95) can overshoot into a region where exp(x'b) over- or
    # underflows and diverge where the estimate is finite (a level's promotions all tied with another level's: a
    # NaN halt, or a "converged" hazard ratio of 1e-183): refitted from the start with smaller steps, the first fit
    # that converges kept (`STEP_SIZES`); a fit that converges at the default step is the only fit made
    said: list[str] = []
    for step in STEP_SIZES:
        fitted, caught, failure = cox_attempt(design, entry, person, alpha, step)
        if failure is None:
            break
        said.append(failure)
    if failure is not None:
        return {**result, "terms": [], "error": not_converged(said)}
    # lifelines warns of near-separation and low variance: the fit stands, with the caveat shown
    result["warnings"] = sorted({str(w.message).splitlines()[0] for w in caught})
    if step != STEP_SIZES[0]:
        result["warnings"].append(refitted(step, said))
    summary = fitted.summary
    level = f"{100 * (1 - alpha):g}%"  # lifelines names the bounds' columns by their level
    result["terms"] = [
        {
            "term": str(term),
            "hazard_ratio": rounded(row["exp(coef)"]),
            "ci": [rounded(row[f"exp(coef) lower {level}"]), rounded(row[f"exp(coef) upper {level}"])],
            "p": p_value(row["p"]),
        }
        for term, row in summary.iterrows()
    ]
    # the fit's concordance index (lifelines' concordance_index_), counted in numpy: lifelines' own count walks
    # a tree in Python, element by element (20 s per model at a million rank spells)
    # none with a rank spell entered late: Harrell's C takes no entry times (a pair compared though the later spell
    # was not yet at risk at the earlier's promotion), and no maintained library counts it with them
    result["concordance"] = None
    if entry is None or not bool((design[entry] > 0).any()):
        hazards = fitted._predicted_partial_hazards_
        result["concordance"] = rounded(
            concordance_index(hazards["T"].to_numpy(), -hazards["P"].to_numpy(), hazards["E"].to_numpy())
        )
    return result


# the Newton-Raphson step sizes a Cox fit is tried at, in turn, until one converges (`cox_fit`): lifelines' default
# first, so a fit that converges at it is made once and gives the same figures as ever
STEP_SIZES = (0.95, 0.5, 0.25)
# the starts of lifelines' warnings that its Newton-Raphson did not converge (lifelines 0.30,
# `SemiParametricPHFitter._newton_raphson_for_efron_model`): it stopped at its step limit or on a log-likelihood
# near 0 ("failed to converge sufficiently"), or stopped on a small change of the log-likelihood with the step
# still large ("norm(delta) is still high": after a diverging step, a hazard ratio of 1e-183 where the estimate
# is 107)
NOT_CONVERGED = (
    "Newton-Raphson failed to converge sufficiently",
    "Newton-Raphson convergence completed successfully but norm(delta) is still high",
)


def cox_attempt(
    design: pd.DataFrame, entry: str | None, person: str | None, alpha: float, step: float
) -> tuple[Any, list[Any], str | None]:
    """One lifelines fit of `cox_fit`'s design at the Newton-Raphson step size `step` (lifelines' default passed as
    no option): the fitter, the warnings it gave, and why it did not converge (None if it did)."""
    from lifelines.exceptions import ConvergenceError
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    # BLAS on one thread: the figures of a separated group depend on the last bit of its sums, which depends on
    # how many threads share them (the machine's cores, by default); one thread also spends less CPU on a
    # loaded machine, and fits run side by side in processes (time_to_promotion_each) do not contend
    # freed memory kept for the next Newton-Raphson step (memory_kept): lifelines makes temporaries of the size of
    # the largest group of tied times on every step, which glibc would give back to the system and take again
    with (
        warnings.catch_warnings(record=True) as caught,
        threadpool_limits(limits=1, user_api="blas"),
        memory_kept(),
    ):
        warnings.simplefilter("always")
        try:
            # a rank spell begun before the period enters the risk set at its years in rank then (lifelines'
            # entry_col: its Efron step of CoxTimeVaryingFitter, at risk while entry < t <= years)
            fitted = cox_fitter(alpha).fit(
                design,
                "years",
                "promoted",
                entry_col=entry,
                cluster_col=person,
                batch_mode=efron_batch(design["years"]),
                fit_options=None if step == STEP_SIZES[0] else {"step_size": step},
            )
        except ConvergenceError as error:
            return None, caught, convergence_said(error)
    said = [str(w.message).splitlines()[0] for w in caught]
    failure = next((line for line in said if line.startswith(NOT_CONVERGED)), None)
    return fitted, caught, failure


def refitted(step: float, said: Sequence[str]) -> str:
    """The sentence of `cox.warnings` of a fit kept at the smaller step `step`, after the steps before it in
    `STEP_SIZES` did not converge (lifelines' reasons `said`, the first's first sentence quoted)."""
    before = " and ".join(f"{b:g}" for b in STEP_SIZES[: len(said)])
    reason = said[0].split(". ")[0].rstrip(".")
    return (
        f"The Cox model was refitted with a smaller Newton-Raphson step ({step:g}): at step{'s' * (len(said) > 1)}"
        f" {before} it did not converge (lifelines: {reason})."
    )


def not_converged(said: Sequence[str]) -> str:
    """`cox.error` of a fit that converged at none of `STEP_SIZES`, lifelines' reasons `said` at each."""
    smaller = ", ".join(f"{b:g}" for b in STEP_SIZES[1 : len(said)])
    refits = f" Refitted with smaller steps ({smaller}): not converged either." if smaller else ""
    return f"The Cox model did not converge: {said[0]}{refits}"


# rows per distinct time from which lifelines' batch Efron step is the cheaper one (`efron_batch`)
BATCH_FROM_ROWS_PER_TIME = 3


def efron_batch(times: pd.Series) -> bool:
    """Which of lifelines' two Efron steps the fit takes: its batch step (a pass of whole-array sums per distinct
    time) when there are at least `BATCH_FROM_ROWS_PER_TIME` rows per distinct time, else its single step (a
    Python loop over the rows). Both are lifelines' code for the same estimator; they add the same terms in
    another order, so the figures agree to the last bits (docs/fairness.md, "Which of lifelines' Efron steps").

    lifelines chooses by a regression fitted on small benchmarks (`_BatchVsSingle`), which at our ties picks the
    single step for few rows (4,000 rank spells: 2.8 times the CPU of the batch step) and for few covariates at
    hundreds of thousands of rows (412,600 rank spells, 1-4 covariates: 24-44 times). Measured on rank spells
    (CPU, one BLAS thread, 1,000 to 412,600 rows, 1 to 19 covariates) the batch step was the cheaper wherever
    times were tied 5 or more rows to a time (1.2-44 times), the single step where they were tied 2 or fewer
    (0.7-0.9 times the batch step's CPU); the audit's rank spells have about 400 rows per distinct time."""
    return len(times) >= BATCH_FROM_ROWS_PER_TIME * times.nunique()


# glibc's mallopt parameters (malloc.h) and their defaults
M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4
DEFAULT_TRIM_THRESHOLD, DEFAULT_MMAP_MAX = 128 * 1024, 65536
_kept_lock = threading.Lock()
_kept_users = 0


@contextmanager
def memory_kept() -> Iterator[None]:
    """While inside, glibc's malloc keeps the memory freed by the process for its next allocations instead of
    giving it back to the system: no allocation is mapped on its own (M_MMAP_MAX 0) and the heap is not trimmed
    (M_TRIM_THRESHOLD -1). On leaving, the defaults again (glibc's: mapped above the threshold, trimmed above
    128 KiB; glibc no longer moves the mapping threshold by itself after a mallopt of the trim threshold) and
    the free memory given back (malloc_trim). Nested and concurrent users (threads) share one setting, undone
    by the last to leave. Nothing is done where the C library is not glibc.

    Why (docs/fairness.md, "Speed"): each Newton-Raphson step of lifelines' Efron fit makes temporaries the size
    of the largest group of tied times times the covariates (at a million employees, 1.9 million rank spells
    end in promotion on the same day, 300 MB each) and frees them; glibc maps allocations above 32 MB on their
    own and unmaps them when freed, so every step the kernel maps and zeroes them again: a third of the
    step's CPU, as system time."""
    global _kept_users
    libc = glibc()
    if libc is None:
        yield
        return
    with _kept_lock:
        _kept_users += 1
        if _kept_users == 1:
            libc.mallopt(M_MMAP_MAX, 0)
            libc.mallopt(M_TRIM_THRESHOLD, -1)
    try:
        yield
    finally:
        with _kept_lock:
            _kept_users -= 1
            if _kept_users == 0:
                libc.mallopt(M_TRIM_THRESHOLD, DEFAULT_TRIM_THRESHOLD)
                libc.mallopt(M_MMAP_MAX, DEFAULT_MMAP_MAX)
                libc.malloc_trim(0)


def memory_given_back() -> None:
    """Give the memory the process has freed back to the system (glibc's malloc_trim; nothing elsewhere).

    Reading a million employees' spells leaves about 800 MB freed in the heap among what is still held (glibc
    gives back by itself only the free memory at its top): 1,654 -> 853 MB resident after the reading. The fits
    reuse most of it, so the peak falls less (the reading and the age band's fit alone: 4,027 -> 3,928 MB, one
    run each)."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)


def glibc() -> Any:
    """The C library if it is glibc (its mallopt and malloc_trim), else None."""
    import ctypes
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def cox_fitter(alpha: float = ALPHA) -> Any:
    """lifelines' Cox model with Efron ties (what CoxPHFitter fits with its default Breslow baseline), less one
    step whose result is not shown: the 'central' covariate values for plotting partial effects (a describe()
    of every column, quartiles included: about 6 s per model at a million rank spells), and the baseline
    hazard (a groupby of every row by time), not shown either."""
    import pandas as pd
    from lifelines.fitters.coxph_fitter import SemiParametricPHFitter

    class Fitter(SemiParametricPHFitter):  # type: ignore[misc]
        def _compute_central_values_of_raw_training_data(
            self, df: pd.DataFrame, strata: Any = None, name: str = "baseline"
        ) -> pd.DataFrame:
            return pd.DataFrame(index=[name])

        def _compute_baseline_hazards(self, predicted_partial_hazards_: pd.DataFrame) -> pd.DataFrame:
            # the baseline hazard (a groupby of every row by time) is not shown
            return pd.DataFrame(columns=["baseline hazard"], dtype=float)

        def _preprocess_dataframe(self, df: pd.DataFrame) -> Any:
            if sorted_design(self, df):
                return presorted(self, df)
            # lifelines copies the data before sorting it, and sorting copies it again: the copy made by the sort
            # is the one its steps change (they take the times and events out), so the first is not needed
            return super()._preprocess_dataframe(Uncopied(df) if self.strata is None else df)

        def predict_partial_hazard(self, X: Any) -> Any:
            return partial_hazard(self, X) if plain_design(self, X) else super().predict_partial_hazard(X)

        def _check_values_post_fitting(self, X: Any, T: Any, E: Any, W: Any) -> None:
            # lifelines' own checks (warnings of separation and low variance) of the same normalised covariates held
            # column by column: pandas takes the variance of each column in turn, not of a float copy of them all
            # (and a mask and the squares of it: at a million rank spells the fit's peak)
            super()._check_values_post_fitting(by_column(X), T, E, W)

    return Fitter(alpha=alpha)


def by_column(frame: Any) -> Any:
    """A frame of floats as the same columns held apart (no copy), or the frame itself if it is not one."""
    import numpy as np
    import pandas as pd

    if not isinstance(frame, pd.DataFrame) or not (frame.dtypes == np.float64).all():
        return frame
    columns = {name: frame[name].to_numpy() for name in frame.columns}
    if len(columns) != len(frame.columns):  # names repeated
        return frame
    apart = pd.DataFrame(columns, index=frame.index, copy=False)
    apart.columns = frame.columns
    return apart


def sorted_design(fitter: Any, df: Any) -> bool:
    """Whether lifelines' preprocessing of `df` would only copy it: a design of `cox_design` (float columns and
    indicators of a byte, the times and events first, floats), already in the order lifelines sorts it into (by
    time, then event; a stable sort, so rows of equal time and event keep their order), fitted without strata,
    weights, entries, clusters or formula."""
    import numpy as np
    import pandas as pd

    if not isinstance(df, pd.DataFrame) or fitter.strata is not None or fitter.formula is not None:
        return False
    if fitter.weights_col or fitter.entry_col or fitter.cluster_col or fitter.event_col is None:
        return False
    if list(df.columns[:2]) != [fitter.duration_col, fitter.event_col]:
        return False
    kinds = [np.dtype(np.float64), np.dtype(np.uint8)]
    if any(dtype != kinds[0] for dtype in df.dtypes.iloc[:2]) or any(dtype not in kinds for dtype in df.dtypes):
        return False
    times, events = df.iloc[:, 0].to_numpy(), df.iloc[:, 1].to_numpy()
    later = times[1:] > times[:-1]
    tied = times[1:] == times[:-1]
    return bool((later | (tied & (events[1:] >= events[:-1]))).all())


def presorted(fitter: Any, df: pd.DataFrame) -> Any:
    """lifelines' `_preprocess_dataframe` of a design already in its order (`sorted_design`): the covariates are
    the design's own columns after the times and events, not the sorted copy and lifelines' float copy of its
    covariates (two designs at a million rank spells, one of them held through the fit). lifelines takes their
    means and variances a column at a time and makes its normalised float copy of them (`.values`, the same
    floats in the layout of its own copy, column after column). The times, events and weights as lifelines makes
    them; its checks of the data the same."""
    import numpy as np
    import pandas as pd
    from lifelines import utils

    # the design's own columns (iloc would copy columns held apart)
    columns = df.columns[2:]
    covariates = pd.DataFrame({name: df[name].to_numpy() for name in columns}, index=df.index, copy=False)
    fitter.regressors = utils.CovariateParameterMappings({"beta_": None}, covariates, force_no_intercept=True)
    X = covariates
    X.columns = pd.Index(columns, name="covariate")
    T = df[fitter.duration_col].astype(float)
    E = df[fitter.event_col]
    utils.check_nans_or_infs(E)
    E = E.astype(bool)
    W = pd.Series(np.ones((fitter._n_examples,)), index=df.index, name="weights")
    # lifelines' checks of the data, of each covariate in turn for NaNs and infinities (the same error, without
    # a float copy of them all: `.values` of the columns held apart)
    utils.check_low_var(X)
    utils.check_for_numeric_dtypes_or_raise(X)
    utils.check_nans_or_infs(T)
    for name in columns:
        utils.check_nans_or_infs(X[name])
    return X, T, E, W, None, df.index.copy(), None


class Uncopied:
    """A frame whose copy is itself: lifelines' preprocessing copies its data first thing (`df = df.copy()`) and
    then only sorts it, which copies it again; anything else asked of this stand-in fails."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def copy(self) -> pd.DataFrame:
        return self.frame


def plain_design(fitter: Any, X: Any) -> bool:
    """Whether `partial_hazard` may stand in for the fitter's own prediction: a frame with a unique index (else
    lifelines numbers the rows) holding the covariates by name, no formula and no added intercept."""
    import pandas as pd

    columns = fitter.regressors.mappings.get("beta_")
    return (
        isinstance(X, pd.DataFrame)
        and X.index.is_unique
        and isinstance(columns, list)
        and not fitter.regressors.force_intercept
        and list(fitter.regressors.mappings) == ["beta_"]
    )


def partial_hazard(fitter: Any, X: pd.DataFrame) -> Any:
    """lifelines' `predict_partial_hazard` of a plain design (`plain_design`), the same sums on the same layout
    with one copy of the covariates instead of about five.

    lifelines selects the covariates through a concatenated frame, converts them to float, subtracts the
    training means and divides by 1 (each a copy), then exp of their product with the coefficients, indexed
    by a list of the row labels (a Python int per row). Here the covariates are copied once, column-major as
    lifelines' `.values` gives them (so BLAS sums each row in the same order), the means are subtracted in
    place (the same differences; x / 1 is x), and the frame's own index labels the rows.
    """
    import numpy as np
    import pandas as pd

    columns = fitter.regressors.mappings["beta_"]
    values = np.empty((len(X), len(columns)), order="F")
    for i, name in enumerate(columns):
        values[:, i] = X[name].to_numpy()  # as astype(float)
    values -= fitter._norm_mean.to_numpy()
    hazards: Any = np.exp(pd.Series(np.dot(values, fitter.params_), index=X.index))  # a Series
    return hazards


def cox_design(
    frame: pd.DataFrame,
    covariates: Sequence[str],
    *,
    reference_group: str,
    order: Any = None,
    clustered: bool = False,
) -> pd.DataFrame:
    """The Cox model's data: years, promoted, the group indicators (less the reference group) and the
    covariates (indicators of a categorical one less its most common value), each column that varies; rows
    missing a covariate are dropped. Years, promoted and numeric covariates are floats, indicators 0/1 in a byte
    (uint8): lifelines' float copy of them is the same, the design held through the fit a third of the size.

    The indicators are those of pandas' get_dummies (a column per distinct value, in sorted order, named
    `prefix: value`), each made straight from the values' codes, not as a frame of floats of every level first.

    The rows are in the order lifelines' fit sorts them into (by years, then promoted; a stable sort, so the
    others keep the frame's order), labelled with the frame's index: the fit takes its covariates from these
    columns as they are (`presorted`), without the sorted copy. `order`, if given, is that order of `frame`'s rows
    (`sorted_order`), taken for the rows kept instead of sorting them again."""
    import numpy as np
    import pandas as pd

    # (delayed entry: `entered_at`; the employee, `person`, for errors clustered by employee: `clustered`)
    entered = [*(["entry"] if "entry" in frame.columns else []), *(["person"] if clustered else [])]
    selected = frame[["years", "promoted", *entered, "group", *covariates]]
    data = selected.dropna()
    n = len(data)
    years, promoted = data["years"].to_numpy(dtype=float), data["promoted"].to_numpy(dtype=float)
    if order is None:
        order = np.lexsort((promoted, years))  # stable, as pandas' sort_values by two columns
    elif n < len(frame):
        order = order_within(order, selected.notna().all(axis=1).to_numpy())
    names = ["years", "promoted", *entered]
    columns: list[Any] = [years[order], promoted[order], *(data[c].to_numpy()[order] for c in entered)]

    def indicators(column: pd.Series, prefix: str, left_out: Any) -> None:
        codes, levels = sorted_codes(column)
        counts = np.bincount(codes, minlength=len(levels))
        codes = codes[order]
        for code, level in enumerate(levels):
            if level != left_out and 0 < counts[code] < n:  # the column varies
                names.append(f"{prefix}: {level}")
                columns.append((codes, code))

    indicators(data["group"], "group", reference_group)
    for name in covariates:
        column = data[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, levels = sorted_codes(column)
            # the most common level, the first in sorted order of those as common (as mode() of the texts)
            indicators(column, name, levels[int(np.argmax(np.bincount(codes, minlength=len(levels))))])
        elif column.dtype == object:
            indicators(column, name, column.mode().iloc[0])
        else:
            values_of_term = column.to_numpy(dtype=float)
            if n and values_of_term.min() < values_of_term.max():  # the column varies (no NaN: rows were dropped)
                names.append(str(name))
                columns.append(values_of_term[order])
    # each column an array of its own (not consolidated: pandas takes each one's variance, mean and copy in turn),
    # an indicator one byte a row: the float copy lifelines makes of the covariates is the same
    arrays = {
        name: (term[0] == term[1]).view(np.uint8) if isinstance(term, tuple) else term
        for name, term in zip(names, columns, strict=True)
    }
    return pd.DataFrame(arrays, index=data.index[order], copy=False)


def sorted_order(frame: pd.DataFrame) -> Any:
    """The positions of `frame`'s rows in the order the Cox design is made in (by years, then promoted as floats; a
    stable sort): made once for every dimension's design (`order_within`), not sorted again for each."""
    import numpy as np

    return np.lexsort((frame["promoted"].to_numpy(dtype=float), frame["years"].to_numpy(dtype=float)))


def order_within(order: Any, kept: Any) -> Any:
    """`order` (positions of rows in a stable sort) of the rows `kept` (a mask), as positions among them: a stable
    sort of some rows is the stable sort of all of them without the others."""
    import numpy as np

    return (np.cumsum(kept) - 1)[order[kept[order]]]


def sorted_codes(column: pd.Series) -> tuple[Any, list[Any]]:
    """pandas' factorize(sort=True) of a column's values, none missing: (codes, the distinct values sorted). A
    categorical's by its codes, its categories present put in sorted order (pandas' factorize of a categorical
    keeps the order of its categories, which may not be sorted)."""
    import numpy as np
    import pandas as pd

    if not isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = pd.factorize(column, sort=True)
        return codes, list(uniques)
    categories = column.cat.categories.to_numpy(dtype=object)
    category_codes: Any = column.cat.codes.to_numpy()
    present = np.flatnonzero(np.bincount(category_codes, minlength=len(categories)) if len(category_codes) else [])
    ordered = sorted(present.tolist(), key=lambda i: categories[i])
    recoded = np.full(len(categories), -1, dtype=np.int64)
    recoded[ordered] = np.arange(len(ordered))
    return recoded[category_codes], [categories[i] for i in ordered]


def concordance_index(times: Any, scores: Any, observed: Any) -> float:
    """Harrell's concordance of predicted scores with event times, as lifelines' `concordance_index` counts it
    (each comparable pair: 1 if ordered alike, 1/2 if the scores tie), in O(n log n) numpy steps."""
    correct, tied, pairs = concordance_counts(times, scores, observed)
    if pairs == 0:
        raise ZeroDivisionError("No admissable pairs in the dataset.")
    return (correct + tied / 2) / pairs


def concordance_counts(times: Any, scores: Any, observed: Any) -> tuple[int, int, int]:
    """The pairs lifelines' concordance is made of: (ordered alike, tied scores, comparable).

    A pair is comparable when the one with the earlier time had the event: for a death at t, every
    death before t; for a censored time t, every death at or before t. Deaths are taken in time
    order into a Fenwick tree over their distinct scores, a time at a time, so each time's deaths
    and then its censored cases count, all at once, the deaths already in with a lower and with
    an equal score.
    """
    import numpy as np

    times, scores = np.asarray(times), np.asarray(scores)
    died = np.asarray(observed).astype(bool)
    if not died.any():
        return 0, 0, 0
    values = np.unique(scores[died])
    size = len(values)
    below = np.searchsorted(values, scores, side="left")  # distinct death scores lower than each score
    equal = below < size
    equal[equal] = values[below[equal]] == scores[equal]
    tree = np.zeros(size + 1, dtype=np.int64)

    def deaths_below(ends: Any) -> int:
        """Deaths in the tree with one of the `end` lowest distinct scores, summed over `ends`."""
        total = 0
        ends = ends[ends > 0]
        while len(ends):
            total += int(tree[ends].sum())
            ends = ends - (ends & -ends)
            ends = ends[ends > 0]
        return total

    order = np.lexsort((~died, times))  # by time, a time's deaths first
    times, died, below, equal = times[order], died[order], below[order], equal[order]
    firsts = np.flatnonzero(np.r_[True, times[1:] != times[:-1]])
    if size * len(firsts) <= PREFIX_SUMS_WORK * len(times):
        return concordance_by_prefix_sums(firsts, died, below, equal, size)
    correct = tied = pairs = inside = 0
    for first, end in zip(firsts.tolist(), [*firsts[1:].tolist(), len(times)], strict=True):
        deaths_end = first + int(died[first:end].sum())
        for start, stop, dead in ((first, deaths_end, True), (deaths_end, end, False)):
            if start == stop:
                continue
            ranks = below[start:stop]
            pairs += inside * (stop - start)
            correct += deaths_below(ranks)
            same = ranks[equal[start:stop]]
            tied += deaths_below(same + 1) - deaths_below(same)
            if dead:
                slots = ranks + 1
                while len(slots):
                    np.add.at(tree, slots, 1)
                    slots = slots + (slots & -slots)
                    slots = slots[slots <= size]
                inside += stop - start
    return correct, tied, pairs


# `concordance_counts` counts by prefix sums of the deaths per distinct score when redoing those sums at each distinct
# time costs at most this many steps per row (the rank spells: some 1,000 distinct times and 15,000-17,000 distinct
# scores of deaths at 412,010 rows, the same distinct values at a million), else in its Fenwick tree
PREFIX_SUMS_WORK = 64


def concordance_by_prefix_sums(firsts: Any, died: Any, below: Any, equal: Any, size: int) -> tuple[int, int, int]:
    """`concordance_counts` of rows in time order (a time's deaths first; `firsts` each time's first row), the
    deaths so far held as counts per distinct score and their running sums (deaths below each score), made again
    after each time's deaths: each time's rows counted in a few whole-array steps, not a Fenwick tree's walk of
    some 15 steps per query (Python's work per time, the most of it at the rank spells' 1,000 distinct times).
    The same integer counts."""
    import numpy as np

    ends = [*firsts[1:].tolist(), len(died)]
    dead_ends = (firsts + np.add.reduceat(died.astype(np.int64), firsts)).tolist()
    deaths = np.zeros(size, dtype=np.int64)  # the deaths so far at each distinct score
    lower = np.zeros(size + 1, dtype=np.int64)  # the deaths so far at a score below each distinct score
    correct = tied = pairs = inside = 0
    for first, dead_end, end in zip(firsts.tolist(), dead_ends, ends, strict=True):
        for start, stop, dead in ((first, dead_end, True), (dead_end, end, False)):
            if start == stop:
                continue
            ranks = below[start:stop]
            if inside:
                pairs += inside * (stop - start)
                correct += int(lower[ranks].sum())
                tied += int(deaths[ranks[equal[start:stop]]].sum())
            if dead:
                np.add.at(deaths, ranks, 1)
                np.cumsum(deaths, out=lower[1:])
                inside += stop - start
    return correct, tied, pairs


def time_to_promotion(
    runs: pd.DataFrame,
    by: Sequence[str],
    covariates: Sequence[str],
    *,
    min_cell: int,
    order: Any = None,
    alpha: float = ALPHA,
) -> dict[str, Any]:
    """Curves, log-rank test and Cox model of rank spells grouped by the dimensions `by` (`order`: `sorted_order` of
    the rank spells, if made already), every interval at the level 1 - `alpha`."""
    # only the columns used, the group a categorical of its labels (add_group's, made per distinct value)
    frame = grouped(runs, by, covariates, on="start")
    groups = km_curves(frame, min_cell=min_cell, alpha=alpha)
    shown = [g["group"] for g in groups if not g["suppressed"]]
    shown_rows = frame["group"].isin(shown).to_numpy()
    kept = frame[shown_rows]
    del frame
    # no test of groups in which nobody was promoted (fairness.NOBODY_PROMOTED): a log-rank test of no event gives
    # chi2 0 and p 1, as if the groups were alike, and a Cox model has nothing to fit
    promotions = bool(kept["promoted"].any())
    tested = logrank(kept) if promotions else None
    adjust = [c for c in covariates if c not in by]
    cox = None
    if len(shown) >= 2 and promotions:
        kept_order = None if order is None else order_within(order, shown_rows)
        # a level (group or covariate) with no promotion, fewer rank spells than the smallest cell or separated by
        # the risk sets has no estimable hazard ratio: its rank spells are left out of the model, named
        # (`estimable_rows`)
        fitted, left_out = estimable_rows(kept, adjust, min_cell=min_cell)
        if fitted is not None:
            kept_order = None if kept_order is None else order_within(kept_order, fitted)
            kept = kept[fitted]
        counts = kept["group"].value_counts(sort=False)
        estimable = [g for g in shown if counts.get(g, 0) > 0]
        sizes = {g["group"]: g["n"] for g in groups}
        largest = max(estimable or shown, key=lambda g: sizes[g])
        if len(estimable) < 2:
            cox = {
                "reference_group": largest,
                "covariates": list(adjust),
                "n": len(kept),
                "standard_errors": CLUSTERED if clustered(kept) else MODEL_BASED,
                "terms": [],
                "left_out": left_out,
                "warnings": [left_out_warning(o) for o in left_out],
                "error": TOO_FEW_ESTIMABLE,
            }
        else:
            design = cox_design(kept, adjust, reference_group=largest, order=kept_order, clustered=clustered(kept))
            del kept  # not held through the fit, which makes its own copies of the design
            cox = cox_fit(design, adjust, largest, alpha=alpha)
            cox["left_out"] = left_out
            cox["warnings"] = [*(left_out_warning(o) for o in left_out), *cox.get("warnings", [])]
    # listed in the natural order of an ordinal grouping (the reference group above chosen as before)
    return {"groups": in_natural_order(groups, by), "logrank": tested, "cox": cox}


TOO_FEW_ESTIMABLE = (
    "Too little data: fewer than two groups have an estimable hazard ratio (see left_out); no Cox model fitted."
)
NO_PROMOTION = "no rank spell of it ended in promotion: its hazard ratio runs to 0, not estimable"
SEPARATED_ABOVE = (
    "no other rank spell ended in promotion while one of its rank spells was waiting: its hazard ratio runs to"
    " infinity, not estimable"
)
SEPARATED_BELOW = (
    "no promotion of it came while another rank spell was waiting: its hazard ratio runs to 0, not estimable"
)
TOO_FEW_SPELLS = "fewer rank spells than the smallest cell ({min_cell}): too few to estimate its hazard ratio"


def level_counts(codes: Any, levels: int, read: Any, keep: Any, promoted: Any) -> tuple[Any, Any, Any, Any]:
    """A dimension's level code of each row (-1: not read), the rows kept with a level, and each level's rank spells
    and promotions among them."""
    import numpy as np

    full = np.full(len(read), -1, dtype=np.int64)
    full[read] = codes
    inside = keep & (full >= 0)
    return (
        full,
        inside,
        np.bincount(full[inside], minlength=levels),
        np.bincount(full[inside & promoted], minlength=levels),
    )


def estimable_rows(
    frame: pd.DataFrame, covariates: Sequence[str], *, min_cell: int
) -> tuple[Any, list[dict[str, Any]]]:
    """The rank spells the Cox model is fitted on: a mask of `frame`'s rows (None: all of them) and the levels left
    out, each as `{"term", "n", "promoted", "reason"}` (its term as the model would name it: `group: F`,
    `education: D-IV`), in the order they were found.

    A level of the groups or of a categorical covariate is left out, with its rank spells, when none of its rank
    spells (among those the model would read: none missing a covariate) ended in promotion, or when it has fewer
    than `min_cell` of them. With no promotion its coefficient runs off to minus infinity (monotone likelihood): no
    finite estimate, and lifelines stops where rounding stops it, its interval then meaningless or, with errors
    clustered by employee, collapsed to a certain, "significant" 0 (docs/fairness.md, "Levels not estimable"). Such
    rank spells weigh nothing in the partial likelihood at that limit (a hazard of 0 in every risk set, no event),
    so the fit without them is the limit of the fit with them: the other coefficients as they would be. With too few
    rank spells it is left out as the groups below the smallest cell are. Pooling such a level into the reference
    instead would change what the reference is.

    A level whose rank spells all (or partly) ended in promotion is estimable as any other, unless its risk sets
    separate it from the other rank spells (`separated_levels`): no other rank spell promoted while one of its own
    was waiting (its coefficient runs to infinity), or none of its promotions while another was waiting (to minus
    infinity). Such levels are looked for once no other is left out, and the smallest left out alone (two levels of
    a dimension are each other's mirror). Repeated until none is left to leave out (a group may lose its only
    promotions with another level's rank spells)."""
    import numpy as np
    import pandas as pd

    names = ["group"] + [
        c for c in covariates if isinstance(frame[c].dtype, pd.CategoricalDtype) or frame[c].dtype == object
    ]
    keep = frame[["group", *covariates]].notna().all(axis=1).to_numpy()
    read = keep.copy()  # the rows the model reads (cox_design drops those missing a covariate)
    promoted = frame["promoted"].to_numpy() > 0
    years = frame["years"].to_numpy(dtype=float)
    entry = frame["entry"].to_numpy(dtype=float) if "entry" in frame.columns else None
    coded = [(name, *sorted_codes(frame[name][read])) for name in names]
    left_out: list[dict[str, Any]] = []
    while True:
        dropped = np.zeros(len(frame), dtype=bool)
        found: list[tuple[int, dict[str, Any], Any]] = []  # (rank spells, level left out, its rows)
        for name, codes, levels in coded:
            full, inside, n, events = level_counts(codes, len(levels), read, keep, promoted)
            for code, level in enumerate(levels):
                if n[code] == 0:
                    continue
                if events[code] == 0:
                    reason = NO_PROMOTION
                elif n[code] < min_cell:
                    reason = TOO_FEW_SPELLS.format(min_cell=min_cell)
                else:
                    continue
                said = {"term": f"{name}: {level}", "n": int(n[code]), "promoted": int(events[code]), "reason": reason}
                found.append((int(n[code]), said, inside & (full == code)))
        if not found:
            # only once none is left out otherwise (a level never promoted separates the other of two levels too),
            # and one at a time (a level of each of two dimensions may be the same rank spells)
            windows = risk_windows(years, entry, keep & promoted)
            for name, codes, levels in coded:
                full, inside, n, events = level_counts(codes, len(levels), read, keep, promoted)
                for code, reason in separated_levels(full, inside, promoted, windows, len(levels)).items():
                    if n[code] < n.sum():  # (a level of every rank spell read: the column does not vary)
                        term = f"{name}: {levels[code]}"
                        said = {"term": term, "n": int(n[code]), "promoted": int(events[code]), "reason": reason}
                        found.append((int(n[code]), said, inside & (full == code)))
            found = sorted(found, key=lambda f: f[0])[:1]
        for _, said, rows in found:
            left_out.append(said)
            dropped |= rows
        if not dropped.any():
            break
        keep &= ~dropped
    if not left_out:  # (rows missing a covariate: cox_design drops them)
        return None, []
    return keep, left_out


def risk_windows(years: Any, entry: Any, events: Any) -> tuple[Any, Any, int]:
    """Each rank spell's window of the distinct promotion times (of the rank spells `events`) at which it is at risk,
    as indices `[first, last)` into them: entered before the time (`entry` < t, none entered late without it) and
    still waiting at it (`years` >= t), as lifelines' risk sets are; and how many distinct times there are."""
    import numpy as np

    times = np.unique(years[events])
    last = np.searchsorted(times, years, side="right")
    first = np.zeros(len(years), dtype=np.int64) if entry is None else np.searchsorted(times, entry, side="right")
    return first, last, len(times)


def separated_levels(full: Any, inside: Any, promoted: Any, windows: tuple[Any, Any, int], size: int) -> dict[int, str]:
    """The levels (codes of `full` among the rows `inside`, `size` of them) some of whose rank spells ended in
    promotion and whose partial likelihood is monotone in their own coefficient, whatever the others' (complete
    separation by the risk sets): no other rank spell promoted at a time one of theirs was at risk (their hazard ratio
    runs to infinity: `SEPARATED_ABOVE`), or none of their promotions at a time another rank spell was at risk (to 0:
    `SEPARATED_BELOW`); Efron's ties alike. Counted on the distinct promotion times (`risk_windows`), each level's
    rank spells at risk by the difference of their windows' ends."""
    import numpy as np

    first, last, count = windows
    rows = np.flatnonzero(inside)
    if count == 0 or len(rows) == 0:
        return {}
    codes = full[rows]
    width = count + 1
    bounds = np.bincount(codes * width + first[rows], minlength=size * width) - np.bincount(
        codes * width + last[rows], minlength=size * width
    )
    at_risk = np.cumsum(bounds.reshape(size, width), axis=1)[:, :count]
    died = rows[promoted[rows]]
    events = np.bincount(full[died] * count + (last[died] - 1), minlength=size * count).reshape(size, count)
    others_at_risk = at_risk.sum(axis=0) - at_risk
    others_events = events.sum(axis=0) - events
    own = events.sum(axis=1) > 0
    above = own & ~((others_events > 0) & (at_risk > 0)).any(axis=1)
    below = own & ~((events > 0) & (others_at_risk > 0)).any(axis=1)
    return {int(code): SEPARATED_ABOVE if above[code] else SEPARATED_BELOW for code in np.flatnonzero(above | below)}


def left_out_warning(level: Mapping[str, Any]) -> str:
    """The sentence of `cox.warnings` naming a level left out of the Cox model (`estimable_rows`)."""
    return (
        f"{level['term']} left out of the model with its rank spells ({level['n']}, {level['promoted']} promoted):"
        f" {level['reason']}."
    )


def clustered(frame: pd.DataFrame) -> bool:
    """Whether the Cox model of these rank spells takes standard errors clustered by employee (`CLUSTERED_MAX_ROWS`):
    the employee known (`person`, read only for at most that many rank spells), none entered late, and some employee
    with several rank spells."""
    if "person" not in frame.columns or "entry" in frame.columns or len(frame) > CLUSTERED_MAX_ROWS:
        return False
    return bool(frame["person"].duplicated().any())


def grouped(runs: pd.DataFrame, by: Sequence[str], covariates: Sequence[str], *, on: str) -> pd.DataFrame:
    """A new frame of the rank spells' years, promoted, separated (if there), `group` and the `covariates` that are
    not dimensions (as they are: categoricals stay categoricals). The group is `add_group`'s label of each row (the
    age band from `birth_date` on the column `on`), held as a categorical whose categories are the labels present in
    sorted order (as a groupby sorts texts): each label made once per distinct value (or pair of values, or of birth
    date and day), not filled, converted, compared and hashed row by row in text (a million employees' 4.1
    million rank spells, seven dimensions)."""
    import numpy as np
    import pandas as pd

    codes, labels = dimension_codes(runs, by[0], on)
    if len(by) > 1:
        second, second_labels = dimension_codes(runs, by[1], on)
        pairs, distinct = pd.factorize(codes.astype(np.int64) * len(second_labels) + second)
        labels = [
            f"{labels[p // len(second_labels)]}{SEPARATOR}{second_labels[p % len(second_labels)]}" for p in distinct
        ]
        codes = pairs
    # labels repeat (a value and its text, missing and "" are all "unknown"); categories are the distinct ones sorted
    present = np.bincount(codes, minlength=len(labels)) > 0 if len(codes) else np.zeros(len(labels), dtype=bool)
    categories = sorted({labels[i] for i in np.flatnonzero(present)})
    position = {label: i for i, label in enumerate(categories)}
    recoded = np.array([position.get(label, -1) for label in labels], dtype=np.int32)
    group_codes: Any = recoded[codes] if len(codes) else codes.astype(np.int32)
    group = pd.Categorical.from_codes(group_codes, categories=pd.Index(categories, dtype=object))
    columns: dict[str, Any] = {
        "years": runs["years"].to_numpy(),
        "promoted": runs["promoted"].to_numpy(),
        "group": group,
    }
    for name in ("separated", "entry", "person"):
        if name in runs.columns:
            columns[name] = runs[name].to_numpy()
    # none entered late (a scope holding only spells begun from `from`: `entered_at` ran on every one): no entry
    # column, the frame as without a start (the Cox errors clustered where they can be, `clustered`)
    if "entry" in columns and not (columns["entry"] > 0).any():
        del columns["entry"]
    for name in covariates:
        if name not in by:
            columns[name] = (
                runs[name].to_numpy() if not isinstance(runs[name].dtype, pd.CategoricalDtype) else runs[name].array
            )
    return pd.DataFrame(columns, index=runs.index)


def dimension_codes(runs: pd.DataFrame, name: str, on: str) -> tuple[Any, list[str]]:
    """A dimension of the rank spells as (codes, labels): labels[codes] is each row's value as `add_group` labels
    it (missing and "" `unknown`, others their text; the age band of `birth_date` on the column `on`)."""
    import numpy as np
    import pandas as pd

    if name == "age_band":
        born, born_texts = value_codes(runs["birth_date"])
        day, day_texts = value_codes(runs[on])
        # each distinct (birth date, day) in the order of appearance, its band by age_bands itself
        codes, distinct = pd.factorize((born + 1).astype(np.int64) * (len(day_texts) + 1) + (day + 1))
        births = pd.Series(born_texts[distinct // (len(day_texts) + 1) - 1], dtype=object)
        days = pd.Series(day_texts[distinct % (len(day_texts) + 1) - 1], dtype=object)
        return codes, list(age_bands(births, days))
    codes, values = value_codes(runs[name])
    return np.where(codes < 0, len(values) - 1, codes), list(group_labels(pd.Series(values, dtype=object)))


def value_codes(column: pd.Series) -> tuple[Any, Any]:
    """A column as (codes, values): values[codes] are its values, codes -1 where missing, and values end with None
    (so values[-1] is it): a categorical's own codes and categories, else pandas' factorize (in order of
    appearance)."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, categories = column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    else:
        codes, uniques = pd.factorize(column)
        categories = np.asarray(uniques, dtype=object)
    return codes, np.concatenate([categories, np.array([None], dtype=object)])


def as_text(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """A copy of `frame`'s `columns`, the categorical ones as text (None where missing), as `rank_spells` makes
    them: one copy of them (not a selection and then a copy of it)."""
    import pandas as pd

    def values(name: str) -> Any:
        column = frame[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            return column.to_numpy()
        codes, texts = text_codes(column)
        return texts[codes]

    return pd.DataFrame({name: values(name) for name in columns}, index=frame.index)


def time_to_promotion_each(
    runs: pd.DataFrame,
    bys: Sequence[Sequence[str]],
    covariates: Sequence[str],
    *,
    min_cell: int,
    jobs: int = 1,
    alpha: float = ALPHA,
) -> list[dict[str, Any]]:
    """`time_to_promotion` by each of `bys`, in their order; with `jobs` > 1 that many at a time in processes
    (`each_in_processes`): the dimensions are independent, and their answers the same either way."""
    if jobs > 1:  # imported once here, not in each process
        import lifelines.fitters.coxph_fitter
        import lifelines.statistics  # noqa: F401
    order = sorted_order(runs)  # the designs' order, sorted once
    return each_in_processes(
        lambda by: time_to_promotion(runs, by, covariates, min_cell=min_cell, order=order, alpha=alpha), bys, jobs
    )


# the task of `each_in_processes`, set before its processes are forked: they inherit it (and what it holds)
_TASK: Callable[[Any], Any] | None = None


def each_in_processes(task: Callable[[Any], Any], items: Sequence[Any], jobs: int) -> list[Any]:
    """`[task(item) for item in items]`, by `jobs` processes forked from this one (ProcessPoolExecutor).

    A forked process shares this one's memory until either writes to it: the task and its data (the rank
    spells of a million employees) are inherited, not pickled; only each item and its answer are. The answers
    come in the items' order; a task's exception is raised here, and a process that dies (killed for memory)
    raises BrokenProcessPool. A process does several items in turn (Python 3.11 refuses max_tasks_per_child
    with fork). In this process, in order, with one job or one item, or where processes cannot be forked.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASK
    if jobs <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(item) for item in items]
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context) as pool:
            return list(pool.map(run_task, items))
    finally:
        _TASK = None


def run_task(item: Any) -> Any:
    """`each_in_processes`' task on one item, in a forked process (which inherited `_TASK`)."""
    if _TASK is None:
        raise RuntimeError("each_in_processes has no task in this process")
    return _TASK(item)


def training_per_year(runs: pd.DataFrame, training: pd.DataFrame) -> pd.Series:
    """JP of training started within each rank spell, per year in the rank (aligned with `runs`).

    Each employee's training is put in order of its start date with a running sum of its hours:
    a spell's JP are the running sum at its stop less that at its start (training started on or
    after the start and before the stop), found by binary search, not by joining every spell of
    an employee with every course (tens of millions of rows at a million employees).
    """
    import numpy as np
    import pandas as pd

    if training.empty:
        return pd.Series(np.zeros(len(runs)), index=runs.index)
    # employees and days as numbers: the training's (categoricals, as `FairnessQueries` reads them, or texts) by
    # their distinct values, not by every one of millions of texts hashed again; a rank spell's employee by the
    # training's number of it (-1 for one without training, as a missing one), days by the rank of their ISO text
    # among all the days (one order for both, as that of their strings before)
    trained, subjects = value_codes(training["subject"])
    people_of_runs = pd.Index(subjects[:-1]).get_indexer(runs["subject"].to_numpy(dtype=object))
    course_days, course_dates = value_codes(training["start_date"])
    n = len(runs)
    run_days, run_dates = pd.factorize(pd.concat([runs["start"], runs["stop"]], ignore_index=True))
    dates = np.unique(np.concatenate([np.asarray(run_dates, dtype=object), course_dates[:-1]]))
    days = np.searchsorted(dates, np.asarray(run_dates, dtype=object))[run_days]
    width = len(dates) + 1
    # (employee, day) as one sortable number
    ranks = np.searchsorted(dates, course_dates[:-1])
    keys = trained.astype(np.int64) * width + np.where(course_days < 0, -1, ranks[course_days])
    order = np.argsort(keys, kind="stable")
    # each course's hours, whole hours (JP): their running sums are exact in any order of the employees
    hours = training["hours"].to_numpy()[order]
    missing = pd.isna(hours)
    sums = np.concatenate([[0], np.cumsum(np.where(missing, 0, hours))])
    first = np.searchsorted(keys[order], people_of_runs.astype(np.int64) * width + days[:n], side="left")
    last = np.searchsorted(keys[order], people_of_runs.astype(np.int64) * width + days[n : 2 * n], side="left")
    inside = np.where(last > first, sums[last] - sums[first], 0)
    return pd.Series(inside, index=runs.index) / runs["years"].clip(lower=1.0)

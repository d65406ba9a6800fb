"""Time to promotion: Kaplan-Meier curves per group, the log-rank test and a Cox model.

An observation is a rank spell: a run of the roster's `spells` in one rank. It starts at the
rank's TMT and ends in promotion (the next run is a higher rank: the event) or is censored:
at separation (the last spell has an end date), at a demotion, at the end of the period, or
today. Leaving is censored, not a competing risk: the curves estimate the time to promotion
of those who stay (docs/fairness.md).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from careerlog.reference import reference
from projections.merit.groups import add_group, p_value, rounded, source_columns

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
    Text columns may be categoricals (`FairnessQueries` reads them so); the rank spells' are
    text (None where missing).
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
    stop = next_start.where(same_next, last_end).fillna(end)
    stop = stop.where(stop.le(end), end)
    begun = runs["start"].notna() & runs["start"].le(end)
    start, stop = runs["start"][begun], stop[begun]
    years = (days(stop) - days(start)) / DAYS_PER_YEAR
    chosen = years.index[years > 0]
    runs = runs.loc[chosen]  # one copy of the rank spells kept
    runs["stop"] = stop.loc[chosen]
    runs["promoted"] = promoted.loc[chosen].astype(int)
    runs["years"] = years.loc[chosen]
    return runs.reset_index(drop=True)


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
    return cox_fit(cox_design(frame, covariates, reference_group=reference_group), covariates, reference_group)


def cox_fit(design: pd.DataFrame, covariates: Sequence[str], reference_group: str) -> dict[str, Any]:
    """`cox_model` of a design made by `cox_design`: hazard ratios, 95% intervals and p as lifelines' CoxPHFitter
    gives them, with its warnings and errors.

    The fit is `efron_cox`, lifelines' algorithm with vectorised sums. A fit near separation (a covariate
    constant among the promoted or among the others, a fit that does not settle, or stops) is lifelines' own:
    there a coefficient runs off towards infinity, and where it stops, and so its printed interval, depends
    on rounding in the last digit (even on the BLAS thread count), which only lifelines' own arithmetic
    reproduces.
    """
    result: dict[str, Any] = {"reference_group": reference_group, "covariates": list(covariates), "n": len(design)}
    if design["promoted"].sum() == 0 or len(design.columns) <= 2:
        return {**result, "terms": [], "error": "Too little data: no promotions, or nothing varies."}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fitted = efron_cox(design)
        except NearSeparation:
            fitted = None
    # numpy's warnings (an overflow, a negative variance) are lifelines' to give, with its figures
    if fitted is None or any(not issubclass(w.category, ConvergenceWarning) for w in caught):
        return lifelines_cox_fit(design, result)
    terms, figures = cox_terms(fitted["names"], fitted["params"], fitted["se"])
    if fragile(figures):
        return lifelines_cox_fit(design, result)
    # low variance is warned of: the fit stands, with the caveat shown
    result["warnings"] = sorted({str(w.message).splitlines()[0] for w in caught})
    result["terms"] = terms
    # the fit's concordance index (lifelines' concordance_index_), counted in numpy: lifelines' own count walks
    # a tree in Python, element by element (20 s per model at a million rank spells)
    result["concordance"] = rounded(concordance_index(fitted["T"], -fitted["hazards"], fitted["E"]))
    return result


def cox_terms(names: Sequence[str], coef: Any, se: Any) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Hazard ratio, 95% interval and Wald p of each coefficient, as lifelines' `summary` computes them, and
    those figures unrounded (each with its rounding)."""
    import numpy as np
    from scipy import stats

    z = stats.norm.ppf(1 - 0.05 / 2)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        ratio = np.exp(coef)
        low, high = ratio * np.exp(-z * se), ratio * np.exp(z * se)
        p = stats.chi2.sf((coef / se) ** 2, 1)
    terms = [
        {"term": str(name), "hazard_ratio": rounded(ratio[i]), "ci": [rounded(low[i]), rounded(high[i])]}
        | {"p": p_value(p[i])}
        for i, name in enumerate(names)
    ]
    figures = [(rounded, v) for v in (*ratio, *low, *high)] + [(p_value, v) for v in p]
    return terms, figures


def fragile(figures: Sequence[tuple[Any, Any]], margin: float = 1e-9) -> bool:
    """Whether a figure could print otherwise than lifelines' own: it lies within `margin` (relative) of a
    rounding boundary, or is so large (beyond 1e5) that its printed digits reach the last bits of a float.
    Two exact fits agree to about 1e-13 (relative), not to the bit."""
    import math

    for rounding, value in figures:
        value = float(value)
        if not math.isfinite(value) or abs(value) >= 1e5:
            return True
        if rounding(value * (1 - margin)) != rounding(value * (1 + margin)):
            return True
    return False


def lifelines_cox_fit(design: pd.DataFrame, result: dict[str, Any]) -> dict[str, Any]:
    """The Cox model by lifelines' Efron fitter (near separation), with its warnings and errors."""
    from lifelines.exceptions import ConvergenceError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fitted = cox_fitter().fit(design, "years", "promoted")
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
    hazards = fitted._predicted_partial_hazards_
    result["concordance"] = rounded(
        concordance_index(hazards["T"].to_numpy(), -hazards["P"].to_numpy(), hazards["E"].to_numpy())
    )
    return result


def cox_fitter() -> Any:
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

    return Fitter()


def cox_design(frame: pd.DataFrame, covariates: Sequence[str], *, reference_group: str) -> pd.DataFrame:
    """The Cox model's data as one float block: years, promoted, the group indicators (less the reference
    group) and the covariates (indicators of a categorical one less its most common value), each column
    that varies; rows missing a covariate are dropped."""
    import numpy as np
    import pandas as pd

    data = frame[["years", "promoted", "group", *covariates]].dropna()
    names = ["years", "promoted"]
    columns = [data["years"].to_numpy(dtype=float), data["promoted"].to_numpy(dtype=float)]

    def add(terms: pd.DataFrame) -> None:
        for name in terms.columns:
            column = terms[name].to_numpy(dtype=float)
            if len(column) and column.min() < column.max():  # the column varies (no NaN here: rows were dropped)
                names.append(str(name))
                columns.append(column)

    groups = pd.get_dummies(data["group"], prefix="group", prefix_sep=": ", dtype=float)
    add(groups.drop(columns=f"group: {reference_group}"))
    for name in covariates:
        column = data[name]
        if column.dtype == object:
            dummies = pd.get_dummies(column, prefix=name, prefix_sep=": ", dtype=float)
            add(dummies.drop(columns=f"{name}: {column.mode().iloc[0]}"))
        else:
            add(column.astype(float).to_frame())
    # rows in the order the fit takes them (by years, then promoted: lifelines' stable sort), so it copies none
    order = np.lexsort((columns[1], columns[0]))
    values = np.empty((len(data), len(columns)))
    for i, values_of_term in enumerate(columns):
        values[:, i] = values_of_term[order]
    return pd.DataFrame(values, columns=names, index=data.index[order])


# The Cox fit: lifelines' Efron Newton-Raphson (SemiParametricPHFitter.fit and _newton_raphson_for_efron_model,
# lifelines 0.30) step for step: the same normalised design, start, step sizes, convergence tests, warning of low
# variance, and summary; only its gradient and Hessian are summed in a few vectorised passes over the rows
# (`EfronRows.derivatives`) instead of lifelines' Python loop over the distinct times. What lifelines does near
# separation (its warnings, checks and errors) is left to lifelines (`NearSeparation`).

EFRON_CHUNK = 1 << 16  # rows normalised at a time (a few MB): the design is never copied whole


class NearSeparation(Exception):
    """The fit is near separation, or stopped: lifelines fits it (`cox_fit`)."""


class StepSizer:
    """lifelines.utils.StepSizer: the Newton step shrinks after a large one and grows back while steps shrink."""

    def __init__(self, initial: float) -> None:
        self.initial = self.step_size = initial
        self.temper_back_up = False
        self.norms: list[float] = []

    def update(self, norm_of_delta: float) -> float:
        import numpy as np

        self.norms.append(norm_of_delta)
        if self.temper_back_up:
            self.step_size = min(self.step_size * 1.3, self.initial)
        if norm_of_delta >= 15.0:
            self.step_size *= 0.1
            self.temper_back_up = True
        elif 15.0 > norm_of_delta > 5.0:
            self.step_size *= 0.25
            self.temper_back_up = True
        decreasing = len(self.norms) >= 3 and bool(np.all(np.diff(self.norms[-3:]) < 0))
        if len(self.norms) >= 3 and not decreasing:
            self.step_size *= 0.98
        if decreasing:
            self.step_size = min(self.step_size * 1.3, 1.0)
        return self.step_size


class EfronRows:
    """A design's rows, sorted by time and then event as lifelines sorts them, normalised as lifelines
    normalises them (each covariate less its mean, over its standard deviation), with what Efron's partial
    likelihood needs of their order, and the passes that sum its derivatives.

    With w = exp(x beta), the risk set of a death time t is every row with T >= t: its sums S0(t) = sum w
    and S1(t) = sum w x are cumulative sums, from the last time, of each distinct time's sums. A time's
    deaths are its last rows, so one np.add.reduceat over segments (each time's censored rows, then its
    deaths) of a chunk of whole times gives both a time's sums and its deaths' D0, D1. The l-th of d tied
    deaths (l = 0..d-1, f = l/d) sees phi = S0 - f D0; with per-time sums over them A = sum 1/phi,
    B = sum f/phi, C = sum 1/phi^2, G = sum f/phi^2, F = sum f^2/phi^2:
      log-likelihood  sum over deaths of x beta, less sum log phi
      gradient        sum over deaths of x, less sum_t (A S1 - B D1)
      Hessian         sum_t (C S1 S1' - G (S1 D1' + D1 S1') + F D1 D1') - X' diag(w (c - B_death)) X
    where c of a row is the sum of A over the death times at or before its time (its risk sets' share of
    sum_t A S2(t)) and B_death is B of its time for a death, 0 otherwise (sum_t B D2(t)): one X' W X product
    per chunk, never a matrix per time.
    """

    def __init__(self, values: Any, chunk: int = EFRON_CHUNK) -> None:
        import numpy as np

        self.T, self.E, self.X = values[:, 0], values[:, 1] != 0, values[:, 2:]
        n = self.n = len(self.T)
        starts = np.flatnonzero(np.r_[True, self.T[1:] != self.T[:-1]]) if n else np.zeros(0, dtype=np.intp)
        self.groups = len(starts)
        deaths = self.deaths = np.flatnonzero(self.E)
        group_of_death = np.searchsorted(starts, deaths, side="right") - 1
        # a time's deaths are its last rows (sorted by event); the death times are the times with one
        self.event_groups, first_death, tied = np.unique(group_of_death, return_index=True, return_counts=True)
        self.event_of_death = np.repeat(np.arange(len(self.event_groups)), tied)
        self.fraction = (np.arange(len(deaths)) - first_death[self.event_of_death]) / tied[self.event_of_death]
        self.first_death = first_death
        cuts = np.unique(np.searchsorted(starts, np.arange(0, n, chunk), side="left"))
        cuts = cuts[cuts < len(starts)]  # each chunk the whole distinct times from a cut to the next
        self.chunks: list[tuple[Any, ...]] = []
        for g, h in zip(cuts.tolist(), [*cuts[1:].tolist(), len(starts)], strict=True):
            a, b = int(starts[g]), int(starts[h]) if h < len(starts) else n
            e, f = (int(i) for i in np.searchsorted(self.event_groups, [g, h]))
            death_starts = deaths[first_death[e:f]] - a
            # segments: each time's censored rows, then its deaths (either may be empty, not both)
            bounds = np.union1d(starts[g:h] - a, death_starts)
            lengths = np.diff(np.r_[bounds, b - a])
            group_of_segment = g + np.searchsorted(starts[g:h] - a, bounds, side="right") - 1
            death_segments = np.searchsorted(bounds, death_starts)
            time_segments = np.searchsorted(bounds, starts[g:h] - a)
            self.chunks.append((a, b, g, h, e, f, bounds, lengths, group_of_segment, death_segments, time_segments))
        self.normal: Any = None

    def normalise(self) -> tuple[Any, Any]:
        """Each covariate's mean and standard deviation (n - 1), as lifelines normalises the design, and the
        normalised design kept (one copy of the covariates, row-major, for the passes)."""
        import numpy as np

        self.variance = column_variances(self.X)
        mean, std = self.X.sum(0) / self.n, np.sqrt(self.variance)
        self.normal = np.empty(self.X.shape)
        for a, b, *_ in self.chunks:
            self.normal[a:b] = (self.X[a:b] - mean) / std
        self.x_deaths = self.normal[self.deaths].sum(0)
        return mean, std

    def separated(self) -> bool:
        """Whether a covariate (normalised) has a variance below 1e-4 among the deaths or among the censored
        rows but not overall: lifelines' test of complete separation (a group never promoted, or always)."""
        import numpy as np

        total = np.zeros(self.X.shape[1])
        squares, squares_deaths = np.zeros_like(total), np.zeros_like(total)
        for a, b, *_ in self.chunks:
            x = self.normal[a:b]
            total += x.sum(0)
            squares += (x * x).sum(0)
            dead = self.E[a:b]
            squares_deaths += (x[dead] ** 2).sum(0)
        deaths, censored = len(self.deaths), self.n - len(self.deaths)

        def variance(n: int, sums: Any, sums_of_squares: Any) -> Any:
            return (sums_of_squares - sums * sums / n) / (n - 1) if n > 1 else np.full(len(sums), np.nan)

        with np.errstate(invalid="ignore", divide="ignore"):
            low = [
                variance(n, sums, sums_of_squares) < 1e-4
                for n, sums, sums_of_squares in (
                    (self.n, total, squares),
                    (deaths, self.x_deaths, squares_deaths),
                    (censored, total - self.x_deaths, squares - squares_deaths),
                )
            ]
        return bool(((low[1] | low[2]) & ~low[0]).any())

    def derivatives(self, beta: Any) -> tuple[Any, Any, float]:
        """Hessian, gradient and log partial likelihood (Efron ties) at `beta` of the normalised design."""
        import numpy as np

        d, events = len(beta), len(self.event_groups)
        s0, s1 = np.empty(self.groups), np.empty((self.groups, d))
        d0, d1 = np.empty(events), np.empty((events, d))
        scores = np.empty(self.n)
        for a, b, g, h, e, f, bounds, _, _, death_segments, time_segments in self.chunks:
            x = self.normal[a:b]
            w = scores[a:b] = np.exp(x @ beta)
            seg0, seg1 = np.add.reduceat(w, bounds), np.add.reduceat(x * w[:, None], bounds, axis=0)
            s0[g:h], s1[g:h] = np.add.reduceat(seg0, time_segments), np.add.reduceat(seg1, time_segments, axis=0)
            d0[e:f], d1[e:f] = seg0[death_segments], seg1[death_segments]
        # risk sets: every time at or after each death time
        s0 = np.cumsum(s0[::-1])[::-1][self.event_groups]
        s1 = np.cumsum(s1[::-1], axis=0)[::-1][self.event_groups]
        at = self.event_of_death
        phi = s0[at] - self.fraction * d0[at]
        inverse = 1.0 / phi
        square = inverse * inverse
        a_sum, b_sum, c_sum, g_sum, f_sum = (
            np.add.reduceat(v, self.first_death)
            for v in (inverse, self.fraction * inverse, square, self.fraction * square, self.fraction**2 * square)
        )
        log_lik = float(self.x_deaths @ beta + np.log(inverse).sum())
        gradient = self.x_deaths - (a_sum @ s1 - b_sum @ d1)
        cross = (s1.T * g_sum) @ d1
        hessian = (s1.T * c_sum) @ s1 - cross - cross.T + (d1.T * f_sum) @ d1
        # c: A summed over the death times at or before each distinct time
        c = np.zeros(self.groups)
        c[self.event_groups] = a_sum
        c = np.cumsum(c)
        for a, b, _, _, e, f, _, lengths, group_of_segment, death_segments, _ in self.chunks:
            k = c[group_of_segment]
            k[death_segments] -= b_sum[e:f]
            root = self.normal[a:b] * np.sqrt(scores[a:b] * np.repeat(k, lengths))[:, None]
            hessian -= root.T @ root  # X' diag(w k) X, one symmetric product (BLAS syrk)
        return hessian, gradient, log_lik


def newton_raphson(rows: EfronRows) -> tuple[Any, Any]:
    """lifelines' `_newton_raphson_for_efron_model` (start 0, step 0.95, precision 1e-7, r_precision 1e-9,
    500 steps) on the normalised design: the coefficients and the Hessian at them. Where lifelines would
    warn of a doubtful fit or stop with an error: NearSeparation."""
    import numpy as np
    from scipy.linalg import LinAlgError, norm
    from scipy.linalg import solve as spsolve

    beta = np.zeros(rows.X.shape[1])
    sizer = StepSizer(0.95)
    step_size = sizer.step_size
    delta = np.zeros_like(beta)
    converging, success = True, False
    ll_, previous_ll_ = 0.0, 0.0
    hessian = np.zeros((len(beta), len(beta)))
    norm_delta = 0.0
    i = 0
    while converging:
        beta += step_size * delta
        i += 1
        h, g, ll_ = rows.derivatives(beta)
        try:
            inv_h_dot_g_T = spsolve(-h, g, assume_a="pos", check_finite=False)
        except (ValueError, LinAlgError) as error:
            raise NearSeparation from error
        delta = inv_h_dot_g_T
        if np.any(np.isnan(delta)):
            raise NearSeparation
        hessian = h
        norm_delta = norm(delta) if delta.size > 0 else 0
        newton_decrement = g.dot(inv_h_dot_g_T) / 2
        # lifelines' tests, in its order: a small step, a small relative change of the log-likelihood (R's test),
        # a small Newton decrement; else too many steps or too small a step size; else near-separation
        relative_change = previous_ll_ != 0 and abs(ll_ - previous_ll_) / (-previous_ll_) < 1e-09
        if norm_delta < 1e-07 or relative_change or newton_decrement < 1e-07:
            converging, success = False, True
        elif i >= 500 or step_size <= 0.00001 or (abs(ll_) < 0.0001 and norm_delta > 1.0):
            converging, success = False, False
        previous_ll_ = ll_
        step_size = sizer.update(norm_delta)
    if not success or norm_delta > 0.1:  # lifelines warns: separation, collinearity, or no convergence
        raise NearSeparation
    return beta, hessian


def low_variance_warning(rows: EfronRows, names: Sequence[str]) -> None:
    """lifelines' check_low_var of the design before the fit (a covariate of variance below 1e-4)."""
    low = [name for name, v in zip(names, rows.variance, strict=True) if v < 1e-4]
    if low:
        warnings.warn(
            f"Column(s) {low} have very low variance. This may harm convergence. 1) Are you using formula's? Did you"
            " mean to add '-1' to the end. 2) Try dropping this redundant column before fitting if convergence"
            " fails.\n",
            ConvergenceWarning,
            stacklevel=2,
        )


class ConvergenceWarning(RuntimeWarning):
    """lifelines' warning of a covariate of low variance (shown to users, the fit stands)."""


def column_variances(values: Any, mask: Any = None, chunk: int = EFRON_CHUNK) -> Any:
    """Each column's variance (n - 1) of `values` (its rows where `mask`), as pandas' var computes it, a chunk
    of rows at a time (no copy of the whole)."""
    import numpy as np

    def parts() -> Iterator[Any]:
        for a in range(0, len(values), chunk):
            yield values[a : a + chunk] if mask is None else values[a : a + chunk][mask[a : a + chunk]]

    n = len(values) if mask is None else int(np.count_nonzero(mask))
    if n < 2:
        return np.full(values.shape[1], np.nan)
    mean = sum((part.sum(0) for part in parts()), np.zeros(values.shape[1])) / n
    return sum((((mean - part) ** 2).sum(0) for part in parts()), np.zeros(values.shape[1])) / (n - 1)


def efron_cox(design: pd.DataFrame, chunk: int = EFRON_CHUNK) -> dict[str, Any]:
    """Cox proportional hazards (Efron ties) of a design made by `cox_design` (years, promoted, covariates), as
    lifelines' CoxPHFitter fits it: coefficients, standard errors, partial hazards of the rows. NearSeparation
    where lifelines would warn of separation or not converging, or stop."""
    import numpy as np
    from scipy.linalg import LinAlgError, inv

    values = design.to_numpy(dtype=float)
    times, events = values[:, 0], values[:, 1]
    if not ((times[1:] > times[:-1]) | ((times[1:] == times[:-1]) & (events[1:] >= events[:-1]))).all():
        values = values[np.lexsort((events, times))]  # lifelines sorts by duration, then event (stable)
    names = [str(c) for c in design.columns[2:]]
    rows = EfronRows(values, chunk)
    mean, std = rows.normalise()
    low_variance_warning(rows, names)
    if rows.separated():
        raise NearSeparation
    beta, hessian = newton_raphson(rows)
    rows.normal = None  # the normalised copy, no longer needed
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            variance = -inv(hessian) / np.outer(std, std)
        except (ValueError, LinAlgError) as error:
            raise NearSeparation from error
    if caught:  # scipy's ill-conditioned matrix (its rcond in the message): lifelines' own figures
        raise NearSeparation
    params = beta / std
    se = np.sqrt(variance.diagonal())
    with np.errstate(all="ignore"):  # lifelines predicts the partial hazards with warnings off
        hazards = np.concatenate([np.exp((rows.X[a:b] - mean) @ params) for a, b, *_ in rows.chunks] or [[]])
    return {"names": names, "params": params, "se": se, "hazards": hazards, "T": rows.T, "E": rows.E}


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


def time_to_promotion(
    runs: pd.DataFrame, by: Sequence[str], covariates: Sequence[str], *, min_cell: int
) -> dict[str, Any]:
    """Curves, log-rank test and Cox model of rank spells grouped by the dimensions `by`."""
    # only the columns used: the group is added to a copy, a million rank spells' other attributes are not copied
    columns = ["start", "years", "promoted", *source_columns(by), *covariates]
    frame = add_group(runs[list(dict.fromkeys(columns))], by, on="start")
    groups = km_curves(frame, min_cell=min_cell)
    shown = [g["group"] for g in groups if not g["suppressed"]]
    kept = frame[frame["group"].isin(shown)]
    del frame
    tested = logrank(kept) if len(kept) else None
    adjust = [c for c in covariates if c not in by]
    cox = None
    if len(shown) >= 2:
        sizes = {g["group"]: g["n"] for g in groups}
        largest = max(shown, key=lambda g: sizes[g])
        design = cox_design(kept, adjust, reference_group=largest)
        del kept  # not held through the fit, which makes its own copies of the design
        cox = cox_fit(design, adjust, largest)
    return {"groups": groups, "logrank": tested, "cox": cox}


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
    people, _ = pd.factorize(pd.concat([runs["subject"], training["subject"]], ignore_index=True))
    days, dates = pd.factorize(
        pd.concat([runs["start"], runs["stop"], training["start_date"]], ignore_index=True), sort=True
    )
    n = len(runs)
    width = len(dates) + 1
    # (employee, day) as one sortable number; days are ISO dates, in the order of their strings as before
    keys = people[n:].astype(np.int64) * width + days[2 * n :]
    order = np.argsort(keys, kind="stable")
    hours = training["hours"].to_numpy()[order]
    missing = pd.isna(hours)
    sums = np.concatenate([[0], np.cumsum(np.where(missing, 0, hours))])
    first = np.searchsorted(keys[order], people[:n].astype(np.int64) * width + days[:n], side="left")
    last = np.searchsorted(keys[order], people[:n].astype(np.int64) * width + days[n : 2 * n], side="left")
    inside = np.where(last > first, sums[last] - sums[first], 0)
    return pd.Series(inside, index=runs.index) / runs["years"].clip(lower=1.0)

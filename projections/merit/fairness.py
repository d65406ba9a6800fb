"""Selection rates of promotion rounds across groups: the four-fifths rule and its tests.

The pool of a round is the `promotion_rounds` rows of that round date: everyone eligible for a
regular promotion on it, plus anyone promoted on it (an out-of-rule promotion still took a
place); the rounds after today are in no pool (the view judges them already: rule merit.rounds_reach). Counts are
pooled over the rounds of the period (`count` round, the default: a person eligible in three rounds is
three trials); the Cochran-Mantel-Haenszel test, stratified by round, is reported beside the
pooled tests so that rounds of different sizes and rates cannot create a gap on their own. Counted by person
(`count` person), each person of the period's pools is counted once, in the group of their first eligible round.
Formulas and the worked example: docs/fairness.md and the reference fairness-methods.md.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from careerlog.domain.employee import START_AFTER_END
from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.reference import Rules, rules
from projections.framework import frozen_heap
from projections.merit.groups import (
    SEPARATOR,
    UNKNOWN,
    add_group,
    dimensions,
    in_natural_order,
    p_value,
    rounded,
    rounded_apart,
    source_columns,
)
from projections.merit.queries import BEFORE_FROM as BEFORE_FROM  # (web.api.audit_schemas reads it here)
from projections.merit.queries import period as checked_period
from projections.merit.queries import streamed
from projections.merit.retirement import RULE as RETIREMENT_RULE
from projections.merit.retirement import expected_retirement, youngest_retirement_age
from projections.merit.survival import (
    ATTRIBUTES,
    CLUSTERED_MAX_ROWS,
    entered_at,
    memory_given_back,
    rank_spells,
    time_to_promotion_each,
    training_per_year,
)
from projections.reading import FROM_IN_THE_FUTURE, ViewReader, plain_day
from projections.training import BETWEEN, UNKNOWN_FILTER_OF, filter_clauses, where_sql, whole_number

if TYPE_CHECKING:  # numpy, pandas, scipy and statsmodels are imported where used: every CLI process imports this
    import pandas as pd

# The libraries the statistics import where used (they are not imported with this module, which every CLI process
# imports), with the modules of theirs the queries reach: some 1.5-2.5 s of CPU to import, more than a first
# answer at a few thousand employees takes to compute (`import_statistics`).
STATISTICS_LIBRARIES = (
    "numpy",
    "pandas",
    "scipy.stats",
    "statsmodels.stats.contingency_tables",
    "statsmodels.stats.multitest",
    "statsmodels.stats.proportion",
    "lifelines",
    "lifelines.statistics",
    "lifelines.fitters.coxph_fitter",
)
# Rule fairness.adverse_impact (careerlog/reference/rules.toml) sets the four-fifths threshold, the significance level
# and the smallest group compared (`AdverseImpact.on`); these are its bundled values, used where no version of it is in
# force (a rules file without it, or a round before its first version)
RULE = "fairness.adverse_impact"
FOUR_FIFTHS = 0.8
ALPHA = 0.05
DEFAULT_MIN_CELL = 5
MAX_MIN_CELL = 1_000_000  # groups of more are beyond any civil service: a bigger number is a mistake
CORRECTION = "holm"
SCOPE_FILTERS = ("agency", "region", "unit")
POOL_TABLE = "promotion_rounds"
# Time to promotion follows the rank spells of PNS (CPNS included) only: PPPK hold contract grades (I-XVII, Perpres
# 98/2020) and are never promoted in rank, so their spells never end in a promotion and would count as waiting.
# The reference's question is of those eligible for promotion (fairness-methods.md), as the selection rates' pool is
# (a PPPK is never eligible for a 101: projections.merit.audit.eligible_101).
PROMOTED_IN_RANK = "PNS"
# Why an answer has no test (time to promotion: no log-rank test nor Cox model; selection rates: no impact ratio
# against another group, no test): fewer than two groups shown (a grouping by employment kind has one, PNS; a scope or
# period may leave one, or every group under min_cell). `untested`.
FEWER_THAN_TWO_GROUPS = "fewer_than_two_groups"
# ... or two groups or more are shown and nobody in them was promoted (a period, scope or grouping with no promotion):
# there is no rate to compare (an impact ratio of 0 / 0), and a log-rank test of no event says nothing (chi2 0, p 1)
NOBODY_PROMOTED = "nobody_promoted"
# ... or (the selection rates) no promotion round falls in the period: no pool, so no group to compare (until
# 2026-12-07 said `fewer_than_two_groups`, as if the groups were too few or too small)
NO_ROUND = "no_round"
# How the selection rates count the pool (`count`): `round`, a person once per round they were in its pool (a person
# eligible in five rounds is five trials); `person`, each person once over the period's rounds (fairness-methods.md's
# "among the people who were eligible ... in a period"), in the group of their first eligible round of it
ROUND = "round"
PERSON = "person"
COUNTS = (ROUND, PERSON)
# The refusals of a fairness request (careerlog.domain.wording)
NOT_A_DAY = Refusal("Must be a date as YYYY-MM-DD, got {value}.")
NOT_A_COUNT = Refusal("Unknown count {count}; one of {known}.", quotes=("count",))


@dataclass(frozen=True)
class AdverseImpact:
    """The params of rule fairness.adverse_impact an answer is judged by: a ratio under `threshold` is adverse impact,
    an adjusted p at most `alpha` significant, a group of fewer than `min_cell` not compared (the default of the
    query's min_cell); `rule_from`, the first day of the version read (None: no version in force, the bundled
    values)."""

    threshold: float = FOUR_FIFTHS
    alpha: float = ALPHA
    min_cell: int = DEFAULT_MIN_CELL
    rule_from: str | None = None

    @classmethod
    def on(cls, day: date, book: Rules | None = None) -> AdverseImpact:
        """The params of the version in force on `day` (a pool's last round: `FairnessQueries.fairness`)."""
        rule = (rules() if book is None else book).in_force(RULE, day)
        if rule is None:
            return cls()
        params = rule.params
        return cls(
            float(params.get("threshold", FOUR_FIFTHS)),
            float(params.get("alpha", ALPHA)),
            int(params.get("min_cell", DEFAULT_MIN_CELL)),
            rule.valid_from.isoformat(),
        )


def import_statistics() -> None:
    """Import the statistics libraries (`STATISTICS_LIBRARIES`) ahead of the first query that needs them.

    The web server does it once, before it forks its workers (web.cli.serve): otherwise each worker's first
    fairness, time-to-promotion or scorecard answer paid for the imports, its reader waiting seconds more."""
    for name in STATISTICS_LIBRARIES:
        importlib.import_module(name)


@dataclass(frozen=True)
class Comparison:
    """A focal group (S, N) against the reference group with the highest rate (S_ref, N_ref)."""

    impact_ratio: float
    ir_low: float | None
    ir_high: float | None
    z: float | None
    p_z: float | None
    p_fisher: float
    shortfall: float


def compare(
    promoted: int, pool: int, ref_promoted: int, ref_pool: int, *, detail: bool = True, alpha: float = ALPHA
) -> Comparison:
    """Impact ratio with its interval at the level 1 - `alpha` (`interval_level`: 95% at the bundled 0.05),
    two-proportion z (pooled), Fisher exact p and shortfall.

    z is positive when the focal group's rate is below the reference's. The interval is the reference's log method,
    unless a group was all promoted (a cell of zero: `score_interval`). It needs a promotion in both groups (the
    log method has no finite bound otherwise) and someone left unpromoted in one of them: with everyone of both
    promoted it would be [1, 1], claiming the ratio exact (no interval then, as no z when the pooled variance is 0).
    Without `detail` the interval and z are not computed (None): the ratio, Fisher p and shortfall are the same.
    """
    import numpy as np
    from scipy.stats import fisher_exact
    from statsmodels.stats.contingency_tables import Table2x2
    from statsmodels.stats.proportion import proportions_ztest

    rate, ref_rate = promoted / pool, ref_promoted / ref_pool
    low = high = None
    if detail and promoted and ref_promoted and (promoted, ref_promoted) != (pool, ref_pool):
        if promoted == pool or ref_promoted == ref_pool:
            low, high = score_interval(promoted, pool, ref_promoted, ref_pool, alpha)
        else:
            table = Table2x2(np.array([[promoted, pool - promoted], [ref_promoted, ref_pool - ref_promoted]]))
            low, high = (float(b) for b in table.riskratio_confint(alpha=alpha))
    z = p_z = None
    both = promoted + ref_promoted
    if detail and 0 < both < pool + ref_pool:  # the pooled variance is zero when all or none were promoted
        z, p_z = (float(v) for v in proportions_ztest([ref_promoted, promoted], [ref_pool, pool]))
    fisher = fisher_exact([[ref_promoted, ref_pool - ref_promoted], [promoted, pool - promoted]])
    pooled = both / (pool + ref_pool)
    return Comparison(
        impact_ratio=rate / ref_rate,
        ir_low=low,
        ir_high=high,
        z=z,
        p_z=p_z,
        p_fisher=float(fisher.pvalue),
        shortfall=pool * pooled - promoted,
    )


def score_interval(
    promoted: int, pool: int, ref_promoted: int, ref_pool: int, alpha: float = ALPHA
) -> tuple[float | None, float | None]:
    """The Miettinen-Nurminen score interval of the impact ratio at the level 1 - `alpha`: the ratios that
    statsmodels' score test of the ratio of two proportions (`test_proportions_2indep`, method "score", with its
    variance correction N / (N - 1)) does not reject at `alpha`, found by root finding on either side of the ratio.

    For a comparison with a group all promoted (a reference promoted every time: a cell of zero), where the log
    method's variance leaves that group out (1/S - 1/N is 0), as though its rate of 1 were known exactly: 20 of 20
    against 281 of 306 gave [0.888, 0.950], wholly below 1, beside a Fisher p of 0.38. The score interval stays
    valid with a zero cell, and excludes 1 exactly when the score test of a ratio of 1 rejects, which is the
    Mantel-Haenszel chi-square of the pooled counts (the CMH test of them as one stratum). statsmodels' own
    inversion (`confint_proportions_2indep`, method "score") fails there (a complex root, a lower bound above the
    ratio). (None, None) where the test gives no finite p (no interval rather than a wrong one)."""
    import warnings

    import numpy as np
    from scipy.optimize import brentq
    from statsmodels.stats.proportion import test_proportions_2indep

    ratio = (promoted / pool) / (ref_promoted / ref_pool)

    def beyond(value: float) -> float:  # below 0 where the score test rejects a ratio of `value` at alpha
        p = test_proportions_2indep(
            promoted, pool, ref_promoted, ref_pool, value=value, method="score", compare="ratio", correction=True
        ).pvalue
        return float(p) - alpha

    def bound(factor: float) -> float | None:
        """The bound on the side of `factor` (1/2: below the ratio, 2: above it): a bracket found by halving or
        doubling the ratio, then its root."""
        inner = outer = ratio
        for _ in range(64):
            inner, outer = outer, outer * factor
            if not np.isfinite(away := beyond(outer)):
                return None
            if away < 0:
                return float(brentq(beyond, outer, inner, xtol=1e-12, rtol=1e-10))
        return None

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        if not np.isfinite(beyond(ratio)) or beyond(ratio) < 0:
            return None, None
        low, high = bound(0.5), bound(2.0)
    return (low, high) if low is not None and high is not None else (None, None)


def interval_level(alpha: float) -> float:
    """The level of the impact ratio's interval judged at `alpha`: 1 - alpha (0.99 at an alpha of 0.01), the
    interval whose bounds are those of a two-sided test at that level (fairness-methods.md: 1.96 at 5%)."""
    return round(1 - alpha, 12)


def mantel_haenszel(rounds: pd.DataFrame, group: str, reference: str) -> tuple[float | None, float | None]:
    """CMH test of the group against the reference, stratified by round: (pooled odds ratio, p).

    Only rounds in which both groups had someone eligible are informative strata.
    """
    import numpy as np
    from scipy.stats import chi2
    from statsmodels.stats.contingency_tables import StratifiedTable

    pair = rounds[rounds["group"].isin([group, reference])]
    wide = pair.pivot(index="round_date", columns="group", values=["pool", "promoted"]).dropna()
    if group not in wide["pool"].columns or reference not in wide["pool"].columns:
        return None, None
    s, n = wide["promoted"][group].to_numpy(dtype=float), wide["pool"][group].to_numpy(dtype=float)
    rs, rn = wide["promoted"][reference].to_numpy(dtype=float), wide["pool"][reference].to_numpy(dtype=float)
    tables = np.array([[s, n - s], [rs, rn - rs]])  # 2 x 2 x rounds
    # a round in which nobody (or everybody) of the two groups was promoted carries no information
    informative = (s + rs > 0) & (s + rs < n + rn)
    if not informative.any():
        return None, None
    stratified = StratifiedTable(tables[:, :, informative])
    # the pooled odds ratio is sum(ad/n) / sum(bc/n): with bc = 0 in every informative round (everyone of the group
    # promoted, or nobody of the reference) it is infinite, which no JSON number holds: None, the p still told
    with np.errstate(divide="ignore"):
        pooled = float(stratified.oddsratio_pooled)
    odds = pooled if np.isfinite(pooled) else None
    # statsmodels' own p is 1 - chi2.cdf, 0.0 below about 1e-16: the same statistic's upper tail keeps it
    statistic = stratified.test_null_odds(correction=False).statistic
    return odds, float(chi2.sf(statistic, 1))


def holm(p_values: list[float], alpha: float = ALPHA) -> tuple[list[bool], list[float]]:
    """Rejections at `alpha` and Holm-adjusted p-values; one p-value is its own adjustment.

    statsmodels' holm runs a full gc.collect() on every call, which walks every object of the process
    (0.15 s in a web worker holding the app, pandas and matplotlib: 218,000 objects; a scorecard calls it
    some 20 times). The objects alive before the call are left out of that collection (gc.freeze) and put
    back after it, so every caller (fairness API and page, scorecard, CLI) pays only for the call's own.
    """
    if len(p_values) == 1:
        return [p_values[0] <= alpha], [p_values[0]]
    from statsmodels.stats.multitest import multipletests

    # The freeze is process-wide and gunicorn's threads share it: another thread's freeze or unfreeze (another
    # fairness answer, a rebuild's) may land between the two, and then a collection walks more objects, or a
    # frozen one waits for the next unfreeze to be collected. That costs time only: which objects a collection
    # walks never changes a live object, and multipletests' answer does not depend on the collector.
    with frozen_heap():
        reject, adjusted, _, _ = multipletests(p_values, alpha=alpha, method=CORRECTION)
    return [bool(r) for r in reject], [float(a) for a in adjusted]


def selection_rates(
    rounds: pd.DataFrame,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    detail: bool = True,
    threshold: float = FOUR_FIFTHS,
    alpha: float = ALPHA,
    stratified: bool = True,
) -> dict[str, Any]:
    """Selection statistics per group from per-round counts.

    `rounds` has one row per (round_date, group) with `pool`, `promoted` and `out_of_rule`
    (promoted without being eligible). Groups with a pool below `min_cell` are flagged
    `suppressed`: their counts are shown, no rate or test is computed and they cannot be the
    reference. The Fisher p-values of all comparisons are Holm-adjusted as one family, significant at `alpha`; a
    ratio under `threshold` is adverse impact (rule fairness.adverse_impact: `AdverseImpact`).

    Without `detail` (the scorecard's impact indicators) the interval of the impact ratio, z and the
    Cochran-Mantel-Haenszel test are left out (None); every other field is computed by the same
    code as with it, so the rates, ratios, Fisher and Holm answers are the same. Not `stratified` (the counts by
    person, a row per group and first round), no Cochran-Mantel-Haenszel test either: a person is in one stratum.
    """
    totals = rounds.groupby("group", sort=True)[["pool", "promoted", "out_of_rule"]].sum()
    totals["rate"] = totals["promoted"] / totals["pool"]
    shown = totals[totals["pool"] >= min_cell]
    # the reference: the highest rate; of groups tied at it, the largest pool (the most precise rate, which every
    # other group is tested against), then the first by name; never the first by name alone (idxmax)
    leading = shown.sort_values(["rate", "pool"], ascending=[False, False], kind="stable")
    reference = None if shown.empty else str(leading.index[0])
    items: dict[str, dict[str, Any]] = {}
    for group, row in totals.iterrows():  # one row per group, not per person
        pool, promoted = int(row["pool"]), int(row["promoted"])
        item: dict[str, Any] = {
            "group": group,
            "eligible": pool,
            "promoted": promoted,
            "promoted_out_of_rule": int(row["out_of_rule"]),
            "suppressed": pool < min_cell,
            "reference": group == reference,
            "selection_rate": None,
            "impact_ratio": None,
            "impact_ratio_ci": None,
            "adverse_impact": None,
            "z": None,
            "p_z": None,
            "p_fisher": None,
            "p_fisher_adjusted": None,
            "significant": None,
            "shortfall": None,
            "mh_odds_ratio": None,
            "p_cmh": None,
        }
        if not item["suppressed"]:
            item["selection_rate"] = rounded(promoted / pool)
        items[str(group)] = item
    if reference is not None:
        ref_promoted, ref_pool = items[reference]["promoted"], items[reference]["eligible"]
        items[reference].update(impact_ratio=1.0, adverse_impact=False)
        for group in shown.index.drop(reference):
            item = items[str(group)]
            if ref_promoted == 0:  # nobody promoted anywhere: no ratio to speak of
                continue
            c = compare(item["promoted"], item["eligible"], ref_promoted, ref_pool, detail=detail, alpha=alpha)
            stratum = detail and stratified
            odds, p_cmh = mantel_haenszel(rounds, str(group), reference) if stratum else (None, None)
            item.update(
                impact_ratio=rounded_apart(c.impact_ratio, threshold),  # never shown on the other side of it
                impact_ratio_ci=None if c.ir_low is None else [rounded(c.ir_low), rounded(c.ir_high)],
                adverse_impact=c.impact_ratio < threshold,
                z=rounded(c.z),
                p_z=p_value(c.p_z),
                p_fisher=c.p_fisher,
                shortfall=rounded(c.shortfall, 2),
                mh_odds_ratio=rounded(odds),
                p_cmh=p_value(p_cmh),
            )
        tested = [i for i in items.values() if i["p_fisher"] is not None]
        if tested:
            reject, adjusted = holm([i["p_fisher"] for i in tested], alpha)
            for item, r, a in zip(tested, reject, adjusted, strict=True):
                adjusted_p = p_value(float(a))
                item.update(p_fisher=p_value(item["p_fisher"]), p_fisher_adjusted=adjusted_p, significant=bool(r))
    days = sorted(str(d)[:10] for d in rounds["round_date"].unique())
    return {
        "impact_ratio_ci_level": interval_level(alpha),  # the level of every group's impact_ratio_ci
        "reference": reference,
        "rounds": len(days),
        "first_round": days[0] if days else None,  # the period the pool is about, whatever the period asked for
        "last_round": days[-1] if days else None,
        "groups": sorted(items.values(), key=lambda i: (i["suppressed"], -(i["eligible"]), i["group"])),
    }


# The separator of the columns a person's first round gives their group by, put together in SQL (`people_sql`): the
# unit separator, a control character no code, name or date holds
KEY_SEPARATOR = "\x1f"


def people_sql(columns: Sequence[str], where: str, dialect: str) -> str:
    """The pools counted by person (`PERSON`), grouped in SQL: each person in the pool of some round of the period and
    scope (`where`) once, with `first_key`, the `columns` (the round date and the dimensions' columns) of their first
    round in which they were eligible (their first round in a pool when they never were: promoted out of rule) joined
    by KEY_SEPARATOR (their group: sex, agency, age on that day... may change from round to round), `promoted` when
    promoted in any round of the period, `out_of_rule` when never eligible in it; then counted per `first_key`. The
    round date leads the key, ten characters, so the least key is the earliest round. One pass of the pools grouped by
    subject (a join back to the pools for the group's columns took as long again: 10 against 5.8 s on PostgreSQL at
    1.75 million rows); no row per person reaches Python."""
    separator = "chr(31)" if dialect == "postgres" else "char(31)"
    key = f" || {separator} || ".join(c if c == "round_date" else f"COALESCE({c}, '')" for c in columns)
    return (
        "SELECT first_key, COUNT(*) AS pool, SUM(promoted) AS promoted, SUM(1 - eligible) AS out_of_rule FROM"
        f" (SELECT subject, COALESCE(MIN(CASE WHEN eligible = 1 THEN {key} END), MIN({key})) AS first_key,"
        " MAX(CASE WHEN promoted = 1 THEN 1 ELSE 0 END) AS promoted,"
        " MAX(CASE WHEN eligible = 1 THEN 1 ELSE 0 END) AS eligible"
        f" FROM {POOL_TABLE}{where} GROUP BY subject) people GROUP BY first_key"
    )


def untested(groups: Sequence[Mapping[str, Any]]) -> str | None:
    """Why an answer of these groups has no test: `FEWER_THAN_TWO_GROUPS` when fewer than two are shown (not
    suppressed), `NOBODY_PROMOTED` when nobody in those shown was promoted, else None. The selection rates and time
    to promotion alike (`counted_and_untested`)."""
    shown = [g for g in groups if not g["suppressed"]]
    if len(shown) < 2:
        return FEWER_THAN_TWO_GROUPS
    return None if any(g["promoted"] for g in shown) else NOBODY_PROMOTED


def counted_and_untested(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer of the selection rates or of time to promotion saying whom it counts and why it has no test:
    `employment_kinds` (PNS only: PPPK are never promoted in rank, `PROMOTED_IN_RANK`) before its groups, and why it
    has no test (`untested`) last, and last in each group too, so that a download of the groups' rows (the API's and
    the page's CSV, the workbook, `careerlog audit ... --format csv`) carries it on each row, as it carries
    `suppressed`."""
    groups = answer["groups"]
    why = NO_ROUND if answer.get("rounds") == 0 else untested(groups)
    found: dict[str, Any] = {}
    for key, value in answer.items():
        if key == "groups":
            found["employment_kinds"] = [PROMOTED_IN_RANK]
            value = [{**g, "untested": why} for g in groups]
        found[key] = value
    return {**found, "untested": why}


def with_tests_on_each_group(answer: dict[str, Any]) -> dict[str, Any]:
    """Time to promotion with its log-rank test and its Cox model on each group too, after `untested`, so that a
    download of the groups' rows carries them (until 2026-12-06 the CSV had neither): the answer's `logrank` (chi2,
    df, p: None when there is none) and the Cox model's reference group on every row, and each group's own term
    (`group: F`) against it, its hazard ratio, interval and p (None for the reference group, a group withheld or left
    out of the model, or no model). The adjustment terms (education, SKP, JP) stay in the answer's `cox`."""
    logrank = answer.get("logrank") or {}
    cox = answer.get("cox") or {}
    terms = {t["term"]: t for t in cox.get("terms", [])}
    found = []
    for group in answer["groups"]:
        term = terms.get(f"group: {group['group']}", {})
        found.append(
            {
                **group,
                "logrank_chi2": logrank.get("chi2"),
                "logrank_df": logrank.get("df"),
                "logrank_p": logrank.get("p"),
                "cox_reference_group": cox.get("reference_group"),
                "hazard_ratio": term.get("hazard_ratio"),
                "hazard_ratio_ci": term.get("ci"),
                "p_cox": term.get("p"),
            }
        )
    return {**answer, "groups": found}


def in_order(rates: dict[str, Any], by: Sequence[str]) -> dict[str, Any]:
    """`selection_rates` with its groups in the natural order of an ordinal grouping (age band, education:
    groups.in_natural_order), else as listed there: by pool, the largest first, small cells last."""
    return {**rates, "groups": in_natural_order(rates["groups"], by)}


def with_pool(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The groups with their pool named `pool`, last, beside `eligible`, which holds the same number (the whole pool:
    the eligible and those promoted though not eligible) and is kept, deprecated, for those who read it: the page's
    CSV and `careerlog audit fairness` give them so, as the API does (docs/fairness.md)."""
    return [{**group, "pool": group["eligible"]} for group in groups]


def iso_day(value: Any, name: str) -> str | None:
    """An ISO date from a date or a 'YYYY-MM-DD' string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return plain_day(str(value)).isoformat()  # YYYY-MM-DD alone, as the API reads it
    except ValueError:
        raise InvalidInput(NOT_A_DAY.reason(value=repr(value)), name) from None


def period(start: Any, end: Any) -> tuple[str | None, str | None]:
    """A checked period (`from`, `to`, both inclusive, either open): each a date or a 'YYYY-MM-DD' string."""
    return checked_period(start, end, iso_day)


def counted_by(value: Any) -> str:
    """A checked `count` (`COUNTS`); None or "" (not given) is `round`, the pool as it has always been counted."""
    if value is None or value == "":
        return ROUND
    if value not in COUNTS:
        raise InvalidInput(NOT_A_COUNT.reason(count=repr(value), known=", ".join(COUNTS)), "count")
    return str(value)


def min_cell_size(value: Any) -> int | None:
    """A checked min_cell; None (not given) stays None: rule fairness.adverse_impact's (`AdverseImpact`)."""
    if value is None:
        return None
    number = whole_number(value, "min_cell")
    if not 1 <= number <= MAX_MIN_CELL:
        raise InvalidInput(BETWEEN.reason(low=1, high=MAX_MIN_CELL, number=number), "min_cell")
    return number


@dataclass(frozen=True)
class Request:
    """Checked arguments of a fairness or time-to-promotion query."""

    by: list[str]
    start: str | None
    end: str | None
    scope: dict[str, Any]
    min_cell: int | None  # None: not given, the rule's (`AdverseImpact.min_cell`)

    @classmethod
    def checked(cls, by: Any, start: Any, end: Any, scope: Mapping[str, Any] | None, min_cell: Any) -> Request:
        unknown = [name for name in scope or {} if name not in SCOPE_FILTERS]
        if unknown:
            raise InvalidInput(UNKNOWN_FILTER_OF.reason(known=", ".join(SCOPE_FILTERS)), unknown[0])
        first, last = period(start, end)
        given = {k: v for k, v in (scope or {}).items() if v not in (None, "")}
        return cls(dimensions(by), first, last, given, min_cell_size(min_cell))

    def header(self, rule: AdverseImpact) -> dict[str, Any]:
        """The query as answered: its min_cell, else the rule's."""
        return {
            "by": self.by,
            "period": {"from": self.start, "to": self.end},
            "scope": self.scope,
            "min_cell": self.smallest(rule),
        }

    def smallest(self, rule: AdverseImpact) -> int:
        """The smallest group compared: the min_cell given, else the rule's."""
        return rule.min_cell if self.min_cell is None else self.min_cell


class FairnessQueries(ViewReader):
    """Fairness and time-to-promotion statistics as plain, JSON-ready data."""

    def pool_counts(
        self,
        by: Sequence[str],
        start: str | None,
        end: str | None,
        scope: Mapping[str, Any] | None,
        count: str = ROUND,
    ) -> pd.DataFrame:
        """Per round and group: pool, promoted and out-of-rule promotions (aggregated in SQL), of the rounds up to
        `end` and today at the latest (`rounds_until`). Counted by `person` (`count`), each person in the pool of
        some round of the period once, at the round that gives their group (`people_sql`): their pool, whether they
        were promoted in the period, and whether they were never eligible in it (promoted out of rule alone)."""
        columns = ["round_date", *source_columns(by)]
        clauses, params = self.pool_clauses(start, end, scope)
        keys = ", ".join(columns)
        import pandas as pd

        counted = ["pool", "promoted", "out_of_rule"]
        if count == PERSON:
            rows = self.store.query(people_sql(columns, where_sql(clauses), self.store.dialect), params)
            found = pd.DataFrame([dict(r) for r in rows], columns=["first_key", *counted])
            # the first round's columns, as put together (a missing value is "": its group `unknown`, as None's)
            parts = found["first_key"].astype(str).str.split(KEY_SEPARATOR, n=len(columns) - 1, expand=True)
            frame = pd.DataFrame(
                {c: parts[i] if i in parts.columns else None for i, c in enumerate(columns)}, index=found.index
            )
            frame[counted] = found[counted]
        else:
            rows = self.store.query(
                f"SELECT {keys}, COUNT(*) AS pool, SUM(promoted) AS promoted,"
                " SUM(CASE WHEN eligible = 1 THEN 0 ELSE 1 END) AS out_of_rule"
                f" FROM {POOL_TABLE}{where_sql(clauses)} GROUP BY {keys}",
                params,
            )
            frame = pd.DataFrame([dict(r) for r in rows], columns=[*columns, *counted])
        frame[counted] = frame[counted].astype("int64")
        frame = add_group(frame, by, on="round_date")
        return frame.groupby(["round_date", "group"], as_index=False)[counted].sum()

    def people_in_groups(
        self, by: Sequence[str], start: str | None, end: str | None, scope: Mapping[str, Any] | None
    ) -> dict[str, int]:
        """The distinct people in each group's pool in any round of the period and scope: a person in two groups'
        pools (moved region, gained a degree between rounds) counts in both, so that no group with a pool counts
        none (`pool_counts` by `PERSON` puts each person in the group of one round alone). Counted in SQL by the
        groups' labels (`group_labels`: `unknown` where missing or ""); by age band, which a round's date gives, by
        person and round in Python."""
        clauses, params = self.pool_clauses(start, end, scope)
        import pandas as pd

        if "age_band" in by:
            columns = ["subject", "round_date", *source_columns(by)]
            rows = self.store.query(
                f"SELECT DISTINCT {', '.join(columns)} FROM {POOL_TABLE}{where_sql(clauses)}", params
            )
            frame = add_group(pd.DataFrame([dict(r) for r in rows], columns=columns), by, on="round_date")
            return {str(g): int(n) for g, n in frame.groupby("group")["subject"].nunique().items()}
        labels = [f"CASE WHEN COALESCE({d}, '') = '' THEN '{UNKNOWN}' ELSE {d} END AS {d}" for d in by]
        rows = self.store.query(
            f"SELECT {', '.join(labels)}, COUNT(DISTINCT subject) AS people FROM {POOL_TABLE}{where_sql(clauses)}"
            f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}",
            params,
        )
        return {SEPARATOR.join(str(r[d]) for d in by): int(r["people"]) for r in rows}

    def pool_clauses(
        self, start: str | None, end: str | None, scope: Mapping[str, Any] | None
    ) -> tuple[list[str], list[Any]]:
        """The WHERE clauses and params of the pools' rows: in a round's pool, of the period (its rounds up to today)
        and scope."""
        clauses, params = filter_clauses(scope, {f: f for f in SCOPE_FILTERS})
        clauses.insert(0, "(eligible = 1 OR promoted = 1)")
        if start:
            clauses.append("round_date >= ?")
            params.append(start)
        clauses.append("round_date <= ?")
        params.append(self.rounds_until(end))
        return clauses, params

    def rounds_counted(
        self, start: str | None, end: str | None, scope: Mapping[str, Any] | None
    ) -> tuple[int, str | None, str | None]:
        """How many rounds the pools of the period and scope hold, their first and last (`selection_rates`' `rounds`,
        `first_round`, `last_round`, which a count by person cannot take from its rows: one per person)."""
        clauses, params = self.pool_clauses(start, end, scope)
        rows = self.store.query(
            f"SELECT COUNT(DISTINCT round_date) AS n, MIN(round_date) AS first, MAX(round_date) AS last"
            f" FROM {POOL_TABLE}{where_sql(clauses)}",
            params,
        )
        row = dict(rows[0]) if rows else {"n": 0, "first": None, "last": None}
        first, last = (None if d is None else str(d)[:10] for d in (row["first"], row["last"]))
        return int(row["n"] or 0), first, last

    def rounds_until(self, end: str | None) -> str:
        """The last round day a pool reads: `end`, today at the latest. The merit view judges a record's rounds past
        its last fact (rule merit.rounds_reach, projections/merit/audit.py `rounds_end`), so the rows of the rounds
        after today are there, judged on the record as it stands; no pool holds them before their day."""
        today = self.today.isoformat()
        return today if end is None or end > today else end

    def fairness(
        self,
        by: str | Sequence[str] = ("sex",),
        *,
        start: Any = None,
        end: Any = None,
        scope: Mapping[str, Any] | None = None,
        min_cell: Any = None,
        detail: bool = True,
        count: Any = None,
    ) -> dict[str, Any]:
        """Selection rates per group (one dimension or an intersection of two) in a period and scope; without
        `detail`, no interval, z or CMH test (`selection_rates`) and no `past_retirement` caveat. The pools are of PNS
        only (a PPPK is never eligible for a 101): `employment_kinds`; `untested` says why nothing is compared.
        `count` (`COUNTS`): `round` (not given: the default), a person once per round; `person`, once in the period,
        in the group of their first eligible round (`people_sql`), with no CMH test (a person is in one round).

        The threshold, significance level and (`min_cell` not given) smallest group are rule fairness.adverse_impact's
        version in force on the pool's last round (the period's last day, today at the latest, when it has none): one
        pooled ratio has one threshold, and a pool spanning two versions is judged by the later (`rule_from`)."""
        ask = Request.checked(by, start, end, scope, min_cell)
        counting = counted_by(count)
        # no round after today is in a pool: a `from` after it is refused, as time to promotion's
        until = self.until(ask)
        counts = self.pool_counts(ask.by, ask.start, ask.end, scope, counting)
        by_round = counting == ROUND
        # (by person the rows' round is each person's first: the rounds counted are read apart)
        rounds = None if by_round else self.rounds_counted(ask.start, ask.end, scope)
        last = (str(counts["round_date"].max())[:10] if len(counts) else None) if rounds is None else rounds[2]
        rule = AdverseImpact.on(date.fromisoformat(last or until))
        caveat = {"past_retirement": self.past_retirement_in_pool(ask.start, ask.end, scope)} if detail else {}
        rates = selection_rates(
            counts,
            min_cell=ask.smallest(rule),
            detail=detail,
            threshold=rule.threshold,
            alpha=rule.alpha,
            stratified=by_round,
        )
        if rounds is not None:
            rates.update(zip(("rounds", "first_round", "last_round"), rounds, strict=True))
        answer = counted_and_untested(
            {
                **ask.header(rule),
                # the pools end today at the latest: a `to` after it is answered as today, as time to promotion's
                "period": {"from": ask.start, "to": until},
                "count": counting,
                "correction": CORRECTION,
                "threshold": rule.threshold,
                "four_fifths": rule.threshold,  # deprecated: named when it was always four fifths; as `threshold`
                "alpha": rule.alpha,
                "rule": RULE,
                "rule_from": rule.rule_from,
                **in_order(rates, ask.by),
                **caveat,
            }
        )
        # how the pool was counted on each group too, after `untested`, so that a download of the groups' rows says
        # it (a file counted by person is not read as one by round)
        answer["groups"] = [{**group, "count": counting} for group in answer["groups"]]
        # and the rounds and period counted, last, so that a download of the groups' rows says what they are about
        # (since 2026-12-06: the CSV said neither)
        period = answer["period"]
        about = {
            "rounds": answer["rounds"],
            "first_round": answer["first_round"],
            "last_round": answer["last_round"],
            "period_from": period["from"],
            "period_to": period["to"],
        }
        answer["groups"] = [{**group, **about} for group in answer["groups"]]
        return answer

    def past_retirement_in_pool(
        self, start: str | None, end: str | None, scope: Mapping[str, Any] | None, book: Rules | None = None
    ) -> dict[str, Any]:
        """How much of the pools (the rounds of the period and scope) is of records past their expected end of service
        with no separation recorded (the past-retirement worklist's, as of `today`: rule retirement.age by the post
        held now, unconfirmed): rounds after that day, eligible and not promoted, count as passed over though the
        employee may have left. Counted, never judged or taken out: `records`, their pool `rounds`, how many of those
        they were `promoted` in, the `rule` and its `rule_status` (None when the rule is not in force today)."""
        book = rules() if book is None else book
        today = self.today
        youngest = youngest_retirement_age(book, today)
        rule = book.in_force(RETIREMENT_RULE, today)
        found: dict[str, Any] = {"records": 0, "rounds": 0, "promoted": 0, "rule": RETIREMENT_RULE}
        found["rule_status"] = None if rule is None else rule.status
        if youngest is None:
            return found
        clauses, params = filter_clauses(scope, {f: f"r.{f}" for f in SCOPE_FILTERS})
        clauses[:0] = ["(r.eligible = 1 OR r.promoted = 1)", "o.employment_kind = 'PNS'", "o.separated_on IS NULL"]
        clauses.append("o.birth_date <= ?")  # (nobody younger has reached the youngest age: the worklist's bound)
        params.append((today + relativedelta(months=1) - relativedelta(years=youngest)).isoformat())
        for bound, clause in ((start, "r.round_date >= ?"), (self.rounds_until(end), "r.round_date <= ?")):
            if bound:
                clauses.append(clause)
                params.append(bound)
        rows = self.store.query(
            "SELECT r.subject, r.round_date, r.promoted, o.employment_kind, o.separated_on, o.birth_date, o.post_kind,"
            f" o.post_level, o.post_title, o.post_assignment FROM {POOL_TABLE} r JOIN roster o ON o.subject = r.subject"
            f"{where_sql(clauses)}",
            params,
        )
        ends: dict[str, str | None] = {}
        records: set[str] = set()
        for row in rows:
            subject = row["subject"]
            if subject not in ends:
                expected = expected_retirement(book, row, today)
                ends[subject] = expected["day"] if expected is not None and expected["past"] else None
            day = ends[subject]
            if day is not None and str(row["round_date"]) > day:
                records.add(subject)
                found["rounds"] += 1
                found["promoted"] += int(row["promoted"] or 0)
        found["records"] = len(records)
        return found

    def time_to_promotion(
        self,
        by: str | Sequence[str] = ("sex",),
        *,
        start: Any = None,
        end: Any = None,
        scope: Mapping[str, Any] | None = None,
        min_cell: Any = None,
    ) -> dict[str, Any]:
        """Kaplan-Meier per group, log-rank and Cox model of the PNS rank spells that began in the period (PPPK are
        never promoted in rank: `PROMOTED_IN_RANK`); `untested` says why there is no log-rank test or Cox model.

        Spells are censored at `end` (default today); the Cox model adjusts for education, the
        employee's SKP score of the two years before the rank began (`performance_before`, with an
        indicator of none) and JP per year in rank.
        """
        return self.time_to_promotion_by([by], start=start, end=end, scope=scope, min_cell=min_cell)[0]

    def time_to_promotion_by(
        self,
        bys: Sequence[str | Sequence[str]],
        *,
        start: Any = None,
        end: Any = None,
        scope: Mapping[str, Any] | None = None,
        min_cell: Any = None,
        jobs: int = 1,
    ) -> list[dict[str, Any]]:
        """`time_to_promotion` by each of several dimensions (or pairs), the rank spells read once; with `jobs`
        > 1, that many dimensions at a time in forked processes (the same answers). Without `min_cell`, the smallest
        group shown is rule fairness.adverse_impact's (in force on the period's last day, today at the latest), as the
        selection rates' is."""
        asks = [Request.checked(by, start, end, scope, min_cell) for by in bys]
        if not asks:
            return []
        ask = asks[0]
        # waiting is counted until the period's end or today, whichever comes first: not into the future
        until = self.until(ask)
        runs, covariates = self._rank_spells(ask, until)
        memory_given_back()  # what the reading freed, not held through the fits
        rule = AdverseImpact.on(date.fromisoformat(until))
        smallest = ask.smallest(rule)
        bys = [one.by for one in asks]
        # every interval (Kaplan-Meier, incidence, Cox) at 1 - alpha, as the impact ratio's (`interval_level`)
        found = time_to_promotion_each(runs, bys, covariates, min_cell=smallest, jobs=jobs, alpha=rule.alpha)
        # the rank spells in progress at the period's start, entered at their years in rank then (`entered_at`)
        late = int((runs["entry"] > 0).sum()) if "entry" in runs.columns else 0
        # (no log-rank test or Cox model exactly when fewer than two groups are shown: `untested`)
        return [
            with_tests_on_each_group(
                counted_and_untested(
                    {
                        **one.header(rule),
                        "period": {"from": one.start, "to": until},
                        "alpha": rule.alpha,
                        "ci_level": interval_level(rule.alpha),
                        "rule": RULE,
                        "rule_from": rule.rule_from,
                        "entered_late": late,
                        **answer,
                    }
                )
            )
            for one, answer in zip(asks, found, strict=True)
        ]

    def until(self, ask: Request) -> str:
        """The period's last day, today at the latest; a `from` after it (a period ending before it begins, its `to`
        defaulting to today) is refused, naming `from`."""
        today = self.today.isoformat()
        until = min(ask.end or "9999-12-31", today)
        if ask.start and ask.start > until:  # (a `to` from today on, or none: a day in the future)
            future = FROM_IN_THE_FUTURE.reason(start=ask.start, today=today) if until == today else None
            raise InvalidInput(future or START_AFTER_END.reason(start=ask.start, end=until), "from")
        return until

    def _rank_spells(self, ask: Request, until: str) -> tuple[pd.DataFrame, list[str]]:
        """The rank spells of the period and scope with their covariates, and the covariates' names.

        On PostgreSQL the training is read in a thread of its own (a connection of its own) while this one reads
        and prepares the spells: the server finds and sends the rows of one query while this process parses those
        of another (a read is mostly waiting: at a million employees the spells' COPY 8-12 s wall for 5-6 s of
        CPU, the training's 10-13 s for 6-7 s)."""
        from concurrent.futures import ThreadPoolExecutor

        import pandas as pd

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rank_spells") as pool:
            apart = pool if self.store is not None and self.store.dialect == "postgres" else None
            training = later(apart, self._training)  # asked for only if there are rank spells
            spells = self._spells()
            runs = rank_spells(spells, end=until)
            del spells
            if ask.start:  # those begun before it and still in the rank enter at its start (`entered_at`)
                runs = entered_at(runs, ask.start)
            for name, value in ask.scope.items():
                runs = runs[runs[name].isin(value if isinstance(value, list | tuple) else [value])]
            runs = runs.reset_index(drop=True)
            covariates = ["education", "training_jp"]
            courses = training() if len(runs) else pd.DataFrame(columns=["subject", "start_date", "hours"])
            runs["training_jp"] = training_per_year(runs, courses)
            return self._with_performance(runs, covariates)

    def _with_performance(self, runs: pd.DataFrame, covariates: list[str]) -> tuple[pd.DataFrame, list[str]]:
        """The rank spells with the performance known when each began (`performance_before`: the employee's SKP
        score of the two years before, an indicator where there was none) and their attributes as categoricals,
        and the covariates' names.

        Not the employee's mean score over every promotion-pool round (the covariate before 2026-12-01): it
        looked ahead (rounds after the rank spell, and after its promotion) and its indicator of no score (never
        in a pool round) was nearly the outcome itself, a rank spell ended by a regular promotion having been in
        that round's pool (hazard ratio about 0.03)."""
        import numpy as np
        import pandas as pd

        before = runs.pop("performance_before") if "performance_before" in runs.columns else None
        if before is not None and before.notna().any():
            # no rating in the two years before (a newcomer's first rank, a gap in the record): the mean, with an
            # indicator (dropped by the design when every rank spell has a score)
            runs["performance_before_missing"] = before.isna().astype(float)
            runs["performance_before"] = before.fillna(before.mean())
            covariates[1:1] = ["performance_before", "performance_before_missing"]
        # what only the reading needed (a copy of the rest: deleting columns in place would keep their block), the
        # attributes as categoricals (held through every fit: a byte or two a row, not a pointer to a string)
        if len(runs) <= CLUSTERED_MAX_ROWS:  # the employee, by number, for the Cox model's clustered errors
            runs["person"] = pd.factorize(runs["subject"])[0].astype(np.int32)
        runs = runs.drop(columns=["subject", "rank", "stop", "unit"])
        for name in ATTRIBUTES:
            if name in runs.columns:
                runs[name] = runs[name].astype("category")
        return runs, covariates

    def _spells(self) -> pd.DataFrame:
        """The roster's spells of those promoted in rank (`PROMOTED_IN_RANK`, the spells' employment kind), with the
        employee's birth date and recruitment path, in subject and seq order."""
        columns = ["subject", "seq", "start_date", "end_date", "rank", *ATTRIBUTES, "performance_before"]
        spell_columns = [c for c in columns if c not in ("birth_date", "recruitment_path")]
        return self._frame(
            f"SELECT {', '.join(f's.{c}' for c in spell_columns)}, r.birth_date, r.recruitment_path"
            f" FROM spells s JOIN roster r ON r.subject = s.subject WHERE s.employment_kind = '{PROMOTED_IN_RANK}'"
            " ORDER BY s.subject, s.seq",
            [*spell_columns, "birth_date", "recruitment_path"],
            categorical=True,
            numeric=["performance_before"],
        )

    def _training(self) -> pd.DataFrame:
        """Every training course with a start date: subject, start_date, hours."""
        # each training as it is (training_per_year sums JP, whole hours, by employee and day): grouped in SQL they
        # were hardly fewer rows (11.7 of 11.8 million at a million employees), and PostgreSQL's sort or hashing of
        # them took 23 s where the scan takes 5
        return self._frame(
            "SELECT subject, start_date, counted_hours AS hours FROM training WHERE start_date IS NOT NULL",
            ["subject", "start_date", "hours"],
            categorical=True,  # training_per_year takes the employees and days by their distinct values
        )

    def _frame(
        self,
        statement: str,
        columns: list[str],
        chunk: int = 100_000,
        categorical: bool = False,
        numeric: Sequence[str] = (),
    ) -> pd.DataFrame:
        """A query's rows as a frame, read a chunk at a time as tuples (on PostgreSQL through a server-side
        cursor), each repeated string kept once (a spell's dates and codes repeat across millions of rows: a
        dict per row, or a string per cell, would take gigabytes at a million employees). A chunk's columns
        of text are made unique by pandas (factorize), then each distinct string kept once for all chunks;
        with `categorical` the text columns are categoricals (a 4-byte code per cell, missing -1) of them. The
        `numeric` columns are floats (NaN where missing), also in a chunk where every one is missing."""
        import numpy as np
        import pandas as pd

        if (copied := copied_frame(self.store, statement, columns)) is not None:
            return copied if categorical else as_objects(copied)
        strings: dict[Any, Any] = {}
        codes_of: dict[Any, int] = {}
        texts: set[str] = set()
        chunks = []
        for rows in streamed(self.store, statement, [], chunk, tuples=True):
            frame = pd.DataFrame.from_records(rows, columns=columns)
            for name in numeric:
                frame[name] = frame[name].astype(float)
            for name in columns:
                if frame[name].dtype == object:
                    codes, uniques = pd.factorize(frame[name])
                    if categorical:
                        texts.add(name)
                        known = [codes_of.setdefault(u, len(codes_of)) for u in uniques]
                        frame[name] = np.array([*known, -1], dtype=np.int32)[codes]
                    else:
                        kept = np.array([*(strings.setdefault(u, u) for u in uniques), None], dtype=object)
                        frame[name] = kept[codes]  # a code of -1 (missing) takes the None at the end
            chunks.append(frame)
        if not chunks:
            return pd.DataFrame(columns=columns)
        whole = pd.concat(chunks, ignore_index=True)
        if texts:
            kinds = pd.CategoricalDtype(pd.Index(list(codes_of), dtype=object))
            for name in texts:
                whole[name] = pd.Categorical.from_codes(whole[name].to_numpy(), dtype=kinds)
        return whole


# PostgreSQL's types a query's column may have for `copied_frame`: text, and integers (read as int64, float64 with NaN
# where missing, as pandas makes rows of Python ints and None)
COPIED_TEXT_TYPES = frozenset({25, 1042, 1043})  # text, bpchar, varchar
COPIED_INTEGER_TYPES = frozenset({20, 21, 23})  # int8, int2, int4
# float4, float8: PostgreSQL writes the shortest text that reads back as the same value (extra_float_digits 1, its
# default since 12), which psycopg reads with Python's float(); pandas' "round_trip" parser is Python's own
COPIED_FLOAT_TYPES = frozenset({700, 701})
COPY_NULL = "\\N"


def copied_frame(store: Any, statement: str, columns: list[str]) -> pd.DataFrame | None:
    """A PostgreSQL query's rows as a frame read from `COPY (query) TO STDOUT` as CSV by pandas' C parser: text
    columns as categoricals (each distinct string made once: the parser hashes a cell's bytes, no string made per
    cell), integer columns as `_frame` makes them (int64, float64 where some are missing; a column missing
    everywhere float64 too, not objects). None on SQLite, or where a column is of another type: `_frame` reads
    those rows as tuples. NULL is written as `\\N`: a text equal to it would be quoted and read back as missing
    (not a value of the columns read here: codes, dates, NIPs).

    At a million employees (4.1 million spells joined with the roster) the rows read as tuples took 31 s (14 s of
    CPU), this 5 s; the training (11.8 million courses) 8.7 s of CPU, this 4.8 (`copied_blocks`)."""
    import pandas as pd

    if store.dialect != "postgres":
        return None
    if store.guard is not None:
        store.guard(None, statement)  # a view being filled (SqlStore.guard)
    with store.transaction(commit=False) as sql:
        cursor: Any = sql.cursor  # psycopg's, made for this transaction
        cursor.execute(f"SELECT * FROM ({statement}) AS q LIMIT 0")
        types = [column.type_code for column in cursor.description]
        if (
            len(types) != len(columns)
            or not set(types) <= COPIED_TEXT_TYPES | COPIED_INTEGER_TYPES | COPIED_FLOAT_TYPES
        ):
            return None
        if set(types) & COPIED_FLOAT_TYPES:
            row = cursor.execute("SHOW extra_float_digits").fetchone()
            digits = row[0] if isinstance(row, tuple) else next(iter(row.values()))
            if int(digits) < 1:  # texts rounded to fewer digits: read as rows
                return None
        kinds: dict[str, Any] = {
            name: "category" for name, kind in zip(columns, types, strict=True) if kind in COPIED_TEXT_TYPES
        }
        kinds |= {name: "float64" for name, kind in zip(columns, types, strict=True) if kind in COPIED_FLOAT_TYPES}
        with cursor.copy(f"COPY ({statement}) TO STDOUT (FORMAT csv, NULL '{COPY_NULL}')") as copy:
            stream = io.BufferedReader(CopyStream(copied_blocks(copy, cursor.connection)), 1 << 20)
            if not stream.peek(1):
                return pd.DataFrame(columns=columns)
            frame = pd.read_csv(
                stream,
                header=None,
                names=columns,
                index_col=False,
                dtype=kinds,
                na_values=[COPY_NULL],
                keep_default_na=False,
                encoding="utf-8",
                float_precision="round_trip",
            )
    return frame


def later(pool: Any, task: Callable[[], Any]) -> Callable[[], Any]:
    """`task`'s result when asked for: started now in `pool` (a thread) if one is given, else run when asked."""
    if pool is None:
        return task
    result: Callable[[], Any] = pool.submit(task).result
    return result


def as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its categorical columns as text (None where missing), each distinct string one object."""
    import numpy as np
    import pandas as pd

    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            texts = np.concatenate([column.cat.categories.to_numpy(dtype=object), np.array([None], dtype=object)])
            frame[name] = texts[column.cat.codes.to_numpy()]
    return frame


def copied_blocks(copy: Any, connection: Any, size: int = 1 << 20) -> Iterator[bytes]:
    """The data of a psycopg COPY ... TO STDOUT in blocks of about `size` bytes. PostgreSQL sends a message per row:
    the rows libpq has already received are taken at once (`PGconn.get_copy_data` without waiting), psycopg's
    `Copy.read` waiting for the next when there is none yet (and ending the COPY if it ends then)."""
    block = bytearray()
    pgconn = connection.pgconn
    while True:
        taken, row = pgconn.get_copy_data(1)  # 1: not waiting; 0 when no row is there yet, -1 at the end
        if taken == -1:
            copy_ended(connection)
            break
        if taken <= 0:
            row = copy.read()
            if not row:
                break
        block += row
        if len(block) >= size:
            yield bytes(block)
            block.clear()
    if block:
        yield bytes(block)


def copy_ended(connection: Any) -> None:
    """A COPY ... TO STDOUT whose end libpq has just given (`get_copy_data` -1): its result taken as psycopg's
    `Copy.read` takes it (its error raised), waiting for it without holding the process (select)."""
    import select

    from psycopg import errors, pq

    pgconn = connection.pgconn
    while pgconn.is_busy():
        select.select([pgconn.socket], [], [])
        pgconn.consume_input()
    while (result := pgconn.get_result()) is not None:
        if result.status != pq.ExecStatus.COMMAND_OK:
            raise errors.error_from_result(result, encoding=connection.info.encoding)


class CopyStream(io.RawIOBase):
    """Blocks of bytes (`copied_blocks`) as a binary stream."""

    def __init__(self, blocks: Iterator[bytes]):
        self.blocks = blocks
        self.rest = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not len(self.rest):
            self.rest = memoryview(next(self.blocks, b""))
        size = min(len(buffer), len(self.rest))
        buffer[:size] = self.rest[:size]
        self.rest = self.rest[size:]
        return size

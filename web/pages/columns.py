"""The header row of a page's Excel workbook: each column by the label the page gives it, in the page's language.

A CSV download keeps the field names (the API's, in English whatever the page's language): it is for machines,
which read a column by its name. A workbook is for people, who read the column as the page heads it ("Worst
severity", "Tingkat terberat"); a column the page does not show (a NIP's version, the unadjusted Fisher p) is
named in words too. A column without a label here is named by the record form's label of the field (agency,
unit, rank: web.pages.labels.field_label), else by its field name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from web.pages import local_level, zone_name
from web.pages.labels import field_label


def recorded_at_label() -> str:
    """A recorded time's column, naming the display time zone its times are in ("Dicatat pada (WIB)")."""
    return f"{_('Recorded at')} ({zone_name()})"


# The audited decisions' lists (the API's fields: web.api.audit_schemas.DecisionSchema)
DECISION_LABELS: dict[str, LazyString] = {
    "id": _l("Decision (NIP-version)"),
    "nip": _l("NIP"),
    "version": _l("Version"),
    "decision": _l("Decision"),
    "tmt": _l("TMT"),
    "recorded_at": LazyString(lambda: recorded_at_label()),
    "rank_before": _l("Rank before"),
    "rank_after": _l("Rank after"),
    "corrected": _l("Corrected"),
    "judged": _l("Judged (a rule of its kind in force)"),
    "verdict": _l("Verdict"),
    "finding_count": _l("Findings"),
    "max_severity": _l("Worst severity"),
    "passed_over_count": _l("Colleagues passed over"),
    "rules": _l("Rules of its findings (codes)"),
    "rule_titles": _l("Rules of its findings"),
}
# what `kind` and `title` are in each list
DECISION_KIND_LABELS = {"promotion": _l("Promotion kind"), "post": _l("Post kind"), "appointment": _l("Education")}
POST_TITLE = _l("Post title")

# The fairness page's two tables (projections.merit.fairness, survival; web.pages.inspector.time_row)
STATISTICS_LABELS: dict[str, LazyString] = {
    "group": _l("Group"),
    "eligible": _l("Eligible (the pool; deprecated)"),
    "pool": _l("In the pool"),
    "promoted": _l("Promoted"),
    "promoted_out_of_rule": _l("of whom promoted though not eligible"),
    "suppressed": _l("Small cell (not compared)"),
    "reference": _l("Reference group"),
    "selection_rate": _l("Selection rate"),
    "impact_ratio": _l("Impact ratio"),
    "adverse_impact": _l("Adverse impact (under the threshold of rule fairness.adverse_impact)"),
    "p_z": _l("p (z test)"),
    "p_fisher": _l("Fisher p"),
    "p_fisher_adjusted": _l("Fisher p (adjusted)"),
    "significant": _l("Significant (adjusted p at most the alpha of rule fairness.adverse_impact)"),
    "shortfall": _l("Shortfall"),
    "mh_odds_ratio": _l("Odds ratio (Mantel-Haenszel)"),
    "p_cmh": _l("p (Cochran-Mantel-Haenszel)"),
    "n": _l("Rank spells (n)"),
    "censored": _l("Censored"),
    "separated": _l("of whom left"),
    "median_years": _l("Median years"),
    "incidence_4y": _l("Promoted by 4 years"),
    "incidence_8y": _l("Promoted by 8 years"),
    "untested": _l("Why no group is compared"),  # (web.pages.inspector.untested_note: the page's words)
    "count": _l("Count in the pool"),  # (the page's chooser; a workbook says its choice: web.pages.inspector)
    # the answer's rounds and period, its log-rank test and Cox model, on each row after the notes
    "rounds": _l("Rounds counted"),
    "first_round": _l("First round counted"),
    "last_round": _l("Last round counted"),
    "period_from": _l("Period from"),
    "period_to": _l("Period to"),
    "logrank_chi2": _l("Log-rank test: chi-square"),
    "logrank_df": _l("Log-rank test: degrees of freedom"),
    "logrank_p": _l("Log-rank test: p"),
    "cox_reference_group": _l("Cox model: reference group"),
    "hazard_ratio": _l("Cox model: hazard ratio against the reference group"),
    "p_cox": _l("Cox model: p of the hazard ratio"),
}

# The reports' tables (web.pages.reports): the figures' columns, beside the fields they are grouped by
REPORT_LABELS: dict[str, dict[str, LazyString]] = {
    "headcount": {
        "count": _l("Employees"),
        "statuses": _l("Legal statuses counted"),
        "total_all_statuses": _l("Employees of every legal status"),
        "total_all_statuses_suppressed": _l("Employees of every legal status withheld"),
        "disclosure": _l("Figures protected as"),
    },
    "training": {
        "staff": _l("Staff"),
        "met": _l("With the yearly JP"),
        "share": _l("Share"),
        "average_hours": _l("Average JP"),
        "met_suppressed": _l("Met the yearly JP, share and average JP withheld"),
    },
    "programmes": {
        "programme_id": _l("Programme"),
        "participants": _l("Participants"),
        "hours": _l("JP"),
        "cost_per_jp": _l("Cost per JP"),
        "mean_rating": _l("Feedback"),
        "promotion_rate": _l("Promoted within the window"),
        "comparable_promotion_rate": _l("Comparable colleagues promoted"),
        "other_spellings": _l("Other spellings counted"),
    },
    "mentoring": {
        "group": _l("Group"),
        "count": _l("People"),
        "jp_per_year": _l("JP per year"),
        "mean_rating": _l("Mean SKP score"),
    },
}
WITHHELD = _l("Withheld (small cell)")  # a report's `suppressed`

# The columns the pages show as percentages (local_percent), each a share from 0 to 1: a workbook shows their
# numbers so (85.3%), their values unchanged (0.853)
SHARES = frozenset(
    {
        "share",
        "promotion_rate",
        "comparable_promotion_rate",
        "selection_rate",
        *(f"incidence_{h}y{end}" for h in (4, 8) for end in ("", "_low", "_high")),
    }
)


def labelled(
    columns: Iterable[str], own: Mapping[str, object], levels: Mapping[str, float] | None = None
) -> dict[str, str]:
    """Each column's label: its own (`own`), an interval's bound named after its estimate and its level ("Impact
    ratio: low end of the 99% interval": `levels`, by estimate, 95% for one not named), else the field's label
    (field_label: its name when it has none)."""
    found: dict[str, str] = {}
    for column in columns:
        estimate, _sep, end = column.rpartition("_")
        if column in own:
            found[column] = str(own[column])
        elif end in ("low", "high") and estimate in own:
            found[column] = bound_label(str(own[estimate]), end, (levels or {}).get(estimate, DEFAULT_LEVEL))
        else:
            found[column] = field_label(column)
    return found


# the level of the intervals whose level no answer names (time to promotion's: Kaplan-Meier, incidence, Cox)
DEFAULT_LEVEL = 0.95


def bound_label(estimate: str, end: str, level: float = DEFAULT_LEVEL) -> str:
    shown = local_level(level)  # (every place the level holds: 99.95%, never "100%")
    if end == "low":
        return _("%(column)s: low end of the %(level)s interval", column=estimate, level=shown)
    return _("%(column)s: high end of the %(level)s interval", column=estimate, level=shown)


def decision_column_labels(columns: Iterable[str], decision: str) -> dict[str, str]:
    """The audited promotions' (decision "promotion"), post appointments' ("post") or CPNS appointments'
    ("appointment") workbook header."""
    own: dict[str, object] = {**DECISION_LABELS, "kind": DECISION_KIND_LABELS[decision]}
    if decision == "post":
        own["title"] = POST_TITLE
    return labelled(columns, own)


def statistics_column_labels(columns: Iterable[str], levels: Mapping[str, float] | None = None) -> dict[str, str]:
    """The fairness and time-to-promotion workbooks' header (`levels`: an interval's level by its estimate, the
    impact ratio's 1 - alpha)."""
    return labelled(columns, STATISTICS_LABELS, levels)


def report_column_labels(columns: Iterable[str], report: str, *, window_months: int | None = None) -> dict[str, str]:
    """A report's workbook header (its grouping fields by their labels, as the page heads them)."""
    own: dict[str, object] = {**REPORT_LABELS[report], "suppressed": WITHHELD}
    if report == "mentoring":
        own["promotion_rate"] = _("Promoted within %(m)s months", m=window_months)
    return labelled(columns, own)

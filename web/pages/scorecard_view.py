"""The scorecard as the page and the PDF show it: indicators grouped by area, titled in the visitor's
language, with this year's values, the trend, the comparison across agencies and the findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from flask import url_for
from flask_babel import format_decimal, format_percent, get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from careerlog.access import Action
from careerlog.accounts import Account
from projections.merit.groups import rounded_apart
from projections.scorecard.findings import RULE_JUDGED, limits_of, settings
from web.api.scorecard import may_follow
from web.pages import EVERY_PLACE
from web.pages.common import may
from web.pages.inspector import untested_note
from web.pages.labels import code_name
from web.pages.reports import ARGUMENTS as REPORT_ARGUMENTS

AREAS: dict[str, LazyString] = {
    "competency": _l("Competency development"),
    "outcomes": _l("Outcomes"),
    "merit": _l("Merit"),
    "performance": _l("Performance management"),
    "rewards": _l("Rewards"),
}
# Indicators whose value is a number (a mean, a ratio, per head); every other one is a share.
NUMBERS = frozenset(
    {
        "training.hours_per_employee",
        "training.programme_rating",
        "training.programme_relevance",
        "training.cost_per_jp",
        "merit.passed_over",
        "merit.impact_ratio_by_sex",
        "merit.impact_ratio_by_region",
        "merit.impact_ratio_by_education",
        "awards.per_1000_staff",
    }
)
# The page that lists the rows behind an API link, and the action it needs.
PAGES = {
    "/api/v1/reports/training-compliance": ("pages.report", {"name": "training"}, Action.READ_REPORTS),
    "/api/v1/reports/programmes": ("pages.report", {"name": "programmes"}, Action.READ_REPORTS),
    "/api/v1/reports/mentoring": ("pages.report", {"name": "mentoring"}, Action.READ_REPORTS),
    "/api/v1/audits/promotions": ("pages.audits", {}, Action.RUN_AUDITS),
    "/api/v1/audits/posts": ("pages.audited_posts", {}, Action.RUN_AUDITS),
    "/api/v1/audits/fairness": ("pages.fairness", {}, Action.RUN_AUDITS),
}
TRANSLATED = ("title", "definition", "numerator", "denominator")
PAGE_ARGS = ("year", "agency", "unit", "region", "from", "to", "rule", "by")
POST_RULES = "post."  # a post rule's findings are listed with the post appointments, not the promotions


def is_share(indicator_id: str) -> bool:
    return indicator_id not in NUMBERS


WHOLE_PERCENT = "#,##0.#############%"  # a share with every decimal it was given


def shown(indicator_id: str, value: float | None, *judged_by: float | None) -> str:
    """A value in the visitor's language: a percentage for a share (to a tenth of a percent), a number otherwise (to
    2 places); with more places where those would put it on the other side of a threshold of its findings than it is
    (thresholds.toml: an impact ratio of 0.7996 reads 0.7996, below four fifths, not 0.8) or of `judged_by` (the
    threshold of the rule that judged it: an impact ratio's, 0.8996 reads 0.8996 under a rule's 0.9). A value that is
    no number (NaN, infinite: `rounded_apart` gives None) is shown as none is, not written (Babel raised on it)."""
    limits = (*limits_of(indicator_id), *judged_by)
    apart = rounded_apart(value, *limits, places=3 if is_share(indicator_id) else 2)
    if value is None or apart is None:
        return "\u2013"
    if is_share(indicator_id):
        return str(
            format_percent(value, "#,##0.#%") if apart == round(value, 3) else format_percent(apart, WHOLE_PERCENT)
        )
    return str(format_decimal(apart, EVERY_PLACE))


def count(value: float | None) -> str:
    return "\u2013" if value is None else str(format_decimal(value))


def title(definition: dict[str, Any]) -> str:
    """An indicator's title in the visitor's language (babel.cfg extracts it: web/pages/scorecard_extract.py)."""
    return str(gettext(definition["title"]))


def translated(definition: dict[str, Any]) -> dict[str, Any]:
    """The definition with its title, definition, numerator and denominator in the visitor's language, the
    parameters it names (`window_months`, `earlier_years`) as the settings in use give them."""
    return {**definition, **{k: with_parameters(str(gettext(definition[k]))) for k in TRANSLATED}}


def with_parameters(text: str) -> str:
    """`window_months` as "24 months" ("24 bulan": the Indonesian definitions name the unit themselves, as they
    must read after a number) and `earlier_years` as its number; the API keeps the names, which
    thresholds.toml documents."""
    if "`" not in text:
        return text
    config = settings()
    months = ngettext("%(num)s month", "%(num)s months", config.window_months)
    return text.replace("`window_months`", str(months)).replace("`earlier_years`", str(config.earlier_years))


def page_link(account: Account, link: str | None) -> str | None:
    """The page listing the rows behind an indicator, when the account may open it."""
    if not link:
        return None
    parts = urlsplit(link)
    found = PAGES.get(parts.path)
    if found is None or not may(account, found[2]):
        return None
    endpoint, fixed, _action = found
    args = {k: v for k, v in parse_qsl(parts.query) if k in PAGE_ARGS}
    if endpoint == "pages.audits" and args.get("rule", "").startswith(POST_RULES):
        endpoint = "pages.audited_posts"
    if endpoint == "pages.report":  # only the arguments the report's page reads, which refuses any other (422): the
        # agency alone (no unit, no region), and no year on the programmes' page
        args = {k: v for k, v in args.items() if k in REPORT_ARGUMENTS[fixed["name"]]}
    values: dict[str, Any] = {**fixed, **args}  # (Any: a dict of str is checked against url_for's _external...)
    return url_for(endpoint, **values)


@dataclass
class Value:
    """One value of this year: its group (if any), numerator, denominator and value, shown."""

    group: str
    numerator: str
    denominator: str
    value: str
    raw: float | None
    rows: dict[str, Any]
    link: str | None
    page: str | None
    # every API path listing the rows and the page of each the account may open, labelled by its list where
    # there are several (evidence.recorded_after's promotions and post appointments)
    links: list[str] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)
    # withheld from a reader of aggregates (`suppressed`): its dashes named, a legend under the table
    withheld: bool = False


@dataclass
class IndicatorView:
    id: str
    title: str
    definition: dict[str, Any]
    share: bool
    values: list[Value]
    trend: list[tuple[int, float | None]] = field(default_factory=list)
    comparison: list[tuple[str, float | None]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # why an impact ratio compares no group this year, as the fairness page says it (`untested`): its values none
    untested: str | None = None

    @property
    def grouped(self) -> bool:
        return any(v.group for v in self.values)

    @property
    def withheld(self) -> bool:
        return any(v.withheld for v in self.values)


# The rows' lists an indicator's value may rest on together, by the API path, as the page names each
LISTS: dict[str, LazyString] = {
    "/api/v1/audits/promotions": _l("Open the rank promotions"),
    "/api/v1/audits/posts": _l("Open the post appointments"),
}


def pages_of(account: Account, links: list[str]) -> list[tuple[str, str]]:
    """The pages listing the rows behind a value, each with its label: "Open the rows" for one list, else each
    named by what it lists."""
    opened = [(link, page) for link in links if (page := page_link(account, link)) is not None]
    if len(links) == 1:
        return [(str(gettext("Open the rows")), page) for _link, page in opened]
    return [(str(LISTS.get(urlsplit(link).path, _l("Open the rows"))), page) for link, page in opened]


def value_of(account: Account, item: dict[str, Any]) -> Value:
    group = ", ".join(code_name(value, by) for by, value in item["group"].items())  # Laki-laki (M), Male (M)
    links = list(item.get("links") or ([item["link"]] if item["link"] else []))
    return Value(
        group,
        count(item["numerator"]),
        count(item["denominator"]),
        shown(item["id"], item["value"], *rule_threshold(item)),
        item["value"],
        item["rows"],
        item["link"],
        page_link(account, item["link"]),
        # (the API paths hinted at: those the account may read, as the API's `links`; until 2026-12-07 a reporter's
        # page hinted at GET /api/v1/audits/fairness under the impact ratios, which answers a reporter 403)
        [link for link in links if may_follow(account, link)],
        pages_of(account, links),
        bool(item.get("suppressed")),
    )


def rule_threshold(item: dict[str, Any]) -> tuple[float, ...]:
    """The threshold of the rule that judged a value (an impact ratio's: projections.scorecard.merit), if any."""
    threshold = item["details"].get("threshold") if item["id"] in RULE_JUDGED else None
    return () if threshold is None else (float(threshold),)


def finding_text(finding: dict[str, Any]) -> str:
    texts = finding.get("texts") or {}
    return str(texts.get(str(get_locale()), finding["text"]))


def indicator_view(account: Account, card: dict[str, Any], indicator_id: str) -> IndicatorView:
    item = card["indicators"][indicator_id]
    this_year = [i for i in item["trend"] if i["year"] == card["year"]]
    ungrouped = [i for i in item["trend"] if not i["group"]]
    view = IndicatorView(
        indicator_id,
        title(item["definition"]),
        translated(item["definition"]),
        is_share(indicator_id),
        [value_of(account, i) for i in this_year],
        [(i["year"], i["value"]) for i in ungrouped],
        [(i["agency"], i["value"]) for i in item["comparison"] if not i["group"]],
        [finding_text(f) for f in card["findings"] if f["indicator"] == indicator_id],
        untested_of(indicator_id, this_year),
    )
    return view


def untested_of(indicator_id: str, this_year: list[dict[str, Any]]) -> str | None:
    """Why an impact ratio compares no group this year (its details' `untested`: fewer than two groups shown, or
    nobody in them promoted), in the visitor's language as the fairness page says it; None when it compares."""
    if indicator_id not in RULE_JUDGED:
        return None
    said = next((i["details"] for i in this_year if i["details"].get("untested")), None)
    return None if said is None else untested_note("rates", said, [])


def areas(account: Account, card: dict[str, Any]) -> list[tuple[str, list[IndicatorView]]]:
    """The indicators grouped by area, in the order of the areas."""
    grouped: dict[str, list[IndicatorView]] = {area: [] for area in AREAS}
    for indicator_id, item in card["indicators"].items():
        grouped.setdefault(item["definition"]["area"], []).append(indicator_view(account, card, indicator_id))
    return [(str(AREAS.get(area, area)), items) for area, items in grouped.items() if items]


def findings(card: dict[str, Any]) -> list[tuple[str, str]]:
    """Every finding's text in the visitor's language, with the title of its indicator."""
    return [
        (finding_text(f), title(card["indicators"][f["indicator"]]["definition"]))
        for f in card["findings"]
        if f["indicator"] in card["indicators"]
    ]

"""Reports with charts: headcount, training compliance, programme evaluation and mentoring."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from careerlog.access import Action
from careerlog.accounts import Account
from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import whole_number
from projections.queries import HEADCOUNT_FIELDS
from projections.training import SPELL_FIELDS
from web.pages import charts
from web.pages.common import allowed, blp, filters_from, one, page, services
from web.pages.inspector import agencies_within
from web.pages.labels import code_name

REPORTS = {
    "headcount": _l("Headcount"),
    "training": _l("Training compliance"),
    "programmes": _l("Programme evaluation"),
    "mentoring": _l("Mentoring"),
}
SCOPE = ("agency",)


def group_label(item: dict[str, Any], by: list[str]) -> str:
    return " / ".join(code_name(item[b], b) if item.get(b) is not None else "-" for b in by)


def grouping() -> list[str]:
    """The fields asked to group by: one, or several separated by commas as the API takes them (the scorecard
    links to the training report by agency and rank, sex or region so)."""
    return [b.strip() for b in (one(request.args, "by") or "").split(",") if b.strip()] or ["agency"]


def headcount(account: Account) -> dict[str, Any]:
    by = grouping()
    found = services().headcount(account, by, filters_from(request.args, SCOPE))
    bars = [charts.Bar(group_label(i, by), i["count"]) for i in found["items"] if i["count"] is not None]
    chart = charts.bar_chart(bars, _("Employees per group")) if bars else None
    return {"result": found, "by": by, "fields": HEADCOUNT_FIELDS, "chart_svg": chart}


def year_arg() -> int:
    value = one(request.args, "year")
    if value is None:
        return date.today().year - 1
    if not whole_number(value):
        raise InvalidInput(_("Must be a year, e.g. 2024."), "year")
    return int(value)


def training(account: Account) -> dict[str, Any]:
    by = grouping()
    year = year_arg()
    found = services().training_compliance(account, year, by, filters_from(request.args, SCOPE))
    bars = [charts.Bar(group_label(i, by), i["share"] or 0.0) for i in found["items"]]
    title = _("Share of staff with the yearly JP in %(year)s", year=year)
    chart = charts.bar_chart(bars, title, share=True) if bars else None
    return {"result": found, "by": by, "fields": SPELL_FIELDS, "year": year, "chart_svg": chart}


def programmes(account: Account) -> dict[str, Any]:
    found = services().programmes(account, filters_from(request.args, SCOPE))
    shown = [i for i in found["items"] if i["participants"] is not None]
    bars = [charts.Bar(i["programme_id"], i["participants"]) for i in shown[:30]]
    chart = charts.bar_chart(bars, _("Participants per programme")) if bars else None
    return {"result": found, "chart_svg": chart}


def mentoring_chart(mentees: dict[str, Any], peers: dict[str, Any]) -> Markup | None:
    if mentees["promotion_rate"] is None and peers["promotion_rate"] is None:
        return None
    bars = [
        charts.Bar(_("Mentees"), mentees["promotion_rate"] or 0.0),
        charts.Bar(_("Colleagues never mentored"), peers["promotion_rate"] or 0.0),
    ]
    return charts.bar_chart(bars, _("Promoted within the window"), share=True)


def mentoring(account: Account) -> dict[str, Any]:
    found = services().mentoring_report(account, filters_from(request.args, SCOPE), window_months=24, years=3)
    groups = {item["group"]: item for item in found["items"]}
    mentees, peers = groups["mentees"], groups["peers"]
    return {"result": found, "mentees": mentees, "peers": peers, "chart_svg": mentoring_chart(mentees, peers)}


GROUPINGS = {"headcount": HEADCOUNT_FIELDS, "training": SPELL_FIELDS}
BUILDERS = {"headcount": headcount, "training": training, "programmes": programmes, "mentoring": mentoring}


@blp.route("/reports")
@blp.route("/reports/<name>")
def report(name: str = "headcount") -> ResponseReturnValue:
    """Show one report of the reader's scope, with its chart and table; errors beside the filters."""
    account = allowed(Action.READ_REPORTS)
    if name not in BUILDERS:
        abort(404)
    context: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    try:
        context = BUILDERS[name](account)
    except InvalidInput as e:
        errors = e.errors  # the form again, its grouping too, with each reason beside its field
        context = {"fields": GROUPINGS.get(name), "by": grouping()}
    return page(
        "pages/report.html",
        account,
        422 if errors else 200,
        name=name,
        reports=REPORTS,
        errors=errors,
        agencies=agencies_within(account, Action.READ_REPORTS),  # those with staff within reach, as an audit's
        **context,
    )

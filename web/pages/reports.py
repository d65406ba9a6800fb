"""Reports with charts: headcount, training compliance, programme evaluation and mentoring."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup

from careerlog.access import Action, OutsideScope
from careerlog.accounts import Account
from careerlog.domain.errors import InvalidInput, quoted
from careerlog.domain.ledger import latest_today
from careerlog.domain.payload import whole_number
from careerlog.reference import AnyCase, reference
from projections import suppression
from projections.queries import HEADCOUNT_FIELDS
from projections.suppression import MET_FLAG
from projections.training import BETWEEN, FIRST_YEAR, SPELL_FIELDS
from web.kept import kept_compliance, kept_headcount, kept_mentoring, kept_programmes
from web.pages import charts, local_number
from web.pages.columns import report_column_labels
from web.pages.common import allowed, blp, filters_from, given_twice, one, page, services, whole
from web.pages.errors import error_page
from web.pages.export import download
from web.pages.inspector import agencies_within, empty_part, refused, regions_within_reach
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


# The headcount page's filters: the agency, and the region as the API's headcount takes it (an address's `region=11`
# was refused until 2026-12-06, "region is not a filter on this page", a reporting client's tester)
HEADCOUNT_FILTERS = (*SCOPE, "region")


def headcount_result(account: Account) -> dict[str, Any]:
    return kept_headcount(account, grouping(), filters_from(request.args, HEADCOUNT_FILTERS))


def headcount(account: Account) -> dict[str, Any]:
    found = headcount_result(account)
    by = found["by"]
    bars = [charts.Bar(group_label(i, by), i["count"]) for i in found["items"] if i["count"] is not None]
    chart = charts.bar_chart(bars, _("Employees per group")) if bars else None
    return {"result": found, "by": by, "fields": HEADCOUNT_FIELDS, "chart_svg": chart, "note": statuses_note(found)}


def statuses_note(found: dict[str, Any]) -> str:
    """The headcount page's note of the legal statuses counted and those left out, each by its name in the page's
    language (until 2026-12-05 an English page said "Active staff only (status Aktif)", named only leave and
    suspension among those left out, and sent to "Count by status", an option the page calls "Legal status")."""
    counted = found["statuses"]
    others = [s.code for s in reference().statuses if s.code not in counted]
    if not others:
        return _("Every legal status is counted.")
    note = _(
        "Counted: legal status %(counted)s. Not counted: %(others)s. Group by legal status to count every status.",
        counted=", ".join(code_name(s, "status") for s in counted),
        others=", ".join(code_name(s, "status") for s in others),
    )
    return f"{note} {counted_of(found)}"


def counted_of(found: dict[str, Any]) -> str:
    """The headcount's "N of M counted" (M: the people of every status), or that M is withheld (the services'
    `total_all_statuses`: a small cell, or one that would give a withheld count away)."""
    if found["total_all_statuses"] is None:
        return _(
            "The employees of every legal status are not shown: too few, or they would give away a count withheld."
        )
    return _(
        "%(counted)s of %(every)s employees of every legal status counted.",
        counted=local_number(found["total"]),
        every=local_number(found["total_all_statuses"]),
    )


def year_arg() -> int:
    """The report's year (last year by default); refused beside the field when it is not a whole number, or one
    before FIRST_YEAR or after this year, written as a year (the services' refusal wrote the bounds as numbers: "Harus
    antara 1.900 dan 2.026")."""
    value = one(request.args, "year")
    if value is None:
        return latest_today().year - 1
    if not whole_number(value):
        raise InvalidInput(_("Must be a year, e.g. 2024."), "year")
    year = whole(value)  # (None: more digits than int() reads, past any year)
    this_year = latest_today().year  # (TrainingQueries.today)
    if year is None or not FIRST_YEAR <= year <= this_year:
        low, high = FIRST_YEAR, this_year
        raise InvalidInput(_("Must be a whole number from %(low)s to %(high)s.", low=low, high=high), "year")
    return year


def training_result(account: Account) -> dict[str, Any]:
    return kept_compliance(account, year_arg(), grouping(), filters_from(request.args, SCOPE))


def training(account: Account) -> dict[str, Any]:
    found = training_result(account)
    by, year = found["by"], found["year"]
    # (a share withheld no bar: drawn as 0 it read as nobody with the yearly JP)
    bars = [charts.Bar(group_label(i, by), i["share"]) for i in found["items"] if i["share"] is not None]
    title = _("Share of staff with the yearly JP in %(year)s", year=year)
    chart = charts.bar_chart(bars, title, share=True) if bars else None
    return {"result": found, "by": by, "fields": SPELL_FIELDS, "year": year, "chart_svg": chart}


def programmes_result(account: Account) -> dict[str, Any]:
    return kept_programmes(account, filters_from(request.args, SCOPE))


def programmes(account: Account) -> dict[str, Any]:
    found = programmes_result(account)
    shown = [i for i in found["items"] if i["participants"] is not None]
    bars = [charts.Bar(i["programme_id"], i["participants"]) for i in shown[:30]]
    chart = charts.bar_chart(bars, _("Participants per programme")) if bars else None
    # (filtered, a reader of aggregates gets no withheld programme listed: the page says so under its table)
    unlisted = bool(filters_from(request.args, SCOPE)) and services().smallest_cell(account) > 1
    spellings = [spellings_note(i) for i in found["items"]]
    return {"result": found, "chart_svg": chart, "spellings": spellings, "unlisted": unlisted}


def spellings_note(item: dict[str, Any]) -> str | None:
    """The other spellings of a programme counted in its row (projections.training: its id whatever its letter case
    and whitespace), each quoted (its spaces as recorded) with its trainings, unless withheld, as the page says them
    under the programme and its workbook in their column; None when there are none."""
    spelt = item.get("other_spellings") or []
    if not spelt:
        return None
    named = ", ".join(
        quoted(s["programme_id"])
        if s["completions"] is None
        else ngettext(
            "%(name)s (%(count)s training)",
            "%(name)s (%(count)s trainings)",
            s["completions"],
            name=quoted(s["programme_id"]),
            count=local_number(s["completions"]),  # (as the page writes numbers: 1.234 in Indonesian)
        )
        for s in spelt
    )
    return _("Counted here too, recorded in another letter case or spacing: %(spellings)s.", spellings=named)


def mentoring_chart(mentees: dict[str, Any], peers: dict[str, Any]) -> Markup | None:
    if mentees["promotion_rate"] is None and peers["promotion_rate"] is None:
        return None
    bars = [
        charts.Bar(_("Mentees"), mentees["promotion_rate"] or 0.0),
        charts.Bar(_("Colleagues never mentored"), peers["promotion_rate"] or 0.0),
    ]
    return charts.bar_chart(bars, _("Promoted within the window"), share=True)


def mentoring_result(account: Account) -> dict[str, Any]:
    # the API's window and outcome years (24 months, 2 years: docs/views.md), so the page, its downloads and
    # /api/v1/reports/mentoring give the same figures
    return kept_mentoring(account, filters_from(request.args, SCOPE))


def mentoring(account: Account) -> dict[str, Any]:
    found = mentoring_result(account)
    groups = {item["group"]: item for item in found["items"]}
    mentees, peers = groups["mentees"], groups["peers"]
    return {"result": found, "mentees": mentees, "peers": peers, "chart_svg": mentoring_chart(mentees, peers)}


GROUPINGS = {"headcount": HEADCOUNT_FIELDS, "training": SPELL_FIELDS}
MAX_GROUPING = 4  # the fields a report groups by at most, as the API's `by` (web.api.schemas, Length(max=4))
BUILDERS = {"headcount": headcount, "training": training, "programmes": programmes, "mentoring": mentoring}

# ---------------------------------------------------------------------- downloads

# The address's arguments each report reads; its page and its downloads refuse any other (a 422 naming it), the
# page's download links carry these only, and so do the scorecard's links to the page (web.pages.scorecard_view).
ARGUMENTS = {
    "headcount": ("by", *HEADCOUNT_FILTERS, "lang"),
    "training": ("by", "year", *SCOPE, "lang"),
    "programmes": (*SCOPE, "lang"),
    "mentoring": (*SCOPE, "lang"),
}
# The page's table's columns after the grouping fields, `suppressed` last as in the API's CSV
FIGURES = {
    "headcount": ("count",),
    "training": ("staff", "met", "share", "average_hours"),
    "programmes": (
        "programme_id",
        "participants",
        "hours",
        "cost_per_jp",
        "mean_rating",
        "promotion_rate",
        "comparable_promotion_rate",
    ),
    "mentoring": ("group", "count", "promotion_rate", "jp_per_year", "mean_rating"),
}
# The columns of a report's downloads after `suppressed`, so that the columns before keep their places: a programme's
# other spellings counted in it (a CSV: the API's JSON list; a workbook: the page's words, spellings_note)
# (the headcount's people of every status, "N of M counted", on its total's row)
# (training compliance's `met` and `share` withheld, as the API's `met_suppressed`)
NOTES = {
    "training": ("met_suppressed",),
    "programmes": ("other_spellings",),
    "headcount": ("statuses", "total_all_statuses", "total_all_statuses_suppressed", "disclosure"),
}
# The rows a table adds to the report's items, named by a word of the page in a workbook, by a code in a CSV
TOTAL, DIFFERENCE = "total", "difference"
ROW_WORDS = {
    TOTAL: _l("Total"),
    DIFFERENCE: _l("Difference"),
    "mentees": _l("Mentees"),
    "peers": _l("Colleagues never mentored"),
}
FILE_NAMES = {
    "headcount": "headcount",
    "training": "training-compliance",
    "programmes": "programmes",
    "mentoring": "mentoring",
}
RESULTS = {
    "headcount": headcount_result,
    "training": training_result,
    "programmes": programmes_result,
    "mentoring": mentoring_result,
}


def table_rows(name: str, found: dict[str, Any], *, words: bool) -> list[dict[str, Any]]:
    """The rows of the report's table on its page, each figure the page withholds withheld (None, `suppressed`
    true): the report's items as the services suppressed them, the headcount's total after them (withheld when the
    page withholds it), training compliance's total withheld in place of its groups when it lists none, its staff
    withheld (`groups_suppressed`), the mentoring's difference after its two groups (`suppressed` when any of its
    figures is withheld: all of them when either group is, its promotion rate when a group's promoted is). The rows
    the page names itself (the total, the mentoring's groups and difference) by the page's words when
    `words` (a workbook), and the groups' values as the page names them (code_name: Perempuan (F), Sarjana (S-1),
    Female (F) on an English page; an agency, a unit or a rank as its code, as on the page); else both by their codes
    (a CSV)."""

    def named(code: str) -> str:
        return str(ROW_WORDS[code]) if words else code

    by = found.get("by", []) if words else []
    items = [{**item, **{b: code_name(item[b], b) for b in by if item.get(b) is not None}} for item in found["items"]]
    if name == "headcount":  # (each row saying the statuses counted: codes in a CSV, the page's names in a workbook)
        statuses = ", ".join(code_name(s, "status") if words else s for s in found["statuses"])
        total = {
            found["by"][0]: named(TOTAL),
            "count": found["total"],
            "suppressed": found["total"] is None,
            "total_all_statuses": found["total_all_statuses"],
            "total_all_statuses_suppressed": found["total_all_statuses_suppressed"],
        }
        # (each row saying how its figures protect the people: exact, withheld or perturbed, the API's `disclosure`)
        return [{**item, "statuses": statuses, "disclosure": found["disclosure"]} for item in [*items, total]]
    if name == "mentoring":  # (the difference's row `suppressed` when any of its figures is withheld)
        groups = [{**item, "group": named(item["group"])} for item in items]
        return [*groups, suppression.difference_row(found["items"], found["difference"], named(DIFFERENCE))]
    if name == "programmes":
        return [{**item, "other_spellings": spellings_cell(item, words=words)} for item in items]
    if name == "training" and found["groups_suppressed"]:  # (no group listed, its staff withheld: their total's row)
        return [
            {found["by"][0]: named(TOTAL), **dict.fromkeys(FIGURES[name]), "suppressed": True, "met_suppressed": True}
        ]
    return items


# the sub-groups of a programme's row withheld on their own (their figures null, the row not `suppressed`)
# (and the promoted of each, withheld when they or the rest of their group are a small group: docs/security.md)
PROGRAMME_SUBGROUPS = ("feedback_count", "promotable", "comparable", "promoted", "comparable_promoted")


def withholds(name: str, found: dict[str, Any]) -> bool:
    """Whether the report's page withholds a figure from the reader, and so says why under its table: a row of
    its table `suppressed` (table_rows), a programme's feedback or promotion rates withheld with their small
    sub-group, a training group's `met` withheld alone, or the mentoring's relationship totals withheld."""
    if any(row.get("suppressed") for row in table_rows(name, found, words=False)):
        return True
    if name == "programmes":
        return any(item.get(key, 0) is None for item in found["items"] for key in PROGRAMME_SUBGROUPS)
    if name == "training":  # (a group's met withheld alone: 2 of 30 with the yearly JP)
        return any(item[MET_FLAG] for item in found["items"])
    if name == "mentoring":
        promoted = any(i.get("promoted", 0) is None for i in found["items"])  # (1 of 13 mentees promoted)
        return found["relationships"].get("mentees", 0) is None or promoted
    return False


def spellings_cell(item: dict[str, Any], *, words: bool) -> str | None:
    """A programme's other spellings in its download: the page's words in a workbook (spellings_note), the API's
    CSV's JSON list in a CSV; an empty cell in both when there are none."""
    if words or not item["other_spellings"]:
        return spellings_note(item)
    return json.dumps(item["other_spellings"], ensure_ascii=False)


# The arguments each report reads once (`one`): given twice, the page and its downloads would answer the first alone
SINGLE = ("by", "year")


def argument_errors(name: str) -> dict[str, list[str]]:
    """The errors of the address's arguments before the report is read, for its page and its downloads alike: an
    argument the report does not read (named, with the page's filters), an agency that is no code
    (web.pages.inspector.refused), and `by` or `year` given more than once (as the API refuses a parameter of one
    value given twice), each beside its field."""
    # (a code's check of the filters the page reads alone: a region on a report without one is "not a filter")
    errors = {**refused(ARGUMENTS[name]), **given_twice(f for f in SINGLE if f in ARGUMENTS[name])}
    return {**grouping_errors(name), **errors}


def grouping_errors(name: str) -> dict[str, list[str]]:
    """The error beside `by` the API gives it too, before the report is read: an empty field beside a comma
    (`by=agency,`) is no field to group by, and more than MAX_GROUPING fields are more than a report groups by (the
    page read the one and the five as asked: a table by agency, a table of five groupings the API refuses)."""
    value = one(request.args, "by") if name in GROUPINGS else None
    fields = [] if value is None else [b.strip() for b in value.split(",")]
    if value is not None and (empty := empty_part("by", AnyCase(GROUPINGS[name]))):
        return empty  # (in the API's words, EMPTY_PART: until 2026-12-06 the unknown field '')
    if len(fields) > MAX_GROUPING:
        return {"by": [BETWEEN.reason(low=1, high=MAX_GROUPING, number=len(fields))]}
    return {}


def download_query(name: str) -> dict[str, list[str]]:
    """The page's arguments its downloads read (the page's filters and language), for their links."""
    return {k: request.args.getlist(k) for k in request.args if k in ARGUMENTS[name]}


@blp.route("/reports/<name>.csv")
def report_csv(name: str) -> ResponseReturnValue:
    """A report's table as CSV: the field names, codes, the cells the page withholds empty."""
    return report_download(name, "csv")


@blp.route("/reports/<name>.xlsx")
def report_xlsx(name: str) -> ResponseReturnValue:
    """A report's table as an Excel workbook headed by the page's column labels in its language."""
    return report_download(name, "xlsx")


def report_download(name: str, extension: str) -> ResponseReturnValue:
    """The table of the report's page for the same address arguments, the cells it withholds withheld (the rows are
    the services' suppressed ones the page shows: projections.suppression); an argument the report does not read
    or one given twice, an unknown agency, grouping or year refused (422 naming it); an agency outside the reader's
    scope, the 403 page saying so, as the page answers it (until 2026-12-05 both answered an empty report)."""
    account = allowed(Action.READ_REPORTS)
    if name not in RESULTS:
        abort(404)
    errors = argument_errors(name)
    if errors:
        raise InvalidInput(errors)
    try:
        found = RESULTS[name](account)
    except OutsideScope as e:  # (an agency outside the reader's scope: the 403 page saying so, as the page's 403)
        return error_page(403, None, e.errors)
    by = found.get("by", [])
    columns = [*by, *FIGURES[name], "suppressed", *NOTES.get(name, ())]
    rows = table_rows(name, found, words=extension == "xlsx")
    labels = report_column_labels(columns, name, window_months=found.get("window_months"))
    year = f"-{found['year']}" if "year" in found else ""
    return download(rows, columns, f"{FILE_NAMES[name]}{year}.{extension}", labels=labels)


@blp.route("/reports")
@blp.route("/reports/<name>")
def report(name: str = "headcount") -> ResponseReturnValue:
    """Show one report of the reader's scope, with its chart and table; errors beside the filters."""
    account = allowed(Action.READ_REPORTS)
    if name not in BUILDERS:
        abort(404)
    context: dict[str, Any] = {}
    # an argument the report does not read, one given twice or an agency that is no code refused as its downloads
    # and the inspector's pages refuse them (not a table of another question under a filter reading "all")
    errors = argument_errors(name)
    status = 422
    try:
        context = {} if errors else BUILDERS[name](account)
    except OutsideScope as e:  # an agency outside the reader's scope: said beside it (403), as the audit pages say it
        errors, status = e.errors, 403
    except InvalidInput as e:
        errors = e.errors
    if errors:  # the form again, its grouping too, with each reason beside its field
        context = {"fields": GROUPINGS.get(name), "by": grouping()}
    else:  # a withheld figure's dash named, and a legend under the table saying why when it holds one
        context |= {"withheld": withholds(name, context["result"]), "min_cell": services().smallest_cell(account)}
    return page(
        "pages/report.html",
        account,
        status if errors else 200,
        name=name,
        reports=REPORTS,
        errors=errors,
        agencies=agencies_within(account, Action.READ_REPORTS),  # those with staff within reach, as an audit's
        # (the headcount's region filter: those with staff within reach, beside it its errors; until 2026-12-06 the
        # form had none and a region's error was said above the report)
        regions=regions_within_reach(account) if "region" in ARGUMENTS[name] else [],
        download_query=download_query(name),
        **context,
    )

"""The scorecard page for inspectors and policy makers, and its PDF for a meeting (docs/scorecard.md)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from careerlog.access import AccessDenied, Action, OutsideScope, permits
from careerlog.accounts import Account, AuthenticationFailed
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.domain.ledger import latest_today
from careerlog.reference import reference
from projections.training import FIRST_YEAR
from web import kept
from web.api.scorecard import MAX_YEARS  # the trend's years, 1-20, as the API and ScorecardQueries take them
from web.pages import errors
from web.pages.common import allowed, given_twice, one, page, services, whole
from web.pages.inspector import agencies_within, refused
from web.pages.scorecard_charts import indicator_svg
from web.pages.scorecard_pdf import scorecard_pdf
from web.pages.scorecard_view import areas, findings, shown
from web.services import agency_target

blp = Blueprint("scorecard_pages", __name__, url_prefix="/pages")
for handled, handler in (
    (HTTPException, errors.http_error),
    (AuthenticationFailed, errors.domain_error),
    (OutsideScope, errors.domain_error),  # (an InvalidInput too, that names `agency`: the 403 page all the same)
    (AccessDenied, errors.domain_error),
    (NotFound, errors.domain_error),
    (InvalidInput, errors.invalid),
    (TimeoutError, errors.not_ready),
    (Exception, errors.unexpected),
):
    blp.register_error_handler(handled, handler)
# The address's arguments the page reads (`format=pdf` answers its PDF); its PDF's address reads them but `format`.
# Any other (a misspelt `yaer`, `agency` given twice) is refused (a 422 naming it), as the reports pages refuse them
# (web.pages.reports.argument_errors), not a scorecard of another question at 200 under the form's defaults.
ARGUMENTS = ("agency", "year", "years", "unit", "region", "lang", "format")
PDF_ARGUMENTS = tuple(name for name in ARGUMENTS if name != "format")
# What the page's `format` may ask for: its PDF. Any other (`format=csv`, `format=xlsx`, `PDF`) is refused naming
# it, not answered with the page as if it had not been given (the API's scorecard answers CSV; this page does not).
FORMATS = ("pdf",)


def agencies_of(account: Account) -> list[tuple[str, str]]:
    """The agencies whose scorecard the account may read, as (code, name): those seated within its scope and those
    with staff where it reaches (read whole, or of their staff in its region: web.services.agency_reach), as the
    reports' agency filter offers them."""
    staffed = {code for code, _name in agencies_within(account, Action.READ_SCORECARD)}
    return [
        (c.code, c.name)
        for c in reference().agencies
        if c.code in staffed or permits(account, Action.READ_SCORECARD, agency_target(c.code))
    ]


def number_arg(name: str, default: int, low: int, high: int) -> int:
    value = one(request.args, name)
    if value is None:
        return default
    number = whole(value)  # (None: no whole number, or one of more digits than int() reads, past any bound)
    if number is None or not low <= number <= high:
        raise InvalidInput(_("Must be a whole number from %(low)s to %(high)s.", low=low, high=high), name)
    return number


def chosen(account: Account) -> dict[str, Any]:
    """The form's choices: agency (the account's first by default), year (last year), years, unit, region."""
    choices = agencies_of(account)
    return {
        "agency": one(request.args, "agency") or (account.scope.agencies[:1] or [""])[0] or None,
        "year": number_arg("year", latest_today().year - 1, 1900, latest_today().year),
        "years": number_arg("years", 3, 1, MAX_YEARS),
        "unit": one(request.args, "unit"),
        "region": one(request.args, "region"),
        "choices": choices,
    }


def read_card(
    account: Account, known: tuple[str, ...] = ARGUMENTS
) -> tuple[dict[str, Any] | None, dict[str, Any], dict[str, list[str]]]:
    """The scorecard the form asks for (None before an agency is chosen, or with the errors: `known` the
    address's arguments read), computed once per views' position, query, reader's reach, day and rules (web.kept)."""
    form: dict[str, Any] = {"choices": agencies_of(account)}
    errors = argument_errors(known)
    if errors:
        return None, form, errors
    try:
        form = chosen(account)
        if not form["agency"]:
            return None, form, {}
        reach = reach_errors(form["year"], form["years"])
        if reach:
            return None, form, reach
        options = {"years": form["years"], "unit": form["unit"], "region": form["region"]}
        return kept.kept_scorecard(account, form["agency"], form["year"], **options), form, {}
    except OutsideScope:  # (an agency outside the reader's scope: the 403 page, not a refusal beside the field)
        raise
    except InvalidInput as e:
        return None, form, e.errors


def reach_errors(year: int, years: int) -> dict[str, list[str]]:
    """The error of a trend of `years` up to `year` reaching back before FIRST_YEAR, in the page's language (the
    services say it in English alone): beside `years` when the form sent it, else beside `year`, saying to choose
    fewer years or a later year, as the API names them."""
    start, most = year - years + 1, year - FIRST_YEAR + 1
    if start >= FIRST_YEAR:
        return {}
    if one(request.args, "years") is not None:
        return {
            "years": [
                _(
                    "The trend would reach back to %(start)s, before 1900: at most %(most)s for %(year)s.",
                    start=start,
                    most=most,
                    year=year,
                )
            ]
        }
    said = _(
        "The default trend of %(span)s years would reach back to %(start)s, before 1900: choose fewer years of trend "
        "(at most %(most)s for %(year)s), or a year from %(first)s on.",
        span=years,
        start=start,
        most=most,
        year=year,
        first=FIRST_YEAR - 1 + years,
    )
    return {"year": [said]}


def argument_errors(known: tuple[str, ...]) -> dict[str, list[str]]:
    """The errors of the address's arguments before the scorecard is read, for the page and its PDF alike, as
    the reports pages check theirs: an argument it does not read, an agency or region that is no code
    (web.pages.inspector.refused), and one given more than once (each read once), each beside its field."""
    return {**refused(known, several=False), **format_errors(known), **given_twice(known)}


def format_errors(known: tuple[str, ...]) -> dict[str, list[str]]:
    """The error beside `format` when the page reads it (its PDF's address does not) and it asks for anything but
    the PDF; left blank, the page."""
    value = one(request.args, "format") if "format" in known else None
    if value is None or value in FORMATS:
        return {}
    known_formats = ", ".join(FORMATS)
    return {"format": [_("Must be one of %(known)s; got %(value)s.", known=known_formats, value=repr(value))]}


def unstaffed(card: dict[str, Any]) -> bool:
    """Whether no PNS in post at the end of the card's year is recorded in its scope (the yearly JP share's
    denominator is 0): every indicator then has nothing to measure, which the page says before they read empty."""
    rows = card["indicators"].get("training.jp_share", {}).get("trend", [])
    shown = [r for r in rows if r["year"] == card["year"] and not r["group"]]
    return bool(shown) and all(r["denominator"] == 0 and not r["suppressed"] for r in shown)


@blp.route("/scorecard")
def scorecard() -> ResponseReturnValue:
    """Show an agency's scorecard: indicators by area with charts, the comparison and the findings."""
    account = allowed(Action.READ_SCORECARD)
    card, form, problems = read_card(account)
    if problems and errors.client_download():  # (`format` asked by a client, not a browser: as the PDF's refusal)
        return errors.download_problem(422, problems)
    if card is not None and one(request.args, "format") == "pdf":
        return pdf_response(account, card)
    context: dict[str, Any] = {"card": card, "form": form, "errors": problems, "max_years": MAX_YEARS}
    if card is not None:
        context["areas"] = areas(account, card)
        context["findings"] = findings(card)
        context["charts"] = {
            view.id: indicator_svg(view, card["agency"]) for _area, views in context["areas"] for view in views
        }
        given = {k: v for k, v in request.args.items() if k in ("years", "unit", "region") and v.strip()}
        context["pdf_query"] = {**given, "agency": card["agency"], "year": card["year"]}
        context["shown"] = shown
        context["unstaffed"] = unstaffed(card)
        context["min_cell"] = services().smallest_cell(account)  # (the withheld values' legend)
    return page("pages/scorecard.html", account, 422 if problems else 200, **context)


@blp.route("/scorecard.pdf")
def scorecard_pdf_download() -> ResponseReturnValue:
    """Download the whole scorecard as a PDF for a meeting, in the visitor's language."""
    account = allowed(Action.READ_SCORECARD)
    card, _form, problems = read_card(account, PDF_ARGUMENTS)
    if problems:  # each reason beside its argument (a year out of range, an argument refused)
        raise InvalidInput(problems)
    if card is None:
        raise InvalidInput(_("Choose an agency and a year."), "agency")
    return pdf_response(account, card)


def pdf_response(account: Account, card: dict[str, Any]) -> Response:
    name = f"scorecard-{card['agency']}-{card['year']}.pdf"
    return Response(
        scorecard_pdf(account, card),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )

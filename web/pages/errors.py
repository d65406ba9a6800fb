"""Errors of page routes as HTML pages in the visitor's language (the JSON API keeps problem+json)."""

from __future__ import annotations

from collections.abc import Sequence

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import TopicError
from flask import abort, current_app, make_response, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from markupsafe import Markup
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from careerlog.access import AccessDenied, OutsideScope
from careerlog.accounts import AuthenticationFailed
from careerlog.config import KeyMismatch
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.domain.wording import Reason
from projections.framework import Refill, Rejudged, ViewJudgedOtherwise, ViewNotReady
from web.api.common import accepted_types
from web.errors import (
    NEWER_RELEASE_RETRY,
    RULES_MISMATCH_RETRY,
    VIEW_FILLING_RETRY,
    http_problem,
    problem,
    refill_member,
    rules_member,
    store_retry,
)
from web.pages.common import blp, page, session_account
from web.pages.messages import reason_text
from web.services import VOIDED_RECORD

# The error page's title by status, and what it says of a refusal naming no reason; a download's problem+json refused
# to a client says them as its title and detail, in the page's language as the page would.
PAGE_TITLES = {
    400: _l("The request could not be understood"),
    401: _l("Please log in"),
    403: _l("You may not open this page"),
    404: _l("Page not found"),
    405: _l("This page cannot be asked for that way"),
    413: _l("The file is too large"),
    422: _l("The request is not valid"),
    500: _l("Something went wrong on our side"),
    503: _l("Not ready yet; try again shortly"),
}
PAGE_DETAILS = {
    401: _l("You need to log in to see this page."),
    403: _l("Your role does not include this page."),
    404: _l("There is nothing here, or it is outside what you may see."),
    405: _l("Open the page through its link or form."),
}

DOMAIN_STATUS: dict[type[Exception], int] = {AuthenticationFailed: 401, AccessDenied: 403, NotFound: 404}


def error_page(
    status: int,
    detail: str | LazyString | None = None,
    errors: dict[str, list[str]] | None = None,
    *,
    reason: str | None = None,
    refills: Sequence[Refill] = (),
    rejudged: Sequence[Rejudged] = (),
) -> ResponseReturnValue:
    """The error page; the navigation only when someone is signed in. `reason` names a 503's cause the page
    explains (`newer-release`, `view-filling` with the views being filled, `refills`, `rules-mismatch` with the
    views built under other rules than this server's, `rejudged`), as the API's problem type does. A download asked
    for by a client, not a browser (`client_download`), the same refusal as problem+json (`download_problem`)."""
    if client_download():
        return download_problem(status, errors, detail=detail, reason=reason, refills=refills, rejudged=rejudged)
    account = None
    if status != 401:
        try:  # a session logged out or timed out is nobody's: no menu
            account = session_account()
        except PersistenceError:  # (a 503 for an unusable store still answers, without the menu)
            account = None
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    limit_mb = round(limit / (1024 * 1024), 3)  # what a 413 page names as the largest upload
    shown = page(
        "pages/error.html",
        account,
        status,
        code=status,
        detail=detail,
        errors=errors,
        limit_mb=limit_mb,
        reason=reason,
        refills=refills,
        rejudged=rejudged,
        retry_after=VIEW_FILLING_RETRY,
        titles=PAGE_TITLES,
        details=PAGE_DETAILS,
    )
    return (*shown, challenged(status))


def challenged(status: int) -> dict[str, str]:
    """The headers of a page's refusal: a 401's challenge (`session_challenge`), none for another status."""
    return {"WWW-Authenticate": session_challenge()} if status == 401 else {}


def session_challenge() -> str:
    """A page's 401 challenge (RFC 9110, 15.5.2: a 401 carries WWW-Authenticate): the pages take the session a log-in
    at the log-in page gives, never a bearer token (the API's challenge, web.errors.bearer_challenge). So a scheme
    of careerlog's own, `Session`, that no browser answers with a prompt of its own, naming the page to log in at.
    Until 2026-12-06 a download refused to a client said `Bearer`, as if a token would do, and the HTML page no
    challenge at all."""
    return f'Session realm="careerlog", login="{url_for("pages.login")}"'


# A page's download: a file by its address (`/pages/audits.csv`, `/pages/reports/training.xlsx`,
# `/pages/scorecard.pdf`), or a page's `format` (`/pages/scorecard?format=pdf`)
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".pdf")
HTML = ("text/html", "application/xhtml+xml")  # what a browser's Accept names, for a link followed or a download
# The problem type of a page's refusal by its status, as the API's (web.errors.DOMAIN_ERRORS; a 503's `reason`)
PAGE_PROBLEMS = {
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    422: "invalid-input",
}


def client_download() -> bool:
    """Whether the request is a page's download asked for by a client that does not take HTML: its Accept header
    (read as the API reads it, web.api.common.accepted_types: by media type, problem+json aside) names neither
    text/html nor application/xhtml+xml, as curl's `*/*`, a reporting client's `text/csv` or `application/json`. A
    browser names text/html whenever it follows a link or downloads, and keeps the HTML page; so does a request
    without an Accept header, which states no preference.
    Until 2026-12-05 every refusal of a download (403 outside the scope, 422 a bad filter) was the HTML page, which a
    client saved as its CSV."""
    if "Accept" not in request.headers:  # (no preference stated: the page, as ever)
        return False
    downloading = request.path.endswith(DOWNLOAD_SUFFIXES) or "format" in request.args
    return downloading and not any(kind in HTML and quality > 0 for kind, quality in accepted_types(request))


def download_problem(
    status: int,
    errors: dict[str, list[str]] | None = None,
    *,
    detail: str | LazyString | None = None,
    reason: str | None = None,
    refills: Sequence[Refill] = (),
    rejudged: Sequence[Rejudged] = (),
) -> ResponseReturnValue:
    """A download's refusal as problem+json, as the API answers it (web.errors.problem): its type by the status (a
    503's by its `reason`, with the views being filled or judged otherwise), `errors` naming each field with its
    reasons in the page's language, as the page says them; its title and detail in that language too (the page's
    title, PAGE_TITLES; the detail the page was given (the reason a page gives: until 2026-12-06 dropped), else the
    reasons, else what the page says of its status, PAGE_DETAILS), where they were the HTTP status's English whatever
    the page's language; a 401 with the pages' `WWW-Authenticate` challenge (`session_challenge`)."""
    slug = reason if status == 503 else PAGE_PROBLEMS.get(status)
    members: dict[str, object] = {}
    if refills:
        members["views"] = [refill_member(r) for r in refills]
    if rejudged:
        members["rules"] = [rules_member(r) for r in rejudged]
    named = None if errors is None else {name: [reason_text(r) for r in reasons] for name, reasons in errors.items()}
    if detail is None and status == 503:
        detail = unavailable_text(reason, refills, rejudged)
    if detail is None:
        detail = " ".join(r for reasons in named.values() for r in reasons) if named else PAGE_DETAILS.get(status)
    if status in PAGE_TITLES:
        members["title"] = str(PAGE_TITLES[status])
    told = None if detail is None else str(detail)
    return problem(status, told, slug=slug, errors=named, members=members, headers=challenged(status))


def unavailable_text(reason: str | None, refills: Sequence[Refill], rejudged: Sequence[Rejudged]) -> str:
    """What a 503 page says of its cause (pages/unavailable.html: the views being filled and how far each is, the
    views judged by other rules, a newer release, else the store unusable), as text, in the page's language: a
    download's problem said werkzeug's English "The server cannot process the request due to a high load" (until
    2026-12-07), where the page and the API explain."""
    shown = render_template(
        "pages/unavailable.html", reason=reason, refills=refills, rejudged=rejudged, retry_after=VIEW_FILLING_RETRY
    )
    listed = shown.replace("</li><li>", "; ").replace("</li></ul>", ".")  # (each view named, the list ended)
    return str(Markup(listed).striptags())  # noqa: S704 (a template rendered, escaped already, its tags taken out)


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> ResponseReturnValue:
    return error_page(error.code or 500)


@blp.errorhandler(AuthenticationFailed)
@blp.errorhandler(AccessDenied)
@blp.errorhandler(NotFound)
def domain_error(error: Exception) -> ResponseReturnValue:
    status = next(code for cls, code in DOMAIN_STATUS.items() if isinstance(error, cls))
    told = error.args[0] if isinstance(error, NotFound) and error.args else None
    if (
        isinstance(told, Reason) and told.refusal is VOIDED_RECORD
    ):  # (a voided record, within the reader's scope: say so)
        return error_page(status, errors={"nip": [told]})
    if isinstance(error, OutsideScope):  # (the scorecard's agency or region outside the scope: say so, not the role)
        return error_page(status, errors=error.errors)
    return error_page(status)


@blp.errorhandler(InvalidInput)
def invalid(error: InvalidInput) -> ResponseReturnValue:
    """A 422 page (or a client's download problem), its detail each field's reasons in the page's language, as its
    errors are (until 2026-12-06 in English: `"detail": "as_of: Unknown field."` beside "Isian tidak dikenal.")."""
    said = "; ".join(f"{name}: {' '.join(reason_text(r) for r in found)}" for name, found in error.errors.items())
    return error_page(422, said, error.errors)


@blp.errorhandler(TimeoutError)
def not_ready(error: TimeoutError) -> ResponseReturnValue:
    return error_page(503)


@blp.errorhandler(ViewNotReady)
def view_filling(error: ViewNotReady) -> ResponseReturnValue:
    """A page reading a view being filled (a new version or a rebuild): not answered from part of the records;
    the page names the views being filled and how far each is, as the API's 503 view-filling does."""
    response = make_response(error_page(503, reason="view-filling", refills=error.refills))
    response.headers["Retry-After"] = str(VIEW_FILLING_RETRY)
    return response


@blp.errorhandler(ViewJudgedOtherwise)
def judged_otherwise(error: ViewJudgedOtherwise) -> ResponseReturnValue:
    """A page reading a view built under other rules than this server's (rebuilt under new rules while it runs):
    not answered by this server's rules beside the rows' verdicts; the page names the views and what to do, as the
    API's 503 rules-mismatch does."""
    response = make_response(error_page(503, reason="rules-mismatch", rejudged=error.rejudged))
    response.headers["Retry-After"] = str(RULES_MISMATCH_RETRY)
    return response


def store_unusable() -> ResponseReturnValue:
    """The database could not be used (locked, gone away): a 503 page asking to try again, as the API's 503."""
    current_app.logger.exception("The database could not be used")
    response = make_response(error_page(503))
    response.headers["Retry-After"] = str(store_retry())
    return response


def newer_release() -> ResponseReturnValue:
    """A record holding an event of a newer release (a server left out of an upgrade, or one under way):
    a 503 page saying so and when to try again, as the API's 503 newer-release (docs/operations.md, Upgrades)."""
    current_app.logger.exception("An event recorded by a newer careerlog release")
    response = make_response(error_page(503, reason="newer-release"))
    response.headers["Retry-After"] = str(NEWER_RELEASE_RETRY)
    return response


@blp.errorhandler(Exception)
def unexpected(error: Exception) -> ResponseReturnValue:
    if isinstance(error, PersistenceError):
        return store_unusable()
    if isinstance(error, TopicError):  # an event class this release does not have
        return newer_release()
    if isinstance(error, KeyMismatch):  # (careerlog.storekey; the API's 503 store-key)
        current_app.logger.exception("CAREERLOG_ENCRYPTION_KEY is not the store's")
        return error_page(503)
    current_app.logger.exception("Unexpected error on a page")
    return error_page(500)


def wrong_method(error: MethodNotAllowed) -> ResponseReturnValue:
    """A method a page address does not take (a POST to a list): the page in the visitor's language.

    Registered on the app (init_pages): routing fails before any blueprint is chosen, so the pages'
    own handlers never see it; the API keeps its problem+json.
    """
    if request.path == "/pages" or request.path.startswith("/pages/"):
        response = make_response(error_page(405))
        response.headers["Allow"] = ", ".join(error.valid_methods or ())
        return response
    return http_problem(error)


@blp.route("/<path:rest>")
def unknown(rest: str) -> ResponseReturnValue:
    """Any other address under /pages: the HTML 404 page."""
    abort(404)

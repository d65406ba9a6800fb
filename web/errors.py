"""Every error as application/problem+json (RFC 9457), mapped in this one place.

A problem has `type`, `title`, `status`, `detail` and `instance` (the request path), and
for invalid input (422) `errors`: the reasons per field, from the domain's InvalidInput
and marshmallow's validation alike. Unexpected errors are logged and answered as a bare
500 without internals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import TopicError
from flask import Flask, Response, current_app, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge
from werkzeug.exceptions import NotFound as NotFoundPath

from careerlog.access import AccessDenied, OutsideScope
from careerlog.accounts import AuthenticationFailed
from careerlog.application import APPOINTED
from careerlog.config import DEFAULT_CONNECT_TIMEOUT, KeyMismatch
from careerlog.domain.errors import (
    AlreadyAppointed,
    ConcurrencyConflict,
    Conflict,
    FactChanged,
    IdempotencyConflict,
    InvalidInput,
    NotFound,
)
from careerlog.domain.ledger import KEY_CLASHES, REFERENCE_USED, RESENT_RETRACTED
from careerlog.domain.wording import Reason, Refusal, joined, reason_of
from careerlog.reference import reference
from projections.framework import NotFollowed, Refill, Rejudged, ViewJudgedOtherwise, ViewNotReady
from web.logs import sent_path

PROBLEM_JSON = "application/problem+json"
API_ROOT = "/api"  # the API's problems (its documents' too) are worded in the client's language
KEY_HEADER = "Idempotency-Key"  # the API's client key, as a conflict over it names it
TYPE_BASE = "urn:careerlog:problem:"

# Domain errors: status and problem type. The most specific class wins (Flask follows the MRO).
DOMAIN_ERRORS: Mapping[type[Exception], tuple[int, str]] = {
    InvalidInput: (422, "invalid-input"),
    AuthenticationFailed: (401, "unauthenticated"),
    AccessDenied: (403, "forbidden"),
    OutsideScope: (403, "forbidden"),  # (an InvalidInput too: it names the field)
    NotFound: (404, "not-found"),
    Conflict: (409, "conflict"),
    IdempotencyConflict: (409, "idempotency-conflict"),
    AlreadyAppointed: (409, "already-appointed"),  # (no key helps: only a void frees the NIP)
    ConcurrencyConflict: (409, "concurrent-change"),
    FactChanged: (412, "fact-changed"),
    TimeoutError: (503, "view-not-ready"),
    ViewNotReady: (503, "view-filling"),
    ViewJudgedOtherwise: (503, "rules-mismatch"),
}


# Every problem type the API answers (urn:careerlog:problem:<slug>), with its status and when; the OpenAPI
# document's Problem.type lists them (web.api.schemas) and docs/api.md, "Errors", does too. A status with none of
# them (414, a 500, the 503 of a database that could not be used) is `about:blank`; until 2026-12-05 the 404 of an
# unknown path and the 405 were too.
PROBLEM_TYPES: tuple[tuple[str, int, str], ...] = (
    ("invalid-input", 422, "the input is not valid: `errors` names each field"),
    ("malformed-body", 400, "the body is not valid JSON"),
    ("unsupported-media-type", 415, "the body is not JSON"),
    ("not-acceptable", 406, "the Accept header allows none of the media types offered"),
    ("too-large", 413, "the body is over the size limit"),
    ("unauthenticated", 401, "no token, or one unknown, expired or revoked"),
    ("forbidden", 403, "the role may not, or outside your scope (`errors` names the field)"),
    ("not-found", 404, "no such record, or one outside your scope"),
    ("unknown-path", 404, "no route of the API has this path"),
    ("method-not-allowed", 405, "the path does not take this method (`Allow` names those it does)"),
    ("rate-limited", 429, "the token's rate limit"),
    ("conflict", 409, "the request conflicts with what is recorded"),
    ("idempotency-conflict", 409, "an Idempotency-Key or reference used before for other values or another record"),
    ("already-appointed", 409, "an appointment of a NIP already appointed (`errors.nip`): only a void frees the NIP"),
    ("concurrent-change", 409, "concurrent writers kept changing the same record"),
    (
        "fact-changed",
        412,
        "a correction or retraction sent with If-Match whose fact was changed since (`errors.If-Match`, "
        "`current_version`; the `ETag` it has now)",
    ),
    ("view-not-ready", 503, "`wait_for` timed out"),
    ("view-filling", 503, "a view read is being filled"),
    ("rules-mismatch", 503, "a view read was built under other rules than this server's"),
    ("newer-release", 503, "the record holds an event of a newer release"),
    ("store-key", 503, "this server's CAREERLOG_ENCRYPTION_KEY (or its absence) is not the store's: nothing recorded"),
)


NEWER_RELEASE_RETRY = 300  # seconds: an upgrade of every process (docs/operations.md, Upgrades)
VIEW_FILLING_RETRY = 30  # seconds: a view being filled takes minutes (one of 100,000 employees: see docs/operations.md)
RULES_MISMATCH_RETRY = 300  # seconds: this server started again with the views' rules (docs/operations.md, Upgrades)


def store_retry() -> int:
    """The seconds a client is asked to wait (Retry-After) when the database could not be used: the configured connect
    timeout (the URL's ?connect_timeout=, else careerlog's 5 s: Settings.connect_timeout), about as long as a pool waits
    for a connection before answering 503, where 5 was sent whatever the URL gave (until 2026-12-06)."""
    services = current_app.extensions.get("careerlog")
    return int(services.settings.connect_timeout) if services is not None else DEFAULT_CONNECT_TIMEOUT


# Each status's title (its HTTP phrase), worded so that the API says it in the client's language too (web.languages:
# Accept-Language); a status of none of them keeps its phrase in English
TITLES: Mapping[int, Refusal] = {
    status: Refusal(HTTPStatus(status).phrase)
    for status in (400, 401, 403, 404, 405, 406, 409, 412, 413, 414, 415, 422, 429, 500, 503)
}
# The fixed details of the API's problems (Refusals, so translated as the ledger's are: web.languages)
INPUT_NOT_VALID = Refusal("The input is not valid; see errors.").reason()
OUTSIDE_YOUR_SCOPE = Refusal("Outside your scope; see errors.").reason()
BODY_NOT_VALID_JSON = Refusal("The body is not valid JSON; see errors.").reason()
BODY_NOT_JSON = Refusal("The body is not JSON; see errors.").reason()
BODY_TOO_LARGE = Refusal("The request body is larger than the limit of {limit} bytes.", numbers=("limit",))
NO_SUCH_FACT = Refusal("No such fact; see errors.").reason()
NOT_CAUGHT_UP = Refusal("The views have not caught up with that position yet; try again shortly.").reason()
# (a wait during which no view behind the position moved: projections.framework.NotFollowed; until 2026-12-07 it said
# to try again shortly, as above, which never came true with no worker running, while /health answered 200; then,
# until later that day, that no process followed the log or the one that did failed, said too of a live worker
# committing a batch longer than the wait)
NOT_FOLLOWED = Refusal(
    "The views have not caught up with that position, and they did not move during the {seconds} seconds this "
    "request waited. If no `careerlog projections run` is running (on SQLite the serving process holding the store's "
    "follower lock follows the log too), start one; if one is, it may be in a long batch or failing: read its log "
    "(`careerlog projections status` shows how far each view is). Then try again.",
    numbers=("seconds",),
)
STORE_UNUSABLE = Refusal("The database could not be used; try again shortly.").reason()
OUR_SIDE = Refusal("Something went wrong on our side.").reason()
# routing's own details (werkzeug's), as a 404 of an unknown path and a 405 say them
UNKNOWN_PATH = Refusal(NotFoundPath.description).reason()
NOT_THIS_METHOD = Refusal(MethodNotAllowed.description).reason()


def problem_document(
    status: int, detail: str | None = None, *, slug: str | None = None, instance: str | None = None
) -> dict[str, Any]:
    """The members of a problem+json body (`instance` left out where no request was read: web.cli.Worker)."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug if slug else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
    }
    if instance is not None:
        body["instance"] = instance
    return body


REFERENCE_PATH = "/api/v1/reference"  # the reference tables' codes (web.api.reference)
# A refusal of a code no reference table holds ("Unknown code 'S-9'; see the education reference table.", the
# ledger's, the scorecard's, a body's code field's) as the command line and an import's report say it
SEE_TABLE = re.compile(r"see the (\w+) reference table\.")


def table_path(table: str) -> str:
    """The path a reference table's codes are read at (GET), as a refusal of a code none of its names."""
    return f"{REFERENCE_PATH}/{table}"


def api_worded(reasons: Any) -> Any:
    """A problem's `errors` with each refusal of an unknown code naming the path of its table's codes, where an API
    client reads them ("...; see the education reference table (GET /api/v1/reference/education)."): until
    2026-12-05 it named the table alone, which only `careerlog reference` listed."""
    if isinstance(reasons, str):
        names = reference().names
        return SEE_TABLE.sub(
            lambda m: f"{m.group(0)[:-1]} (GET {table_path(m.group(1))})." if m.group(1) in names else m.group(0),
            reasons,
        )
    if isinstance(reasons, Mapping):
        return {name: api_worded(value) for name, value in reasons.items()}
    if isinstance(reasons, list | tuple):
        return [api_worded(value) for value in reasons]
    return reasons


def problem(
    status: int,
    detail: str | None = None,
    *,
    slug: str | None = None,
    errors: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    members: Mapping[str, Any] | None = None,
) -> Response:
    """A problem+json response (`members`: the problem type's own, besides the standard ones)."""
    # (the path as sent, a URI reference: request.path is decoded, `/units/KOTA-MEDAN/Dinas Kesehatan/ratings`)
    body = problem_document(status, detail, slug=slug, instance=sent_path(request.environ.get("PATH_INFO", "")))
    if errors is not None:
        body["errors"] = dict(errors)
    body.update(members or {})
    language = None
    if request.path == API_ROOT or request.path.startswith(API_ROOT + "/"):  # (a page's download keeps its page's)
        from web import languages  # (it reads the pages' wording: web.pages imports this module)

        language = languages.api_language()
        body = languages.in_language(body, language)
    elif errors is not None:
        body["errors"] = api_worded(body["errors"])
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(dict(headers or {}))
    if language is not None:  # (the API's problems alone are worded by Accept-Language: docs/api.md, "Errors")
        response.headers["Content-Language"] = language  # (and so varies by Accept-Language: web.security)
    return response


# An If-Match of weak tags (W/"7", as a client or a proxy that weakens ETags sends the one it read) refused 412: a weak
# tag never matches (RFC 9110 compares If-Match strongly), which the refusal says beside its own, naming the header
# (until 2026-12-06 the refusal alone, "The If-Match tag names no version ...", left the client to find out why). It
# names the tags read made strong, never the fact's current ETag: a client sending that would undo another writer's
# correction made since it read the fact (a review, 2026-12-07; until then "Send the fact's ETag as given, "5"")
WEAK_IF_MATCH = Refusal(
    'The If-Match header sent {tags}: a weak tag (W/"...") never matches, as If-Match compares tags strongly (RFC '
    "9110). Send the tag you read without W/ ({strong}): if the fact has changed since you read it, that is refused "
    "too, and you read it again.",
    quotes=("tags", "strong"),
)
_WEAK_TAG = re.compile(r'W/"[^"]*"')


def weak_tags_sent() -> list[str]:
    """WEAK_IF_MATCH when the request's If-Match holds a weak tag (the tags as sent), else nothing."""
    weak = _WEAK_TAG.findall(request.headers.get("If-Match", ""))
    strong = ", ".join(tag.removeprefix("W/") for tag in weak)
    return [WEAK_IF_MATCH.reason(tags=", ".join(weak), strong=strong)] if weak else []


def domain_problem(error: Exception) -> Response:
    """A careerlog error as a problem, by the table above."""
    status, slug = _closest(error)
    if isinstance(error, OutsideScope):
        return problem(status, OUTSIDE_YOUR_SCOPE, slug=slug, errors=error.errors)
    if isinstance(error, InvalidInput):
        return problem(status, INPUT_NOT_VALID, slug=slug, errors=error.errors)
    if isinstance(error, Conflict) and (named := conflict_errors(error)) is not None:
        return problem(status, reason_of(error), slug=slug, errors=named)
    if isinstance(error, FactChanged):  # (If-Match named: nothing recorded; the fact's ETag as it stands)
        members = {"current_version": error.current}
        headers = {"ETag": f'"{error.current}"'}
        reasons = [reason_of(error), *weak_tags_sent()]
        return problem(
            status, joined(" ", reasons), slug=slug, errors={"If-Match": reasons}, headers=headers, members=members
        )
    if isinstance(error, AuthenticationFailed):
        return problem(status, str(error), slug=slug, headers={"WWW-Authenticate": bearer_challenge(str(error))})
    if isinstance(error, ViewNotReady):
        views = {"views": [refill_member(r) for r in error.refills]}
        detail = f"{error}{own_follower_failing(error)}"
        return problem(status, detail, slug=slug, headers={"Retry-After": str(VIEW_FILLING_RETRY)}, members=views)
    if isinstance(error, ViewJudgedOtherwise):
        rules = {"rules": [rules_member(r) for r in error.rejudged]}
        return problem(status, str(error), slug=slug, headers={"Retry-After": str(RULES_MISMATCH_RETRY)}, members=rules)
    if isinstance(error, NotFollowed):  # (no sooner than a view being filled that has not moved: view-filling's)
        detail = NOT_FOLLOWED.reason(seconds=f"{error.waited:g}")
        return problem(status, detail, slug=slug, headers={"Retry-After": str(VIEW_FILLING_RETRY)})
    if isinstance(error, TimeoutError):
        return problem(status, NOT_CAUGHT_UP, slug=slug, headers={"Retry-After": "1"})
    return problem(status, reason_of(error), slug=slug)


def own_follower_failing(error: ViewNotReady) -> str:
    """What a 503 view-filling adds of a filling that has not moved when this process follows the log itself (a
    SQLite server's process holding the follower lock, web.following) and its last step failed: the error's kind,
    and where its message and traceback are; nothing otherwise (a worker of its own, or another process, is not seen
    from here)."""
    lease = getattr(current_app.extensions.get("careerlog"), "lease", None)
    kind = lease.failing_kind if lease is not None else None  # (not its message: it may hold paths or SQL)
    if kind is None or not any(r.stalled and r.position is not None for r in error.refills):
        return ""
    return (
        f" This server's process follows the log itself, and its last step failed with {kind} (logged at ERROR "
        "with its traceback, `The SQLite follower's step failed`, logger web.following); it tries again every second."
    )


def refill_member(refill: Refill) -> dict[str, Any]:
    """A view a 503 view-filling refuses, as its `views` list names it (docs/api.md): its name, whether it is
    being filled or rebuilt, and for one being filled the log's event it has applied up to (`position`) of the
    event it fills up to (`head`), both null while it is rebuilt."""
    return {"name": refill.name, "state": refill.state, "position": refill.position, "head": refill.head}


def rules_member(rejudged: Rejudged) -> dict[str, Any]:
    """A view a 503 rules-mismatch refuses, as its `rules` list names it (docs/api.md): its name, the digest of the
    rules its rows were built with (`view_configurations`) and this server's (its CAREERLOG_RULES_FILE's)."""
    return {"name": rejudged.name, "built_with": rejudged.digest, "server": rejudged.ours}


def conflict_errors(error: Exception) -> dict[str, list[str]] | None:
    """The field a conflict names, with its reason: a reference recorded before with other values, or with these
    values and retracted, names `reference` (as an import's report does); a client key used before (for other
    values, for another kind of fact, or for a fact since retracted) names the header that sent it, `Idempotency-Key`
    (as a 422 of a blank one does; an import's report names its `client_key` column): the key clashed, whatever the
    references; an appointment of a NIP already appointed names `nip` (as an import's report does); None for a
    conflict of no field of the input."""
    reason = reason_of(error)
    refusal = getattr(reason, "refusal", None)
    if refusal in (REFERENCE_USED, RESENT_RETRACTED):
        return {"reference": [reason]}
    if refusal is APPOINTED:
        return {"nip": [reason]}
    if refusal in KEY_CLASHES:
        return {KEY_HEADER: [reason]}
    return None


def _closest(error: Exception) -> tuple[int, str]:
    for cls in type(error).__mro__:
        if cls in DOMAIN_ERRORS:
            return DOMAIN_ERRORS[cls]
    return 500, "internal"


def bearer_challenge(reason: str) -> str:
    if "Authorization" not in request.headers:
        return 'Bearer realm="careerlog"'
    return f'Bearer realm="careerlog", error="invalid_token", error_description="{reason}"'


def validation_problem(error: ValidationError) -> Response:
    return problem(422, INPUT_NOT_VALID, slug="invalid-input", errors=field_errors(error.messages))


def field_errors(messages: Any) -> dict[str, Any]:
    """Marshmallow's messages per field (lists of reasons; nested fields as objects)."""
    if isinstance(messages, Mapping):
        return {str(k): v for k, v in messages.items()}
    return {"_schema": messages if isinstance(messages, list) else [str(messages)]}


# Routing's refusals (werkzeug's, before any operation is reached): status -> problem type.
ROUTING: Mapping[int, str] = {404: "unknown-path", 405: "method-not-allowed"}

# A request whose arguments could not be read (webargs): status -> detail and problem type.
UNREADABLE: Mapping[int, tuple[str, str]] = {
    422: (INPUT_NOT_VALID, "invalid-input"),
    400: (BODY_NOT_VALID_JSON, "malformed-body"),
    415: (BODY_NOT_JSON, "unsupported-media-type"),
}


def http_problem(error: HTTPException) -> Response:
    """An HTTP error (routing, webargs' 422, 413, 405...) as a problem."""
    status = error.code or 500
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    data = getattr(error, "data", None) or {}
    if status in UNREADABLE and "messages" in data:
        merged: dict[str, Any] = {}
        for by_location in data["messages"].values():
            merged.update(field_errors(by_location))
        detail, slug = UNREADABLE[status]
        return problem(status, detail, slug=slug, errors=merged)
    if isinstance(error, RequestEntityTooLarge):
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return problem(413, BODY_TOO_LARGE.reason(limit=str(limit)), slug="too-large")
    if status >= 500:
        return problem(status)
    if status == 404 and (version := unread_version(request.path)) is not None:
        return problem(404, NO_SUCH_FACT, slug="not-found", errors={"version": [version]})
    return problem(status, error.description, slug=ROUTING.get(status), headers=headers)


# A correction form's NIP and version sent other than those of the fact it showed (read-only since 2026-12-06: until
# then editable inputs, so that a version changed there recorded the correction on another fact, with the values read
# from the one shown, and a NIP changed there was refused as a concurrent correction of another person's fact)
OTHER_FACT = Refusal(
    "This form corrects version {shown_version} of NIP {shown_nip}, the fact it shows, and was sent naming version "
    "{version} of NIP {nip}: nothing was recorded. To correct another fact, open its Correct link on the career "
    "record."
)
# A retraction form's NIP and version sent other than those of the fact it showed (read-only since 2026-12-06: until
# then editable inputs, so that a version or NIP changed there retracted another fact, another employee's too, unasked,
# the form still showing the first)
OTHER_FACT_RETRACTED = Refusal(
    "This form retracts version {shown_version} of NIP {shown_nip}, the fact it shows, and was sent naming version "
    "{version} of NIP {nip}: nothing was recorded. To retract another fact, open its Retract link on the career "
    "record."
)

# A fact's path whose version is not a whole number from 1 (`/employees/{nip}/events/abc`, `.../events/-1`,
# `.../events/0`): no route took it (its converter reads digits from 1 alone), answered as the fact not found naming
# `version`, not as a path the API has none of (until 2026-12-05 the generic unknown-path; until 2026-12-06 version 0
# was read, and answered a 404 with a `detail` alone). It names no record: the NIP is not read.
FACT_PATH = re.compile(r"/api/v1/employees/[^/]+/events/(?P<version>[^/]+)")
NOT_A_VERSION = Refusal(
    "No fact has version {version}: a fact's version is a whole number from 1, as the record's events list them.",
    quotes=("version",),  # (the address's text as given, cut as every refusal quotes one)
)


def unread_version(path: str) -> Reason | None:
    """Why a fact's path names no version (NOT_A_VERSION), or None when it is no fact's path."""
    found = FACT_PATH.fullmatch(path)
    if found is None:
        return None
    text = found["version"]
    if text.isascii() and text.isdigit() and text.strip("0"):  # (0, 00: no fact's version)
        return None
    return NOT_A_VERSION.reason(version=found["version"])


NEWER_RELEASE = Refusal(
    "The record holds an event recorded by a newer careerlog release, which this server cannot read: "
    "it must run that release."
).reason()


STORE_KEY = Refusal(
    "This server's CAREERLOG_ENCRYPTION_KEY (or its absence) is not the store's: it can neither read the store's "
    "events nor record any (nothing was recorded). Its operator must start it with the store's key."
).reason()


def unexpected_problem(error: Exception) -> Response:
    """Anything else: logged in full, answered without internals."""
    if isinstance(error, HTTPException):
        return http_problem(error)
    if isinstance(error, TopicError):  # an event class this release does not have (docs/operations.md, Upgrades)
        current_app.logger.exception("An event recorded by a newer careerlog release")
        return problem(503, NEWER_RELEASE, slug="newer-release", headers={"Retry-After": str(NEWER_RELEASE_RETRY)})
    if isinstance(error, KeyMismatch):  # (careerlog.storekey: the store written with another key since it started)
        current_app.logger.exception("CAREERLOG_ENCRYPTION_KEY is not the store's")
        return problem(503, STORE_KEY, slug="store-key")
    if isinstance(error, PersistenceError):
        current_app.logger.exception("The database could not be used")
        headers = {"Retry-After": str(store_retry())}
        return problem(503, STORE_UNUSABLE, headers=headers)
    current_app.logger.exception("Unexpected error")
    return problem(500, OUR_SIDE)


def init_app(app: Flask) -> None:
    for cls in DOMAIN_ERRORS:
        app.register_error_handler(cls, domain_problem)
    app.register_error_handler(ValidationError, validation_problem)
    app.register_error_handler(HTTPException, http_problem)
    app.register_error_handler(Exception, unexpected_problem)

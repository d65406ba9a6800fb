"""The JSON API under /api/v1: one blueprint per area, documented in OpenAPI 3.

Every request to the API carries a bearer token (`careerlog tokens create`); reads of
the views may wait for a position (`?wait_for=`); errors are problem+json (web.errors).
The OpenAPI document is at /api/openapi.json and the documentation page at /api/docs.
"""

from __future__ import annotations

import http
import threading
from collections.abc import Callable
from typing import Any

from apispec import APISpec
from flask import Flask, Response, current_app, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException

from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import latest_today
from web.api import accounts, audits, employees, imports, reference, reports, scorecard, units
from web.api.common import (
    CONDITIONAL_BLUEPRINTS,
    authenticate,
    bearer_token,
    conditional,
    hold_connection,
    negotiate,
    refuse_role,
    release_connection,
    wait_if_asked,
)
from web.api.event_schemas import register_components
from web.api.fields import THIS_YEAR, PlainDecimal
from web.api.ratelimit import COUNTED, TokenLimit
from web.api.schemas import ProblemSchema
from web.api.scope import refuse_outside_scope, scope_refusal
from web.config import DEFAULT_RATE
from web.errors import PROBLEM_JSON, domain_problem, http_problem

BLUEPRINTS = (
    employees.blp,
    audits.blp,
    reports.blp,
    scorecard.blp,
    units.blp,
    imports.blp,
    accounts.blp,
    reference.blp,
)
API_BLUEPRINT_NAMES = frozenset(b.name for b in BLUEPRINTS)
CONDITIONAL_BLUEPRINTS.update(API_BLUEPRINT_NAMES)
OPENAPI_ENDPOINT = "api-docs.openapi_json"  # flask-smorest's view of /api/openapi.json
API_PATH = "/api/"
PUBLIC_API_PATHS = ("/api/openapi.json", "/api/docs")  # read without a token (API_CONFIG's OPENAPI_* paths)
RATE_LIMIT = "careerlog_rate_limit"  # the app's TokenLimit, in app.extensions
INPUT_REFUSALS = (400, 415, 422)  # an HTTP error refusing what the request sent (web.api.blueprint.BodyParser, webargs)
RETRY_AFTER = {  # the answers that say when to try again (web.api.ratelimit, web.errors)
    429: "Seconds until the token's rate-limit window ends.",
    503: (
        "Seconds to wait: 1 for wait_for, 30 for a view being filled, the connect timeout (5, or the database URL's "
        "connect_timeout) when the database could not be used."
    ),
}

DESCRIPTION = """careerlog's career records of civil servants (ASN), as an immutable event log.

Send `Authorization: Bearer TOKEN` with every request (`careerlog tokens create`).
A write answers with its log `position`; pass it as `wait_for` to a read to see your
own write. Lists and reports answer in CSV with `Accept: text/csv` or `?format=csv`
(`format` is refused, 422, where only JSON is offered); an Accept header allowing none
of an operation's media types is answered 406 Not Acceptable.
Every read answered 200 carries an `ETag`: send it back as `If-None-Match` and an answer
still the same is a 304 Not Modified without a body; both say `Cache-Control: private, no-cache`
(a client's cache sends the ETag back before each use; no shared cache keeps them), errors
and writes' answers `no-store`, all `Vary: Accept, Authorization`. Each token may make
CAREERLOG_API_RATE_LIMIT requests (default 3000 a minute); past it, 429 with `Retry-After`.
A page of a list (the roster, the records past their retirement day, the audited promotions, posts, CPNS
appointments, awards and study leaves, grade inflation, the access log, the account changes) links the next
one (`Link: <...>; rel="next"`, its `next` passed as `after`): follow it to read the whole, unshifted by rows
added meanwhile (pages by `page` number are kept, and shift).
Errors are `application/problem+json` (RFC 9457), the first check a request fails answering: the token (401), its
rate (429), the role (403), the scope of the employee, audited decision or agency the request names (404 as a record
that is not there; 403 for an agency), then what it sent (406, 400, 415, 422). See docs/api.md."""

API_CONFIG: dict[str, Any] = {
    "API_TITLE": "careerlog",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/static/",
    # persistAuthorization off: Swagger UI would keep the bearer token pasted into "Authorize" in the browser's
    # localStorage, readable by any script of the origin and left behind on a shared computer (docs/security.md)
    "OPENAPI_SWAGGER_UI_CONFIG": {"validatorUrl": None, "deepLinking": True, "persistAuthorization": False},
    "API_SPEC_OPTIONS": {
        "info": {"description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
    },
}


def this_years(document: dict[str, Any], year: int) -> None:
    """Each year parameter of the document (its schema, or its list's items, marked THIS_YEAR: web.api.fields.PAST_YEAR)
    given `year` as its maximum, in place: this year anywhere in Indonesia (latest_today), as a_past_year checks it."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                for bounded in (schema, schema.get("items", {})):
                    if bounded.get(THIS_YEAR):
                        bounded["maximum"] = year


class YearsBoundSpec(APISpec):
    """apispec's document, its year parameters' maximum this year whenever it is given out (to_dict: /api/openapi.json,
    `flask openapi print`): the document is written once a process, which may serve past New Year."""

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = super().to_dict()
        this_years(document, latest_today().year)
        return document


class CareerlogApi(Api):
    """flask-smorest's Api, with problem+json errors in the answers and in the document.

    The OpenAPI document's operations are written when the document is first read (`spec`: /api/openapi.json, the
    docs page, `flask openapi`), not as each blueprint is registered: writing them (flask-smorest deep-copies each
    view's documentation, apispec resolves every schema) was about 60% of `create_app`'s CPU, paid by every app made
    (each functional test's, each worker's) though most never serve the document. The document is the same."""

    ERROR_SCHEMA = ProblemSchema

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._undocumented: list[Callable[[Any], None]] = []  # what is still to be written into the document
        self._documenting = threading.RLock()  # (a worker's threads may read the document at once)
        self._spec: Any = None
        super().__init__(*args, **kwargs)

    @property
    def spec(self) -> Any:
        """The OpenAPI document (an APISpec), with everything registered so far written into it, in order."""
        with self._documenting:
            undocumented, self._undocumented = self._undocumented, []
            for write in undocumented:
                write(self._spec)
            return self._spec

    @spec.setter
    def spec(self, spec: Any) -> None:
        if type(spec) is APISpec:  # (flask-smorest's, made as the Api is: its year parameters' maxima said when read)
            spec.__class__ = YearsBoundSpec
        self._spec = spec

    def document(self, write: Callable[[Any], None]) -> None:
        """Have `write` write into the document (an APISpec) when it is first read, after what came before it."""
        with self._documenting:
            self._undocumented.append(write)

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        """Register a blueprint in the app, as flask-smorest does, its operations written into the document when
        it is read (`spec`)."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)

        def write(spec: Any) -> None:  # as flask-smorest's register_blueprint documents a blueprint
            blp.register_views_in_doc(self, self._app, spec, name=name, parameters=parameters)
            spec.tag({"name": name, "description": blp.description})

        self.document(write)

    def register_field(self, field: Any, *args: Any) -> None:
        """As flask-smorest's, without reading `spec` (which would write everything still to be written)."""
        self._fields.append((field, *args))
        if self._spec is not None:
            self._register_field(field, *args)

    def handle_http_exception(self, error: HTTPException) -> Any:
        """An HTTP error as a problem; a refusal of what the request sent (a body that is no JSON or not JSON, an
        argument webargs refuses) given to a caller whose scope does not hold what the request names is the
        scope's refusal instead (web.api.scope)."""
        if error.code in INPUT_REFUSALS and (refusal := scope_refusal()) is not None:
            return domain_problem(refusal)
        return http_problem(error)

    def _register_responses(self) -> None:
        """flask-smorest's error responses, written into the document when it is read, as the operations are:
        written at once they were about a quarter of `create_app`'s CPU (apispec copies each response's schema).
        Nothing that `create_app` runs reads `spec` (flask-smorest's ETag and pagination headers, the fields, the
        security scheme are written in turn too): reading it would write the responses at once."""
        self.document(self._write_responses)

    def _register_etag_headers(self) -> None:
        self.document(lambda spec: super(CareerlogApi, self)._register_etag_headers())

    def _register_pagination_header(self) -> None:
        self.document(lambda spec: super(CareerlogApi, self)._register_pagination_header())

    def _write_responses(self, spec: Any) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            if status in RETRY_AFTER:
                header = {"description": RETRY_AFTER[status], "schema": {"type": "integer"}}
                response["headers"] = {"Retry-After": header}
            prepare_response(response, spec, PROBLEM_JSON)
            spec.components.response(status.name, response, lazy=True)
        default = {"description": "An error (problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(default, spec, PROBLEM_JSON)
        spec.components.response("DEFAULT_ERROR", default, lazy=True)


def guard() -> Response | None:
    """Before every API request: hold one database connection for it, authenticate, count it against its
    token's rate limit (429 past it: web.api.ratelimit), refuse a role that may not take the view's action (403,
    before any argument is read: web.api.common.refuse_role), refuse what it may not be answered in
    (web.api.common.negotiate), then wait for a position if asked to. A refusal of the request's `format`, Accept
    header or `wait_for` is the scope's refusal instead when the caller's scope does not hold what the request
    names (web.api.scope); a read asked to wait is judged by the scope before it waits, so that a caller outside it
    is refused at once (it waited first, up to CAREERLOG_WAIT_SECONDS, and the time taken told how far the views
    were behind), but for an audited decision, whose scope only the views hold. The OpenAPI document is negotiated
    too."""
    if request.blueprint in API_BLUEPRINT_NAMES:
        hold_connection()
        authenticate()
        token = bearer_token(request.headers)
        limit: TokenLimit = current_app.extensions[RATE_LIMIT]
        counted = request.environ.pop(COUNTED, False)  # by the fast path, within the limit (web.fastreads)
        if not counted and not limit.allows(token):
            return limit.refusal(token)
        refuse_role()
        try:
            refused = negotiate()
            if refused is not None:
                refuse_outside_scope()
                return refused
            if "wait_for" in request.args:  # the scope before the wait: refused at once, nothing told by the time
                refuse_outside_scope(before_the_wait=True)
            wait_if_asked()
        except InvalidInput:
            refuse_outside_scope()
            raise
    elif request.endpoint == OPENAPI_ENDPOINT:
        return negotiate()  # the document is JSON only, as the API's JSON-only reads (no token needed)
    elif request.url_rule is None and unrouted_under_api(request.path):
        hold_connection()
        authenticate()  # (the 401 first: then the 405 with its Allow, or the 404, to a caller with a valid token)
    return None


def unrouted_under_api(path: str) -> bool:
    """Whether a request that matched no route (a 404) or none of its route's methods (a 405, whose Allow names
    them) is under /api/ and not to the documents anyone may read (/api/openapi.json, /api/docs): it is answered
    401 without a valid token, as a request to a route of the API is, so that a caller without one learns neither
    which paths are routes nor which methods they take (a DELETE of /api/v1/employees/{nip}/events was a 405
    naming GET, HEAD, OPTIONS, POST). With a valid token: the 405 or 404 as before."""
    if not path.startswith(API_PATH):
        return False
    return not any(path == public or path.startswith(public + "/") for public in PUBLIC_API_PATHS)


# apispec writes a nullable Nested field in OpenAPI 3.0 as `anyOf: [{$ref}, {"type": "object", "nullable": true}]`: its
# second branch is any object, of no properties, which any answer matches (a client generator read the time to
# promotion's `logrank` and `cox`, the eligibility's `blocked`, as bare objects). Written so, the branch is null alone.
ANY_OBJECT_OR_NULL = {"type": "object", "nullable": True}
NULL_ONLY = {**ANY_OBJECT_OR_NULL, "enum": [None]}


def nested_or_null(converter: Any, field: Any, ret: dict[str, Any], **_: Any) -> dict[str, Any]:
    """An apispec attribute function, after its own: a nullable Nested field's object or null, and nothing else."""
    branches = ret.get("anyOf")
    if not getattr(field, "allow_none", False) or not branches:
        return {}
    return {"anyOf": [NULL_ONLY if branch == ANY_OBJECT_OR_NULL else branch for branch in branches]}


def init_api(app: Flask) -> CareerlogApi:
    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    api = CareerlogApi(app)
    api.ma_plugin.converter.add_attribute_function(nested_or_null)
    rate = app.config.get("CAREERLOG_API_RATE_LIMIT", DEFAULT_RATE)
    app.extensions[RATE_LIMIT] = TokenLimit(app.extensions["careerlog"].accounts, rate)
    api.register_field(PlainDecimal, "string", "decimal")  # dumped as a string; a number is accepted too
    api.document(lambda spec: spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"}))
    api.document(register_components)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.before_request(guard)
    app.after_request(conditional)
    app.teardown_request(release_connection)
    return api

"""The hot reads answered without Flask's request machinery: a WSGI dispatcher in front of the app.

An employee's timeline (`/api/v1/employees/<nip>/timeline`), their eligibility
(`.../eligibility`) and a roster page (`/api/v1/employees`, by page number or `after` a
cursor) are most of the API's traffic. Through Flask, flask-smorest and webargs a read pays
for a request context, routing, the before/after hooks, the session and the response
object, about a third of its CPU. `FastReads` answers the happy path of these three reads
itself, with the same pieces the Flask views use (the same query schemas and webargs parser,
`Services.timeline`/`eligibility`/`roster` with their scope checks and access-log entries,
the same response shapes, body writer and security headers), so that the answer is the
same to the byte (its ETag, and the 304 Not Modified to an If-None-Match naming it, included).

Everything else goes to the Flask app unchanged, which answers it exactly as before (its
problem+json errors included): any other path or method (HEAD too), a request with a body,
a cookie (Flask may refresh a session), a URL over the limit (web.security) or `wait_for`, a
query the schema refuses, a NUL character, a query parameter that is not UTF-8, a request for
CSV or with an Accept header allowing neither JSON nor CSV (a 406), a missing or refused token, a
record outside the account's scope or not there, a role that may not read, and any error on
the way. Nothing is written
before the answer is known but the access-log entry, which `Services` writes last, and the
token's last use (which the Flask path then finds fresh, as after any read): a request
handed over is done again by the Flask app from the start, so it writes what it would have
written alone.

On by default; `CAREERLOG_FAST_READS=off` (web.config) serves every request through Flask.
It is installed only while the app's request hooks are the ones it stands in for
(`installable`): a hook added later (a rate limit before every request, say) turns it off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from flask import Flask, g
from marshmallow import Schema
from werkzeug.datastructures import EnvironHeaders, Headers

from careerlog.accounts import Account
from projections.framework import positions_read
from projections.merit.eligibility import NOT_OPEN_READ
from web import security
from web.api import RATE_LIMIT, employees, guard
from web.api.blueprint import ApiBlueprint
from web.api.common import (
    JSON,
    bearer_token,
    chosen_type,
    conditional,
    entity_tag,
    next_page_link,
    plain_body,
    release_connection,
    unchanged,
)
from web.api.paging import LIST_DIGEST, bound_cursor
from web.api.ratelimit import COUNTED, TokenLimit
from web.api.schemas import ReadQuerySchema, RosterQuerySchema, TimelineQuerySchema
from web.import_jobs import JobRunner
from web.scoping import placing_read
from web.services import ELIGIBILITY_VIEWS, Services

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Read = Callable[[Services, Account, str, dict[str, Any]], Any]

ROSTER_PATH = "/api/v1/employees"
KEPT_QUERIES = 4096  # parsed query strings kept
KEPT_READERS = 4096  # accounts of recent tokens kept (all forgotten when more come)
# The statements each employee's read reads its views with (Queries.timeline; EligibilityQueries.answer: the
# eligibility rows and the roster row, for why none is open and the expected end of service), read ahead on
# PostgreSQL with the others (a read that makes another statement only asks again; one read ahead but not made is
# left unused).
VIEW_READS = {
    "timeline": ("SELECT * FROM timeline WHERE subject = ? ORDER BY version",),
    "eligibility": ("SELECT * FROM eligibility WHERE subject = ? ORDER BY kind", NOT_OPEN_READ),
}
# An employee's read by a NIP of 18 digits (any other spelling goes to Flask, which normalises it).
EMPLOYEE_READ = re.compile(r"/api/v1/employees/([0-9]{18})/(timeline|eligibility)")


def timeline(services: Services, reader: Account, nip: str, args: dict[str, Any]) -> Any:
    """What employees.Timeline answers."""
    return services.timeline(reader, nip, as_of=args.get("as_of"), known_at=args.get("known_at"))


def eligibility(services: Services, reader: Account, nip: str, args: dict[str, Any]) -> Any:
    """What employees.Eligibility answers."""
    return services.eligibility(reader, nip)


def roster(services: Services, reader: Account, nip: str, args: dict[str, Any]) -> Any:
    """What employees.Employees answers to a GET."""
    filters, options = employees.roster_options(args)
    return services.roster(reader, filters, **options).to_dict()


# Each read: its query schema (as the view's, built once), what it answers, and the answer's schema.
READS: dict[str, tuple[Schema, Read, Schema]] = {
    "timeline": (TimelineQuerySchema(), timeline, employees.timeline_schema),
    "eligibility": (ReadQuerySchema(), eligibility, employees.eligibility_schema),
    "roster": (RosterQuerySchema(), roster, employees.roster_page_schema),
}


class FastReads:
    """A WSGI app answering the happy path of the hot reads, and handing every other request to `fallback`."""

    def __init__(self, app: Flask, fallback: WsgiApp):
        self.app = app
        self.fallback = fallback
        self.services: Services = app.extensions["careerlog"]
        self.jobs: JobRunner = app.extensions["careerlog_jobs"]
        self.limit: TokenLimit = app.extensions[RATE_LIMIT]
        self.parser = ApiBlueprint.ARGUMENTS_PARSER
        # A query string always parses to the same arguments: the recent ones are kept (about a tenth of a read).
        self.arguments = lru_cache(maxsize=KEPT_QUERIES)(self.parse)
        self.chosen = lru_cache(maxsize=KEPT_QUERIES)(self.chosen_type)  # by query string and Accept header
        # The account each recent token (by its hash) authenticated as, to read a roster page's rows ahead
        # as that account will read them: only a guess, as a read ahead is taken only by the same query.
        self.readers: dict[Any, Account] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        self.jobs.start()  # (the app's first hook: the process's import jobs' thread, web.import_jobs)
        answered = self.answer(environ) if environ.get("REQUEST_METHOD") == "GET" else None
        if answered is None:
            return self.fallback(environ, start_response)
        body, link = answered
        path = environ.get("PATH_INFO", "")
        secure = environ.get("wsgi.url_scheme") == "https"
        etag = entity_tag(body)
        # The view's own headers (a roster page's Link), then the ETag and the security headers (with how a read
        # answered with its ETag may be cached), as Flask orders them
        headers = [*link, ("ETag", etag), *security.security_headers(path, secure, tagged=True)]
        if unchanged(etag, environ.get("HTTP_IF_NONE_MATCH")):  # as web.api.common.conditional answers it
            start_response("304 NOT MODIFIED", headers)
            return []
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *headers])
        return [body]

    def answer(self, environ: dict[str, Any]) -> tuple[bytes, list[tuple[str, str]]] | None:
        """The body of the answer and the view's own headers (a roster page's Link to the next), or None when the
        Flask app is to answer the request."""
        read, nip = route(environ.get("PATH_INFO", ""))
        if read is None or unusual(environ):
            return None
        arguments = self.arguments(read, environ.get("QUERY_STRING", ""))
        if arguments is None:
            return None
        parsed, digest = arguments
        _, answer, shape = READS[read]
        if self.chosen(environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT")) != JSON:
            return None  # CSV, or an Accept header allowing neither (a 406): Flask's to answer
        try:
            token = bearer_token(self.headers(environ))
            sql = self.services.projector.views.sql
            with sql.one_connection():  # one connection, as the Flask path holds
                ahead = self.reads_ahead(read, token, nip, parsed) if sql.dialect == "postgres" else []
                if ahead:
                    sql.read_ahead(ahead)  # its reads in one round trip
                reader = self.services.accounts.authenticate(token).account
                if not self.limit.allows(token):
                    return None  # past the token's rate limit: Flask answers the 429
                environ[COUNTED] = True  # counted once: should the Flask app answer it after all, not again
                if read == "roster" and ahead:
                    self.remember(ahead[0][1], reader)  # by the token's hash, as read
                found = answer(self.services, reader, nip, dict(parsed))  # a copy: the roster's pops from it
        except Exception:  # any refusal or failure: the Flask app answers it, from the start
            return None
        link = []
        if read == "roster" and found["next"] is not None:  # employees.Employees's Link, from the same query
            found = {**found, "next": bound_cursor(found["next"], digest)}  # (as json_or_csv binds it)
            args = self.app.request_class(environ, populate_request=False, shallow=True).args
            link = [("Link", next_page_link(ROSTER_PATH, args, found["next"]))]
        return plain_body(found, shape), link

    @staticmethod
    def headers(environ: dict[str, Any]) -> Headers:
        """The request's headers as the request object reads them (werkzeug's EnvironHeaders: a header's
        value is the environ's HTTP_ variable), without building the request."""
        return EnvironHeaders(environ)

    def reads_ahead(self, read: str, token: str, nip: str, args: dict[str, Any]) -> list[tuple[str, Sequence[Any]]]:
        """The reads the answer makes before its access-log entry: the token's account; for an employee's
        read, whatever the token, where they work now (the scope check) and the view's rows; for a roster
        page, the view's position and the page's rows as the account the token last authenticated as in
        this process reads them (Services.roster_reads; none for a token not seen yet)."""
        token_read = self.services.accounts.token_read(token)
        found: list[tuple[str, Sequence[Any]]] = [token_read]
        placing = placing_read(self.services.ledger, nip) if read in VIEW_READS else None
        if placing is not None:
            found.append(placing)
            if read == "eligibility":  # the views' positions first, as Services.aligned reads them before the rows
                views = self.services.projector.views
                found.append(positions_read(views.tracking_table, ELIGIBILITY_VIEWS))
            found += [(statement, (nip,)) for statement in VIEW_READS[read]]
        reader = self.readers.get(token_read[1]) if read == "roster" else None
        if reader is not None:
            filters, options = employees.roster_options(dict(args))  # a copy: it pops from it
            found += self.services.roster_reads(reader, filters, **options)
        return found

    def remember(self, key: Any, reader: Account) -> None:
        """Keep the account a token (by the parameters of its read) authenticated as, for `reads_ahead`."""
        if self.readers.get(key) != reader:
            if len(self.readers) >= KEPT_READERS:
                self.readers.clear()
            self.readers[key] = reader

    def parse(self, read: str, query_string: str) -> tuple[dict[str, Any], str | None] | None:
        """The arguments the read's view gets from this query string, as webargs parses them with the view's
        schema, and the digest a list's cursor is bound to (web.api.paging.filters_digest); None for a query the
        fast path leaves to Flask: refused, with `wait_for`, or a NUL character."""
        environ = {"REQUEST_METHOD": "GET", "QUERY_STRING": query_string}
        request = self.app.request_class(environ, populate_request=False, shallow=True)
        args = request.args
        if "wait_for" in args or any("\x00" in value for _, value in args.items(multi=True)):
            return None
        try:
            with self.app.app_context():  # the query schemas read the app's settings (the page window)
                parsed = dict(self.parser.parse(READS[read][0], request, location="query"))
                return parsed, g.get(LIST_DIGEST)
        except Exception:  # refused (422): Flask answers it
            return None

    def chosen_type(self, query_string: str, accept: str | None) -> str | None:
        """What a request with this query string and Accept header is answered in (web.api.common.chosen_type:
        JSON, CSV or None for neither)."""
        environ = {"REQUEST_METHOD": "GET", "QUERY_STRING": query_string}
        if accept is not None:
            environ["HTTP_ACCEPT"] = accept
        return chosen_type(self.app.request_class(environ, populate_request=False, shallow=True))


def route(path: str) -> tuple[str | None, str]:
    """Which read a path is (timeline, eligibility, roster) and the NIP it names; (None, "") for others."""
    if path == ROSTER_PATH:
        return "roster", ""
    matched = EMPLOYEE_READ.fullmatch(path)
    if matched is None:
        return None, ""
    return matched.group(2), matched.group(1)


def unusual(environ: dict[str, Any]) -> bool:
    """A body, a cookie (Flask's session may answer with one), a script root, a URL over the limit (a 414) or a query
    parameter that is not UTF-8 (a 422): Flask's to answer."""
    return bool(
        security.url_length(environ) > security.MAX_URL_BYTES
        or environ.get("HTTP_COOKIE")
        or environ.get("CONTENT_LENGTH") not in (None, "", "0")
        or environ.get("HTTP_TRANSFER_ENCODING")
        or environ.get("SCRIPT_NAME")
        or security.not_utf8_argument(environ.get("QUERY_STRING", "")) is not None  # (a 422: Flask's)
    )


# The request hooks of the Flask path for these reads; FastReads stands in for exactly these.
BEFORE = ("JobRunner.start", "refuse_long_urls", "refuse_unreadable_arguments", "guard")
AFTER = ("add_security_headers", "conditional", "Limiter.__inject_headers")
TEARDOWN = ("release_connection", "Limiter.__release_context")


def installable(app: Flask) -> bool:
    """Whether the app's request hooks are the ones FastReads stands in for (and no others), and no setting
    makes Flask answer by the request's host or under a root path (which FastReads does not look at)."""
    hooks = (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs)
    found = tuple(tuple(hook_name(f) for f in funcs.get(None, ())) for funcs in hooks)
    others = any(key is not None and funcs for hooks_of in hooks for key, funcs in hooks_of.items())
    by_host = app.config.get("SERVER_NAME") or app.config.get("TRUSTED_HOSTS") or app.url_map.host_matching
    return (
        found == (BEFORE, AFTER, TEARDOWN)
        and not others
        and not by_host
        and app.config.get("APPLICATION_ROOT", "/") == "/"
        and not app.url_value_preprocessors
        and guard in app.before_request_funcs[None]
        and release_connection in app.teardown_request_funcs[None]
        and conditional in app.after_request_funcs[None]
    )


def hook_name(func: Any) -> str:
    """A hook's name: a function's, a bound method's or a partial's qualified name (their class and name)."""
    inner = getattr(func, "func", func)
    return str(getattr(inner, "__qualname__", repr(inner)))


def install(app: Flask) -> bool:
    """Put FastReads in front of the app's WSGI callable when it may stand in for the hooks; whether it did."""
    if not installable(app):
        app.logger.warning("fast reads off: the app's request hooks are not the ones they stand in for")
        return False
    app.wsgi_app = FastReads(app, app.wsgi_app)  # type: ignore[method-assign]
    return True

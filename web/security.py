"""Security headers on every response, no URL longer than MAX_URL_BYTES, no NUL character in any
query or path parameter, and no query parameter that is not UTF-8.

The API and pages allow only the app's own origin. The Swagger UI page of flask-smorest
starts itself with an inline script, so its page (and only it) also allows inline script
and style. Strict-Transport-Security is sent only on requests that arrived over https.

How an answer may be cached (RFC 9111) is said here too (`cache_headers`), for every answer: an API read
answered with its ETag (200 or 304) `private, no-cache` (no shared cache keeps it; a client's own cache keeps
it only to revalidate it with the ETag at every use, which the server reads, checks and logs as any read) with
`Vary: Accept, Authorization` (an API error's, Accept-Language too); the OpenAPI document and the docs page
`no-cache`; everything else `no-store` (the pages, every error, a write's answer), unless a view set its own (the
static files' and /health's).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from flask import Flask, Response, request
from werkzeug.exceptions import RequestURITooLarge

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal

STRICT_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
DOCS_PAGE = "/api/docs"
HSTS = "max-age=31536000; includeSubDomains"
API_PREFIX = "/api/v1"
OPENAPI_DOCUMENT = "/api/openapi.json"
LOGOUT = "/pages/logout"
# On logging out the browser drops all it holds of this site: what it cached (pages cached before they were no-store,
# by an older release), its cookies (the session's, and any copy of it) and its storage (localStorage, IndexedDB...: a
# token an older docs page kept there). The chosen language is carried in the log-out's redirect (?lang=) instead.
# Browsers honour it over https only.
CLEAR_SITE_DATA = ("Clear-Site-Data", '"cache", "cookies", "storage"')
# Cache-Control: kept by no cache at all; kept by the client alone, revalidated at every use; revalidated at every use.
NO_STORE = "no-store"
PRIVATE_REVALIDATED = "private, no-cache"
REVALIDATED = "no-cache"
# What an API answer depends on besides its URL: the media type asked for (JSON, CSV or a 406) and the token (who
# may read what); a problem (an error's answer, saying its Content-Language) on the language asked for too, which words
# it (web.languages). Nothing else: the API reads no cookie.
API_VARY = "Accept, Authorization"
# The longest URL (path and query, as sent) answered; a longer one is a 414. `careerlog serve` lets request
# lines through up to gunicorn's own limit (8,190 bytes, above this) and answers a longer one alike (web.cli).
MAX_URL_BYTES = 8000
# (a Refusal, so the app's 414 says it in the client's language, its title too, web.errors.TITLES; until 2026-12-08 in
# English whatever was asked. The worker's 414 of a request line past gunicorn's ceiling stays English: its headers,
# Accept-Language among them, are not read)
URL_TOO_LONG = Refusal(
    "The URL (path and query) is longer than the limit of {limit} bytes.", numbers=("limit",)
).reason(limit=f"{MAX_URL_BYTES:,}")


def security_headers(path: str, secure: bool, *, tagged: bool = False) -> list[tuple[str, str]]:
    """The security headers of an answer to this path, in the order they are set (HSTS only over https), then how
    it may be cached (`cache_headers`; `tagged`: a read answered 200 or 304 with its ETag)."""
    headers = [
        ("Content-Security-Policy", DOCS_CSP if path.rstrip("/") == DOCS_PAGE else STRICT_CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    ]
    if secure:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers + cache_headers(path, tagged)


def cache_headers(path: str, tagged: bool) -> list[tuple[str, str]]:
    """Cache-Control and Vary of an answer to this path. Only an answer with an ETag (`tagged`) may be kept, as it
    can be revalidated: an API read's by the client alone (`private`: it holds personal data), the OpenAPI document's
    and the docs page's by any cache (they hold none). Anything else is `no-store`: every page (they show personal
    data to whoever is logged in, and carry the log-in form's CSRF token), every error, a write's answer, and any
    path not named here. Every API answer, its errors and 304s too, varies by Accept and Authorization (an error by
    Accept-Language too: web.errors.problem); the document by Accept (it is negotiated: a 406 to text/csv)."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return [("Cache-Control", PRIVATE_REVALIDATED if tagged else NO_STORE), ("Vary", API_VARY)]
    if path == OPENAPI_DOCUMENT:
        return [("Cache-Control", REVALIDATED if tagged else NO_STORE), ("Vary", "Accept")]
    if path.rstrip("/") == DOCS_PAGE:
        return [("Cache-Control", REVALIDATED if tagged else NO_STORE)]
    if path == LOGOUT:
        return [("Cache-Control", NO_STORE), CLEAR_SITE_DATA]
    return [("Cache-Control", NO_STORE)]


def add_security_headers(response: Response) -> Response:
    """Set the security headers, keeping any a view set itself (its own Cache-Control: a static file's, /health's),
    and adding to its Vary (Accept-Language to an answer naming its Content-Language: an API problem, web.languages)."""
    tagged = response.status_code in (200, 304) and "ETag" in response.headers
    for name, value in security_headers(request.path, request.is_secure, tagged=tagged):
        if name == "Vary":
            response.vary.update(value.split(", "))
        else:
            response.headers.setdefault(name, value)
    if "Content-Language" in response.headers:  # (an answer worded in the language asked for: an API problem)
        response.vary.add("Accept-Language")
    return response


def url_length(environ: dict[str, Any]) -> int:
    """The length of the URL as sent (the request target: gunicorn's RAW_URI, werkzeug's REQUEST_URI), or
    of the path and query the server gives (a server that gives neither)."""
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if target is None:
        query = environ.get("QUERY_STRING", "")
        target = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "") + ("?" + query if query else "")
    return len(target)


def refuse_long_urls() -> None:
    """A URL longer than MAX_URL_BYTES is a 414 naming the limit, before anything is read."""
    if url_length(request.environ) > MAX_URL_BYTES:
        raise RequestURITooLarge(URL_TOO_LONG)


NOT_UTF8 = (
    "Not valid UTF-8: the query's text is percent-encoded UTF-8 (%C3%A9 for \u00e9); these bytes are no character."
)


def not_utf8_argument(query: str) -> str | None:
    """The name of the first parameter of a query string (as WSGI gives it: its bytes as latin-1 characters) whose
    name or value, percent-decoded, is not UTF-8 (`?q=%ff`), named as far as it reads; None when every one is.
    werkzeug reads such bytes as U+FFFD, so `?q=%ff` searched for a character no one wrote and answered nothing."""
    if query.isascii() and "%" not in query:  # (the common query: nothing to decode)
        return None
    try:
        raw = query.encode("latin-1")
    except UnicodeEncodeError:  # (characters no WSGI server gives: not bytes)
        return None
    for pair in raw.split(b"&"):
        name, _, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"="))
        try:
            name.decode()
            value.decode()
        except UnicodeDecodeError:
            return name.decode(errors="replace")
    return None


NOT_UTF8_PATH = (
    "Not valid UTF-8: the path's text is percent-encoded UTF-8 (%C3%A9 for \u00e9); these bytes are no character."
)


def not_utf8_path_argument(environ: dict[str, Any], view_args: dict[str, Any]) -> str | None:
    """The name of the first path parameter holding what werkzeug read, as U+FFFD, from bytes of the path that are
    not UTF-8 once percent-decoded (`/units/KOTA-MEDAN/Dinas%E9/ratings`); None when the path is UTF-8, or no
    parameter holds such bytes (a static part of the path: no route matched). The path as sent (RAW_URI,
    REQUEST_URI) is read where the server gives it, else PATH_INFO (its bytes as latin-1 characters)."""
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    try:
        if target is not None:
            path = target if target.startswith("/") else urlsplit(target).path  # (absolute-form: its path)
            raw = unquote_to_bytes(path.partition("?")[0].encode("latin-1"))
        else:
            raw = environ.get("PATH_INFO", "").encode("latin-1")
    except UnicodeEncodeError:  # (characters no WSGI server gives: not bytes)
        return None
    if raw.isascii():
        return None
    try:
        raw.decode()
    except UnicodeDecodeError:
        return next((k for k, v in view_args.items() if isinstance(v, str) and "\ufffd" in v), None)
    return None


def refuse_unreadable_arguments() -> None:
    """A query parameter whose name or value is not UTF-8 (`?q=%ff`), a path parameter likewise
    (`/units/KOTA-MEDAN/Dinas%E9/ratings`), or a NUL character in a query or path parameter, is a 422 naming it
    (SQLite's LIKE stops at a NUL, PostgreSQL refuses one in text), before any view reads it. Before, a value not
    UTF-8 was read with U+FFFD in its place: a list filtered by it answered empty, and a unit's rating was recorded
    for a unit named with it."""
    named = not_utf8_argument(request.environ.get("QUERY_STRING", ""))
    if named is not None:
        raise InvalidInput(NOT_UTF8, named)
    named = not_utf8_path_argument(request.environ, request.view_args or {})
    if named is not None:
        raise InvalidInput(NOT_UTF8_PATH, named)
    values = [*request.args.items(multi=True), *(request.view_args or {}).items()]
    for name, value in values:
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput("May not contain a NUL character.", name)


def init_app(app: Flask) -> None:
    """Register the hooks on the app."""
    app.before_request(refuse_long_urls)
    app.before_request(refuse_unreadable_arguments)
    app.after_request(add_security_headers)

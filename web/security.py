"""Security headers on every response, and no NUL character in any query or path parameter.

The API and pages allow only the app's own origin. The Swagger UI page of flask-smorest
starts itself with an inline script, so its page (and only it) also allows inline script
and style. Strict-Transport-Security is sent only on requests that arrived over https.
"""

from __future__ import annotations

from flask import Flask, Response, request

from careerlog.domain.errors import InvalidInput

STRICT_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
DOCS_PAGE = "/api/docs"
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    """Set the security headers, keeping any a view set itself."""
    headers = response.headers
    is_docs_page = request.path.rstrip("/") == DOCS_PAGE
    headers.setdefault("Content-Security-Policy", DOCS_CSP if is_docs_page else STRICT_CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def refuse_nul_characters() -> None:
    """A NUL character in a query or path parameter is a 422 naming it (SQLite's LIKE stops at one,
    PostgreSQL refuses one in text), before any view reads it."""
    values = [*request.args.items(multi=True), *(request.view_args or {}).items()]
    for name, value in values:
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput("May not contain a NUL character.", name)


def init_app(app: Flask) -> None:
    """Register the hooks on the app."""
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)

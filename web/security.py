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


def security_headers(path: str, secure: bool) -> list[tuple[str, str]]:
    """The security headers of an answer to this path, in the order they are set (HSTS only over https)."""
    headers = [
        ("Content-Security-Policy", DOCS_CSP if path.rstrip("/") == DOCS_PAGE else STRICT_CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    ]
    if secure:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


def add_security_headers(response: Response) -> Response:
    """Set the security headers, keeping any a view set itself."""
    for name, value in security_headers(request.path, request.is_secure):
        response.headers.setdefault(name, value)
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

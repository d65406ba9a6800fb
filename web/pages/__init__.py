"""Server-rendered pages: log-in and an employee's career record, Indonesian by default, English on request.

The session holds the user name only; every page reads the account again and goes through the
same Services methods (and so the same access checks) as the JSON API. Every form is a FlaskForm
and so carries a CSRF token; the JSON API under /api uses bearer tokens and has no forms.
"""

from __future__ import annotations

import os
from datetime import date

from flask import Flask, request, session
from flask_babel import Babel, format_date, format_decimal, get_locale
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

LANGUAGES = ("id", "en")
limiter = Limiter(get_remote_address, storage_uri="memory://", default_limits=[])


def select_locale() -> str:
    """The language the visitor chose (?lang= or the session), Indonesian otherwise."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    lang = session.get("lang")
    return lang if lang in LANGUAGES else "id"


def local_date(value: str | None) -> str:
    """An ISO date (or the date part of a timestamp) in the visitor's language."""
    return format_date(date.fromisoformat(value[:10]), "medium") if value else ""


def init_pages(app: Flask) -> None:
    """Register the page blueprints with Babel, the log-in rate limit and the session cookie settings."""
    from web.pages.auth import blp as auth_blueprint

    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Secure cookies when served over https: CAREERLOG_SECURE_COOKIES=1 (the default stays off for http).
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE")) or os.environ.get(
        "CAREERLOG_SECURE_COOKIES", ""
    ).lower() in ("1", "true", "yes")
    app.config.setdefault("PREFERRED_URL_SCHEME", "https")
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["local_number"] = format_decimal
    limiter.init_app(app)
    app.register_blueprint(auth_blueprint)

"""Server-rendered pages for employees, HR, inspectors and reports; Indonesian by default, English on request.

The session holds the user name only; every page reads the account again and goes through the
same Services methods (and so the same access checks) as the JSON API. Every form is a FlaskForm
and so carries a CSRF token; the JSON API under /api uses bearer tokens and has no forms.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from flask import Flask, redirect, request, session, url_for
from flask_babel import (
    Babel,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_timezone,
    to_user_timezone,
)
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from jinja2 import pass_context
from jinja2.runtime import Context
from werkzeug.exceptions import MethodNotAllowed

from projections.merit.fairness import ALPHA
from projections.merit.groups import rounded_apart
from web import login_limit
from web.api.paging import last_page
from web.pages.labels import (
    account_scope_label,
    action_label,
    change_label,
    code_label,
    code_name,
    fact_kind_label,
    field_label,
    group_name,
    kept_scope_label,
    kind_label,
    measure_label,
    post_level_name,
    promotion_kind_name,
    role_label,
    rule_label,
    rule_status_label,
    scope_label,
    severity_label,
    source_text,
    via_label,
)

LANGUAGES = ("id", "en")


class Unread(str):
    """A page's reason refusing an argument of its address that it does not read, under the argument's name (as the
    API names an unknown field, not under `_schema`): the form has no field of it, so its error summary shows it
    (macros.html, schema_errors; the Jinja test `unread`)."""

    __slots__ = ()


# The counts are kept in the store (web.login_limit), so every worker and host of it counts together.
limiter = Limiter(get_remote_address, storage_uri=f"{login_limit.SCHEME}://", default_limits=[])


def check_limits_in_views_only(app: Flask) -> None:
    """Without flask-limiter's check before every request when that check has no limit to apply.

    The extension checks, before every request, the limits that apply beyond a view's own
    (application, default, blueprint and fallback limits; meta limits with them); a limit
    decorating a view (the log-in's) is checked by the decorator's wrapper when the view is
    called, whether or not the hook ran (flask-limiter's Limit.__call__). careerlog sets only
    decorated limits, so the hook found nothing to check and cost about a tenth of a read's CPU.
    It is removed only while that holds: any such limit configured keeps it.
    """
    manager = limiter.limit_manager
    if (
        manager.application_limits
        or manager.default_limits
        or any(manager._blueprint_limits.values())
        or limiter._meta_limits
        or limiter._in_memory_fallback
    ):
        return
    app.before_request_funcs[None].remove(limiter._check_request_limit)


def select_locale() -> str:
    """The language the visitor chose (?lang= or the session), Indonesian otherwise.

    `?lang=` (the language links, a GET) sets the session's language and nothing else; from a link of another
    site (the browser says Sec-Fetch-Site: cross-site) it shows that answer in the language without keeping it,
    so another site cannot change what the visitor's next pages read in (docs/security.md)."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        if request.headers.get("Sec-Fetch-Site") != "cross-site" and session.get("lang") != chosen:
            session["lang"] = chosen
        return chosen
    lang = session.get("lang")
    return lang if lang in LANGUAGES else "id"


def language_asked() -> dict[str, Any]:
    """The language link's argument of the address (`lang`, one of LANGUAGES), for a redirect to carry to the page it
    sends the reader on to: that page is then shown in it, as select_locale shows a page asked for with it (the
    redirect itself renders nothing, and so read no language)."""
    chosen = request.args.get("lang")
    return {"lang": chosen} if chosen in LANGUAGES else {}


def local_date(value: str | None) -> str:
    """An ISO date in the visitor's language, as it is (a TMT, a calendar day, never shifted); a time with its offset
    (a recorded_at) on its day in the display time zone (CAREERLOG_TIMEZONE: flask-babel rebases it), as
    local_datetime shows it: recorded at 20:00 UTC is the next day in WIB."""
    if not value:
        return ""
    if len(value) > 10 and (moment := datetime.fromisoformat(value)).tzinfo is not None:
        return format_date(moment, "medium")
    return format_date(date.fromisoformat(value[:10]), "medium")


# A zone's name as Indonesians read it (Waktu Indonesia Barat, Tengah, Timur); any other zone by its offset from UTC
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_name(moment: datetime | None = None) -> str:
    """The display time zone (CAREERLOG_TIMEZONE, flask-babel's) as a time shown in it says: WIB, WITA or WIT; any
    other zone by its offset at `moment` ("UTC+05:30"; "UTC" itself), or, for a column's name (no moment), by its
    IANA name when its offset changes over the year (summer time), else by that offset."""
    zone = get_timezone() or UTC  # (None outside a request)
    name = getattr(zone, "zone", str(zone))
    if name in ZONE_NAMES:
        return ZONE_NAMES[name]
    at = moment or datetime.now(UTC)
    if moment is None and len({zone.utcoffset(datetime(at.year, month, 1)) for month in (1, 7)}) > 1:
        return name
    offset = format_datetime(at, "xxx")
    return "UTC" if offset == "+00:00" else f"UTC{offset}"


def as_datetime(value: datetime | str) -> datetime:
    """A recorded time (an aware datetime or its ISO text); one without an offset taken as UTC, as recorded."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def local_datetime(value: datetime | str | None) -> str:
    """A recorded time in the visitor's language and the display time zone (CAREERLOG_TIMEZONE, Asia/Jakarta unless
    set: flask-babel's BABEL_DEFAULT_TIMEZONE converts it from UTC), saying which ("8 Mei 2001 08.31.00 WIB")."""
    if value is None:
        return ""
    moment = as_datetime(value)
    return f"{format_datetime(moment, 'medium')} {zone_name(moment)}"


def sheet_time(value: datetime | str) -> str:
    """A recorded time as a spreadsheet reads a date and time in any language, in the display time zone (the column
    names it: zone_name): 2026-12-02 15:15:00 for 08:15 UTC in WIB."""
    return format_datetime(as_datetime(value), "yyyy-MM-dd HH:mm:ss")


def sheet_datetime(value: datetime) -> datetime:
    """A recorded time as an Excel cell holds it (no zone): its wall time in the display time zone."""
    return to_user_timezone(as_datetime(value)).replace(tzinfo=None)


def local_percent(value: float | None) -> str:
    """A share (0.25) as a percentage in the visitor's language; a dash when there is none."""
    return "\u2013" if value is None else format_percent(value, "#,##0.#%")


def local_level(value: float | None) -> str:
    """A test's level or an interval's (alpha 0.0005, its interval's 0.9995) as a percentage in the visitor's
    language with every place it holds, up to six ("0.05%", "99.95%", "95%"), not one as a share is: local_percent
    showed the 99.95% interval of an alpha of 0.0005 as "100%", and that alpha as "0%"; a dash when there is none."""
    return "\u2013" if value is None else format_percent(value, "#,##0.######%")


def local_p(value: float | None, alpha: float = ALPHA) -> str:
    """A p-value in the visitor's language: under 0.001 as "< 0,001", never a bare 0; a dash when there is none.
    Three places, or every place it was given where three would read `alpha`, the significance level (the answer's:
    rule fairness.adverse_impact), though it is not (0.05017 read "0,05" without the star of a significant one,
    0.04977 "0,05" with it)."""
    if value is None:
        return "\u2013"
    if value < 0.001:
        return f"< {format_decimal(0.001)}"
    # (compared as shown: round() and the formatter round a float's halves apart, 0.0505 being 0.051 to round() and
    # "0.05" to the formatter, which round(value, 3) == round(alpha, 3) let through as "0.05", not significant)
    shown = format_decimal(value, "0.###")
    return format_decimal(value, EVERY_PLACE) if value != alpha and shown == format_decimal(alpha, "0.###") else shown


def local_number(value: float | Decimal | None) -> str:
    """A number in the visitor's language; a dash when there is none (e.g. a suppressed small cell)."""
    return "\u2013" if value is None else format_decimal(value)


EVERY_PLACE = "#,##0.###############"  # a number with every decimal it was given


RATIO_PLACES = 2  # an impact ratio and its interval's bounds on a page, as the scorecard shows its impact ratios


def local_ratio(value: float | None, *limits: float | None) -> str:
    """A ratio (an impact ratio, its interval's bounds) in the visitor's language to two places, as every page shows
    one (until 2026-12-07 the fairness page showed the ratio with four and its bounds with three, the scorecard two;
    the API and the downloads keep the answer's), with more where two would put it on the other side of a limit
    (the rule's threshold) than it is, or on it: 0.7996 reads 0.7996 beside its flag "under 0.8", not 0.80
    (projections.merit.groups.rounded_apart)."""
    shown = rounded_apart(value, *limits, places=RATIO_PLACES)
    if shown is None:
        return "\u2013"
    return format_decimal(shown, "#,##0.00" if shown == round(shown, RATIO_PLACES) else EVERY_PLACE)


def invalid(field: Any) -> dict[str, str]:
    """The attributes tying a refused WTForms field to its error (`<span id="NAME-error">`), none when it is fine."""
    if not field.errors:
        return {}
    return {"aria-invalid": "true", "aria-describedby": f"{field.name}-error"}


def language_link(code: str) -> str:
    """This page's address in the language `code`: its filters kept, `lang` replaced. A list starts again at
    its first page: the page asked for may be past the window the pager links to (web.api.paging)."""
    kept = [(name, value) for name, value in request.args.items(multi=True) if name not in ("lang", "page")]
    return "?" + urlencode([*kept, ("lang", code)])


# The modules whose routes init_pages registers (import_pages): imported when the first app is made, or by the web
# server before it forks, not with `web` (the CLI's commands import it and serve no page).
PAGE_MODULES = tuple(
    f"web.pages.{name}" for name in ("accounts", "auth", "career", "errors", "hr", "inspector", "reports", "scorecard")
)


def import_pages() -> None:
    """Import the pages' modules (`PAGE_MODULES`: matplotlib for their charts above all) ahead of the first app.

    The web server does it once, before it forks its workers (web.cli.serve), as it imports the statistics:
    otherwise each worker's first app paid for them (0.8-1.2 s of CPU here, where the app itself takes 0.06 s),
    and again after every worker restart."""
    for name in PAGE_MODULES:
        importlib.import_module(name)


def at_render(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose result is in the visitor's language, called when a page is rendered, never folded into the
    template's code.

    Jinja's optimizer calls a filter given constant arguments (`{{ "unit" | field_label }}`) while it compiles the
    template, and keeps the result in the compiled code, which the app's environment keeps: the language of the
    request that first rendered the template was every later reader's (a worker of the server serving Indonesian
    readers the employees found page's column names in English, until it restarted). A filter that takes the
    render's context is never called at compile time (jinja2.pass_context)."""

    @pass_context
    @functools.wraps(function)
    def rendered(context: Context, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return rendered


def init_pages(app: Flask) -> None:
    """Register the page blueprints with Babel, the log-in rate limit and the session cookie settings."""
    import_pages()  # their routes on blp and scorecard_blp
    from web.pages import errors
    from web.pages.common import blp
    from web.pages.messages import message_text, reason_text
    from web.pages.scorecard import blp as scorecard_blp

    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Secure cookies when served over https: CAREERLOG_SECURE_COOKIES=on (web.config; the default stays off for http).
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE"))
    # The session's cookie is renewed (the idle time-out starts again) by a page a signed-in user opens
    # (web.pages.common.session_account), not by every answer: a year-cacheable stylesheet or an API answer
    # carrying Set-Cookie could hand a shared cache the session, and the API varies on no cookie.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.config.setdefault("PREFERRED_URL_SCHEME", "https")
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["invalid"] = invalid
    app.jinja_env.globals["zone_name"] = zone_name  # (the display time zone's name: a column of recorded days)
    app.jinja_env.globals["language_link"] = language_link
    app.jinja_env.tests["unread"] = lambda reason: isinstance(reason, Unread)
    app.jinja_env.globals["last_page"] = last_page  # pagers link no page past the window (web.api.paging)
    # In the visitor's language, so read at each rendering (`at_render`), never when a template is compiled.
    languaged: dict[str, Callable[..., Any]] = {
        "local_date": local_date,
        "local_number": local_number,
        "local_ratio": local_ratio,
        "local_p": local_p,
        "local_datetime": local_datetime,
        "local_percent": local_percent,
        "local_level": local_level,
        "kind_label": kind_label,
        "fact_kind_label": fact_kind_label,
        "severity_label": severity_label,
        "rule_label": rule_label,
        "role_label": role_label,
        "action_label": action_label,
        "change_label": change_label,
        "via_label": via_label,
        "rule_status": rule_status_label,
        "measure_label": measure_label,
        "code_name": code_name,
        "code_label": code_label,
        "group_name": group_name,
        "rule_source": source_text,
        "scope_label": scope_label,
        "account_scope": account_scope_label,
        "kept_scope": kept_scope_label,
        "reason": reason_text,
        "field_label": field_label,
        "promotion_kind": promotion_kind_name,
        "post_level": post_level_name,
        "message": message_text,
    }
    app.jinja_env.filters.update({name: at_render(function) for name, function in languaged.items()})
    limiter.init_app(app)
    app.register_blueprint(blp)
    app.register_blueprint(scorecard_blp)
    app.register_error_handler(MethodNotAllowed, errors.wrong_method)
    app.add_url_rule("/", "root", lambda: redirect(url_for("pages.home", **language_asked())))

"""What every page view shares: the services, the signed-in account, role checks and rendering."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from itsdangerous import BadSignature
from werkzeug.wrappers import Response

from careerlog.access import POLICY, Action
from careerlog.accounts import Account
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.domain.payload import whole_number
from careerlog.reference import AnyCase, filter_codes, reference
from web.services import Services

blp = Blueprint("pages", __name__, url_prefix="/pages")


def services() -> Services:
    found: Services = current_app.extensions["careerlog"]
    return found


def signed_in() -> Account:
    """The account in the session; 401 when nobody is signed in or the account is gone; a session that timed
    out goes to the log-in page, which says so and comes back here afterwards."""
    account = session_account()
    if account is None:
        lapsed = timed_out_session()
        if lapsed is not None:
            abort(to_log_in_again(lapsed))
        abort(401)
    return account


def shown_after_write() -> bool:
    """Read your own write: the page opened from the record form's link after "Recorded: ..." (`?wait_for=`, the
    write's log position, as the API's) waits until the views show it, at most CAREERLOG_WAIT_SECONDS; False when they
    do not by then (the page says the recording may not show yet), True otherwise or when nothing is asked. The views
    follow the log a moment after a write, in whichever process holds the follower lock: served by several workers
    the career record opened at once did not list the fact yet. A value that is no position given is refused naming
    `wait_for`, as the API refuses it."""
    given = request.args.getlist("wait_for")
    if not given:
        return True
    if len(given) > 1 or not whole_number(given[0]):
        raise InvalidInput(_("Must be a whole number: the log position the record form gave."), "wait_for")
    position = whole(given[0])
    if position is None or position > services().ledger.max_notification_id():
        raise InvalidInput(_("No recording has been given this log position yet."), "wait_for")
    try:
        services().wait_for(position)
    except TimeoutError:
        return False
    return True


def expired() -> str:
    """Why a form whose CSRF token no longer holds (its page left open too long) did nothing, in the page's
    language."""
    return _("The form has expired; send it again.")


def session_account() -> Account | None:
    """The account of a live session: a log-in's (naming its session), not logged out, not timed out, the
    account still there and usable; None otherwise."""
    username = session.get("username")
    session_id = session.get("sid")  # (a cookie signed before sessions were named has none: not signed in)
    if not username or not isinstance(session_id, str) or too_old(session):
        return None
    if services().accounts.session_ended(session_id):
        return None
    try:
        account = services().accounts.get(username)
    except NotFound:
        return None
    if account.disabled:
        return None
    session.modified = True  # in use: its cookie signed again, the idle time-out (PERMANENT_SESSION_LIFETIME) anew
    return account


def session_hours() -> float:
    """The longest a page session lasts from its log-in (CAREERLOG_SESSION_HOURS, web.config)."""
    return float(current_app.config.get("CAREERLOG_SESSION_HOURS", 12))


def too_old(values: Any) -> bool:
    """Whether a session is past its absolute lifetime (or carries no log-in time: one signed before sessions
    had one). A minute of clocks differing between hosts is allowed."""
    since = values.get("since")
    if not isinstance(since, int | float) or isinstance(since, bool):
        return True
    return not -60 <= time.time() - since <= session_hours() * 3600


def timed_out_session() -> dict[str, Any] | None:
    """The values of a log-in's session that timed out, None for anything else (nobody signed in, logged out).

    Past the absolute lifetime the session still opens; past the idle time-out Flask opened an empty one (the
    cookie's signature older than PERMANENT_SESSION_LIFETIME), so the cookie is read again, its signature
    checked but not its age, only to tell a session that ended from none."""
    values: Any = dict(session)
    if values.get("username") and not too_old(values):
        return None  # a live session refused for another reason (its account disabled or gone): not timed out
    if not values.get("username"):
        cookie = request.cookies.get(current_app.config["SESSION_COOKIE_NAME"])
        interface = current_app.session_interface
        if not cookie or not isinstance(interface, SecureCookieSessionInterface):
            return None
        serializer = interface.get_signing_serializer(current_app)
        if serializer is None:
            return None
        try:
            values = serializer.loads(cookie)
        except BadSignature:
            return None
    if not isinstance(values, dict) or not values.get("username") or not isinstance(values.get("sid"), str):
        return None
    if services().accounts.session_ended(values["sid"]):
        return None
    return values


def local_path(value: str | None) -> str | None:
    """`value` when it is a path on this site (as `next` after a log-in), None otherwise: no scheme or host,
    nothing a browser reads as one (`//host`, `/\\host`), no control characters."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


def to_log_in_again(lapsed: dict[str, Any]) -> Response:
    """The log-in page, saying the session ended; the page asked for (a form's page, when the form was sent) is
    opened again by GET after the log-in."""
    lang = lapsed.get("lang")
    session.clear()
    if isinstance(lang, str):
        session["lang"] = lang
    session["ended"] = True
    # a form sent (a POST) comes back to its page, empty, where that page opens by GET: never recorded, it is
    # filled in and sent again (its page said by when: session_ends)
    rule = request.url_rule
    opens = request.method == "GET" or (rule is not None and "GET" in (rule.methods or ()))
    asked = request.full_path.rstrip("?") if opens else None
    return redirect(url_for("pages.login", next=local_path(asked)))


def may(account: Account, action: Action) -> bool:
    """Whether the account's role may take the action at all (its scope is checked by Services)."""
    return action in POLICY[account.role]


def readable(account: Account, nips: Iterable[str]) -> frozenset[str]:
    """The NIPs among `nips` whose career page the account may open: the career page's own check (Services.target
    for READ_RECORD: where the employee works now, within the account's scope), once per distinct NIP. A page
    naming people (a decision's page: its subject, the colleagues compared) links only these, so it offers no link
    its reader would be refused (a 404 for one moved out of their scope since)."""
    if not may(account, Action.READ_RECORD):
        return frozenset()

    def opens(nip: str) -> bool:
        try:
            services().target(account, Action.READ_RECORD, nip, views=True)  # (a voided record: none)
        except NotFound:
            return False
        return True

    return frozenset(nip for nip in set(nips) if opens(nip))


def allowed(action: Action) -> Account:
    """The signed-in account if its role may take the action; 403 otherwise."""
    account = signed_in()
    if not may(account, action):
        abort(403)
    return account


def page(template: str, account: Account | None, status: int = 200, **context: Any) -> tuple[str, int]:
    """Render a page with the navigation of the account's role and the log-out form, and (for a form's notice)
    when its session ends if no other page is opened."""
    menu = {action.value: may(account, action) for action in Action} if account else {}
    logout = FlaskForm(formdata=None) if account else None  # only its token; never reads the body (413)
    ends = session_ends() if account else None
    return render_template(template, account=account, menu=menu, logout=logout, session_ends=ends, **context), status


def session_ends() -> dict[str, Any] | None:
    """When the signed-in session ends if no other page is opened (`at`: the idle time-out from now, or its
    longest life from the log-in when that comes first), the idle `minutes` and the longest life's `hours`;
    None without a log-in time."""
    since = session.get("since")
    if not isinstance(since, int | float) or isinstance(since, bool):
        return None
    idle: timedelta = current_app.permanent_session_lifetime
    now = datetime.now(UTC)
    ends = min(now + idle, datetime.fromtimestamp(since, UTC) + timedelta(hours=session_hours()))
    return {"at": ends.replace(microsecond=0), "minutes": idle.total_seconds() / 60, "hours": session_hours()}


def one(args: Any, name: str) -> str | None:
    """A single query argument, None when absent or blank."""
    value = args.get(name, "").strip()
    return value or None


def whole(text: str) -> int | None:
    """A query's whole number written in digits 0-9, None for any other text and for one of more digits than int()
    reads (`sys.get_int_max_str_digits`, 4,300: a URL holds twice as many), more than any the pages take; int() raised
    ValueError on it, a 500 on the pages reading page, min_cell, year, years, wait_for or target_version."""
    if not whole_number(text):
        return None
    try:  # (int() counts leading zeros among the digits it reads: 0...01 of 4,301 digits is 1, read as 1)
        return int(text.lstrip("0") or "0")
    except ValueError:  # (more digits than int() reads; none is too many when the limit is off, 0)
        return None


def given_twice(names: Iterable[str]) -> dict[str, list[str]]:
    """The form's error beside each of these arguments of the address given more than once: the page reads one
    value and would answer the first alone, so it is refused as the API refuses a parameter of one value given
    twice."""
    return {name: [_("Given more than once: give it once.")] for name in names if len(request.args.getlist(name)) > 1}


def filters_from(args: Any, names: tuple[str, ...], kind: str | None = None) -> dict[str, list[str]]:
    """The non-blank query arguments among `names`, as the Services filters (lists of values), each without the
    spaces around it: a work unit typed " BKPSDM" (or pasted from a spreadsheet's cell) is the unit recorded as
    BKPSDM, where it matched no one. A coded filter's values (`coded_values`: its one reader,
    careerlog.reference.filter_codes, or for a list's `kind` the reference table `kind`) are read as the API's
    CodeFilter reads them: a comma-separated value as several codes, `agency=KAB-KARO,KOTA-MEDAN` (until 2026-12-06
    one unknown code, "Not a known code: 'KAB-KARO,KOTA-MEDAN'", where the API read two), and a code in any letter
    case as the code (careerlog.reference.AnyCase: `agency=kota-medan` is KOTA-MEDAN); another is left as typed, for
    the page's refusal (web.pages.inspector.refused) to name it."""
    found = {}
    for name in (name for name in names if any(args.getlist(name))):
        codes = coded_values(name, kind)
        values = args.getlist(name) if codes is None else codes.each(args.getlist(name))
        found[name] = [v.strip() if codes is None else codes.read_or_as_typed(v.strip()) for v in values if v.strip()]
    return found


def coded_values(name: str, kind: str | None = None) -> AnyCase | None:
    """The reader of a filter's codes (careerlog.reference.filter_codes), and of a list's `kind` its own reference
    table's (`kind`: the promotion kinds, post kinds, education levels or award kinds); None for free text (a unit)."""
    if name == "kind":
        return None if kind is None else reference().table(kind).any_case
    return filter_codes(name)

"""Log-in, log-out and the landing page."""

from __future__ import annotations

import functools
import math
import secrets
import time
from typing import cast

from flask import current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from limits import RateLimitItem, parse
from wtforms import Field, Form, PasswordField, StringField
from wtforms.validators import DataRequired, ValidationError

from careerlog.accounts import Accounts, AuthenticationFailed
from web.pages import language_asked, limiter
from web.pages.common import (
    blp,
    expired,
    local_path,
    page,
    services,
    session_account,
    session_hours,
    signed_in,
    timed_out_session,
)
from web.pages.errors import error_page


def login_key() -> str:
    """Log-in attempts are counted per address and user name: the name as `Accounts.log_in_key` keys it (an HMAC
    keyed by the store's secret), so a name of any length (a form's, up to the upload limit) makes a key PostgreSQL's
    index takes (one of 10,000 random characters was a 503, the index row too large), and a password typed in the
    user name's field is kept neither as typed nor as a plain hash a dictionary would undo."""
    username = request.form.get("username", "")
    return f"{request.remote_addr}|{services().accounts.log_in_key(username)}"


@functools.lru_cache(maxsize=8)
def _parsed(rate: str) -> RateLimitItem:
    return parse(rate)


def failure_limit() -> RateLimitItem | None:
    """The failed log-ins one user name may have in a window, from any address (CAREERLOG_LOGIN_FAILURE_LIMIT,
    web.config; None when off)."""
    rate = current_app.config.get("CAREERLOG_LOGIN_FAILURE_LIMIT")
    return _parsed(rate) if rate else None


def too_many_failures(form: LoginForm, ends: float) -> ResponseReturnValue:
    """A log-in refused because its user name has had as many failed log-ins as the window allows: the same answer
    whether the user name exists or not, with the minutes left (Retry-After: the seconds)."""
    seconds = max(1, math.ceil(ends - time.time()))
    error = ngettext(
        "Too many failed log-ins with this user name: it cannot log in for %(num)d more minute, from any computer. "
        "Wait, or ask an administrator to clear its failed log-ins.",
        "Too many failed log-ins with this user name: it cannot log in for %(num)d more minutes, from any computer. "
        "Wait, or ask an administrator to clear its failed log-ins.",
        math.ceil(seconds / 60),
    )
    return render_template("pages/login.html", form=form, error=error), 429, {"Retry-After": str(seconds)}


def no_nul(form: Form, field: Field) -> None:
    """A user name holding a NUL character is no account's (PostgreSQL's text cannot hold one: its look-up was a
    503), refused beside the field before anything is counted or read."""
    if "\x00" in (field.data or ""):
        raise ValidationError(_l("May not contain a NUL character."))  # type: ignore[arg-type]  # (lazy: REQUIRED)


# The messages are lazy strings (translated when shown, in the visitor's language), which WTForms takes: types-WTForms
# types a message str, hence the ignores.
REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    username = StringField("username", validators=[DataRequired(REQUIRED), no_nul])  # type: ignore[arg-type]
    password = PasswordField("password", validators=[DataRequired(REQUIRED)])  # type: ignore[arg-type]


def sent_form() -> LoginForm:
    """The log-in form as sent: its fields from a form's body alone, as `login_key` counts them. Flask-WTF reads a
    JSON body as a form's data too: its attempts were counted under no user name, apart from the form's (after 5
    failed attempts by the form, the right password sent as JSON logged in), and its values need not be text (a
    user name of 123, a list or an object was a 500). Such a body is now a log-in form sent empty: refused."""
    return LoginForm(formdata=request.form if request.method == "POST" else None)


def took_back_attempt(accounts: Accounts) -> None:
    """Take back the attempt a log-in that succeeded counted against the 5 a minute of its address and user name
    (`login_key`): the limit is on guessing passwords, as the per-user-name one (CAREERLOG_LOGIN_FAILURE_LIMIT)
    counts failures alone. Until 2026-12-06 a user who logged in 5 times in a minute (a log-out, a second tab,
    colleagues behind one address under one shared name) was refused the next. Counted first, as before, so a
    burst of guesses sent together is still held to 5 whichever worker takes them."""
    mine = login_key()
    for counted in limiter.current_limits:
        if mine in counted.request_args:
            accounts.take_back_hit(counted.key)


@blp.errorhandler(429)
def too_many(error: Exception) -> ResponseReturnValue:
    """The log-in limit: the form again with a translated message."""
    return render_template(
        "pages/login.html", form=LoginForm(), error=_("Too many log-in attempts; wait a minute.")
    ), 429


@blp.route("/login", methods=["GET", "POST"])
@limiter.limit("5/minute", methods=["POST"], key_func=login_key)
def login() -> ResponseReturnValue:
    """Check the user name and password and start a session."""
    form = sent_form()
    error = None
    # A session that timed out came here (web.pages.common.to_log_in_again): say so once.
    notice = (
        _("Your session ended: it was not used for a while, or it lasted as long as a session may. Log in again.")
        if session.pop("ended", False)
        else None
    )
    if form.validate_on_submit():
        accounts = services().accounts
        # (DataRequired: both given, which WTForms' types cannot say)
        username, password = cast(str, form.username.data), cast(str, form.password.data)
        # Counted as failed before the password is checked (from any address, per user name alone), and taken back
        # if it is right: past the limit even the right password is refused, until the window ends or an
        # administrator clears the count (`careerlog accounts unlock`).
        limit = failure_limit()
        if limit is not None:
            ends = accounts.start_log_in(username, most=limit.amount, seconds=limit.get_expiry())
            if ends is not None:
                return too_many_failures(form, ends)
        try:
            account = accounts.check_password(username, password)
        except AuthenticationFailed:
            if limit is not None:  # the count kept; reaching the limit starts a lock-out of a full window
                accounts.log_in_failed(username, most=limit.amount, seconds=limit.get_expiry())
            error = _("The user name or password is not right.")
        else:
            if limit is not None:
                accounts.log_in_succeeded(username)
            took_back_attempt(accounts)
            lang = session.get("lang")
            replaced = session.get("sid")  # a session this browser was still in: ended with it (a copy refused)
            if isinstance(replaced, str):
                accounts.end_session(replaced, seconds=session_hours() * 3600)
            session.clear()
            session["username"] = account.username
            session["sid"] = secrets.token_urlsafe(32)  # this session, ended on the server by the log-out
            session["since"] = int(time.time())  # ends CAREERLOG_SESSION_HOURS after this however used
            session.permanent = True  # its cookie renewed by each page opened, ended when idle (web.config)
            if lang:
                session["lang"] = lang
            return redirect(local_path(request.args.get("next")) or url_for("pages.home"))
    if form.is_submitted() and form.csrf_token.errors:  # (the page left open past its token: it said nothing)
        error = expired()
    status = 400 if form.is_submitted() else 200
    return render_template("pages/login.html", form=form, error=error, notice=notice), status


@blp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """End the session, keeping the chosen language: the answer says Clear-Site-Data (web.security: the browser drops
    the site's cookies, the session's with its language, and storage), so the log-in page it leads to is asked in
    the language chosen (`?lang=`), which keeps it anew."""
    form = FlaskForm()
    lang = session.get("lang")
    if not form.validate_on_submit():  # (a page left open past its token: said, with the log-out button again)
        if session_account() is None:  # (its session ended already, which emptied the token's: nothing to end)
            return redirect(url_for("pages.login", lang=lang) if lang else url_for("pages.login"))
        return error_page(400, detail=expired())
    session_id = session.get("sid")
    if isinstance(session_id, str):  # a copy of the cookie is refused from now on, until it would expire
        services().accounts.end_session(session_id, seconds=session_hours() * 3600)
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("pages.login", lang=lang) if lang else url_for("pages.login"))


def browser() -> bool:
    """Whether the request names HTML among the types it accepts, as a browser does (a client sending `*/*` or no
    `Accept` is not taken for one)."""
    return any(kind == "text/html" and quality > 0 for kind, quality in request.accept_mimetypes)


@blp.route("/")
def home() -> ResponseReturnValue:
    """The landing page: an employee's own career record; other roles see what they may do. A browser with no
    session (a new visitor sent here from `/`) is sent to the log-in form, which comes back here afterwards; it was
    shown the error page "Please log in (401)" with a link. A client not asking for HTML is answered 401, as every
    page answers it (a session that timed out goes to the log-in page saying so: signed_in)."""
    if session_account() is None and timed_out_session() is None and browser():
        return redirect(url_for("pages.login", next=url_for("pages.home", **language_asked()), **language_asked()))
    account = signed_in()
    if account.role.value == "employee" and account.nip:  # (a language link to this page shows the record so)
        return redirect(url_for("pages.career", nip=account.nip, **language_asked()))
    return page("pages/home.html", account)

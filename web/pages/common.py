"""What every page view shares: the services, the signed-in account, role checks and rendering."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, session
from flask_wtf import FlaskForm

from careerlog.access import POLICY, Action
from careerlog.accounts import Account
from careerlog.domain.errors import NotFound
from web.services import Services

blp = Blueprint("pages", __name__, url_prefix="/pages")


def services() -> Services:
    found: Services = current_app.extensions["careerlog"]
    return found


def signed_in() -> Account:
    """The account in the session; 401 when nobody is signed in or the account is gone."""
    username = session.get("username")
    session_id = session.get("sid")  # (a cookie signed before sessions were named has none: not signed in)
    if not username or not isinstance(session_id, str) or services().accounts.session_ended(session_id):
        abort(401)
    try:
        account = services().accounts.get(username)
    except NotFound:
        abort(401)
    if account.disabled:
        abort(401)
    return account


def may(account: Account, action: Action) -> bool:
    """Whether the account's role may take the action at all (its scope is checked by Services)."""
    return action in POLICY[account.role]


def allowed(action: Action) -> Account:
    """The signed-in account if its role may take the action; 403 otherwise."""
    account = signed_in()
    if not may(account, action):
        abort(403)
    return account


def page(template: str, account: Account | None, status: int = 200, **context: Any) -> tuple[str, int]:
    """Render a page with the navigation of the account's role and the log-out form."""
    menu = {action.value: may(account, action) for action in Action} if account else {}
    logout = FlaskForm(formdata=None) if account else None  # only its token; never reads the body (413)
    return render_template(template, account=account, menu=menu, logout=logout, **context), status


def one(args: Any, name: str) -> str | None:
    """A single query argument, None when absent or blank."""
    value = args.get(name, "").strip()
    return value or None


def filters_from(args: Any, names: tuple[str, ...]) -> dict[str, list[str]]:
    """The non-blank query arguments among `names`, as the Services filters (lists of values)."""
    return {name: [v for v in args.getlist(name) if v.strip()] for name in names if any(args.getlist(name))}

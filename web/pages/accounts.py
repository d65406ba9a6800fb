"""The national administrator's accounts: list them, create one with a role and scope, disable one, unlock one,
and read the account changes (every account created, disabled or unlocked), newest first.

The same careerlog.accounts.Accounts methods as `careerlog accounts ...` (the command line), behind
the role's MANAGE_ACCOUNTS action (administrators only); every form carries a CSRF token. A refused
account shows each reason beside its field and creates nothing.
"""

from __future__ import annotations

from typing import Any, TypedDict

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf import FlaskForm

from careerlog.access import Action, Role, Scope, parse_scope
from careerlog.accounts import Account
from careerlog.domain.errors import Conflict, InvalidInput, NotFound
from web.pages.common import allowed, blp, expired, page, services
from web.pages.inspector import filtered_by_nothing, page_number
from web.pages.labels import role_label

FIELDS = ("username", "display_name", "role", "national", "agencies", "regions", "nip", "password")


def codes(text: str) -> list[str]:
    """Codes typed in one field, separated by commas or spaces."""
    return [code for code in text.replace(",", " ").split() if code]


class AccountFields(TypedDict):
    """The fields of the form Accounts.create and Accounts.refusals take by name, as the form sends them."""

    display_name: str
    role: str
    nip: str | None
    password: str | None


def create_from(form: dict[str, str], by: Account) -> Account:
    """The account the form describes, created; InvalidInput names the fields at fault, Conflict a name taken. A
    scope's unknown code is named with the other fields' reasons, all in one answer: it was named alone, and the
    name left empty, the NIP or the short password only once the codes were mended and the form sent again."""
    national = form.get("national") == "y"
    fields: AccountFields = {
        "display_name": form["display_name"],
        "role": form["role"],
        "nip": form["nip"].strip() or None,
        "password": form["password"] or None,
    }
    try:
        scope = parse_scope(national=national, agencies=codes(form["agencies"]), regions=codes(form["regions"]))
    except InvalidInput as refused:
        # (the scope's own reasons, of a scope without the codes refused, are left out: the codes typed are named)
        others = services().accounts.refusals(form["username"].strip(), scope=Scope(national=national), **fields)
        raise InvalidInput({**{k: v for k, v in others.items() if k != "scope"}, **refused.errors}) from None
    return services().accounts.create(form["username"].strip(), scope=scope, by=by.username, via="page", **fields)


def taken(username: str) -> dict[str, list[str]]:
    """The reason beside the user name when an account of that name exists: Accounts.create finds it only once the
    other fields are right, so a form refused for them was refused again for the name on its next sending."""
    if not username or username not in {a.username for a in services().accounts.list_accounts()}:
        return {}
    return {"username": [_("An account named %(name)s already exists.", name=username)]}


@blp.route("/accounts", methods=["GET", "POST"])
def accounts() -> ResponseReturnValue:
    """Every account with its role, scope and state; a form to create one."""
    account = allowed(Action.MANAGE_ACCOUNTS)
    form = FlaskForm()
    typed = {name: request.form.get(name, "") for name in FIELDS} if form.is_submitted() else {}
    errors: dict[str, list[str]] = {}
    if form.is_submitted():
        if not form.validate_on_submit():  # the CSRF token
            errors = {"_schema": [expired()]}
        else:
            try:  # (a name holding a NUL or a control of its direction refused by Accounts, with the other fields)
                created = create_from(typed, account)
            except InvalidInput as e:
                errors = {**taken(typed["username"].strip()), **e.errors}  # (a name taken with them: all at once)
            except Conflict:
                errors = taken(typed["username"].strip())
            else:
                flash(_("Account %(name)s created.", name=created.username))
                return redirect(url_for("pages.accounts"))
    typed.pop("password", None)  # never shown again
    return _accounts_page(account, 422 if errors else 200, form, typed, errors)


def _accounts_page(
    account: Account, status: int, form: FlaskForm, typed: dict[str, str], errors: dict[str, list[str]]
) -> ResponseReturnValue:
    """The accounts page: every account, the creation form as typed, the errors beside their fields."""
    listed = services().accounts.list_accounts()
    failures = services().accounts.log_in_failures_of(a.username for a in listed)
    roles = [(role.value, role_label(role.value)) for role in Role]
    return page(
        "pages/accounts.html",
        account,
        status,
        form=form,
        accounts=listed,
        roles=roles,
        typed=typed,
        errors=errors,
        forms=_disable_forms(listed, account),
        failures=failures,
        unlock_forms={name: FlaskForm(formdata=None) for name in failures},
    )


def _disable_forms(listed: list[Account], me: Account) -> dict[str, Any]:
    """A form (its CSRF token) to disable each active account other than one's own."""
    return {a.username: FlaskForm(formdata=None) for a in listed if not a.disabled and a.username != me.username}


@blp.route("/accounts/<username>/disable", methods=["POST"])
def disable_account(username: str) -> ResponseReturnValue:
    """Disable an account: its log-in and its tokens stop working at once."""
    account = allowed(Action.MANAGE_ACCOUNTS)
    form = FlaskForm()
    if not form.validate_on_submit():  # (the page left open past its token)
        return _accounts_page(account, 400, FlaskForm(formdata=None), {}, {"_schema": [expired()]})
    try:
        services().accounts.get(username)
    except NotFound:
        abort(404)
    if username == account.username:
        message = _("You cannot disable your own account; another administrator can.")
        return _accounts_page(account, 422, FlaskForm(formdata=None), {}, {"_schema": [message]})
    services().accounts.disable(username, by=account.username, via="page")
    flash(_("Account %(name)s disabled.", name=username))
    return redirect(url_for("pages.accounts"))


@blp.route("/accounts/<username>/unlock", methods=["POST"])
def unlock_account(username: str) -> ResponseReturnValue:
    """Clear the failed log-ins counted for an account's user name, so it may log in again at once: the same
    Accounts.unlock as `careerlog accounts unlock`, kept in the account changes as this administrator's (via page)."""
    account = allowed(Action.MANAGE_ACCOUNTS)
    form = FlaskForm()
    if not form.validate_on_submit():  # (the page left open past its token)
        return _accounts_page(account, 400, FlaskForm(formdata=None), {}, {"_schema": [expired()]})
    try:
        cleared = services().accounts.unlock(username, by=account.username, via="page")
    except NotFound:
        abort(404)
    if cleared:
        flash(
            ngettext(
                "Account %(name)s unlocked: %(num)d failed log-in cleared.",
                "Account %(name)s unlocked: %(num)d failed log-ins cleared.",
                cleared,
                name=username,
            )
        )
    else:
        flash(_("%(name)s had no failed log-ins counted: nothing changed.", name=username))
    return redirect(url_for("pages.accounts"))


@blp.route("/accounts/changes")
def account_changes() -> ResponseReturnValue:
    """The account changes, newest first, 50 a page: the rows `GET /api/v1/account-changes` reads (the same
    Accounts.account_changes_page), administrators only."""
    account = allowed(Action.MANAGE_ACCOUNTS)
    filtered_by_nothing(("page", "lang"))
    found = services().account_changes(account, page=page_number(), per_page=50)
    return page("pages/account_changes.html", account, found=found, query={})

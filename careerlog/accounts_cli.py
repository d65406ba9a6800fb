"""`careerlog accounts ...` and `careerlog tokens ...`: who may use the API, and their tokens."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from careerlog.access import Role, parse_scope
from careerlog.accounts import Account, Accounts, open_accounts

if TYPE_CHECKING:
    from careerlog.cli import Context

F = TypeVar("F", bound=Callable[..., Any])
pass_context = click.pass_obj  # the careerlog group's Context


def friendly_errors(func: F) -> F:
    """careerlog.cli's error handling, looked up when the command runs (cli.py imports this module)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from careerlog.cli import friendly_errors as handled

        return handled(func)(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@contextmanager
def opened(obj: Context) -> Iterator[Accounts]:
    accounts = open_accounts(obj.settings)
    try:
        yield accounts
    finally:
        accounts.store.close()


def system_user() -> str:
    """Who runs the command, as the account changes keep it: the system user's name (or uid)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container's)
        return f"uid {os.getuid()}"


def read_password(from_stdin: bool) -> str:
    """A password from standard input (one line) or from a prompt; never from the arguments."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def describe(account: Account) -> str:
    flags = [account.role.value, account.scope.describe()]
    if account.nip:
        flags.append(f"NIP {account.nip}")
    if not account.has_password:
        flags.append("tokens only")
    if account.disabled:
        flags.append("DISABLED")
    return f"{account.username}\t{account.display_name}\t{'; '.join(flags)}"


@click.group("accounts")
def accounts_group() -> None:
    """Create, list and disable accounts: who may use the API, with which role and scope."""


@accounts_group.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Display name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True, help="See docs/api.md.")
@click.option("--agency", "agencies", multiple=True, help="Agency code of the scope (repeat for several).")
@click.option("--region", "regions", multiple=True, help="Region code of the scope; 12 covers 12.71 (repeatable).")
@click.option("--national", is_flag=True, help="National scope (inspectors, reporters).")
@click.option("--nip", help="The employee's own NIP (employee accounts).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--no-password", is_flag=True, help="No password: the account uses API tokens only.")
@pass_context
@friendly_errors
def create_command(
    obj: Context,
    username: str,
    display_name: str,
    role: str,
    agencies: tuple[str, ...],
    regions: tuple[str, ...],
    national: bool,
    nip: str | None,
    password_stdin: bool,
    no_password: bool,
) -> None:
    """Create the account USERNAME with a role and a scope.

    The password comes from a prompt or, with --password-stdin, from standard input;
    never from the command line. Example: careerlog accounts create siti --name "Siti
    Lubis" --role hr --agency KOTA-MEDAN --password-stdin < password.txt
    """
    scope = parse_scope(national=national, agencies=agencies, regions=regions)
    password = None if no_password else read_password(password_stdin)
    with opened(obj) as accounts:
        account = accounts.create(
            username,
            display_name=display_name,
            role=role,
            scope=scope,
            nip=nip,
            password=password,
            by=system_user(),
            via="cli",
        )
    click.echo(f"created {describe(account)}")


@accounts_group.command("list")
@pass_context
@friendly_errors
def list_command(obj: Context) -> None:
    """List every account with its role and scope."""
    with opened(obj) as accounts:
        for account in accounts.list_accounts():
            click.echo(describe(account))


@accounts_group.command("disable")
@click.argument("username")
@pass_context
@friendly_errors
def disable_command(obj: Context, username: str) -> None:
    """Disable USERNAME: its password and every token stop working at once."""
    with opened(obj) as accounts:
        click.echo(f"disabled {describe(accounts.disable(username, by=system_user(), via='cli'))}")


@click.group("tokens")
def tokens_group() -> None:
    """Issue, list and revoke API tokens (Authorization: Bearer TOKEN)."""


@tokens_group.command("create")
@click.option("--account", "username", required=True, help="The account the token acts for.")
@click.option("--days", default=90, show_default=True, help="Days until the token expires.")
@pass_context
@friendly_errors
def create_token_command(obj: Context, username: str, days: int) -> None:
    """Issue a token and print it once: only its hash is kept, so store it now."""
    with opened(obj) as accounts:
        issued = accounts.issue_token(username, days=days)
    click.echo(issued.token)
    click.echo(
        f"token {issued.info.prefix}... for {username}, expires {issued.info.expires_at:%Y-%m-%d %H:%M} UTC; "
        "it is shown only this once.",
        err=True,
    )


@tokens_group.command("list")
@click.option("--account", "username", help="Only this account's tokens.")
@pass_context
@friendly_errors
def list_tokens_command(obj: Context, username: str | None) -> None:
    """List tokens by prefix, with their state, expiry and last use (never the tokens)."""
    with opened(obj) as accounts:
        now = accounts.clock()
        for t in accounts.list_tokens(username):
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
            click.echo(f"{t.prefix}\t{t.username}\t{t.state(now)}\texpires {t.expires_at:%Y-%m-%d}\t{used}")


@tokens_group.command("revoke")
@click.argument("prefix")
@pass_context
@friendly_errors
def revoke_token_command(obj: Context, prefix: str) -> None:
    """Revoke the token whose visible prefix is PREFIX (as `tokens list` shows it)."""
    with opened(obj) as accounts:
        info = accounts.revoke_token(prefix)
    click.echo(f"revoked {info.prefix} of {info.username}")

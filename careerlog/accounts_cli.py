"""`careerlog accounts ...` and `careerlog tokens ...`: who may use the API, and their tokens."""

from __future__ import annotations

import codecs
import functools
import getpass
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import psycopg.errors
from psycopg.rows import dict_row

from careerlog.access import Role, parse_scope
from careerlog.accounts import MAX_TOKEN_DAYS, NO_ACCOUNT, Account, Accounts, open_accounts
from careerlog.cli_numbers import WholeNumber
from careerlog.config import ConfigurationError, Settings
from careerlog.domain.errors import NotFound, quoted
from careerlog.visible import on_terminal, say

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


def only_reads(obj: Context) -> None:
    """This command only reads: a store that is not there is refused, nothing made (careerlog.cli.reading_only).
    `accounts list` and `tokens list` on a mistyped CAREERLOG_DATABASE_URL made a new store there (its accounts'
    tables), exit 0, listing nothing: the store a later `careerlog export` then exported 0 events of, exit 0."""
    from careerlog.cli import reading_only

    reading_only(obj)


def of_existing(obj: Context, does: str) -> None:
    """This command changes an account or token already there: a store that is not there is refused, nothing made
    (careerlog.cli.existing_data_only)."""
    from careerlog.cli import existing_data_only

    existing_data_only(obj, does)


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
    """A password from standard input (one line) or from a prompt; never from the arguments.

    Standard input's line is read as UTF-8, a byte-order mark before it left out (Notepad's "UTF-8 with BOM" file):
    it was kept as the password's first character, which no log-in form can type, so the account could never log in.
    A line that is no UTF-8 (a file saved as Windows-1252, UTF-16) is refused naming `password`, no account made
    (it stopped on an internal error, exit 70)."""
    if from_stdin:
        line = sys.stdin.buffer.readline().removeprefix(codecs.BOM_UTF8)
        try:
            return line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise click.ClickException(
                "password: The first line of standard input is not UTF-8 text: save the password's file as UTF-8 "
                "(a password typed at the prompt, without --password-stdin, is read as typed). No account was created."
            ) from None
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def describe(account: Account) -> str:
    # an employee account reads its own record alone: its empty scope read "nothing" (as no access) until 2026-12-06
    if account.role is Role.EMPLOYEE:
        flags = [account.role.value, f"own record only: NIP {account.nip}" if account.nip else "own record only"]
    else:
        flags = [account.role.value, account.scope.describe(), *([f"NIP {account.nip}"] if account.nip else [])]
    if not account.has_password:
        flags.append("tokens only")
    if account.disabled:
        flags.append("DISABLED")
    # (each text's control characters visible on a terminal, careerlog.visible: the tabs are the command's own)
    return "\t".join(on_terminal(text) for text in (account.username, account.display_name, "; ".join(flags)))


@click.group("accounts")
def accounts_group() -> None:
    """Create, list, disable and unlock accounts: who may use the API, with which role and scope."""


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
    if no_password and password_stdin:  # (the password given was not kept: an account of tokens only, silently)
        raise click.UsageError("--no-password and --password-stdin contradict each other: give one of them.")
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
    if account.nip and not obj.app.employee_exists(account.nip):
        # (an employee account sees its own record alone: of a NIP never appointed, none; made all the same, as an
        # account may be made before the records are imported, but no longer in silence)
        say(
            f"Warning: no employee with NIP {account.nip} has been appointed in this store: the account sees no "
            "record until one is (check the NIP; or import the records first).",
            err=True,
        )


@accounts_group.command("list")
@pass_context
@friendly_errors
def list_command(obj: Context) -> None:
    """List every account with its role and scope."""
    only_reads(obj)
    with opened(obj) as accounts:
        if not accounts.made():  # (a store of the log alone: no account yet, its tables not made by a read)
            return
        for account in accounts.list_accounts():
            click.echo(describe(account))


@accounts_group.command("disable")
@click.argument("username")
@pass_context
@friendly_errors
def disable_command(obj: Context, username: str) -> None:
    """Disable USERNAME: its password and every token stop working at once."""
    of_existing(obj, "disables an account already in a store")
    with opened(obj) as accounts:
        if accounts.get(username).disabled:
            say(f"{username} was already disabled: nothing changed.")
            return
        click.echo(f"disabled {describe(accounts.disable(username, by=system_user(), via='cli'))}")


@accounts_group.command("unlock")
@click.argument("username")
@pass_context
@friendly_errors
def unlock_command(obj: Context, username: str) -> None:
    """Clear the failed page log-ins counted for USERNAME, so it may log in again now.

    After CAREERLOG_LOGIN_FAILURE_LIMIT failed log-ins (default 20 an hour, from any address) every
    log-in with a user name is refused until the window ends (docs/security.md, "Forms, sizes and
    log-in"); this ends it at once, for instance once the user has been reached and the guessing has
    stopped. The limit of 5 attempts a minute per address is left as it is. The unlock is kept in the
    account changes as the system user's, with the failed log-ins it cleared; with none counted nothing
    changes and nothing is kept.
    """
    of_existing(obj, "unlocks an account already in a store")
    with opened(obj) as accounts:
        cleared = accounts.unlock(username, by=system_user(), via="cli")
    if cleared:
        say(f"unlocked {username}: {cleared} failed log-in{'s' if cleared != 1 else ''} cleared")
    else:
        say(f"{username} had no failed log-ins counted: nothing changed.")


@click.group("tokens")
def tokens_group() -> None:
    """Issue, list and revoke API tokens (Authorization: Bearer TOKEN)."""


@tokens_group.command("create")
@click.option("--account", "username", required=True, help="The account the token acts for.")
@click.option(
    "--days",
    default=90,
    show_default=True,
    type=WholeNumber(min=1, max=MAX_TOKEN_DAYS),
    help="Days until the token expires.",
)
@pass_context
@friendly_errors
def create_token_command(obj: Context, username: str, days: int) -> None:
    """Issue a token and print it once: only its hash is kept, so store it now."""
    of_existing(obj, "issues a token to an account already in a store")
    with opened(obj) as accounts:
        issued = accounts.issue_token(username, days=days)
    click.echo(issued.token)
    say(
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
    only_reads(obj)
    with opened(obj) as accounts:
        if not accounts.made():  # (a store of the log alone: no account yet, its tables not made by a read)
            if username is not None:
                raise NotFound(NO_ACCOUNT.reason(username=quoted(username)))
            return
        now = accounts.clock()
        # (a disabled account's tokens are refused however they stand: they were listed "active")
        disabled = {account.username for account in accounts.list_accounts() if account.disabled}
        if username is not None:  # (an account mistyped listed nothing, exit 0: as if it held no token)
            accounts.get(username)
        for t in accounts.list_tokens(username):
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
            state = t.state(now)
            if state == "active" and t.username in disabled:
                state = "account disabled"
            click.echo(f"{t.prefix}\t{on_terminal(t.username)}\t{state}\texpires {t.expires_at:%Y-%m-%d}\t{used}")


@tokens_group.command("revoke")
@click.argument("prefix")
@pass_context
@friendly_errors
def revoke_token_command(obj: Context, prefix: str) -> None:
    """Revoke the token whose visible prefix is PREFIX (as `tokens list` shows it)."""
    of_existing(obj, "revokes a token already in a store")
    with opened(obj) as accounts:
        started = accounts.clock()
        info = accounts.revoke_token(prefix)
    if info.revoked_at is not None and info.revoked_at < started:  # (revoked before: its time kept, as it was)
        say(
            f"{info.prefix} of {info.username} was already revoked on {info.revoked_at:%Y-%m-%d %H:%M} UTC: "
            "nothing changed."
        )
    else:
        say(f"revoked {info.prefix} of {info.username}")


# What `accounts copy` carries, each table by its primary key, in this order (a token's account comes first). Not
# rate_limits: counters of the last minutes, which start again at zero; nor store_secrets, whose `log-in-keys` only keys
# those counters (the target makes its own).
COPIED = (
    ("accounts", "username"),
    ("api_tokens", "token_hash"),
    ("account_changes", "id"),
    ("access_log", "id"),
    ("ended_sessions", "id"),
)
# Tables a store may lack (made by a later release; none of their rows then) and whose rows past expires_at are moot:
# the page sessions a log-out ended (web.pages.auth), kept so a cookie copied before the log-out stays refused.
EXPIRING = {"ended_sessions"}
COPY_BATCH = 5000


@accounts_group.command("copy")
@click.option("--from", "source_url", required=True, help="The store to copy from (a URL, as CAREERLOG_DATABASE_URL).")
@pass_context
@friendly_errors
def copy_command(obj: Context, source_url: str) -> None:
    """Copy the accounts, tokens, account changes, access log and ended page sessions of another store into this one.

    With `careerlog export` and `careerlog import --migration`, which carry the events only, it moves a
    store from SQLite to PostgreSQL (or back) whole (docs/operations.md, "Moving to PostgreSQL"). Rows
    already here (the same account name, token or entry) are kept as they are: running it again
    copies nothing new. Passwords and tokens go over as their hashes: they keep working. The page sessions a
    log-out ended go over while a cookie of theirs could still be accepted, so that with the same
    CAREERLOG_SECRET_KEY a cookie copied before a log-out stays refused.
    """
    source = Settings(database_url=source_url)
    try:
        source.check_url()
    except ConfigurationError as e:
        raise click.BadParameter(str(e).replace("CAREERLOG_DATABASE_URL", "the URL"), param_hint="--from") from None
    with opened(obj) as accounts, source_connection(source) as read:
        if same_store(obj.settings, accounts, source):
            # (it read every row as one already here: "1 found, 0 copied, 1 already here", exit 0, as if copied)
            raise click.BadParameter(
                f"{source.display_url} is this very store ({obj.settings.url_source} is {obj.settings.display_url}): "
                "its accounts are here already. Name the store to copy from. Nothing was copied.",
                param_hint="--from",
            )
        for table, key in COPIED:
            before = accounts.store.scalar(f"SELECT COUNT(*) AS n FROM {table}")
            found = 0
            for batch in read(table, key):
                rows = [r for r in batch if r["expires_at"] > time.time()] if table in EXPIRING else batch
                if not rows:
                    continue
                names = list(rows[0])
                statement = (
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
                    "ON CONFLICT DO NOTHING"
                )
                with accounts.store.transaction() as sql:
                    sql.executemany(statement, [tuple(row[n] for n in names) for row in rows])
                found += len(rows)
            copied = int(accounts.store.scalar(f"SELECT COUNT(*) AS n FROM {table}") or 0) - int(before or 0)
            click.echo(f"{table}: {found} found, {copied} copied, {found - copied} already here")


# Who a PostgreSQL store is: its server (by the time it started), database and schema, whatever host name reaches it
STORE_IDENTITY = (
    "SELECT CAST(pg_postmaster_start_time() AS text) AS started, current_database() AS db, current_schema() AS schema"
)


def same_store(target: Settings, accounts: Accounts, source: Settings) -> bool:
    """Whether `source` (accounts copy --from) is the store `target` names: the same SQLite file (by a link or
    another path too), or the same PostgreSQL server, database and schema (by another host name or URL too)."""
    if target.store != source.store:
        return False
    if source.store == "sqlite":
        here, there = Path(target.sqlite_path).expanduser(), Path(source.sqlite_path).expanduser()
        return here.exists() and there.exists() and os.path.samefile(here, there)
    with source.connect_postgres() as conn:
        conn.row_factory = dict_row
        if schema := source.postgres()["schema"]:
            conn.execute(f'SET search_path TO "{schema}"')
        there_row = conn.execute(STORE_IDENTITY).fetchone()
    return dict(accounts.store.query(STORE_IDENTITY)[0]) == dict(there_row or {})


@contextmanager
def source_connection(source: Settings) -> Iterator[Callable[[str, str], Iterator[list[dict[str, Any]]]]]:
    """Reads of the source store's tables in batches by primary key, on a plain connection (its events, and
    so its encryption key, are not read). A store without accounts is refused, naming --from."""
    if source.store == "sqlite":
        path = Path(source.sqlite_path).expanduser()
        if not path.is_file():
            raise click.BadParameter(f"{source.display_url}: no such file", param_hint="--from")
        conn: Any = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        mark = "?"
    else:
        conn = source.connect_postgres()
        conn.row_factory = dict_row
        if schema := source.postgres()["schema"]:
            conn.execute(f'SET search_path TO "{schema}"')
        mark = "%s"

    def read(table: str, key: str) -> Iterator[list[dict[str, Any]]]:
        if table in EXPIRING and not has_table(table):
            return
        last = None
        while True:
            after = "" if last is None else f"WHERE {key} > {mark} "
            try:
                cursor = conn.execute(
                    f"SELECT * FROM {table} {after}ORDER BY {key} LIMIT {COPY_BATCH}", () if last is None else (last,)
                )
            except (sqlite3.DatabaseError, psycopg.errors.UndefinedTable):
                raise click.BadParameter(
                    f"{source.display_url} holds no careerlog accounts (no table {table})", param_hint="--from"
                ) from None
            rows = [dict(row) for row in cursor.fetchall()]
            if not rows:
                return
            yield rows
            last = rows[-1][key]

    def has_table(table: str) -> bool:
        if source.store == "sqlite":
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchall()
        else:
            found = conn.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = %s",
                (table,),
            ).fetchall()
        return bool(found)

    try:
        yield read
    finally:
        conn.close()

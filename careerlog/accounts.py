"""Accounts, API tokens and the access log, in tables beside the event store.

An account has a role and a scope (careerlog.access), an employee account the NIP of its
record, and (optionally) a password hashed with Argon2. An API token is random, shown
once when issued, and stored only as its SHA-256 hash with a short visible prefix, an
expiry, a revocation time and the time it was last used. The access log keeps every read
of an employee's personal record by someone else: who, whose NIP, when and what. The account
changes keep every account created, disabled or unlocked: who did it, from where (page or command line),
when, the account's role and scope, and for an unlock the failed log-ins it cleared; like the access log,
its rows are only ever added.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from careerlog.access import Role, Scope, Target, check_role_scope
from careerlog.config import Settings
from careerlog.domain.errors import CareerlogError, Conflict, FieldErrors, InvalidInput, NotFound, quoted
from careerlog.domain.nip import normalise_nip, parse_nip
from careerlog.domain.payload import EMPTY, NUL, bidi_control
from careerlog.domain.wording import Refusal
from careerlog.keyset import Keyset, Paged, Paging, page_and_next
from careerlog.sqlstore import Row, SqlStore, created_name, open_store

Clock = Callable[[], datetime]
Place = tuple[str | None, str | None, str | None]  # an employee read: NIP, agency and region
TOKEN_PREFIX = "clt_"  # noqa: S105 (a marker, not a secret)
VISIBLE_CHARS = 12  # "clt_" and 8 characters of the secret: enough to name a token, never to use it
LAST_USE_RESOLUTION = timedelta(minutes=1)  # last use is written at most once a minute per token
MAX_TOKEN_DAYS = 3650
MIN_PASSWORD = 10
MAX_USERNAME = 64  # an account's name, and the longest `--actor` the command line records (careerlog.cli.ACTOR)
# The refusals of accounts and tokens (careerlog.domain.wording)
ACCOUNT_EXISTS = Refusal("An account named {username} already exists.")
BAD_USERNAME = Refusal("Use 2-64 lower-case letters, digits, dots, dashes or underscores.").reason()
ROLES = Refusal("One of: {roles}.")
PASSWORD = Refusal("At least {count} characters.", numbers=("count",))
# why a bearer token is refused (a 401), as Refusals so the API says it in the client's language too (web.languages;
# until 2026-12-07 in English alone)
TOKEN_NOT_VALID = Refusal("The token is not valid.")
TOKEN_REVOKED = Refusal("The token has been revoked.")
TOKEN_EXPIRED = Refusal("The token has expired.")
ACCOUNT_DISABLED = Refusal("The account is disabled.")
NO_ACCOUNT = Refusal("No account named {username}.")
TOKEN_DAYS = Refusal("Between 1 and {days} days.", numbers=("days",))
DISABLED = Refusal("The account is disabled.").reason()
PREFIX_TAKEN = Refusal("A token with that prefix exists already; issue another.").reason()
NO_TOKEN = Refusal("No token with prefix {prefix}.")
UNKNOWN_FILTER = Refusal("Unknown filter.").reason()
USERNAME = re.compile(rf"^[a-z0-9][a-z0-9._-]{{1,{MAX_USERNAME - 1}}}$")
# The logs' order, newest first (an id, drawn after the clock's reading, tells apart entries of one moment), and
# the cursors of their pages (careerlog.keyset): a new entry goes before the cursor, not onto the next page.
ACCESS_LOG_KEYSET = Keyset("access-log", ("at", "id"), ("at", "id"), (str, str), descending=True)
ACCOUNT_CHANGES_KEYSET = Keyset("account-changes", ("at", "id"), ("at", "id"), (str, str), descending=True)

DDL = (
    "CREATE TABLE IF NOT EXISTS accounts (username TEXT PRIMARY KEY, display_name TEXT NOT NULL, "
    "role TEXT NOT NULL, national INTEGER NOT NULL, agencies TEXT NOT NULL, regions TEXT NOT NULL, nip TEXT, "
    "password_hash TEXT, disabled INTEGER NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS api_tokens (token_hash TEXT PRIMARY KEY, prefix TEXT NOT NULL UNIQUE, "
    "username TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT, "
    "last_used_at TEXT)",
    "CREATE INDEX IF NOT EXISTS api_tokens_username ON api_tokens (username)",
    "CREATE TABLE IF NOT EXISTS access_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, "
    "role TEXT NOT NULL, nip TEXT NOT NULL, agency TEXT, region TEXT, action TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS access_log_nip ON access_log (nip, at)",
    "CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at)",
    # Who created, disabled or unlocked which account, when and from where: rows only ever added (no UPDATE, no
    # DELETE). `cleared`: the failed log-ins an unlock cleared (NULL for the other actions); a store made before it
    # gets the column on opening (ACCOUNT_CHANGES_COLUMNS_ADDED).
    "CREATE TABLE IF NOT EXISTS account_changes (id TEXT PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, "
    "via TEXT NOT NULL, action TEXT NOT NULL, account TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL, "
    "cleared INTEGER)",
    "CREATE INDEX IF NOT EXISTS account_changes_at ON account_changes (at)",
    # Rate-limit counters (the page log-in's), shared by every worker and host of the store: a key's hits
    # in its current window, which ends at expires_at (seconds since the epoch).
    "CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, "
    "expires_at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS rate_limits_expires_at ON rate_limits (expires_at)",
    # The pages' sessions ended by a log-out (the id each log-in draws, kept in its signed cookie), until the
    # cookie would expire anyway (seconds since the epoch): a copy of the cookie is refused after the log-out.
    "CREATE TABLE IF NOT EXISTS ended_sessions (id TEXT PRIMARY KEY, expires_at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ended_sessions_expires_at ON ended_sessions (expires_at)",
    # Random secrets of this store, made once on first use, read by every worker, host and command of it: `log-in-keys`
    # keys the HMAC that names a user name's log-in counts in rate_limits (`Accounts.log_in_key`).
    "CREATE TABLE IF NOT EXISTS store_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
# The read of a bearer token's row and its account (by their primary keys), one parameter: the token's hash.
BEARER_READ = (
    "SELECT t.prefix, t.username, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, a.display_name, "
    "a.role, a.national, a.agencies, a.regions, a.nip, a.password_hash, a.disabled, "
    "a.created_at AS account_created_at FROM api_tokens t JOIN accounts a ON a.username = t.username "
    "WHERE t.token_hash = ?"
)
LAST_USE_WRITE = "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?"
# One hit on a key, atomically: a new window when there is none or it has ended, else one more hit in it.
RATE_LIMIT_HIT = (
    "INSERT INTO rate_limits (key, hits, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
    "hits = CASE WHEN rate_limits.expires_at <= ? THEN excluded.hits ELSE rate_limits.hits + excluded.hits END, "
    "expires_at = CASE WHEN rate_limits.expires_at <= ? THEN excluded.expires_at ELSE rate_limits.expires_at END "
    "RETURNING hits, expires_at"
)
# One hit taken back from a key's current window (a log-in attempt counted as failed that succeeded): never below 0,
# and not in a window that has ended (the next one starts from the attempts made in it). Then, in the same
# transaction (the row locked by the UPDATE), a row with no hits left is deleted (RATE_LIMIT_EMPTY_DELETE): a log-in
# that succeeded leaves no row, whose window's end would tell when the user name was last used.
RATE_LIMIT_TAKE_BACK = "UPDATE rate_limits SET hits = hits - 1 WHERE key = ? AND expires_at > ? AND hits > 0"
RATE_LIMIT_EMPTY_DELETE = "DELETE FROM rate_limits WHERE key = ? AND hits <= 0"
# A failed log-in that left its user name's count at the limit (`most`) or over it: its window now ends a full window
# (`seconds`) after this failure, so the lock-out lasts as long whenever the failures before it were made.
LOG_IN_LOCK = "UPDATE rate_limits SET expires_at = ? WHERE key = ? AND expires_at > ? AND hits >= ?"
# The rate_limits keys of a user name's failed page log-ins (`log_in_failures_key`).
LOG_IN_FAILURES = "log-in-failures|"
ACCESS_LOG_COLUMNS = ("id", "at", "username", "role", "nip", "agency", "region", "action")
ACCOUNT_CHANGE_WRITE = (
    "INSERT INTO account_changes (id, at, username, via, action, account, role, scope, cleared) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# Columns of account_changes added after its first release, each with its ALTER TABLE: a store made before has its
# rows kept, the column NULL in each (as a created or disabled account's is).
ACCOUNT_CHANGES_COLUMNS_ADDED = {"cleared": "ALTER TABLE account_changes ADD COLUMN cleared INTEGER"}
# A user name's failed log-ins forgotten (an unlock), answering what its row held: one statement, so a log-in failing
# meanwhile is either counted in what is answered or left for after it, never deleted uncounted.
LOG_IN_FAILURES_FORGET = "DELETE FROM rate_limits WHERE key = ? RETURNING hits, expires_at"


def entry_id() -> str:
    """A new access-log id: 32 hex digits, the time in nanoseconds then 64 random bits. Ids that grow
    with time are added at the end of the primary key's index, where random ones (uuid4) would
    dirty a page anywhere in it on every insert (40% of a 50-row commit on a 240,000-entry log)."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


def entry_ids(count: int) -> list[str]:
    """`count` new access-log ids, as `entry_id` makes them one after the other (each read of the clock
    after the one before), their random parts drawn at once (one system call instead of one per id)."""
    drawn = secrets.token_hex(8 * count)
    return [f"{time.time_ns():016x}{drawn[start : start + 16]}" for start in range(0, 16 * count, 16)]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AuthenticationFailed(CareerlogError):
    """No valid credentials: unknown, expired or revoked token, disabled account (a 401)."""


@dataclass(frozen=True)
class Account:
    """Someone (or some system) that uses careerlog, with a role and a scope."""

    username: str
    display_name: str
    role: Role
    scope: Scope
    nip: str | None
    disabled: bool
    created_at: datetime
    has_password: bool


@dataclass(frozen=True)
class TokenInfo:
    """What is kept of an API token: never the token itself."""

    prefix: str
    username: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if now >= self.expires_at else "active"


@dataclass(frozen=True)
class IssuedToken:
    """A new token: `token` is shown to its owner once and never stored."""

    token: str
    info: TokenInfo


@dataclass(frozen=True)
class Authenticated:
    account: Account
    token: TokenInfo


@dataclass(frozen=True)
class AccessEntry:
    """One read of an employee's personal record by someone else."""

    at: datetime
    username: str
    role: str
    nip: str
    agency: str | None
    region: str | None
    action: str


@dataclass(frozen=True)
class AccountChange:
    """An account created, disabled or unlocked: by whom (an account's name, or the system user on the command
    line), from where ("page", "cli", or "code" for a caller that names neither), when, the account's role and
    scope as they were then, and for an unlock how many failed log-ins it cleared (None for the other actions)."""

    at: datetime
    username: str
    via: str
    action: str
    account: str
    role: str
    scope: str
    cleared: int | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The store secret (store_secrets) keying the HMAC of the user names in rate_limits' keys (`Accounts.log_in_key`).
LOG_IN_KEYS_NAME = "log-in-keys"


class Accounts:
    """Accounts, tokens and the access log on a SQL store (SQLite or PostgreSQL)."""

    def __init__(
        self,
        store: SqlStore,
        *,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
        durable_access_log: bool = True,
    ):
        self.store = store
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self.durable_access_log = durable_access_log  # on PostgreSQL; see record_access
        self._stand_in: tuple[PasswordHasher, str] | None = None  # (check_password)
        self._log_in_secret: bytes | None = None  # (log_in_key)

    def create_tables(self) -> None:
        """Create the tables and indexes not there yet (`Sql.create_missing`), and add the columns a table made by an
        earlier release lacks (ACCOUNT_CHANGES_COLUMNS_ADDED), in one transaction."""
        with self.store.transaction() as sql:
            sql.create_missing(DDL)
            for column in sorted(ACCOUNT_CHANGES_COLUMNS_ADDED.keys() - sql.column_names("account_changes")):
                sql.execute(ACCOUNT_CHANGES_COLUMNS_ADDED[column])

    def tables_missing(self) -> bool:
        """Whether a table or index of DDL, or a column added since, is not there yet (a read of the catalog, and
        one of account_changes' columns when the tables are there)."""
        names = [created_name(statement) for statement in DDL]
        with self.store.statements() as sql:
            existing = sql.relation_names(filter(None, names))
            if any(name not in existing for name in names):
                return True
            return bool(ACCOUNT_CHANGES_COLUMNS_ADDED.keys() - sql.column_names("account_changes"))

    # ------------------------------------------------------------------ accounts

    def create(
        self,
        username: str,
        *,
        display_name: str,
        role: Role | str,
        scope: Scope | None = None,
        nip: str | None = None,
        password: str | None = None,
        by: str = "",
        via: str = "code",
    ) -> Account:
        """Create an account; InvalidInput names what is wrong, Conflict if the name is taken. Who created
        it (`by`) and from where (`via`) are kept in the account changes, in the same transaction."""
        scope = Scope(national=True) if role == Role.ADMIN else scope or Scope()
        checked_role, nip = self._check_new(username, display_name, role, scope, nip, password)
        hashed = self.hasher.hash(password) if password else None
        with self.store.transaction() as sql:
            if sql.scalar("SELECT COUNT(*) AS n FROM accounts WHERE username = ?", (username,)):
                raise Conflict(ACCOUNT_EXISTS.reason(username=quoted(username)))
            sql.execute(
                "INSERT INTO accounts (username, display_name, role, national, agencies, regions, nip, "
                "password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    username,
                    display_name.strip(),
                    checked_role.value,
                    int(scope.national),
                    ",".join(scope.agencies),
                    ",".join(scope.regions),
                    nip,
                    hashed,
                    0,
                    self.clock().isoformat(),
                ),
            )
            self._log_change(sql, by, via, "created", username, checked_role, scope, nip)
        return self.get(username)

    def _log_change(
        self,
        sql: Any,
        by: str,
        via: str,
        action: str,
        username: str,
        role: Role,
        scope: Scope,
        nip: str | None,
        cleared: int | None = None,
    ) -> None:
        """One row of the account changes (an employee account's scope is its NIP)."""
        described = f"nip {nip}" if role is Role.EMPLOYEE else str(scope.describe())
        row = (entry_id(), self.clock().isoformat(), by, via, action, username, role.value, described, cleared)
        sql.execute(ACCOUNT_CHANGE_WRITE, row)

    def refusals(
        self,
        username: str,
        *,
        display_name: str,
        role: Role | str,
        scope: Scope,
        nip: str | None = None,
        password: str | None = None,
    ) -> dict[str, list[str]]:
        """The reasons by field `create` would refuse these for (none: {}), creating nothing: for a form that
        refuses a field of its own first (a scope's unknown code), to name every reason in one answer."""
        try:
            self._check_new(username, display_name, role, scope, nip, password)
        except InvalidInput as refused:
            return refused.errors
        return {}

    def _check_new(
        self, username: str, display_name: str, role: Role | str, scope: Scope, nip: str | None, password: str | None
    ) -> tuple[Role, str | None]:
        errors = FieldErrors()
        if not USERNAME.match(username):
            errors.add("username", BAD_USERNAME)
        if not display_name.strip():
            errors.add("display_name", EMPTY)
        elif "\x00" in display_name:  # (PostgreSQL's text cannot hold one: a 503; SQLite kept it)
            errors.add("display_name", NUL)
        elif control := bidi_control(display_name):  # (reversing how the rest of the name shows; until 2026-12-07
            errors.add("display_name", control)  # refused by the accounts page alone: `accounts create` took it)
        if role not in {r.value for r in Role}:
            errors.add("role", ROLES.reason(roles=", ".join(r.value for r in Role)))
        if password is not None and len(password) < MIN_PASSWORD:
            errors.add("password", PASSWORD.reason(count=MIN_PASSWORD))
        try:  # the NIP, role and scope judged with the fields above: every reason in one answer
            if nip:
                nip = str(parse_nip(nip))
            if role in {r.value for r in Role}:
                check_role_scope(Role(role), scope, nip)
        except InvalidInput as e:
            for field, reasons in e.errors.items():
                for reason in reasons:
                    errors.add(field, reason)
        errors.raise_if_any()
        return Role(role), nip

    def get(self, username: str) -> Account:
        rows = self.store.query("SELECT * FROM accounts WHERE username = ?", (username,))
        if not rows:
            raise NotFound(NO_ACCOUNT.reason(username=quoted(username)))
        return _account(rows[0])

    def made(self) -> bool:
        """Whether the accounts' tables are there: a store opened by a command that only reads may have none yet
        (open_accounts), which it reads as a store of no accounts."""
        with self.store.statements() as sql:
            return {"accounts", "api_tokens"} <= sql.relation_names(["accounts", "api_tokens"])

    def list_accounts(self) -> list[Account]:
        return [_account(r) for r in self.store.query("SELECT * FROM accounts ORDER BY username")]

    def disable(self, username: str, *, by: str = "", via: str = "code") -> Account:
        """Disable an account: its tokens and password stop working at once. Who disabled it (`by`) and
        from where (`via`) are kept in the account changes, in the same transaction."""
        account = self.get(username)
        with self.store.transaction() as sql:
            # one already disabled changes nothing and is not logged again (the log named a second disabling)
            if not sql.scalar("SELECT disabled FROM accounts WHERE username = ?", (username,)):
                sql.execute("UPDATE accounts SET disabled = 1 WHERE username = ?", (username,))
                self._log_change(sql, by, via, "disabled", username, account.role, account.scope, account.nip)
        return self.get(username)

    def unlock(self, username: str, *, by: str = "", via: str = "code") -> int:
        """Forget the failed page log-ins counted for `username` in the current window, so that it may log in again
        before the window ends, and answer how many there were. An unlock that cleared some is kept in the account
        changes ("unlocked", with `cleared`), in the same transaction, by whom (`by`) and from where (`via`); one
        that found none counted changes nothing and is not kept (as a second disabling). NotFound names an unknown
        account (a user name that is no account's has its failures counted all the same, but is not unlocked here)."""
        account = self.get(username)
        key = self.log_in_failures_key(username)  # (the secret read, or made, before the transaction)
        with self.store.transaction() as sql:
            rows = sql.query(LOG_IN_FAILURES_FORGET, (key,))
            now = time.time()
            cleared = sum(int(row["hits"]) for row in rows if float(row["expires_at"]) > now)
            if cleared:
                self._log_change(
                    sql, by, via, "unlocked", username, account.role, account.scope, account.nip, cleared=cleared
                )
        return cleared

    def log_in_failures_of(self, usernames: Iterable[str]) -> dict[str, int]:
        """The failed page log-ins counted in their current windows for those of `usernames` that have some (the
        accounts page's): one read of the current windows of every user name, which are few (one each for the user
        names failed in the last window)."""
        keys = {self.log_in_failures_key(name): name for name in usernames}
        rows = self.store.query(
            "SELECT key, hits FROM rate_limits WHERE key LIKE ? AND expires_at > ? AND hits > 0",
            (LOG_IN_FAILURES + "%", time.time()),
        )
        return {keys[row["key"]]: int(row["hits"]) for row in rows if row["key"] in keys}

    def account_changes(self, *, page: int = 1, per_page: int = 50) -> tuple[list[AccountChange], int]:
        """Every account created, disabled or unlocked, newest first, and how many in all."""
        found = self.account_changes_page(Paging(ACCOUNT_CHANGES_KEYSET, page, per_page))
        return found.rows, found.total

    def account_changes_page(self, paging: Paging) -> Paged:
        """A page of the account changes, newest first (by page number, or after a cursor), with how many in all
        and the next page's cursor."""
        return self._page("account_changes", "", [], paging, _change)

    def _page(self, table: str, where: str, params: list[Any], paging: Paging, made: Callable[[Row], Any]) -> Paged:
        """A page of a log table's rows matching `where`, in `paging`'s order, each `made` into its record."""
        keyset = paging.keyset
        cursor_where, cursor_params = keyset.condition(where, paging.after)
        with self.store.transaction(commit=False) as sql:
            total = int(sql.scalar(f"SELECT COUNT(*) AS n FROM {table}{where}", params))
            rows = sql.query(
                f"SELECT * FROM {table}{cursor_where} ORDER BY {keyset.order_by()} LIMIT ? OFFSET ?",
                [*params, *cursor_params, paging.per_page + 1, paging.offset()],
            )
        shown, following = page_and_next(rows, paging.per_page, keyset)
        return Paged([made(r) for r in shown], total, following)

    def check_password(self, username: str, password: str) -> Account:
        """The account whose password this is; AuthenticationFailed otherwise."""
        rows = self.store.query("SELECT * FROM accounts WHERE username = ?", (username,))
        stored = rows[0]["password_hash"] if rows else None
        try:
            if stored is None:  # verified all the same: the answer's time must not tell which user names exist
                self.hasher.verify(self._stand_in_hash(), password)
                raise VerificationError
            self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationFailed("The user name or password is not right.") from None
        account = _account(rows[0])
        if account.disabled:
            raise AuthenticationFailed(ACCOUNT_DISABLED.reason())
        return account

    def _stand_in_hash(self) -> str:
        """A hash of a random password with this hasher's parameters, for a log-in that has no hash to check."""
        kept = self._stand_in
        if kept is None or kept[0] is not self.hasher:
            kept = self._stand_in = (self.hasher, self.hasher.hash(secrets.token_urlsafe(32)))
        return kept[1]

    # ------------------------------------------------------------------ tokens

    def issue_token(self, username: str, *, days: int = 90, token: str | None = None) -> IssuedToken:
        """A new token for an account, valid for `days`; the token is in the answer only.

        `token` gives the value instead of drawing a random one (demo accounts only).
        """
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise InvalidInput(TOKEN_DAYS.reason(days=MAX_TOKEN_DAYS), "days")
        account = self.get(username)
        if account.disabled:
            raise InvalidInput(DISABLED, "account")
        value = token or TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self.clock()
        info = TokenInfo(value[:VISIBLE_CHARS], username, now, now + timedelta(days=days), None, None)
        with self.store.transaction() as sql:
            taken = sql.scalar(
                "SELECT COUNT(*) AS n FROM api_tokens WHERE prefix = ? OR token_hash = ?",
                (info.prefix, token_hash(value)),
            )
            if taken:
                raise Conflict(PREFIX_TAKEN)
            sql.execute(
                "INSERT INTO api_tokens (token_hash, prefix, username, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                (token_hash(value), info.prefix, username, now.isoformat(), info.expires_at.isoformat()),
            )
        return IssuedToken(value, info)

    def list_tokens(self, username: str | None = None) -> list[TokenInfo]:
        if username is None:
            rows = self.store.query("SELECT * FROM api_tokens ORDER BY username, created_at")
        else:
            rows = self.store.query("SELECT * FROM api_tokens WHERE username = ? ORDER BY created_at", (username,))
        return [_token(r) for r in rows]

    def revoke_token(self, prefix: str) -> TokenInfo:
        """Revoke a token by its visible prefix; it is refused from then on."""
        rows = self.store.query("SELECT * FROM api_tokens WHERE prefix = ?", (prefix,))
        if not rows:
            raise NotFound(NO_TOKEN.reason(prefix=quoted(prefix)))
        if rows[0]["revoked_at"] is None:
            with self.store.transaction() as sql:
                sql.execute("UPDATE api_tokens SET revoked_at = ? WHERE prefix = ?", (self.clock().isoformat(), prefix))
        return _token(self.store.query("SELECT * FROM api_tokens WHERE prefix = ?", (prefix,))[0])

    def token_exists(self, token: str) -> bool:
        return bool(
            self.store.scalar("SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = ?", (token_hash(token),))
        )

    @staticmethod
    def token_read(token: str) -> tuple[str, tuple[str]]:
        """The read `authenticate` makes: the token and its account in one indexed read (the primary keys)."""
        return BEARER_READ, (token_hash(token),)

    def authenticate(self, token: str) -> Authenticated:
        """The account a bearer token belongs to; AuthenticationFailed says why not."""
        now = self.clock()
        rows = self.store.query(*self.token_read(token))
        if not rows:
            raise AuthenticationFailed(TOKEN_NOT_VALID.reason())
        info = _token(rows[0])
        state = info.state(now)
        if state == "revoked":
            raise AuthenticationFailed(TOKEN_REVOKED.reason())
        if state == "expired":
            raise AuthenticationFailed(TOKEN_EXPIRED.reason())
        if rows[0]["disabled"]:
            raise AuthenticationFailed(ACCOUNT_DISABLED.reason())
        if info.last_used_at is None or now - info.last_used_at >= LAST_USE_RESOLUTION:
            self._write_last_use(token, now)
        return Authenticated(_account({**rows[0], "created_at": rows[0]["account_created_at"]}), info)

    def _write_last_use(self, token: str, now: datetime) -> None:
        """Stamp a token's last use. On PostgreSQL by the UPDATE alone on the autocommit connection: one
        statement is a transaction of its own, committed (durably) before it answers, so one round trip
        instead of three (BEGIN, UPDATE, COMMIT). On SQLite in a transaction on the pool's writer, as before."""
        params = (now.isoformat(), token_hash(token))
        if self.store.dialect == "postgres":
            with self.store.statements() as sql:
                sql.execute(LAST_USE_WRITE, params)
            return
        with self.store.transaction() as sql:
            sql.execute(LAST_USE_WRITE, params)

    # ------------------------------------------------------------------ rate limits

    def hit(self, key: str, seconds: int, amount: int = 1) -> int:
        """Count `amount` hits on `key` in its fixed window of `seconds` and answer the window's hits so far.

        The count is a row of the store, so every worker and host counts together; a window that has
        ended starts again. Ended windows of any key are deleted on the way (an index on expires_at)."""
        return self._hit(key, seconds, amount)[0]

    def _hit(self, key: str, seconds: float, amount: int = 1) -> tuple[int, float]:
        """`hit`, answering the window's end too."""
        now = time.time()
        with self.store.transaction() as sql:
            sql.execute("DELETE FROM rate_limits WHERE expires_at <= ?", (now,))
            rows = sql.query(RATE_LIMIT_HIT, (key, amount, now + seconds, now, now))
        return int(rows[0]["hits"]), float(rows[0]["expires_at"])

    def log_in_key(self, username: str) -> str:
        """A user name as the rate_limits keys of its log-ins hold it: its HMAC-SHA-256, keyed by the store's random
        `log-in-keys` secret (store_secrets, made on first use; every worker, host and `careerlog accounts unlock`
        reads the same). 64 hex digits, a key PostgreSQL's index takes whatever the name's length (a form's, up to the
        upload limit), and a password typed in the user name's field is not kept as typed nor as a plain hash, which
        a dictionary would have undone: without the secret the key tells nothing of the name."""
        digest = hmac.new(self._log_in_keys_secret(), username.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()

    def log_in_failures_key(self, username: str) -> str:
        """The rate_limits key counting the failed page log-ins of a user name, whatever the address."""
        return LOG_IN_FAILURES + self.log_in_key(username)

    def _log_in_keys_secret(self) -> bytes:
        """The store's `log-in-keys` secret: read once, made by whichever process needs it first (the others keep
        what was made: ON CONFLICT DO NOTHING, then read)."""
        if self._log_in_secret is None:
            with self.store.transaction() as sql:
                sql.execute(
                    "INSERT INTO store_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    (LOG_IN_KEYS_NAME, secrets.token_hex(32)),
                )
                rows = sql.query("SELECT value FROM store_secrets WHERE name = ?", (LOG_IN_KEYS_NAME,))
            self._log_in_secret = bytes.fromhex(rows[0]["value"])
        return self._log_in_secret

    def start_log_in(self, username: str, *, most: int, seconds: float) -> float | None:
        """Count a page log-in with `username` as failed before its password is checked (from any address), and
        answer None; `log_in_succeeded` takes it back, `log_in_failed` keeps it. A user name that has had `most`
        failed log-ins in the current window of `seconds` (started by the first of them) is refused instead: the
        lock-out's end is answered (seconds since the epoch: a full window after the failure that reached `most`,
        `log_in_failed`) and nothing counted. Counted first, a burst of attempts sent together (by many workers or
        hosts) cannot pass `most` by the attempts still being checked: each takes a place in the count, or is refused.
        The same for a user name that exists or not, so the refusal does not tell which."""
        key = self.log_in_failures_key(username)
        counted, ends = self._hit(key, seconds)
        if counted <= most:
            return None
        self._take_back(key)
        return ends

    def log_in_succeeded(self, username: str) -> None:
        """Take back the failure `start_log_in` counted for a log-in with `username` that succeeded; a count it
        leaves at 0 is deleted, so that the log-in leaves no trace in the count (nor its window's end)."""
        self._take_back(self.log_in_failures_key(username))

    def log_in_failed(self, username: str, *, most: int, seconds: float) -> None:
        """Keep the failure `start_log_in` counted for a log-in with `username` whose password was not right: when
        the count is at `most` (this failure reached it), the lock-out starts now and lasts a full window of
        `seconds`, whenever the failures before it were made (a window started by an earlier failure, the user's own
        typo an hour ago, would have told an attacker of it by a shorter lock-out)."""
        key = self.log_in_failures_key(username)
        now = time.time()
        with self.store.transaction() as sql:
            sql.execute(LOG_IN_LOCK, (now + seconds, key, now, most))

    def take_back_hit(self, key: str) -> None:
        """Take back one hit counted on `key` (a page log-in that succeeded, counted against the limit per address
        and user name: web.pages.auth); a count it leaves at 0 is deleted."""
        self._take_back(key)

    def _take_back(self, key: str) -> None:
        with self.store.transaction() as sql:
            sql.execute(RATE_LIMIT_TAKE_BACK, (key, time.time()))
            sql.execute(RATE_LIMIT_EMPTY_DELETE, (key,))

    def log_in_failures(self, username: str) -> tuple[int, float]:
        """The failed page log-ins with `username` counted in the current window, and its end (0 and now if none)."""
        return self.hits(self.log_in_failures_key(username))

    # ------------------------------------------------------------------ the pages' sessions

    def end_session(self, session_id: str, *, seconds: float) -> None:
        """Remember that the session `session_id` ended, for the `seconds` its cookie would still be accepted.
        Sessions whose cookies have expired are forgotten on the way (an index on expires_at)."""
        now = time.time()
        with self.store.transaction() as sql:
            sql.execute("DELETE FROM ended_sessions WHERE expires_at <= ?", (now,))
            sql.execute(
                "INSERT INTO ended_sessions (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                (session_id, now + seconds),
            )

    def session_ended(self, session_id: str) -> bool:
        """Whether a log-out ended the session `session_id`."""
        return bool(self.store.query("SELECT id FROM ended_sessions WHERE id = ?", (session_id,)))

    def hits(self, key: str) -> tuple[int, float]:
        """A key's hits in its current window and the window's end (0 and now when it has none)."""
        now = time.time()
        rows = self.store.query("SELECT hits, expires_at FROM rate_limits WHERE key = ? AND expires_at > ?", (key, now))
        return (int(rows[0]["hits"]), float(rows[0]["expires_at"])) if rows else (0, now)

    def forget_hits(self, key: str | None = None) -> None:
        """Forget a key's hits (every key's when None)."""
        with self.store.transaction() as sql:
            if key is None:
                sql.execute("DELETE FROM rate_limits")
            else:
                sql.execute("DELETE FROM rate_limits WHERE key = ?", (key,))

    # ------------------------------------------------------------------ access log

    def record_access(self, reader: Account, action: str, targets: Iterable[Target]) -> int:
        """Log reads of employees' personal records by someone other than the employee."""
        return self.record_reads(reader, action, [(t.nip, t.agency, t.region) for t in targets])

    def record_reads(self, reader: Account, action: str, places: Iterable[Place]) -> int:
        """`record_access` of employees given as (NIP, agency, region), as a roster page's items give them
        (no Target made for each of its rows)."""
        own = reader.nip
        read = [place for place in places if place[0] and place[0] != own]
        return self._write_reads(reader, [(*place, action) for place in read])

    def record_actions(self, reader: Account, reads: Iterable[tuple[str, Place]]) -> int:
        """`record_reads` of employees each read for its own reason ((action, (NIP, agency, region))), in one
        statement: a mentor's career page and the mentees it shows."""
        own = reader.nip
        return self._write_reads(reader, [(*place, action) for action, place in reads if place[0] and place[0] != own])

    def _write_reads(self, reader: Account, read: list[tuple[str | None, ...]]) -> int:
        """Write access-log rows (NIP, agency, region, action) of one reader at one time, in one statement: each
        distinct row once, however often the read showed that employee (a list with two of their decisions)."""
        read = list(dict.fromkeys(read))
        at = self.clock().isoformat()
        username, role = reader.username, reader.role.value
        rows = [(i, at, username, role, *entry) for i, entry in zip(entry_ids(len(read)), read, strict=True)]
        if rows:
            # Written on every read. PostgreSQL (production) commits it durably unless durable_access_log
            # is off (CAREERLOG_ACCESS_LOG_COMMIT=fast: a crash of the database server or machine may lose
            # the last 0.6 s of entries). The embedded SQLite store relaxes it to WAL's synchronous NORMAL
            # (SqlStore.transaction): only a power loss or OS crash can lose the last entries.
            synced = self.store.dialect == "postgres" and self.durable_access_log
            self.store.insert("access_log", ACCESS_LOG_COLUMNS, rows, synced=synced)
        return len(rows)

    def access_log(
        self,
        filters: Mapping[str, list[str]],
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> tuple[list[AccessEntry], int]:
        """Entries matching column filters (nip, username, agency, region), newest first, and their count."""
        found = self.access_log_page(filters, Paging(ACCESS_LOG_KEYSET, page, per_page), since=since, until=until)
        return found.rows, found.total

    def access_log_page(
        self,
        filters: Mapping[str, list[str]],
        paging: Paging,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Paged:
        """A page of the entries matching column filters (nip, username, agency, region) and the period, newest
        first (by page number, or after a cursor), with how many in all and the next page's cursor."""
        clauses: list[str] = []
        params: list[Any] = []
        for name, values in filters.items():
            if name not in ("nip", "username", "agency", "region", "action"):
                raise InvalidInput(UNKNOWN_FILTER, name)
            clauses.append(f"{name} IN ({', '.join('?' * len(values))})" if values else "1 = 0")
            params += [normalise_nip(v) if name == "nip" else v for v in values]
        for op, moment in ((">=", since), ("<", until)):
            if moment is not None:
                clauses.append(f"at {op} ?")
                params.append(moment.astimezone(UTC).isoformat())
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return self._page("access_log", where, params, paging, _entry)


def open_accounts(settings: Settings, store: SqlStore | None = None, *, clock: Clock = utc_now) -> Accounts:
    """The accounts of the configured database, with their tables created on first use; not by a command that only
    reads (`settings.only_reads`: `accounts list`, `tokens list`), which reads a store of the log alone as one of no
    accounts (`Accounts.made`), and a store it cannot write (read in place) as it is."""
    accounts = Accounts(store or open_store(settings), clock=clock)
    if not settings.only_reads and accounts.tables_missing():  # else nothing to create: no lock to take
        with settings.schema_lock():
            accounts.create_tables()
    return accounts


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c for c in value.split(",") if c)


def _account(row: Row) -> Account:
    return Account(
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        scope=Scope(bool(row["national"]), _codes(row["agencies"]), _codes(row["regions"])),
        nip=row["nip"],
        disabled=bool(row["disabled"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        has_password=row["password_hash"] is not None,
    )


def _token(row: Row) -> TokenInfo:
    return TokenInfo(
        prefix=row["prefix"],
        username=row["username"],
        created_at=datetime.fromisoformat(row["created_at"]),
        expires_at=datetime.fromisoformat(row["expires_at"]),
        revoked_at=_when(row["revoked_at"]),
        last_used_at=_when(row["last_used_at"]),
    )


def _entry(row: Row) -> AccessEntry:
    return AccessEntry(
        at=datetime.fromisoformat(row["at"]),
        username=row["username"],
        role=row["role"],
        nip=row["nip"],
        agency=row["agency"],
        region=row["region"],
        action=row["action"],
    )


def _change(row: Row) -> AccountChange:
    return AccountChange(
        at=datetime.fromisoformat(row["at"]),
        username=row["username"],
        via=row["via"],
        action=row["action"],
        account=row["account"],
        role=row["role"],
        scope=row["scope"],
        cleared=row.get("cleared"),
    )

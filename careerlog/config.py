"""Configuration from the environment: CAREERLOG_* settings mapped onto the library's own.

CAREERLOG_DATABASE_URL   sqlite:///careerlog.db (default, a file under the working directory),
                         sqlite:////absolute/path.db, or
                         postgresql://user:password@host:port/dbname[?schema=name][&sslmode=require...]
                         (libpq's connection parameters: LIBPQ_PARAMETERS; libpq's PG* variables apply too)
CAREERLOG_ENCRYPTION_KEY base64 AES key (16, 24 or 32 bytes): encrypts stored events at rest
CAREERLOG_RULES_FILE     a replacement rules.toml (see docs/rules.md)
CAREERLOG_NAMES_FILE     a replacement names.toml, how lists write names (docs/rules.md; read by careerlog.reference)
CAREERLOG_DB_POOL_SIZE, CAREERLOG_DB_MAX_OVERFLOW   PostgreSQL connections per process (4, 8)
CAREERLOG_IMPORT_WRITE_AHEAD  on (or 1, true, yes): an import writes each batch while it decides the next
                         (careerlog.importing.writes_ahead); off (or 0, false, no; the default): not. Anything
                         else stops every command at start naming it (it was read as off: only `on` counted)
CAREERLOG_IMPORT_XLSX_MAX_MB  the most an imported .xlsx workbook's XML parts may unpack to, in MB (default 256;
                         careerlog.workbooks.unpacked_limit): a whole number of at least 1, anything else stops every
                         command at start naming it
CAREERLOG_TIMEZONE       the time zone the pages and their downloads for people show recorded times in, by its IANA
                         name (default Asia/Jakarta, WIB; Asia/Makassar WITA, Asia/Jayapura WIT): anything else stops
                         every command at start naming it. Times are recorded, and the API answers them, in UTC
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, parse_qs, unquote, urlencode, urlsplit
from zoneinfo import available_timezones

import orjson

from careerlog.written import make_private

if TYPE_CHECKING:
    import psycopg

DEFAULT_DATABASE_URL = "sqlite:///careerlog.db"
# How long a command waits on a SQLite store locked by a writer to record its encryption marker (check_key)
SQLITE_MARKER_TIMEOUT = 30.0
SCHEMA_LOCK_ID = 7_312_301  # pg_advisory_lock key held with the hash of the schema's name while tables are created
_WHOLE_NUMBER = re.compile(r"^\s*-?[0-9]+\s*$")
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# The libpq connection parameters a postgresql:// URL may give after the database's name, beside ?schema=, passed to
# every connection careerlog opens (the library's pool, its own connections, a rebuild's processes, a worker's
# LISTEN): TLS (?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem), time-outs, keep-alives, the name shown in
# pg_stat_activity, a primary among several hosts. Not those careerlog sets itself (host, port, dbname, user,
# password: the URL's parts) nor `options` (a search_path there would place the tables elsewhere than ?schema=).
LIBPQ_PARAMETERS = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslcrl",
        "sslcrldir",
        "sslsni",
        "ssl_min_protocol_version",
        "ssl_max_protocol_version",
        "channel_binding",
        "gssencmode",
        "requirepeer",
        "require_auth",
        "connect_timeout",
        "application_name",
        "target_session_attrs",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
    }
)

# The eventsourcing setting careerlog passes a URL's libpq parameters in (CareerLog.construct_factory), url-encoded
POSTGRES_OPTIONS_ENV = "CAREERLOG_POSTGRES_OPTIONS"

# PostgreSQL ends a session left idle in a transaction this long (idle_in_transaction_session_timeout, the pools' of
# the ledger and of the views): a reader holding one open while it waits on something else (a slow client) loses it.
IDLE_IN_TRANSACTION_SECONDS = 30
# The seconds a connection to PostgreSQL may take to open when the URL gives no ?connect_timeout= (libpq's own
# default: forever); a pool waits as long for a connection (Settings.connect_timeout)
DEFAULT_CONNECT_TIMEOUT = 5
WRITE_AHEAD_ENV = "CAREERLOG_IMPORT_WRITE_AHEAD"
XLSX_MAX_MB_ENV = "CAREERLOG_IMPORT_XLSX_MAX_MB"
# A 100,000-row export of 9 columns written by openpyxl unpacks to 62 MB (its sheet, 11 times its packed size): the
# default leaves room for about four times as many cells (careerlog.workbooks.refuse_bombs)
DEFAULT_XLSX_MAX_MB = 256
TIMEZONE_ENV = "CAREERLOG_TIMEZONE"
# A bulk write: an import recording at least this many events, or a views' catch-up reading as many, leaves the tables
# it filled ANALYZEd on PostgreSQL (Settings.analyze), as `import --migration` always does; autovacuum, where it is on,
# analyzes a table only some time after a bulk load, and the planner without statistics chose an index that made the
# inspector's card 5-9 s instead of 1-2 s (docs/operations.md, "PostgreSQL"). A smaller write runs no ANALYZE.
BULK_ROWS = 10_000
EVENTS_TABLE = "careerlog_events"  # the log's table on PostgreSQL, as the library names it
# A bulk import's ANALYZE that failed (Settings.analyze_imported): said by careerlog import, logged by the web's
ANALYZE_FAILED = (
    "the rows are recorded, but ANALYZE of the log failed ({error}); run ANALYZE {table} by hand (docs/operations.md, "
    "Planner statistics)."
)
# How long an ANALYZE (not a rebuild's VACUUM (ANALYZE)) waits for a lock on its table: behind an operator's VACUUM,
# autovacuum's or a rebuild's index build it would wait with no limit, holding an import's answer or a catch-up; past it
# the ANALYZE fails as any other (ANALYZE_FAILED: a warning, the write stands)
ANALYZE_LOCK_WAIT = "5s"
# `careerlog info`'s word for an encrypted store (Settings.encryption): what reading it needs
ENCRYPTED = "yes (AES-GCM; CAREERLOG_ENCRYPTION_KEY needed to read it)"
DEFAULT_TIMEZONE = "Asia/Jakarta"  # WIB: the pages show a recorded time in it (web.pages.local_datetime)
# names the time zone database holds that are no place's zone: the host's own setting, and IANA's placeholder
NOT_PLACES = frozenset({"localtime", "Factory"})
# a URL's password: after `scheme://user:` up to the last `@` before any `?` (a `/` in it too: safe, not exact), or a
# parameter's value whose name says password (`?password=`, `&sslpassword=`)
_URL_PASSWORD = re.compile(r"^(?P<head>[^:/?#]*://[^:/?#@]*:)[^?#]*(?=@)")
_PARAMETER_PASSWORD = re.compile(r"(?P<head>[?&;][^=&;#]*pass[^=&;#]*=)[^&;#]*", re.IGNORECASE)
# What _unencoded_password takes for the part after a URL's `@` (its user and password's): a host (or [IPv6]), an
# optional port, a database
_HOST_AND_DATABASE = re.compile(r"^(\[[^\]/?#@]*\]|[^:/?#@\[\]]*)(:[0-9]*)?/[^/?#@]+")
# The characters a password in a URL percent-encodes (RFC 3986's gen-delims that end or split its userinfo)
_URL_ESCAPES = {"/": "%2F", "?": "%3F", "#": "%23", "@": "%40"}


def _masked(url: str) -> str:
    """`url` with its passwords as *** (Settings.display_url)."""
    return _PARAMETER_PASSWORD.sub(r"\g<head>***", _URL_PASSWORD.sub(r"\g<head>***", url))


class ConfigurationError(ValueError):
    """A setting is missing or malformed; the message names it."""


class KeyMismatch(ConfigurationError):
    """CAREERLOG_ENCRYPTION_KEY (or its absence) is not the store's: refused at start, at a write (nothing recorded,
    careerlog.storekey) or at the read of an event it does not decode; the message names it."""


# Within Settings.opening: the plain connection each way of connecting (Settings._connect_arguments) keeps for it.
_OPENING: ContextVar[dict[str, psycopg.Connection[Any]] | None] = ContextVar("_OPENING", default=None)


@dataclass(frozen=True)
class Settings:
    """careerlog's settings, read once from the environment and passed down explicitly."""

    # (neither in the repr: a URL's password, the key)
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)
    encryption_key: str | None = field(default=None, repr=False)
    rules_file: str | None = None
    pool_size: int = 4
    max_overflow: int = 8
    # False: CAREERLOG_DATABASE_URL was not set and the default is used; `prepare` then refuses to create the
    # default store (a unit or shell without the variable would have served or filled an empty file of its own)
    database_url_set: bool = True
    # Where the URL came from, as a refusal of it names it: "--database-url" when given on the command line (a
    # message naming CAREERLOG_DATABASE_URL sent the user to a variable they had not set, or set to another store)
    url_source: str = field(default="CAREERLOG_DATABASE_URL", compare=False)
    # True for a command that only reads a store (export, history, info, the audits and reports): `prepare` refuses a
    # store that is not there instead of making a new, empty one (a mistyped path exported 0 events, exit 0)
    existing_only: bool = False
    # What a command of existing_only that changes what a store holds already says it does when the store is not there
    # (`accounts disable`, `tokens create`, ...: an account or token of a store that is not there is none; None: the
    # command only reads, or is `projections rebuild`, which writes the views of a store's log)
    existing_does: str | None = None
    # True for a command that only reads and writes nothing (those of existing_only but `projections rebuild`): a
    # SQLite store this process cannot write is read in place, read-only (`reads_in_place`), not refused
    only_reads: bool = False
    # False for a command that records nothing though it may write (`import --dry-run`; `projections rebuild`, the views
    # alone) and for those of only_reads: the store's encryption marker (careerlog.storekey) is checked, not recorded.
    # A dry run without the key marked an empty store plain, and the servers then started with the key were refused.
    records_marker: bool = True
    # CAREERLOG_IMPORT_WRITE_AHEAD, read here so that a value neither on nor off stops every command at start;
    # an import reads it again where it runs (careerlog.importing.writes_ahead: each worker process of its own)
    import_write_ahead: bool = False
    # CAREERLOG_IMPORT_XLSX_MAX_MB, read here so that a value that is no whole number stops every command at start; an
    # import reads it again where it runs (careerlog.workbooks.unpacked_limit)
    import_xlsx_max_mb: int = DEFAULT_XLSX_MAX_MB
    # CAREERLOG_TIMEZONE, read here so that a name of no time zone stops every command at start; the pages read it
    # again (web.config.WebSettings: flask-babel's BABEL_DEFAULT_TIMEZONE)
    display_timezone: str = DEFAULT_TIMEZONE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("CAREERLOG_DATABASE_URL") or DEFAULT_DATABASE_URL,
            database_url_set=bool(env.get("CAREERLOG_DATABASE_URL")),
            encryption_key=env.get("CAREERLOG_ENCRYPTION_KEY") or None,
            rules_file=env.get("CAREERLOG_RULES_FILE") or None,
            pool_size=_int_setting(env, "CAREERLOG_DB_POOL_SIZE", 4, least=1),
            max_overflow=_int_setting(env, "CAREERLOG_DB_MAX_OVERFLOW", 8, least=0),
            import_write_ahead=switch_setting(env, WRITE_AHEAD_ENV),
            import_xlsx_max_mb=xlsx_max_mb(env),
            display_timezone=timezone_setting(env),
        )

    @property
    def display_url(self) -> str:
        """CAREERLOG_DATABASE_URL as a message or a log may show it: its password, if any, as ***, the one after the
        user name and any given as a parameter (`?password=...`), whether the URL is well formed or not (it is read
        as text, never split as a URL, which may fail)."""
        return _masked(self.database_url)

    def _split(self) -> SplitResult:
        """CAREERLOG_DATABASE_URL split as a URL; one careerlog cannot split (a `[` opening no IPv6 address) is
        refused naming the variable, its password masked."""
        try:
            return urlsplit(self.database_url)
        except ValueError as e:
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} cannot be read as a URL ({e}); write "
                "postgresql://user:password@host:port/dbname or sqlite:///path.db"
            ) from None

    @property
    def store(self) -> str:
        """'sqlite' or 'postgres'."""
        scheme = self._split().scheme
        if scheme == "sqlite":
            return "sqlite"
        if scheme in ("postgresql", "postgres"):
            return "postgres"
        raise ConfigurationError(f"{self.url_source}: unsupported scheme {scheme!r}; use sqlite:/// or postgresql://")

    @property
    def sqlite_path(self) -> str:
        url = self._split()
        if url.netloc or url.query or url.fragment or not self.database_url.startswith("sqlite:///"):
            # sqlite://data/careerlog.db used to open ./careerlog.db, and ?mode=ro was part of the file's name
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} is not a SQLite file's URL: write "
                "sqlite:///relative/path.db or sqlite:////absolute/path.db (three slashes, then the path; "
                "no host, no ?parameters)"
            )
        path = self.database_url[len("sqlite:///") :]
        if not path:
            raise ConfigurationError(f"{self.url_source}: give a file, e.g. sqlite:///careerlog.db")
        if path.startswith((":memory:", "file:")):
            # an in-memory store, empty to every other process and gone when the command ends (an import's rows
            # recorded into it, lost; an export of it, an empty backup), or a URI filename that passed every check
            # of the file (a store not there made by a command that reads, the encryption key's check)
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} is "
                + ("a store in memory, lost when the command ends" if path.startswith(":") else "a SQLite URI")
                + ", which careerlog does not take: name the store's file, sqlite:///relative/path.db or "
                "sqlite:////absolute/path.db"
            )
        return path

    def _unencoded_password(self) -> ConfigurationError | None:
        """The refusal of a postgresql:// URL whose password holds a `/`, `?` or `#` not percent-encoded, or None.

        Such a character ends the URL's user-and-host part early, so the password's rest and the host were read as
        the database's name, a query or a fragment: the URL was refused as having no valid port, or as naming no
        database, which sent the operator to the wrong part of it. Taken for that: an `@` after a `/`, `?` or `#`,
        a `:` before them (user:password), and after the `@` a host, an optional port and a database. The `@` is the
        last before the URL's first `?` or `#` (one in its query, `?sslrootcert=/certs/a@b/root.crt`, is the query's);
        with none there, the password may hold the `?` or `#`: the first `@` a host and a database follow, unless the
        URL names no user (`host:5432/db?application_name=me@x/y`)."""
        rest = self.database_url.partition("://")[2]
        end = min((rest.find(c) for c in "?#" if c in rest), default=len(rest))
        if "@" in rest[:end]:
            userinfo, at, after = rest[:end].rpartition("@")
            after += rest[end:]
        else:
            named = _HOST_AND_DATABASE.match(rest[:end])
            if named is not None and named.end() == end:  # a host, a port and a database before it: no user
                return None
            hosts = [i for i, c in enumerate(rest) if c == "@" and _HOST_AND_DATABASE.match(rest[i + 1 :])]
            userinfo, at, after = (rest[: hosts[0]], "@", rest[hosts[0] + 1 :]) if hosts else (rest, "", "")
        cut = min((userinfo.find(c) for c in "/?#" if c in userinfo), default=-1)
        if not at or cut < 0 or ":" not in userinfo[:cut] or not _HOST_AND_DATABASE.match(after):
            return None
        user = userinfo.partition(":")[0]
        found = sorted({c for c in userinfo.partition(":")[2] if c in _URL_ESCAPES})
        scheme = self.database_url.partition("://")[0]
        return ConfigurationError(
            f"{self.url_source}: {scheme}://{user}:***@{after}: the password seems to hold "
            f"{', '.join(repr(c) for c in found)}, which end the user and password part of a URL: percent-encode "
            f"them in the password ({', '.join(f'{c} as {_URL_ESCAPES[c]}' for c in found)}; % itself as %25), "
            "e.g. postgresql://careerlog:se%2Fcr%40t@db.example:5432/careerlog for the password se/cr@t"
        )

    def postgres(self) -> dict[str, str]:
        """Connection parts of a postgresql:// URL."""
        if (unencoded := self._unencoded_password()) is not None:
            raise unencoded
        url = self._split()
        dbname = unquote(url.path.lstrip("/"))
        if not dbname:
            raise ConfigurationError(f"{self.url_source}: name the database, e.g. postgresql://host/careerlog")
        parameters = parse_qs(url.query, keep_blank_values=True)
        unknown = ", ".join(repr(name) for name in sorted(set(parameters) - {"schema"} - LIBPQ_PARAMETERS))
        if unknown or url.fragment:
            # a mistyped ?schema= used to be ignored: careerlog's tables went to the database's public schema
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} has {unknown or repr('#' + url.fragment)} after the "
                "database's name; careerlog takes ?schema=name and these connection parameters of PostgreSQL's "
                f"(libpq's): {', '.join(sorted(LIBPQ_PARAMETERS))}"
            )
        if twice := sorted(name for name in set(parameters) - {"schema"} if len(parameters[name]) > 1):
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} gives {', '.join(twice)} more than once; give each once"
            )
        given = parameters.get("schema", [])
        if len(given) > 1:  # (the first was taken: which schema a deployment wrote to hung on the order)
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} gives ?schema= {len(given)} times; give it once, "
                "e.g. ?schema=careerlog_medan"
            )
        if given and not given[0]:  # (it was read as no schema: careerlog's tables went to the public schema)
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} gives ?schema= empty; name the schema "
                "(e.g. ?schema=careerlog_medan), or leave ?schema= out for the database's default schema"
            )
        schema = given[0] if given else ""
        if schema and not _SCHEMA_NAME.match(schema):
            raise ConfigurationError(  # (what _SCHEMA_NAME takes, in words: the message said only "invalid")
                f"{self.url_source}: invalid schema name {schema!r}: a schema's name is 1 to 63 lower-case "
                "letters a-z, digits 0-9 and underscores, not starting with a digit (e.g. ?schema=careerlog_medan)"
            )
        if schema.startswith("pg_") or schema == "information_schema":
            # PostgreSQL's own (pg_catalog, pg_toast, pg_temp): careerlog's tables were made in information_schema,
            # refused by the server as a catalog's modification, or a traceback (pg_temp: a reserved name)
            raise ConfigurationError(
                f"{self.url_source}: the schema {schema!r} is PostgreSQL's own (pg_... and information_schema): "
                "name a schema of careerlog's (e.g. ?schema=careerlog_medan)"
            )
        timeout = parameters.get("connect_timeout", [None])[0]
        if timeout is not None and (not _WHOLE_NUMBER.match(timeout) or int(timeout) < 0):
            raise ConfigurationError(  # (libpq's own refusal came at the first connection, the pool's as a time-out;
                # a negative one, until 2026-12-06 taken: the pools waited 5 s, psycopg 130 s elsewhere)
                f"{self.url_source}: {self.display_url} gives connect_timeout={timeout!r}; give a whole number of "
                f"seconds, 0 or more (e.g. ?connect_timeout=10; careerlog's default {DEFAULT_CONNECT_TIMEOUT}, also "
                "for 0)"
            )
        try:
            port = url.port or 5432
        except ValueError:  # not a number, or out of range
            raise ConfigurationError(
                f"{self.url_source}: {self.display_url} has no valid port (a number from 1 to 65535)"
            ) from None
        return {
            "dbname": dbname,
            "host": url.hostname or "127.0.0.1",
            "port": str(port),
            "user": unquote(url.username or "postgres"),
            "password": unquote(url.password or ""),
            "schema": schema,
        }

    def postgres_options(self) -> dict[str, str]:
        """The libpq connection parameters the postgresql:// URL gives (LIBPQ_PARAMETERS; checked by `postgres`), a
        connect_timeout given as `connect_timeout` reads it (0: careerlog's default), so that every connection, a
        pool's or a plain one, follows the same rule (until 2026-12-06 a 0 reached psycopg, which waits 130 s)."""
        options = self._given_options()
        if "connect_timeout" in options:
            options["connect_timeout"] = str(self.connect_timeout)
        return options

    def _given_options(self) -> dict[str, str]:
        self.postgres()
        parameters = parse_qs(self._split().query, keep_blank_values=True)
        return {name: values[0] for name, values in sorted(parameters.items()) if name in LIBPQ_PARAMETERS}

    @property
    def connect_timeout(self) -> int:
        """The seconds a pool waits for a connection to PostgreSQL: the URL's ?connect_timeout= (libpq's time to open
        one) when it gives a positive one, else DEFAULT_CONNECT_TIMEOUT (libpq waits forever for 0 or less; a request
        does not). Until 2026-12-06 a pool waited 5 s whatever the URL gave."""
        given = self._given_options().get("connect_timeout")
        seconds = int(given) if given is not None else 0
        return seconds if seconds > 0 else DEFAULT_CONNECT_TIMEOUT

    def eventsourcing_env(self, *, as_made: bool | None = None) -> dict[str, str]:
        """The library's settings for this configuration; `as_made` (what `prepare` returned): the store is opened
        as it is, nothing made (default: when read in place, `reads_in_place`)."""
        # (opened as made: no tables made, nor careerlog's indexes and key owners, CareerLog.__init__)
        made = self.reads_in_place if as_made is None else as_made
        env = {"ORIGINATOR_ID_TYPE": "text", "CREATE_TABLE": "n" if made else "y"}
        if self.store == "sqlite":
            path = self.sqlite_database  # (its directory is there: check_url refuses one that is not, nothing made)
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": path,
                "SQLITE_LOCK_TIMEOUT": "30",
            }
        else:
            pg = self.postgres()
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": pg["dbname"],
                "POSTGRES_HOST": pg["host"],
                "POSTGRES_PORT": pg["port"],
                "POSTGRES_USER": pg["user"],
                "POSTGRES_PASSWORD": pg["password"],
                "POSTGRES_SCHEMA": pg["schema"],
                "POSTGRES_CONNECT_TIMEOUT": str(self.connect_timeout),
                "POSTGRES_POOL_SIZE": str(self.pool_size),
                "POSTGRES_MAX_OVERFLOW": str(self.max_overflow),
                "POSTGRES_LOCK_TIMEOUT": "10",
                "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": str(IDLE_IN_TRANSACTION_SECONDS),
                "POSTGRES_PRE_PING": "y",
                POSTGRES_OPTIONS_ENV: urlencode(self.postgres_options()),
            }
        if self.encryption_key:
            env |= {"CIPHER_TOPIC": "eventsourcing.cipher:AESCipher", "CIPHER_KEY": self.encryption_key}
        return env

    def prepare(self) -> bool:
        """Create what the store needs before the library connects (a PostgreSQL schema); check the key.

        Returns whether the store is to be opened as it is, making nothing (`eventsourcing_env`'s `as_made`): read
        in place (`reads_in_place`), or, by a command that only reads (only_reads), a PostgreSQL store holding its
        log: no table, index or key owner made there, so that a role granted USAGE on the schema and SELECT on its
        tables alone runs the commands that only read (docs/operations.md, A read-only role). (A store of accounts
        alone, no log yet, has its log's tables made, as before.)"""
        self.check_url()
        if self.store != "postgres":
            if not self.only_reads and not self.existing_only:  # a new store's file, its owner's alone
                make_private(Path(self.sqlite_path).expanduser())
            self.check_key(record=self.marks_store)
            return self.reads_in_place
        schema = self.postgres()["schema"]
        with self._plain_connection() as conn:  # one connection: the schema looked for (made), the key checked
            looked = "SELECT 1 FROM pg_namespace WHERE nspname = %s"
            made = not schema or conn.execute(looked, (schema,)).fetchone() is not None
            found = self._postgres_careerlog_tables(conn) if made else (None, None)
            if self.existing_only and found == (None, None):
                if not made:
                    raise self._not_there(f"there is no schema {schema}")
                where = f"its schema {schema}" if schema else "it"
                raise self._not_there(f"{where} holds no careerlog store (no table {self._events_table} nor accounts)")
            if not made:
                # CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent twin: take turns.
                with self._postgres_schema_lock(conn):
                    conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self._check_state(*self._stored_key(conn), record=conn if self.marks_store else None)
            return self.only_reads and found[0] is not None

    @property
    def marks_store(self) -> bool:
        """Whether this command records the store's encryption marker when it has none yet (`records_marker`)."""
        return self.records_marker and not self.only_reads

    def check_url(self) -> None:
        """Refuse a malformed CAREERLOG_DATABASE_URL, and an unset one whose default store is not there yet."""
        if self.store == "postgres":
            self.postgres()
            return
        path = self.sqlite_path
        if not self.database_url_set and not Path(path).exists():
            raise ConfigurationError(
                f"CAREERLOG_DATABASE_URL is not set, and its default store {self.database_url} is not in "
                f"{Path.cwd()}: careerlog would make a new, empty store there. Set CAREERLOG_DATABASE_URL to the "
                "store in this process's environment (postgresql://... or sqlite:///...); to start a new SQLite store "
                "here, set it to sqlite:///careerlog.db. Nothing was created."
            )
        file = Path(path).expanduser()
        self._refuse_directory(file)
        if not file.parent.is_dir():
            # (a write command made the missing directories and a new, empty store in them: a typo's store)
            # (sqlite:///tmp/h/x.db names tmp/h/x.db in the working directory: the absolute path meant takes four)
            absolute = (
                ""
                if file.is_absolute()
                else f" {path} is a path from the working directory {Path.cwd()}; an absolute path is written with "
                f"four slashes: sqlite:////{path}."
            )
            raise ConfigurationError(
                f"{self.url_source}: the directory {file.parent} does not exist (the store's file {file} would be "
                f"in it).{absolute} Check the path, or make the directory first (careerlog makes the store's file, "
                "not its directories). Nothing was created."
            )
        self._refuse_read_only(file)
        if self.existing_only:
            if not file.exists():
                raise self._not_there(f"there is no file {file}")
            if not self._sqlite_has_careerlog(file):
                raise self._not_there(f"the file {file} holds no careerlog store (no table stored_events nor accounts)")

    def holds_store(self) -> bool:
        """Whether CAREERLOG_DATABASE_URL names a careerlog store already there (its log or its accounts), looked at
        without making anything: a SQLite file, a PostgreSQL schema (or the database's default one)."""
        if self.store == "postgres":
            schema = self.postgres()["schema"]
            with self.connect_postgres() as conn:
                looked = "SELECT 1 FROM pg_namespace WHERE nspname = %s"
                if schema and conn.execute(looked, (schema,)).fetchone() is None:
                    return False
                return self._postgres_has_careerlog(conn)
        file = Path(self.sqlite_path).expanduser()
        self._refuse_directory(file)
        return file.exists() and self._sqlite_has_careerlog(file)

    def _refuse_directory(self, file: Path) -> None:
        """Refuse a SQLite store's path that names a directory: opened, it was a traceback (disk I/O error).

        Only the file's kind is looked at, never its bytes: this runs each time a store is opened (prepare), also in
        a process already holding a connection to the file, and a file of the store opened and closed outside SQLite
        drops every POSIX lock the process holds on it (SQLite's locks: other connections then see a disk I/O
        error, or worse). A file that is not a SQLite database is refused by SQLite itself when opened."""
        if file.is_dir():
            raise ConfigurationError(
                f"{self.url_source}: {file} is a directory, not a SQLite store's file: name a file in it, "
                f"e.g. sqlite:///{file / 'careerlog.db'}"
            )

    def _refuse_read_only(self, file: Path) -> None:
        """Refuse a SQLite store on a read-only file system, or whose file or directory this process cannot write, to
        a command that writes; and to one that only reads (only_reads), such a store that SQLite cannot read in
        place safely (`_read_in_place`). SQLite in WAL mode makes `-wal` and `-shm` files beside the store, and takes
        its locks there, even to read it: opened as a writable store, every command failed, `accounts list` on an
        internal error and a traceback, the others saying the file "cannot be read as a SQLite store (unable to
        open database file)", as if it were no store at all."""
        where = _unwritable(file)
        if not where:
            return
        if not self.only_reads:
            raise ConfigurationError(
                f"{self.url_source}: {' and '.join(where)} cannot be written (a read-only file system or mount, or "
                "its permissions): this command may write to the store, and SQLite's write-ahead log makes "
                f"{file.name}-wal and {file.name}-shm beside it. Only the commands that only read (info, export, "
                "history, audit, report, projections status, accounts list, tokens list) read such a store in place, "
                "read-only; for any other, "
                f"copy the store's file (with its {file.name}-wal, if any) to a writable directory and point "
                "careerlog at the copy. Nothing was changed."
            )
        self._read_in_place(file)

    def _read_in_place(self, file: Path) -> str:
        """The URI by which SQLite opens, read-only, a store this process cannot write (`reads_in_place`).

        SQLite reads a database in WAL mode read-only (3.22 and later) when its `-wal` and `-shm` files are there (a
        store some process has open, or a copy taken with them): `mode=ro`. When neither is there, `mode=ro` alone
        fails in a directory that cannot be written ("unable to open database file"), and in one that can, makes
        them and leaves them there, read-only as the store's file is: a writer given the file back could then write
        nothing ("attempt to write a readonly database") until they were removed. So a copy of the file alone in a
        directory this process cannot write (a backup on a read-only mount) is opened `immutable` (no locks, no -wal
        looked for, nothing made: safe on a copy no process writes while it is read). In a directory it can write,
        such a file (another user's store, a file made read-only) is refused, saying to run the command as the
        store's owner or on a copy: a writer may open it meanwhile, and an immutable read takes no lock, so would miss
        its writes or read a checkpoint torn (until 2026-12-06 it was read so, since 0fc88cc6). One of them alone (a
        `-wal` without its `-shm`, whose records an immutable read would leave out) is refused."""
        uri = f"{file.resolve().as_uri()}?mode=ro"
        beside = [f"{file.name}{end}" for end in ("-wal", "-shm") if file.with_name(file.name + end).exists()]
        if len(beside) == 2:
            return uri
        if not beside and not os.access(file.parent, os.W_OK):
            return uri + "&immutable=1"
        if not beside:
            raise ConfigurationError(
                f"{self.url_source}: {file} cannot be written by this process, in a directory that can be, and "
                f"neither {file.name}-wal nor {file.name}-shm is beside it: read in place, SQLite would make them "
                "there, read-only as the file is (its owner then writing nothing until they were removed), and read "
                "without them (immutable) it takes no lock, missing a write landing meanwhile or reading one torn. "
                f"Run the command as the store's owner, or copy {file.name} to a directory of your own and point "
                "careerlog at the copy. Nothing was changed."
            )
        missing = file.name + ("-wal" if beside[0].endswith("-shm") else "-shm")
        raise ConfigurationError(
            f"{self.url_source}: {' and '.join(_unwritable(file))} cannot be written, and {beside[0]} is beside "
            f"{file.name} without {missing}: SQLite cannot read it in place read-only (it would make the missing "
            "file, or leave out the records still in the write-ahead log). Copy "
            f"{file.name} with the files beside it to a writable directory and point careerlog at the copy. Nothing "
            "was changed."
        )

    @property
    def reads_in_place(self) -> bool:
        """A command that only reads (only_reads), on a SQLite store this process cannot write (a backup on a
        read-only mount, a copy given read-only): SQLite opens it read-only (`sqlite_database`), nothing is made
        (no tables, no lock files) and the views are read as they are, not caught up."""
        if not self.only_reads or self.store != "sqlite":
            return False
        return bool(_unwritable(Path(self.sqlite_path).expanduser()))

    @property
    def sqlite_database(self) -> str:
        """What SQLite opens (a URI filename: the library's connections take URIs): the store's path, or, read in
        place (`reads_in_place`), its `file:` URI read-only."""
        path = self.sqlite_path
        if not self.reads_in_place:
            return path
        return self._read_in_place(Path(path).expanduser())

    def _not_there(self, why: str) -> ConfigurationError:
        # (`projections rebuild`, existing_only but not only_reads, writes the views of a store's log: "only reads"
        # was untrue of it, docs/operations.md saying it writes them)
        does = self.existing_does or (
            "only reads a store" if self.only_reads else "writes only the views of a store's log"
        )
        return ConfigurationError(
            f"No careerlog store at {self.display_url}: {why}. This command {does} and makes none: check "
            "CAREERLOG_DATABASE_URL (or --database-url). Nothing was created."
        )

    # A store is careerlog's once it holds its log or its accounts (`accounts create` before anything is recorded)
    def _sqlite_has_careerlog(self, file: Path) -> bool:
        uri = self._read_in_place(file) if _unwritable(file) else f"{file.resolve().as_uri()}?mode=ro"
        lite = sqlite3.connect(uri, uri=True)  # (read only: a look makes nothing)
        try:
            found = "SELECT 1 FROM sqlite_master WHERE name IN ('stored_events', 'accounts')"
            return lite.execute(found).fetchone() is not None
        except sqlite3.DatabaseError as e:  # not a SQLite database at all
            raise ConfigurationError(f"{self.url_source}: {file} cannot be read as a SQLite store ({e})") from None
        finally:
            lite.close()

    def _postgres_has_careerlog(self, conn: psycopg.Connection[Any]) -> bool:
        return self._postgres_careerlog_tables(conn) != (None, None)

    def _postgres_careerlog_tables(self, conn: psycopg.Connection[Any]) -> tuple[Any, Any]:
        """The log's table and the accounts' table, each None when not there (in a schema that is there)."""
        tables = (self._events_table, self._in_schema("accounts"))
        found = conn.execute("SELECT to_regclass(%s), to_regclass(%s)", tables).fetchone()
        return (None, None) if found is None else (found[0], found[1])

    @property
    def _events_table(self) -> str:
        """The log's table on PostgreSQL, as the library names it, in the configured schema."""
        return self._in_schema(EVENTS_TABLE)

    def _in_schema(self, table: str) -> str:
        """A table's name on PostgreSQL, qualified by the configured schema when there is one."""
        schema = self.postgres()["schema"]
        return f'"{schema}".{table}' if schema else table

    def check_key(self, *, record: bool = False) -> None:
        """Refuse a store whose marker (careerlog.storekey), or in a store of none yet its first event, the
        configured key, or its absence, does not read; `record`: a store of no marker yet gets this process's.

        Opened without its key, an encrypted store took new records in plain text (unencrypted
        at rest, and unreadable with the key afterwards); with another key nothing read.
        """
        if not record or self.store != "sqlite":
            self._check_state(*self._stored_key())
            return
        lite = sqlite3.connect(self.sqlite_database, uri=True, timeout=SQLITE_MARKER_TIMEOUT)
        try:
            self._check_state(*self._stored_key(), record=lite)
        except sqlite3.Error as e:  # (locked by a writer past the timeout, a read-only file: a traceback before)
            from eventsourcing.persistence import OperationalError

            raise OperationalError(str(e)) from e
        finally:
            lite.close()

    def _check_state(self, state: bytes | None, marker: str | None = None, *, record: Any = None) -> None:
        """check_key of the store's marker (careerlog.storekey: whether it is encrypted, and with which key), or, in a
        store of none yet, of its first event as stored (None: no event yet). A store of no marker yet gets this
        process's (`record`: a connection to it, sqlite3's or psycopg's in autocommit; None: none recorded, as by a
        command that only reads), with its first events or none: the first careerlog process started on a new store
        records whether it is encrypted, and one started on it with another key, or without, is refused at start
        rather than at its first write (until 2026-12-06 an empty store said nothing until its first events)."""
        from careerlog import storekey

        cipher = None
        if self.encryption_key:
            from eventsourcing.cipher import AESCipher
            from eventsourcing.utils import Environment

            try:
                cipher = AESCipher(Environment(env={"CIPHER_KEY": self.encryption_key}))
            except ValueError:  # binascii.Error is one
                raise ConfigurationError(
                    "CAREERLOG_ENCRYPTION_KEY: not a key (16, 24 or 32 bytes in base64; "
                    "`careerlog encryption-key` makes one)"
                ) from None
        if marker is not None:
            if not storekey.matches(marker, cipher):
                plain = marker == storekey.PLAIN
                raise key_refusal(key_set=cipher is not None, empty=state is None, plain=plain, reads=self.only_reads)
            return
        if state is not None:
            if cipher is not None:
                try:
                    cipher.decrypt(state)
                except ValueError:
                    raise key_refusal(key_set=True, plain=reads_as_json(state), reads=self.only_reads) from None
            elif not reads_as_json(state):
                raise key_refusal(key_set=False, reads=self.only_reads)
        if record is not None:
            self._record_marker(record, cipher, empty=state is None)

    def _record_marker(self, conn: Any, cipher: Any, *, empty: bool) -> None:
        """Record this process's marker (careerlog.storekey) in a store of none yet, its table made when missing,
        unless a twin starting meanwhile recorded its own, which is checked then (one of another key refused)."""
        from careerlog import storekey

        table = storekey.TABLE
        if self.store == "sqlite":
            for statement in storekey.STATEMENTS:
                conn.execute(statement)
            conn.execute(storekey.INSERT, [storekey.marker_for(cipher)])
            conn.commit()
        else:
            table = self._in_schema(storekey.TABLE)
            with self._postgres_schema_lock(conn):  # (CREATE TABLE IF NOT EXISTS is not safe against a twin)
                for statement in storekey.STATEMENTS:
                    conn.execute(statement.replace(storekey.TABLE, table, 1))
                conn.execute(
                    storekey.INSERT.replace(storekey.TABLE, table, 1).replace("?", "%s"), [storekey.marker_for(cipher)]
                )
        found = str(conn.execute(storekey.SELECT.replace(storekey.TABLE, table, 1)).fetchone()[0])
        if not storekey.matches(found, cipher):
            raise key_refusal(key_set=cipher is not None, empty=empty, plain=found == storekey.PLAIN)

    def encryption(self) -> str:
        """Whether the store is encrypted, as `careerlog info` says it (after check_key, on the store opened): by its
        marker (careerlog.storekey), or, none recorded yet (a store of an earlier release read by a command that only
        reads), by its first event, which check_key read with this process's key or without."""
        from careerlog import storekey

        state, marker = self._stored_key()
        if marker is None and state is None:
            return "not yet known (nothing recorded: the first careerlog process that records in it decides)"
        # (by its marker, or, none recorded yet, by its first event, as check_key read it: said to an operator alike,
        # without the marker's own words, "no (its marker: plain)", until 2026-12-06)
        plain = marker == storekey.PLAIN if marker is not None else not self.encryption_key
        return "no" if plain else ENCRYPTED

    def _stored_key(self, conn: psycopg.Connection[Any] | None = None) -> tuple[bytes | None, str | None]:
        """What check_key reads: the store's first event's contents as stored (None: no event yet: a marker refusing
        it then says so), and its marker (careerlog.storekey; None: none yet); on PostgreSQL read on `conn` when
        given (autocommit), else on a connection of its own."""
        from careerlog import storekey

        if self.store == "sqlite":
            path = self.sqlite_path
            if not Path(path).expanduser().exists():
                return None, None
            lite = sqlite3.connect(self.sqlite_database, uri=True)
            try:
                try:
                    marker = lite.execute(storekey.SELECT).fetchone()
                except sqlite3.OperationalError:  # no table yet
                    marker = None
                found = None if marker is None else str(marker[0])
                try:
                    row = lite.execute("SELECT state FROM stored_events ORDER BY rowid LIMIT 1").fetchone()
                except sqlite3.OperationalError:  # no table yet
                    row = None
            finally:
                lite.close()
            return None if row is None else bytes(row[0]), found
        if conn is None:
            with self._plain_connection() as own:
                return self._stored_key(own)
        import psycopg

        marked = self._in_schema(storekey.TABLE)
        marker = None
        if conn.execute("SELECT to_regclass(%s)", (marked,)).fetchone() != (None,):
            try:
                found = conn.execute(storekey.SELECT.replace(storekey.TABLE, marked, 1)).fetchone()
            except psycopg.errors.InsufficientPrivilege:  # (a reports' role granted SELECT before it was made)
                found = None
            marker = None if found is None else str(found[0])
        table = self._events_table
        if conn.execute("SELECT to_regclass(%s)", (table,)).fetchone() == (None,):
            return None, marker
        row = conn.execute(f"SELECT state FROM {table} ORDER BY notification_id LIMIT 1").fetchone()
        return None if row is None else bytes(row[0]), marker

    def connect_postgres(self) -> psycopg.Connection[Any]:
        """A plain autocommit connection to the configured PostgreSQL database."""
        import psycopg

        return psycopg.connect(**self._connect_arguments())

    def _connect_arguments(self) -> dict[str, Any]:
        pg = self.postgres()
        options: dict[str, Any] = {**self.postgres_options(), "connect_timeout": self.connect_timeout}
        return {
            "dbname": pg["dbname"],
            "host": pg["host"],
            "port": pg["port"],
            "user": pg["user"],
            "password": pg["password"],
            "autocommit": True,
            **options,
        }

    @contextmanager
    def opening(self) -> Iterator[None]:
        """Open a store's parts (the ledger, the views, the accounts: web.services.Services.build) within this block:
        on PostgreSQL the plain connection their `prepare`s (the schema looked for, the key checked) and
        `schema_lock`s use (`_plain_connection`) is one, opened when first asked for and closed at the block's end,
        where each opened and closed one of its own: five a web app made (each a new server backend: about 14 ms of
        wall on the test server, and the server's CPU), one now. The same statements are sent, in the same order, on
        it; the schema lock is taken and let go as before (a session's advisory lock, let go at the end of each
        `schema_lock`). Only within the thread and context it was entered in; a connection asked for by settings
        that connect otherwise (another database, user or option) is one of their own, kept alike; one that failed
        in a block is closed then, and the next step opens another. Nested, the outer block's connection serves."""
        if self.store != "postgres" or _OPENING.get() is not None:
            yield
            return
        kept: dict[str, psycopg.Connection[Any]] = {}
        token = _OPENING.set(kept)
        try:
            yield
        finally:
            _OPENING.reset(token)
            for conn in kept.values():
                conn.close()

    @contextmanager
    def _plain_connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A plain autocommit connection (`connect_postgres`) for the block: within `opening`, the one it keeps for
        settings connecting as these do, else one of the block's own, closed at its end."""
        kept = _OPENING.get()
        if kept is None:
            with self.connect_postgres() as own:
                yield own
            return
        # (keyed by a digest of how it connects: the arguments hold the password, which an error naming the key
        # would print)
        key = hashlib.sha256(
            repr(sorted((n, str(v)) for n, v in self._connect_arguments().items())).encode()
        ).hexdigest()
        conn = kept.get(key)
        if conn is None or conn.closed or conn.broken:
            conn = kept[key] = self.connect_postgres()
        try:
            yield conn
        except BaseException:
            # (closed, as a connection of the block's own would be: the next step opens another; a nested block that
            # failed first has let it go already, and an outer one lets go only the connection it was given)
            if kept.get(key) is conn:
                del kept[key]
            conn.close()
            raise

    def analyze(self, tables: Iterable[str], *, vacuum: bool = False) -> int:
        """On PostgreSQL, ANALYZE the store's `tables` (names in the configured schema), or with `vacuum` VACUUM
        (ANALYZE) them: the planner's statistics made without waiting for autovacuum (off, or behind a bulk load).
        An ANALYZE waits ANALYZE_LOCK_WAIT at most for its table's lock, then fails (psycopg.errors.LockNotAvailable).
        Returns the tables analyzed: none on SQLite (its planner's guesses serve careerlog's queries unanalyzed)."""
        if self.store != "postgres":
            return 0
        from psycopg import sql

        schema = self.postgres()["schema"]
        statement = sql.SQL("VACUUM (ANALYZE) {}" if vacuum else "ANALYZE {}")
        count = 0
        with self.connect_postgres() as conn:  # autocommit: VACUUM runs outside a transaction
            if not vacuum:  # (a rebuild's VACUUM waits: its operator asked for it, nothing answers after it)
                conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(ANALYZE_LOCK_WAIT)))
            for table in tables:
                conn.execute(statement.format(sql.Identifier(*([schema] if schema else []), table)))
                count += 1
        return count

    def analyze_log(self) -> int:
        """ANALYZE the event log's table on PostgreSQL (after a bulk import: BULK_ROWS); none on SQLite."""
        return self.analyze([EVENTS_TABLE])

    def analyze_imported(self, recorded: int, migration: bool = False) -> str | None:
        """After an import that recorded `recorded` events: a bulk one (a migration, or BULK_ROWS events or more)
        leaves the log ANALYZEd on PostgreSQL (`analyze_log`), whoever ran it (careerlog import, the import page, an
        import job: until 2026-12-07 the web's ran none). Its failure (a dropped connection) is no failure of the
        import, whose rows stay recorded: the warning to say (ANALYZE_FAILED), else None."""
        if not recorded or not (migration or recorded >= BULK_ROWS):
            return None
        import psycopg

        try:
            self.analyze_log()
        except psycopg.Error as e:
            return ANALYZE_FAILED.format(error=e, table=EVENTS_TABLE)
        return None

    @contextmanager
    def schema_lock(self) -> Iterator[None]:
        """Serialise the creation of tables by processes starting together (e.g. a server's workers).

        PostgreSQL: an advisory lock of the store's schema (SCHEMA_LOCK_ID and the hash of its name): stores in
        other schemas of the database (other deployments, the tests' schemas) start without waiting for each
        other; two names of one hash only take turns. SQLite: an exclusive lock on a file beside the database
        (an in-memory store has one process). Not reentrant: do not nest.
        """
        if self.reads_in_place:  # (nothing is made: no lock file either)
            yield
            return
        if self.store != "postgres":
            with self._sqlite_schema_lock():
                yield
            return
        with self._plain_connection() as conn, self._postgres_schema_lock(conn):
            yield

    @contextmanager
    def _postgres_schema_lock(self, conn: psycopg.Connection[Any]) -> Iterator[None]:
        """schema_lock's advisory lock, held on `conn` (autocommit) for the block."""
        key = (SCHEMA_LOCK_ID, self.postgres()["schema"])
        conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", key)
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", key)

    @contextmanager
    def _sqlite_schema_lock(self) -> Iterator[None]:
        path = _sqlite_schema_lock_path(self.sqlite_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


# A key refusal's last words: to a command that records (nothing of it was), and to one that only reads (info, export,
# history...: until 2026-12-06 told "Nothing was recorded." too, though it records nothing at all)
RECORDED_NOTHING = "Nothing was recorded."
READ_NOTHING = "Nothing was read."


def key_refusal(*, key_set: bool, empty: bool = False, plain: bool = False, reads: bool = False) -> KeyMismatch:
    """key_refusal's refusal (`_key_refusal`), ending, for a command that only `reads`, in READ_NOTHING instead."""
    refusal = _key_refusal(key_set=key_set, empty=empty, plain=plain)
    if reads:
        return KeyMismatch(str(refusal).removesuffix(RECORDED_NOTHING) + READ_NOTHING)
    return refusal


def _key_refusal(*, key_set: bool, empty: bool = False, plain: bool = False) -> KeyMismatch:
    """The refusal of a store that the configured key (`key_set`), or its absence, does not read: at start
    (Settings.check_key) or when writing (careerlog.storekey.KeyCheck). `empty`: refused at start by the marker of a
    store holding no event yet, recorded by the first careerlog process started on it (said so: the operator has
    written nothing, and finds the process that started first with another key, or without, docs/operations.md).
    `plain`: the store is not encrypted (its marker `plain`, or without one its first event plain JSON), said so
    with a key set: until 2026-12-06 a key on a plain store was told "cannot be read with this key; set the key they
    were written with (or none, if the store is not encrypted)", the operator left to guess which."""
    if plain and key_set:
        if empty:
            return KeyMismatch(
                "CAREERLOG_ENCRYPTION_KEY is set but this store is not encrypted: unset CAREERLOG_ENCRYPTION_KEY. "
                "It holds no event yet, but the first careerlog process started on it recorded it without a key "
                '(see docs/operations.md, "Encryption at rest", if that first process was the wrong one). '
                "Nothing was recorded."
            )
        return KeyMismatch(
            "CAREERLOG_ENCRYPTION_KEY is set but this store is not encrypted: unset CAREERLOG_ENCRYPTION_KEY (its "
            "events were written without a key). Nothing was recorded."
        )
    if empty and key_set:
        return KeyMismatch(
            "CAREERLOG_ENCRYPTION_KEY: the store holds no event yet, but the first careerlog process started on it "
            "recorded another key: start this one with that key, or see docs/operations.md, "
            '"Encryption at rest", if that first process was the wrong one. Nothing was recorded.'
        )
    if empty:
        return KeyMismatch(
            "CAREERLOG_ENCRYPTION_KEY is not set but the store is encrypted: it holds no event yet, but the first "
            "careerlog process started on it recorded its key. Set that key (or see docs/operations.md, "
            '"Encryption at rest", if that first process was the wrong one). Nothing was recorded.'
        )
    if key_set:
        return KeyMismatch(
            "CAREERLOG_ENCRYPTION_KEY: the store's events are encrypted with another key; set the key they were "
            "written with. Nothing was recorded."
        )
    return KeyMismatch(
        "CAREERLOG_ENCRYPTION_KEY is not set but the store's events are encrypted: set the key "
        "they were written with. Nothing was recorded."
    )


def _unwritable(file: Path) -> list[str]:
    """Those of a SQLite store's directory and file (if there) that this process cannot write (a read-only file
    system or mount, or permissions; a process of root's writes past permissions)."""
    return [str(p) for p in (file.parent, file) if p.exists() and not os.access(p, os.W_OK)]


def _sqlite_schema_lock_path(sqlite_path: str) -> Path:
    return Path(sqlite_path).expanduser().resolve().with_name(Path(sqlite_path).name + ".schema.lock")


def _int_setting(env: Mapping[str, str], name: str, default: int, *, least: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not _WHOLE_NUMBER.match(raw):  # digits 0-9 (int() takes '1_0', '+3' and other scripts' digits)
        raise ConfigurationError(f"{name}: expected a whole number, got {raw!r}")
    value = int(raw)
    if value < least:
        raise ConfigurationError(f"{name}: expected a whole number of at least {least}, got {raw!r}")
    return value


def xlsx_max_mb(env: Mapping[str, str]) -> int:
    """CAREERLOG_IMPORT_XLSX_MAX_MB: the most, in MB, an imported workbook's XML parts may unpack to."""
    return _int_setting(env, XLSX_MAX_MB_ENV, DEFAULT_XLSX_MAX_MB, least=1)


def timezone_setting(env: Mapping[str, str]) -> str:
    """CAREERLOG_TIMEZONE: the IANA name of the time zone recorded times are shown in on the pages (Asia/Jakarta
    when unset or empty); ConfigurationError naming it for a name the time zone database does not hold (Jakarta,
    WIB, +07:00, asia/jakarta)."""
    raw = (env.get(TIMEZONE_ENV) or "").strip()
    if not raw:
        return DEFAULT_TIMEZONE
    if raw in NOT_PLACES or raw not in available_timezones():
        raise ConfigurationError(
            f"{TIMEZONE_ENV}: the IANA name of a time zone, such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or "
            f"Asia/Jayapura (WIT); got {env.get(TIMEZONE_ENV)!r}"
        )
    return raw


SWITCH_ON = ("on", "1", "true", "yes")
SWITCH_OFF = ("off", "0", "false", "no")


def switch_setting(env: Mapping[str, str], name: str) -> bool:
    """A setting that is on or off (off when unset or empty), written in any case; ConfigurationError naming it for
    anything else, which is not silently read as off (CAREERLOG_SECURE_COOKIES, CAREERLOG_IMPORT_WRITE_AHEAD)."""
    raw = (env.get(name) or "off").strip().lower()
    if raw not in SWITCH_ON + SWITCH_OFF:
        raise ConfigurationError(f"{name}: on or off (or 1 or 0, true or false, yes or no), got {env.get(name)!r}")
    return raw in SWITCH_ON


def reads_as_json(state: bytes) -> bool:
    """Whether an event's stored contents are plain JSON. An encrypted one starts with AES-GCM's random nonce,
    whose first byte is `{` about once in 256 stores: told apart by parsing, not by that byte."""
    try:
        orjson.loads(state)
    except orjson.JSONDecodeError:
        return False
    return True

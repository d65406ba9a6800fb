"""The `careerlog` command line."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import json
import os
import re
import select
import shlex
import signal
import stat
import sys
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click
import psycopg
from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import TopicError
from psycopg.errors import InsufficientPrivilege
from psycopg_pool import PoolTimeout
from tqdm import tqdm

from careerlog.accounts import MAX_USERNAME
from careerlog.application import CONFIRMABLE, MAX_CLIENT_KEY, RECORDABLE_KINDS, CareerLog, extended
from careerlog.cli_numbers import AT_LEAST_ONE, PROCESSES, WHOLE_NUMBER
from careerlog.config import ConfigurationError, Settings
from careerlog.domain.errors import CareerlogError, InvalidInput
from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import KEY_CLASHES
from careerlog.domain.payload import filled_fields
from careerlog.domain.wording import reason_of
from careerlog.jsontext import Repeated, json_too_deep, named_once
from careerlog.reference import RULES_FILE_ENV, reference, rules
from careerlog.visible import LOG_CONTROLS, is_terminal, json_on_terminal, on_terminal, say, visible_controls
from careerlog.written import open_private, written_to

F = TypeVar("F", bound=Callable[..., Any])
# A store of no events, in memory: what a dry run checks rows against when CAREERLOG_DATABASE_URL names no store yet
EMPTY_STORE = {
    "ORIGINATOR_ID_TYPE": "text",
    "CREATE_TABLE": "y",
    "PERSISTENCE_MODULE": "eventsourcing.sqlite",
    "SQLITE_DBNAME": ":memory:",
}


class Context:
    """What every subcommand shares: the settings and, once opened, the ledger."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._app: CareerLog | None = None

    @property
    def app(self) -> CareerLog:
        if self._app is None:
            self._app = CareerLog.from_settings(self.settings)
        return self._app

    def no_store_yet(self) -> bool:
        """A dry run's look at the store: if there is none yet, its app is an empty store in memory and True (the
        rows checked as against an empty store, nothing made: it was made, empty, by the look)."""
        self.settings.check_url()  # (the default store, not set and not there: refused, as by every command)
        if self._app is not None or self.settings.holds_store():
            return False
        self._app = CareerLog(EMPTY_STORE)
        return True

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


class FilledText(click.types.StringParamType):
    """An option's text, which may not be given empty nor spaces alone: refused naming the option and `why`, exit 2."""

    name = "text"

    def __init__(self, why: str) -> None:
        self.why = why

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(f"must not be empty: {self.why}", param, ctx)
        return super().convert(value, param, ctx)


# A filter option (`--rule ""`, `--unit " "`), refused as a choice option (`--severity ""`) and the API (`rule=`)
# refuse it, where it was read as no filter at all (the whole list, under a filter the writer meant to apply)
FILLED = FilledText("leave the option out to filter by nothing.")


class ActorName(FilledText):
    """`--actor`: a name, as a person's or a process's is: not empty, no control characters (a newline, a tab, an
    escape, a bidirectional override, an undecodable byte), at most an account's name's length
    (careerlog.accounts.MAX_USERNAME). Such an actor was recorded with every event as given, shown by `history`, the
    audit and the exports as if a name, read back by `import --migration`."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        value = super().convert(value, param, ctx)
        if any(unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" for c in value):
            self.fail(f"must not hold control characters (such as a newline or a tab): {self.why}", param, ctx)
        if len(value) > MAX_USERNAME:
            self.fail(f"at most {MAX_USERNAME} characters, as an account's name: {self.why}", param, ctx)
        return value


# `--actor`, recorded with every event as who recorded it (`recorded_by`): such an actor was recorded as given, and an
# export's rows carrying it were recorded by `import --migration` as the importing actor's: who recorded the fact, lost
ACTOR = ActorName("it is recorded as who recorded the events.")


E = TypeVar("E", bound=BaseException)


def caused_by(error: BaseException, kind: type[E]) -> E | None:
    """The error of `kind` behind `error` (the library's errors and careerlog's SqlStore's wrap the driver's and the
    pool's), if there is one."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        if isinstance(found, kind):
            return found
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return None


def privilege_refused(error: BaseException) -> InsufficientPrivilege | None:
    """PostgreSQL's refusal of a privilege the role connected as lacks, behind `error`, if that is what it is."""
    return caused_by(error, InsufficientPrivilege)


def pool_timed_out(settings: Settings) -> str:
    """What follows "The database could not be used: couldn't get a connection after 5.00 sec" (psycopg_pool's
    PoolTimeout: none of the pool's connections could be opened in time), which named no cause nor remedy: the
    server's own refusal of the pool's last connection when there was one (careerlog.sqlstore.last_refusal: "too many
    connections for role ...", hidden until 2026-12-06 behind the max_connections hint), and the remedy for its cause;
    else the server out of connections, most often, and the pool settings that size careerlog's share of them."""
    from careerlog.sqlstore import last_refusal  # (imported here: careerlog.sqlstore's imports reach this module)

    if (refused := last_refusal()) is not None:
        said = " ".join(str(refused).split())
        hint = no_connection_left(settings, refused) if too_many_clients(refused) else ""
        return f". PostgreSQL refused the pool's connections: {said}{hint}"
    return out_of_connections(
        settings,
        ". No connection to PostgreSQL could be opened in time: the server may be out of connections (its "
        "max_connections used up by careerlog's processes and others: see pg_stat_activity), or slow to answer.",
    )


# PostgreSQL's refusal of a connection past a role's or a database's CONNECTION LIMIT (SQLSTATE 53300, as "too many
# clients" is: the server's max_connections)
_OVER_LIMIT = re.compile(r'too many connections for (role|database) "([^"]+)"')


def over_limit(error: BaseException) -> tuple[str, str] | None:
    """The role's or database's CONNECTION LIMIT PostgreSQL refused a connection behind `error` past (its kind and
    name), if that is what it is."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        if over := _OVER_LIMIT.search(str(found)):
            return over.group(1), over.group(2)
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return None


def too_many_clients(error: BaseException) -> bool:
    """Whether PostgreSQL refused a connection behind `error` for want of one ("sorry, too many clients already",
    "remaining connection slots are reserved ...", "too many connections for role ...": SQLSTATE 53300, which a
    refused connection's error may not carry)."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        said = str(found)
        if getattr(found, "sqlstate", None) == "53300" or "too many clients" in said or "connection slots" in said:
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return over_limit(error) is not None


def no_connection_left(settings: Settings, error: BaseException | None = None) -> str:
    """What follows PostgreSQL's "sorry, too many clients already" (it said nothing more): whose connections, and the
    pool settings that size careerlog's share of them, as pool_timed_out says; for a role's or database's CONNECTION
    LIMIT (`error` refused past one: "too many connections for role ..."), that limit and its remedy instead."""
    if error is not None and (over := over_limit(error)):
        kind, name = over
        return out_of_connections(
            settings,
            f". The {kind} {name}'s CONNECTION LIMIT is used up (its connections: see pg_stat_activity), not the "
            "server's max_connections.",
            f'raise the {kind}\'s limit (ALTER {kind.upper()} "{name}" CONNECTION LIMIT n)',
        )
    return out_of_connections(
        settings,
        ". PostgreSQL has no connection left (its max_connections used up by careerlog's processes and others: see "
        "pg_stat_activity).",
    )


def out_of_connections(settings: Settings, said: str, mend: str = "raise the server's max_connections") -> str:
    each = 2 * (settings.pool_size + settings.max_overflow) + 1
    return (
        f"{said} Each careerlog process holds up to {each} (2 x (CAREERLOG_DB_POOL_SIZE {settings.pool_size} + "
        f"CAREERLOG_DB_MAX_OVERFLOW {settings.max_overflow}) + 1): {mend}, or lower "
        "both settings in every careerlog process's environment (docs/operations.md, Stores)."
    )


# What PostgreSQL says a role was refused on ("permission denied for schema careerlog"), as its message names it
_DENIED = re.compile(r"permission denied for (schema|table|relation|sequence|database) (\S+)")


def privilege_message(refused: InsufficientPrivilege, settings: Settings) -> str:
    """A command refused by PostgreSQL for a privilege the role lacks, said as such, naming the role, the privilege
    and what it may run (docs/operations.md, A read-only role): it was 'The database could not be used: permission
    denied for schema ...', as if the database were down, or, from a command that only reads, the same for a store
    it needed to write nothing to."""
    role = settings.postgres()["user"]
    said = " ".join((refused.diag.message_primary or str(refused)).split())
    denied = _DENIED.search(said)
    kind, name = denied.groups() if denied else ("", "")
    if settings.only_reads:
        needs = "USAGE on the store's schema and SELECT on its tables"
        if kind == "schema":  # (or the store holds accounts alone, no log yet, whose tables it would make)
            lacks = f"USAGE on the schema {name}, or the store holds no log yet (accounts alone) to read as it is"
        else:
            lacks = f"SELECT on {name}" if name else needs
        return (
            f"PostgreSQL refused the role {role} ({said}): it lacks {lacks}. This command only reads the store, "
            f"which needs {needs} (docs/operations.md, A read-only role). Nothing was changed."
        )
    if kind == "schema":
        lacks = f"CREATE on the schema {name} (this command makes the tables it writes to when they are missing)"
    elif kind == "database":
        lacks = f"CREATE on the database {name} (this command makes the store's schema when it is missing)"
    elif kind == "sequence":
        lacks = f"USAGE on the sequence {name}"
    elif name:
        lacks = f"the privilege to write to the table {name} (INSERT, UPDATE and DELETE)"
    else:
        lacks = "the privileges to write to the store"
    return (
        f"PostgreSQL refused the role {role} ({said}): it lacks {lacks}. This command writes to the store, which "
        "needs CREATE on its schema and INSERT, UPDATE and DELETE on its tables; a role granted only USAGE on the "
        "schema and SELECT on its tables runs the commands that only read: info, export, history, audit, report, "
        "projections status, accounts list, tokens list (docs/operations.md, A read-only role). Nothing was "
        "recorded."
    )


def friendly_errors(func: F) -> F:
    """Turn careerlog's errors into a message and a non-zero exit, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidInput as e:
            raise click.ClickException(e.describe()) from None
        except (CareerlogError, ConfigurationError) as e:
            # (--client-key used before, for other values, another kind or a fact since retracted: the option named,
            # as a blank one is)
            if getattr(reason_of(e), "refusal", None) in KEY_CLASHES:
                raise click.ClickException(f"client_key: {e}") from None
            raise click.ClickException(str(e)) from None
        except TopicError as e:  # an event class this release does not have: recorded by a newer one
            raise click.ClickException(
                f"The store holds an event this careerlog release cannot read, recorded by a newer release ({e}). "
                "Run the newer release on every process (docs/operations.md, Upgrades). Nothing recorded was changed."
            ) from None
        except (PersistenceError, psycopg.OperationalError, psycopg.InterfaceError, InsufficientPrivilege) as e:
            # psycopg's own errors come from connections careerlog opens itself (a schema's creation)
            context = next((a for a in args if isinstance(a, Context)), None)
            if (refused := privilege_refused(e)) is not None and context is not None:
                raise click.ClickException(privilege_message(refused, context.settings)) from None
            where = f" ({context.settings.url_source} is {context.settings.display_url})" if context else ""
            why = ""
            if context and caused_by(e, PoolTimeout):
                why = pool_timed_out(context.settings)
            elif context and too_many_clients(e):
                why = no_connection_left(context.settings, e)
            # (the driver's message on one line: a refusal is one, its newlines shown as such: PluginGroup.invoke)
            raise click.ClickException(
                f"The database could not be used: {' '.join(str(e).split())}{where}{why}"
            ) from None
        except OSError as e:
            if e.filename is None:  # not a file named on the command line
                raise
            raise click.ClickException(f"Cannot use {e.filename}: {e.strerror}.") from None

    return wrapper  # type: ignore[return-value]


pass_context = click.make_pass_decorator(Context)


class PluginGroup(click.Group):
    """careerlog's commands, and those of the layers above it (projections, web) as entry points.

    A layer's commands are loaded only when named (or listed by --help), so `careerlog
    import` does not pay for importing the web app and the statistics libraries.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_plugins()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _plugins():
            self.add_command(_plugins()[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """The `careerlog` console script (setup.cfg): click's main, which shows click's own exceptions (a refusal,
        a usage error, Ctrl-C's "Aborted!") and exits with their codes, and, in place of Python's raw traceback, an
        unexpected exception (a bug, not bad input) reported as `internal_error` does, exit INTERNAL_ERROR. Outside
        standalone mode (a caller handling the exceptions) it is click's main alone."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            super().main(args, prog_name, complete_var, **extra)  # (ends with sys.exit: SystemExit is no Exception)
        except OSError as e:
            if e.filename is not None or e.errno not in OUTPUT_FAILURES:
                internal_error(e)
                sys.exit(INTERNAL_ERROR)
            # standard error full too (`>/dev/full 2>/dev/full`): click's showing of the refusal failed, where it
            # was taken for a bug (exit 70, its traceback not written either); exit 1, as with stdout alone full
            with contextlib.suppress(OSError):
                say(f"Error: Cannot write the command's output: {e.strerror}.", err=True)
            sys.exit(1)
        except Exception as e:
            internal_error(e)
            sys.exit(INTERNAL_ERROR)

    def invoke(self, ctx: click.Context) -> Any:
        """Every command's refusal (one line, as click shows it: "Error: ...") with the control characters of the
        texts it quotes visible (careerlog.visible.on_terminal): a recorded or given text holding an escape
        sequence, a carriage return or a bidi override does not rewrite the terminal it is shown on."""
        try:
            return super().invoke(ctx)
        except click.ClickException as e:
            e.message = on_terminal(e.message)  # type: ignore[misc]  # (Final in click: set once, before it is shown)
            raise
        except OSError as e:  # (a file named on the command line is named: friendly_errors, written_to)
            if e.filename is None and e.errno == errno.EPIPE and _reader_gone(sys.stdout):
                # `careerlog kinds | head -1`, `careerlog import rows.jsonl | head -1`: the reader of standard output
                # went away. Exit as a shell reports a command SIGPIPE ended, quietly (Python's documented handling
                # of SIGPIPE, its output sent to /dev/null so that its flush at exit fails no more), not click's exit
                # 1, which read as a refusal of an import that had recorded every row
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                os.close(devnull)
                raise click.exceptions.Exit(PIPE_CLOSED) from None
            if e.filename is not None or e.errno not in OUTPUT_FAILURES:
                raise
            # the command's output redirected to a full disk (`careerlog encryption-key > key.txt`): one line and
            # exit 1, as `export` says it, where it was a traceback (then an internal error, exit 70, as if a bug)
            raise click.ClickException(f"Cannot write standard output: {e.strerror}.") from None


# What writing a command's output fails with that is no bug of careerlog's: the disk or the quota full, a file too
# large, an I/O error (a broken pipe, EPIPE, click ends quietly)
OUTPUT_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})

# The exit status of a command whose standard output's reader went away (`careerlog kinds | head -1`): 128 + 13, as a
# shell reports a command SIGPIPE ended (`yes | head -1`), apart from 1 (a refusal) and 0 (its output was cut: an
# export to standard output so ended is no backup); what the command did before stands (an import's rows recorded)
PIPE_CLOSED = 128 + signal.SIGPIPE


def _reader_gone(stream: IO[str]) -> bool:
    """Whether `stream` is a pipe whose reader has closed it (poll's POLLERR on its descriptor), as opposed to
    another pipe that broke under the command (a worker process's)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # (no descriptor: a test's captured output)
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


# The exit status of a command stopped by an unexpected exception (a bug in careerlog, not bad input): sysexits.h's
# EX_SOFTWARE, apart from 1 (a refusal, a row rejected, Ctrl-C) and 2 (a usage error, click's)
INTERNAL_ERROR = 70


# The exit status of a command SIGTERM stopped (ends_on_sigterm): 128 + 15, as a shell reports a process the signal
# ended, so that a service manager or a script sees it stopped, not that it failed (1) or was refused
TERMINATED = 128 + signal.SIGTERM

# The signals a long command ends on as on SIGTERM: SIGHUP is what a dropped SSH session (or a closed terminal)
# sends; it ended a rebuild or an import at once without a word (exit 129), the views left marked as rebuilding.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def signals_to_take(signals: Sequence[signal.Signals]) -> tuple[signal.Signals, ...]:
    """The signals of `signals` a command may set its handler on: SIGHUP not when it is ignored at entry (`nohup`
    ignores it, as does a caller that means the command to outlive its terminal), so that a command started under
    `nohup` outlives a dropped SSH session as it did before SIGHUP stopped it (2026-12-05; until 2026-12-06 the
    handler was set over the ignoring, and `nohup careerlog import` stopped at a dropped session, exit 129)."""
    return tuple(
        signum for signum in signals if signum != signal.SIGHUP or signal.getsignal(signum) is not signal.SIG_IGN
    )


class Terminated(BaseException):
    """SIGTERM (or SIGHUP), raised where the command was (as Ctrl-C's KeyboardInterrupt is), so that it ends by
    unwinding: the transaction under way rolled back, the processes it started stopped (ends_on_sigterm)."""

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__(signum)
        self.signum = signum


class StoppedBySigterm(click.ClickException):
    """A command's stop on SIGTERM as click shows a refusal (`Error: stopped by SIGTERM: ...`), exit TERMINATED; on
    SIGHUP `Error: stopped by SIGHUP: ...`, exit 129 (128 + the signal's number, as a shell reports it)."""

    exit_code = TERMINATED

    def __init__(self, message: str, signum: int = signal.SIGTERM):
        super().__init__(message)
        self.exit_code = 128 + signum  # type: ignore[misc]  # (a class variable of click's: this one's own)


@contextlib.contextmanager
def ends_on_sigterm(aftermath: str) -> Iterator[None]:
    """A long command (an import, a rebuild) stopped by SIGTERM (a service manager's stop, `kill`) or SIGHUP (an SSH
    session dropped, a terminal closed) says so and what it leaves (`aftermath`), exit 128 + the signal (143, 129):
    before, the signal's default ended it at once without a word (the same exit status; its transaction under way
    never committed, as now). A process forked meanwhile (a rebuild's) inherits the handler but ends as the
    signal's default ends it, as before; a second signal while the first unwinds is not taken (the rollback is not
    cut short). Only the main thread sets a handler: elsewhere nothing changes. SIGHUP ignored at entry (`nohup`)
    stays ignored (signals_to_take): the command, and the processes it forks, outlive the session."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    main, taken = os.getpid(), 0  # (taken: the signal raised as Terminated)

    def terminate(signum: int, frame: Any) -> None:
        nonlocal taken
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if not taken:
            taken = signum
            raise Terminated(signum)

    def stopped(signum: int) -> StoppedBySigterm:
        return StoppedBySigterm(f"stopped by {signal.Signals(signum).name}: {aftermath}", signum)

    previous = {signum: signal.signal(signum, terminate) for signum in signals_to_take(STOP_SIGNALS)}
    try:
        yield
    except Terminated as e:
        raise stopped(e.signum) from None
    except Exception:
        # Terminated raised inside a C library's callback comes out as its own error: orjson's `default` (a
        # rebuild writing a row's JSON) turns it into "TypeError: Type is not JSON serializable", which ended a
        # stopped rebuild as an internal error (exit 70)
        if not taken:
            raise
        raise stopped(taken) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def internal_error(error: BaseException) -> None:
    """An unexpected exception reported on standard error: its traceback (chained exceptions too) with the control
    characters it quotes visible (careerlog.visible.LOG_CONTROLS: a recorded name or a file's content holding ESC [2J,
    a carriage return or U+202E cannot rewrite the terminal; the traceback's newlines and tabs kept), then one line
    saying that careerlog failed and what to report."""
    import traceback

    written = visible_controls("".join(traceback.format_exception(error)), LOG_CONTROLS)
    line = (
        f"Error: internal error ({type(error).__name__}): careerlog stopped on a bug, not on what was given. "
        "Please report it to careerlog's maintainers with the command you ran and the traceback above "
        "(it may quote recorded personal data: share it only with them)."
    )
    with contextlib.suppress(OSError, ValueError):  # (standard error closed or gone: nothing more can be said)
        sys.stderr.write(written)
        click.echo(on_terminal(line), err=True)
        sys.stderr.flush()


@functools.cache
def _plugins() -> dict[str, Any]:
    from importlib.metadata import entry_points

    return {entry.name: entry for entry in entry_points(group="careerlog.commands")}


# The commands that only read a store: a store that is not there is refused (Settings.existing_only), not made empty.
# `projections status` and `rebuild` say so themselves (reading_only).
READING_COMMANDS = frozenset({"export", "history", "info", "audit", "report"})


def reading_only(context: Context, *, writes: bool = False) -> None:
    """This command only reads: refuse a store that is not there instead of making it (before it is opened); and,
    unless it `writes` (to the views: `projections rebuild`), read a SQLite store this process cannot write in
    place, read-only (Settings.reads_in_place), instead of refusing it. It records no encryption marker in a store of
    none yet (Settings.records_marker): that is left to the first process that records events."""
    context.settings = dataclasses.replace(
        context.settings, existing_only=True, only_reads=not writes, records_marker=False
    )


def existing_data_only(context: Context, does: str) -> None:
    """This command changes what a store already holds (an account, a token): it can never be the first on a new
    store, so a store that is not there is refused as by a command that only reads, nothing made, its refusal saying
    what the command `does` (Settings.existing_does). `tokens create --account opadmin` on a mistyped
    CAREERLOG_DATABASE_URL said "No account named 'opadmin'.", exit 1, and had made the store there (its tables and
    its encryption marker), whose `careerlog export` then wrote 0 events, exit 0: an empty backup."""
    context.settings = dataclasses.replace(context.settings, existing_only=True, existing_does=does)


@click.group(
    name="careerlog",
    cls=PluginGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--database-url",
    envvar="CAREERLOG_DATABASE_URL",
    help="sqlite:///file.db (default sqlite:///careerlog.db) or postgresql://user:pass@host:port/db.",
)
@click.pass_context
def main(ctx: click.Context, database_url: str | None) -> None:
    """careerlog: civil-servant career records as an immutable event log.

    Configuration comes from the environment (CAREERLOG_DATABASE_URL, CAREERLOG_ENCRYPTION_KEY,
    CAREERLOG_RULES_FILE); see README.md.
    """
    try:
        settings = Settings.from_env()
        if os.environ.get(RULES_FILE_ENV):
            # read (and kept) by every command, as docs/operations.md says: one judging nothing by the rules (info,
            # export, history, accounts) ran on, exit 0, past a file not there. (Unset: the bundled rules, read
            # only where used; the 18 ms of reading them spared the commands that do not.)
            rules()
    except ConfigurationError as e:  # a malformed setting: named, exit 1 (not a traceback)
        raise click.ClickException(str(e)) from None
    given = ctx.get_parameter_source("database_url") == click.core.ParameterSource.COMMANDLINE
    if given and not database_url.strip():  # type: ignore[union-attr]
        # (`--database-url "$URL"` with the variable unset: it was taken as not given, and the command ran on
        # CAREERLOG_DATABASE_URL's store; refused as `--bind ""` and `--views ""` are)
        raise click.BadParameter(
            "must not be empty: give the store's URL, or leave the option out to use CAREERLOG_DATABASE_URL.",
            ctx=ctx,
            param_hint="'--database-url'",
        )
    if database_url:  # (given as --database-url, or CAREERLOG_DATABASE_URL through click)
        source = "--database-url" if given else "CAREERLOG_DATABASE_URL"
        settings = dataclasses.replace(settings, database_url=database_url, database_url_set=True, url_source=source)
    context = Context(settings)
    if ctx.invoked_subcommand in READING_COMMANDS:
        reading_only(context)
    ctx.obj = context
    ctx.call_on_close(context.close)


class Progress:
    """A progress bar on standard error when it is a terminal (tqdm), silent otherwise."""

    def __init__(self, total: int | None, unit: str, desc: str):
        scale = unit == "B"
        self.bar = tqdm(total=total, unit=unit, unit_scale=scale, desc=desc, disable=None, file=sys.stderr)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()

    def update(self, n: int) -> None:
        self.bar.update(n)


_progress_bar = Progress


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), help="Default: from the file name.")
@click.option(
    "--kind",
    # (--kind Training is training; the kinds an import records: until 2026-12-06 also the system's own,
    # unit_registration, mentee_assigned and mentee_released, listed and taken, each row refused as "Unknown kind")
    type=click.Choice(sorted(RECORDABLE_KINDS), case_sensitive=False),
    help="Event kind of every row of a CSV file or a workbook, in any letter case (default: from the file name); "
    "not for JSON Lines, whose lines name their own.",
)
@click.option("--dry-run", is_flag=True, help="Check every row and report, recording nothing.")
@click.option(
    "--migration",
    is_flag=True,
    help="Administrators: keep recorded_at, recorded_by and migrated from the file (legacy data, exports).",
)
@click.option("--actor", default="import", show_default=True, type=ACTOR, help="Recorded as who recorded the rows.")
@click.option("--batch-size", default=2000, show_default=True, type=AT_LEAST_ONE, help="Rows saved per transaction.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=PROCESSES,
    help="Processes checking and saving rows, each a share of the records (the log's order then differs).",
)
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write a JSON report.")
@click.option(
    "--refused",
    "refused_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the refused rows to fix and import again, as the import page's download: a CSV file's rows as "
    "written with careerlog's column of reasons (English), a JSON Lines file's lines, a workbook's (.xlsx) rows as "
    "an Excel workbook (name OUT .xlsx) or as CSV UTF-8 (name OUT .csv). Not written if none is refused.",
)
@pass_context
@friendly_errors
def import_command(
    obj: Context,
    file: Path,
    fmt: str | None,
    kind: str | None,
    dry_run: bool,
    migration: bool,
    actor: str,
    batch_size: int,
    workers: int,
    report_path: Path | None,
    refused_path: Path | None,
) -> None:
    """Import career events from FILE (JSON Lines, or CSV or an Excel Workbook .xlsx with one kind per file).

    Every row is checked; good rows are recorded, each rejected row is reported with
    its line number and reason, and the exit status is 1 if any row was rejected (or the
    file holds no rows). The summary ends with the rows recorded (or, on --dry-run, that
    would be) of each kind.
    Rows already recorded (same kind and reference, or client_key) are not recorded
    again, so re-running a file records nothing new. The format is in
    docs/import-format.md. With --workers N, N processes share the records (each record
    is checked by one of them, mentor and mentee by the same); every record ends up as
    with one process, but events of different records are logged in another order.
    With --refused OUT, the refused rows are written to OUT to fix and import again.
    """
    from careerlog.importing import detect_format, import_file, refuse_no_rows

    fmt = fmt or detect_format(file.name)
    if kind is not None and fmt == "jsonl":  # (it was ignored: a line of another kind recorded as its own)
        raise click.BadParameter(
            f'each line of a JSON Lines file names its own kind (its key "kind"), so --kind {kind} would not apply '
            "to them: leave --kind out (it names the kind of a CSV file's or a workbook's rows). Nothing was imported.",
            param_hint="--kind",
        )
    total = file.stat().st_size if fmt == "jsonl" else None
    if dry_run:  # (recording nothing, it leaves an empty store's encryption marker to the first process that writes)
        obj.settings = dataclasses.replace(obj.settings, records_marker=False)
    no_store = dry_run and obj.no_store_yet()
    if no_store:  # (one process: the workers would each open the store, which is not there; so a pipe is read once)
        workers = 1
    rereads = [
        why
        for why, reads in (
            ("--workers reads it twice", workers > 1),
            ("a workbook (.xlsx) is read from its end", fmt == "xlsx"),
            ("--refused reads it again", refused_path is not None),
        )
        if reads
    ]
    if rereads and not stat.S_ISREG(file.stat().st_mode):
        # (a pipe, /dev/stdin, <(gunzip -c ...): read once, what was read is gone; before, --workers imported no row
        # and said the file held none, --refused said the file was refused as a whole and wrote nothing, a workbook
        # was a traceback)
        raise click.BadParameter(
            f"{file} is no file but a pipe or a device, which can be read once, and {rereads[0]}: save it as a file "
            "and import that. Nothing was imported.",
            param_hint="FILE",
        )
    for path, hint in ((report_path, "--report"), (refused_path, "--refused")):
        a_file_not_standard_output(path, hint)
        not_the_store(path, obj.settings, hint)
    if report_path and report_path.resolve() == file.resolve():
        raise click.BadParameter("the report would overwrite the file imported", param_hint="--report")
    if refused_path and refused_path.resolve() == file.resolve():
        raise click.BadParameter("the refused rows would overwrite the file imported", param_hint="--refused")
    if refused_path and report_path and refused_path.resolve() == report_path.resolve():
        raise click.BadParameter("the refused rows would overwrite the report", param_hint="--refused")
    if refused_path and fmt == "xlsx" and not refused_path.name.lower().endswith((".csv", ".xlsx")):
        raise click.BadParameter(
            "a workbook's refused rows are written as an Excel workbook or as CSV: name the file .xlsx or .csv",
            param_hint="--refused",
        )
    if refused_path:  # (written only if a row is refused: its place checked before recording anything)
        place_to_write(refused_path)
    report_stream = writable(report_path) if report_path else None  # before recording anything
    aftermath = (
        "nothing was recorded (--dry-run)."
        if dry_run
        else "the rows being saved were not recorded, those saved before stay recorded, each batch of --batch-size "
        "rows whole (one transaction). Import the same file again to record the rest: a row already recorded is not "
        "recorded twice."
    )
    with (
        stops_counted(obj.app, dry_run),
        ends_on_sigterm(aftermath),
        _progress_bar(total, "B" if fmt == "jsonl" else "row", "import") as bar,
    ):
        report = import_file(
            extended(obj.app),  # (as every live writer: unit.new asked, a promotion's findings said)
            file,
            actor=actor,
            fmt=fmt,
            kind=kind,
            dry_run=dry_run,
            migration=migration,
            batch_size=batch_size,
            progress=bar.update,
            workers=workers,
        )
    # a bulk load: the log's statistics for the planner now (PostgreSQL); every row is recorded, so a failure is
    # said, not an exit of 1 for a statistic
    failed = None if dry_run else obj.settings.analyze_imported(report.recorded, migration)
    if failed is not None:
        say(f"warning: {failed}", err=True)
    for note in report.notes:
        for column, reasons in note.errors.items():
            say(f"note: line {note.line}: {column}: {' '.join(reasons)}")
    for warning in report.warnings:
        say(f"warning: {warning.describe()}")
    for problem in report.rejected:
        say(problem.describe(), err=True)
    if report_stream is not None and report_path is not None:
        with written_to(report_path), report_stream:
            report_stream.write(json.dumps(report.to_dict(), indent=2))
    if no_store:
        say(
            f"note: there is no careerlog store at {obj.settings.display_url} yet: the rows were checked as against "
            "an empty store, and nothing was created."
        )
    if (already := report.already_lines()) is not None:
        say(already)
    say(report.summary())
    for line in report.kind_lines():
        say(line)
    if refused_path:
        write_refused(file, fmt, report.rejected, refused_path)
    refuse_no_rows(report.rows, file.name)
    if not report.ok:
        sys.exit(1)


# What a full disk or quota fails a write with: the driver's message (SQLite's "database or disk is full",
# PostgreSQL's "could not extend file ... No space left on device") or the OSError's errno
FULL_DISK_WORDS = ("disk is full", "no space left on device", "disk quota exceeded")


@contextlib.contextmanager
def stops_counted(app: CareerLog, dry_run: bool) -> Iterator[None]:
    """An import stopped part-way (SIGTERM, Ctrl-C, a full disk) says how many events it recorded before the stop
    (the events the log holds past its head when the import began: another writer's meanwhile too) and that running
    the same import again records the rest once: it said nothing of it (Ctrl-C: "Aborted!" alone; a full disk: the
    driver's message). The batch under way is rolled back whole (one transaction), those saved before stay."""
    if dry_run:
        yield
        return
    start = app.max_notification_id()

    def recorded() -> str:
        try:
            count = app.count_events_after(start)
        except Exception:  # (the store no longer answers: a full disk, a connection lost)
            return "How many events it recorded before the stop could not be counted (the store did not answer)"
        return f"It recorded {count:,} event{'' if count == 1 else 's'} before the stop"

    rest = (
        "; the rows of the batch being saved were not recorded. Import the same file again to record the rest: a row "
        "already recorded is not recorded twice."
    )
    try:
        yield
    except StoppedBySigterm as e:
        e.message = f"{e.message} {recorded()}."  # type: ignore[misc]  # (Final in click: set before shown)
        raise
    except KeyboardInterrupt:
        say(f"Import interrupted (Ctrl-C). {recorded()}{rest}", err=True)
        raise
    except (PersistenceError, psycopg.Error, OSError) as e:
        text = " ".join(str(e).split())
        full = getattr(e, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or any(
            w in text.lower() for w in FULL_DISK_WORDS
        )
        if not full:
            raise
        raise click.ClickException(
            f"The import stopped: the store's disk is full ({text}). {recorded()}{rest} Free space first."
        ) from None


# The files SQLite and careerlog keep beside a store's file: its write-ahead log and shared memory, a rollback
# journal, the follower's and the schema's locks
BESIDE_THE_STORE = ("-wal", "-shm", "-journal", ".follower.lock", ".schema.lock", ".rebuild.lock")


def a_file_not_standard_output(path: Path | None, hint: str) -> None:
    """A file to write named `-` (`hint` its option: --report, --refused, demo's --output and --irregularities)
    refused, exit 2: `-` is standard output to `careerlog export` alone, and these wrote a file named `-` in the
    working directory, `demo --output - | gzip` compressing the summary line alone (as `export -` once did)."""
    if path is not None and str(path) == "-":
        raise click.BadParameter(
            "- is no standard output here but would be a file named '-' in the working directory: name the file to "
            "write (by its full path, if one named - is meant). Nothing was written.",
            param_hint=hint,
        )


def not_the_store(path: Path | None, settings: Settings, hint: str) -> None:
    """A file named on the command line to write (`hint` its option) refused, exit 2, when it is the SQLite store's
    own file or one kept beside it, as a name or through a link: `careerlog export careerlog.db` replaced the store
    with the export (its accounts, tokens, access log and views gone, and the file no store any more), as did
    `--report`, `--refused`, `demo --output` and `--irregularities` naming it."""
    if path is None or str(path) == "-" or settings.store != "sqlite":
        return
    try:
        store = Path(settings.sqlite_path).expanduser().resolve()
    except ConfigurationError:  # (refused naming the variable when the store is opened)
        return
    target = path.expanduser().resolve()
    files = [store, *(store.with_name(store.name + suffix) for suffix in BESIDE_THE_STORE)]
    if target in files or any(f.exists() and target.exists() and os.path.samefile(f, target) for f in files):
        raise click.BadParameter(
            f"{path} is the store's file, or one SQLite keeps beside it ({settings.url_source} is "
            f"{settings.display_url}): writing it would destroy the store. Name another file. Nothing was written.",
            param_hint=hint,
        )


def writable(path: Path, mode: str = "w", *, named: Path | None = None) -> IO[Any]:
    """A file named on the command line (`named`, when `path` is written in its place), opened for writing and made
    readable by its owner alone (careerlog.written.open_private: an export, an import's report and refused rows hold
    personal data; the report and the refused rows were made 0644 under umask 022 until 2026-12-05); a message and
    exit 1 if it cannot be."""
    try:
        return open_private(path, mode)
    except OSError as e:
        raise click.ClickException(f"Cannot write {named or path}: {e.strerror}.") from None


def place_to_write(path: Path) -> None:
    """A message and exit 1 unless a file can be written at `path` (named on the command line), creating nothing."""
    place = path if path.exists() else path.parent
    if not place.is_dir() and not path.exists():
        raise click.ClickException(f"Cannot write {path}: no such directory.")
    if not os.access(place, os.W_OK):
        raise click.ClickException(f"Cannot write {path}: permission denied.")


def write_refused(file: Path, fmt: str, rejected: list[Any], path: Path) -> None:
    """`careerlog import --refused`: the refused rows of `file` written to `path` (careerlog.refused_rows) as the
    import page's download writes them, the reasons as this command gives them, in English; nothing written, and
    said, when no row of the file is refused."""
    from careerlog.importing import described
    from careerlog.refused_rows import refused_csv, refused_jsonl
    from careerlog.textfiles import REASONS_COLUMNS
    from careerlog.workbooks import refused_rows_csv, refused_rows_xlsx

    written: bytes | None = None
    if rejected and fmt == "xlsx" and path.name.lower().endswith(".xlsx"):  # (a workbook: the cells as read)
        with file.open("rb") as stream:
            problems = [p.to_dict() for p in rejected]
            written = refused_rows_xlsx(
                stream, problems, REASONS_COLUMNS["en"], lambda p: described(p["errors"], p["values"])
            )
    elif rejected and fmt == "xlsx":  # (as CSV UTF-8: the cells as the import read them)
        with file.open("rb") as stream:
            problems = [p.to_dict() for p in rejected]
            found = refused_rows_csv(
                stream, problems, REASONS_COLUMNS["en"], lambda p: described(p["errors"], p["values"])
            )
        written = found.encode("utf-8") if found is not None else None
    elif rejected and fmt == "csv":
        with file.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
            problems = [p.to_dict() for p in rejected]
            found = refused_csv(text, problems, REASONS_COLUMNS["en"], lambda p: described(p["errors"], p["values"]))
        written = found.encode("utf-8", "surrogateescape") if found is not None else None
    elif rejected:
        with file.open("rb") as stream:
            written = refused_jsonl(stream, {p.line for p in rejected})
    if written is None:
        left = " (the file there is left as it was)" if path.exists() else ""
        why = "no row was refused" if not rejected else "the file was refused as a whole, not row by row (above)"
        say(f"refused rows: {why}; {path} not written{left}.")
        return
    with written_to(path), writable(path, "wb") as out:
        out.write(written)
    say(f"refused rows: written to {path}, to fix and import again.")


@main.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@pass_context
@friendly_errors
def export_command(obj: Context, file: Path | None) -> None:
    """Export the complete log to FILE (default, or -: standard output) as JSON Lines.

    The export carries recorded times; `careerlog import --migration FILE` into an empty
    store (SQLite or PostgreSQL) gives an equivalent store.
    """
    from careerlog.exporting import export_events, exported_summary

    not_the_store(file, obj.settings, "FILE")
    app = obj.app
    to_file = (
        file is not None and str(file) != "-" and not (file.is_symlink() or (file.exists() and not file.is_file()))
    )
    # (SIGTERM or SIGHUP, as import and rebuild: said, and the partial file of personal data removed, as Ctrl-C
    # removed it; before, the signal ended the export at once without a word, leaving FILE.partial)
    aftermath = (
        f"the export was not finished: {file} was not written (one there before is left as it was), the part written "
        "so far removed."
        if to_file
        else "the export was not finished: what was written so far is incomplete, no backup."
    )
    left: Counter[str] = Counter()  # (the events left out, by kind: said with the count written)
    with _progress_bar(app.max_notification_id(), "event", "export") as bar, ends_on_sigterm(aftermath):
        # (on a terminal, its lines shown with the bidi and C1 characters of their texts as JSON escapes: exporting)
        if file is None or str(file) == "-":  # (- wrote a file named -: `export - | gzip` an empty backup)
            with written_to("standard output"):
                out = sys.stdout.buffer
                written = export_events(app, out, progress=bar.update, shown=is_terminal(out), left=left)
                out.flush()
        elif not to_file:  # /dev/stdout, a pipe: as it is
            with written_to(file), writable(file, "wb") as stream:
                written = export_events(app, stream, progress=bar.update, shown=is_terminal(stream), left=left)
        else:
            # written beside FILE and renamed when complete: an export that fails half-way (a lost connection, an
            # event it cannot read, the disk full, SIGTERM) leaves no FILE that looks like a backup, and an older FILE
            # as it was
            assert file is not None
            partial = file.with_name(file.name + ".partial")
            try:
                with contextlib.suppress(OSError):  # (one left by an export killed: made again, private)
                    partial.unlink(missing_ok=True)
                with written_to(file), writable(partial, "wb", named=file) as stream:
                    written = export_events(app, stream, progress=bar.update, left=left)
                with written_to(file):
                    partial.replace(file)
            finally:
                with contextlib.suppress(OSError):  # (none there, or none can be: the failure above is the one said)
                    partial.unlink(missing_ok=True)
    click.echo(exported_summary(written, left), err=True)


@main.command("demo")
@click.option("--employees", default=1000, show_default=True, type=AT_LEAST_ONE, help="How many employees to generate.")
@click.option(
    "--seed",
    default=1,
    show_default=True,
    type=WHOLE_NUMBER,
    help="Random seed, any whole number (negative too): the same seed gives the same data.",
)
@click.option(
    "--irregularities",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the list of injected irregularities [default: beside --output, its name with "
    "-irregularities.json (demo.jsonl: demo-irregularities.json there); storing, demo-irregularities.json].",
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write JSON Lines here instead of storing."
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Do nothing if the store already holds events (without it such a store is refused: exit 1).",
)
@pass_context
@friendly_errors
def demo_command(
    obj: Context, employees: int, seed: int, irregularities: Path | None, output: Path | None, if_empty: bool
) -> None:
    """Generate a realistic synthetic civil service and store it (or write it to --output).

    Agencies of Sumatera Utara with their units and regions, careers of 20 years and
    more that mostly follow the promotion rules, and a known share of irregularities for
    the audits to find (listed in --irregularities). Deterministic for a given seed.
    """
    from careerlog.demo import load_demo, write_demo

    if irregularities is None:
        # beside the demo written (until 2026-12-06 always demo-irregularities.json in the working directory, unasked)
        irregularities = Path("demo-irregularities.json") if output is None else beside(output)
    for path, hint in ((output, "--output"), (irregularities, "--irregularities")):
        a_file_not_standard_output(path, hint)
        not_the_store(path, obj.settings, hint)
    if output is not None and output.resolve() == irregularities.resolve():  # (the events were overwritten by it)
        raise click.BadParameter(
            "the list of irregularities would overwrite the demo written to --output: name another file. Nothing was "
            "written.",
            param_hint="--irregularities",
        )
    if output is not None:
        summary = write_demo(output, employees=employees, seed=seed, irregularities_path=irregularities)
        say(summary)  # (one line, naming the --irregularities file as given: its control characters visible)
        return
    obj.settings = dataclasses.replace(obj.settings, database_url_set=True)  # the demo may make the default store
    app = obj.app
    if app.max_notification_id() > 0:
        if if_empty:
            click.echo("The store already holds events; nothing generated.")
            return
        # (the demo's synthetic careers were recorded among the store's, for good, until one met a record or unit
        # rating already there, a demo's of any seed or a real one: then an internal error, exit 70, the rest not)
        raise click.ClickException(
            f"{obj.settings.display_url} already holds events: the demo is recorded into an empty store only, as its "
            "synthetic careers would be recorded for good beside the records there. Point CAREERLOG_DATABASE_URL at a "
            "new file (or schema), or write the demo to a file with --output; --if-empty does nothing on a store that "
            "holds events. Nothing was recorded."
        )
    with _progress_bar(employees, "employee", "demo") as bar:
        summary = load_demo(
            app, employees=employees, seed=seed, irregularities_path=irregularities, progress=bar.update
        )
    say(summary)


def beside(output: Path) -> Path:
    """The demo's list of irregularities written by default beside its --output: demo.jsonl's demo-irregularities.json
    in the same directory."""
    return output.with_name(f"{output.stem}-irregularities.json")


@main.command("history")
@click.argument("subject")
@pass_context
@friendly_errors
def history_command(obj: Context, subject: str) -> None:
    """Print every event recorded for an employee (NIP) or a unit (UNIT:AGENCY:NAME) as JSON Lines."""
    from careerlog.domain.nip import eighteen_digits, normalise_nip, not_a_nip

    unit = subject.startswith("UNIT:")
    key = subject if unit else normalise_nip(subject)
    if not unit and not eighteen_digits(key):
        # (17 digits typed: refused saying so, as `record` and the API refuse it, where it was "Nothing is recorded
        # for ...", the reason left to be seen)
        raise InvalidInput(not_a_nip(subject), "nip")
    for row in obj.app.get_history(key):
        click.echo(json_on_terminal(json.dumps(row, ensure_ascii=False)))


# The fields a kind holds an object in (a correction's corrected_fields), typed on the command line as JSON.
JSON_FIELDS = frozenset(spec.name for cls in BY_KIND.values() for spec in filled_fields(cls) if spec.type is dict)


class _GivenTwice(ValueError):
    """A name given twice in one JSON object (json_field)."""


def _named_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object read (json.loads' object_pairs_hook) as the API's body and an import's text are (named_once),
    refusing it at once when it gives a name twice (a Repeated)."""
    read = named_once(pairs)
    if isinstance(read, Repeated):
        raise _GivenTwice(read.repeated[0])
    return read


def json_field(name: str, value: str) -> Any:
    """A field's value typed as JSON, read; refused as a bad parameter naming the field and the reason (where the
    JSON error is: its line and column; a name given twice in an object; nested too deeply), not a traceback."""
    if json_too_deep(value):  # (refused unread: careerlog.jsontext)
        raise click.BadParameter("not valid JSON: nested too deeply.", param_hint=name)
    try:
        return json.loads(value, object_pairs_hook=_named_once)
    except json.JSONDecodeError as e:
        reason = f"{e.msg} at line {e.lineno}, column {e.colno}"
    except _GivenTwice as e:
        raise click.BadParameter(f"{str(e)!r} is given more than once: give it once.", param_hint=name) from None
    raise click.BadParameter(f"not valid JSON: {reason}.", param_hint=name)


# A correction's corrected field typed one by one, named as an import's CSV header names it (corrected_fields.title) or
# the record form's input (corrected.title): the command takes them together, as one JSON object (json_field).
TYPED_APART = ("corrected_fields.", "corrected.")


def typed_apart(kind: str, given: Mapping[str, str]) -> None:
    """Refuse a correction's corrected fields typed one by one (they were refused each as "Unknown field." beside
    "corrected_fields: Missing data for required field.", which did not say how to give them), naming them and saying
    how: the line to type, with their values (and those of a corrected_fields typed beside them)."""
    cls = BY_KIND.get(kind)
    if cls is None or "corrected_fields" not in {spec.name for spec in filled_fields(cls)}:
        return
    apart = {name: value for name, value in given.items() if name.startswith(TYPED_APART) and name.partition(".")[2]}
    if not apart:
        return
    whole = json_field("corrected_fields", given["corrected_fields"]) if "corrected_fields" in given else {}
    together = {**(whole if isinstance(whole, dict) else {}), **{n.partition(".")[2]: v for n, v in apart.items()}}
    line = "corrected_fields=" + shlex.quote(json.dumps(together, ensure_ascii=False))
    raise click.BadParameter(
        f"a correction's corrected fields are typed together as one JSON object, not one by one: {line}",
        param_hint=", ".join(apart),
    )


RECORD_HELP = """Record one event: careerlog record NIP KIND field=value ...

    Example: careerlog record 198609262015051001 rank_promotion new_rank=III/b
    promotion_kind=101 effective_date=2019-04-01 reference=SK-800/123/2019.
    `careerlog kinds` lists the kinds and their fields; a unit's rating (or its correction)
    names the unit as history does, UNIT:KOTA-MEDAN:Dinas Kesehatan. confirm=CHECK,... confirms a check the
    recording is refused by unless confirmed, as an import's confirm column does (confirm=promotion.one_step a rank
    jump the decree does make, confirm=placement.ends_post a placement into another agency ending a managerial post
    held, its end recorded with it); the checks: {checks}.
    A void (a retraction of the record's appointment), which cannot be undone, takes confirm_nip=NIP: the record's
    NIP given again.
    A correction's corrected fields are typed together as one JSON object: corrected_fields='{{"title": "..."}}'.
    """.format(checks=", ".join(CONFIRMABLE))  # (from the one tuple of checks a writer confirms)


@main.command("record", help=RECORD_HELP)
@click.argument("nip")
@click.argument("kind")
@click.argument("fields", nargs=-1)
@click.option("--actor", default="cli", show_default=True, type=ACTOR, help="Recorded as who recorded the event.")
@click.option(
    "--client-key",
    help=f"Idempotency key: the same key records once. At most {MAX_CLIENT_KEY} characters and no comma (as the API's "
    "Idempotency-Key header takes it).",
)
@pass_context
@friendly_errors
def record_command(
    obj: Context, nip: str, kind: str, fields: tuple[str, ...], actor: str, client_key: str | None
) -> None:
    """Record one event (RECORD_HELP)."""
    from careerlog.importing import confirmed
    from careerlog.textfiles import changes_marked, exponent_marked, lesson_hours

    payload: dict[str, Any] = {}
    given: dict[str, str] = {}  # each field's value as typed
    for item in fields:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected field=value, got {item!r}", param_hint="FIELDS")
        if not name.strip():  # ("=x": read as a field named "", refused as ": Unknown field.")
            raise click.BadParameter(
                f"expected field=value, got {item!r}: no field named before '='", param_hint="FIELDS"
            )
        if name in given:  # (the last one was recorded, the first dropped without a word)
            raise click.BadParameter(
                f"{name} given twice ({given[name]!r}, then {value!r}): give each field once", param_hint="FIELDS"
            )
        given[name] = value
        # ("24 JP", "2 jam pelajaran": read as the import and the record form read them, as HOURS_UNIT says)
        if name == "hours":
            value = lesson_hours(value) or value
        # (a number written with an exponent, "cost=1e3": refused as the API refuses it, after the field's bounds)
        payload[name] = (
            changes_marked(json_field(name, value)) if name in JSON_FIELDS else exponent_marked(kind, name, value)
        )
    typed_apart(kind, given)
    # (the checks the writer confirms, as an import's confirm column and the API's "confirm" name them: the refusal of
    # a rank jump says to confirm it, which the command refused as "confirm: Unknown field.")
    checks = confirmed(payload.pop("confirm"), kind) if "confirm" in payload else frozenset()
    again = payload.pop("confirm_nip", None)  # (a void's confirmation: the record's NIP given again)
    app = extended(obj.app)  # (as every live writer: unit.new asked, a promotion's findings said)
    outcome = app.record(nip, kind, payload, actor=actor, client_key=client_key, confirmed=checks, confirm_nip=again)
    state = "recorded" if outcome.created else "already recorded"
    say(f"{state}: {outcome.kind} version {outcome.version} of {outcome.subject}")
    for warning in [*outcome.warnings, *app.promotion_findings(outcome)]:  # (as the API's answer, an import's report)
        say(f"warning: {warning}")


@main.command("kinds")
def kinds_command() -> None:
    """List the event kinds that can be recorded, with their fields."""
    for kind, cls in BY_KIND.items():
        if not cls.RECORDABLE:
            continue
        click.echo(f"{kind}: {(cls.__doc__ or '').strip()}")
        for spec in filled_fields(cls):
            flag = "required" if spec.required else "optional"
            table = f", codes: careerlog reference {spec.table}" if spec.table else ""
            click.echo(f"  {spec.name} ({spec.type_name}, {flag}{table}): {spec.doc}")


@main.command("reference")
@click.argument("table", required=False)
def reference_command(table: str | None) -> None:
    """List the reference tables, or the codes of TABLE with their names."""
    ref = reference()
    names = ref.names
    if table is None:
        for name in names:
            source = ref.table(name).source  # (a table of no source named: no ": " left dangling after its count)
            click.echo(f"{name} ({len(ref.table(name))} codes)" + (f": {source}" if source else ""))
        return
    if table not in names:
        raise click.BadParameter(f"unknown table {table!r}; one of {', '.join(names)}", param_hint="TABLE")
    for code in ref.table(table):
        click.echo(f"{code.code}\t{code.name}")


@main.command("rules")
@click.argument("rule_id", required=False)
def rules_command(rule_id: str | None) -> None:
    """List the rules careerlog judges by (CAREERLOG_RULES_FILE, else the bundled file), or the versions of RULE_ID.

    Each version: its id, status (S confirmed, M believed but unconfirmed, I an inference; a part of another status
    in brackets after it, `S (201: M)`: the rule's status_note), the dates it is in force
    and its parameters, the keys of its `[rules.params]` that configure it (docs/rules.md says what each checks)."""
    loaded = rules()
    shown = loaded.all
    if rule_id is not None:
        shown = loaded.versions(rule_id)
        if not shown:
            known = ", ".join(loaded.ids)
            raise click.BadParameter(f"no rule {rule_id!r} in the rules file; one of {known}", param_hint="RULE_ID")
    for rule in shown:
        until = f" until {rule.valid_to.isoformat()}" if rule.valid_to is not None else ""
        click.echo(f"{rule.id} ({rule.statuses}, from {rule.valid_from.isoformat()}{until}): {rule.title}")
        for name, value in rule.params.items():
            click.echo(f"  {name} = {json.dumps(value, ensure_ascii=False, default=str)}")


@main.command("encryption-key")
def encryption_key_command() -> None:
    """Print a new random key for CAREERLOG_ENCRYPTION_KEY (AES-256, base64)."""
    from eventsourcing.cipher import AESCipher

    click.echo(AESCipher.create_key(32))


@main.command("info")
@pass_context
@friendly_errors
def info_command(obj: Context) -> None:
    """Show which store is configured and the position of the last event in its log.

    The position is not a count: on PostgreSQL a rolled-back write (or a restored pg_dump) leaves
    positions unused (docs/operations.md), and counting a large log would read all of it."""
    position = obj.app.max_notification_id() or 0  # (the store opened first: one not there is refused before a line)
    say(f"store: {obj.settings.store}")
    say(f"encrypted: {obj.settings.encryption()}")  # (the marker: docs/operations.md, Encryption)
    click.echo(f"last event position: {position}")


from careerlog.accounts_cli import accounts_group, tokens_group  # noqa: E402

main.add_command(accounts_group)
main.add_command(tokens_group)


if __name__ == "__main__":  # pragma: no cover
    main()

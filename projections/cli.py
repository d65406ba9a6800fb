"""`careerlog projections run|rebuild|status`: the projection workers' command line."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Collection, Sequence
from typing import Any

import click
import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError

from careerlog.cli import (
    Context,
    Progress,
    ends_on_sigterm,
    friendly_errors,
    no_connection_left,
    pass_context,
    reading_only,
    signals_to_take,
    too_many_clients,
)
from careerlog.cli_numbers import PROCESSES, PlainNumber
from careerlog.config import ConfigurationError
from careerlog.domain.errors import InvalidInput
from careerlog.visible import say
from projections.framework import (
    RANGE_PROCESS_CONNECTIONS,
    Projection,
    Projector,
    RebuildFailed,
    stalled_rebuild,
    status_read,
)
from projections.registry import all_projections, judged_by_one_rule, judged_by_rules, projector, select

# A lost or refused connection: worth trying again. Anything else (a missing table, a
# bad query) is a fault that repeating would not cure: the worker exits with the error.
CONNECTION_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)

# --poll: 0 (or less) would check the log, and a lost database, without a pause (a core kept busy); an hour is
# the longest a follower may sleep before it sees a write on SQLite
MIN_POLL, MAX_POLL = 0.01, 3600.0


def _names(views: str | None) -> list[str] | None:
    """The views --views names (None: the option left out, every view). One that names none (`--views ""`, a unit's
    `--views $VIEWS` with the variable empty) is refused: it kept every view, beside the workers that keep them; so is
    one naming an unknown view (_chosen)."""
    if views is None:
        return None
    names = [v.strip() for v in views.split(",") if v.strip()]
    if not names:
        raise click.BadParameter(
            f"names no view ({views!r}); leave --views out to keep every view.", param_hint="'--views'"
        )
    _chosen(names, "'--views'")
    return names


def _chosen(names: list[str] | None, hint: str) -> list[Projection]:
    """The views named (every view for None), an unknown one refused as a usage error naming the option or argument
    (`hint`), exit 2, as a --views naming none is: it was `Error: views: Unknown view ...`, exit 1, naming no option."""
    try:
        return select(names)
    except InvalidInput as e:
        raise click.BadParameter(
            " ".join(r for reasons in e.errors.values() for r in reasons), param_hint=hint
        ) from None


@click.group("projections")
def projections_group() -> None:
    """Keep the read models (views) current, rebuild them, and show their lag."""


@projections_group.command("run")
@click.option("--views", help="Comma-separated views this worker keeps (default: all).")
@click.option("--once", is_flag=True, help="Catch up and exit instead of following the log.")
@click.option(
    "--poll",
    default=1.0,
    show_default=True,
    type=PlainNumber(min=MIN_POLL, max=MAX_POLL),
    help="Seconds between checks when idle, and before trying a lost database again.",
)
@pass_context
@friendly_errors
def run_command(obj: Context, views: str | None, once: bool, poll: float) -> None:
    """Follow the event log and apply new events to the views, exactly once.

    Several workers may run, each with its own --views; a worker killed at any point
    resumes where its views' tracking records say. On PostgreSQL the worker wakes on
    the log's notifications; on SQLite it polls.
    """
    worker = projector(obj.settings, _names(views), app=obj.app)
    for said in worker.remade:  # (until 2026-12-07 a view dropped for other rules or a new version was refilled unsaid)
        say(said, err=True)
    # SIGTERM (a service manager's stop) or SIGINT: the batch under way is finished, its rows and position committed
    # together, and no other begun; exit 0. Before, a worker catching up (a new view, a refill, a long lag) read on
    # to the log's head after SIGTERM, and was killed by the manager's stop timeout half-way through a batch.
    # SIGHUP (an SSH session dropped) alike: it ended the worker at once without a word. SIGHUP ignored at entry (a
    # worker started under `nohup`) stays ignored: the worker outlives the session (signals_to_take).
    stop = threading.Event()
    for sig in signals_to_take((signal.SIGINT, signal.SIGTERM, signal.SIGHUP)):
        signal.signal(sig, lambda *_: stop.set())
    try:
        if once:
            worker.catch_up(stop=stop)
            if worker.configured_otherwise or worker.versioned_otherwise:
                raise ConfigurationError(judged_otherwise(worker))
            # (the events of the batches this worker committed: until 2026-12-06 those it read, a batch another worker
            # committed first counted too, so that two workers on the same views each claimed the whole log)
            click.echo(f"applied {worker.applied} events" + (" (stopped by a signal)" if stop.is_set() else ""))
            if stalled := worker.stalled_rebuilds():
                raise click.ClickException(stalled_rebuild(stalled))
            return
        click.echo(f"following the log for: {', '.join(p.name for p in worker.projections)}", err=True)
        follow(worker, stop, poll)
        # (before, a stop without --once ended with no word: a service manager's log showed no end)
        say(f"stopped by a signal after applying {worker.applied} events", err=True)
    finally:
        worker.close()


def follow(worker: Projector, stop: threading.Event, poll: float) -> int:
    """Catch up, then wait for new events (a notification on PostgreSQL, a poll on SQLite).

    A lost database connection (a restart, a fail-over, a killed backend) is reported and
    tried again after `poll` seconds: the tracking records say where to resume, so nothing
    is skipped or applied twice; said once it can be used again. A view of the worker marked as rebuilding with no
    rebuild running (one killed) is warned of while idle. Returns the events read (a Projector's `applied`
    counts those of the batches it committed: `careerlog projections run` says that).
    """
    listener = Listener(worker)
    applied, lost, told = 0, False, tuple[str, ...]()  # (told: the stalled rebuilds last said)
    try:
        while not stop.is_set():
            try:
                read = worker.catch_up(stop=stop)
                applied += read
                if lost:  # (it said "trying again", and no more: an operator could not tell it had recovered)
                    say("the database can be used again: resumed following the log", err=True)
                    lost = False
                # (a stand-in worker of the tests has neither)
                if getattr(worker, "configured_otherwise", None) or getattr(worker, "versioned_otherwise", None):
                    raise ConfigurationError(judged_otherwise(worker))
                if read == 0:
                    stalled = tuple(worker.stalled_rebuilds()) if hasattr(worker, "stalled_rebuilds") else ()
                    if stalled and stalled != told:  # once, and again when it changes
                        say(f"Warning: {stalled_rebuild(stalled)}", err=True)
                    told = stalled
                    listener.wait(stop, poll)
            except CONNECTION_ERRORS as e:
                say(f"the database could not be used, trying again in {poll:g} s: {' '.join(str(e).split())}", err=True)
                lost = True
                listener.close()
                stop.wait(poll)
    finally:
        listener.close()
    return applied


def judged_otherwise(worker: Projector) -> str:
    """Why a worker stops: another process fills some of its views by other rules, or another release made them
    again at its version (this worker is of another release than the process that did)."""
    if worker.versioned_otherwise:
        views = "; ".join(
            f"{name} is at version {theirs}, this worker's is version {own}"
            for name, theirs in worker.versioned_otherwise.items()
            for own in [next(p.version for p in worker.projections if p.name == name)]
        )
        return (
            f"Another careerlog release made views of this worker again: {views}. Nothing was written to them. "
            "Run the same release on every process: stop this one and start the release that made them "
            "(docs/operations.md, Upgrades)."
        )
    views = "; ".join(
        f"{name} by the rules of digest {theirs}, this worker's give {ours}"
        for name, (theirs, ours) in worker.configured_otherwise.items()
    )
    return (
        f"Another careerlog process fills views of this worker by other rules (CAREERLOG_RULES_FILE): {views}. "
        "Nothing was written to them. Give every process the same CAREERLOG_RULES_FILE and start this worker again "
        f"(docs/operations.md, Upgrades; a change of the rules refills {rules_views(worker.configured_otherwise)})."
    )


def rules_views(changed: Collection[str] = ()) -> str:
    """The views a change of the rules refills and the command that fills them again, as a refusal names them: those
    judged by the rules, and a view judged by one rule alone (`judged_by_one_rule`: the training view) among them only
    when it is `changed` (configured otherwise: its rule changed), else named with its rule ("training when
    training.counted_once changes")."""
    one_rule = judged_by_one_rule()
    names = [*(name for name in one_rule if name in changed), *judged_by_rules()]
    text = f"{', '.join(names)}: careerlog projections rebuild {' '.join(names)}"
    unchanged = [f"{name} when {rule} changes" for name, rule in one_rule.items() if name not in changed]
    return f"{text}; {', '.join(unchanged)}" if unchanged else text


class Listener:
    """Waits for the log's notifications on PostgreSQL (LISTEN), or for `poll` seconds on SQLite."""

    def __init__(self, worker: Projector):
        self.worker = worker
        self.conn: psycopg.Connection[Any] | None = None

    def wait(self, stop: threading.Event, poll: float) -> None:
        if self.worker.settings.store != "postgres":
            stop.wait(poll)
            return
        if self.conn is None:
            self.conn = self.worker.settings.connect_postgres()
            self.conn.execute(f'LISTEN "{self.worker.events_table}"')
        for _ in self.conn.notifies(timeout=poll, stop_after=1):
            break

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(psycopg.Error):
                self.conn.close()
            self.conn = None


@projections_group.command("rebuild")
@click.argument("names", nargs=-1)
@click.option(
    "--jobs",
    type=PROCESSES,
    default=1,
    show_default=True,
    help="Processes rebuilding side by side, each a range of the records (the same views result).",
)
@pass_context
@friendly_errors
def rebuild_command(obj: Context, names: tuple[str, ...], jobs: int) -> None:
    """Rebuild NAMES (default: every view) from zero, reading each record once."""
    reading_only(obj, writes=True)  # (a store that is not there has no log to rebuild from)
    chosen = _chosen(list(names) or None, "NAMES")
    # a view a newer release made is rebuilt at this release's version: the way back to this release
    worker = projector(obj.settings, [p.name for p in chosen], app=obj.app, take_back=True)
    stopped = "the rebuild did not finish; the views stay marked as rebuilding until a rebuild completes: run it again."
    try:
        total = worker.subject_count()
        with ends_on_sigterm(stopped), Progress(total, "record", "rebuild") as bar:
            try:
                count = worker.rebuild(progress=bar.update, jobs=jobs)
            except RebuildFailed as e:
                # a rebuild process's error carries its traceback: written above the refusal, line by line
                cause, *traceback = str(e).split("\n")
                for line in traceback:
                    say(line, err=True)
                short = (  # (a forked process refused a connection: how many they open, and the pools' share)
                    f" Each of the rebuild's other processes (--jobs {jobs}) opens {RANGE_PROCESS_CONNECTIONS}"
                    f"{no_connection_left(obj.settings, e)}"
                    if too_many_clients(e)
                    else ""
                )
                raise click.ClickException(
                    f"The rebuild did not finish: {cause}; the views stay marked as rebuilding until a rebuild "
                    f"completes: run it again once the cause is mended.{short}"
                ) from None
        caught = worker.catch_up()
        click.echo(f"rebuilt {', '.join(p.name for p in chosen)} from {count} records (+{caught} new events)")
        if vacuumed := worker.vacuum(p.name for p in chosen):
            click.echo(f"vacuumed and analyzed their {vacuumed} tables")
    finally:
        worker.close()


def older_views(names: Sequence[str]) -> str:
    """What `projections status` says of views an older release made, which no process of this release has made
    again yet (`--check` exited 0 on them until 2026-12-05)."""
    which = "view" if len(names) == 1 else "views"
    return (
        f"The {which} {', '.join(names)} {'is' if len(names) == 1 else 'are'} of an older release's version: start "
        f"this release's projection workers (or run `careerlog projections rebuild {' '.join(names)}`) to make "
        f"{'it' if len(names) == 1 else 'them'} again (docs/operations.md, Upgrades)."
    )


# `projections status --check`'s exit status when a view needs an operator (a rebuild stopped, rows judged by other
# rules, a view of an older release's version): apart from 1 (the store could not be read, a refusal) and 2 (a usage
# error), so monitoring tells them apart
CHECK_FAILED = 3


@projections_group.command("status")
@click.option(
    "--check",
    is_flag=True,
    help=f"Exit {CHECK_FAILED} (after the table) when a view needs an operator: a rebuild stopped before it finished, "
    "rows judged by other rules than CAREERLOG_RULES_FILE's, or a view of an older release's version; for "
    "monitoring.",
)
@pass_context
@friendly_errors
def status_command(obj: Context, check: bool) -> None:
    """Show each view's version in the store beside this release's, its position in the log, how far behind it is
    and its state (ready; filling:<position>, answered by no read until it reaches that position; rebuilding, or
    `rebuilding (stopped: no rebuild runs)` for a rebuild killed before it finished, which a rebuild mends; not made
    yet; older version, to be made again, its lag the whole log). It only reads: it makes no view, nor any table."""
    reading_only(obj)
    # (read, nothing made: a Projector made every view's tables and marked them filling, and made again a view of an
    # older release's version)
    read = status_read(obj.settings, obj.app, all_projections())
    click.echo(f"{'view':<16}{'stored':>8}{'release':>9}{'position':>12}{'head':>12}{'lag':>10}  state")
    for status in read.statuses:
        stored = "-" if status.stored_version is None else status.stored_version  # (-: the view is not made)
        line = f"{status.name:<16}{stored:>8}{status.version:>9}{status.position:>12}{status.head:>12}"
        click.echo(f"{line}{status.lag:>10}  {status.state}{' (stopped: no rebuild runs)' if status.stalled else ''}")
    if stalled := [status.name for status in read.statuses if status.stalled]:
        click.echo(stalled_rebuild(stalled), err=True)
    for name, (theirs, ours) in read.configured_otherwise.items():
        click.echo(
            f"{name}: its rows were judged by the rules of digest {theirs}, this shell's CAREERLOG_RULES_FILE "
            f"gives {ours}: the next worker or server started with these rules refills it "
            f"(docs/operations.md, Upgrades; a change of the rules refills {rules_views(read.configured_otherwise)})",
            err=True,
        )
    if older := [s.name for s in read.statuses if s.stored_version is not None and s.stored_version < s.version]:
        click.echo(older_views(older), err=True)
    sys.stdout.flush()
    if check and (stalled or read.configured_otherwise or older):
        # (exit 0 while a view showed `rebuilding (stopped: no rebuild runs)`, which monitoring is told to alert on)
        raise click.exceptions.Exit(CHECK_FAILED)

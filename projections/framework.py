"""Projections: views derived only from the ledger's events, kept current exactly once.

A projection owns some tables. Every row belongs to one subject (an employee's NIP or a
unit's id) and is a pure function of that subject's events: when events arrive, the
projector reads the whole record of each subject they touch (up to the last event of the
batch), recomputes that subject's rows and replaces them, and records the position of
the batch in the same transaction. So a batch is applied exactly once, a crash loses
nothing, and processing the log again from any position gives the same tables as a
rebuild. Aggregates across subjects (headcounts, shares, statistics) are queries over
these rows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import fcntl
import functools
import gc
import hashlib
import itertools
import json
import logging
import multiprocessing
import operator
import os
import queue
import re
import signal
import sqlite3
import threading
import time
import traceback
import warnings
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, cast

import psycopg
import psycopg.sql

from careerlog import config
from careerlog.application import CareerLog
from careerlog.config import ConfigurationError, Settings
from careerlog.domain.errors import CareerlogError, RecordedByNewerRelease
from careerlog.importing import fewer_collections
from careerlog.persistence import class_of
from careerlog.reference import RULES_FILE_ENV, Rules, rules
from careerlog.sqlstore import Row, Sql, SqlStore, chunked, created_name, reads_fresh, select_events_of
from projections.career import CareerRecord, Entry
from projections.store import VIEWS_ENV_NAME, PostgresViewStore, SQLiteViewStore, StaleBatch, open_view_store
from projections.stored_entries import Stored, row_entries, tuple_rows
from projections.trigrams import quoted, trigram_schema

Progress = Callable[[int], None]


def positions_read(tracking_table: str, names: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The statement and parameters reading the log position of each view of `names` (Projector.positions; read
    ahead with an employee's eligibility by web.fastreads)."""
    marks = ", ".join("?" * len(names))
    statement = (
        f"SELECT application_name AS name, MAX(notification_id) AS n FROM {tracking_table} "
        f"WHERE application_name IN ({marks}) GROUP BY application_name"
    )
    return statement, tuple(names)


@dataclass(frozen=True)
class Table:
    """A view table: its columns (portable SQL types) and indexes. `subject` is always first."""

    name: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()
    # Text columns a search matches anywhere in (LIKE '%...%'), found through an index of their trigrams
    # (`search_ddl`): PostgreSQL's pg_trgm (projections.trigrams), SQLite's FTS5 trigram tokenizer.
    searched: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]

    def ddl(self) -> list[str]:
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        table = f"CREATE TABLE IF NOT EXISTS {self.name} ({cols}, PRIMARY KEY ({', '.join(self.primary_key)}))"
        return [table, *self.index_ddl()]

    def index_ddl(self) -> list[str]:
        """The statements creating its indexes (other than the primary key's)."""
        return [
            f"CREATE INDEX IF NOT EXISTS {self.name}_ix{i} ON {self.name} ({', '.join(columns)})"
            for i, columns in enumerate(self.indexes)
        ]

    def drop_index_ddl(self) -> list[str]:
        return [f"DROP INDEX IF EXISTS {self.name}_ix{i}" for i in range(len(self.indexes))]

    @property
    def search_name(self) -> str:
        """The name of the searched columns' index: PostgreSQL's GIN index, SQLite's FTS5 table."""
        return f"{self.name}_search"

    def search_ddl(self, dialect: str, trigrams: str | None) -> list[str]:
        """The statements making the searched columns' trigram index (`searched`), for a table empty or holding rows,
        made together (`Projector.ensure_tables` runs them when the index named `search_name` is not there).

        PostgreSQL: a GIN index of the columns' trigrams, its operator class named with the schema of pg_trgm
        (`trigrams`, projections.trigrams.trigram_schema); none without it. SQLite: a contentless FTS5 table with the
        trigram tokenizer, `<table>_search`, of the columns; each row's FTS5 rowid in `<table>_search_keys` (an
        INTEGER PRIMARY KEY, which VACUUM keeps, unlike a table's implicit rowid), by subject; both filled from the
        table's rows, then kept in step by triggers on the table (an insert, a delete, an update of the columns:
        the framework's writes delete a subject's rows and insert them again)."""
        if not self.searched:
            return []
        table, fts, keys, columns = self.name, self.search_name, f"{self.search_name}_keys", ", ".join(self.searched)
        if dialect == "postgres":
            if trigrams is None:
                return []
            schema = quoted(trigrams)
            ops = ", ".join(f"{column} {schema}.gin_trgm_ops" for column in self.searched)
            return [f"CREATE INDEX IF NOT EXISTS {fts} ON {table} USING gin ({ops})"]
        new = ", ".join(f"new.{c}" for c in self.searched)
        old = ", ".join(f"old.{c}" for c in self.searched)
        r = ", ".join(f"r.{c}" for c in self.searched)
        insert = (
            f"INSERT INTO {keys} (subject) VALUES (new.subject); "
            f"INSERT INTO {fts} (rowid, {columns}) VALUES (last_insert_rowid(), {new});"
        )
        delete = (
            f"INSERT INTO {fts} ({fts}, rowid, {columns}) SELECT 'delete', id, {old} FROM {keys} "
            "WHERE subject = old.subject; "
            f"DELETE FROM {keys} WHERE subject = old.subject;"
        )
        return [
            f"CREATE TABLE IF NOT EXISTS {keys} (id INTEGER PRIMARY KEY, subject TEXT NOT NULL UNIQUE)",
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, tokenize = 'trigram', content = '')",
            f"INSERT INTO {keys} (subject) SELECT subject FROM {table} ORDER BY subject",
            f"INSERT INTO {fts} (rowid, {columns}) SELECT k.id, {r} FROM {keys} k JOIN {table} r USING (subject)",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {delete} {insert} END",
        ]

    def drop_search_ddl(self, dialect: str) -> list[str]:
        """The statements dropping what `search_ddl` makes (whichever of it is there)."""
        if not self.searched:
            return []
        fts = self.search_name
        if dialect == "postgres":
            return [f"DROP INDEX IF EXISTS {fts}"]
        return [
            *(f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")),
            f"DROP TABLE IF EXISTS {fts}",
            f"DROP TABLE IF EXISTS {fts}_keys",
        ]

    def as_rows(self, tuples: Iterable[Sequence[Any]]) -> list[Row]:
        """Rows given as tuples of the columns in order (`row_tuples`' inverse), each by its column names."""
        names = self.column_names
        return [dict(zip(names, values, strict=True)) for values in tuples]

    def as_row(self, values: Sequence[Any]) -> Row:
        """`as_rows` of one row."""
        return dict(zip(self.column_names, values, strict=True))

    def insert_statement(self, rows: int = 1) -> str:
        """An INSERT of `rows` rows (their values one after another, each row's in column order)."""
        names = self.column_names
        marks = f"({', '.join('?' * len(names))})"
        return f"INSERT INTO {self.name} ({', '.join(names)}) VALUES {', '.join([marks] * rows)}"


class Projection(ABC):
    """A named group of views, tracked and rebuilt together."""

    name: ClassVar[str]
    version: ClassVar[int] = 1  # change it when the tables or their rows change: the view is rebuilt
    tables: ClassVar[tuple[Table, ...]]
    # the one rule whose digest (`rule_digest`) is the view's configuration, for a view whose rows read that rule alone
    # of the rules file (the training view's, training.counted_once): a change of it alone refills the view
    judged_by_rule: ClassVar[str | None] = None

    def applies_to(self, subject: str) -> bool:
        """Whether this projection keeps rows for a subject (employees by default)."""
        return not subject.startswith("UNIT:")

    def configuration(self) -> str | None:
        """A digest of what the rows are made with besides the events (None: nothing): kept beside the view's
        version, and a change of it refills the view as a new version does (`Projector.ensure_tables`).

        By default the configured rules' digest (CAREERLOG_RULES_FILE) for a view that stores it in its rows
        (a `rules_version` column: the merit view's eligibility); a view judged by the rules without storing
        their digest says so by overriding this with `rules_digest()` (the awards)."""
        if any(RULES_DIGEST_COLUMN in table.column_names for table in self.tables):
            return rules_digest()
        return None

    @abstractmethod
    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        """Every row of one subject, per table name."""

    # True (`TupleProjection`): `tuples` gives the rows, each a tuple of its table's columns in order, and a
    # rebuild or catch-up writes them as they are (no dict made per row and read back in column order); its
    # `rows` are then `rows_of_tuples(tuples(record))`, and a subclass changing its rows overrides `tuples`.
    gives_tuples: ClassVar[bool] = False

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of one subject as a tuple of its table's columns in order, per table name (`rows`)."""
        rows = self.rows(record)
        return {t.name: row_tuples(rows.get(t.name, []), t.column_names) for t in self.tables}

    def rows_of_tuples(self, tuples: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[Row]]:
        """`rows` of a projection that gives tuples: each row by its table's column names."""
        tables = {t.name: t for t in self.tables}
        return {table: tables[table].as_rows(found) for table, found in tuples.items()}


class TupleProjection(Projection):
    """A projection that makes its rows as tuples of its tables' columns in order (`tuples`), which a
    rebuild or catch-up writes as they are; its `rows` are the same rows by column name."""

    gives_tuples: ClassVar[bool] = True

    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        return self.rows_of_tuples(self.tuples(record))

    @abstractmethod
    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of one subject as a tuple of its table's columns in order, per table name."""


RULES_DIGEST_COLUMN = "rules_version"  # a row's digest of the rules it was judged by (projections.merit.eligibility)


# The rules no view's rows read: read by the queries as they answer (rule fairness.adverse_impact's threshold, alpha
# and min_cell: projections.merit.fairness.AdverseImpact, the fairness and scorecard answers; training.pppk_yearly_jp's
# cap and year: projections.training.TrainingQueries.jp_by_year, the career page, since 2026-12-05), or only when a
# fact is written (appointment.recruitment_path: careerlog.domain.employee.path_refusal refuses a new appointment or
# a correction, never a stored one; confirmation.latsar: latsar_missing_refusal, a new confirmation or its date
# corrected; training.duplicate, training.daily_jp, training.cost: a new training; placement.ends_post:
# careerlog.domain.employee.posts_a_placement_ends, a new placement; nip.sequence_nonzero and nip.pppk_digit: a NIP read
# as a fact is written, an import read or an account made, careerlog.domain.nip.parse_nip, never by a view, whose rows
# read the employment kind recorded), so a change of them changes no row and refills no view (`rules_digest` leaves
# them out; `rules_file_digest` does not)
RULES_READ_WHEN_QUERIED = frozenset(
    {
        "fairness.adverse_impact",
        "training.pppk_yearly_jp",
        "appointment.recruitment_path",
        "confirmation.latsar",
        "placement.ends_post",
        "training.duplicate",
        "training.daily_jp",
        "training.cost",
        "nip.sequence_nonzero",
        "nip.pppk_digit",
        "agency.region_seat",
        "training.latsar_once",
        "appointment.tmt_first_day",
    }
)
RULES_TABLE = re.compile(r"\s*\[\[\s*rules\s*\]\]")  # a rule's header, [[rules]]
RULE_PART = re.compile(r"\s*\[\[?\s*rules\s*\.")  # a table within the rule ([rules.params]), part of it
ANY_TABLE = re.compile(r"\s*\[")
RULE_ID = re.compile(r"""\s*id\s*=\s*["']([^"']*)["']""")


def rules_digest(book: Rules | None = None) -> str:
    """The digest of the rules the views judge by (`book`, by default the configured ones), as the eligibility rows'
    `rules_version` and the views' configuration: the SHA-256 of their file less the rules read only when queried
    (`RULES_READ_WHEN_QUERIED`), its first 12 hex digits (the ids of the rules when no path is known). A rule's
    `status_note` counts: a finding the merit view stores holds its rule's status for the promotion's kind, which the
    note gives (merit.rules.kind_status, since view version 60); until 2026-12-07 the digest left the notes out, and a
    note written or mended ("201: M" to "201: S") left the stored findings' statuses as they were until a rebuild."""
    return _digest_of(rules() if book is None else book, RULES_READ_WHEN_QUERIED)


def rule_digest(rule_id: str, book: Rules | None = None) -> str:
    """The digest of one rule's versions as read (their days and params; `book`, by default the configured rules),
    its first 12 hex digits: the configuration of a view whose rows read that rule alone of the rules file (the
    training view's, training.counted_once), so that a change of that rule refills it and a change of any other not."""
    versions = [
        {"from": r.valid_from, "to": r.valid_to, "params": r.params}
        for r in (rules() if book is None else book).versions(rule_id)
    ]
    text = json.dumps([rule_id, versions], sort_keys=True, default=str).encode()
    return hashlib.sha256(text).hexdigest()[:12]


def rules_file_digest(book: Rules | None = None) -> str:
    """The digest of the whole rules file, those read when queried included: what an answer judged by the rules at
    query time (the scorecard, kept by web.kept) depends on."""
    return _digest_of(rules() if book is None else book, frozenset())


@functools.lru_cache(maxsize=8)
def _digest_of(book: Rules, left_out: frozenset[str]) -> str:
    if book.path is None:
        text = repr([r.id for r in book.all if r.id not in left_out]).encode()
    else:
        text = without_rules(Path(book.path).read_bytes(), left_out)
    return hashlib.sha256(text).hexdigest()[:12]


def without_rules(text: bytes, left_out: frozenset[str]) -> bytes:
    """A rules file's bytes less the [[rules]] tables of the ids `left_out` (each from its header to the next table
    not its own, the comments before that table with it): the same bytes when it holds none of them. Cut as text, so
    that any other byte still counts (a comment too, as before), and kept only when the file so cut reads as the
    whole less exactly those rules; otherwise (a layout the cut does not follow) the whole file counts, as a
    change of those rules then refills the views, as any change did."""
    if not left_out:
        return text
    import tomllib

    segments: list[list[str]] = [[]]  # the file cut before each table not within a rule: [[rules]] and the others
    for line in text.decode("utf-8").splitlines(keepends=True):
        if RULES_TABLE.match(line) or (ANY_TABLE.match(line) and not RULE_PART.match(line)):
            segments.append([])
        segments[-1].append(line)
    kept = [line for segment in segments if not dropped(segment, left_out) for line in segment]
    cut = "".join(kept).encode("utf-8")
    if cut == text:
        return text
    try:
        whole, less = tomllib.loads(text.decode("utf-8")), tomllib.loads(cut.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return text
    expected = {**whole, "rules": [r for r in whole.get("rules", []) if r.get("id") not in left_out]}
    return cut if less == expected else text


def dropped(segment: list[str], left_out: frozenset[str]) -> bool:
    """Whether a part of a rules file is a [[rules]] table of one of the ids `left_out` (its first id line's)."""
    if not segment or not RULES_TABLE.match(segment[0]):
        return False
    ids = (found.group(1) for line in segment if (found := RULE_ID.match(line)))
    return next(ids, None) in left_out


FILLING = "filling:"  # a view's state while it fills from position 0 up to the head when it was made: filling:<head>
READY = "ready"
REBUILDING = "rebuilding"  # a rebuild writes the view: no worker applies batches to it meanwhile


# pg_advisory_lock key held, with the hash of "<schema>.<view>", by a rebuild of the view for as long as it runs (on
# a connection of its own: its process's end, a kill too, lets it go); beside config.SCHEMA_LOCK_ID and
# trigrams.TRIGRAM_LOCK_ID. On SQLite a rebuild holds a shared flock of the file beside the store
# (`rebuild_lock_path`). A view marked as rebuilding whose lock nobody holds is a rebuild that stopped.
REBUILD_LOCK_ID = 7_312_303


def rebuild_lock_path(sqlite_path: str) -> Path:
    return Path(sqlite_path).expanduser().resolve().with_name(Path(sqlite_path).name + ".rebuild.lock")


class _BeingRebuilt(Exception):
    """A worker's batch found its view being rebuilt inside its transaction: rolled back, left to the rebuild."""


@dataclass(frozen=True)
class Status:
    name: str
    version: int  # this release's version of the view
    position: int
    head: int
    state: str = READY  # ready, filling:<head> (answered by no read until filled) or rebuilding
    stored_version: int | None = None  # the version the store's view_schemas holds (None: the view is not made)
    built_with: str | None = None  # the digest of the rules its rows were built with (view_configurations)
    configuration: str | None = None  # this process's (Projection.configuration; None: a view of no rules)
    stalled: bool = False  # marked as rebuilding with no rebuild running (it was killed or its session dropped)

    @property
    def lag(self) -> int:
        """How many events of the log the view has yet to apply: for a view of an older release's version, the
        whole log, as this release makes it again from the first event whatever position the older rows reached
        (until 2026-12-06 their lag, 0 once they were current, read as nothing to do)."""
        if self.stored_version is not None and self.stored_version < self.version:
            return self.head
        return max(self.head - self.position, 0)


_KEEPING = ContextVar("keeping_views", default=False)  # this thread is the projector's (it fills the views)

# A string literal ('' inside doubled), a line comment or a block comment of a SQL statement.
_LITERALS = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)


@functools.lru_cache(maxsize=1024)
def outside_literals(statement: str) -> str:
    """The statement with its string literals and comments blanked: the names it reads are outside them."""
    return _LITERALS.sub(" ", statement)


@dataclass(frozen=True)
class Refill:
    """A view answered by no read: being filled from the first event up to `head` (`position`: the last event of
    the log it has applied), or being rebuilt (`head` and `position` None: a rebuild records its position only when
    it is done)."""

    name: str
    state: str  # "filling" or "rebuilding"
    position: int | None = None
    head: int | None = None
    # being filled and not moved (none of it filled, or as far as STALLED_AFTER seconds ago); being rebuilt with no
    # rebuild running (the rebuild's lock not held: `Projector.rebuilds_running`)
    stalled: bool = False

    def describe(self) -> str:
        if self.position is None or self.head is None:
            return (
                f"{self.name} (its rebuild stopped before it finished)"
                if self.stalled
                else f"{self.name} (being rebuilt)"
            )
        share = min(self.position * 100 // self.head, 99) if self.head else 0
        return f"{self.name} (filled up to event {self.position:,} of the log's {self.head:,}, {share}%)"


def stalled_rebuild(names: Sequence[str]) -> str:
    """What a worker, `projections status`, a command reading the views and /health say of views marked as
    rebuilding with no rebuild running: no worker fills them and no read is answered from them until a rebuild of
    them completes."""
    which = "view" if len(names) == 1 else "views"
    return (
        f"The rebuild of the {which} {', '.join(names)} stopped before it finished (no rebuild of it runs: it was "
        "killed, or its session dropped): no worker fills a view marked as rebuilding, and no read is answered from "
        f"it. Run `careerlog projections rebuild {' '.join(names)}` (docs/operations.md)."
    )


# Seconds a view being filled may keep its position before a read of it says no worker may be filling it (a worker
# applies a batch of events in well under this)
STALLED_AFTER = 60.0


class NotFollowed(TimeoutError):
    """A wait for the views to reach a log position given up with no view behind it moving meanwhile
    (`Projector.wait`), for `waited` seconds: what is known. No process may follow the log, or the one that does may
    fail, or be committing a batch that takes longer than the wait (the API's 503 view-not-ready says so,
    web.errors.NOT_FOLLOWED, rather than to try again shortly)."""

    def __init__(self, position: int, waited: float):
        super().__init__(f"the views did not move towards position {position} in the {waited:g} seconds waited for")
        self.position = position
        self.waited = waited


class ViewNotReady(CareerlogError):
    """A read of a view that is being filled (dropped for a new version, new, or rebuilding): it holds part
    of the records only, so it is not answered from (a 503 with Retry-After). `refills`: each view refused, with
    how far it has been filled where that is known."""

    def __init__(self, views: Sequence[str], refills: Sequence[Refill] = ()):
        self.views = tuple(views)
        known = {r.name: r for r in refills}
        self.refills = tuple(known.get(name, Refill(name, "filling")) for name in self.views)
        names = ", ".join(r.describe() if r.name in known else r.name for r in self.refills)
        if dropped := [r.name for r in self.refills if r.stalled and r.position is None]:
            super().__init__(
                f"The view {names} holds only part of the records: the rebuild of {', '.join(dropped)} stopped "
                "before it finished (no rebuild of it runs: it was killed, or its session dropped), and no worker "
                f"fills a view marked as rebuilding. Run `careerlog projections rebuild {' '.join(dropped)}`, then "
                "try again (docs/operations.md)."
            )
            return
        # (nothing in the store says whether a worker runs, nor how its batches fare: a worker that fails on each
        # batch, and restarts, leaves the view as none running does, so the advice names both)
        if any(r.stalled for r in self.refills):
            super().__init__(
                f"The view {names} is being filled (a new version or a rebuild) and holds only part of the "
                "records, and its filling has not moved: no process fills it, or the one that does fails. A view is "
                "filled by a projections worker (`careerlog projections run`), on SQLite also by the serving process "
                "holding the store's follower lock. If none runs, start one; if one runs, its log says why it does "
                "not move on (`careerlog projections status` shows how far each view is; docs/operations.md). Then "
                "try again later."
            )
            return
        super().__init__(
            f"The view {names} is being filled (a new version or a rebuild) and holds only part of the "
            "records; try again later."
        )


@dataclass(frozen=True)
class Rejudged:
    """A view whose rows were judged by other rules than this process's: the configuration digest the rows were
    made with (`view_configurations`) and this process's (`Projection.configuration`, CAREERLOG_RULES_FILE)."""

    name: str
    digest: str
    ours: str


class ViewJudgedOtherwise(CareerlogError):
    """A read of a view whose rows were judged by other rules than this process's: the rows' verdicts, rounds and
    eligibility are the projecting process's, while what a query asks of the rules (merit.passed_over's comparison,
    a severity, a rule in force) is asked of this process's, and no process holds another's rules. Not answered
    (a command's exit 1, a 503 of the web server) until this process reads the rules the views were built with:
    it is started again with their CAREERLOG_RULES_FILE (or the views rebuilt under its rules)."""

    def __init__(self, rejudged: Sequence[Rejudged]):
        self.rejudged = tuple(rejudged)
        views = "; ".join(
            f"the view {r.name}'s rows were judged by the rules of digest {r.digest}, this process's gives {r.ours}"
            for r in self.rejudged
        )
        super().__init__(
            f"CAREERLOG_RULES_FILE: {views}. An answer would mix the rows' verdicts with this process's rules, so "
            "none is given from them. Give this process the CAREERLOG_RULES_FILE the views were built with, as the "
            "projection workers' (after a change of the rules: start it again with the new file; "
            "docs/operations.md, Upgrades)."
        )


def judged_otherwise(sql: Sql | SqlStore, projections: Iterable[Projection]) -> list[Rejudged]:
    """The views (of `projections`) whose rows were judged by other rules than this process's, by the digests kept
    beside them (`view_configurations`; a view with none kept is not named)."""
    ours = {p.name: digest for p in projections if (digest := p.configuration()) is not None}
    if not ours:
        return []
    rows = sql.query("SELECT name, digest FROM view_configurations")
    found = {str(r["name"]): str(r["digest"]) for r in rows if r["name"] in ours and r["digest"] is not None}
    return [Rejudged(name, found[name], ours[name]) for name in ours if found.get(name, ours[name]) != ours[name]]


def refuse_judged_otherwise(sql: Sql | SqlStore, projections: Iterable[Projection]) -> None:
    """Raise ViewJudgedOtherwise when a view of `projections` was judged by other rules than this process's
    (`judged_otherwise`): what a command reading the views built under rules asks first."""
    if rejudged := judged_otherwise(sql, projections):
        raise ViewJudgedOtherwise(rejudged)


class ViewsNotMade(CareerlogError):
    """A command reads views that the store does not hold yet (no process has made them: no worker, server or
    rebuild has run on it). Refused before anything is made, naming the views that command reads."""

    def __init__(self, views: Sequence[str]):
        self.views = tuple(views)
        names = ", ".join(self.views)
        which = "view" if len(self.views) == 1 else "views"
        super().__init__(
            f"This command reads the {which} {names}, not made in this store yet: run `careerlog projections "
            "rebuild` (or start `careerlog projections run`), then the command again. Nothing was changed."
        )


def views_made(datastore: Any, projections: Iterable[Projection]) -> None:
    """Raise ViewsNotMade unless the store (`datastore`: the log's, whose schema holds the views' tables too) has
    made every view of `projections` (its row in `view_schemas`): read through the log's datastore, so that
    looking creates nothing (opening the view store makes its tracking table)."""
    names = [p.name for p in projections]
    with SqlStore(datastore).statements() as sql:
        made: set[str] = set()
        if sql.relation_names([SCHEMA_TABLE.name]):
            made = {str(r["name"]) for r in sql.query("SELECT name FROM view_schemas")}
    if missing := [name for name in names if name not in made]:
        raise ViewsNotMade(missing)


# `careerlog projections status`'s state of a view the store has not made, and of one an older release made
NOT_MADE = "not made yet (a worker or `projections rebuild` makes it)"
# (until 2026-12-06 the older release's state first, "ready, of an older release's version: ...", read as nothing to
# do beside a lag of 0)
OLDER = (
    "older version, to be made again: this release's next worker or `projections rebuild` makes it from the first event"
)


@dataclass
class StatusRead:
    """Each view's Status, read without making or changing anything (`status_read`), and the views whose rows were
    judged by other rules than this process's: name -> (their digests, this process's)."""

    statuses: list[Status]
    configured_otherwise: dict[str, tuple[str, str]]


def status_read(settings: Settings, app: CareerLog, projections: Sequence[Projection]) -> StatusRead:
    """The views' state, version, position and lag, read through the log's datastore (as `views_made` reads): no
    table made (not the views' tracking table a view store makes when opened, nor the views' tables and marks a
    Projector makes), no view made again (one an older release made, or judged by other rules), nothing written.
    `careerlog projections status` made every view's tables and marked them filling on a store only imported into
    (on PostgreSQL 2 tables became 25): it failed on a full disk, and for a database role that may only read. A view
    a newer release made is refused (NewerViews), as a Projector refuses it."""
    head = app.max_notification_id()
    tracking = "tracking" if settings.store == "sqlite" else f"{VIEWS_ENV_NAME}_tracking"
    with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        there = sql.relation_names([SCHEMA_TABLE.name, CONFIGURATION_TABLE.name, tracking])
        made: dict[str, Row] = {}
        if SCHEMA_TABLE.name in there:
            made = {str(r["name"]): r for r in sql.query("SELECT name, version, state FROM view_schemas")}
        digests: dict[str, str] = {}
        if CONFIGURATION_TABLE.name in there:
            digests = {
                str(r["name"]): str(r["digest"]) for r in sql.query("SELECT name, digest FROM view_configurations")
            }
        positions: dict[str, int] = {}
        if tracking in there:
            rows = sql.query(
                f"SELECT application_name AS name, MAX(notification_id) AS n FROM {tracking} GROUP BY application_name"
            )
            positions = {str(r["name"]): int(r["n"] or 0) for r in rows}
        newer = [
            (p.name, int(made[p.name]["version"]), p.version)
            for p in projections
            if p.name in made and int(made[p.name]["version"]) > p.version
        ]
        if newer:
            raise NewerViews(settings, newer)
        statuses: list[Status] = []
        otherwise: dict[str, tuple[str, str]] = {}
        for p in projections:
            row = made.get(p.name)
            ours = p.configuration()
            if row is None:
                statuses.append(Status(p.name, p.version, 0, head, NOT_MADE, None, None, ours))
                continue
            stored, state = int(row["version"]), str(row["state"])
            if stored < p.version:
                state = OLDER
            elif ours is not None and (theirs := _digests_read(sql, p, digests.get(p.name)) - {ours}):
                otherwise[p.name] = (", ".join(sorted(theirs)), ours)
            statuses.append(
                Status(p.name, p.version, positions.get(p.name, 0), head, state, stored, digests.get(p.name), ours)
            )
        # (a view marked rebuilding that no rebuild holds the lock of: one stopped before it finished)
        rebuilding = [p.name for p in projections if p.name in made and made[p.name]["state"] == REBUILDING]
        running = rebuilds_running(settings, sql, rebuilding)
        statuses = [dataclasses.replace(s, stalled=s.name in rebuilding and s.name not in running) for s in statuses]
    return StatusRead(statuses, otherwise)


def rebuilds_running(settings: Settings, sql: Sql | SqlStore, names: Sequence[str]) -> set[str]:
    """Those of the views `names` a rebuild is running for, by the lock it holds (`rebuild_lease`): on
    PostgreSQL its advisory lock of the view, looked up in pg_locks (not taken); on SQLite the store's rebuild
    lock file held by any rebuild (one of another view too: an flock covers the file), tried without waiting
    and let go at once. Looking creates nothing (a lock file not there: no rebuild has run since)."""
    if not names:
        return set()
    if settings.store == "postgres":
        schema = settings.postgres()["schema"]
        running = set()
        for name in names:
            held = sql.scalar(
                "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted"
                f" AND classid = CAST({REBUILD_LOCK_ID} AS oid) AND objid = CAST(hashtext(?) AS oid)"
                " AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                (f"{schema}.{name}",),
            )
            if int(held or 0):
                running.add(name)
        return running
    try:
        fd = os.open(rebuild_lock_path(settings.sqlite_path), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return set()
    except OSError:  # (not to be read: nothing known, taken as running, as before locks were looked at)
        return set(names)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return set(names)
    finally:
        os.close(fd)  # (the lock, if taken, goes with it)
    return set()


def _digests_read(sql: Sql, projection: Projection, stored: str | None) -> set[str]:
    """The rules' digests the view's rows were judged by: the recorded one, else those its rows name (a view made by
    a release that recorded none), read from the tables there (Projector._configured_digests, which makes them)."""
    if stored is not None:
        return {stored}
    tables = [t.name for t in projection.tables if RULES_DIGEST_COLUMN in t.column_names]
    found: set[str] = set()
    for table in sorted(sql.relation_names(tables)):
        found.update(str(r["d"]) for r in sql.query(f"SELECT DISTINCT {RULES_DIGEST_COLUMN} AS d FROM {table}"))
    return found


def newer_views(sql: Sql | SqlStore, projections: Iterable[Projection]) -> list[tuple[str, int, int]]:
    """The views of `projections` that a newer release made (a higher version in `view_schemas` than this
    release's): (name, stored version, this release's), as NewerViews names them."""
    return [(name, stored, own) for name, stored, own in _versions_otherwise(sql, projections) if stored > own]


def older_views(sql: Sql | SqlStore, projections: Iterable[Projection]) -> list[tuple[str, int, int]]:
    """The views of `projections` an older release made (a lower version in `view_schemas` than this release's,
    `projections status`'s OLDER): (name, stored version, this release's), as OlderViews names them."""
    return [(name, stored, own) for name, stored, own in _versions_otherwise(sql, projections) if stored < own]


def _versions_otherwise(sql: Sql | SqlStore, projections: Iterable[Projection]) -> list[tuple[str, int, int]]:
    versions = {str(r["name"]): int(r["version"]) for r in sql.query("SELECT name, version FROM view_schemas")}
    return [(p.name, versions[p.name], p.version) for p in projections if versions.get(p.name, p.version) != p.version]


class OlderViews(CareerlogError):
    """A command reads a view an older release made (a lower version than this release's) that no worker of this
    release has made again yet: its rows are of the older release's code (what a version bump changes: its rows,
    their verdicts), so they are not read as this release's, as the server, which makes it again when it starts,
    answers no read of it until it is filled (503). Refused, naming each view with both versions and the way to
    make it again; nothing is made or changed (the command only reads)."""

    def __init__(self, older: Sequence[tuple[str, int, int]]):
        self.older = tuple(older)
        views = "; ".join(
            f"the view {name} is at version {stored}, an older release's (this release's is version {own})"
            for name, stored, own in older
        )
        them = "it" if len(older) == 1 else "them"
        names = " ".join(name for name, _, _ in older)
        super().__init__(
            f"This command reads views an older careerlog release made: {views}. Its rows are not read as this "
            f"release's. Make {them} again with `careerlog projections run` (`--once`: catch up and stop; or start "
            f"the projection workers, or `careerlog projections rebuild {names}`), then run the command again. "
            "Nothing was changed."
        )


@dataclass(frozen=True)
class Lag:
    """A view marked ready whose position is behind the log's head (no worker has applied the events since)."""

    name: str
    position: int
    head: int

    def describe(self) -> str:
        behind = self.head - self.position
        return (
            f"{self.name} is {behind:,} event{'' if behind == 1 else 's'} behind the log "
            f"(at event {self.position:,} of {self.head:,})"
        )


def lags_of(sql: Sql | SqlStore, tracking_table: str, projections: Iterable[Projection], head: int) -> list[Lag]:
    """The views of `projections` marked ready whose position is below the log's `head`."""
    names = [p.name for p in projections]
    ready = {str(r["name"]) for r in sql.query("SELECT name FROM view_schemas WHERE state = ?", (READY,))}
    found = []
    for name in names:
        if name not in ready:
            continue
        position = int(
            sql.scalar(f"SELECT MAX(notification_id) AS n FROM {tracking_table} WHERE application_name = ?", (name,))
            or 0
        )
        if position < head:
            found.append(Lag(name, position, head))
    return found


def refills_of(sql: Sql | SqlStore, tracking_table: str, projections: Iterable[Projection]) -> list[Refill]:
    """The views of `projections` that hold part of their rows only: being filled (a new version, or refilled
    under changed rules) and not yet up to the head they fill to, or being rebuilt."""
    by_name = {p.name: p for p in projections}
    rows = sql.query("SELECT name, state FROM view_schemas WHERE state <> ?", (READY,))
    found: list[Refill] = []
    for row in sorted(rows, key=lambda r: str(r["name"])):
        state = str(row["state"])
        if row["name"] not in by_name:
            continue
        if not state.startswith(FILLING):
            found.append(Refill(str(row["name"]), "rebuilding"))
            continue
        head = int(state[len(FILLING) :])
        position = sql.scalar(
            f"SELECT MAX(notification_id) AS n FROM {tracking_table} WHERE application_name = ?", (row["name"],)
        )
        if int(position or 0) < head:
            found.append(Refill(str(row["name"]), "filling", int(position or 0), head))
    return found


class NewerViews(ConfigurationError):
    """The store holds a view at a higher version than this release's: a newer release made it. This release
    refuses to open the views rather than drop it (the newer release would refill it, and the two would drop each
    other's views in turn)."""

    def __init__(self, settings: Settings, newer: Sequence[tuple[str, int, int]]):
        self.newer = tuple(newer)
        views = "; ".join(
            f"the view {name} is at version {stored}, this release's is version {own}" for name, stored, own in newer
        )
        names = " ".join(name for name, _, _ in newer)
        them = "it" if len(newer) == 1 else "them"
        super().__init__(
            f"The store of {settings.url_source} ({settings.display_url}) was opened by a newer careerlog release: "
            f"{views}. This release would drop {them}: nothing was changed. Run the newer release on every process "
            f"(docs/operations.md, Upgrades); to go back to this release, rebuild with it: "
            f"careerlog projections rebuild {names}"
        )


SCHEMA_TABLE = Table(
    "view_schemas",
    (("name", "TEXT"), ("version", "INTEGER"), ("state", "TEXT")),
    ("name",),
)
# Each view's configuration digest (`Projection.configuration`) as its rows were made: a table of its own, beside
# view_schemas, so that a store's older releases read on unchanged.
CONFIGURATION_TABLE = Table("view_configurations", (("name", "TEXT"), ("digest", "TEXT")), ("name",))


class Projector:
    """Keeps projections current from the ledger, rebuilds them, and reports their lag."""

    def __init__(
        self,
        settings: Settings,
        projections: Sequence[Projection],
        *,
        app: CareerLog | None = None,
        batch_size: int = 1000,
        ensure: bool = True,
        take_back: bool = False,
        reconfigure: bool = True,
    ):
        """`ensure=False`: the tables are known to be there as they should (a rebuild's process). `take_back`: a
        view a newer release made (a higher version) is dropped and made again at this release's version (a
        rebuild of it, going back to this release), not refused (NewerViews). `reconfigure=False`: a view whose
        rows were made with another configuration (rules) than this process's is left as it is, and named in
        `configured_otherwise` (a command that only looks, such as `careerlog projections status`)."""
        self.settings = settings
        self.projections = list(projections)
        self.app = app or CareerLog.from_settings(settings)
        self._owns_app = app is None
        self.views: SQLiteViewStore | PostgresViewStore = open_view_store(settings)
        self.batch_size = batch_size
        self.events_table = self.app.recorder.events_table_name  # type: ignore[attr-defined]
        self.id_column = "rowid" if settings.store == "sqlite" else "notification_id"
        self._filling: dict[str, int] = {}  # views filling from 0 (state filling:<head>) and that head
        self._positions: dict[str, tuple[int, float]] = {}  # a view being filled: its position when first seen so
        self._unready: tuple[float, dict[str, tuple[re.Pattern[str], Refill | Rejudged]]] = (0.0, {})  # guard_reads'
        self.take_back = take_back
        self.reconfigure = reconfigure
        self._trigrams: tuple[str | None] | None = None  # (pg_trgm's schema or None), once looked for
        self.configured_otherwise: dict[str, tuple[str, str]] = {}  # view -> (its rows' digests, this process's)
        self.versioned_otherwise: dict[str, int] = {}  # view -> its version as another release made it since
        # why each view this process dropped to fill again from the first event was dropped (`_why_remade`): said on
        # a worker's standard error (`careerlog projections run`) and logged, where before nothing said so
        self.remade: list[str] = []
        # the log's events of the batches this process committed to a view (`careerlog projections run`'s count): a
        # batch another worker committed first (rolled back here, StaleBatch) is read (`step`'s count) but not applied
        self.applied = 0
        if ensure:
            self.ensure_tables()

    def close(self) -> None:
        self.views.datastore.close()
        if self._owns_app:
            self.app.close()

    # ------------------------------------------------------------------ schema

    @property
    def trigrams(self) -> str | None:
        """The schema of PostgreSQL's pg_trgm extension (created if it can be; projections.trigrams), for the
        searched columns' trigram indexes (`Table.search_ddl`); None on SQLite or without the extension.
        Looked for once by this projector."""
        if self._trigrams is None:
            self._trigrams = (trigram_schema(self.settings) if self.settings.store == "postgres" else None,)
        return self._trigrams[0]

    def search_ddl(self, table: Table) -> list[str]:
        """The statements making a table's searched columns' trigram index on this store (`Table.search_ddl`)."""
        return table.search_ddl(self.settings.store, self.trigrams)

    def drop_search_ddl(self, table: Table) -> list[str]:
        return table.drop_search_ddl(self.settings.store)

    def ensure_tables(self) -> None:
        """Create the tables; clear any projection whose version changed (it catches up from 0).

        Processes starting together (web workers, projection workers) take turns (schema lock).
        """
        with self.settings.schema_lock():
            self._ensure_tables()

    def _ensure_tables(self) -> None:
        token = _KEEPING.set(True)
        try:
            self._ensure_tables_kept()
        finally:
            _KEEPING.reset(token)

    def _ensure_tables_kept(self) -> None:
        """A view made (again) while the log holds events is marked filling up to the log's head: it holds
        part of the records until it has caught up that far, and is not answered from meanwhile.

        Only the tables and indexes the schema does not hold yet are created (`Sql.create_missing`, as IF NOT
        EXISTS would leave the others), in one transaction with the new views' versions and states: a store
        opened again with every view at its version sends no DDL (nor takes its locks on the views' tables), and
        a new store's tables are made in one commit, not one a view."""
        ddl = [statement for projection in self.projections for table in projection.tables for statement in table.ddl()]
        # the searched columns' indexes, each made by several statements (SQLite's), all when its name is not there
        searches = {
            table.search_name: statements
            for projection in self.projections
            for table in projection.tables
            if (statements := self.search_ddl(table))
        }
        own = [*SCHEMA_TABLE.ddl(), *CONFIGURATION_TABLE.ddl()]
        with self.views.sql.transaction() as sql:
            names = sql.relation_names([*filter(None, map(created_name, own + ddl)), *searches])  # one look for all
            existing: set[str] | None = names | sql.create_missing(own, names)
            known = {r["name"]: r for r in sql.query("SELECT name, version, state FROM view_schemas")}
            configured = {r["name"]: r["digest"] for r in sql.query("SELECT name, digest FROM view_configurations")}
        newer = [
            (p.name, int(known[p.name]["version"]), p.version)
            for p in self.projections
            if p.name in known and int(known[p.name]["version"]) > p.version
        ]
        if newer and not self.take_back:
            raise NewerViews(self.settings, newer)
        made: list[Projection] = []  # new, or made again: their version and state are set
        dropped: list[Projection] = []  # made again: their tables dropped in the transaction that makes them
        unrecorded: list[tuple[Projection, str]] = []  # kept: the configuration their rows hold is recorded
        for projection in self.projections:
            row = known.get(projection.name)
            if row is None:
                made.append(projection)
            elif row["version"] != projection.version or self._reconfigured(
                projection, configured.get(projection.name)
            ):
                self.remade.append(self._why_remade(projection, int(row["version"]), configured.get(projection.name)))
                dropped.append(projection)
                existing = None  # the catalog is read again, after the drops
                made.append(projection)
            else:
                if str(row["state"]).startswith(FILLING):
                    self._filling[projection.name] = int(str(row["state"])[len(FILLING) :])
                digest = projection.configuration()
                if digest is not None and projection.name not in configured and self.reconfigure:
                    # kept by its rows' digests (a store of a release that kept none): recorded, not read again
                    unrecorded.append((projection, digest))
        if (
            existing is not None
            and not made
            and not unrecorded
            and all(created_name(s) in existing for s in ddl)
            and all(name in existing for name in searches)
        ):
            return  # every view at its version, every table and index there: nothing to write
        with self.views.sql.transaction() as sql:  # drops, tables, versions: seen by other processes all at once
            for projection in dropped:
                self._drop(sql, projection)
            sql.create_missing(ddl, existing)
            there = sql.relation_names(searches)  # (after the drops)
            for statement in (s for name, making in searches.items() if name not in there for s in making):
                sql.execute(statement)
            head: int | None = None
            for projection in made:
                head = self.app.max_notification_id() if head is None else head
                self._set_schema(sql, projection, f"{FILLING}{head}" if head else READY)
                if head:
                    self._filling[projection.name] = head
            for projection, digest in unrecorded:
                sql.execute("INSERT INTO view_configurations (name, digest) VALUES (?, ?)", (projection.name, digest))

    def _mark_filled(self) -> None:
        """Mark ready the views that have caught up to the head they were filling to.

        Two threads may do so at once for one view (the web service's follower steps while another thread
        catches up on the same projector): the UPDATE changes only a view still filling to that head, and
        the entry is let go of by one atomic pop, which finds it gone the second time (a `del` raised KeyError)."""
        for projection in self.projections:
            target = self._filling.get(projection.name)
            if target is not None and self.position(projection) >= target:
                with self.views.sql.transaction() as sql:
                    sql.execute(
                        "UPDATE view_schemas SET state = ? WHERE name = ? AND state = ?",
                        (READY, projection.name, f"{FILLING}{target}"),
                    )
                self._filling.pop(projection.name, None)

    # ------------------------------------------------------------------ reads of unfinished views

    def guard_reads(self, every: float = 1.0) -> None:
        """Refuse (ViewNotReady) the reads of this process's view store that name a table of a view being
        filled or rebuilt, other than the projector's own: a name outside the statement's string
        literals and comments (`outside_literals`); and (ViewJudgedOtherwise) those of a view whose rows were
        judged by other rules than this process's (`judged_otherwise`: made again under new rules by another
        process while this one runs with the rules it read when it started). The views' states and rules'
        digests are read at most every `every` seconds (one query). Guarded: the statements of `Sql.query` and
        `SqlStore.query` (and `scalar`), and of the reads that fetch from a cursor and call the
        guard themselves (`streamed`, `copied_frame`); not others run by `Sql.execute` (docs/operations.md)."""
        self.views.sql.guard = lambda sql, statement: self._guard(sql, statement, every)

    def _guard(self, sql: Sql | None, statement: str, every: float) -> None:
        if _KEEPING.get():
            return
        looked, unready = self._unready
        now = time.monotonic()
        if now - looked >= every:
            looked, unready = now, self._unready_views(sql)
            self._unready = (looked, unready)
        if not unready:
            return
        statement = outside_literals(statement)
        if any(tables.search(statement) for tables, _ in unready.values()) and looked != now:
            unready = self._unready_views(sql)  # refused only on a fresh look: it may have been filled since
            self._unready = (now, unready)
        refused = [refill for tables, refill in unready.values() if tables.search(statement)]
        if rejudged := [r for r in refused if isinstance(r, Rejudged)]:  # (lasts until this process restarts)
            raise ViewJudgedOtherwise(rejudged)
        if refills := [self._moved(r, now) for r in refused if isinstance(r, Refill)]:
            raise ViewNotReady([r.name for r in refills], refills)

    def _moved(self, refill: Refill, now: float) -> Refill:
        """The refill marked `stalled` when its view being filled has not moved: none of it filled (position 0), or
        at the position this process first saw it at STALLED_AFTER seconds ago or more (`_positions`): no worker may
        be filling it (a server of PostgreSQL started after `careerlog demo` with no `careerlog projections run`)."""
        if refill.position is None:  # (a rebuild records no position until done: a process is running it)
            return refill
        seen = self._positions.get(refill.name)
        if seen is None or seen[0] != refill.position:
            seen = self._positions[refill.name] = (refill.position, now)
        if refill.position == 0 or now - seen[1] >= STALLED_AFTER:
            return dataclasses.replace(refill, stalled=True)
        return refill

    def _unready_views(self, sql: Sql | None) -> dict[str, tuple[re.Pattern[str], Refill | Rejudged]]:
        """The views being filled or rebuilt, or judged by other rules (`_unready_on`), each with a pattern of its
        tables' names; read on the reader's own cursor when there is one (a connection of a pool may be all there
        is)."""
        token = _KEEPING.set(True)
        try:
            with reads_fresh():  # (never a look kept from before: careerlog.sqlstore.reads_kept)
                if sql is None:
                    with self.views.sql.statements() as own:
                        return self._unready_on(own)
                return self._unready_on(sql)
        finally:
            _KEEPING.reset(token)

    def _unready_on(self, sql: Sql) -> dict[str, tuple[re.Pattern[str], Refill | Rejudged]]:
        """The views refused: being filled or rebuilt (Refill), or whose rows were judged by other rules than
        this process's (Rejudged: refused first, as it lasts until this process is started again)."""
        rows = sql.query(
            "SELECT s.name, s.state, c.digest FROM view_schemas s LEFT JOIN view_configurations c ON c.name = s.name"
            " WHERE s.state <> ? OR c.digest IS NOT NULL",
            (READY,),
        )
        unready: dict[str, tuple[re.Pattern[str], Refill | Rejudged]] = {}
        by_name = {p.name: p for p in self.projections}
        for row in rows:
            projection = by_name.get(row["name"])
            if projection is None:
                continue
            state = str(row["state"])
            refill: Refill | Rejudged = Refill(projection.name, "rebuilding")
            ours = projection.configuration() if row["digest"] is not None else None
            if ours is not None and ours != row["digest"]:
                refill = Rejudged(projection.name, str(row["digest"]), ours)
            elif state == READY:
                continue
            elif not state.startswith(FILLING):
                refill = Refill(
                    projection.name, "rebuilding", stalled=not self.rebuilds_running(sql, [projection.name])
                )
            else:
                position = sql.scalar(
                    f"SELECT MAX(notification_id) AS n FROM {self.views.tracking_table} WHERE application_name = ?",
                    (projection.name,),
                )
                head = int(state[len(FILLING) :])
                if (position or 0) >= head:
                    continue  # filled; the projector marks it ready
                refill = Refill(projection.name, "filling", int(position or 0), head)
            names = "|".join(re.escape(t.name) for t in projection.tables)
            unready[projection.name] = (re.compile(rf"\b(?:{names})\b", re.IGNORECASE), refill)
        return unready

    def _reconfigured(self, projection: Projection, stored: str | None) -> bool:
        """Whether the view's rows were made with another configuration than this process's (another rules file,
        or the same edited), remembered in `configured_otherwise` when this projector does not refill for it
        (`reconfigure=False`). A view recorded with none (made by a release before configurations were kept) is
        judged by the digests its rows hold, where they hold one."""
        digest = projection.configuration()
        if digest is None:
            return False
        other = sorted(self._configured_digests(projection, stored) - {digest})
        if other and not self.reconfigure:
            self.configured_otherwise[projection.name] = (", ".join(other), digest)
            return False
        return bool(other)

    def _why_remade(self, projection: Projection, stored_version: int, stored_digest: str | None) -> str:
        """What is said (and logged) as a view is dropped to be filled again from the first event: the versions
        when its version changed, else the rules' digests its rows were judged by and those of the rules in use,
        naming their file (CAREERLOG_RULES_FILE, or the bundled rules)."""
        if stored_version != projection.version:
            why = f"the store holds version {stored_version} of it, this release's is version {projection.version}"
        else:
            theirs = ", ".join(sorted(self._configured_digests(projection, stored_digest)))
            book = rules()
            why = (
                f"its rows were judged by the rules of digest {theirs}, and the rules in use ({RULES_FILE_ENV}: "
                f"{book.path or 'the bundled rules'}) give {projection.configuration()}"
            )
        said = f"dropping the view {projection.name} to fill it again from the first event: {why}"
        logging.getLogger(__name__).info(said)
        return said

    def _configured_digests(self, projection: Projection, stored: str | None) -> set[str]:
        """The configuration digests the view's rows were made with: the recorded one, else those its rows name."""
        if stored is not None:
            return {stored}
        found: set[str] = set()
        for table in (t for t in projection.tables if RULES_DIGEST_COLUMN in t.column_names):
            with self.views.sql.transaction() as sql:
                for statement in table.ddl():  # (made as the view is made next, whatever is found)
                    sql.execute(statement)
                rows = sql.query(f"SELECT DISTINCT {RULES_DIGEST_COLUMN} AS d FROM {table.name}")
            found.update(str(r["d"]) for r in rows)
        return found

    def _drop(self, sql: Sql, projection: Projection) -> None:
        """Drop the view's tables and forget how far it got, in the caller's transaction `sql`."""
        for table in projection.tables:
            for statement in self.drop_search_ddl(table):
                sql.execute(statement)
            sql.execute(f"DROP TABLE IF EXISTS {table.name}")
        self.views.forget(sql, projection.name)

    @staticmethod
    def _set_schema(sql: Sql, projection: Projection, state: str) -> None:
        """The view's version and state, and the configuration its rows are (to be) made with."""
        sql.execute("DELETE FROM view_schemas WHERE name = ?", (projection.name,))
        sql.execute(
            "INSERT INTO view_schemas (name, version, state) VALUES (?, ?, ?)",
            (projection.name, projection.version, state),
        )
        sql.execute("DELETE FROM view_configurations WHERE name = ?", (projection.name,))
        digest = projection.configuration()
        if digest is not None:
            sql.execute("INSERT INTO view_configurations (name, digest) VALUES (?, ?)", (projection.name, digest))

    # ------------------------------------------------------------------ positions

    def position(self, projection: Projection) -> int:
        return self.views.max_tracking_id(projection.name) or 0

    def status(self, head: int | None = None) -> list[Status]:
        """Each view's position and state, with its version in the store beside this release's and the digest of
        the rules its rows were built with beside this process's; `head`, the log's head if already read."""
        head = self.app.max_notification_id() if head is None else head
        rows = self.views.sql.query(
            "SELECT s.name, s.version, s.state, c.digest FROM view_schemas s"
            " LEFT JOIN view_configurations c ON c.name = s.name"
        )
        made = {r["name"]: r for r in rows}
        rebuilding = [p.name for p in self.projections if p.name in made and made[p.name]["state"] == REBUILDING]
        running = self.rebuilds_running(self.views.sql, rebuilding)
        # (in one read: the library's max_tracking_id, a read per view, tries each ten times on a lost connection)
        positions = self.positions([p.name for p in self.projections])
        return [
            Status(
                p.name,
                p.version,
                positions.get(p.name, 0),
                head,
                str(made[p.name]["state"]) if p.name in made else READY,
                int(made[p.name]["version"]) if p.name in made else None,
                made[p.name]["digest"] if p.name in made else None,
                p.configuration(),
                p.name in rebuilding and p.name not in running,
            )
            for p in self.projections
        ]

    def stalled_rebuilds(self) -> list[str]:
        """This projector's views marked as rebuilding that no rebuild is writing: one stopped before it finished
        (killed, its SSH session dropped), which leaves them so for ever, answered by no read and filled by no
        worker, until `careerlog projections rebuild` of them completes."""
        rows = self.views.sql.query("SELECT name FROM view_schemas WHERE state = ?", (REBUILDING,))
        ours = {p.name for p in self.projections}
        rebuilding = sorted(str(r["name"]) for r in rows if r["name"] in ours)
        running = self.rebuilds_running(self.views.sql, rebuilding)
        return [name for name in rebuilding if name not in running]

    def rebuilds_running(self, sql: Sql | SqlStore, names: Sequence[str]) -> set[str]:
        """Those of the views `names` a rebuild is running for (`rebuilds_running`)."""
        return rebuilds_running(self.settings, sql, names)

    @contextmanager
    def rebuild_lease(self, projections: Sequence[Projection]) -> Iterator[None]:
        """Hold the rebuild's lock of each view of `projections` for the block (`rebuilds_running` looks for it):
        on PostgreSQL an advisory lock per view on a connection of its own (two rebuilds of a view take turns; in
        the views' order, so that no two wait for each other), on SQLite a shared flock of the store's rebuild
        lock file (inherited by the rebuild's forked processes). A process killed lets it go with its connection
        or its files."""
        if self.settings.store == "postgres":
            schema = self.settings.postgres()["schema"]
            with self.settings.connect_postgres() as conn:
                for name in sorted(p.name for p in projections):
                    conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (REBUILD_LOCK_ID, f"{schema}.{name}"))
                yield
            return
        with rebuild_lock_path(self.settings.sqlite_path).open("ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            yield

    def stamps(self) -> tuple[tuple[Any, ...], ...]:
        """Every view's name, stored version, state, position in the log and the digest of the rules its rows were
        built with, read in one statement: what changes whenever any view does (an event applied, a view rebuilt
        or being rebuilt, or rebuilt under other rules with no event since), for keeping what is computed from
        the views."""
        with self.views.sql.statements() as sql:
            rows = sql.query(
                "SELECT s.name, s.version, s.state, c.digest,"
                f" (SELECT MAX(t.notification_id) FROM {self.views.tracking_table} t WHERE t.application_name = s.name)"
                " AS n FROM view_schemas s LEFT JOIN view_configurations c ON c.name = s.name ORDER BY s.name"
            )
        return tuple((r["name"], r["version"], r["state"], r["n"], r["digest"]) for r in rows)

    def wait(self, position: int | None, timeout: float = 5.0) -> None:
        """Block until every projection has applied the event at `position` (TimeoutError); NotFollowed (a
        TimeoutError) when no view behind it moved while waited for: no process follows the log (a PostgreSQL
        store with no `careerlog projections run`), or the one that does fails or is committing a batch longer than
        the wait (the store does not tell which), where before the answer said to try again shortly, which never
        came true with none running."""
        names = [p.name for p in self.projections]
        before = self.positions(names)  # (one read: views already there, the usual case, are not each read again)
        if position is None or (len(before) == len(names) and min(before.values(), default=position) >= position):
            return
        try:
            for projection in self.projections:
                self.views.wait(projection.name, position, timeout=timeout)
        except TimeoutError:
            if position is not None and self.positions(names) == before:
                raise NotFollowed(position, timeout) from None
            raise

    def positions(self, names: Sequence[str]) -> dict[str, int]:
        """The log position of each view of `names`, in one read (a view at none left out). The tracking table holds
        a row per view (the library's single-row tracking), so the read is of a handful of rows."""
        if not names:
            return {}
        rows = self.views.sql.query(*positions_read(self.views.tracking_table, names))
        return {str(r["name"]): int(r["n"]) for r in rows if r["n"] is not None}

    def align(
        self,
        names: Sequence[str],
        last_of: Callable[[int | None], int],
        timeout: float = 5.0,
        *,
        lag: bool = False,
        recent: Callable[[], bool] | None = None,
    ) -> bool:
        """Block until the views `names` agree on one record: each has applied the record's last event that the
        furthest of them has applied (`last_of(position)`: the record's last event at or before `position`), so that
        reads of them show the record at one log position. Each view commits its own batch, so a view slower than
        another (merit, which judges every promotion rule) showed a record a moment behind the others: the career
        page's heading said "PNS since ..." while its next promotion still asked for the confirmation just recorded.
        Views at one position (the usual case) cost this one read; TimeoutError after `timeout` seconds.

        With `lag` (the career page), the views are waited for until each has applied the record's last event the
        log holds (`last_of(None)`), at most `timeout` seconds, so that a write made a moment before (in another tab,
        by another writer) is shown; answered: whether a view of `names` has yet to apply it, the wait over or given
        up (no TimeoutError; the page then says it is being updated). Until 2026-12-06 the wait was for the views to
        agree alone, and a page opened right after a write showed the value before it for a second or two. Without
        `lag`, False (not read). Views at the record's last event cost one more read, that position, after theirs;
        views that were waited for are read again after it. Either order before the rows is sound: views commit their
        rows with their positions, so rows read after positions at or past the record's last event show it (read the
        other way, the rows first, as the career page did until 2026-12-06, a follower applying the record's last
        event between the reads left older rows shown with positions past it, and no notice: about 2 pages in 10
        right after a retraction). A view at no position (being filled) says so in its own reads.

        `recent` (with `lag`): whether the record's last event was recorded less than `timeout` seconds ago, read only
        when a view lags it; if not, the views are waited for only to agree on the record (views at one position, the
        usual case: no wait, answered True at once), as before the wait for the log's last event. A record written
        before the follower stopped (CAREERLOG_FOLLOW off, `careerlog projections run` stopped, a long import) is not
        about to be shown, and each load of its page waited the whole `timeout` (a thread tied up by every reload)
        until 2026-12-06."""
        found = self.positions(names)
        if len(found) < len(names):  # (a view at no position is being filled: its reads say so)
            return lag and bool(found) and min(found.values()) < last_of(None)
        if lag:  # (the record's last event the log holds: a write made in another tab shown, if the views reach it)
            target = last_of(None)
        elif min(found.values()) == max(found.values()):
            return False
        else:
            target = last_of(max(found.values()))
        behind = [name for name in names if found[name] < target]
        if not behind:
            return False
        if lag and recent is not None and not recent():  # (written a while ago: the follower is not about to show it;
            if min(found.values()) == max(found.values()):  # the views waited for only to agree, as until 2026-12-06)
                return True
            target = last_of(max(found.values()))
            behind = [name for name in names if found[name] < target]
            if not behind:
                return True
        deadline = time.monotonic() + timeout
        try:
            for name in behind:
                self.views.wait(name, target, timeout=max(deadline - time.monotonic(), 0.0))
        except TimeoutError:
            if not lag:
                raise
        else:  # rows read ahead with these positions (web.fastreads) are of the views before they moved on
            self.views.sql.forget_ahead()
        if not lag:
            return False
        last = last_of(None)  # (then the views' positions as they are now)
        moved = self.positions(names)
        return bool(moved) and min(moved.values()) < last

    # ------------------------------------------------------------------ catching up

    def catch_up(
        self, progress: Progress | None = None, limit: int | None = None, *, stop: threading.Event | None = None
    ) -> int:
        """Apply every event not yet applied; return how many events were read. `stop` set (a worker's SIGTERM):
        the batch under way is finished (its rows and position committed together) and no other begun.
        A catch-up of a bulk (BULK_ROWS events or more: a new view filled, a worker started after an import)
        leaves its views' tables analyzed on PostgreSQL (`analyze`)."""
        done = 0
        while (limit is None or done < limit) and not (stop is not None and stop.is_set()):
            read = self.step()
            if read == 0:
                break
            done += read
            if progress:
                progress(read)
        if done >= config.BULK_ROWS:
            try:
                self.analyze()
            except psycopg.Error:  # (the views are caught up and committed: a statistic missed is no failure of them)
                logging.getLogger(__name__).exception("the views caught up, but their ANALYZE failed; following on")
        return done

    def step(self) -> int:
        """Apply the next batch to the projections furthest behind; return events read."""
        token = _KEEPING.set(True)
        try:
            read = self._step()
            if self._filling:
                self._mark_filled()
            return read
        finally:
            _KEEPING.reset(token)

    def _step(self) -> int:
        groups: dict[int, list[Projection]] = defaultdict(list)
        made = self.views.sql.query("SELECT name, version, state FROM view_schemas")  # one read for both looks
        rebuilt = self._rebuilding(made) | self._judged_otherwise() | self._made_by_another_release(made)
        # (every view's position in one read: a read per view, seven, until 2026-12-08, each step of a web worker's
        # follower five times a second)
        at = self.positions([p.name for p in self.projections if p.name not in rebuilt])
        for projection in self.projections:
            if projection.name not in rebuilt:  # the rebuild records its position when done: resumed from there
                groups[at.get(projection.name, 0)].append(projection)
        if not groups:
            return 0
        start = min(groups)
        notifications = self.app.recorder.select_notifications(start=start + 1, limit=self.batch_size)
        if not notifications:
            return 0
        end = notifications[-1].id
        subjects = sorted({str(n.originator_id) for n in notifications})
        if self.apply(groups[start], subjects, end):
            self.applied += len(notifications)
        return len(notifications)

    def apply(self, projections: Sequence[Projection], subjects: Sequence[str], position: int | None) -> bool:
        """Recompute the rows of subjects from their events up to `position`, then record it. Whether this process
        committed the batch to any of the views (none: another worker applied it first, or a rebuild began)."""
        records = self.load_records(subjects, position)
        batch = RowBatch(projections)
        for subject in subjects:
            batch.add(subject, records.get(subject))
        committed = False
        for projection in projections:
            try:
                self.views.write(projection.name, position, self._unless_rebuilt(projection, batch.changes(projection)))
                committed = True
            except (StaleBatch, _BeingRebuilt):
                continue  # another worker applied it first, or a rebuild began: nothing is lost or doubled
        return committed

    def _judged_otherwise(self) -> set[str]:
        """The views whose rows another process fills by other rules (its CAREERLOG_RULES_FILE differs, or it read
        the file after an edit): left alone, as rows of this process's rules would be mixed with theirs, and named
        in `configured_otherwise` (`careerlog projections run` stops on it)."""
        ours = {p.name: p.configuration() for p in self.projections}
        if not any(ours.values()):
            return set()
        rows = self.views.sql.query("SELECT name, digest FROM view_configurations")
        other = {str(r["name"]): str(r["digest"]) for r in rows if ours.get(r["name"]) not in (None, r["digest"])}
        for name, theirs in other.items():
            self.configured_otherwise[name] = (theirs, str(ours[name]))
        return set(other)

    def _made_by_another_release(self, rows: Sequence[Row]) -> set[str]:
        """The views another release has made again at its version since this process opened them (an older
        release's worker or server left running beside a newer one's first process, which dropped them): left
        alone, as this process's rows would be of the other version's code under its version, and named in
        `versioned_otherwise` (`careerlog projections run` stops on it). `rows`: view_schemas as the step read it."""
        ours = {p.name: p.version for p in self.projections}
        other = {str(r["name"]): int(r["version"]) for r in rows if ours.get(r["name"], r["version"]) != r["version"]}
        self.versioned_otherwise.update(other)
        return set(other)

    @staticmethod
    def _rebuilding(rows: Sequence[Row]) -> set[str]:
        """The views a rebuild is writing (a worker leaves them alone), of view_schemas as the step read it."""
        return {str(row["name"]) for row in rows if row["state"] == REBUILDING}

    def _unless_rebuilt(self, projection: Projection, changes: Callable[[Sql], None]) -> Callable[[Sql], None]:
        """`changes`, made only if the view is not being rebuilt when the batch's transaction reads its state:
        a rebuild that began after the step looked marks the view first, and only then drops its tables. The
        read holds the row until the batch commits: on PostgreSQL FOR SHARE; on SQLite a write of the row
        (the transaction takes the store's write lock first, so its read is not of an older snapshot). The same
        read gives the view's version: a view another release made again since the step looked is left alone too,
        by no statement more (docs/operations.md, Upgrades)."""
        if self.settings.store == "postgres":
            read = "SELECT state, version FROM view_schemas WHERE name = ? FOR SHARE"
        else:
            read = "UPDATE view_schemas SET state = state WHERE name = ? RETURNING state, version"
        digest = projection.configuration()

        def unless_rebuilt(sql: Sql) -> None:
            found = sql.query(read, (projection.name,))
            if not found or found[0]["state"] == REBUILDING:  # none: the row replaced under the lock (being marked)
                raise _BeingRebuilt(projection.name)
            if found[0]["version"] != projection.version:  # made again by another release since the step looked
                raise _BeingRebuilt(projection.name)  # (theirs to fill)
            if digest is not None:  # refilled by other rules since the step looked: theirs to fill
                theirs = sql.scalar("SELECT digest AS s FROM view_configurations WHERE name = ?", (projection.name,))
                if theirs is not None and theirs != digest:
                    raise _BeingRebuilt(projection.name)
            changes(sql)

        return unless_rebuilt

    # ------------------------------------------------------------------ reading the ledger

    def load_records(self, subjects: Sequence[str], upto: int | None) -> dict[str, CareerRecord]:
        """The records of subjects as the log stood at position `upto`."""
        rows: dict[str, list[Row]] = defaultdict(list)
        with self.views.reading() as sql:
            for row in select_events_of(sql, self.events_table, subjects, upto=upto, id_column=self.id_column):
                rows[row["originator_id"]].append(row)
        return {subject: CareerRecord(subject, self.entries(found)) for subject, found in rows.items()}

    def entries(self, rows: Iterable[Row]) -> list[Entry]:
        """`Entry.of(self.app.decode(row))` of each stored row (a mapping), as `row_entries` reads them."""
        return row_entries(
            self.app, [(r["originator_id"], r["originator_version"], r["topic"], r["state"]) for r in rows]
        )

    def iter_records(
        self, upto: int, chunk: int = 2000, *, after: str = "", last: str | None = None
    ) -> Iterator[CareerRecord]:
        """Every subject's record up to a position, by subject, reading the log in key order
        (only the subjects after `after` and up to `last`, when given)."""
        bound, params = ("", ()) if last is None else ("AND originator_id <= ? ", (last,))
        subject_of = operator.itemgetter(0)
        while True:
            with self.views.reading() as sql:  # rows as tuples (`COLUMNS`): no mapping made per row
                tuple_rows(sql)
                sql.execute(
                    f"SELECT originator_id, originator_version, topic, state FROM {self.events_table} "
                    f"WHERE originator_id > ? {bound}AND {self.id_column} <= ? "
                    "ORDER BY originator_id, originator_version LIMIT ?",
                    (after, *params, upto, chunk),
                )
                rows = sql.cursor.fetchall()
            if not rows:
                return
            final = subject_of(rows[-1])
            complete = [r for r in rows if subject_of(r) != final] if len(rows) == chunk else rows
            if not complete:  # one subject with more events than a chunk
                complete = self._all_of(final, upto)
            for subject, group in itertools.groupby(complete, key=subject_of):
                yield CareerRecord(subject, row_entries(self.app, group))
            after = subject_of(complete[-1])

    def _all_of(self, subject: str, upto: int) -> list[Stored]:
        with self.views.reading() as sql:
            tuple_rows(sql)
            sql.execute(
                f"SELECT originator_id, originator_version, topic, state FROM {self.events_table} "
                f"WHERE originator_id = ? AND {self.id_column} <= ? ORDER BY originator_version",
                (subject, upto),
            )
            return list(sql.cursor.fetchall())

    def work_ranges(self, upto: int, jobs: int) -> list[SubjectRange]:
        """Ranges of subjects in key order for `jobs` processes that each take the next range
        left when they finish one: of decreasing size (a quarter of the events left for two
        processes, then a quarter of the rest...) down to a 64th of a process's share, so that
        the processes finish within about one small range of each other."""
        counts = self.events_per_subject(upto)
        total = sum(n for _, n in counts)
        smallest = max(total // (jobs * 64), 1)
        cuts, done = [], 0
        while total - done > smallest:
            done += max((total - done) // (2 * jobs), smallest)
            cuts.append(done)
        return _cut(counts, cuts)

    def events_per_subject(self, upto: int) -> list[tuple[str, int]]:
        """Each subject with events up to a position and how many, in key order (one scan of the key index)."""
        with self.views.reading() as sql:
            sql.execute(self.events_per_subject_statement(), (upto,))
            return [(str(r["originator_id"]), int(r["n"])) for r in sql.cursor.fetchall()]

    def events_per_subject_statement(self) -> str:
        # SQLite: `+rowid` keeps the planner on the (originator_id, originator_version) index, which
        # holds the rowid, instead of a rowid range scan of the whole table and a sort (1.2 s at 400k events)
        position = f"+{self.id_column}" if self.settings.store == "sqlite" else self.id_column
        return (
            f"SELECT originator_id, COUNT(*) AS n FROM {self.events_table} WHERE {position} <= ? "
            "GROUP BY originator_id ORDER BY originator_id"
        )

    def subject_count(self) -> int:
        with self.views.reading() as sql:
            return int(sql.scalar(f"SELECT COUNT(DISTINCT originator_id) AS n FROM {self.events_table}"))

    # ------------------------------------------------------------------ rebuilding

    def rebuild(self, names: Iterable[str] | None = None, progress: Progress | None = None, *, jobs: int = 1) -> int:
        """Rebuild projections from zero by reading every record once; return subjects read.

        With `jobs` above 1 the subjects are split into ranges (by their events), rebuilt side
        by side by this process and jobs - 1 forked ones, each taking the next range left when
        it finishes one. Every range is read up to the same position (the head when the rebuild
        began) and each subject's rows are written once, so the tables are those of a serial
        rebuild; the position is recorded when every range is done. The rebuilt views' tables
        are indexed (other than by their primary keys) once their rows are in.
        """
        token = _KEEPING.set(True)
        wanted = set(names) if names is not None else {p.name for p in self.projections}
        try:
            with self.rebuild_lease([p for p in self.projections if p.name in wanted]):
                return self._rebuild(names, progress, jobs=jobs)
        finally:
            _KEEPING.reset(token)

    def _rebuild(self, names: Iterable[str] | None, progress: Progress | None, *, jobs: int) -> int:
        wanted = set(names) if names is not None else {p.name for p in self.projections}
        chosen = [p for p in self.projections if p.name in wanted]
        head = self.app.max_notification_id()
        self.refuse_unknown_kinds(head)  # before a view is marked or dropped: they stay as they were
        ranges = self.work_ranges(head, jobs) if jobs > 1 else [SubjectRange("", None)]
        if len(ranges) > 1:  # (this process's connections are open already: the lease's, the log's, the views')
            self.check_connections(jobs)  # before a view is marked or dropped, as above
        with self.views.sql.transaction() as sql:  # first: a worker leaves the views alone from here on
            for projection in chosen:
                self._set_schema(sql, projection, REBUILDING)
        for projection in chosen:
            with self.views.sql.transaction() as sql:
                self._drop(sql, projection)
        self.ensure_tables()
        with self.views.sql.transaction() as sql:
            for projection in chosen:
                self._set_schema(sql, projection, REBUILDING)
                for table in projection.tables:  # made again once the rows are in (_finish_rebuild)
                    for statement in [*table.drop_index_ddl(), *self.drop_search_ddl(table)]:
                        sql.execute(statement)
        with fewer_collections(REBUILD_YOUNG_THRESHOLD), frozen_heap():
            if len(ranges) == 1:
                count = self.rebuild_range(chosen, head, ranges[0], progress)
            else:
                count = RangeWorkers(self, chosen, head, ranges, jobs).run(progress)
        for projection in chosen:
            self._finish_rebuild(projection, head)
            self._filling.pop(projection.name, None)
        return count

    def check_connections(self, jobs: int) -> None:
        """Refuse (RebuildRefused) a rebuild whose jobs - 1 forked processes PostgreSQL has no connections left for,
        before it marks or drops a view. Each opens its own (RANGE_PROCESS_CONNECTIONS) once the views are marked
        rebuilding and emptied: one refused ("sorry, too many clients already") stopped the rebuild there, every
        view left "rebuilding (stopped: no rebuild runs)", answering no read (a 503 each) until a rebuild ran again.
        (SQLite: no connections to count.)"""
        if self.settings.store != "postgres":
            return
        free, most = self.free_connections()
        needed = (jobs - 1) * RANGE_PROCESS_CONNECTIONS
        if free >= needed:
            return
        raise RebuildRefused(
            f"PostgreSQL has {max(free, 0):,} connections left (of max_connections {most:,}, those in "
            f"use counted: see pg_stat_activity), and the rebuild's {jobs - 1:,} other processes (--jobs {jobs}) open "
            f"{needed:,} ({RANGE_PROCESS_CONNECTIONS} each). No view was rebuilt, marked or dropped: they stay as they "
            "were. Run it with fewer --jobs (--jobs 1 opens none beyond this process's), or once fewer connections "
            "are in use, or raise the server's max_connections."
        )

    def free_connections(self) -> tuple[int, int]:
        """The connections PostgreSQL has left for a role that is no superuser, and its max_connections."""
        with self.views.reading() as sql:
            found = sql.query(FREE_CONNECTIONS)[0]
        return int(found["n"]), int(found["most"])

    def refuse_unknown_kinds(self, upto: int | None) -> None:
        """Refuse (RecordedByNewerRelease, a TopicError: the newer-release message, exit 1) a log holding, up to
        `upto`, an event of a kind this release has no class for (recorded by a newer release), naming its kinds.
        A rebuild checks it before it marks or drops a view: it used to drop every view's rows, then stop at the
        event, the views left empty (a rebuild is the way back to an older release: docs/operations.md, Upgrades).
        One look at the log's distinct topics (a newer class version of a known kind is met, and refused, only as
        its event is read)."""
        bound = f" WHERE {self.id_column} <= ?" if upto else ""
        with self.views.reading() as sql:
            topics = [
                str(r["topic"])
                for r in sql.query(f"SELECT DISTINCT topic FROM {self.events_table}{bound}", (upto,) if upto else ())
            ]
        unknown = []
        for topic in sorted(topics):
            try:
                class_of(topic)
            except Exception:  # (TopicError: no such module or class; any other failure to import it alike)
                unknown.append(topic)
        if unknown:
            raise RecordedByNewerRelease(
                f"events of {', '.join(unknown)}, a kind this release does not have; no view was rebuilt, marked or "
                "dropped: they stay as they were"
            )

    def rebuild_range(
        self,
        chosen: Sequence[Projection],
        head: int,
        subjects: SubjectRange,
        progress: Progress | None,
        writes: BatchWrites | None = None,
    ) -> int:
        """Write the rows of the subjects of a range as they stood at `head`; return subjects read.

        `writes`: where the batches go (by default written at once); whatever it still holds
        when the range is done is the caller's to finish."""
        own = writes is None
        writes = writes or BatchWrites(self.views)
        count = 0
        batch = RowBatch(chosen)
        for record in self.iter_records(head, after=subjects.after, last=subjects.last):
            batch.add(record.subject, record)  # its rows made while it is fresh, and the record freed
            if batch.records >= 500:
                count += self._write_rebuilt(batch, progress, writes)
                batch = RowBatch(chosen)
        count += self._write_rebuilt(batch, progress, writes)
        if own:
            writes.finish()
        return count

    def _finish_rebuild(self, projection: Projection, head: int) -> None:
        """Index the rebuilt rows, mark the view ready and record the position, in one transaction."""

        def ready(sql: Sql) -> None:
            for table in projection.tables:
                for statement in [*table.index_ddl(), *self.search_ddl(table)]:
                    sql.execute(statement)
            self._set_schema(sql, projection, "ready")

        try:
            self.views.write(projection.name, head or None, ready, cache_kib=REBUILD_CACHE_KIB)
        except StaleBatch:  # a worker caught up past the rebuild meanwhile
            self.views.write(projection.name, None, ready, cache_kib=REBUILD_CACHE_KIB)

    def analyze(self) -> int:
        """On PostgreSQL, ANALYZE the tables of this worker's views (after a bulk catch-up): the planner's
        statistics, without waiting for autovacuum. Returns the tables analyzed: none on SQLite."""
        return self.settings.analyze(t.name for p in self.projections for t in p.tables)

    def vacuum(self, names: Iterable[str] | None = None) -> int:
        """On PostgreSQL, VACUUM (ANALYZE) the tables of the views named (default: every view), as a
        rebuild leaves them: the planner's statistics made, and their pages marked all-visible, which
        index-only scans need to skip the table (a roster page by number finds its NIPs so), without
        waiting for autovacuum. Returns the tables vacuumed: none on SQLite (no visibility map)."""
        wanted = set(names) if names is not None else {p.name for p in self.projections}
        return self.settings.analyze(
            (t.name for p in self.projections if p.name in wanted for t in p.tables), vacuum=True
        )

    def _write_rebuilt(self, batch: RowBatch, progress: Progress | None, writes: BatchWrites) -> int:
        if not batch.records:
            return 0
        # the tables were made empty for the rebuild: no rows of the batch's subjects to delete first
        replacements = [batch.changes(projection, fresh=True) for projection in batch.projections]

        def changes(sql: Sql) -> None:  # every view's rows of the batch in one transaction (one commit)
            for replace in replacements:
                replace(sql)

        writes.add(changes)
        if progress:
            progress(batch.records)
        return batch.records


class RowBatch:
    """The rows of a batch of subjects for some projections, made record by record: each record's
    rows for every projection while it is fresh (a rebuild then frees it before reading the next,
    instead of holding a batch of records and going through them once per projection)."""

    def __init__(self, projections: Sequence[Projection]):
        self.projections = list(projections)
        self.records = 0  # the records added (subjects without one are only cleared)
        self.subjects: dict[str, list[str]] = {p.name: [] for p in self.projections}  # whose rows each replaces
        # each projection's rows per table: dicts, or tuples of the table's columns when it gives them
        self.rows: dict[str, dict[str, list[Any]]] = {p.name: defaultdict(list) for p in self.projections}

    def add(self, subject: str, record: CareerRecord | None) -> None:
        """A subject's rows as of its record (None: it has no events, its rows are only deleted; nor has a voided
        record, its appointment retracted: `CareerRecord.voided`, the one place every view drops its rows; a record
        appointed afresh after a void is read from its void on: `CareerRecord.since_void`; the two: `viewed`)."""
        if record is not None:
            self.records += 1
            record = record.viewed()
        for projection in self.projections:
            if projection.applies_to(subject):
                self.subjects[projection.name].append(subject)
                if record is None:
                    continue
                rows = self.rows[projection.name]
                made: dict[str, list[Any]] = (
                    projection.tuples(record) if projection.gives_tuples else projection.rows(record)
                )
                for table, table_rows in made.items():
                    rows[table].extend(table_rows)

    def changes(self, projection: Projection, *, fresh: bool = False) -> Callable[[Sql], None]:
        """Replacing the rows of the batch's subjects in the projection's tables by theirs.

        `fresh` (a rebuild: the tables were made empty and each subject is written once): on SQLite the
        rows are inserted without first deleting the subjects' rows, which are not there; should some be
        (a worker catching up while the rebuild runs wrote them), the insert meets their primary key and
        the table's rows of the batch's subjects are deleted and inserted again, as without `fresh`
        (the failed statement is undone; the rows it inserted before it failed are among those deleted).
        On PostgreSQL, where a failed statement aborts the transaction, they are deleted first as always.
        """
        mine = self.subjects[projection.name]
        rows = self.rows[projection.name]
        tuples = (
            rows
            if projection.gives_tuples
            else {t.name: row_tuples(rows[t.name], t.column_names) for t in projection.tables}
        )

        def changes(sql: Sql) -> None:  # only SQL inside the transaction (SQLite's writer lock held for less)
            for table in projection.tables:
                if fresh and sql.dialect == "sqlite":
                    try:
                        insert_rows(sql, table, tuples[table.name])
                        continue
                    except sqlite3.IntegrityError:
                        pass  # some of the subjects' rows are there already: replaced below
                for chunk in chunked(mine):  # (IN_LIST_MAX, 500, at a time)
                    marks = ", ".join("?" * len(chunk))
                    sql.execute(f"DELETE FROM {table.name} WHERE subject IN ({marks})", chunk)
                insert_rows(sql, table, tuples[table.name])

        return changes


def acquire_waiting(lock: Any, waiting: Callable[[], None] | None) -> None:
    """Take a lock the rebuild's processes share, calling `waiting` (which may raise) about every second until
    it comes: how a forked process shows it is waiting, not stuck, and how the main one checks the others."""
    while not lock.acquire(True, 1.0):  # positional: multiprocessing's and threading's locks
        if waiting:
            waiting()


class BatchWrites:
    """A rebuild's batches of view changes, committed without waiting for the disk.

    Unsynced (no fsync per batch, SQLite's writer lock held for less): until the rebuild ends
    the views' positions stay forgotten (0), so a crash of the machine that loses some of
    these commits leaves views that the next catch-up recomputes from the first event; the
    synced commit that records the positions (Projector._finish_rebuild) makes every earlier
    one durable.

    Alone, a batch is written when it is added. When the processes of a rebuild share SQLite's
    single writer they also share `lock`, held around each write: a process that finds it
    taken keeps its batch and computes the next instead of waiting (SQLite's own wait sleeps
    in steps of up to 100 ms past the moment the writer is done), and writes what it holds,
    in one transaction, when it next finds the lock free, or waits for it once it holds
    `most` batches.
    """

    def __init__(
        self,
        views: SQLiteViewStore | PostgresViewStore,
        lock: Any = None,
        *,
        most: int = 4,
        waiting: Callable[[], None] | None = None,
    ):
        """`waiting`: called about every second while waiting for the lock (it may raise)."""
        self.views = views
        self.lock = lock
        self.most = most
        self.waiting = waiting
        self.pending: list[Callable[[Sql], None]] = []

    def add(self, changes: Callable[[Sql], None]) -> None:
        self.pending.append(changes)
        self._write_if(block=len(self.pending) >= self.most)

    def finish(self) -> None:
        """Write what is held, waiting for the lock if need be."""
        if self.pending:
            self._write_if(block=True)

    def _write_if(self, *, block: bool) -> None:
        if self.lock is None:
            self._write()
            return
        if block:
            acquire_waiting(self.lock, self.waiting)
        elif not self.lock.acquire(False):
            return
        try:
            self._write()
        finally:
            self.lock.release()

    def _write(self) -> None:
        pending, self.pending = self.pending, []

        def changes(sql: Sql) -> None:
            for change in pending:
                change(sql)

        self.views.write("rebuild", None, changes, synced=False, cache_kib=REBUILD_CACHE_KIB)


# The page cache (KiB) of a rebuild's SQLite writes, its batches' and its indexes' (SqlStore.transaction): a batch
# of 500 records' rows and an index's sort held in memory until the commit. With SQLite's default 2 MB a rebuild of
# 2,000 employees wrote 99,000 times to the store's files (pages spilled to the write-ahead log and written there
# again) and read them 44,000 times; 43,600 and 28,000 with 16 MB or more.
REBUILD_CACHE_KIB = 32_768


# Allocations between collections of the youngest generation during a rebuild. Its records, rows and
# batches are freed by reference counting (no cycles), so a collection finds no garbage: at the import's
# 100,000 a 10,000-employee rebuild collected 29 times for 0.7 s of CPU (gc.callbacks), at a million once
# for 0.01 s, with the same peak memory (136 MB). Put back when the rebuild ends (`fewer_collections`), also in
# the processes it forks.
REBUILD_YOUNG_THRESHOLD = 1_000_000


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects alive before a piece of work (modules, reference data, caches) out of the
    collector's full passes while it runs, and put them back after it: a rebuild (its forked processes
    inherit them untouched too), statsmodels' Holm step (projections.merit.fairness.holm)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True)
class SubjectRange:
    """The subjects after `after` up to and including `last` (no upper bound when None)."""

    after: str
    last: str | None


class RebuildFailed(Exception):
    """A process rebuilding a range of subjects failed: the views stay marked as rebuilding."""


class RebuildRefused(CareerlogError):
    """A rebuild that could not run, refused before it marked or dropped any view: they stay as they were."""


# A forked rebuild process's pools (RangeWorkers._work): small, so that --jobs 8 does not open 8 full pools
RANGE_POOL_SIZE = RANGE_MAX_OVERFLOW = 2
# The most connections a forked rebuild process opens: its two pools (the log's, the views'), each at its size and
# overflow (6 were counted on a rebuild --jobs 3 of 150 employees, 2026-12-06; a busier one reaches the bound, 8)
RANGE_PROCESS_CONNECTIONS = 2 * (RANGE_POOL_SIZE + RANGE_MAX_OVERFLOW)
# The connections PostgreSQL has left for a role that is no superuser (n), of its max_connections (most)
FREE_CONNECTIONS = (
    "SELECT CAST(current_setting('max_connections') AS integer) AS most,"
    " CAST(current_setting('max_connections') AS integer)"
    " - CAST(current_setting('superuser_reserved_connections') AS integer)"
    " - CAST(COALESCE(NULLIF(current_setting('reserved_connections', true), ''), '0') AS integer)"
    " - (SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS n"
)


# A forked rebuild process reports after each batch of records it reads (500, about a second of CPU) and about
# every second while it waits for a lock. One that has reported nothing for this long is taken as stuck (a
# lock that never comes free, a deadlock), and the rebuild fails naming it instead of waiting for it forever.
RANGE_SILENCE_LIMIT = 120.0
# How long the forked processes may take to exit once they reported their results, before they are stopped.
RANGE_EXIT_LIMIT = 30.0
# How long a forked process being stopped has to end on SIGTERM before it is killed (SIGKILL).
RANGE_TERM_GRACE = 5.0


class RangeWorkers:
    """Processes rebuilding ranges of subjects side by side: this one and jobs - 1 forked ones.

    Each takes the next range not yet taken (a shared counter) until none is left, so that a
    process whose records cost more takes fewer ranges. Each opens its own connections; a
    forked one reports the records it wrote (for progress) and, at the end, its count or its
    error through a queue. On SQLite the processes share a lock around their writes (BatchWrites).

    This process never waits for a forked one without a bound: while it waits (for a lock, for
    their reports) it checks them, and the rebuild fails, naming the process, when one exited
    without reporting its result or has reported nothing for `silence` seconds (its Python
    stack is then written to standard error before it is stopped).
    """

    silence: ClassVar[float] = RANGE_SILENCE_LIMIT
    exit_limit: ClassVar[float] = RANGE_EXIT_LIMIT
    term_grace: ClassVar[float] = RANGE_TERM_GRACE

    def __init__(
        self,
        projector: Projector,
        chosen: Sequence[Projection],
        head: int,
        ranges: Sequence[SubjectRange],
        jobs: int,
    ):
        self.projector = projector
        self.chosen = list(chosen)
        self.head = head
        self.ranges = list(ranges)
        self.jobs = jobs
        self.context = multiprocessing.get_context("fork")
        self.queue: Any = self.context.Queue()
        self.taken: Any = self.context.Value("i", 0)
        self.lock: Any = self.context.Lock() if projector.settings.store == "sqlite" else None
        self.parent = os.getpid()
        self.count = 0
        self.heard: dict[int, float] = {}  # when each forked process was last heard from (time.monotonic)
        self.finished: set[int] = set()  # the forked processes whose count came

    def run(self, progress: Progress | None) -> int:
        processes = [
            self.context.Process(target=self._work, args=(i,), name=f"careerlog-rebuild-{i}", daemon=True)
            for i in range(1, self.jobs)
        ]
        self.heard = dict.fromkeys(range(1, self.jobs), time.monotonic())
        # SIGTERM (and SIGHUP) held back while forking (each process unblocks it first thing, `_work`): one that
        # came during the fork's own callbacks (logging's lock released after it) was raised inside them, where
        # Python prints an exception and goes on, and the rebuild it was to stop ran to its end, exit 0
        # (careerlog.cli ends_on_sigterm)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP})
        try:
            for process in processes:
                process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        try:

            def reported(read: int) -> None:
                self._watch(progress, processes)
                if progress:
                    progress(read)

            try:
                count = self._take_ranges(self.projector, reported, lambda: self._watch(progress, processes))
            except RebuildFailed:
                raise
            except Exception as e:
                raise RebuildFailed(f"this rebuild process failed: {type(e).__name__}: {e}") from e
            while len(self.finished) < len(processes):
                self._receive(progress, block=True)
                self._watch(progress, processes)
            deadline = time.monotonic() + self.exit_limit
            for process in processes:
                process.join(max(0.0, deadline - time.monotonic()))
            late = [p.name for p in processes if p.exitcode is None]
            if late:  # their rows are written and their counts came: stopped below, the rebuild goes on
                warnings.warn(
                    f"{', '.join(late)} had not exited {self.exit_limit:g} s after reporting: stopped",
                    RuntimeWarning,
                    stacklevel=2,
                )
            return count + self.count
        finally:
            self._stop(processes)
            self.queue.close()

    def _take_ranges(self, projector: Projector, progress: Progress | None, waiting: Callable[[], None]) -> int:
        """Rebuild the ranges not yet taken, one at a time; return subjects read.

        `waiting`: called about every second while waiting for a lock the processes share."""
        writes = BatchWrites(projector.views, self.lock, waiting=waiting)
        count = 0
        while (index := self._next_range(waiting)) < len(self.ranges):
            count += projector.rebuild_range(self.chosen, self.head, self.ranges[index], progress, writes)
        writes.finish()
        return count

    def _next_range(self, waiting: Callable[[], None]) -> int:
        """The index of the next range not yet taken (past the last when none is left)."""
        lock = self.taken.get_lock()
        acquire_waiting(lock, waiting)  # held by a process that died holding it: `waiting` tells
        try:
            index = int(self.taken.value)
            self.taken.value = index + 1
        finally:
            lock.release()
        return index

    def _receive(self, progress: Progress | None, *, block: bool) -> None:
        """Take the messages that came (with `block`, first waiting up to a second for one)."""
        while True:
            try:
                index, kind, value = self.queue.get(timeout=1.0) if block else self.queue.get_nowait()
            except queue.Empty:
                return
            self.heard[index] = time.monotonic()
            if kind == "progress" and progress:
                progress(value)
            elif kind == "done":
                self.count += value
                self.finished.add(index)
            elif kind == "error":
                raise RebuildFailed(f"a rebuild process failed: {value}")
            block = False

    def _watch(self, progress: Progress | None, processes: Sequence[Any]) -> None:
        """Take the messages that came; fail if a forked process exited without reporting its result
        or has reported nothing for `silence` seconds."""
        self._receive(progress, block=False)
        now = time.monotonic()
        for index, process in enumerate(processes, 1):
            if index in self.finished:
                continue
            if process.exitcode is not None:
                self._receive(progress, block=False)  # what it sent is in the pipe once it has exited
                if index not in self.finished:
                    raise RebuildFailed(
                        f"{process.name} (pid {process.pid}) {_exit_status(process.exitcode)} "
                        "without reporting its result"
                    )
            elif now - self.heard[index] > self.silence:
                self._show_stack(process)
                raise RebuildFailed(
                    f"{process.name} (pid {process.pid}) reported nothing for {now - self.heard[index]:.0f} s "
                    f"(the bound is {self.silence:g} s): stopped as stuck, its stack written to standard error"
                )

    @staticmethod
    def _show_stack(process: Any) -> None:
        """Have a stuck forked process write its threads' Python stacks to standard error and end (`_work`)."""
        with contextlib.suppress(OSError):
            os.kill(process.pid, signal.SIGUSR1)
        process.join(10.0)  # it ends once they are written (`_stop` ends it should it not)

    @classmethod
    def _stop(cls, processes: Sequence[Any]) -> None:
        """Stop the forked processes still running, by SIGKILL those that SIGTERM does not end within
        `term_grace` seconds."""
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(cls.term_grace)
            if process.exitcode is None:  # a SIGTERM handler inherited from this process that cannot run
                process.kill()
                process.join()

    def _orphaned(self, index: int) -> None:
        """In a forked process waiting for a lock: give up if this process's parent is gone, else
        tell it that this process is waiting, not stuck."""
        if os.getppid() != self.parent:
            raise RebuildFailed("the rebuild's main process is gone")
        self.queue.put((index, "waiting", None))

    def _work(self, index: int) -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP})  # (held back by the fork: `run`)
        # When the main process finds this one stuck (_show_stack): the stacks of every thread to standard
        # error, written by faulthandler's C handler (which runs whatever lock the thread waits for), then the
        # signal's default action ends this process.
        faulthandler.register(signal.SIGUSR1, file=2, all_threads=True, chain=True)
        try:
            # A range process reads with one connection and writes with another: small pools, so
            # that --jobs 8 does not open 8 full pools (and run the server out of connections).
            settings = dataclasses.replace(
                self.projector.settings, pool_size=RANGE_POOL_SIZE, max_overflow=RANGE_MAX_OVERFLOW
            )
            worker = Projector(settings, self.chosen, batch_size=self.projector.batch_size, ensure=False)
            try:
                count = self._take_ranges(
                    worker, lambda n: self.queue.put((index, "progress", n)), lambda: self._orphaned(index)
                )
            finally:
                worker.close()
            self.queue.put((index, "done", count))
        except BaseException as e:
            self.queue.put((index, "error", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
        finally:
            self.queue.close()
            self.queue.join_thread()


def _exit_status(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


# Every follower's step of work (a batch of the log applied) holds this lock, and a fork in this process (a
# rebuild's processes, RangeWorkers) takes it first: a process forked while a follower thread is inside SQLite
# inherits the SQLite mutexes that thread holds (its memory allocator's, its list of open files) with no thread to
# release them, and blocks forever at its first sqlite3.connect. Seen in make test: a rebuild with 8 processes,
# after the browser tests' site had started following its SQLite store in the same process, had one stuck there.
_FOLLOWING = threading.Lock()
os.register_at_fork(before=_FOLLOWING.acquire, after_in_parent=_FOLLOWING.release, after_in_child=_FOLLOWING.release)


class Follower:
    """Follows the log in a background thread so views stay within a second of the writes.

    The embedded (SQLite) store has no notifications, so the follower polls the log from
    each projection's tracked position; `poke()` (called after a write) wakes it at once.
    """

    def __init__(self, projector: Projector, *, interval: float = 0.2, stepped: Callable[[], None] | None = None):
        """`stepped`: called in the follower's thread after each step, one that failed too (the web service's
        warning of the views it leaves alone and of a step's error, web.following)."""
        self.projector = projector
        self.interval = interval
        self.stepped = stepped
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self._report_failed = False

    def start(self) -> Follower:
        self._thread = threading.Thread(target=self._run, name="careerlog-follower", daemon=True)
        self._thread.start()
        return self

    def poke(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _report_step(self) -> None:
        """Call `stepped`; its failure is logged (once, and again when it works again) and the following goes on:
        a report of the views must never be what stops them catching up."""
        try:
            self.stepped()  # type: ignore[misc]  # set: the caller checked
        except Exception:
            if not self._report_failed:
                logging.getLogger(__name__).exception("the report after a step of the views failed; following on")
            self._report_failed = True
        else:
            if self._report_failed:
                logging.getLogger(__name__).warning("the report after a step of the views works again")
            self._report_failed = False

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with _FOLLOWING:  # no fork in the middle of a batch (above); between two, one may come
                    read = self.projector.step()
                self.error = None
            except Exception as e:  # keep following; the step's error is `error` until a step succeeds
                self.error = e
                read = 0
                time.sleep(1.0)
            if self.stepped is not None:
                self._report_step()
            if read == 0:
                self._wake.wait(self.interval)
                self._wake.clear()


# The Python types of values PostgreSQL's COPY reads as an INSERT would store them, by column type.
_COPYABLE: dict[str, frozenset[type]] = {
    "TEXT": frozenset({str, type(None)}),
    "INTEGER": frozenset({int, type(None)}),
    "BIGINT": frozenset({int, type(None)}),
    "REAL": frozenset({float, int, type(None)}),
    "DOUBLE PRECISION": frozenset({float, int, type(None)}),
}


def insert_rows(sql: Sql, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert rows into a view table: on PostgreSQL by COPY (far fewer server round trips and
    parses than an INSERT per row) when every value is of a type COPY reads as the INSERT
    would, else, and on SQLite, by executemany."""
    if not rows:
        return
    if sql.dialect == "postgres" and _copyable(table, rows):
        names = ", ".join(table.column_names)
        cursor = cast(psycopg.Cursor[Any], sql.cursor)
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    if sql.dialect == "sqlite":  # the rows are tuples already: no copy of each (Sql.executemany's)
        _sqlite_insert(sql.cursor, table, rows)
        return
    sql.executemany(table.insert_statement(), rows)


# The values a SQLite INSERT of `insert_rows` binds at most: it inserts as many rows as fit (some 40 to 250 view
# rows), one statement run per so many rows instead of one per row (each run opens the table and its indexes
# once). SQLite's bound on a statement's parameters before 3.32 (32,766 since).
SQLITE_INSERT_PARAMETERS = 999


def _sqlite_insert(cursor: Any, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """`rows` into a SQLite table in order, as an executemany of the one-row INSERT would store them: as many
    rows at a time as SQLITE_INSERT_PARAMETERS allows by a statement of that many rows, the rest one by one."""
    per = max(1, SQLITE_INSERT_PARAMETERS // len(table.columns))
    whole = len(rows) - len(rows) % per
    if whole:
        flat = itertools.chain.from_iterable
        cursor.executemany(table.insert_statement(per), (tuple(flat(rows[i : i + per])) for i in range(0, whole, per)))
    if whole < len(rows):
        cursor.executemany(table.insert_statement(), rows[whole:])


def _copyable(table: Table, rows: list[tuple[Any, ...]]) -> bool:
    for (_, kind), values in zip(table.columns, zip(*rows, strict=True), strict=True):
        allowed = _COPYABLE.get(kind)
        if allowed is None or not allowed.issuperset(map(type, values)):
            return False
    return True


def row_tuples(rows: Sequence[Row], names: Sequence[str]) -> list[tuple[Any, ...]]:
    """The values of rows in the order of `names` (None for a column a row leaves out)."""
    if len(names) > 1:  # itemgetter of one name gives the value, not a tuple
        try:
            return list(map(operator.itemgetter(*names), rows))
        except KeyError:
            pass
    return [tuple(map(r.get, names)) for r in rows]


def _cut(counts: Sequence[tuple[str, int]], cuts: Iterable[int]) -> list[SubjectRange]:
    """Ranges of the subjects of `counts` (each with its events, in key order), each ending with
    the subject that holds the event of number `cut` (from 0) of the cuts (a subject is never split)."""
    bounds: list[str] = []
    pending = iter(sorted(cuts))
    cut = next(pending, None)
    running = 0
    for subject, n in counts[:-1]:  # the last subject ends the last range
        running += n
        while cut is not None and running > cut:
            if not bounds or bounds[-1] != subject:
                bounds.append(subject)
            cut = next(pending, None)
        if cut is None:
            break
    lasts: list[str | None] = [*bounds, None]
    return [SubjectRange(after, last) for after, last in zip(["", *bounds], lasts, strict=True)]

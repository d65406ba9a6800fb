"""PostgreSQL stores made once per worker and lent to one test at a time, put back as they were made afterwards.

Making a store (the ledger's, the views' and the accounts' hundred tables and indexes) costs the PostgreSQL test
server about 0.3 s of CPU and a test about 1 s of wall: the server fsyncs each btree it builds. A `LentSchema` makes
its store once, in a schema of its own, and lends that schema to one test at a time. When the test is done, the
schema's rows and sequences are put back as they were made (its tables emptied, the made rows copied in again, its
sequences set again, in one transaction), unless the test changed the schema's tables (a view made again, a column
added: another oid or number of columns in pg_class): that schema is dropped, and so is one that could not be put
back, and the next test gets a newly made one. A schema lent this many times is made again too (ROUNDS_PER_SCHEMA).

Three kinds of made store use it:
- the functional tests' world (tests/functional/worlds.py): three employees and nine accounts;
- a store a module's `make` leaves (`copy_of_made`): the merit audit's demo (tests/integration/test_merit_audit.py),
  the training and mentoring tests' people (test_training_mentoring.py);
- an empty store (`make_empty_store`), for the tests marked `made_store` (tests/conftest.py): what a store holds
  once the ledger, the views, the accounts and the import jobs have been opened on it and nothing recorded (the
  views' versions and rules' digests, the events' position the views have reached; no event, no account, no marker
  of whether it is encrypted: the test's first process records it, as on a new store).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

import psycopg
import pytest
from psycopg import sql

from careerlog import storekey
from careerlog.accounts import Accounts
from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.import_jobs import ImportJobs
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import all_projections
from tests.conftest import POSTGRES_URL, require_postgres

# A schema lent this many times is dropped and made again: each round leaves its deleted rows behind (the test
# server does not vacuum), which would slow the later tests' reads.
ROUNDS_PER_SCHEMA = 40

Made = TypeVar("Made")
Relation = tuple[str, str, int, int]

# A binary COPY of no rows: its header and trailer alone.
EMPTY_BINARY_COPY = b"PGCOPY\n\xff\r\n\x00" + bytes(8) + b"\xff\xff"


def made_key(kind: str) -> tuple[object, ...]:
    """What a store made now depends on besides the code: the store, the day and careerlog's environment
    (CAREERLOG_RULES_FILE gives the views' rules' digests, for one)."""
    careerlog_env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("CAREERLOG_")))
    return (kind, date.today(), datetime.now(UTC).date(), careerlog_env)


def make_empty_store(url: str) -> None:
    """A store as the ledger, the views (every projection), the accounts and the import jobs leave it when opened on it
    first. The import jobs' table is made here as an app's first request makes it (its import jobs' thread, through
    web.services.Services.jobs): made without it, each test lent the store that served a request left a table the
    store had not, so `LentSchema.put_back` dropped the schema and the next test made the whole store again (as the
    functional tests' world before tests.functional.conftest.made_world made that table)."""
    settings = Settings(database_url=url)
    with CareerLog.from_settings(settings) as ledger:
        Projector(settings, all_projections(), app=ledger).close()
    store = open_store(settings)
    try:
        Accounts(store).create_tables()
        ImportJobs(store).create_tables()
        with store.transaction() as statements:  # (lent as a new store: its first process records whether it is
            statements.execute(f"DELETE FROM {storekey.TABLE}")  # encrypted, with its key or none, careerlog.storekey)
    finally:
        store.close()


class LentSchema(Generic[Made]):
    """A store made by `make` (given its URL) in a schema of the test database, lent to one test at a time."""

    made: Made  # what `make` returned for the schema now kept (set by `make_schema`)

    def __init__(self, make: Callable[[str], Made], prefix: str) -> None:
        self.make = make
        self.prefix = prefix
        self.schema = ""
        self.rounds = 0
        self.relations: list[Relation] = []
        self.rows: dict[str, bytes] = {}
        self.sequences: dict[str, int | None] = {}
        self.kept: psycopg.Connection | None = None  # the connection that puts the schema back, kept between tests

    def connection(self) -> psycopg.Connection:
        """The connection that puts the schema back, kept while the schema is: a new server process reads the
        catalog's entries of every table and index it touches (the hundred of a store) before it deletes a row,
        which cost the server as much CPU as making the ledger's tables anew."""
        if self.kept is None or self.kept.closed or self.kept.broken:
            self.kept = psycopg.connect(POSTGRES_URL, autocommit=True)
        return self.kept

    @property
    def url(self) -> str:
        return f"{POSTGRES_URL}?schema={self.schema}"

    @contextmanager
    def lend(self) -> Iterator[tuple[str, Made]]:
        """The URL of the schema as made and what `make` returned, for one test; put back (or dropped) after."""
        require_postgres()
        if not self.schema or self.rounds >= ROUNDS_PER_SCHEMA:
            self.drop()
            self.made = self.make_schema()
        self.rounds += 1
        try:
            yield self.url, self.made
        finally:
            self.put_back()

    def put_back(self) -> None:
        """The schema as it was made, or none (made again for the next test) when it cannot be put back."""
        try:
            conn = self.connection()
            if self.relations_now(conn) != self.relations:
                self.drop()
                return
            self.put_rows_back(conn)
        except psycopg.Error:
            self.drop()  # never lent again as the test left it (putting it back was rolled back)
            raise

    def make_schema(self) -> Made:
        """A new schema made by `make`; dropped, on the connection opened before, when making it failed (it was left
        holding what `make` had made, and lent as made to the next test)."""
        self.schema, self.rounds = f"{self.prefix}_{uuid.uuid4().hex[:12]}", 0
        conn = self.connection()  # (its server process reads the catalog of the tables it puts back later)
        try:
            made = self.make(self.url)
        except BaseException:
            self.drop()
            raise
        self.relations = self.relations_now(conn)
        found = conn.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s", (self.schema,))
        self.sequences = dict(found.fetchall())
        self.rows = {}
        for name in self.tables():
            with conn.cursor().copy(sql.SQL("COPY {} TO STDOUT (FORMAT BINARY)").format(self.table(name))) as copy:
                data = b"".join(bytes(block) for block in copy)
            if data != EMPTY_BINARY_COPY:
                self.rows[name] = data
        return made

    def relations_now(self, conn: psycopg.Connection) -> list[Relation]:
        """The schema's tables, indexes and sequences, each with its identity and number of columns: a relation
        dropped and made again (a view of another version) has another oid, a column added another count."""
        return conn.execute(
            "SELECT relname::text, relkind::text, oid::bigint, relnatts::int FROM pg_class"
            " WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %s) ORDER BY relname",
            (self.schema,),
        ).fetchall()

    def tables(self) -> list[str]:
        return [name for name, kind, _, _ in self.relations if kind == "r"]

    def put_rows_back(self, conn: psycopg.Connection) -> None:
        """Every table emptied and the made rows copied in again, every sequence where the making left it."""
        with conn.transaction():
            conn.execute("SET LOCAL lock_timeout = '10s'")
            conn.execute(sql.SQL("; ").join(sql.SQL("DELETE FROM {}").format(self.table(n)) for n in self.tables()))
            for name, data in self.rows.items():
                with conn.cursor().copy(sql.SQL("COPY {} FROM STDIN (FORMAT BINARY)").format(self.table(name))) as copy:
                    copy.write(data)
            for name, value in self.sequences.items():
                conn.execute("SELECT setval(%s, %s, %s)", (f'"{self.schema}"."{name}"', value or 1, value is not None))

    def table(self, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self.schema), sql.Identifier(name))

    def drop(self) -> None:
        """The schema dropped, through the kept connection, which is closed with it."""
        if self.schema:
            self.connection().execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(self.schema)))
            self.schema = ""
        if self.kept is not None:
            self.kept.close()
            self.kept = None


@contextmanager
def copy_of_made(request: pytest.FixtureRequest, kind: str, name: str, make: Callable[[str], None]) -> Iterator[str]:
    """A store of the test's own ("sqlite" or "postgres") as `make` leaves a new one, made once per process (by
    `name` and what it was made of, `made_key`): on SQLite a copy of the made file (sqlite3's backup), on PostgreSQL
    the made schema lent to the test and put back as made after it (`LentSchema`: made again when the test changed
    its tables). For a `make` costing seconds (recording a demo) that several tests would each pay."""
    made = request.getfixturevalue("made_copies")
    key = (name, *made_key(kind))
    if kind == "sqlite":
        if key not in made:
            source = request.getfixturevalue("tmp_path_factory").mktemp(name) / "careerlog.db"
            make(f"sqlite:///{source}")
            made[key] = source
        path = request.getfixturevalue("tmp_path") / "careerlog.db"
        with closing(sqlite3.connect(made[key])) as source_db, closing(sqlite3.connect(path)) as copy:
            source_db.backup(copy)
        yield f"sqlite:///{path}"
        return
    lent = made.setdefault(key, LentSchema(make, f"t_{name}"))
    with lent.lend() as (url, _):
        yield url

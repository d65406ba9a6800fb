"""The functional tests' world, made once and handed to each test that asks for it in a store of the test's own.

Making the world (a store's hundred tables and indexes, then three employees and nine accounts) took a PostgreSQL
test about 1.4 s of wall and 0.55 s of CPU (the server's 0.37 s: each btree it builds is fsynced), a SQLite test a
quarter of that. A world is made once per process and kind of store, for the day and the CAREERLOG_ environment
it was made in (what the views hold depends on both), and then:

- on SQLite, copied page by page into the test's own file (sqlite3's backup);
- on PostgreSQL, kept in a schema of its own that each test that asks for the world uses in turn: when a test is
  done, the schema's rows and sequences are put back as the world left them (its tables emptied, the world's rows
  copied in again, one round trip), unless the test changed the schema's tables (a view made again, a column
  added): that schema is dropped and the next test gets a newly made one. A copied database (CREATE DATABASE ...
  TEMPLATE) was tried first: it writes the whole database (9 MB, the catalog's 7.5) through the WAL and took the
  server longer than making the tables.

Either way the test opens the store as a server opens its store again, with its own app, client and connections.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from tests.conftest import POSTGRES_URL, require_postgres

# A schema handed round this many times is dropped and made again: each round leaves its deleted rows behind
# (the test server does not vacuum), which would slow the later tests' reads.
ROUNDS_PER_SCHEMA = 40

Tokens = dict[str, str]
MakeWorld = Callable[[str], Tokens]


def world_key(kind: str) -> tuple[object, ...]:
    """What a world made now depends on besides the code: the store, the day and careerlog's environment."""
    careerlog_env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("CAREERLOG_")))
    return (kind, date.today(), datetime.now(UTC).date(), careerlog_env)


@dataclass
class SqliteWorld:
    """A world made in a file, copied into each test's store."""

    path: Path
    tokens: Tokens

    @classmethod
    def make(cls, directory: Path, make_world: MakeWorld) -> SqliteWorld:
        path = directory / "careerlog.db"
        return cls(path, make_world(f"sqlite:///{path}"))

    def copy_to(self, path: Path) -> None:
        with closing(sqlite3.connect(self.path)) as source, closing(sqlite3.connect(path)) as copy:
            source.backup(copy)


@dataclass
class PostgresWorld:
    """A world in a schema of the test database, put back after each test that used it."""

    make_world: MakeWorld
    tokens: Tokens = field(default_factory=dict)
    schema: str = ""
    rounds: int = 0
    relations: list[tuple[str, str, int, int]] = field(default_factory=list)
    rows: dict[str, bytes] = field(default_factory=dict)
    sequences: dict[str, int | None] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{POSTGRES_URL}?schema={self.schema}"

    @contextmanager
    def lend(self) -> Iterator[str]:
        """The URL of a schema holding the world, for one test; the world is put back (or dropped) afterwards."""
        require_postgres()
        if not self.schema or self.rounds >= ROUNDS_PER_SCHEMA:
            self.drop()
            self.made()
        self.rounds += 1
        try:
            yield self.url
        finally:
            self.put_back()

    def put_back(self) -> None:
        """The world as it was made, or no schema (made again for the next test) when it cannot be put back."""
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            if self.relations_now(conn) != self.relations:
                self.drop()
                return
            try:
                self.put_rows_back(conn)
            except psycopg.Error:
                self.drop()  # never lent again as the test left it (putting it back was rolled back)
                raise

    def made(self) -> None:
        self.schema, self.rounds = f"t_world_{uuid.uuid4().hex[:12]}", 0
        self.tokens = self.make_world(self.url)
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            self.relations = self.relations_now(conn)
            found = conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s", (self.schema,)
            )
            self.sequences = dict(found.fetchall())
            self.rows = {}
            for name in self.tables():
                with conn.cursor().copy(sql.SQL("COPY {} TO STDOUT (FORMAT BINARY)").format(self.table(name))) as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data != EMPTY_BINARY_COPY:
                    self.rows[name] = data

    def relations_now(self, conn: psycopg.Connection) -> list[tuple[str, str, int, int]]:
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
        """Every table emptied and the world's rows copied in again, every sequence where the world left it."""
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
        if self.schema:
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(self.schema)))
            self.schema = ""


# A binary COPY of no rows: its header and trailer alone.
EMPTY_BINARY_COPY = b"PGCOPY\n\xff\r\n\x00" + bytes(8) + b"\xff\xff"

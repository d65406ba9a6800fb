"""The functional tests' world, made once and handed to each test that asks for it in a store of the test's own.

Making the world (a store's hundred tables and indexes, then three employees and nine accounts) took a PostgreSQL
test about 1.4 s of wall and 0.55 s of CPU (the server's 0.37 s: each btree it builds is fsynced), a SQLite test a
quarter of that. A world is made once per process and kind of store, for the day and the CAREERLOG_ environment
it was made in (what the views hold depends on both), and then:

- on SQLite, copied page by page into the test's own file (sqlite3's backup);
- on PostgreSQL, kept in a schema of its own that each test that asks for the world uses in turn
  (tests.stores.LentSchema): when a test is done, the schema's rows and sequences are put back as the world left
  them (its tables emptied, the world's rows copied in again, one round trip), unless the test changed the
  schema's tables (a view made again, a column added): that schema is dropped and the next test gets a newly made
  one. A copied database (CREATE DATABASE ... TEMPLATE) was tried first: it writes the whole database (9 MB, the
  catalog's 7.5) through the WAL and took the server longer than making the tables.

Either way the test opens the store as a server opens its store again, with its own app, client and connections.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

Tokens = dict[str, str]
MakeWorld = Callable[[str], Tokens]


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

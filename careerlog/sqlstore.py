"""Portable SQL over the library's own connection pools, for tables beside the event store.

Views, accounts and the access log live in the same database as the events. Their SQL is
written once, with `?` placeholders and types both stores share (TEXT, INTEGER, REAL,
BIGINT), and runs on SQLite or PostgreSQL through the eventsourcing library's datastores
(`SQLiteDatastore`, `PostgresDatastore`) and so through their connection pools.
"""

from __future__ import annotations

import math
import re
import select
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qsl

import orjson
import psycopg
from eventsourcing import persistence
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteTransaction,
)
from psycopg_pool import ConnectionPool

from careerlog import config
from careerlog.config import Settings

Row = dict[str, Any]
T = TypeVar("T")


class Cursor(Protocol):
    def execute(self, statement: Any, params: Any = ...) -> Any: ...
    def executemany(self, statement: Any, params: Any) -> Any: ...
    def fetchall(self) -> Any: ...


class Sql:
    """A cursor that takes `?` placeholders on either store and returns rows as dicts."""

    def __init__(
        self,
        cursor: Cursor,
        dialect: str,
        ahead: dict[tuple[str, tuple[Any, ...]], list[Row]] | None = None,
        guard: Guard | None = None,
        database: tuple[Any, ...] | None = None,
    ):
        self.cursor = cursor
        self.dialect = dialect
        self.ahead = ahead  # rows read ahead (SqlStore.read_ahead), each taken once by the same query
        self.guard = guard  # called with each query's statement first: it may refuse it (SqlStore.guard)
        self.database = database  # the database read (a reading Sql of a SqlStore): its reads kept in `reads_kept`

    def _statement(self, statement: str) -> str:
        return placeholders(statement) if self.dialect == "postgres" else statement

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        if self.database is not None and not READ_STATEMENT.match(statement):
            self.database = None  # (a write: `written`)
        self.cursor.execute(self._statement(statement), tuple(params))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.database = None  # (a write: `written`)
        rows = [tuple(r) for r in rows]
        if rows:
            self.cursor.executemany(self._statement(statement), rows)

    # (`written`: a reading Sql, a transaction never committed among them, that runs a statement other than a read
    # (an INSERT) keeps no read from then on, nor is given one kept (`reads_kept`): its reads see its own writes, and
    # a row it wrote and rolled back is never given to the block's next ask; until 2026-12-08 both were)

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        if self.guard is not None:
            self.guard(self, statement)
        rows = taken_ahead(self.ahead, statement, params)
        if rows is not None:
            return rows
        key = self._kept_key(statement, params)
        if key is not None:
            return kept_rows(key, lambda: self._read(statement, params))
        return self._read(statement, params)

    def _kept_key(self, statement: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
        """The key a read is kept under in a `reads_kept` block (None: outside one, a write's Sql, or not a plain
        read: a statement that does not begin with SELECT or WITH, or parameters that cannot be a key)."""
        kept = _KEPT_READS.get()
        if kept is None or self.database is None or not READ_STATEMENT.match(statement):
            return None
        key = (self.database, statement, tuple(params))
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _read(self, statement: str, params: Sequence[Any]) -> list[Row]:
        self.execute(statement, params)
        rows = self.cursor.fetchall()
        if not rows or type(rows[0]) is dict:  # psycopg's dict rows (dict_row): new dicts already
            return list(rows)
        if isinstance(rows[0], sqlite3.Row):  # the names once: dict(row) asks a Row for each (5x slower)
            names = rows[0].keys()
            if len(set(names)) == len(names):  # (a name twice: dict(row) takes the first column's value)
                return [dict(zip(names, row, strict=True)) for row in rows]
        return [dict(row) for row in rows]

    def scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(statement, params)
        return next(iter(rows[0].values())) if rows else None

    def relation_names(self, names: Iterable[str]) -> set[str]:
        """Those of `names` (lower case) that a table, index or other relation of the store's schema has: on
        PostgreSQL the search path's schema (the store's), looked up by name (an index scan of the catalog: pg_class
        has no index by schema alone), on SQLite the main database's. One statement, not guarded (it names no
        view)."""
        wanted = {name.lower() for name in names}
        if not wanted:
            return set()
        if self.dialect == "postgres":
            self.cursor.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relname = ANY(%s)"
                " AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema())",
                (sorted(wanted),),
            )
        else:
            self.cursor.execute("SELECT name FROM sqlite_master", ())
        found = {str(next(iter(row.values())) if isinstance(row, dict) else row[0]) for row in self.cursor.fetchall()}
        # an unquoted name is PostgreSQL's in lower case (created_name's); SQLite tells names apart by no case
        return found & wanted if self.dialect == "postgres" else {name.lower() for name in found} & wanted

    def column_names(self, table: str) -> set[str]:
        """The names (lower case) of the columns of `table` (an unquoted name) in the store's schema (on PostgreSQL
        the search path's), none for a table not there. One statement, not guarded (it names no view)."""
        if self.dialect == "postgres":
            self.cursor.execute(
                "SELECT a.attname FROM pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid = "
                "(SELECT c.oid FROM pg_class c WHERE c.relname = %s AND c.relnamespace = "
                "(SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema()))",
                (table.lower(),),
            )
        else:
            self.cursor.execute("SELECT name FROM pragma_table_info(?)", (table,))
        return {
            str(next(iter(row.values())) if isinstance(row, dict) else row[0]).lower() for row in self.cursor.fetchall()
        }

    def create_missing(self, statements: Iterable[str], existing: set[str] | None = None) -> set[str]:
        """Run those of `statements` that create a table or index the schema does not hold yet, by its name
        (`existing`: the names known to be there; else looked up, `relation_names`), and every statement that is
        not a CREATE ... IF NOT EXISTS of an unquoted name; return the names now created. What the schema ends
        with is what running them all would give (IF NOT EXISTS skips a name the schema holds), without a
        statement for each table and index already there: a store opened again sends none, and takes none of
        their locks (on PostgreSQL, CREATE INDEX IF NOT EXISTS takes a SHARE lock on its table even when the
        index is there)."""
        statements = list(statements)
        known = self.relation_names(filter(None, map(created_name, statements))) if existing is None else existing
        created: set[str] = set()
        for statement in statements:
            name = created_name(statement)
            if name is not None and (name in known or name in created):
                continue
            self.execute(statement)
            if name is not None:
                created.add(name)
        return created

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, before: str = "") -> None:
        """Rows into a table, in one INSERT statement per INSERT_ROWS_MAX rows (one round trip each).

        On PostgreSQL the rows go as one parameter, a JSON array of objects made by orjson, that the
        server makes into rows of the table's own types (`json_populate_recordset`): a short statement,
        the same for any number of rows, that the driver parses once, where VALUES lists would be parsed
        on every call, and one string to send where an array per column (`unnest`, still used for rows
        with a float, bytes or an integer JSON cannot hold) costs the driver a regular-expression search
        and several calls per value. `before` is sent ahead of each INSERT in the same query string."""
        names = ", ".join(columns)
        one = "(" + ", ".join("?" * len(columns)) + ")"
        for start in range(0, len(rows), INSERT_ROWS_MAX):
            chunk = rows[start : start + INSERT_ROWS_MAX]
            if self.dialect == "postgres" and (records := json_records(columns, chunk)) is not None:
                rowset = f"json_populate_recordset(NULL::{table}, ?::json)"
                self.execute(f"{before}INSERT INTO {table} ({names}) SELECT {names} FROM {rowset}", (records,))
            elif self.dialect == "postgres":
                arrays = [_plain_array(values) for values in zip(*chunk, strict=True)]
                typed = ", ".join(f"?::{_array_type(a)}" for a in arrays)
                self.execute(f"{before}INSERT INTO {table} ({names}) SELECT * FROM unnest({typed})", arrays)
            else:
                values = ", ".join([one] * len(chunk))
                self.execute(f"INSERT INTO {table} ({names}) VALUES {values}", [v for row in chunk for v in row])


# A statement creating a table or index if its name is not taken (`Sql.create_missing`): the name, unquoted.
_CREATES = re.compile(
    r"\s*CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\s+([A-Za-z_][A-Za-z0-9_]*)[\s(]", re.I
)


def created_name(statement: str) -> str | None:
    """The name (lower case) of the table or index a CREATE TABLE or CREATE INDEX ... IF NOT EXISTS creates, when
    unquoted; None for any other statement."""
    found = _CREATES.match(statement)
    return found.group(1).lower() if found else None


# A read guard (SqlStore.guard): the Sql about to run a query (None when rows read ahead answer it), the statement.
Guard = Callable[["Sql | None", str], None]


def placeholders(statement: str) -> str:
    """A statement with `?` placeholders as psycopg takes it (`%s`, and a literal % doubled)."""
    return statement.replace("%", "%%").replace("?", "%s")


def kept_rows(key: tuple[Any, ...], read: Callable[[], list[Row]]) -> list[Row]:
    """The rows `read()` gave first in this `reads_kept` block for `key` (a read's database, statement and
    parameters), each a new dict (a caller may change the rows it is given: the kept ones are its copies)."""
    kept = _KEPT_READS.get()
    assert kept is not None
    if key not in kept:
        kept[key] = read()
    return [dict(row) for row in kept[key]]


@contextmanager
def reads_kept() -> Iterator[None]:
    """Within the block (in this thread or task), each read (`Sql.query`, and so `SqlStore.query`, outside a write
    transaction) of the same database, statement and parameters is asked once, its rows kept for the block's next
    asks: for one answer computed from many others that ask alike, the scorecard and the reports its values are
    judged by (web.services.Services.scorecard: until 2026-12-07 the same mentoring, spells and training
    compliance reads were made again for each report judged). What is read is the data as the first ask saw it:
    for reads that need not see a change made during the block (a request's). The guard of a view being filled
    (SqlStore.guard) still judges every ask, its own look at the views asked anew (`reads_fresh`). `kept` (a
    value computed from reads, under a key of its own) shares the block. A block within a block keeps the outer
    one's. A read that waited for the views to move on forgets the kept reads and values (SqlStore.forget_ahead),
    and a Sql that writes keeps and is given none from its write on (Sql.execute)."""
    token = _KEPT_READS.set({} if _KEPT_READS.get() is None else _KEPT_READS.get())
    try:
        yield
    finally:
        _KEPT_READS.reset(token)


@contextmanager
def reads_fresh() -> Iterator[None]:
    """Within the block, reads are asked anew even within a `reads_kept` block (the read guard's look at the views
    being filled: it must see a rebuild begun since)."""
    token = _KEPT_READS.set(None)
    try:
        yield
    finally:
        _KEPT_READS.reset(token)


def kept(key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`'s value, kept under `key` in a `reads_kept` block (computed each time outside one): for a value
    made from reads (an index of spells) that several answers of one block would each make again. The value is
    shared: read it, never change it."""
    found = _KEPT_READS.get()
    if found is None:
        return compute()
    marked = ("kept", *key)
    if marked not in found:
        found[marked] = compute()
    value: T = found[marked]
    return value


def taken_ahead(
    ahead: dict[tuple[str, tuple[Any, ...]], list[Row]] | None, statement: str, params: Sequence[Any]
) -> list[Row] | None:
    """The rows read ahead (SqlStore.read_ahead) for this statement and parameters, taken once; None if none."""
    return ahead.pop((statement, tuple(params)), None) if ahead else None


# The values a row sent as JSON may hold: text, integers (flags as 0 or 1) and NULL, which the portable
# schema's TEXT, INTEGER and BIGINT columns read back from JSON as they read them from the arrays.
JSON_VALUES = frozenset({str, int, type(None)})


def json_records(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str | None:
    """The rows as a JSON array of objects by column name (flags as 0 or 1, as `_plain_array` keeps them),
    or None when a value is not text, an integer, a flag or None, or is one JSON cannot carry (an integer
    beyond 64 bits, text that is not valid Unicode): those rows go as arrays."""
    flags = False
    for row in rows:
        for value in row:
            if type(value) not in JSON_VALUES:
                if type(value) is not bool:
                    return None
                flags = True
    plain = [_plain_array(row) for row in rows] if flags else rows
    try:
        return orjson.dumps([dict(zip(columns, row, strict=True)) for row in plain]).decode()
    except orjson.JSONEncodeError:
        return None


def _plain_array(values: Sequence[Any]) -> list[Any]:
    return [int(v) if isinstance(v, bool) else v for v in values]  # the portable schema keeps flags as INTEGER


def _array_type(values: Sequence[Any]) -> str:
    """The PostgreSQL array type of a column's values (text when none is set)."""
    found = next((v for v in values if v is not None), None)
    if isinstance(found, int):
        return "bigint[]"
    if isinstance(found, float):
        return "double precision[]"
    return "bytea[]" if isinstance(found, bytes) else "text[]"


UNSYNCED = "SET LOCAL synchronous_commit TO OFF"  # PostgreSQL: this transaction's commit does not wait for the disk
INSERT_ROWS_MAX = 500  # rows per INSERT: 500 x a dozen columns is well under both stores' parameter limits

# The schema each pooled PostgreSQL connection's search path is set to (set once per connection).
_SEARCH_PATHS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()

# Connections held for a block of work (a web request) by SqlStore.one_connection, per database.
_HELD: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("careerlog_held_connections", default=None)

# Rows read ahead on the held PostgreSQL connection (SqlStore.read_ahead), by statement and parameters.
_AHEAD: ContextVar[dict[tuple[str, tuple[Any, ...]], list[Row]] | None] = ContextVar(
    "careerlog_rows_read_ahead", default=None
)

# The reads kept for a block (reads_kept), by database, statement and parameters; None: outside one.
_KEPT_READS: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("careerlog_reads_kept", default=None)
READ_STATEMENT = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)

# The library's exceptions for the driver's (as PostgresDatastore.get_connection translates them).
_TRANSLATED = (
    persistence.InterfaceError,
    persistence.OperationalError,
    persistence.DataError,
    persistence.IntegrityError,
    persistence.InternalError,
    persistence.ProgrammingError,
    persistence.NotSupportedError,
    persistence.DatabaseError,
)


def translated(error: psycopg.Error | sqlite3.Error) -> persistence.PersistenceError:
    """The library's exception for a driver error, as its datastores raise them."""
    driver = psycopg if isinstance(error, psycopg.Error) else sqlite3
    for cls in _TRANSLATED:
        if isinstance(error, getattr(driver, cls.__name__)):
            return cls(str(error))
    return persistence.PersistenceError(str(error))


class _WriteTransaction(SQLiteTransaction):
    """The library's SQLite transaction (its commit, rollback, errors) begun IMMEDIATE: see SqlStore._sqlite_write."""

    def __enter__(self) -> SQLiteCursor:
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise translated(e) from e
        return cursor


class SqlStore:
    """Transactions of portable SQL on a library datastore."""

    def __init__(self, datastore: SQLiteDatastore | PostgresDatastore):
        self.datastore = datastore
        self.dialect = "postgres" if isinstance(datastore, PostgresDatastore) else "sqlite"
        self.schema = datastore.schema if isinstance(datastore, PostgresDatastore) else ""
        self._database = _database(datastore)
        # An in-memory SQLite pool makes reading and writing exclusive: a held reader would block a write.
        self._holdable = isinstance(datastore, PostgresDatastore) or not datastore.pool.is_sqlite_memory_mode
        if isinstance(datastore, SQLiteDatastore) and not getattr(datastore.pool, "careerlog_statements", False):
            cache_statements(datastore)

    @property
    def guard(self) -> Guard | None:
        """Called with every query's statement (and the Sql about to run it, when there is one) before it
        runs, when set: it may refuse the read by raising (the web's reads of a view being filled:
        projections.framework.Projector.guard_reads). Kept on the datastore, so every SqlStore of it (one
        is made per use of a view store's `sql`) has it."""
        return getattr(self.datastore, "careerlog_read_guard", None)

    @guard.setter
    def guard(self, value: Guard | None) -> None:
        self.datastore.careerlog_read_guard = value  # type: ignore[union-attr]

    @contextmanager
    def one_connection(self) -> Iterator[None]:
        """Within the block, the reads on this database (in this thread) use one pooled connection.

        For a web request. On PostgreSQL: one checkout from the pool (and its check for a
        dropped connection, check_when_in_doubt) instead of one per statement, for every
        SqlStore of the same database and schema (views, accounts, the ledger's reads), and
        every statement and transaction inside takes it. On a SQLite file: one reading
        connection for every SqlStore of the same file, which its statements and read-only
        transactions take instead of a checkout each (the pool's locks and bookkeeping); a
        write transaction still takes a writing connection from the pool, so that writers
        keep the library's in-process writer lock. Transactions inside stay separate
        transactions. An in-memory SQLite database (whose pool makes reading and writing
        exclusive) is not held.
        """
        held = _HELD.get() or {}
        if self._database in held or not self._holdable:
            yield
            return
        if isinstance(self.datastore, PostgresDatastore):
            with self.datastore.get_connection() as conn:
                self._use_schema(conn)
                token = _HELD.set({**held, self._database: conn})
                ahead = _AHEAD.set({})
                try:
                    yield
                finally:
                    _AHEAD.reset(ahead)
                    _HELD.reset(token)
            return
        with self.datastore.get_connection(commit=False) as conn:
            token = _HELD.set({**held, self._database: conn})
            try:
                yield
            finally:
                _HELD.reset(token)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """A PostgreSQL connection whose search path is the schema: the one held for the block, or a pooled one."""
        conn = (_HELD.get() or {}).get(self._database)
        if conn is None:
            assert isinstance(self.datastore, PostgresDatastore)
            with self.datastore.get_connection() as conn:
                self._use_schema(conn)
                yield conn
            return
        try:
            yield conn
        except psycopg.Error as e:
            raise translated(e) from e

    @contextmanager
    def transaction(self, *, commit: bool = True, synced: bool = True, cache_kib: int | None = None) -> Iterator[Sql]:
        """One transaction: committed when the block ends, rolled back on an error.

        With synced=False the commit does not wait for the disk (PostgreSQL's
        synchronous_commit off; SQLite's synchronous NORMAL in WAL mode): it is as atomic
        and as visible as any other, and a crash of the program loses nothing, but a crash
        of the database server or the machine may lose the last such commits (PostgreSQL:
        at most about 3 x wal_writer_delay, 0.6 s by default). For writes that may not
        cost an fsync each, such as the access log written on every read.

        `cache_kib` (a SQLite write): the connection's page cache for the transaction, in KiB (PRAGMA
        cache_size), set back after it ends: a write of more pages than SQLite's default 2 MB holds them until
        it commits instead of spilling them to the write-ahead log and writing them there again.
        """
        if self.dialect == "postgres":
            with self._postgres_transaction(commit=commit, synced=synced) as sql:
                yield sql
        elif commit:
            with self._sqlite_write(synced=synced, cache_kib=cache_kib) as sql:
                yield sql
        elif (held := (_HELD.get() or {}).get(self._database)) is not None:
            with held.transaction(commit=False) as cursor:  # a read-only transaction on the held connection
                yield Sql(cursor, self.dialect, guard=self.guard, database=self._database)
        else:
            with self.datastore.transaction(commit=False) as cursor:
                yield Sql(cursor, self.dialect, guard=self.guard, database=self._database)

    @contextmanager
    def statements(self) -> Iterator[Sql]:
        """Reads outside a transaction, each statement seeing the data as it starts.

        This saves the BEGIN and ROLLBACK of a read-only transaction (on PostgreSQL, two round
        trips) for a read of one statement, or of several that need not agree.
        """
        if self.dialect == "sqlite":
            held = (_HELD.get() or {}).get(self._database)
            if held is not None:
                with held.cursor() as cursor:
                    try:
                        yield Sql(cursor, self.dialect, guard=self.guard, database=self._database)
                    except sqlite3.Error as e:
                        raise translated(e) from e
                return
            assert isinstance(self.datastore, SQLiteDatastore)
            with self.datastore.get_connection(commit=False) as conn, conn.cursor() as cursor:
                try:
                    yield Sql(cursor, self.dialect, guard=self.guard, database=self._database)
                except sqlite3.Error as e:
                    raise translated(e) from e
            return
        with self._connection() as conn, conn.cursor() as cursor:
            ahead = _AHEAD.get() if conn is self._held() else None
            yield Sql(cursor, self.dialect, ahead, guard=self.guard, database=self._database)

    def _held(self) -> Any:
        """The connection held for this database in this block (one_connection), or None."""
        return (_HELD.get() or {}).get(self._database)

    def read_ahead(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Send reads that the block will make, all in one round trip: within one_connection on PostgreSQL,
        the statements run in a pipeline on the held connection, and the first query later made outside a
        transaction in the block with the same statement and parameters (on any SqlStore of the database)
        takes its rows instead of asking again. Each statement still runs alone, seeing the data as it
        starts (as if it had been sent when read ahead). Nothing happens elsewhere (SQLite has no round
        trips to save) nor on an error: those statements are then asked again when they come."""
        ahead = _AHEAD.get()
        conn = self._held()
        if self.dialect != "postgres" or conn is None or ahead is None:
            return
        cursors = []
        try:
            with conn.pipeline():
                for statement, params in statements:
                    cursor = conn.cursor()
                    cursor.execute(placeholders(statement), tuple(params))
                    cursors.append((cursor, (statement, tuple(params))))
            for cursor, key in cursors:
                ahead[key] = list(cursor.fetchall())  # dict rows (dict_row), each a new dict
        except psycopg.Error:
            for _, key in cursors:
                ahead.pop(key, None)
        finally:
            for cursor, _ in cursors:
                cursor.close()

    @contextmanager
    def _postgres_transaction(self, *, commit: bool, synced: bool) -> Iterator[Sql]:
        """As the library's PostgresDatastore.transaction, on a connection whose search path is the schema."""
        with self._connection() as conn, conn.transaction(force_rollback=not commit), conn.cursor() as cursor:
            if not synced:
                cursor.execute(UNSYNCED)
            yield Sql(cursor, self.dialect, guard=self.guard, database=None if commit else self._database)

    def _use_schema(self, conn: Any) -> None:
        """Set the search path of a pooled (autocommit) connection once, for the rest of its life."""
        if _SEARCH_PATHS.get(conn) != self.schema:
            conn.execute(f'SET search_path TO "{self.schema}"')
            _SEARCH_PATHS[conn] = self.schema

    @contextmanager
    def _sqlite_write(self, *, synced: bool, cache_kib: int | None = None) -> Iterator[Sql]:
        """A SQLite write transaction: it takes the database's write lock as it begins (BEGIN IMMEDIATE).

        A transaction begun plainly (deferred) that reads and then writes, such as the views' tables made where
        the catalog lacks them, or a log-in's account read and then updated, could not take the lock if another
        connection had committed since its read: in WAL mode SQLite refuses that at once ("database is locked",
        SQLITE_BUSY_SNAPSHOT), without waiting, since the transaction's snapshot is out of date. Begun
        IMMEDIATE it waits for the lock (the connection's busy timeout) and reads what is committed then.

        Unsynced (`synced=False`), on a connection set to sync only at checkpoints, set back afterwards; with a
        page cache of `cache_kib` KiB likewise (`transaction`).
        """
        assert isinstance(self.datastore, SQLiteDatastore)
        with self.datastore.get_connection(commit=True) as conn:
            cached = None
            if cache_kib is not None:
                cursor = conn.cursor()
                cursor.execute("PRAGMA cache_size")
                cached = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA cache_size = {-int(cache_kib)}")
            if not synced:
                conn.cursor().execute("PRAGMA synchronous = NORMAL")
            try:
                with _WriteTransaction(conn, commit=True) as cursor, cursor:
                    yield Sql(cursor, self.dialect, guard=self.guard)
            finally:
                if not synced:
                    conn.cursor().execute("PRAGMA synchronous = FULL")
                if cached is not None:
                    conn.cursor().execute(f"PRAGMA cache_size = {int(cached)}")

    @staticmethod
    def forget_ahead() -> None:
        """Drop the rows read ahead in this block (`read_ahead`), and the reads and values kept in a `reads_kept`
        block (until 2026-12-08 kept): the reads to come ask again, seeing the data as it is then (a read that
        waited for the views to move on)."""
        ahead = _AHEAD.get()
        if ahead:
            ahead.clear()
        kept_reads = _KEPT_READS.get()
        if kept_reads:
            kept_reads.clear()

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        if self.dialect == "postgres" and self._held() is not None:  # read ahead: no cursor to open
            if self.guard is not None:
                self.guard(None, statement)
            rows = taken_ahead(_AHEAD.get(), statement, params)
            if rows is not None:
                return rows
        with self.statements() as sql:
            return sql.query(statement, params)

    def scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        with self.statements() as sql:
            return sql.scalar(statement, params)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, synced: bool = True) -> None:
        """Rows into a table, all or none (`synced` as for `transaction`).

        On PostgreSQL, rows that fit one statement (Sql.insert) are written by that statement
        alone, outside BEGIN and COMMIT: a statement is a transaction of its own, committed
        (durably, when synced) before it answers; one round trip instead of three (five unsynced).
        On SQLite too (`_sqlite_insert`): no BEGIN and COMMIT around such a statement.
        """
        if self.dialect == "postgres" and len(rows) <= INSERT_ROWS_MAX:
            if synced:
                with self.statements() as sql:
                    sql.insert(table, columns, rows)
                return
            # Unsynced: SET LOCAL and the INSERT in one query string, which PostgreSQL runs as one implicit
            # transaction (the setting ends with it); the driver binds the values into the string itself.
            with self._connection() as conn, psycopg.ClientCursor(conn) as cursor:
                Sql(cursor, self.dialect).insert(table, columns, rows, before=f"{UNSYNCED}; ")
            return
        if self.dialect == "sqlite" and 0 < len(rows) <= INSERT_ROWS_MAX:
            self._sqlite_insert(table, columns, rows, synced)
            return
        with self.transaction(synced=synced) as sql:
            sql.insert(table, columns, rows)

    def _sqlite_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], synced: bool) -> None:
        """Rows that fit one INSERT, by that statement alone on a writing connection (the pool's writer
        lock held): in autocommit mode a statement is a transaction of its own, all or none, committed
        before it returns, so the BEGIN and COMMIT are not sent. Unsynced as in `_sqlite_write`."""
        assert isinstance(self.datastore, SQLiteDatastore)
        with self.datastore.get_connection(commit=True) as conn, conn.cursor() as cursor:
            try:
                if not synced:
                    cursor.execute("PRAGMA synchronous = NORMAL")
                try:
                    Sql(cursor, self.dialect).insert(table, columns, rows)
                finally:
                    if not synced:
                        cursor.execute("PRAGMA synchronous = FULL")
            except sqlite3.Error as e:
                raise translated(e) from e

    def execute_script(self, statements: Iterable[str]) -> None:
        with self.transaction() as sql:
            for statement in statements:
                sql.execute(statement)

    def close(self) -> None:
        self.datastore.close()


# Prepared statements each SQLite connection keeps (the sqlite3 module's default; the library asks for 1).
CACHED_STATEMENTS = 128


def cache_statements(datastore: SQLiteDatastore) -> None:
    """Make the SQLite pool's connections keep their prepared statements (CACHED_STATEMENTS of them).

    The library opens each SQLite connection with `cached_statements=True`, which the sqlite3 module
    takes as a cache of one statement: a web read's statements (the token, the placing events, the
    view rows, the access-log entry) each replaced the one before, so every statement was compiled
    again on every request, about 40 us of CPU each. The pool's connections are opened by the library
    as before (its journal mode included) and then reopened on the same file with a statement cache:
    the idle ones at once, each new one as it is made. An in-memory database (which lives only as long
    as its connections) is left alone. Reaches into the pool's private parts, checked here."""
    pool = datastore.pool
    if pool.is_sqlite_memory_mode:
        return
    create = pool._create_connection
    assert getattr(create, "__func__", None) is SQLiteConnectionPool._create_connection, "the library changed"
    timeout = pool.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT

    def reopened(conn: SQLiteConnection) -> SQLiteConnection:
        opened = conn._sqlite_conn
        assert isinstance(opened, sqlite3.Connection), "the library changed"
        again = sqlite3.connect(
            pool.db_name,
            uri=True,
            check_same_thread=False,
            isolation_level=None,  # autocommit, as the library's
            cached_statements=CACHED_STATEMENTS,
            timeout=timeout,
        )
        again.row_factory = opened.row_factory
        conn._sqlite_conn = again
        opened.close()
        return conn

    with pool._put_condition:  # (the idle connections are taken from the pool under this lock)
        for conn in pool._pool:
            reopened(conn)
        pool._create_connection = lambda: reopened(create())  # type: ignore[method-assign]
        pool.careerlog_statements = True  # type: ignore[attr-defined]


IN_LIST_MAX = 500  # subjects per `IN (...)`: well under both stores' parameter limits


def chunked(items: Sequence[T], size: int = IN_LIST_MAX) -> Iterator[Sequence[T]]:
    """`items` in order, at most `size` at a time (an `IN (...)` list's: IN_LIST_MAX); for careerlog and the
    projections both (projections.framework, projections.merit.known_entries)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def select_events_of(
    sql: Sql,
    table: str,
    subjects: Sequence[str],
    *,
    upto: int | None = None,
    id_column: str = "",
    topics: Sequence[str] = (),
) -> Iterator[Row]:
    """The stored event rows of some subjects, by subject and version (up to a notification id; of some topics)."""
    for chunk in chunked(subjects):
        yield from sql.query(*events_statement(table, chunk, upto=upto, id_column=id_column, topics=topics))


def events_statement(
    table: str, subjects: Sequence[str], *, upto: int | None = None, id_column: str = "", topics: Sequence[str] = ()
) -> tuple[str, list[Any]]:
    """The statement and parameters with which `select_events_of` reads up to IN_LIST_MAX subjects."""
    bound = f" AND {id_column} <= ?" if upto is not None else ""
    if topics:
        bound += f" AND topic IN ({', '.join('?' * len(topics))})"
    extra: list[Any] = ([upto] if upto is not None else []) + list(topics)
    marks = ", ".join("?" * len(subjects))
    return (
        f"SELECT originator_id, originator_version, topic, state FROM {table} "
        f"WHERE originator_id IN ({marks}){bound} ORDER BY originator_id, originator_version",
        [*subjects, *extra],
    )


def _database(datastore: SQLiteDatastore | PostgresDatastore) -> tuple[Any, ...]:
    """What names a database and schema (connections to it may serve every store of it)."""
    if isinstance(datastore, PostgresDatastore):
        kwargs = datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the library passes the connection's keywords as a dict
        return (*[kwargs.get(k) for k in ("host", "port", "dbname", "user")], datastore.schema)
    return ("sqlite", datastore.pool.db_name)  # every pool of the same file (the ledger's and the views')


# A pooled PostgreSQL connection is pinged when it is handed out only if it was last checked this long ago.
PING_AFTER_SECONDS = 5.0
_CHECKED_AT: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


def check_when_in_doubt(conn: psycopg.Connection[Any]) -> None:
    """The pool's check of a connection it hands out: the library's pre-ping, without a round trip on every checkout.

    A round trip (psycopg_pool's check_connection, which makes the pool discard a dead connection and
    hand out another) when in doubt: when the connection was last checked more than PING_AFTER_SECONDS
    ago, or when the server has sent something on it while it lay idle, which a server sends only to end
    it (a terminated backend or a server shutting down sends its error and closes the socket, which
    the operating system reports at once as readable). Otherwise no round trip: a busy pool pings each
    connection once per PING_AFTER_SECONDS instead of once per request.
    """
    now = time.monotonic()
    if conn.closed or now - _CHECKED_AT.get(conn, -math.inf) >= PING_AFTER_SECONDS or _readable(conn):
        ConnectionPool.check_connection(conn)
        _CHECKED_AT[conn] = now


def _readable(conn: psycopg.Connection[Any]) -> bool:
    """Whether the server has sent anything on an idle connection (without waiting or reading it)."""
    poll = select.poll()
    poll.register(conn.pgconn.socket, select.POLLIN | select.POLLPRI)
    return bool(poll.poll(0))


def open_datastore(settings: Settings, *, pool_size: int | None = None) -> SQLiteDatastore | PostgresDatastore:
    """A datastore (and its pool) for the configured database, as the library builds them."""
    settings.prepare()
    if settings.store == "sqlite":
        return SQLiteDatastore(settings.sqlite_database, lock_timeout=30, originator_id_type="text")
    pg = settings.postgres()
    datastore = PostgresDatastore(
        dbname=pg["dbname"],
        host=pg["host"],
        port=pg["port"],
        user=pg["user"],
        password=pg["password"],
        schema=pg["schema"],
        pool_size=pool_size or settings.pool_size,
        max_overflow=settings.max_overflow,
        connect_timeout=settings.connect_timeout,
        lock_timeout=10,
        idle_in_transaction_session_timeout=config.IDLE_IN_TRANSACTION_SECONDS,
        pre_ping=True,
        originator_id_type="text",
    )
    apply_postgres_options(datastore, settings.postgres_options())
    check_connections_when_in_doubt(datastore)
    return datastore


def apply_postgres_options(datastore: object, options: Mapping[str, str] | str | None) -> None:
    """Give the URL's libpq connection parameters (sslmode, sslrootcert, sslcert, application_name ...:
    Settings.postgres_options; or, as the library's environment holds them, POSTGRES_OPTIONS_ENV's query string) to a
    PostgreSQL datastore's pool, before it opens (the library makes it closed: it opens at its first connection). A
    SQLite datastore (or None) is left as it is.

    The one place they reach a pool: the ledger's (CareerLog.construct_factory), the views' (open_view_store: every
    web read, a worker's writes, the CLI's audits and reports) and careerlog's own (open_datastore); the plain
    connections (the schema's check and lock, a worker's LISTEN) take them in Settings.connect_postgres. (Until
    2026-12-06 the views' pool was given none: it connected without the operator's TLS settings.)"""
    if not isinstance(datastore, PostgresDatastore):
        return
    remember_refusals(datastore.pool)
    if not options:
        return
    given = dict(parse_qsl(options)) if isinstance(options, str) else dict(options)
    kwargs = datastore.pool.kwargs  # (the library's: a dict, read at each connection the pool opens)
    assert datastore.pool.closed, "the URL's parameters are given to a pool before it opens"
    assert isinstance(kwargs, dict)
    kwargs.update(given)


# The last error a pool of this process met opening a connection (PostgreSQL's own words: "too many connections for
# role ...", "sorry, too many clients already", "password authentication failed ..."), or None: psycopg_pool logs it
# and tries again, and a request waiting for a connection gets "couldn't get a connection after 5.00 sec" alone
# (PoolTimeout), which hid the server's refusal (careerlog.cli.pool_timed_out quotes it).
LAST_REFUSAL: list[BaseException] = []


def last_refusal() -> BaseException | None:
    """The last error a pool of this process met opening a connection (LAST_REFUSAL), if any."""
    return LAST_REFUSAL[-1] if LAST_REFUSAL else None


def remember_refusals(pool: ConnectionPool[Any]) -> None:
    """Keep each error `pool` meets opening a connection in LAST_REFUSAL (the pool's own `_connect`, wrapped once);
    a pool made anew forgets those of the pools before it (another command's, in a test's process)."""
    LAST_REFUSAL.clear()
    connect = pool._connect
    if getattr(connect, "remembers", False):
        return

    def remembering(timeout: float | None = None) -> Any:
        try:
            connection = connect(timeout=timeout)
        except psycopg.Error as e:
            LAST_REFUSAL[:] = [e]
            raise
        LAST_REFUSAL.clear()
        return connection

    remembering.remembers = True  # type: ignore[attr-defined]
    pool._connect = remembering  # type: ignore[method-assign]


def check_connections_when_in_doubt(datastore: SQLiteDatastore | PostgresDatastore) -> None:
    """A PostgreSQL datastore's pool checks the connections it hands out when in doubt (check_when_in_doubt).

    The library's pre-ping is psycopg_pool's check_connection on every checkout (one round trip per
    request); the pool reads its check on each checkout, so it may be replaced at any time.
    """
    if isinstance(datastore, PostgresDatastore):
        assert datastore.pool._check in (ConnectionPool.check_connection, check_when_in_doubt)
        datastore.pool._check = check_when_in_doubt


def open_store(settings: Settings) -> SqlStore:
    return SqlStore(open_datastore(settings))

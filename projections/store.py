"""Where views live: tables beside the events, tracked with the library's tracking recorders.

A view store is the eventsourcing library's tracking recorder for the configured database
(`SQLiteTrackingRecorder` or `PostgresTrackingRecorder`) extended with portable SQL: a
batch of view changes and the tracking record of the last event it covers are written in
one transaction, so each event is applied exactly once, even across a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, IntegrityError, Tracking, TrackingRecorder
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from careerlog.config import POSTGRES_OPTIONS_ENV, Settings
from careerlog.sqlstore import Sql, SqlStore, apply_postgres_options

VIEWS_ENV_NAME = "careerlog_views"


class StaleBatch(Exception):
    """Another worker already recorded this position: the batch was rolled back."""


class ViewStoreMixin:
    """Portable SQL and atomic "changes + tracking" writes on a library tracking recorder."""

    datastore: Any
    dialect: str
    tracking_table: str
    _insert_tracking: Callable[[Any, Tracking], None]  # the library's, in the same transaction

    @property
    def sql(self) -> SqlStore:
        return SqlStore(self.datastore)

    def write(
        self,
        name: str,
        position: int | None,
        changes: Callable[[Sql], None],
        *,
        synced: bool = True,
        cache_kib: int | None = None,
    ) -> None:
        """Apply changes and (when given) record the position of `name`, in one transaction
        (`synced` and `cache_kib` as for SqlStore.transaction)."""
        try:
            with self.sql.transaction(synced=synced, cache_kib=cache_kib) as sql:
                changes(sql)
                if position is not None:
                    self._insert_tracking(sql.cursor, Tracking(name, position))
        except IntegrityError as e:
            raise StaleBatch(f"{name} is already past {position}") from e

    def forget(self, sql: Sql, name: str) -> None:
        """Forget how far `name` got (its tables dropped), in the caller's transaction `sql`."""
        sql.execute(f"DELETE FROM {self.tracking_table} WHERE application_name = ?", (name,))

    def catches_up_here(self) -> bool:
        """Whether this process may catch the views up: on PostgreSQL, whether the role it connects as may write the
        views' positions (INSERT on the tracking table: a read-only role, docs/operations.md, may not); on SQLite,
        yes (a store read in place, read-only, is told apart by Settings.reads_in_place)."""
        if self.dialect != "postgres":
            return True
        return bool(self.sql.scalar("SELECT has_table_privilege(?, 'INSERT') AS granted", (self.tracking_table,)))

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        """Reads that need no transaction (each bounded by a log position, or a single statement)."""
        with self.sql.statements() as sql:
            yield sql


class SQLiteViewStore(ViewStoreMixin, SQLiteTrackingRecorder):
    dialect = "sqlite"
    tracking_table = "tracking"


class PostgresViewStore(ViewStoreMixin, PostgresTrackingRecorder):
    dialect = "postgres"

    @property
    def tracking_table(self) -> str:  # type: ignore[override]
        return str(self.tracking_table_name)


def open_view_store(settings: Settings) -> SQLiteViewStore | PostgresViewStore:
    """The view store of the configured database, built by the library's factory."""
    as_made = settings.prepare()  # (a command that only reads makes nothing: its tracking table neither)
    env = Environment(VIEWS_ENV_NAME, settings.eventsourcing_env(as_made=as_made))
    with nullcontext() if as_made else settings.schema_lock():
        factory = InfrastructureFactory[TrackingRecorder].construct(env)
        # the URL's libpq parameters (TLS ...), before the pool's first connection (until 2026-12-06, none given)
        apply_postgres_options(getattr(factory, "datastore", None), env.get(POSTGRES_OPTIONS_ENV))
        if settings.store == "sqlite":
            return factory.tracking_recorder(SQLiteViewStore)  # type: ignore[return-value]
        return factory.tracking_recorder(PostgresViewStore)  # type: ignore[return-value]

"""How careerlog events are stored: compact JSON of each event's fields, typed on the way back.

The library's default transcoder tags every date with a type marker. careerlog's events
are typed dataclasses, so the mapper stores plain JSON (dates as ISO strings, amounts as
strings) and converts each field back from the class's type hints. Compression and the
library's cipher (encryption at rest) apply as usual.

`insert_stored_events` writes many stored events at once through the library's own
recorder (its table, transaction, table lock and notification channel), for bulk imports.
Either way a write's client keys are claimed in the transaction that writes its events
(careerlog.keyowners.Claims): the recorders below take them as `Application.save`'s
keyword `client_keys`, which the library hands to the recorder's `_insert_events` with
the transaction's cursor.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import orjson
from eventsourcing.persistence import (
    ApplicationRecorder,
    InterfaceError,
    Mapper,
    MapperDeserialisationError,
    OperationalError,
    StoredEvent,
    Transcoder,
)
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore, PostgresFactory
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteFactory
from eventsourcing.utils import get_topic, resolve_topic, retry
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from careerlog import keyowners, storekey
from careerlog.config import ConfigurationError, KeyMismatch, reads_as_json
from careerlog.domain.errors import RecordedByNewerRelease
from careerlog.domain.payload import json_default, unwrap_optional
from careerlog.sqlstore import Sql
from careerlog.storekey import KeyCheck

Converter = Callable[[Any], Any]
_FROM_JSON: dict[type, Converter] = {
    date: date.fromisoformat,
    datetime: datetime.fromisoformat,
    Decimal: Decimal,
}


@cache
def class_of(topic: str) -> type:
    """The event class a stored topic names (resolved once per topic)."""
    return typing.cast(type, resolve_topic(topic))


_CONVERTERS: dict[type, tuple[tuple[str, Converter], ...]] = {}


def _converters(cls: type) -> tuple[tuple[str, Converter], ...]:
    """The fields of an event class that JSON cannot carry typed, with their converters."""
    found = _CONVERTERS.get(cls)
    if found is None:
        found = _CONVERTERS[cls] = _read_converters(cls)
    return found


def _read_converters(cls: type) -> tuple[tuple[str, Converter], ...]:
    if not dataclasses.is_dataclass(cls):
        return ()
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        kind, _ = unwrap_optional(hints[f.name])
        if kind in _FROM_JSON:
            found.append((f.name, _FROM_JSON[kind]))
        elif typing.get_origin(kind) is tuple:  # (JSON holds a list: `confirmed`)
            found.append((f.name, tuple))
    return tuple(found)


def typed_state(cls: type, state: dict[str, Any]) -> dict[str, Any]:
    """Convert, in place, the JSON values of an event class's dates, times, amounts and tuples."""
    for name, convert in _converters(cls):
        value = state.get(name)
        if value is not None and not isinstance(value, (date, Decimal)):
            state[name] = convert(value)
    return state


class UnreadableEvent(KeyMismatch):
    """A stored event the configured key (or its absence) does not decode: a message naming CAREERLOG_ENCRYPTION_KEY
    (exit 1 on the command line), where it was an internal error (exit 70) or a server's 500."""


class NullTranscoder(Transcoder):
    """Satisfies the library's constructor; CareerMapper encodes with orjson itself."""

    def encode(self, obj: Any) -> bytes:
        return orjson.dumps(obj, default=json_default)

    def decode(self, data: bytes) -> Any:
        return orjson.loads(data)


StoredRow = tuple[str, int, str, bytes]  # subject, version, topic, state: a stored event as a row


_ENCODINGS: dict[type, tuple[str, int]] = {}


def _encoding(cls: type) -> tuple[str, int]:
    """The topic of an event class and its class version."""
    found = _ENCODINGS.get(cls)
    if found is None:
        found = _ENCODINGS[cls] = (get_topic(cls), getattr(cls, "class_version", 1))
    return found


class CareerMapper(Mapper[str]):
    """Maps career events to stored events and back."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        return StoredEvent(*self.to_stored_row(domain_event))

    def to_stored_row(self, domain_event: Any) -> StoredRow:
        """The stored event's columns (as `to_stored_event`, without building a StoredEvent: bulk writes)."""
        state = dict(domain_event.__dict__)
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        topic, class_version = _encoding(type(domain_event))
        if class_version > 1:
            state["class_version"] = class_version
        data = orjson.dumps(state, default=json_default)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return originator_id, originator_version, topic, data

    def to_stored_rows(self, domain_events: Iterable[Any]) -> list[StoredRow]:
        """`to_stored_row` of each event, in order (the same rows, with the per-event lookups done once)."""
        compressor, cipher, encodings = self.compressor, self.cipher, _ENCODINGS
        dumps, default = orjson.dumps, json_default
        rows: list[StoredRow] = []
        append = rows.append
        for event in domain_events:
            state = dict(event.__dict__)
            originator_id = state.pop("originator_id")
            originator_version = state.pop("originator_version")
            cls = type(event)
            topic, class_version = encodings.get(cls) or _encoding(cls)
            if class_version > 1:
                state["class_version"] = class_version
            data = dumps(state, default=default)
            if compressor:
                data = compressor.compress(data)
            if cipher:
                data = cipher.encrypt(data)
            append((originator_id, originator_version, topic, data))
        return rows

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        cls = class_of(stored_event.topic)
        data = stored_event.state
        try:
            if self.cipher:
                data = self.cipher.decrypt(data)
            if self.compressor:
                data = self.compressor.decompress(data)
            state: dict[str, Any] = orjson.loads(data)
        except Exception as e:
            which = f"{stored_event.topic} of {stored_event.originator_id} version {stored_event.originator_version}"
            if self.cipher is not None or not reads_as_json(stored_event.state):
                # (written in plain text into an encrypted store, or the reverse, by a process of a release before
                # the store's marker, careerlog.storekey; or a key not the store's: a clear refusal, not a bug's)
                raise UnreadableEvent(
                    f"CAREERLOG_ENCRYPTION_KEY: the stored event {which} cannot be read "
                    f"{'with this key' if self.cipher is not None else 'without a key (it is encrypted)'}: "
                    "set the key the store's events were written with (docs/operations.md, Encryption at rest). "
                    "Nothing was recorded."
                ) from None
            msg = f"Failed to read stored event {which}: {e}"
            raise MapperDeserialisationError(msg) from e
        class_version = getattr(cls, "class_version", 1)
        from_version = state.pop("class_version", 1)
        if from_version > class_version:  # its fields would be read as this release's version's: misread
            raise RecordedByNewerRelease(
                f"{stored_event.topic} version {from_version} of {stored_event.originator_id} (its event "
                f"{stored_event.originator_version}); this release reads up to version {class_version}"
            )
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        typed_state(cls, state)
        state["originator_id"] = str(stored_event.originator_id)
        state["originator_version"] = stored_event.originator_version
        event: Any = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event


# ------------------------------------------------------------------------- bulk writes

EVENT_COLUMNS = ("originator_id", "originator_version", "topic", "state")
PG_COPY_TYPES = ("text", "int8", "text", "bytea")


# ------------------------------------------------------------------------- recorders


class SQLiteKeyedRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, which also claims the write's client keys (`client_keys`) in its transaction."""

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        check_store_key(self, c)
        claims: keyowners.Claims | None = kwargs.get("client_keys")
        if claims is not None:
            claims.take(keyowners_sql(self, c))
        return super()._insert_events(c, stored_events, **kwargs)


class PostgresKeyedRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, which also claims the write's client keys (`client_keys`) in its
    transaction, before the events table's lock (as the bulk write does: a write waiting for another's claim of a
    key holds no lock the other waits for). Refused at start on a datastore that inserts through the library's
    database function (POSTGRES_ENABLE_DB_FUNCTIONS): its insert skips `_insert_events`, and so the claims."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        if datastore.enable_db_functions:
            raise ConfigurationError(
                "POSTGRES_ENABLE_DB_FUNCTIONS is on: careerlog writes its events with the library's statements, "
                "claiming their client keys in the same transaction, which the library's insert function does not; "
                "unset it (or set it to no)"
            )
        super().__init__(datastore, events_table_name=events_table_name)

    def _insert_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        check_store_key(self, curs)
        claims: keyowners.Claims | None = kwargs.get("client_keys")
        if claims is not None:
            claims.take(keyowners_sql(self, curs), key_owners_table(self))
        super()._insert_events(curs, stored_events, **kwargs)


# The recorder careerlog's application makes on each store's factory (CareerLog.construct_factory).
KEYED_RECORDERS: dict[type, type[ApplicationRecorder]] = {
    SQLiteFactory: SQLiteKeyedRecorder,
    PostgresFactory: PostgresKeyedRecorder,
}


def keyowners_sql(recorder: ApplicationRecorder, cursor: Any) -> Sql:
    """careerlog.sqlstore's Sql on the cursor of a recorder's transaction."""
    return Sql(cursor, "postgres" if isinstance(recorder, PostgresApplicationRecorder) else "sqlite")


def key_owners_table(recorder: PostgresApplicationRecorder, table: str = keyowners.KEY_OWNERS) -> str:
    """The key owners' table (or another of careerlog's, `table`) named in the recorder's schema (its connections'
    search path is not set)."""
    return f"{Identifier(recorder.datastore.schema).as_string(None)}.{table}"


def check_store_key(recorder: ApplicationRecorder, cursor: Any) -> None:
    """Refuse, in the transaction writing events, a store whose marker of its encryption is not this process's
    (careerlog.storekey.KeyCheck, set by CareerLog on its recorder; a recorder of none checks nothing)."""
    check: KeyCheck | None = getattr(recorder, "key_check", None)
    if check is None:
        return
    if isinstance(recorder, PostgresApplicationRecorder):
        check.check(keyowners_sql(recorder, cursor), key_owners_table(recorder, storekey.TABLE))
    else:
        check.check(keyowners_sql(recorder, cursor))


def insert_stored_events(
    recorder: ApplicationRecorder, stored: list[StoredRow], client_keys: keyowners.Claims | None = None
) -> None:
    """Insert many stored events (as rows) in one transaction, as the recorder's own insert would, claiming
    `client_keys` in it first (careerlog.keyowners.Claims.take; a judged key claimed for another record meanwhile
    raises RecordConflictError and nothing is written).

    SQLite: the library's insert statement, in one executemany (its application recorder
    inserts row by row to return notification ids, which a bulk import does not need).
    PostgreSQL: the library's exclusive table lock and NOTIFY, then COPY instead of an
    unnest of composite values. A row whose (subject, version) is taken raises the
    library's IntegrityError, a RecordConflictError, as `Application.save` would.
    """
    if not stored:
        return
    if isinstance(recorder, SQLiteApplicationRecorder):
        _insert_sqlite(recorder, stored, client_keys)
    elif isinstance(recorder, PostgresApplicationRecorder):
        _insert_postgres(recorder, stored, client_keys)
    else:
        recorder.insert_events([StoredEvent(*row) for row in stored], client_keys=client_keys)


def _insert_sqlite(
    recorder: SQLiteApplicationRecorder, stored: list[StoredRow], client_keys: keyowners.Claims | None
) -> None:
    with recorder.datastore.transaction(commit=True) as cursor:
        check_store_key(recorder, cursor)
        if client_keys is not None:
            client_keys.take(keyowners_sql(recorder, cursor))
        cursor.executemany(recorder.insert_events_statement, stored)


@retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
def _insert_postgres(
    recorder: PostgresApplicationRecorder, stored: list[StoredRow], client_keys: keyowners.Claims | None
) -> None:
    datastore = recorder.datastore
    copy_sql = SQL("COPY {}.{} ({}) FROM STDIN (FORMAT BINARY)").format(
        Identifier(datastore.schema),
        Identifier(recorder.events_table_name),
        SQL(", ").join(map(Identifier, EVENT_COLUMNS)),
    )
    with datastore.get_connection() as conn, conn.transaction(), conn.cursor() as cursor:
        check_store_key(recorder, cursor)
        if client_keys is not None:
            client_keys.take(keyowners_sql(recorder, cursor), key_owners_table(recorder))
        recorder._lock_table(cursor)
        recorder._notify_channel(cursor)
        with cursor.copy(copy_sql) as copy:
            copy.set_types(PG_COPY_TYPES)
            for row in stored:
                copy.write_row(row)

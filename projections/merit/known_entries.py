"""Records' entries read straight from the ledger's rows, for the 202/post passed-over comparison
(projections/merit/passed_over.py), which reads the whole records of many colleagues.

`entries_of` gives, per subject, what `Entry.of(app.decode(row))` gives of each stored row
(`CareerMapper.to_domain_event` then `Entry.of`), without making the event: the row's JSON
state, its dates and amounts typed as the mapper types them (`typed_state`), read as the event's
fields. A row whose state lacks one of the fields read (the event would read the class's
default), is stored with an older class version (upcast on reading), or any row of a store with
a cipher or compression, is decoded by careerlog as usual.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import orjson
from eventsourcing.utils import get_topic
from psycopg.rows import tuple_row

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.domain.payload import payload_fields
from careerlog.persistence import class_of, typed_state
from careerlog.sqlstore import IN_LIST_MAX, SqlStore, events_statement
from projections.career import Entry

COMMON = ("effective_date", "timestamp", "reference", "recorded_by", "migrated")
COLUMNS = ("originator_id", "originator_version", "topic", "state")  # of a stored row, in order
Stored = tuple[str, int, str, Any]  # a stored row: subject, version, topic, state (bytes)
_NAMES: dict[type[LedgerEvent], tuple[tuple[str, ...], frozenset[str]]] = {}


def payload_names(cls: type[LedgerEvent]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The payload fields `payload_values` reads of an event class, in order, and every field an
    entry reads of it."""
    found = _NAMES.get(cls)
    if found is None:
        names = tuple(spec.name for spec in payload_fields(cls))
        found = _NAMES[cls] = (names, frozenset((*COMMON, *names)))
    return found


def entries_of(app: CareerLog, subjects: Sequence[str], kinds: Sequence[str] = ()) -> dict[str, list[Entry]]:
    """The entries of many records in order (by version), a few hundred records per query; of
    some kinds only, if given (the rows of their event classes' topics)."""
    mapper: Any = app.mapper
    plain = not (mapper.cipher or mapper.compressor)
    found: dict[str, list[Entry]] = {}
    for row in event_rows(app, subjects, [get_topic(BY_KIND[kind]) for kind in kinds]):
        entry = stored_entry(*row[1:]) if plain else None
        if entry is None:
            entry = Entry.of(decoded(app, row))
        found.setdefault(row[0], []).append(entry)
    return found


def event_rows(app: CareerLog, subjects: Sequence[str], topics: Sequence[str] = ()) -> Iterator[Stored]:
    """The stored rows of some subjects (of some topics only, if given) by subject and version, as
    `select_events_of` reads them but as tuples: no dict made per row."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        cursor: Any = sql.cursor  # made for this block
        cursor.row_factory = tuple_row if sql.dialect == "postgres" else None
        for start in range(0, len(subjects), IN_LIST_MAX):
            sql.execute(*events_statement(table, subjects[start : start + IN_LIST_MAX], topics=topics))
            yield from cursor.fetchall()


def decoded(app: CareerLog, row: Stored) -> LedgerEvent:
    """A stored row's event, as careerlog decodes it (`CareerLog.decode`)."""
    return app.decode(dict(zip(COLUMNS, row, strict=True)))


def plain_entry(row: Any) -> Entry | None:
    """`Entry.of(app.decode(row))` of a stored row (a dict), read from its state; None if it does not read plainly."""
    return stored_entry(row["originator_version"], row["topic"], row["state"])


def stored_entry(version: int, topic: str, stored: Any) -> Entry | None:
    """`plain_entry` of a stored row's version, topic and state."""
    cls: Any = class_of(topic)
    state = orjson.loads(bytes(stored))
    if "class_version" in state or getattr(cls, "class_version", 1) != 1:
        return None
    names, read = payload_names(cls)
    if not state.keys() >= read:
        return None
    typed_state(cls, state)
    return Entry(
        version,
        cls.KIND,
        state["effective_date"],
        state["timestamp"],
        state["reference"],
        {n: state[n] for n in names},
        state["recorded_by"],
        state["migrated"],
    )

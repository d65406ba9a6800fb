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

from collections.abc import Sequence
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.domain.payload import payload_fields
from careerlog.persistence import class_of, typed_state
from careerlog.sqlstore import SqlStore, select_events_of
from projections.career import Entry

COMMON = ("effective_date", "timestamp", "reference", "recorded_by", "migrated")
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
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    topics = [get_topic(BY_KIND[kind]) for kind in kinds]
    with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        for row in select_events_of(sql, table, subjects, topics=topics):
            entry = plain_entry(row) if plain else None
            if entry is None:
                entry = Entry.of(app.decode(row))
            found.setdefault(row["originator_id"], []).append(entry)
    return found


def plain_entry(row: Any) -> Entry | None:
    """`Entry.of(app.decode(row))` of a stored row, read from its state; None if it does not read plainly."""
    cls: Any = class_of(row["topic"])
    state = orjson.loads(bytes(row["state"]))
    if "class_version" in state or getattr(cls, "class_version", 1) != 1:
        return None
    names, read = payload_names(cls)
    if not state.keys() >= read:
        return None
    typed_state(cls, state)
    return Entry(
        row["originator_version"],
        cls.KIND,
        state["effective_date"],
        state["timestamp"],
        state["reference"],
        {n: state[n] for n in names},
        state["recorded_by"],
        state["migrated"],
    )

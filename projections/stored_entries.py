"""A record's entries read straight from the ledger's stored rows, without making the events.

`stored_entry` gives what `Entry.of(app.decode(row))` gives of a stored row
(`CareerMapper.to_domain_event` then `Entry.of`): the row's JSON state, its dates and amounts
typed as the mapper types them (`typed_state`), read as the event's fields. A row whose state
lacks one of the fields read (the event would read the class's default) or is stored with an
older class version (upcast on reading) gives None, unless the class's upcasters only add fields with
fixed values (`UPCAST_DEFAULTS`: a version-1 rating's score), which are added here alike: else the
caller decodes it as careerlog does,
as it does every row of a store with a cipher or compression. The projector reads every
rebuild's and catch-up's rows this way (projections/framework.py), the 202/post passed-over
comparison its colleagues' records (projections/merit/known_entries.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import orjson
from psycopg.rows import tuple_row

from careerlog.application import CareerLog
from careerlog.domain.events import LedgerEvent
from careerlog.domain.payload import payload_fields
from careerlog.persistence import _converters, class_of
from careerlog.sqlstore import Sql
from projections.career import Entry

COLUMNS = ("originator_id", "originator_version", "topic", "state")  # of a stored row, in order
Stored = tuple[str, int, str, Any]  # a stored row as a tuple: subject, version, topic, state (bytes)
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


# What reading a topic's rows needs, looked up once per topic (a rebuild reads some 40 rows per
# record): its class, the class's kind and payload field names, every field an entry reads, whether
# the class's version and what its upcasters add to an older state (None: they do more than add fixed
# values, so older rows are not read plainly; `plain_upcast`), and the fields `typed_state` converts, in
# its order, each with its converter (None: a date, read through `_DAYS`).
Topic = tuple[Any, str, tuple[str, ...], frozenset[str], int, dict[str, Any] | None, tuple[tuple[str, Any], ...]]
_TOPICS: dict[str, Topic] = {}


def plain_upcast(cls: Any) -> dict[str, Any] | None:
    """What the upcasters of an event class add to a state of its first version: nothing for a first version;
    its `UPCAST_DEFAULTS` for a second version that declares them (a state without the field gets its value,
    as `upcast_v1_v2` gives it); None otherwise (the mapper's upcasters must run)."""
    version = getattr(cls, "class_version", 1)
    if version == 1:
        return {}
    defaults = getattr(cls, "UPCAST_DEFAULTS", None)
    return dict(defaults) if version == 2 and defaults is not None else None


def _topic(topic: str) -> Topic:
    found = _TOPICS.get(topic)
    if found is None:
        cls: Any = class_of(topic)
        names, read = payload_names(cls)
        converters = tuple(
            (name, None if convert == date.fromisoformat else convert) for name, convert in _converters(cls)
        )
        version = getattr(cls, "class_version", 1)
        found = _TOPICS[topic] = (cls, cls.KIND, names, read, version, plain_upcast(cls), converters)
    return found


# The dates of the day texts read so far, each with whether it is the text `isoformat()` gives of it
# (`_ISO_DAY`): a ledger holds a few thousand distinct days (12,000 in 420,000 events), read as often
# as its events hold them (some 600,000 dates in those events). Up to `_DAYS_KEPT` texts are kept.
_DAYS: dict[str, tuple[date, bool]] = {}
_DAYS_KEPT = 200_000


def _day(text: str) -> tuple[date, bool]:
    """`date.fromisoformat(text)` and whether `text` is its `isoformat()`, kept in `_DAYS` while there is room."""
    found = (date.fromisoformat(text), _ISO_DAY(text) is not None)
    if len(_DAYS) < _DAYS_KEPT:
        _DAYS[text] = found
    return found


def stored_entry(version: int, topic: str, stored: Any) -> Entry | None:
    """`Entry.of(app.decode(row))` of a stored row, from its version, topic and state (its state read as it is);
    None if it does not read plainly."""
    read = _READERS.get(topic)
    return (read if read is not None else _reader(topic))(version, stored)


# A topic's reader: `stored_entry` of its rows, its steps written out for the topic's class (`_reader_source`)
Reader = Callable[[int, Any], "Entry | None"]
_READERS: dict[str, Reader] = {}


def _reader(topic: str) -> Reader:
    found = _READERS.get(topic)
    if found is None:
        _, kind, names, _, class_version, added, converters = _topic(topic)
        source = _reader_source(names, added, converters)
        namespace: dict[str, Any] = {}
        exec(source, globals(), namespace)  # noqa: S102 - built from the event class's own field names
        found = _READERS[topic] = namespace["make"](
            kind, class_version, added, *(convert for _, convert in converters if convert is not None)
        )
    return found


def _reader_source(
    names: tuple[str, ...], added: dict[str, Any] | None, converters: tuple[tuple[str, Any], ...]
) -> str:
    """The source of a topic's reader (`make(kind, class_version, added, *converters)` gives it): the steps of
    reading a row of it, in this order: its state's JSON; None if its class's upcasters do more than add fixed
    values (`plain_upcast`), or if the row is of another class version (or names its first one); else the fixed
    values added to a first-version state; then each field `typed_state` converts, in its order, into a local
    variable read once (a day's text through `_DAYS`, looked up in the module when read: its date, and whether
    the text is its isoformat, the effective date's `day_text`), and the entry from those and the state (None if a
    field it reads is missing: KeyError). One function per topic instead of a loop over its fields and a dict
    comprehension of its payload (a rebuild reads every row so); the converted values kept in locals, not written
    back into the state and read from it again (some 8% less CPU reading a demo's rows).
    """
    made = [f"conv_{i}" for i, (_, convert) in enumerate(converters) if convert is not None]
    lines = [
        f"def make(kind, class_version, added, {''.join(c + ', ' for c in made)}):",
        "    def read(version, stored):",
        "        state = _loads(bytes(stored))",
    ]
    if added is None:
        lines.append("        return None")
    else:
        lines += [
            '        if "class_version" in state:',
            '            if state.pop("class_version") != class_version or class_version == 1:',
            "                return None",
        ]
        if added:
            lines.append("        else:")
            lines += [f"            state.setdefault({name!r}, added[{name!r}])" for name in added]
        # each converted field a local (`typed_state`'s value), read once: one the entry reads by `state[...]`
        # (KeyError when missing, as below), any other by `state.get`; the rest of the entry read from the state
        read = {*names, *COMMON}
        held: dict[str, str] = {}
        lines.append("        try:  # a field read missing (the event would read the class's default): KeyError")
        for i, (name, convert) in enumerate(converters):
            local = held[name] = f"v_{i}"
            lookup = f"state[{name!r}]" if name in read else f"state.get({name!r})"
            lines += [f"            {local} = {lookup}"]
            if name == "timestamp":
                lines.append(f"            stamp = {local}")
            if name == "effective_date":
                lines.append("            day_text = None")
            lines.append(f"            if {local} is not None:")
            if convert is not None:
                lines.append(f"                {local} = conv_{i}({local})")
                continue
            lines += [
                f"                if type({local}) is str:",
                f"                    day = _DAYS.get({local})",
                "                    if day is None:",
                f"                        day = _day({local})",
            ]
            if name == "effective_date":
                lines += ["                    if day[1]:", f"                        day_text = {local}"]
            lines += [
                f"                    {local} = day[0]",
                "                else:",
                f"                    {local} = _fromisoformat({local})",
            ]
        if "timestamp" not in held:
            lines.append('            stamp = state["timestamp"]')
        if "effective_date" not in held:
            lines.append("            day_text = None")

        def value(name: str) -> str:
            return held.get(name, f"state[{name!r}]")

        confirmed = held.get("confirmed", 'state.get("confirmed")')
        values = ", ".join(f"{n!r}: {value(n)}" for n in names)
        lines += [
            "            return Entry(",
            "                version,",
            "                kind,",
            f"                {value('effective_date')},",
            f"                {value('timestamp')},",
            '                state["reference"],',
            f"                {{{values}}},",
            '                state["recorded_by"],',
            '                state["migrated"],',
            "                day_text,",
            "                stamp if type(stamp) is str and _ISO_UTC_SECOND(stamp) else None,",
            f"                {confirmed} or (),  # (a tuple: `typed_state`'s conversion, above)",
            "            )",
            "        except KeyError:",
            "            return None",
        ]
    lines += ["    return read", ""]
    return "\n".join(lines)


_loads = orjson.loads  # (names the readers read)
_fromisoformat = date.fromisoformat


# Stored texts that `date.fromisoformat(text).isoformat()` / `datetime.fromisoformat(text).isoformat()`
# give back unchanged: digits and separators at fixed places, a time to the second in UTC (as careerlog
# stores them). Any other form the parsers accept (a week date, no separators, a fraction, another offset,
# "Z") is formatted again from the value.
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII).fullmatch
_ISO_UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", re.ASCII).fullmatch


def tuple_rows(sql: Sql) -> None:
    """Have the cursor of a block made for it (`SqlStore.statements`, `reading`) give rows as tuples in
    the order of the columns selected: no mapping made per row (a sqlite3.Row also looks each name up)."""
    cursor: Any = sql.cursor
    cursor.row_factory = tuple_row if sql.dialect == "postgres" else None


def row_entries(app: CareerLog, rows: Iterable[Stored]) -> list[Entry]:
    """`Entry.of(app.decode(row))` of each stored row (a tuple, `COLUMNS`): read straight from its state
    (`stored_entry`) when the store has no cipher or compressor and the row reads plainly, else through
    the event."""
    mapper: Any = app.mapper
    if mapper.cipher or mapper.compressor:
        return [Entry.of(decoded(app, row)) for row in rows]
    readers = _READERS  # `stored_entry` of each row, its topic's reader looked up here
    return [(readers.get(row[2]) or _reader(row[2]))(row[1], row[3]) or Entry.of(decoded(app, row)) for row in rows]


def decoded(app: CareerLog, row: Stored) -> LedgerEvent:
    """A stored row's event (a tuple, `COLUMNS`), as careerlog decodes it (`CareerLog.decode`)."""
    return app.decode(dict(zip(COLUMNS, row, strict=True)))

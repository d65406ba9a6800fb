"""Records' entries read straight from the ledger's rows, for the 202/post passed-over comparison
(projections/merit/passed_over.py), which reads the whole records of many colleagues.

`entries_of` gives, per subject, what `Entry.of(app.decode(row))` gives of each stored row
(`CareerMapper.to_domain_event` then `Entry.of`), without making the event where the row reads
plainly (`stored_entry`, projections/stored_entries.py); any other row, and every row of a store
with a cipher or compression, is decoded by careerlog as usual.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.domain.events import CLASSES_OF_KIND
from careerlog.sqlstore import SqlStore, chunked, events_statement
from projections.career import Entry
from projections.stored_entries import Stored, decoded, stored_entry, tuple_rows


def entries_of(app: CareerLog, subjects: Sequence[str], kinds: Sequence[str] = ()) -> dict[str, list[Entry]]:
    """The entries of many records in order (by version), a few hundred records per query; of
    some kinds only, if given (the rows of every class stored under each: an appointment afresh of a voided
    record too, `CLASSES_OF_KIND`)."""
    mapper: Any = app.mapper
    plain = not (mapper.cipher or mapper.compressor)
    found: dict[str, list[Entry]] = {}
    for row in event_rows(app, subjects, [get_topic(cls) for kind in kinds for cls in CLASSES_OF_KIND[kind]]):
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
        tuple_rows(sql)  # its cursor is made for this block
        for chunk in chunked(subjects):
            sql.execute(*events_statement(table, chunk, topics=topics))
            yield from sql.cursor.fetchall()


def latest_versions(app: CareerLog, subjects: Sequence[str]) -> dict[str, int]:
    """Each subject's last version in the ledger (a subject with no event left out): a record's events are never
    changed or removed, so a subject's last version names everything a record read of it holds (`entries_of`,
    `read_ratings`); one index lookup per subject, a few hundred per query."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    found: dict[str, int] = {}
    with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        tuple_rows(sql)
        for chunk in chunked(subjects):
            sql.execute(
                f"SELECT originator_id, MAX(originator_version) FROM {table} "
                f"WHERE originator_id IN ({', '.join('?' * len(chunk))}) GROUP BY originator_id",
                list(chunk),
            )
            found.update((str(subject), int(version)) for subject, version in sql.cursor.fetchall())
    return found

"""Export of the complete log as JSON Lines in the import format, with recorded times.

Importing an export with `careerlog import --migration` into an empty store (SQLite or
PostgreSQL) gives an equivalent store: the same events, versions and recorded times.
Events the system derives (the mentor's side of mentoring and its retraction, a unit's
registration) are left out: the import derives them again. A correction of the mentor's side (made with the
mentee's since 2026-12-03) is written, and the import takes it as a row: a log recorded before holds none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import IO

import orjson

from careerlog.application import CareerLog, event_row
from careerlog.domain.events import EventRetracted
from careerlog.visible import json_on_terminal

# What an export leaves out, by the kind of event, as its summary names them: the system's own events, derived from
# the facts, which `import --migration` derives again (and would refuse as rows of their own)
LEFT_OUT = {  # (one, more)
    "mentee_assigned": ("mentor's side of a mentoring start", "mentors' sides of a mentoring start"),
    "mentee_released": ("mentor's side of a mentoring end", "mentors' sides of a mentoring end"),
    "unit_registration": ("unit's registration", "units' registrations"),
    "retraction": ("retraction of a mentor's side", "retractions of a mentor's side"),
}


def export_events(
    app: CareerLog,
    stream: IO[bytes],
    *,
    progress: Callable[[int], None] | None = None,
    shown: bool = False,
    left: Counter[str] | None = None,
) -> int:
    """Write every recordable event, in recording order; return how many were written.

    Each line as orjson writes it (its texts byte for byte, which `careerlog import` reads back the same), or,
    `shown` (the stream is a terminal: `careerlog export` with standard output one), with the characters a terminal
    runs that JSON leaves as they are (DEL, the C1 controls, the bidi overrides and isolates, the line separators)
    written as JSON's \\uXXXX escapes (careerlog.visible.json_on_terminal): the same JSON values, the line shown as
    it is recorded, not reordered by a U+202E or cut by a U+009B (a terminal's CSI). JSON escapes the C0 controls
    (ESC as \\u001b) itself.

    A retraction of a fact the system keeps (the mentor's MenteeAssigned, retracted with the mentee's mentoring
    start) is the system's too: the import makes it again when it retracts the mentoring start, and would refuse it
    as a row of its own. A correction of it is written: a migration derives none (a log recorded before such
    corrections were carried to the mentor's side holds none, and is restored so).

    `left`: counts the events left out, by kind (LEFT_OUT), for the summary (`exported_summary`)."""
    written = 0
    derived: set[tuple[str, int]] = set()  # the facts the system keeps, each recorded before its retraction
    for _, event in app.iter_events():
        if progress:
            progress(1)
        if not type(event).RECORDABLE:
            derived.add((event.originator_id, event.originator_version))
            if left is not None:
                left[type(event).KIND] += 1
            continue
        if isinstance(event, EventRetracted) and (event.originator_id, event.target_version) in derived:
            if left is not None:
                left[EventRetracted.KIND] += 1
            continue
        line = orjson.dumps(event_row(event))
        stream.write(json_on_terminal(line.decode()).encode() if shown else line)
        stream.write(b"\n")
        written += 1
    return written


def exported_summary(written: int, left: Counter[str]) -> str:
    """`careerlog export`'s last line: the facts written and, when the log holds more events, which it left out and
    why. It said "exported 21854 events" of a log whose `careerlog info` said position 21997, the 143 events it had
    left out (the system's own) unsaid, as if lost; and without the thousands separators the other messages have."""
    facts = f"{written:,} fact{'' if written == 1 else 's'}"
    total = sum(left.values())
    if not total:
        return f"exported {facts} (every event of the log)"
    each = ", ".join(
        f"{left[kind]:,} {LEFT_OUT.get(kind, (kind, kind))[left[kind] != 1]}"
        for kind in sorted(left, key=lambda k: -left[k])
    )
    return (
        f"exported {facts} (of {written + total:,} events in the log: {total:,} {'is' if total == 1 else 'are'} the "
        f"system's own, derived from the facts, which `careerlog import --migration` derives again: {each})"
    )

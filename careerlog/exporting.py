"""Export of the complete log as JSON Lines in the import format, with recorded times.

Importing an export with `careerlog import --migration` into an empty store (SQLite or
PostgreSQL) gives an equivalent store: the same events, versions and recorded times.
Events the system derives (the mentor's side of mentoring, a unit's registration) are
left out: the import derives them again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

import orjson

from careerlog.application import CareerLog, event_row


def export_events(app: CareerLog, stream: IO[bytes], *, progress: Callable[[int], None] | None = None) -> int:
    """Write every recordable event, in recording order; return how many were written."""
    written = 0
    for _, event in app.iter_events():
        if progress:
            progress(1)
        if not type(event).RECORDABLE:
            continue
        stream.write(orjson.dumps(event_row(event)))
        stream.write(b"\n")
        written += 1
    return written

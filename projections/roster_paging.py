"""The roster's order, its cursors (keyset pagination) and its totals counted once per view position.

The roster is sorted by one column, then by NIP in the same direction. Employees without a
value in the column (no rank, no birth date...) come after all others in ascending order and
before them in descending order, on both stores. A page read `after` a cursor starts just
after the cursor's row through the index on (column, subject), so it costs the same on the
last page as on the first, where an OFFSET reads and skips every row before the page.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cachetools import LRUCache

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.keyset import column_holds, decode_cursor, encode_cursor
from careerlog.sqlstore import Row, Sql

NOT_A_CURSOR = Refusal("Not a cursor of this list: pass the `next` of a page with the same sort.").reason()
INTEGER_SORTS = frozenset({"rank_order"})  # the roster's sort columns of INTEGER type (projections.roster); text others
DATE_SORTS = frozenset({"rank_since", "appointed_on", "birth_date"})  # its text columns of days (2024-04-01)
ROSTER = "roster"  # where a page's rows come from without a search by name (the table)


@dataclass(frozen=True)
class Segment:
    """Part of the order: the rows it holds (a SQL condition and its parameters) and their order."""

    condition: str
    params: tuple[Any, ...]
    order: str


@dataclass(frozen=True)
class RosterOrder:
    column: str
    descending: bool

    @property
    def direction(self) -> str:
        return "DESC" if self.descending else "ASC"

    def sql(self) -> str:
        """The ORDER BY of a page by number (no value counting as the largest, as PostgreSQL's default)."""
        d = self.direction
        if self.column == "subject":
            return f"subject {d}"
        return f"{self.column} {d} NULLS {'FIRST' if self.descending else 'LAST'}, subject {d}"

    def segments_after(self, value: Any, subject: str) -> list[Segment]:
        """The parts of the order that follow the row (value, subject), the first of them bounded by it."""
        col, d = self.column, self.direction
        beyond = "<" if self.descending else ">"
        if col == "subject":
            return [Segment(f"subject {beyond} ?", (subject,), f"subject {d}")]
        valued = f"{col} {d}, subject {d}"
        if value is None:
            nulls = Segment(f"{col} IS NULL AND subject {beyond} ?", (subject,), f"subject {d}")
            return [nulls, Segment(f"{col} IS NOT NULL", (), valued)] if self.descending else [nulls]
        after = Segment(f"{col} IS NOT NULL AND ({col}, subject) {beyond} (?, ?)", (value, subject), valued)
        return [after] if self.descending else [after, Segment(f"{col} IS NULL", (), f"subject {d}")]

    def rows_after(
        self, sql: Sql, where: str, params: list[Any], cursor: tuple[Any, str], limit: int, source: str = ROSTER
    ) -> list[Row]:
        """Up to `limit` rows of `source` (`page_read`'s) matching `where` that follow the cursor's row, in order."""
        rows: list[Row] = []
        for segment in self.segments_after(*cursor):
            rows += sql.query(*segment_read(where, params, segment, limit - len(rows), source))
            if len(rows) >= limit:
                break
        return rows

    def first_read_after(
        self, where: str, params: list[Any], cursor: tuple[Any, str], limit: int, source: str = ROSTER
    ) -> tuple[str, list[Any]]:
        """The statement and parameters `rows_after` reads first (its first segment; for reading it ahead)."""
        return segment_read(where, params, self.segments_after(*cursor)[0], limit, source)

    def next_cursor(self, row: Row, sort: str) -> str:
        """The cursor of the page after the one ending with this row (careerlog.keyset's form)."""
        return encode_cursor([sort, self.descending, row[self.column], row["subject"]])

    def cursor(self, text: str, sort: str) -> tuple[Any, str]:
        """The (value, subject) of a cursor this order gave; InvalidInput (on `after`) for anything else."""
        found = decode_cursor(text, NOT_A_CURSOR)
        if (
            len(found) != 4
            or found[:2] != [sort, self.descending]
            or not column_holds(found[3], str)
            or not self.holds(found[2])
        ):
            raise InvalidInput(NOT_A_CURSOR, "after")
        return found[2], found[3]

    def holds(self, value: Any) -> bool:
        """Whether a cursor's value is one the sort's column holds: None, a whole number for the rank's order (an
        INTEGER column; not a flag), a day for a column of days (2024-04-01), text without NUL for the others.
        Anything else, which only a hand-made cursor carries, the database would refuse to compare (PostgreSQL:
        an error, answered as a 503) or compare as no row holds it (a birth date of 1990-13-45 answered an empty
        page)."""
        kind = int if self.column in INTEGER_SORTS else date if self.column in DATE_SORTS else str
        return value is None or column_holds(value, kind)


def segment_read(
    where: str, params: Sequence[Any], segment: Segment, limit: int, source: str = ROSTER
) -> tuple[str, list[Any]]:
    """The statement and parameters reading up to `limit` rows of `source` (`page_read`'s) of a segment of the order
    matching `where` (the limit written in the statement: see `page_read`)."""
    condition = " AND ".join([*([where.removeprefix(" WHERE ")] if where else []), segment.condition])
    return (
        f"SELECT * FROM {source} WHERE {condition} ORDER BY {segment.order} LIMIT {int(limit)}",
        [*params, *segment.params],
    )


def page_read(
    where: str,
    params: Sequence[Any],
    order: RosterOrder,
    limit: int,
    offset: int,
    dialect: str = "sqlite",
    source: str = ROSTER,
) -> tuple[str, list[Any]]:
    """The statement and parameters reading up to `limit` rows of `source` matching `where` in `order`, after the
    first `offset` (a page by number). `source` is the roster, or the rows a search by name found
    (projections.queries.search_source: a subquery named roster, whose parameters come first in `params`).

    Past the first page the page's NIPs are found first, skipping the offset in an index, and only their rows are
    read (a deferred join, or late row lookup): read at once, every skipped row would be fetched from the table
    too, whereas an index on (column, subject) (or the primary key, for the NIP) gives the order and the NIP
    without it. On PostgreSQL that is an index-only scan wherever the filters' columns are in the index as well
    (no filter; a range of the sort's own column: years in rank by rank_since, an age band by birth_date; an
    agency by agency or NIP, a unit by unit; a search by name), on pages VACUUM has marked all-visible; other
    filters read the table for the skipped rows as before. SQLite reads an index entry's table row only once
    its columns are asked for, so its OFFSET skipped in the index already: the join changes less there
    (docs/architecture.md). The first page skips nothing and reads its rows at once.

    On PostgreSQL (`dialect`) the NIPs found are an array the rows are read by, `subject = ANY(ARRAY(...))`, not a
    subquery joined to the table: the same rows in the same order (NIPs are unique; the same ORDER BY), read by the
    primary key as the join read them, and no join for the planner to weigh, which it does again for every page
    (the offset is in the statement): 0.05-0.1 ms less planning a page (EXPLAIN's planning time at a million rows).
    SQLite has no arrays: the join.

    The limit and offset are written in the statement (whole numbers, never the caller's text), not passed as
    parameters: psycopg prepares a statement once it has run five times on a connection, and PostgreSQL may then
    plan it once for any parameters, taking a LIMIT it cannot see for a tenth of the rows. It then read a
    province's first page by name (substr(region, 1, 2) = ?, Queries._roster_where) as all its 70,000 rows from
    two indexes, sorted, 290 ms at a million rows, where its plan for LIMIT 51 reads 51 entries of the
    province's name index (0.4 ms)."""
    limit, offset = int(limit), int(offset)
    if offset == 0:
        return f"SELECT * FROM {source}{where} ORDER BY {order.sql()} LIMIT {limit} OFFSET 0", list(params)
    keys = f"SELECT subject FROM {source}{where} ORDER BY {order.sql()} LIMIT {limit} OFFSET {offset}"
    if dialect == "postgres":
        return f"SELECT * FROM roster WHERE subject = ANY(ARRAY({keys})) ORDER BY {order.sql()}", list(params)
    return (
        f"SELECT roster.* FROM roster JOIN ({keys}) AS page USING (subject) ORDER BY {order.sql()}",
        list(params),
    )


def position_read(tracking_table: str, view: str) -> tuple[str, tuple[str]]:
    """The statement and parameters reading a view's position in the log (for `RosterTotals.count`)."""
    return f"SELECT MAX(notification_id) AS n FROM {tracking_table} WHERE application_name = ?", (view,)


class RosterTotals:
    """Totals per filter, each valid while the roster view stays at the position it was counted at.

    The view is a function of the log up to its position, so a total counted at a position
    is exact for as long as the view is there; the least recently used are forgotten.
    """

    def __init__(self, size: int = 1024):
        self.size = size
        self._found: LRUCache[Hashable, tuple[int, int]] = LRUCache(size)
        self._lock = threading.Lock()

    def get(self, key: Hashable, position: int) -> int | None:
        with self._lock:
            found = self._found.get(key)  # a lookup makes it the most recently used
            if found is None or found[0] != position:
                return None
            return found[1]

    def put(self, key: Hashable, position: int, total: int) -> None:
        with self._lock:
            self._found[key] = (position, total)  # the least recently used forgotten past `size`

    def count(
        self, sql: Sql, tracking_table: str | None, view: str, source: str, where: str, params: Sequence[Any]
    ) -> int:
        """COUNT(*) of `source` (a table, with its alias if `where` uses one) with the WHERE clause: the
        total counted before at the view's present position when there is one (given the views'
        `tracking_table`), else counted now (and kept, when the position is known)."""
        position = None
        if tracking_table is not None:
            position = sql.scalar(*position_read(tracking_table, view))
        key = (source, where, tuple(params))
        found = self.get(key, position) if position is not None else None
        if found is None:
            found = int(sql.scalar(f"SELECT COUNT(*) AS n FROM {source}{where}", list(params)))
            if position is not None:
                self.put(key, position, found)
        return found

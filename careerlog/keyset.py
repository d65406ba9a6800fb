"""Cursors of lists read in a fixed order (keyset pagination): a page read `after` a cursor starts just after the
row the cursor names, whatever rows were added or removed before it since, where a page by number (OFFSET) shifts
by as many rows as were added before it (a newest-first log gains its new rows on page 1, pushing every row one
place on at each; a list by TMT gains a late-recorded decision anywhere).

A cursor is the list's name and the values of its order's columns in the row it names, as JSON in URL-safe
base64 without padding: opaque to a client, checked on the way back in (`Keyset.cursor`) so that only the values a
column holds reach the database. The roster's cursors (projections.roster_paging) are written and read the same
way.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import MAX_TEXT
from careerlog.domain.wording import Refusal

NOT_A_CURSOR = Refusal("Not a cursor of this list: pass the `next` of a page of the same list.").reason()


# The most bytes a cursor's JSON holds (two texts of MAX_TEXT characters of up to 6 bytes each, a control character's
# escape, and the rest): a packed cursor (`encode_cursor`) that unpacks to more is none a list gave
MAX_CURSOR_JSON = 2 * MAX_TEXT * 6 + 200


def encode_cursor(values: Sequence[Any]) -> str:
    """A cursor of these values: their JSON, packed (zlib) when that is shorter, in URL-safe base64 unpadded.

    Packed, a cursor of long non-ASCII or control-character texts fits a URL comfortably: two 500-character texts of
    control characters (six bytes each as JSON, escaped) gave a 7,167-character cursor as JSON, near the 8,000
    bytes a URL may have (web.security.MAX_URL_BYTES) and past gunicorn's default request line (4,094); packed,
    1,598, and 4,100 for random characters beyond the BMP (4 bytes each, hardly packed: 5,380 as JSON). JSON (a
    list: `[`) and zlib's stream (`x`) start apart, so a cursor given before 2026-12-06 (JSON always) reads as it
    did, and a short one (nearly all) is still JSON."""
    text = orjson.dumps(list(values))
    packed = zlib.compress(text, 9)
    return base64.urlsafe_b64encode(packed if len(packed) < len(text) else text).rstrip(b"=").decode()


def decode_cursor(text: str, reason: str = NOT_A_CURSOR, field: str = "after") -> list[Any]:
    """The values of a cursor `encode_cursor` wrote; InvalidInput (on `field`) for anything else."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if data[:1] == b"x":  # (packed: zlib's stream; unpacked no further than a cursor's JSON can be)
            unpacking = zlib.decompressobj()
            data = unpacking.decompress(data, MAX_CURSOR_JSON)
            # (bytes after the stream's end, `unused_data`, would be ignored: two texts one cursor)
            if unpacking.unconsumed_tail or not unpacking.eof or unpacking.unused_data:
                raise ValueError("not a cursor")
        found = orjson.loads(data)
    except (binascii.Error, ValueError, zlib.error):
        raise InvalidInput(reason, field) from None
    if not isinstance(found, list):
        raise InvalidInput(reason, field)
    return found


def column_holds(value: Any, kind: type) -> bool:
    """Whether a cursor's value is one a column of this kind holds: a whole number within 64 bits for an INTEGER
    (not a flag), a day as the column writes it (2024-04-01, a TEXT column of days: `date`), text without NUL for
    TEXT. Anything else, which only a hand-made cursor carries, the database would refuse to compare (PostgreSQL:
    an error) or compare as no row holds it: a day that is none (2024-13-45) answered an empty page."""
    if kind is int:
        return type(value) is int and -(2**63) <= value < 2**63
    if kind is date:
        return type(value) is str and iso_day(value)
    return type(value) is str and "\x00" not in value


def iso_day(text: str) -> bool:
    """Whether the text is a day as the views write one, YYYY-MM-DD of ASCII digits, and a day of the calendar
    (date.fromisoformat alone also takes 20240401 and 2024-W14-1)."""
    if len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Keyset:
    """A list's order: columns that tell every row apart (the last of them a key), all in one direction, and the
    cursors naming a row in it."""

    name: str  # the list's: a cursor of another list is refused
    columns: tuple[str, ...]  # in SQL, as the list's statement names them (e.g. `d.tmt`)
    keys: tuple[str, ...]  # the same values' keys in a row read
    kinds: tuple[type, ...]  # str, date (a TEXT column of days) or int, per column (none of them NULL)
    descending: bool = False

    def order_by(self) -> str:
        """The list's ORDER BY (without the words)."""
        direction = " DESC" if self.descending else ""
        return ", ".join(f"{column}{direction}" for column in self.columns)

    def after(self, cursor: Sequence[Any], *, first_alone: bool = True) -> tuple[str, list[Any]]:
        """The SQL condition keeping the rows after the cursor's in the order, and its parameters: a row value
        comparison, with the first column bounded on its own too (`first_alone`: an index on that column alone, as
        the access log's on `at`, then reads from the cursor on: PostgreSQL compares a row value in an index only
        on all its columns). Without it, the row value alone: SQLite, given both, searches an index of all the
        columns by the first alone and checks the row values after (`SEARCH ... (tmt>? AND tmt<?)`), reading
        every row of the cursor's first value before it (a batch of an audit download reading its whole TMT day);
        given the row value alone, it searches the index by it."""
        return self.bound(cursor, ">" if not self.descending else "<", "", first_alone)

    def up_to(self, cursor: Sequence[Any], *, first_alone: bool = True) -> tuple[str, list[Any]]:
        """The SQL condition keeping the rows up to the cursor's in the order, the cursor's own row among them, and
        its parameters (the first column bounded on its own too with `first_alone`, as `after`)."""
        return self.bound(cursor, "<" if not self.descending else ">", "=", first_alone)

    def bound(self, cursor: Sequence[Any], direction: str, inclusive: str, first_alone: bool) -> tuple[str, list[Any]]:
        """The rows' row value compared (`direction`, `<` or `>`, and `=` when `inclusive`) with the cursor's."""
        marks = ", ".join("?" * len(self.columns))
        compared = f"({', '.join(self.columns)}) {direction}{inclusive} ({marks})"
        if not first_alone:
            return compared, list(cursor)
        return f"{self.columns[0]} {direction}= ? AND {compared}", [cursor[0], *cursor]

    def next_cursor(self, row: Mapping[str, Any]) -> str:
        """The cursor of the page after the one ending with this row."""
        return encode_cursor([self.name, *(row[key] for key in self.keys)])

    def cursor(self, text: str) -> list[Any]:
        """The values of a cursor of this list; InvalidInput (on `after`) for anything else."""
        found = decode_cursor(text)
        values = found[1:]
        if (
            not found
            or found[0] != self.name
            or len(values) != len(self.kinds)
            or not all(column_holds(v, kind) for v, kind in zip(values, self.kinds, strict=True))
        ):
            raise InvalidInput(NOT_A_CURSOR, "after")
        return values

    def condition(self, where: str, after: str | None) -> tuple[str, list[Any]]:
        """`where` (a WHERE clause, or empty) with the condition of the rows after the cursor `after` added, and
        the condition's parameters (after the clause's own); `where` as it is for none."""
        if after is None:
            return where, []
        clause, params = self.after(self.cursor(after))
        return (f"{where} AND {clause}" if where else f" WHERE {clause}"), params


@dataclass(frozen=True)
class Paging:
    """Which page of a list to read: by number, or the `per_page` rows after a cursor (`after`) in the list's order
    (`keyset`)."""

    keyset: Keyset
    page: int
    per_page: int
    after: str | None = None

    def offset(self) -> int:
        """The rows skipped: those of the pages before, or none after a cursor (the cursor's condition skips)."""
        return 0 if self.after is not None else (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Paged:
    """A page of a list read: its rows, how many match in all, the next page's cursor (None on the last page)."""

    rows: list[Any]
    total: int
    next: str | None


def page_and_next(rows: list[Any], per_page: int, keyset: Keyset) -> tuple[list[Any], str | None]:
    """The rows of a page read with one row more than it holds, and the cursor of the next page (None when that
    one more row was not there: the last page)."""
    shown = rows[:per_page]
    return shown, keyset.next_cursor(shown[-1]) if len(rows) > per_page else None


def page_of_computed(rows: Sequence[Mapping[str, Any]], paging: Paging) -> Paged:
    """A page of a list computed in full rather than read by ORDER BY and LIMIT (grade inflation: each unit-year
    judged in Python): its rows put in the keyset's order, here, so that a cursor compares as the order sorts, then
    the page by number or the `per_page` rows after the cursor; the total counts them all."""
    keyset = paging.keyset

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(row[name] for name in keyset.keys)

    ordered = sorted(rows, key=key, reverse=keyset.descending)
    start = paging.offset()
    if paging.after is not None:
        cursor = tuple(keyset.cursor(paging.after))
        beyond = [(key(row) < cursor) if keyset.descending else (key(row) > cursor) for row in ordered]
        start = beyond.index(True) if True in beyond else len(ordered)
    shown, following = page_and_next(list(ordered[start : start + paging.per_page + 1]), paging.per_page, keyset)
    return Paged(shown, len(ordered), following)

"""The query interface of the read models: plain data in, plain data out.

The web layer reads views only through this module (and the audit queries beside it).
Every filter and sort is checked against a list of allowed columns, and every value is
passed as a parameter.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.ages import whole_years
from careerlog.application import NOT_APPOINTED
from careerlog.domain.errors import InvalidInput, NotFound, quoted
from careerlog.domain.nip import normalise_nip
from careerlog.domain.unit import unit_key
from careerlog.domain.wording import Refusal
from careerlog.keyset import Paged
from careerlog.names import name_searched, searched_words
from careerlog.reference import Rules
from careerlog.sqlstore import Row, SqlStore
from projections import cellkey
from projections.merit.retirement import past_retirement, youngest_retirement_age
from projections.reading import ViewReader
from projections.roster import RosterProjection, folded
from projections.roster_paging import ROSTER, RosterOrder, RosterTotals, page_read, position_read
from projections.timeline import timeline_from_rows, with_repeats
from projections.training import GROUPING_REFUSALS, UNKNOWN_FILTER_OF, merged_by_unit, report_order

ROSTER_FILTERS = (
    "agency",
    "unit",
    "region",
    "rank",
    "status",
    "sex",
    "education",
    "employment_kind",
    "post_kind",
    "recruitment_path",
)
ROSTER_SORTS = {
    "name": "name",
    "nip": "subject",
    "rank": "rank_order",
    "rank_since": "rank_since",
    "appointed_on": "appointed_on",
    "agency": "agency",
    "unit": "unit",
    "birth_date": "birth_date",
}
PROVINCE = "substr(region, 1, 2)"  # a region's province: the first two characters of its code (12 of 12.71)
PROVINCE_SORTS = ("name", "agency")  # sorts whose province filter is read by PROVINCE (projections.roster's indexes)
HEADCOUNT_FIELDS = (*ROSTER_FILTERS, "age_band")
COUNT_BY = Refusal("Name at least one field to count by.").reason()  # (careerlog.domain.wording)
AGE_BANDS = ((0, 25), (26, 30), (31, 35), (36, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 200))
MAX_PAGE_SIZE = 500
# The refusals of a roster's request (careerlog.domain.wording)
UNKNOWN_SORT = Refusal("Unknown sort {sort}; one of {known}.")
AT_LEAST_1 = Refusal("Must be at least 1.").reason()
PAGE_SIZE = Refusal("Must be between 1 and {most}.", numbers=("most",)).reason(most=MAX_PAGE_SIZE)
PAGE_OR_AFTER = Refusal("Give either page or after, not both.").reason()
UNKNOWN_AGE_BAND = Refusal("Unknown age band; one of {known}.")


@dataclass(frozen=True)
class Page:
    """A page of a list; `page` is None for a roster page read after a cursor (its number is not counted)."""

    items: list[dict[str, Any]]
    total: int
    page: int | None
    per_page: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page}


@dataclass(frozen=True)
class CursorPage(Page):
    """A page of a list read by number or after a cursor (`page` None), with the cursor of the page after it (None
    on the last page)."""

    next: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "next": self.next}


@dataclass(frozen=True)
class RosterPage(CursorPage):
    """A page of the roster, with the cursor of the page after it (None on the last page)."""


def cursor_page(found: Paged, page: int, per_page: int, after: str | None) -> CursorPage:
    """The page of a list read (careerlog.keyset.Paged) by number, or after the cursor `after` (no number)."""
    return CursorPage(found.rows, found.total, None if after is not None else page, per_page, found.next)


@dataclass(frozen=True)
class RosterRequest:
    """What a roster page reads: the rows matching `where`, in `order`, by page number or after `cursor`."""

    where: str
    params: list[Any]
    order: RosterOrder
    sort: str
    page: int
    per_page: int
    cursor: tuple[Any, str] | None
    dialect: str = "sqlite"  # the store's, for the form of a page by number (roster_paging.page_read)
    source: str = ROSTER  # the rows read: the roster, or those a search found (search_source; params first)

    def first_read(self) -> tuple[str, list[Any]]:
        """The statement and parameters of the page's rows (one more than the page, to know if one follows);
        after a cursor, of the first part of the order after it."""
        if self.cursor is not None:
            return self.order.first_read_after(self.where, self.params, self.cursor, self.per_page + 1, self.source)
        offset = (self.page - 1) * self.per_page
        return page_read(self.where, self.params, self.order, self.per_page + 1, offset, self.dialect, self.source)


MAX_YEARS_IN_RANK = 60  # longer than any career
YEARS_IN_RANK = Refusal("Must be between 0 and {most}.", numbers=("most",)).reason(most=MAX_YEARS_IN_RANK)


def like_literal(text: str) -> str:
    """Text for a LIKE pattern (with ESCAPE '\\'), matching itself only: % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


LIKE = "LIKE ? ESCAPE '\\'"
NAME_INDEXED, NAME_UNINDEXED = "name_folded", "(name_folded || '')"


@dataclass(frozen=True)
class Search:
    """What a roster search (`q`) looks for: `words` each within the name (folded, `name_words_searched`), or `nip`
    within the NIP (the text without the separators a NIP is written with, or as typed when nothing else is left)."""

    words: tuple[str, ...]
    nip: str

    def condition(self) -> str:
        """The rows it matches: every word within the name (in any order), or the text within the NIP. A word too
        short for a trigram index beside one long enough is matched on an expression of the name no index reads
        (`name_folded || ''`): its LIKE (PostgreSQL's pg_trgm) would read the whole index, not narrow what the other
        words found; with no word long enough, the search reads the roster by scan, as before."""
        indexed = self.indexed()
        names = " AND ".join(
            f"{NAME_INDEXED if len(w) >= TRIGRAM or not indexed else NAME_UNINDEXED} {LIKE}" for w in self.words
        )
        return f"(({names}) OR subject {LIKE})"

    def patterns(self) -> list[str]:
        """The LIKE patterns of `condition`, in its order."""
        return [f"%{like_literal(text)}%" for text in (*self.words, self.nip)]

    def indexed(self) -> list[str]:
        """The words a trigram index can find (of `TRIGRAM` characters or more)."""
        return [w for w in self.words if len(w) >= TRIGRAM]


_SEARCH_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters and digits, with an apostrophe within (ma'ruf)


def name_words_searched(search: str) -> tuple[str, ...]:
    """The words a roster search looks for in the name: the text folded as the name is (`folded`), its punctuation
    set aside ("Sianturi," "br."), without the titles, honorifics and particles a name may be written with or
    without (careerlog.names.searched_words: "Dr.", "Ibu", "br.", "boru", "bin", "binti"); the text folded as one
    word when it has no letter or digit. The words after the first comma are titles, as an import reads a name
    ("Herlina Siregar, S.Kom."), unless they hold a given name written after the family name ("Sianturi, Elisabeth":
    careerlog.names.name_searched)."""
    text = " ".join(folded(search).split())
    found = _SEARCH_WORD.findall(folded(name_searched(search))) or _SEARCH_WORD.findall(text)
    return tuple(searched_words(found)) if found else (text,)


def searched(search: str) -> Search:
    """What a roster search (`q`) looks for in the name and in the NIP (`Search`). The NIP's text is the search's
    folded, each run of spaces as one, without the separators a NIP is written with (normalise_nip: "19860926 201003
    1 701", as decrees print it; a path, the access log's `nip` and an import strip them too), or as typed when
    nothing else is left of it."""
    text = " ".join(folded(search).split())
    return Search(name_words_searched(search), normalise_nip(text) or text)


# The roster's search by name or NIP (`Search.condition`, `_roster_where`'s condition): a trigram index finds the rows
# (PostgreSQL: roster_search, pg_trgm; SQLite: the FTS5 table roster_search) when a word of 3 characters or more is
# looked for in the name and the NIP's text has 3 or more.
TRIGRAM = 3
FTS_SHARE_AT_MOST = 50  # SQLite reads a search through the FTS5 index when it finds 1 in 50 rows or fewer
ROSTER_SIZE_KEPT = 60.0  # seconds the roster's rows counted for that are taken as still so
# SQLite: the NIPs whose name or NIP the FTS5 trigram index finds holding the text (a superset of those the LIKE
# matches: its trigrams are folded further, not fewer), through the key table giving each roster row's FTS5 rowid.
FTS_FOUND = (
    "subject IN (SELECT k.subject FROM roster_search_keys k WHERE k.id IN"
    " (SELECT rowid FROM roster_search WHERE roster_search MATCH ?))"
)


def fts_phrase(column: str, text: str) -> str:
    """An FTS5 query of a column holding `text` anywhere (a phrase of its trigrams, one after another)."""
    return f'{{{column}}} : "{text.replace(chr(34), chr(34) * 2)}"'


def search_source(search: str | None, dialect: str, fts: Callable[[], bool]) -> tuple[str, list[Any]] | None:
    """The roster's rows a search by name or NIP matches, as a subquery named roster (and its parameters) a page and
    its count read in place of the table, when a trigram index can find them (a word of the name's of `TRIGRAM`
    characters or more, and the NIP's text of as many; on SQLite `fts()`, the store having the FTS5 table, asked only
    then: a page with no such text asks SQLite's catalog nothing); None otherwise (the search is a condition of the
    WHERE, read by scan, as before).

    The rows are the same (the same LIKE conditions; on SQLite the FTS5 index's finds, a superset, only narrow
    them), and so are the page's order and the count (the page's ORDER BY and conditions outside). The subquery is
    kept from being merged with the page's query (OFFSET 0; SQLite's LIMIT -1 OFFSET 0): merged, PostgreSQL read
    the first page by name through the name's index, checking each row, as it would for a common text, and a rare
    one read the whole roster so (300 ms at 100,000 rows; on a plan made for any text, after a statement's fifth
    run, every search did); kept apart, the index finds the matches and only they are sorted."""
    if not search:
        return None
    asked = searched(search)
    indexed = asked.indexed()
    if not indexed or len(asked.nip) < TRIGRAM:
        return None
    patterns = asked.patterns()
    if dialect == "postgres":
        return f"(SELECT * FROM roster WHERE {asked.condition()} OFFSET 0) AS roster", patterns
    if not fts():
        return None
    names = " AND ".join(fts_phrase("name_folded", w) for w in indexed)
    found = f"({names}) OR {fts_phrase('subject', asked.nip)}"
    statement = f"(SELECT * FROM roster WHERE {FTS_FOUND} AND {asked.condition()} LIMIT -1 OFFSET 0) AS roster"
    return statement, [found, *patterns]


def age_band_label(low: int, high: int) -> str:
    return f"{low}+" if high >= 200 else f"{low}-{high}"


def age_band_case(today: date) -> tuple[str, list[str]]:
    """A SQL CASE giving the age band of `birth_date` on a day, and its parameters."""
    parts, params = [], []
    for low, high in AGE_BANDS:
        # born after (today - high - 1 years) and on or before (today - low years)
        parts.append("WHEN birth_date > ? AND birth_date <= ? THEN ?")
        params += [
            (today - relativedelta(years=high + 1)).isoformat(),
            (today - relativedelta(years=low)).isoformat(),
            age_band_label(low, high),
        ]
    return "CASE " + " ".join(parts) + " ELSE 'unknown' END", params


def added_up(
    groups: Iterable[Mapping[str, Any]], by: Sequence[str], sums: Sequence[str] = ("count",)
) -> list[dict[str, Any]]:
    """The headcount by `by` (`Queries.headcount`) from the roster's groups by `by`, or by more fields, of one scope
    (`Queries.headcount_groups`): their `sums` added up by their values of `by` as recorded, as a GROUP BY by `by`
    alone counts them (the same rows, in any order), then a unit in other spellings counted once (`merged_by_unit`,
    its spelling shown the one most counted: the same of the same rows), in `report_order` (ranks by rank_order, not
    as text; either store alike), which tells every two rows apart."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for group in groups:
        key = tuple(group[f] for f in by)
        held = found.get(key)
        if held is None:
            found[key] = {**dict(zip(by, key, strict=True)), **{s: group[s] for s in sums}}
        else:
            for s in sums:
                held[s] += group[s]
    merged = merged_by_unit(found.values(), by, sums, "count")
    return sorted(merged, key=report_order(by))


class Queries(ViewReader):
    """Reads of the views, for the API, the pages and the command line.

    Given the views' `tracking_table` (where the roster view's position in the log is kept),
    the roster's totals are counted once per filter and position (RosterTotals) instead of
    on every page.
    """

    def __init__(self, store: SqlStore, *, today: date | None = None, tracking_table: str | None = None):
        super().__init__(store, today=today)
        self.tracking_table = tracking_table
        self.totals = RosterTotals()
        self._roster_size: tuple[float, int] = (0.0, 0)  # (when counted, the roster's rows): `_fts_worth`'s

    # ------------------------------------------------------------------ timeline

    def timeline(self, nip: str, *, as_of: date | None = None, known_at: datetime | None = None) -> dict[str, Any]:
        """The career as it stood on `as_of`, as it was known at `known_at`."""
        rows = self.store.query("SELECT * FROM timeline WHERE subject = ? ORDER BY version", (nip,))
        if not rows:
            raise NotFound(NOT_APPOINTED.reason(nip=nip))
        return {
            "nip": nip,
            "as_of": as_of.isoformat() if as_of else None,
            "known_at": known_at.isoformat() if known_at else None,
            "items": with_repeats(timeline_from_rows(rows, as_of, known_at)),  # (a training recorded twice: named)
        }

    # ------------------------------------------------------------------ roster

    def employee(self, nip: str) -> dict[str, Any]:
        rows = self.store.query("SELECT * FROM roster WHERE subject = ?", (nip,))
        if not rows:
            raise NotFound(NOT_APPOINTED.reason(nip=nip))
        return self._roster_item(rows[0])

    def roster(self, filters: Mapping[str, Any] | None = None, **options: Any) -> RosterPage:
        """Employees matching the filters, sorted and paginated: by page number, or after a cursor
        (the `next` of the page before, which reads on from there through the sort's index). The
        options are `_roster_request`'s."""
        asked = self._roster_request(filters or {}, **options)
        where, params, order, per_page = asked.where, asked.params, asked.order, asked.per_page
        with self.store.statements() as sql:
            total = self.totals.count(sql, self.tracking_table, RosterProjection.name, asked.source, where, params)
            if asked.cursor is None:
                rows = sql.query(*asked.first_read())
            else:
                rows = order.rows_after(sql, where, params, asked.cursor, per_page + 1, asked.source)
        shown = rows[:per_page]
        following = order.next_cursor(shown[-1], asked.sort) if len(rows) > per_page else None
        number = asked.page if asked.cursor is None else None
        today = self.today
        return RosterPage([self._roster_item(r, today) for r in shown], total, number, per_page, following)

    def roster_reads(self, filters: Mapping[str, Any] | None = None, **options: Any) -> list[tuple[str, Sequence[Any]]]:
        """The reads `roster` with these arguments makes first, for reading them ahead (SqlStore.read_ahead):
        the view's position (its total is counted once per position) and the page's rows (the first
        part of the order after a cursor); none for arguments it refuses."""
        try:
            asked = self._roster_request(filters or {}, **options)
        except InvalidInput:
            return []
        reads: list[tuple[str, Sequence[Any]]] = []
        if self.tracking_table is not None:
            reads.append(position_read(self.tracking_table, RosterProjection.name))
        return [*reads, asked.first_read()]

    def _roster_request(
        self,
        filters: Mapping[str, Any],
        *,
        search: str | None = None,
        sort: str = "name",
        descending: bool = False,
        page: int = 1,
        per_page: int = 50,
        min_years_in_rank: float | None = None,
        age_band: str | None = None,
        after: str | None = None,
    ) -> RosterRequest:
        """What a roster page reads (`search` in the name or NIP, `sort` by one of ROSTER_SORTS, page by number
        or `after` a cursor, `min_years_in_rank`, `age_band`), its arguments checked (InvalidInput)."""
        by_province = ROSTER_SORTS.get(sort) in PROVINCE_SORTS
        dialect = self.store.dialect
        found = search_source(search, dialect, self._has_fts)  # (asked only of a text an index can search)
        if found is not None and dialect == "sqlite" and not self._fts_worth(found[1][0]):
            found = None  # a text many names hold: read by scan, as before (the same rows, order and count)
        source, source_params = found or (ROSTER, [])
        searched = None if found else search  # else the source's
        where, params = self._roster_where(filters, searched, min_years_in_rank, age_band, province=by_province)
        params = [*source_params, *params]
        if sort not in ROSTER_SORTS:
            raise InvalidInput(UNKNOWN_SORT.reason(sort=repr(sort), known=", ".join(ROSTER_SORTS)), "sort")
        if page < 1:
            raise InvalidInput(AT_LEAST_1, "page")
        if not 1 <= per_page <= MAX_PAGE_SIZE:
            raise InvalidInput(PAGE_SIZE, "per_page")
        if after is not None and page != 1:
            raise InvalidInput(PAGE_OR_AFTER, "after")
        order = RosterOrder(ROSTER_SORTS[sort], descending)
        cursor = None if after is None else order.cursor(after, sort)
        return RosterRequest(where, params, order, sort, page, per_page, cursor, dialect, source)

    def _fts_worth(self, match: str) -> bool:
        """SQLite: whether the rows the FTS5 index finds for a search (`match`) are few enough to read through it:
        at most 1 in FTS_SHARE_AT_MOST of the roster's. Each found row costs three lookups (its key, the roster's
        NIP index, the roster's row), in the count and again in the page, some 35 us each on a shared 2-core
        machine, where the scan reads a row in about 1 us and stops a page at its 51st match (1,000,000 rows: 70,750
        found, 1.0 s by scan and 2.7 s through the index; 19,686 found, 8.5 s by scan reading the name's index
        through to the J's and 0.7 s through the index). Counting the index's finds costs about 1 ms; the roster's
        rows are counted once a minute."""
        found = int(self.store.scalar("SELECT COUNT(*) AS n FROM roster_search WHERE roster_search MATCH ?", [match]))
        counted, rows = self._roster_size
        now = time.monotonic()
        if now - counted > ROSTER_SIZE_KEPT:
            rows = int(self.store.scalar("SELECT COUNT(*) AS n FROM roster_search_keys"))
            self._roster_size = (now, rows)
        return found * FTS_SHARE_AT_MOST <= rows

    def _has_fts(self) -> bool:
        """Whether the SQLite store has the roster's FTS5 index (RosterProjection's; a store whose views were made
        by careerlog has it), looked up on every search with a text (SQLite's catalog, no round trip)."""
        return bool(self.store.query("SELECT 1 AS x FROM sqlite_master WHERE name = 'roster_search_keys'"))

    def past_retirement(self, filters: Mapping[str, Any], book: Rules) -> list[dict[str, Any]]:
        """The PNS in service matching the roster's filters whose expected end of service by rule retirement.age
        (projections.merit.retirement) is already past with no separation recorded, in no order. Reads only the
        rows born before today less the rule's youngest age (and a month: the day is the month's last), through
        the roster's index on the birth date; the age of each one's post decides."""
        youngest = youngest_retirement_age(book, self.today)
        if youngest is None:
            return []
        where, params = self._roster_where(filters, None, None, None)
        born_by = self.today + relativedelta(months=1) - relativedelta(years=youngest)
        clause = "employment_kind = 'PNS' AND separated_on IS NULL AND birth_date <= ?"
        where = f"{where} AND {clause}" if where else f" WHERE {clause}"
        rows = self.store.query(f"SELECT * FROM roster{where}", [*params, born_by.isoformat()])
        return past_retirement(book, rows, self.today)

    def staffs(self, agency: str, regions: Sequence[str]) -> bool:
        """Whether any employee of the agency is or was placed in one of the regions (codes as a scope's filter lists
        them): the roster's (placed now) first, through its (region) or (agency, ...) index (none holds both: an
        agency with no one placed there reads its rows in those regions or its own; unmeasured at a million rows),
        then the spells' (placed there by a spell of the agency's, ever: its (region, unit, agency) index), so that a
        report or audit of a past period in a region where the agency's staff worked then is read, not refused (until
        2026-12-06, the day the roster alone was asked, it was a 403: a KOTA-MEDAN employee placed in 12.07 in 2023,
        back in 12.71 since). A filter let through reads the reader's scope's rows alone: the answer tells of no one
        outside it."""
        if not regions:
            return False
        marks = ", ".join("?" * len(regions))
        for table in ("roster", "spells"):
            found = self.store.query(
                f"SELECT 1 AS found FROM {table} WHERE agency = ? AND region IN ({marks}) LIMIT 1", [agency, *regions]
            )
            if found:
                return True
        return False

    def staffed_regions(self, agencies: Sequence[str]) -> dict[str, set[str]]:
        """The regions each of the agencies' employees is or was placed in (the roster's and the spells' regions,
        as `staffs` asks of some regions at a time), by agency: one statement, through the roster's and the spells'
        (agency, ...) indexes, for a whole list of regions asked of the same agencies (the report pages' region
        choices, web.pages.inspector.regions_within_reach: until 2026-12-06 two statements per region offered)."""
        if not agencies:
            return {}
        marks = ", ".join("?" * len(agencies))
        rows = self.store.query(
            f"SELECT agency, region FROM roster WHERE agency IN ({marks}) "
            f"UNION SELECT agency, region FROM spells WHERE agency IN ({marks})",
            [*agencies, *agencies],
        )
        found: dict[str, set[str]] = {}
        for row in rows:
            if row["region"] is not None:
                found.setdefault(str(row["agency"]), set()).add(str(row["region"]))
        return found

    def placed_within(self, agency: str, regions: Sequence[str]) -> bool:
        """Whether every employee the agency ever had (its spells) is placed now in one of the regions (the roster's
        region: where a scope reads them): its whole figures are then of staff within a scope of those regions alone.
        One statement, through the spells' (agency, ...) index and the roster's key (unmeasured at a million rows:
        an agency wholly within the regions reads all its spells)."""
        if not regions:
            return False
        marks = ", ".join("?" * len(regions))
        found = self.store.query(
            "SELECT 1 AS found FROM spells s LEFT JOIN roster r ON r.subject = s.subject WHERE s.agency = ? "
            f"AND (r.region IS NULL OR r.region NOT IN ({marks})) LIMIT 1",
            [agency, *regions],
        )
        return not found

    def staffs_unit(self, agency: str, unit: str, regions: Sequence[str]) -> bool:
        """Whether any employee of the agency's unit (its name in any letter case or spacing, `unit_key`) is placed
        in one of the regions: one statement, through the roster's (agency, unit) index."""
        if not regions:
            return False
        marks = ", ".join("?" * len(regions))
        found = self.store.query(
            f"SELECT DISTINCT unit FROM roster WHERE agency = ? AND region IN ({marks})", [agency, *regions]
        )
        return any(unit_key(str(row["unit"] or "")) == unit_key(unit) for row in found)

    def headcount(
        self, by: Sequence[str], filters: Mapping[str, Any] | None = None, *, secret: bytes | None = None
    ) -> list[dict[str, Any]]:
        """Counts of employees by any of the roster's fields (and age band), in `report_order` (ranks in the roster's
        order of ranks, the PPPK grades after them). `secret` (the cell-key method's, Services.perturbed_headcount):
        each row's `key` too, the sum of its people's record keys (projections.cellkey), added up by the same GROUP BY
        as the count (`_key_sum`): no row per person leaves the store."""
        if secret is None:
            return added_up(self.headcount_groups(by, filters), by)
        counted, tail, select_params, params = self._headcount_statement(by, filters)
        return added_up(self._key_sum(counted, tail, select_params, params, secret), by, ("count", "key"))

    def headcount_groups(self, fields: Sequence[str], filters: Mapping[str, Any] | None = None) -> list[Row]:
        """The employees under `filters` counted by `fields` as recorded (one GROUP BY: a unit in each spelling a
        group), whose `added_up` is the headcount by any of those fields: one statement for the headcounts of one
        scope by several fields (web.services.ScopeCounts)."""
        counted, tail, select_params, params = self._headcount_statement(fields, filters)
        return self.store.query(counted + tail, [*select_params, *params])

    def _headcount_statement(
        self, by: Sequence[str], filters: Mapping[str, Any] | None
    ) -> tuple[str, str, list[Any], list[Any]]:
        """The headcount's statement by `by` under `filters`: its SELECT (`counted`), its FROM, WHERE and GROUP BY
        (`tail`), and their parameters; the fields refused as the headcount's (none, one unknown, one twice)."""
        if not by:
            raise InvalidInput(COUNT_BY, "by")
        _, unknown_field, twice = GROUPING_REFUSALS["field"]
        unknown = [b for b in by if b not in HEADCOUNT_FIELDS]
        if unknown:
            raise InvalidInput(unknown_field.reason(name=quoted(unknown[0]), known=", ".join(HEADCOUNT_FIELDS)), "by")
        if len(set(by)) != len(by):  # (age_band twice was a statement short of its parameters)
            raise InvalidInput(twice, "by")
        where, params = self._roster_where(filters or {}, None, None, None)
        # (the age bands' CASE written only when counted by: its 18 dates cost 0.3 ms a statement, and a reporter's
        # headcount asked up to 18 statements, most not by age band)
        case, select_params = age_band_case(self.today) if "age_band" in by else ("", [])
        columns = [f"{case} AS age_band" if b == "age_band" else b for b in by]
        counted = f"SELECT {', '.join(columns)}, COUNT(*) AS count"
        return counted, f" FROM roster{where} GROUP BY {', '.join(by)}", select_params, params

    def _key_sum(
        self, counted: str, tail: str, select_params: list[Any], params: list[Any], secret: bytes
    ) -> list[Row]:
        """The headcount's statement (`counted` and `tail`) with each group's sum of its people's record keys
        (`key`): an aggregate of the same GROUP BY, as cheap in rows read and sent as the count (until 2026-12-06,
        a row per person was read into Python: 4 million for a national reader of a 4-million roster). The secret
        is a bound parameter (never written into the SQL, never logged). PostgreSQL: HMAC-SHA256 (RFC 2104) from its
        built-in sha256() and the pads cellkey.hmac_pads derives (no extension needed: pgcrypto's hmac() is not
        assumed), the key the digest's fourth byte, as cellkey.record_key. SQLite: the Python function
        cellkey.SQLITE_RECORD_KEY registered on the reading connection (one call per person inside the store)."""
        if self.store.dialect == "postgres":
            inner, outer = cellkey.hmac_pads(secret)
            digest = "sha256(?::bytea || sha256(?::bytea || convert_to(subject, 'UTF8')))"
            key = f"SUM(get_byte({digest}, {cellkey.KEY_BYTE}))"
            return self.store.query(f"{counted}, {key} AS key{tail}", [*select_params, outer, inner, *params])
        with self.store.statements() as sql:
            sql.cursor.connection.create_function(  # type: ignore[attr-defined]
                cellkey.SQLITE_RECORD_KEY, 2, cellkey.sqlite_record_key, deterministic=True
            )
            key = f"SUM({cellkey.SQLITE_RECORD_KEY}(?, subject))"
            return sql.query(f"{counted}, {key} AS key{tail}", [*select_params, secret, *params])

    def _roster_where(
        self,
        filters: Mapping[str, Any],
        search: str | None,
        min_years_in_rank: float | None,
        age_band: str | None,
        *,
        province: bool = False,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters. `province` (a roster page sorted by name or agency, PROVINCE_SORTS):
        a region filter whose codes all start with the same two characters (a province's code and its regencies'
        and cities', as a region scope names them) is written `substr(region, 1, 2) = ? AND COALESCE(region IN
        (...), FALSE)`: the same rows (the codes imply their first two characters; a NULL region matches neither
        way), read in the sort's order from the roster's index on (substr(region, 1, 2), name or agency, subject,
        region), the codes checked in the index. The IN inside COALESCE is no condition PostgreSQL estimates from
        the column's statistics or reads through the region's index: written plainly, it took the two conditions
        for independent, expected 356 of the province's 69,605 rows and read them all through both indexes to sort
        them (290 ms for the first page of a million-row roster, 0.2 ms by the name index). Sorted by agency, the
        (agency, subject) index was read from its first agency until a page of the province's rows came by (1.4 s
        a page at a million rows). Not in other sorts: there PostgreSQL read the whole province to sort it where
        it read the sort's own index (a province by rank at offset 500: 7 -> 129 ms)."""
        clauses: list[str] = []
        params: list[Any] = []
        for name, value in filters.items():
            if name not in ROSTER_FILTERS:
                raise InvalidInput(UNKNOWN_FILTER_OF.reason(known=", ".join(ROSTER_FILTERS)), name)
            if value is None or value == "":
                continue
            values = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
            listed = f"{name} IN ({', '.join('?' * len(values))})"
            if province and name == "region" and len({v[:2] for v in values}) == 1:
                clauses.append(f"{PROVINCE} = ? AND COALESCE({listed}, FALSE)")
                params.append(values[0][:2])
            else:
                clauses.append(listed)
            params += values
        if search and not folded(search).strip():
            clauses.append("1 = 0")  # only accents (combining marks), nothing left once folded: no name holds it
        elif search:
            asked = searched(search)
            clauses.append(asked.condition())
            params += asked.patterns()
        if min_years_in_rank is not None:
            if not 0 <= min_years_in_rank <= MAX_YEARS_IN_RANK:
                raise InvalidInput(YEARS_IN_RANK, "min_years_in_rank")
            months = round(min_years_in_rank * 12)
            clauses.append("rank_since <= ?")
            params.append((self.today - relativedelta(months=months)).isoformat())
        if age_band:
            clauses.append(self._age_clause(age_band, params))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _age_clause(self, band: str, params: list[Any]) -> str:
        for low, high in AGE_BANDS:
            if age_band_label(low, high) == band:
                params += [
                    (self.today - relativedelta(years=high + 1)).isoformat(),
                    (self.today - relativedelta(years=low)).isoformat(),
                ]
                return "birth_date > ? AND birth_date <= ?"
        labels = ", ".join(age_band_label(lo, hi) for lo, hi in AGE_BANDS)
        raise InvalidInput(UNKNOWN_AGE_BAND.reason(known=labels), "age_band")

    def _roster_item(self, row: Row, today: date | None = None) -> dict[str, Any]:
        """A roster row as the API shows it, on `today` (read once per page; the reader's today if None).

        Its keys are the API's employee fields in their order (web.api.schemas.EmployeeSchema), so that the
        answer's cut gives the item back as it is instead of building it again (a dict made at once is also
        cheaper than a copy with columns popped and added); a column the API does not show (rank_order) is
        left out. The years and the age band are looked up by date (years_between, age_band_on)."""
        today = today or self.today
        end = row["separated_on"] or today
        rank_since, appointed_on, birth_date = row["rank_since"], row["appointed_on"], row["birth_date"]
        return {
            "nip": row["subject"],
            "name": row["name"],
            "sex": row["sex"],
            "birth_date": birth_date,
            "employment_kind": row["employment_kind"],
            "confirmed": bool(row["confirmed"]),
            "status": row["status"],
            "agency": row["agency"],
            "unit": row["unit"],
            "region": row["region"],
            "rank": row["rank"],
            "rank_since": rank_since,
            "years_in_rank": years_between(rank_since, end) if rank_since else None,
            "appointed_on": appointed_on,
            "years_of_service": years_between(appointed_on, end) if appointed_on else None,
            "age_band": age_band_on(birth_date, today) if birth_date else "unknown",
            "education": row["education"],
            "post_kind": row["post_kind"],
            "post_level": row["post_level"],
            "post_title": row["post_title"],
            "recruitment_path": row["recruitment_path"],
            "separated_on": row["separated_on"],
            "last_recorded_at": row["last_recorded_at"],
        }


def _age_bands() -> dict[int | None, str]:
    """The label of each age in a band (the first band holding it), by age."""
    found: dict[int | None, str] = {}
    for low, high in AGE_BANDS:
        for age in range(low, high + 1):
            found.setdefault(age, age_band_label(low, high))
    return found


AGE_BAND_OF = _age_bands()  # any other age (or None) is "unknown"


def age_on(birth: date, day: date) -> int:
    """Whole years from birth to day (careerlog.ages: a 29 February birthday falls on 28 February in other
    years, as relativedelta counts them), as the age-band filters do; without building a relativedelta."""
    return whole_years(birth, day)


# Distinct days a roster page's years and age bands are worked out from: bounded by the calendar (some 16,000
# birth days of working age, the 1st of most months for ranks and appointments), not by the number of
# employees. About 245 bytes an entry: at most some 16 MB per process for the two.
KEPT_DAYS = 32768


@lru_cache(maxsize=KEPT_DAYS)
def years_between(day: str, end: date | str) -> float:
    """Years (one decimal) from a day (ISO text) to `end` (a date, or a day as ISO text), as a roster item shows
    them; kept by the two days, which recur on every page (the 1st of a month, the same separation days)."""
    last = date.fromisoformat(end) if isinstance(end, str) else end
    return round((last - date.fromisoformat(day)).days / 365.25, 1)


@lru_cache(maxsize=KEPT_DAYS)
def age_band_on(birth: str, today: date) -> str:
    """The age band (AGE_BAND_OF) of someone born on a day (ISO text) on `today`, kept by the two days."""
    return AGE_BAND_OF.get(age_on(date.fromisoformat(birth), today), "unknown")

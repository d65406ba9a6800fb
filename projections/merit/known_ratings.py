"""A person's ratings as known before any moment, read straight from the ledger's rows: the
performance the 202/post passed-over comparison reads of every colleague (projections/merit/
passed_over.py), without decoding their events into a whole record.

`CareerRecord.ratings` is, of the active `performance_rating` facts in order of effective date
(then version), the last of each year; as known before a moment, only those recorded before it.
With no correction or retraction among a person's events, every rating fact stands as recorded
and active, so the rating of year Y known before a moment is the last rating of year Y in that
order recorded before it: `KnownRatings.performance` reads exactly what `performance_on` reads of
`record.known_before(moment)`. A person with an amendment (or a row this reader does not read
plainly: a cipher, compression or an older class version) is left to the whole path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import orjson
from eventsourcing.utils import get_topic
from psycopg.rows import tuple_row

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.reference import reference
from careerlog.sqlstore import IN_LIST_MAX, SqlStore
from projections.career import predicate_score
from projections.merit.known_entries import Stored, decoded, event_rows

# what a performance reads: the ratings, and the amendments that may change or retract them
RATING_KINDS = ("performance_rating", "correction", "retraction")
RATED = BY_KIND["performance_rating"]
Rating = tuple[date, int, int, str, datetime]  # effective date, version, year, predicate, recorded at
RATING_FIELDS = itemgetter("effective_date", "timestamp", "year", "predicate")  # of a rating's stored state


class KnownRatings:
    """One person's ratings, none amended, and the mean score they give as known before a moment."""

    __slots__ = ("by_year", "yearly")

    def __init__(self, ratings: Iterable[Rating]):
        # per year, in the record's order (effective date, version): the last known one counts
        self.by_year: dict[int, list[tuple[datetime, str]]] = {}
        for _, _, year, predicate, recorded in sorted(ratings):  # (no two of one version)
            self.by_year.setdefault(year, []).append((recorded, predicate))
        # per (year, years): the performance with every rating known, and when the last rating of
        # those years was recorded (before any later moment they are all known)
        self.yearly: dict[tuple[int, int], tuple[datetime | None, float]] = {}

    def score(self, year: int, moment: datetime | None) -> int | None:
        """The score of the rating of `year` known before `moment` (None: every one), if any."""
        for recorded, predicate in reversed(self.by_year.get(year, ())):
            if moment is None or recorded < moment:
                return predicate_score(reference(), predicate)
        return None

    def mean(self, year: int, years: int, moment: datetime | None) -> float:
        """`mean_score`: the mean score of the ratings of the `years` years before `year`."""
        scores = [self.score(year - n, moment) for n in range(1, years + 1)]
        rated = [s for s in scores if s is not None]
        return sum(rated) / len(rated) if rated else 0.0

    def settled(self, day: date, horizon: date, years: int) -> tuple[datetime | None, float]:
        """(last, value): `performance(moment, day, horizon, years)` is `value` for any moment after
        `last` (None: any moment), as `KnownRecord.settled`: here, when the last rating of the years
        it reads was recorded, and the performance with every rating known."""
        found = self.yearly.get((day.year, years))
        if found is None:
            times = [t for n in range(1, years + 1) for t, _ in self.by_year.get(day.year - n, ())]
            found = self.yearly[(day.year, years)] = (max(times, default=None), self.mean(day.year, years, None))
        return found

    def performance(self, moment: datetime, day: date, horizon: date, years: int) -> float:
        """`performance_on` the record known before `moment` on `day` (`KnownRecord.performance`)."""
        last, value = self.settled(day, horizon, years)
        if last is None or moment > last:
            return value
        return self.mean(day.year, years, moment)


def read_ratings(
    app: CareerLog, subjects: Sequence[str]
) -> tuple[dict[str, KnownRatings], dict[str, list[LedgerEvent]]]:
    """Each subject's ratings and amendments, a few hundred subjects per query: `KnownRatings` of
    those whose rows read plainly and hold no amendment; the others' events (ratings and
    amendments) decoded as careerlog decodes them, to build a record of. A rating's fields are
    taken from its state by the database (`rating_rows`) where they are what `plain_ratings`
    reads; a subject with any other row is read from the states as before."""
    mapper: Any = app.mapper
    plain = not (mapper.cipher or mapper.compressor) and getattr(RATED, "class_version", 1) == 1
    rated_topic = get_topic(RATED)
    topics = [get_topic(BY_KIND[kind]) for kind in RATING_KINDS]
    rows: dict[str, list[Any]] = {}
    for row in rating_rows(app, subjects, topics, rated_topic) if plain else event_rows(app, subjects, topics):
        rows.setdefault(row[0], []).append(row)
    lean: dict[str, KnownRatings] = {}
    other: dict[str, list[LedgerEvent]] = {}
    for subject in subjects:
        found = rows.get(subject, [])
        ratings = None
        if plain:
            ratings = typed_ratings(found)
            if ratings is None:
                ratings = plain_ratings([r[:4] for r in found], rated_topic)
        if ratings is None:
            other[subject] = [decoded(app, r[:4]) for r in found]
        else:
            lean[subject] = KnownRatings(ratings)
    return lean, other


# A rating's fields as `plain_ratings` reads them, taken from its stored JSON by the database: all
# four of the types it requires and no class version, else NULL (the row is read as before). The
# year as written: an integer literal only (what orjson reads as an int).
_PLAIN_POSTGRES = (
    "json_typeof(j->'effective_date') = 'string' AND json_typeof(j->'timestamp') = 'string' "
    "AND json_typeof(j->'predicate') = 'string' AND json_typeof(j->'year') = 'number' "
    "AND (j->>'year') ~ '^[-]{0,1}[0-9]+$' AND j->'class_version' IS NULL"
)
_PLAIN_SQLITE = (
    "json_type(j, '$.effective_date') = 'text' AND json_type(j, '$.timestamp') = 'text' "
    "AND json_type(j, '$.predicate') = 'text' AND json_type(j, '$.year') = 'integer' "
    "AND json_type(j, '$.class_version') IS NULL"
)


def rating_statement(table: str, dialect: str, subjects: Sequence[str], topics: Sequence[str], rated: str) -> str:
    """The statement of `rating_rows` (parameters: the rated topic, the subjects, the topics)."""
    where = (
        f"WHERE e.originator_id IN ({', '.join('?' * len(subjects))}) AND e.topic IN ({', '.join('?' * len(topics))})"
    )
    if dialect == "postgres":
        return (
            "SELECT e.originator_id, e.originator_version, e.topic, e.state, "
            "r.effective, r.recorded, r.year, r.predicate "
            f"FROM {table} e LEFT JOIN LATERAL (SELECT j->>'effective_date' AS effective, "
            "j->>'timestamp' AS recorded, j->>'year' AS year, j->>'predicate' AS predicate "
            "FROM (SELECT convert_from(e.state, 'UTF8')::json AS j) s "
            f"WHERE e.topic = ? AND {_PLAIN_POSTGRES}) r ON TRUE {where} ORDER BY e.originator_id, e.originator_version"
        )
    fields = ", ".join(
        f"CASE WHEN plain THEN json_extract(j, '$.{name}') END"
        for name in ("effective_date", "timestamp", "year", "predicate")
    )
    return (
        f"SELECT originator_id, originator_version, topic, state, {fields} FROM (SELECT originator_id, "
        f"originator_version, topic, state, j, (topic = ? AND {_PLAIN_SQLITE}) AS plain FROM (SELECT "
        f"e.originator_id, e.originator_version, e.topic, e.state, CAST(e.state AS TEXT) AS j FROM {table} e "
        f"{where})) ORDER BY originator_id, originator_version"
    )


def rating_rows(app: CareerLog, subjects: Sequence[str], topics: Sequence[str], rated: str) -> Iterator[Any]:
    """The stored rows of some subjects of some topics (`event_rows`), each with a rating's
    effective date, recorded time, year and predicate as stored (None: not a rating that reads
    plainly by the database's reading)."""
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    with SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        cursor: Any = sql.cursor  # made for this block
        cursor.row_factory = tuple_row if sql.dialect == "postgres" else None
        for start in range(0, len(subjects), IN_LIST_MAX):
            chunk = subjects[start : start + IN_LIST_MAX]
            sql.execute(rating_statement(table, sql.dialect, chunk, topics, rated), [rated, *chunk, *topics])
            yield from cursor.fetchall()


def typed_ratings(rows: Sequence[Any]) -> list[Rating] | None:
    """The ratings of `rating_rows`, all of them ratings read plainly (None otherwise): typed as
    `plain_ratings` types them."""
    if not all(row[4] is not None for row in rows):
        return None
    return [
        (date.fromisoformat(effective), version, int(year), predicate, datetime.fromisoformat(recorded))
        for _, version, _, _, effective, recorded, year, predicate in rows
    ]


def plain_ratings(rows: Sequence[Stored], topic: str) -> list[Rating] | None:
    """The ratings of stored rows, all of them ratings stored as their class stores them now
    (None otherwise): the fields as `CareerMapper.to_domain_event` types them."""
    found: list[Rating] = []
    for _, version, stored_topic, stored in rows:
        if stored_topic != topic:
            return None
        state = orjson.loads(bytes(stored))
        try:
            effective, recorded, year, predicate = RATING_FIELDS(state)
        except KeyError:
            return None
        if "class_version" in state or not (
            isinstance(effective, str)
            and isinstance(recorded, str)
            and isinstance(year, int)
            and isinstance(predicate, str)
        ):
            return None
        found.append(
            (
                date.fromisoformat(effective),
                version,
                year,
                predicate,
                datetime.fromisoformat(recorded),
            )
        )
    return found

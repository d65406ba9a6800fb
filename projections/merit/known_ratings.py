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

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.reference import reference
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
    amendments) decoded as careerlog decodes them, to build a record of."""
    mapper: Any = app.mapper
    plain = not (mapper.cipher or mapper.compressor) and getattr(RATED, "class_version", 1) == 1
    rated_topic = get_topic(RATED)
    topics = [get_topic(BY_KIND[kind]) for kind in RATING_KINDS]
    rows: dict[str, list[Stored]] = {}
    for row in event_rows(app, subjects, topics):
        rows.setdefault(row[0], []).append(row)
    lean: dict[str, KnownRatings] = {}
    other: dict[str, list[LedgerEvent]] = {}
    for subject in subjects:
        found = rows.get(subject, [])
        ratings = plain_ratings(found, rated_topic) if plain else None
        if ratings is None:
            other[subject] = [decoded(app, r) for r in found]
        else:
            lean[subject] = KnownRatings(ratings)
    return lean, other


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

"""A person's ratings as known before any moment, read straight from the ledger's rows: the
performance the 202/post passed-over comparison reads of every colleague (projections/merit/
passed_over.py), without decoding their events into a whole record.

`CareerRecord.ratings` is, of the active `performance_rating` facts in order of effective date
(then version), the last of each year; as known before a moment, only those recorded before it.
With no correction or retraction among a person's events, every rating fact stands as recorded
and active, so the rating of year Y known before a moment is the last rating of year Y in that
order recorded before it: `KnownRatings.performance` reads exactly what `performance_on` reads of
`record.known_before(moment)`. A person with an amendment (or a row this reader does not read
plainly: a cipher, compression, or a class whose upcasters do more than add a field) is left to the
whole path. A rating's score (version 2) is not read: the rules compare predicates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.reference import Reference, reference
from projections.career import predicate_score
from projections.merit.known_entries import event_rows
from projections.stored_entries import Stored, decoded, plain_upcast

# what a performance reads: the ratings, and the amendments that may change or retract them
RATING_KINDS = ("performance_rating", "correction", "retraction")
RATED = BY_KIND["performance_rating"]
RATED_VERSION = getattr(RATED, "class_version", 1)  # stored in a state of that version (not in a first one's)
Rating = tuple[date, int, int, int, datetime]  # effective date, version, year, score, recorded at
SUBJECT = itemgetter(0)  # of a stored row
RATING_FIELDS = itemgetter("effective_date", "timestamp", "year", "predicate")  # of a rating's stored state


class KnownRatings:
    """One person's ratings, none amended, and the mean score they give as known before a moment."""

    __slots__ = ("by_year", "yearly")

    def __init__(self, ratings: Iterable[Rating], ordered: bool = False):
        """`ordered`: the ratings are in the record's order already (effective date, version)."""
        # per year, in the record's order (effective date, version): the last known one counts
        by_year: dict[int, list[tuple[datetime, int]]] = {}
        for _, _, year, score, recorded in ratings if ordered else sorted(ratings):  # (no two of one version)
            found = by_year.get(year)
            if found is None:
                by_year[year] = [(recorded, score)]
            else:
                found.append((recorded, score))
        self.by_year = by_year
        # per (year, years): the performance with every rating known, and when the last rating of
        # those years was recorded (before any later moment they are all known)
        self.yearly: dict[tuple[int, int], tuple[datetime | None, float]] = {}

    def score(self, year: int, moment: datetime | None) -> int | None:
        """The score of the rating of `year` known before `moment` (None: every one), if any."""
        found = self.by_year.get(year)
        if not found:
            return None
        if moment is None:
            return found[-1][1]
        for recorded, score in reversed(found):
            if recorded < moment:
                return score
        return None

    def mean(self, year: int, years: int, moment: datetime | None) -> float:
        """`mean_score`: the mean score of the ratings of the `years` years before `year`."""
        scores = [self.score(year - n, moment) for n in range(1, years + 1)]
        rated = [s for s in scores if s is not None]
        return sum(rated) / len(rated) if rated else 0.0

    def settled(self, day: date, horizon: date, years: int) -> tuple[datetime | None, float]:
        """(last, value): `performance(moment, day, horizon, years)` is `value` for any moment after
        `last` (None: any moment), as `KnownRecord.settled`: here, when the last rating of the years
        it reads was recorded, and the performance with every rating known (`mean`: of the last
        rating of each year, the scores being integers their sum in any order)."""
        key = (day.year, years)
        found = self.yearly.get(key)
        if found is None:
            last: datetime | None = None
            total = count = 0
            by_year = self.by_year
            for n in range(1, years + 1):
                ratings = by_year.get(day.year - n)
                if ratings:
                    total += ratings[-1][1]
                    count += 1
                    for recorded, _ in ratings:
                        if last is None or recorded > last:
                            last = recorded
            found = self.yearly[key] = (last, total / count if count else 0.0)
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
    plain = not (mapper.cipher or mapper.compressor) and plain_upcast(RATED) is not None
    rated_topic = get_topic(RATED)
    topics = [get_topic(BY_KIND[kind]) for kind in RATING_KINDS]
    ref = reference()
    lean: dict[str, KnownRatings] = {}
    other: dict[str, list[LedgerEvent]] = {}
    for subject, group in groupby(event_rows(app, subjects, topics), key=SUBJECT):  # by subject and version
        found = list(group)
        ratings = plain_ratings(found, rated_topic, ref) if plain else None
        if ratings is None:
            other[subject] = [decoded(app, r) for r in found]
        else:
            lean[subject] = KnownRatings(*ratings)
    for subject in subjects:  # no rating or amendment at all
        if subject not in lean and subject not in other:
            if plain:
                lean[subject] = KnownRatings(())
            else:
                other[subject] = []
    return lean, other


@functools.lru_cache(maxsize=8)
def predicate_scores(ref: Reference) -> dict[str, int]:
    """The score of each predicate read so far (`predicate_score`), per reference object: filled
    by `plain_ratings` with each predicate the reference knows (codes and their aliases)."""
    return {}


def plain_ratings(rows: Sequence[Stored], topic: str, ref: Reference) -> tuple[list[Rating], bool] | None:
    """The ratings of stored rows, all of them ratings stored as their class stores them now, each
    with a predicate the reference knows (None otherwise): the fields as
    `CareerMapper.to_domain_event` types them, the predicate as its score; and whether, read in
    order of version (a record's rows), they are in the record's order too (`KnownRatings`): their
    effective dates never go back (nearly every record)."""
    found: list[Rating] = []
    loads, day_of, time_of = orjson.loads, date.fromisoformat, datetime.fromisoformat
    scores = predicate_scores(ref)
    ordered, latest = True, date.min
    for _, version, stored_topic, stored in rows:
        if stored_topic != topic:
            return None
        state = loads(stored)
        try:
            effective, recorded, year, predicate = RATING_FIELDS(state)
        except KeyError:
            return None
        if (
            state.get("class_version", RATED_VERSION) != RATED_VERSION  # (a rating of version 1 or 2: no score read)
            or effective.__class__ is not str
            or recorded.__class__ is not str
            or not isinstance(year, int)
            or predicate.__class__ is not str
        ):
            return None
        score = scores.get(predicate)
        if score is None:
            if predicate not in ref.rating_predicates:
                return None  # read as the record reads it (which fails when the year is read)
            score = scores[predicate] = predicate_score(ref, predicate)
        day = day_of(effective)
        if day < latest:
            ordered = False
        latest = day
        found.append((day, version, year, score, time_of(recorded)))
    return found, ordered

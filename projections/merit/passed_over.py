"""merit.passed_over beyond regular promotions: functional-post promotions (202) and managerial
post appointments, each compared with the colleagues of the same agency, unit and rank (a unit in any letter
case or spacing: `unit_key`, as the ledger reads a unit's name; until 2026-12-05 as written, merit view 49).

The regular (101) promotions are compared over the `promotion_rounds` rows (queries.py). Here
the colleagues are those the record **as known before the decision**, read from the ledger, placed
in the unit at that rank the day before the TMT (looked for among everyone `unit_spells` has in
the unit before the TMT and those a version of a placing fact amended since named there, `unit_named`),
and each person is judged on that record: a colleague is in the pool
when eligible then (202: holding a definitive functional post and eligible for their own 202 by every enforced 202
rule, the colleagues who could have had that 202, as docs/rules.md defines the pool; until 2026-12-07 any kind open to
them, 101, 201 or 203 too; a post: every enforced post rule for that post, selected openly,
and a step up from the post held), and not promoted or appointed to that kind of post on the TMT.
The measures are those of the regular rounds.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate, groupby
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, Protocol, Union, runtime_checkable

from cachetools import LRUCache
from dateutil.relativedelta import relativedelta

from careerlog.application import CareerLog
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import parse_payload
from careerlog.domain.unit import unit_key
from careerlog.reference import Rule, Rules, reference, rules
from careerlog.sqlstore import Row, SqlStore
from projections.career import CareerRecord, Entry, Fact, day_iso
from projections.framework import Table, rules_file_digest
from projections.merit.eligibility import choice_kinds
from projections.merit.known_entries import entries_of, latest_versions
from projections.merit.known_ratings import KnownRatings, read_ratings
from projections.merit.posts import PostJudge
from projections.merit.queries import REGULAR_PROMOTION, PassedOverQueries, iso_day
from projections.merit.rules import FUNCTIONAL_KIND as FUNCTIONAL
from projections.merit.rules import PromotionJudge, counted_round, param_on, permitted_in_years
from projections.training import filter_clauses, units_shown, where_sql

# numpy is imported where used: every CLI process imports this module (careerlog --help and careerlog projections
# --help among them), which need none of it

Measures = tuple[float, float, int, int]
DAY = timedelta(days=1)
MEASURES = ("performance", "training_jp", "days_in_rank", "education")
RecordLoader = Callable[[Sequence[str]], dict[str, CareerRecord]]
Rated = Union["KnownRecord", KnownRatings]  # what a colleague's performance as known is read from
RatingsLoader = Callable[[Sequence[str]], dict[str, Rated]]


@runtime_checkable
class VersionedRecords(Protocol):
    """A RecordLoader that also tells each subject's last version in the ledger (`LedgerRecords.versions`): what
    every record it reads of the subject holds, under which a unit's comparison is kept (`KeptUnits`); a loader of
    records from elsewhere (a test's dict) tells none, and its comparisons are not kept."""

    def __call__(self, subjects: Sequence[str]) -> dict[str, CareerRecord]: ...

    def versions(self, subjects: Sequence[str]) -> dict[str, int]: ...


UNIT_SPELLS = Table(
    "unit_spells",
    (
        ("subject", "TEXT"),
        ("seq", "INTEGER"),
        ("start_date", "TEXT"),
        ("end_date", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("rank", "TEXT"),
        ("unit_key", "TEXT"),
    ),
    ("subject", "seq"),
    # (unit): the units ever placed in nationally, a seek each (projections.units.distinct_units); (agency, unit_key,
    # rank): a unit's staff in any spelling (`UnitStaff`)
    (("agency", "unit", "rank"), ("unit",), ("agency", "unit_key", "rank")),
)


def unit_spell_rows(record: CareerRecord) -> list[Row]:
    """Where an employee was (agency, unit) and at which rank, from each change to the next."""
    start = record.appointed_on
    if start is None:
        return []
    end = record.separated_on
    changes = sorted(
        {start, *(f.effective_date for f in record.of_kind("placement", "rank_promotion"))}
        - {d for d in [end] if d is not None}
    )
    changes = [d for d in changes if d >= start and (end is None or d < end)]
    rows: list[Row] = []
    for seq, (day, until) in enumerate(zip(changes, [*changes[1:], end], strict=True)):
        place, rank = record.placement_on(day), record.rank_on(day)
        rows.append(
            {
                "subject": record.subject,
                "seq": seq,
                "start_date": day_iso(day),
                "end_date": day_iso(until) if until else None,
                "agency": place[0] if place else None,
                "unit": place[1] if place else None,
                "rank": rank[0] if rank else None,
                "unit_key": key_of(place[1] if place else None),
            }
        )
    return rows


def key_of(unit: str | None) -> str | None:
    """A unit's `unit_key` (None for no unit): the passed-over comparisons match a unit so, in any spelling."""
    return None if unit is None else unit_key(unit)


# Per employee, each agency and unit that some version of an appointment or placement of theirs named (as first
# recorded, or as any correction made it: a correction or retraction since may have taken it back) from a day
# before the final record places them there in any spelling (`unit_key`, the comparison's match), if ever
# (`unit_spells`): `named_from`, the earliest effective date of those versions; `placed_at`, when the last entry of
# the kinds that place someone was recorded. The record known before a decision may place them in the unit where the
# final one never did (`DecisionPassedOverQueries.as_known`).
UNIT_NAMED = Table(
    "unit_named",
    (
        ("subject", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("named_from", "TEXT"),
        ("placed_at", "TEXT"),
        ("unit_key", "TEXT"),
    ),
    ("subject", "agency", "unit"),
    (("agency", "unit_key"),),
)


def unit_named_rows(record: CareerRecord, spells: Sequence[Row]) -> list[Row]:
    """`UNIT_NAMED`'s rows of a record, whose `unit_spell_rows` are `spells`: the units a version of its appointment
    or placements named from a day before the final record's first day there (none for a record whose placing
    facts were never corrected, retracted or placed otherwise later: the final record places it there from then).
    Of a fact corrected more than once, every agency named beside every unit named (a record known before a moment
    keeps the corrections recorded before it, in any order)."""
    named: dict[tuple[Any, Any], date] = {}
    for fact in record.facts.values():
        if fact.kind not in ("appointment", "placement"):
            continue
        versions = [fact.entry.values]
        for correction in fact.corrections:
            fields = correction.values.get("corrected_fields") or {}
            versions.append(parse_payload(BY_KIND[fact.kind], fields, partial=True))
        first = min(v["effective_date"] for v in versions if isinstance(v.get("effective_date"), date))
        for agency in {v["agency"] for v in versions if v.get("agency") is not None}:
            for unit in {v["unit"] for v in versions if v.get("unit") is not None}:
                held = named.get((agency, unit))
                named[(agency, unit)] = first if held is None else min(held, first)
    if not named:
        return []
    final: dict[tuple[Any, Any], str] = {}  # (agency, unit_key): the first day there
    for spell in spells:
        place = (spell["agency"], spell["unit_key"])
        final[place] = min(final.get(place, spell["start_date"]), spell["start_date"])
    earlier = [
        (agency, unit, day_iso(day))
        for (agency, unit), day in sorted(named.items())
        if (agency, unit_key(unit)) not in final or final[(agency, unit_key(unit))] > day_iso(day)
    ]
    if not earlier:  # (nearly every record: its placing facts place it there from then)
        return []
    placing = [e.recorded_at for e in record.entries if e.kind in PLACED_KINDS]
    placed_at = max(placing).isoformat() if placing else None
    return [
        {
            "subject": record.subject,
            "agency": agency,
            "unit": unit,
            "named_from": day,
            "placed_at": placed_at,
            "unit_key": unit_key(unit),
        }
        for agency, unit, day in earlier
    ]


def measures_on(record: CareerRecord, day: date) -> Measures:
    """Performance (mean score of the rated years before), training JP, days in rank, education order."""
    return (performance_on(record, day), *other_measures(record, day))


def other_measures(record: CareerRecord, day: date) -> tuple[float, int, int]:
    """The measures but the performance (`measures_on`): training JP, days in rank, education order."""
    jp = training_jp(record, day.year, training_years(rules(), day))
    held = record.rank_before(day)
    level = record.education_on(day)
    order = int(reference().education[level]["order"]) if level else 0
    return (float(jp), (day - held[1]).days if held else 0, order)


@functools.lru_cache(maxsize=4096)
def training_years(book: Rules, day: date) -> int:
    """The years whose training JP a measure on `day` sums, per rules object."""
    return int(book.param("merit.passed_over", day, "training_years", 2))


def training_jp(record: CareerRecord, year: int, years: int) -> int:
    """The JP of the trainings ending in the `years` years before `year` (`jp_by_year`'s of those
    years), read back from the last training ending by the end of the year before: a record as
    known at a time is read on a day or two, and `jp_by_year` would sum every year of it."""
    trainings = record.counted_trainings(until=date(year - 1, 12, 31))  # (a probable duplicate's JP once)
    first = year - years
    jp = 0
    for fact in reversed(trainings):
        if fact.effective_date.year < first:
            break
        jp += int(fact.get("hours"))
    return jp


def performance_on(record: CareerRecord, day: date) -> float:
    """The mean score of the ratings of the years before `day`'s year (0.0 without any)."""
    return mean_score(record, day.year, performance_years(day))


def performance_years(day: date) -> int:
    """The rated years a performance on `day` reads (`performance_on`), per the configured rules."""
    return rated_years(rules(), day)


@functools.lru_cache(maxsize=4096)
def rated_years(book: Rules, day: date) -> int:
    """`performance_years` per rules object, as `training_years`: read once per rules and day."""
    return int(book.param("merit.passed_over", day, "performance_years", 2))


def mean_score(record: CareerRecord, year: int, years: int) -> float:
    """The mean score of the ratings of the `years` years before `year` (0.0 without any)."""
    scores = [record.rating_score(year - n) for n in range(1, years + 1)]
    rated = [s for s in scores if s is not None]
    return sum(rated) / len(rated) if rated else 0.0


def comparison(mine: Measures, theirs: Measures, role: str = "promoted") -> dict[str, dict[str, float]]:
    return {m: {role: a, "colleague": b} for m, a, b in zip(MEASURES, mine, theirs, strict=True)}


class LedgerRecords:
    """Records read from the ledger, for the comparisons that judge people as known at a time (a
    RecordLoader), and `ratings`: what a performance reads of each, known at any time, from the
    ledger's rating and amendment rows only (`known_ratings`)."""

    def __init__(self, app: CareerLog):
        self.app = app

    def __call__(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        """Read a few hundred records per query (`entries_of`: as `CareerRecord.from_events` reads them)."""
        return self.read(subjects)

    def measured(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        """Records of the kinds a colleague's place and measures but the performance read
        (`MEASURED_KINDS`): they read those as the whole records do."""
        return self.read(subjects, MEASURED_KINDS)

    def placed(self, subjects: Sequence[str]) -> dict[str, CareerRecord]:
        """Records of the kinds that place someone in a unit at a rank (`PLACED_KINDS`): they read the place
        (`Reading.place`) as the whole records do."""
        return self.read(subjects, PLACED_KINDS)

    def read(self, subjects: Sequence[str], kinds: Sequence[str] = ()) -> dict[str, CareerRecord]:
        entries = entries_of(self.app, subjects, kinds)
        return {s: CareerRecord(s, entries.get(s, [])) for s in subjects}

    def ratings(self, subjects: Sequence[str]) -> dict[str, Rated]:
        """`KnownRatings` of each subject, or, with an amendment among them, the `KnownRecord` of a
        record of its ratings and amendments (which reads the same performance as the whole record,
        known at any time: a correction's target not in it is left alone, as it bears on no rating)."""
        lean, others = read_ratings(self.app, subjects)
        return {
            s: lean[s] if s in lean else KnownRecord(CareerRecord.from_events(s, others.get(s, []))) for s in subjects
        }

    def versions(self, subjects: Sequence[str]) -> dict[str, int]:
        """Each subject's last version in the ledger (`latest_versions`): what every read of its record above holds
        (a unit's comparison is kept under them, `KeptUnits`)."""
        return latest_versions(self.app, subjects)


def ledger_records(app: CareerLog) -> RecordLoader:
    """Records read from the ledger (`LedgerRecords`)."""
    return LedgerRecords(app)


def ratings_of(records: RecordLoader) -> RatingsLoader | None:
    """A loader's ratings (`LedgerRecords.ratings`), if it has them."""
    found = getattr(records, "ratings", None)
    return found if callable(found) else None


def measured_of(records: RecordLoader) -> RecordLoader | None:
    """A loader's records of the measured kinds only (`LedgerRecords.measured`), if it has them."""
    found = getattr(records, "measured", None)
    return found if callable(found) else None


# What `Reading.place` and `measures_on` but the performance read of a record: the appointment
# (employment kind, entry education, first place and rank), placements, rank promotions, status
# changes (separation), degrees and trainings (JP by year), and the amendments that may change them
MEASURED_KINDS = (
    "appointment",
    "placement",
    "rank_promotion",
    "status_change",
    "education",
    "training",
    "correction",
    "retraction",
)


# What `Reading.place` reads of a record: the appointment (employment kind, first place and rank), placements,
# rank promotions, status changes (separation) and the amendments that may change them
PLACED_KINDS = ("appointment", "placement", "rank_promotion", "status_change", "correction", "retraction")


LATE_ANYWAY = ("correction", "retraction", "performance_rating")  # may change what an earlier day shows


def unchanged_since(record: CareerRecord, moment: datetime, horizon: date) -> bool:
    """Whether nothing recorded at or after `moment` bears on the record up to `horizon`: no
    correction, retraction or rating, and no fact effective by `horizon`. Every check and
    measure on a day up to `horizon` then reads the same from the final record."""
    return all(
        e.effective_date > horizon and e.kind not in LATE_ANYWAY for e in record.entries if e.recorded_at >= moment
    )


def bears_from(entry: Entry) -> date:
    """The first day on which an entry may change what a comparison reads: a correction or a
    retraction any day; a rating of year Y only the days from 1 January of Y + 1 (a day's measures
    and rules read the ratings of the years before it: `CareerRecord.ratings` by year), or from its
    effective date if earlier; any other fact from its effective date."""
    if entry.kind in ("correction", "retraction"):
        return date.min
    if entry.kind == "performance_rating":
        year = entry.values.get("year")
        return min(entry.effective_date, date(int(year) + 1, 1, 1)) if isinstance(year, int) else date.min
    return entry.effective_date


class KnownRecord:
    """One person's final record and that record as known before the moments of decisions, for
    the decisions' days.

    As `unchanged_since` lets the final record stand for the one known before a moment when
    nothing recorded since bears on the days up to the horizon (no correction or retraction, no
    fact effective by then), since adding such facts changes nothing read on those days, the
    record known before a moment reads, up to the horizon, as the one known before the first entry
    recorded since that does bear on those days (`bears_from`; the final record when none does):
    the entries recorded in between bear on none of them. A rating bears only on the days of the
    years after the rated one (`unchanged_since` counts every rating). So the records known are
    built once per such cut (the entries recorded before that bearing entry), however many
    decisions fall before it, and each is read once per day (`Reading`)."""

    def __init__(self, record: CareerRecord):
        self.final = record
        entries = sorted(record.entries, key=RECORDED)
        self.times = [e.recorded_at for e in entries]
        # (`bears_from`: a fact other than a rating bears from its effective date)
        self.bears = [bears_from(e) if e.kind in LATE_ANYWAY else e.effective_date for e in entries]
        # the earliest day any entry recorded from the i-th on bears on (date.max past the last)
        self.bears_from = list(accumulate(reversed(self.bears), min, initial=date.max))[::-1]
        self.cuts: dict[int, CareerRecord] = {}
        self.readings: dict[tuple[int, date], Reading] = {}
        self.finals: dict[date, datetime | None] = {}
        self.yearly: dict[tuple[int, int], float] = {}  # the final record's performance by year

    def final_after(self, day: date, horizon: date) -> datetime | None:
        """The time of the last entry recorded before those that bear on none of the days up to
        `horizon` (None: no entry bears on them): the final record stands for any moment after it."""
        if day not in self.finals:
            last = bisect.bisect_right(self.bears_from, horizon)  # from here on nothing bears on them
            self.finals[day] = self.times[last - 1] if last else None
        return self.finals[day]

    def read(self, moment: datetime, day: date, horizon: date) -> Reading:
        """The record known before `moment` as read on `day` (`horizon`: the last day a fact may
        bear on it)."""
        last = self.final_after(day, horizon)
        cut = -1  # the final record, as `unchanged_since(final, moment, horizon)`
        if last is not None and moment <= last:
            cut = bisect.bisect_left(self.times, moment)  # the entries recorded before `moment`
            while self.bears[cut] > horizon:  # to the first entry since that bears on those days
                cut += 1
        found = self.readings.get((cut, day))
        if found is None:
            known = self.final if cut < 0 else self.cuts.get(cut)
            if known is None:
                known = self.cuts[cut] = self.final.known_before(self.times[cut])
            found = self.readings[(cut, day)] = Reading(known, day)
        return found

    def final_reading(self, day: date) -> Reading:
        """The final record read on `day` (as `read` reads it for a moment after everything bearing on it)."""
        found = self.readings.get((-1, day))
        if found is None:
            found = self.readings[(-1, day)] = Reading(self.final, day)
        return found

    def performance(self, moment: datetime, day: date, horizon: date, years: int) -> float:
        """`performance_on` the record known before `moment` on `day` (`years`: the rated years it
        reads); the final record's once per year."""
        last, value = self.settled(day, horizon, years)
        if last is not None and moment <= last:
            return self.read(moment, day, horizon).performance
        return value

    def settled(self, day: date, horizon: date, years: int) -> tuple[datetime | None, float]:
        """(last, value): `performance(moment, day, horizon, years)` is `value`, the final record's,
        for any moment after `last` (None: any moment; `final_after`)."""
        found = self.yearly.get((day.year, years))
        if found is None:
            found = self.yearly[(day.year, years)] = mean_score(self.final, day.year, years)
        return self.final_after(day, horizon), found


class Reading:
    """What the comparison reads of a record on a decision's day, each read at most once: the
    performance (the measure that most often rules a colleague out), whether a PNS in service and
    the agency, unit and rank the day before, the measures, 101 eligibility, 202 eligibility."""

    __slots__ = ("_eligible", "_measures", "_open", "_others", "_performance", "_place", "_placed", "day", "record")

    def __init__(self, record: CareerRecord, day: date):
        self.record, self.day = record, day
        self._performance: float | None = None
        self._placed = False
        self._place: tuple[str, str | None, str] | None = None
        self._measures: Measures | None = None
        self._others: tuple[float, int, int] | None = None
        self._eligible: bool | None = None
        self._open: bool | None = None

    @property
    def performance(self) -> float:
        if self._performance is None:
            self._performance = performance_on(self.record, self.day)
        return self._performance

    @property
    def place(self) -> tuple[str, str | None, str] | None:
        """(agency, the unit's `unit_key`, rank) the day before the day for a PNS in service on it, else None."""
        if not self._placed:
            record, day = self.record, self.day
            place, held = record.placement_on(day - DAY), record.rank_before(day)
            in_service = record.employment_kind == "PNS" and record.active_on(day)
            if in_service and place is not None and held is not None:
                self._place = (place[0], key_of(place[1]), held[0])
            self._placed = True
        return self._place

    @property
    def measures(self) -> Measures:
        if self._measures is None:
            self._measures = measures_on(self.record, self.day)
        return self._measures

    def with_performance(self, performance: float) -> Measures:
        """The measures with the performance read apart (from the ratings: `Rated`); the others
        (`other_measures`) read once."""
        others = self._others
        if others is None:
            others = self._others = other_measures(self.record, self.day)
        return (performance, *others)

    @property
    def eligible(self) -> bool:
        if self._eligible is None:
            self._eligible = eligible_regular(self.record, self.day)
        return self._eligible

    @property
    def eligible_functional(self) -> bool:
        if self._open is None:
            self._open = eligible_functional(self.record, self.day)
        return self._open


RECORDED = attrgetter("recorded_at")


def hypothetical_post(decision: Row, day: date, moment: datetime) -> Fact:
    """The decision's post as if a colleague had been appointed to it by open selection."""
    values = {
        "post_kind": decision["kind"],
        "level": decision["level"],
        "selection": "OPEN",
        "assignment": "DEFINITIVE",
        "effective_date": day,
        "reference": decision["reference"],
    }
    return Fact(Entry(0, "post_appointment", day, moment, decision["reference"], values, "audit", False), values)


class Comparison:
    """Who of a decision's colleagues was in the pool on its TMT (a promotion's: its round, `compared_day`), as known
    before the decision."""

    def __init__(self, decision: Row, records: dict[str, KnownRecord]):
        self.decision = decision
        self.day = date.fromisoformat(compared_day(decision))
        self.moment = datetime.fromisoformat(decision["recorded_at"])
        self.records = records
        self.horizon = horizon_of(rules(), self.day)
        self.place = (decision["agency"], key_of(decision["unit"]), decision["rank_before"])
        self.years = performance_years(self.day)

    def known(self, subject: str) -> Reading | None:
        """The record as known before the decision (the final one when nothing since bears on it),
        read on the decision's day."""
        found = self.records.get(subject)
        return None if found is None else found.read(self.moment, self.day, self.horizon)

    def placed(self, reading: Reading) -> bool:
        """A PNS in service on the TMT, in the decision's agency, unit (in any spelling) and rank the day before."""
        return reading.place == self.place

    def qualified(self, reading: Reading) -> bool:
        """Eligible (202: for a 202 of their own, `eligible_functional`; 101, on its own page: for a 101, as the rounds
        count; a post: qualified for it): the costly part."""
        if self.decision["decision"] == "post":
            return self.qualified_for_post(reading.record)
        if self.decision["kind"] != FUNCTIONAL:
            return reading.eligible
        return reading.eligible_functional and self.same_post(reading.record)

    def same_post(self, record: CareerRecord) -> bool:
        """Whether a colleague's definitive functional post on the day is the appointee's (`functional_post`: a
        Perawat's 202 does not pass over a Dokter due a 202 of their own; until 2026-12-07 any functional post
        did); True when the appointee's record is not among those read or names no post (compared as before)."""
        mine = self.records.get(self.decision["subject"])
        if mine is None:
            return True
        record_then = mine.read(self.moment, self.day, self.horizon).record
        post = functional_post_on(record_then, self.day) or functional_post_on(
            record_then, date.fromisoformat(self.decision["tmt"])
        )
        return post is None or functional_post_on(record, self.day) == post

    def qualified_for_post(self, record: CareerRecord) -> bool:
        order = reference().post_kinds
        held = record.definitive_post_on(self.day - DAY)
        target = int(order[self.decision["kind"]].get("order", 0))
        if held is not None and int(order[held.post_kind].get("order", 0)) >= target:
            return False  # the post would not be a step up
        fact = hypothetical_post(self.decision, self.day, self.moment)
        return not PostJudge(record).findings(fact)


@functools.lru_cache(maxsize=4096)
def horizon_of(book: Rules, day: date) -> date:
    """The last day a fact recorded after a decision of `day` may bear on its comparison (the
    leadership training's grace months after the TMT), per rules object."""
    return day + relativedelta(months=int(param_on(book, "post.leadership_training", day, "grace_months", 0)))


def eligible_regular(record: CareerRecord, day: date) -> bool:
    """Eligible for a 101 promotion to the next rank on `day` by every enforced rule."""
    new = next_rank(record, day)
    return new is not None and not PromotionJudge(record).barred(day, "101", new)


def eligible_functional(record: CareerRecord, day: date) -> bool:
    """Eligible on `day` for a 202 to the next rank: holding a definitive functional post then (`choice_kinds`) and
    barred by no enforced 202 rule in force. The pool of a 202 promotion: a 202 rests on the holder's own functional
    post and credit points, so only a fellow functional holder could have had it; a colleague on another track
    (a 101 of a pelaksana, a 201 of a managerial post holder, a 203 by a new degree) is not passed over by it
    (docs/rules.md merit.passed_over; until 2026-12-07 any kind open to the colleague: `open_kinds`)."""
    new = next_rank(record, day)
    if new is None or FUNCTIONAL not in choice_kinds(record.definitive_post_on(day)):
        return False
    return not PromotionJudge(record).barred(day, FUNCTIONAL, new)


# The level words of a functional post's title ("Perawat Ahli Muda"): the post itself is the title without them
FUNCTIONAL_LEVEL_WORDS = frozenset(
    ("ahli", "pertama", "muda", "madya", "utama", "pemula", "terampil", "mahir", "penyelia")
)


def functional_post(title: str | None) -> str | None:
    """The functional post a title names, its level words left out and letter case aside ("Perawat Ahli Muda" and
    "perawat terampil": "perawat"); None for no title."""
    words = [w for w in (title or "").lower().split() if w not in FUNCTIONAL_LEVEL_WORDS]
    return " ".join(words) or None


def functional_post_on(record: CareerRecord, day: date) -> str | None:
    """The functional post (`functional_post`) of the definitive functional post held on `day`, if any."""
    held = record.definitive_post_on(day)
    if held is None or FUNCTIONAL not in choice_kinds(held):
        return None
    return functional_post(held.fact.get("title"))


def next_rank(record: CareerRecord, day: date) -> str | None:
    """The rank above the one held the day before `day` (None: no rank held, or the top one)."""
    held = record.rank_before(day)
    ref = reference()
    if held is None or held[0] not in ref.ranks or ref.rank_index(held[0]) + 1 >= len(ref.ranks):
        return None
    return str(ref.ranks.codes[ref.rank_index(held[0]) + 1])


def compared_day(decision: Row) -> str:
    """The day a decision's colleagues are compared on: a promotion's round (`counted_round`: a TMT off a round date
    counts in the last round before it, as in the lists' `promotion_rounds`; merit view 34), a post's TMT."""
    tmt: str = decision["tmt"]
    if decision["decision"] != "promotion" or not tmt:
        return tmt
    return round_day(rules(), tmt, str(decision["kind"]))


@functools.lru_cache(maxsize=65536)
def round_day(book: Rules, tmt: str, kind: str) -> str:
    """`counted_round` of a TMT as written (YYYY-MM-DD), cached per rules object: a unit's staff's decisions read it
    once per TMT and kind (`UnitStaff`, each time a unit's kept comparison is checked)."""
    return counted_round(book, date.fromisoformat(tmt), kind).isoformat()


def received(row: Row) -> tuple[str, str, str, str | None]:
    """What a colleague received (a `decisions` row), as a pool leaves them out (`UnitStaff.pool`): a promotion of any
    kind in the round it counts in (`compared_day`), a post by its kind on its TMT."""
    promotion = row["decision"] == "promotion"
    return (row["subject"], compared_day(row), row["decision"], None if promotion else row["kind"])


def counted_until(book: Rules, day: str) -> str:
    """The last TMT that counts in the round of `day` or before it: the day before the next permitted date (`day`
    itself when none follows it)."""
    first = date.fromisoformat(day)
    later = [d for d in permitted_in_years(book, first.year, first.year + 1) if d > first]
    return (later[0] - timedelta(days=1)).isoformat() if later else day


class UnitStaff:
    """Who was in one agency and unit (by `unit_key`: in any spelling) at the ranks of some of its decisions between
    their first and last TMT, from `unit_spells` (ordered by subject, as the database orders them), and the
    decisions those people received in that time: the decisions' colleagues are read from here."""

    def __init__(self, store: SqlStore, decisions: Sequence[Row]):
        ranks = sorted({d["rank_before"] for d in decisions if d["rank_before"] is not None})
        days = [compared_day(d) for d in decisions]
        first, last = min(days), max(days)
        until = counted_until(rules(), last)  # (a promotion up to the next round counts in the last one compared)
        spells = (
            f"unit_spells s WHERE s.agency = ? AND s.unit_key = ? AND s.rank IN ({', '.join('?' * len(ranks))}) "
            "AND s.start_date < ? AND (s.end_date IS NULL OR s.end_date >= ?)"
        )
        key = key_of(decisions[0]["unit"])
        params = [decisions[0]["agency"], key, *ranks, last, first]
        # everyone the final record has in the unit at any rank before the last TMT (`others`)
        ever = "unit_spells s WHERE s.agency = ? AND s.unit_key = ? AND s.start_date < ?"
        unit = [decisions[0]["agency"], key, last]
        self.spells: dict[str, list[tuple[str, str, str | None]]] = {}
        self.first: dict[str, str] = {}  # per subject, their first day in the unit at any rank
        self.named: dict[str, str] = {}  # per subject, the first day an amended placing fact named the unit
        self.decided: set[tuple[str, str, str, str | None]] = set()
        self.cache: dict[tuple[str | None, str], list[str]] = {}
        if not ranks:
            return
        for row in store.query(
            f"SELECT s.subject, s.rank, s.start_date, s.end_date FROM {spells} ORDER BY s.subject", params
        ):
            self.spells.setdefault(row["rank"], []).append((row["subject"], row["start_date"], row["end_date"]))
        for row in store.query(f"SELECT s.subject, MIN(s.start_date) AS first FROM {ever} GROUP BY s.subject", unit):
            self.first[row["subject"]] = row["first"]
        # and those a version of a placing fact named in the unit before the last TMT, the final record not then,
        # with a placing entry recorded at or after the first decision (`UNIT_NAMED`)
        since = min(datetime.fromisoformat(d["recorded_at"]) for d in decisions)
        # (a row per spelling named, merit view 49: the earliest of a subject's, in whatever order they are read)
        for row in store.query(
            "SELECT n.subject, n.named_from, n.placed_at FROM unit_named n "
            "WHERE n.agency = ? AND n.unit_key = ? AND n.named_from < ?",
            unit,
        ):
            if row["placed_at"] is not None and datetime.fromisoformat(row["placed_at"]) >= since:
                held = self.named.get(row["subject"])
                self.named[row["subject"]] = row["named_from"] if held is None else min(held, row["named_from"])
        # what they received on those days: promotions (any kind, by the round they count in) and posts (by kind), by
        # subject and TMT
        self.decided = {
            received(r)
            for r in store.query(
                # `|| ''`: look the staff's decisions up by subject (the primary key); on the index of
                # (tmt, subject, version) PostgreSQL read every decision of the period for each of them
                # (14 s for a unit of the 10,000 demo without statistics, 30 ms by subject)
                "SELECT c.subject, c.tmt, c.decision, c.kind FROM decisions c WHERE c.tmt || '' >= ? "
                f"AND c.tmt || '' <= ? AND c.subject IN (SELECT s.subject FROM {ever})",
                [first, until, *unit],
            )
        }
        named = sorted(set(self.named).difference(self.first))
        if named:  # (a few: those whose placing facts were amended)
            self.decided.update(
                received(r)
                for r in store.query(
                    "SELECT c.subject, c.tmt, c.decision, c.kind FROM decisions c WHERE c.subject IN "
                    f"({', '.join('?' * len(named))}) AND c.tmt >= ? AND c.tmt <= ?",
                    [*named, first, until],
                )
            )

    def pool(self, decision: Row) -> Pool:
        """The decision's colleagues: who was in its agency and unit at its rank the day before the
        TMT (`present`, shared by the decisions of that rank and day), but not the appointee and not
        those promoted (any kind) or appointed to the same kind of post on the TMT (`excluded`, the
        same for the decisions of that day, kind and post kind: `Pool.kind`)."""
        day, kind = compared_day(decision), decision["decision"]
        post_kind = None if kind == "promotion" else decision["kind"]
        decided = self.decided
        return Pool(
            decision,
            self.present(decision["rank_before"], day),
            lambda other: (other, day, kind, post_kind) in decided,
            (kind, post_kind),
        )

    def present(self, rank: str | None, day: str) -> list[str]:
        """Who was in the unit at `rank` the day before `day`, in subject order, once per rank and day."""
        found = self.cache.get((rank, day))
        if found is None:
            found = self.cache[(rank, day)] = []
            for other, start, end in self.spells.get(rank, ()) if rank is not None else ():
                if start < day and (end is None or end >= day) and (not found or found[-1] != other):
                    found.append(other)
        return found

    def in_unit_before(self, subject: str, day: str) -> bool:
        """Whether the final record has `subject` in the unit, at any rank, before `day`, or a version of one of their
        appointments or placements named it from before `day` (`UNIT_NAMED`): of these, a record made after a
        decision may have moved out one the record known before it placed in the unit at its rank the day before the
        TMT (`DecisionPassedOverQueries.as_known`); no one else can have been placed there."""
        first = self.first.get(subject)
        named = self.named.get(subject)
        return (first is not None and first < day) or (named is not None and named < day)

    def ever(self) -> set[str]:
        """Everyone `in_unit_before` the last TMT."""
        return {*self.first, *self.named}

    def state(self) -> tuple[Any, ...]:
        """What was read of the views (all a unit's comparison reads of them but its decisions' rows), in an order of
        its own (a set's, rows read in an order the database is free to choose), to compare."""
        return (
            sorted((rank, sorted(spells, key=repr)) for rank, spells in self.spells.items()),
            sorted(self.first.items()),
            sorted(self.named.items()),
            sorted(self.decided, key=repr),
        )

    def everyone(self) -> set[str]:
        """Everyone read here: each colleague a unit's comparison may read the record of is one of them."""
        return {*self.ever(), *(subject for spells in self.spells.values() for subject, _, _ in spells)}


class LateEntries:
    """The entries of some records (`KnownRecord`) by recorded time, with the first day each may bear on (as
    `KnownRecord.bears`): `unsettled` finds, for a decision, the records with an entry recorded at or after it that
    bears on a day up to its horizon, the only ones whose record known before it may read otherwise on its TMT
    than the final one (`KnownRecord.read`: with none, the final record stands for it), in one pass over arrays
    instead of a look at each record per decision."""

    def __init__(self, records: dict[str, KnownRecord]):
        import numpy as np

        self.subjects = sorted(records)
        recorded: list[float] = []
        bears: list[int] = []
        owners: list[int] = []
        for i, subject in enumerate(self.subjects):
            known = records[subject]
            recorded.extend(t.timestamp() for t in known.times)  # (a float keeps every microsecond apart)
            bears.extend(d.toordinal() for d in known.bears)
            owners.extend([i] * len(known.times))
        order = np.argsort(np.array(recorded, dtype=float), kind="stable")
        self.recorded = np.array(recorded, dtype=float)[order]
        self.bears = np.array(bears, dtype=np.int64)[order]
        self.owners = np.array(owners, dtype=np.int64)[order]

    def unsettled(self, moment: datetime, horizon: date) -> list[str]:
        """The subjects with an entry recorded at or after `moment` that bears on a day up to `horizon`, in order."""
        import numpy as np

        start = int(np.searchsorted(self.recorded, moment.timestamp(), side="left"))
        owners = np.unique(self.owners[start:][self.bears[start:] <= horizon.toordinal()])
        return [self.subjects[i] for i in owners.tolist()]


class Pool(NamedTuple):
    """A decision and its colleagues: those `present` but not the appointee and not `excluded`
    (which asks the same of every decision of one list present and `kind`)."""

    decision: Row
    present: list[str]
    excluded: Callable[[str], bool]
    kind: Any = None


class Ranking:
    """The colleagues present on one day (`Pool.present`, a list shared by the decisions of one
    agency, unit, rank and TMT) ordered by their performance once every rating it reads is known
    (`settled`), so that a decision finds those with a better performance than its appointee's
    without reading every colleague: a colleague whose performance is settled by the decision's
    recorded time has a better one exactly when its settled one is; the others, whose ratings of
    those years were recorded at or after it, are read as known then."""

    def __init__(self, present: Sequence[str], rated: dict[str, Rated], day: date, horizon: date, years: int):
        ranked: list[tuple[float, int, datetime | None]] = []
        for position, subject in enumerate(present):
            known = rated.get(subject)
            if known is not None:
                last, value = known.settled(day, horizon, years)
                ranked.append((value, position, last))
        ranked.sort(key=itemgetter(0))
        self.values = [value for value, _, _ in ranked]  # ascending
        self.ranked = [(position, last) for _, position, last in ranked]
        unsettled = sorted((last, position) for _, position, last in ranked if last is not None)
        self.lasts = [last for last, _ in unsettled]  # ascending
        self.unsettled = [position for _, position in unsettled]
        self.present, self.rated = present, rated
        self.day, self.horizon, self.years = day, horizon, years

    def better(self, moment: datetime, mine: float) -> tuple[list[int], list[float]]:
        """Those with a better performance than `mine` as known before `moment` (their positions in
        the list present, in order) and that performance."""
        values = self.values
        start = bisect.bisect_right(values, mine)
        found = [
            (position, value)
            for (position, last), value in zip(self.ranked[start:], values[start:], strict=True)
            if last is None or moment > last
        ]
        present, rated, day, horizon, years = self.present, self.rated, self.day, self.horizon, self.years
        for position in self.unsettled[bisect.bisect_left(self.lasts, moment) :]:
            value = rated[present[position]].performance(moment, day, horizon, years)
            if value > mine:
                found.append((position, value))
        found.sort()
        return [position for position, _ in found], [value for _, value in found]


Stronger = tuple[Row, Rule, list[tuple[str, Measures]], Measures]  # decision, rule, the clearly stronger, mine


class Judging:
    """The decisions of one list present (`Pool.present`: one agency, unit, rank and TMT) recorded
    at one moment, judged together: their colleagues with a better performance than the lowest of
    their appointees' are found once (`Ranking.better`) and each decision's are those better than
    its appointee's and not excluded (`better`); the place and measures of each of those are read
    once for all the decisions, and the four measures compared for each decision at once over
    arrays (`stronger`: what `clearly_stronger` decides of each)."""

    def __init__(self, ranking: Ranking, comparing: Comparison):
        self.ranking, self.comparing = ranking, comparing
        self.decisions: list[tuple[Pool, Rule, float]] = []  # each pool, its rule, the appointee's performance
        self.subjects: list[str] = []  # the colleagues with a better performance than the lowest of those
        self.performance: list[float] = []  # theirs, as known before the moment
        self.masks: list[Any] = []  # per decision: which of them are better than its appointee and not excluded
        self.found: list[Stronger | None] | None = None
        self.any = False  # whether any decision has a better colleague not excluded

    def add(self, pool: Pool, rule: Rule, mine: float) -> int:
        """A decision of the list and moment, with its appointee's performance: its index."""
        self.decisions.append((pool, rule, mine))
        return len(self.decisions) - 1

    def better(self) -> set[str]:
        """Find each decision's colleagues with a better performance than its appointee's, not
        excluded; the subjects whose places and measures the comparison reads (theirs and of the
        appointees of the decisions with any)."""
        import numpy as np

        comparing = self.comparing
        positions, self.performance = self.ranking.better(comparing.moment, min(mine for _, _, mine in self.decisions))
        if not positions:  # no one better than any of the appointees
            return set()
        present = self.ranking.present
        subjects = self.subjects = [present[p] for p in positions]
        values = np.array(self.performance, dtype=float)
        index = {s: i for i, s in enumerate(subjects)}
        excluded: dict[Any, Any] = {}  # per kind of pool (all its decisions exclude the same)
        wanted: set[str] = set()
        for pool, _, mine in self.decisions:
            out = excluded.get(pool.kind)
            if out is None:
                out = excluded[pool.kind] = np.array([pool.excluded(o) for o in subjects], dtype=bool)
            mask = (values > mine) & ~out
            me = index.get(pool.decision["subject"])
            if me is not None:
                mask[me] = False
            self.masks.append(mask)
            if mask.any():
                self.any = True
                wanted.add(pool.decision["subject"])
                wanted.update(subjects[i] for i in np.flatnonzero(mask))
        return wanted

    def stronger(self, measured: dict[str, KnownRecord]) -> list[Stronger | None]:
        """Per decision, those of its better colleagues in its place then and clearly stronger, with
        their measures, and the appointee's (None without any better colleague or the appointee's
        record): of each better colleague, `clearly_stronger` of its measures and the appointee's."""
        import numpy as np

        if self.found is not None:
            return self.found
        if not self.any:
            self.found = [None] * len(self.decisions)
            return self.found
        comparing = Comparison(self.comparing.decision, measured)
        moment, day, horizon = comparing.moment, comparing.day, comparing.horizon
        count = len(self.subjects)
        placed = np.zeros(count, dtype=bool)  # in the place then, with a record
        training = np.zeros(count, dtype=float)
        days = np.zeros(count, dtype=np.int64)
        education = np.zeros(count, dtype=np.int64)
        theirs: list[Measures | None] = [None] * count
        performance_of = np.array(self.performance, dtype=float)
        read = np.logical_or.reduce(self.masks)
        for i in np.flatnonzero(read).tolist():
            known = measured.get(self.subjects[i])
            if known is None:
                continue
            reading = known.read(moment, day, horizon)
            if not comparing.placed(reading):
                continue
            measures = theirs[i] = reading.with_performance(self.performance[i])
            placed[i] = True
            training[i], days[i], education[i] = measures[1], measures[2], measures[3]
        self.found = []
        for (pool, rule, performance), mask in zip(self.decisions, self.masks, strict=True):
            me = comparing.known(pool.decision["subject"]) if mask.any() else None
            if me is None:
                self.found.append(None)
                continue
            mine = me.with_performance(performance)
            min_better = int(rule.params.get("min_better", 2))
            chosen = mask & placed & stronger_than(performance_of, training, days, education, mine, min_better)
            found = [(self.subjects[i], theirs[i]) for i in np.flatnonzero(chosen).tolist()]
            self.found.append((pool.decision, rule, found, mine))  # type: ignore[arg-type]
        return self.found


def stronger_than(performance: Any, training: Any, days: Any, education: Any, mine: Measures, min_better: int) -> Any:
    """`clearly_stronger` of each of some colleagues' measures (four arrays) and `mine`, as an
    array: at least as strong on every measure, stronger on `min_better` of them, performance
    among them."""
    import numpy as np

    more = (training > mine[1]).astype(np.int64) + (days > mine[2]) + (education > mine[3]) + 1
    return (
        (performance > mine[0])
        & (training >= mine[1])
        & (days >= mine[2])
        & (education >= mine[3])
        & (more >= min_better)
    )


# The units' comparisons a server keeps (`KeptUnits`): their pairs and a digest, well under 1 KB each at the 2,000
# demo (99 units, 23 KB pickled), a few per unit for the periods and scopes asked
KEPT_UNITS = 4096

# A unit's kept comparison: per decision its pairs and `recorded_later` (None: not compared, no earlier rank)
UnitFound = tuple[list[list[dict[str, Any]]], list[list[dict[str, str]] | None]]


class KeptUnits:
    """The 202 and managerial post decisions' comparisons of each unit (`DecisionPassedOverQueries.passed_over`),
    kept by a server across requests (web.kept) under a digest of everything they are computed from (`inputs_digest`):
    the unit's decisions' rows, what `UnitStaff` read of the views (its staff, their spells, named places and
    decisions), the last version in the ledger of everyone it names and of the decisions' subjects (the only records
    the comparison reads, whose events are never changed), and the rules' digest. An event applied to one record
    leaves every unit that names no one of it kept, and the unit it moves someone into or out of is computed anew (its
    staff read otherwise); until 2026-12-07 any event applied computed every unit anew (5-9 s at 2,000 employees).
    Shared by threads: two computing one unit at once both compute it, and both answers are right."""

    def __init__(self, size: int = KEPT_UNITS):
        self.units: LRUCache[Hashable, tuple[bytes, UnitFound]] = LRUCache(size)
        self.lock = threading.Lock()

    def get(self, key: Hashable, inputs: bytes) -> UnitFound | None:
        """The comparison kept under `key` if computed from `inputs`, else None."""
        with self.lock:
            held = self.units.get(key)
        return held[1] if held is not None and held[0] == inputs else None

    def put(self, key: Hashable, inputs: bytes, found: UnitFound) -> None:
        with self.lock:
            self.units[key] = (inputs, found)


def inputs_digest(rules_digest: str, decisions: Sequence[Row], staff: Any, versions: Mapping[str, int]) -> bytes:
    """A digest of what a unit's comparison is computed from (`KeptUnits`), kept in its place (a unit's staff and
    spells, some KB, are not held): the rules' digest, the decisions' rows, `UnitStaff.state` and the records'
    versions, each written out in an order of its own (`repr` of values read from the store: texts, numbers and
    None). The same inputs written out otherwise would only be computed anew."""
    text = repr((rules_digest, [sorted(d.items()) for d in decisions], staff, sorted(versions.items())))
    return hashlib.sha256(text.encode()).digest()


class DecisionPassedOverQueries:
    """merit.passed_over for 202 promotions and managerial post appointments (docs/audit.md)."""

    def __init__(self, store: SqlStore, records: RecordLoader, kept: KeptUnits | None = None):
        self.store = store
        self.records = records
        # the units' comparisons kept across calls, with a loader that reads the ledger's last versions
        self.versions = records.versions if isinstance(records, VersionedRecords) else None
        self.kept = kept if self.versions is not None else None
        self.ratings = ratings_of(records)
        # the records places and measures are read from: of the measured kinds with the ratings
        # read apart (`measured_of`), else the whole ones
        self.measured = measured_of(records) if self.ratings is not None else None
        self.cache: dict[str, KnownRecord] = {}
        self.partial: dict[str, KnownRecord] = {}  # records of the measured kinds
        self.rated: dict[str, Rated] = {}  # what the performances are read from (`ratings_of`)
        # per decision compared (subject, version), the colleagues the final record and the record known before it
        # place apart (`as_known`)
        self.recorded_later: dict[tuple[str, int], list[dict[str, str]]] = {}
        self.compared: list[Row] = []  # the decisions the last `passed_over` compared

    def passed_over(
        self,
        filters: dict[str, Any] | None = None,
        *,
        nip: str | None = None,
        version: int | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> list[dict[str, Any]]:
        """Per decision, the eligible colleagues not chosen that were clearly stronger, with the comparison; each
        unit shown under its spelling most listed (`units_shown`: its decisions are compared with the colleagues
        placed in it in any spelling).

        The decisions are compared one unit at a time: the unit's staff and their decisions read in
        three queries (`UnitStaff`), the colleagues as known before each decision (`as_known`: a lone
        decision's, its own page's, as a list's), its records read together and kept only
        while its decisions are compared (memory holds one unit's colleagues), each colleague's
        record as known before a decision built once per knowledge cut and read once per day
        (KnownRecord). With a loader of ratings-only records (`ratings_of`), the performances are
        read from those first, and the whole records only of the colleagues with a better one than
        the appointee's and of those appointees (`compare_unit`)."""
        decisions = self.compared = self.decisions(filters, nip, version, start, end)
        found: list[list[dict[str, Any]]] = [[] for _ in decisions]

        def unit_of(i: int) -> tuple[str, str, bool, bool]:  # a missing agency or unit is not ""; any spelling one unit
            agency, unit = decisions[i]["agency"], key_of(decisions[i]["unit"])
            return (agency or "", unit or "", agency is None, unit is None)

        digest = rules_file_digest()
        for place, indexes in groupby(sorted(range(len(decisions)), key=unit_of), key=unit_of):
            unit = list(indexes)
            chosen = [decisions[i] for i in unit]
            self.forget()
            staff = UnitStaff(self.store, chosen)
            key, inputs = (place, tuple((d["subject"], d["version"]) for d in chosen)), None
            held = None
            if self.kept is not None and self.versions is not None:
                read = sorted(staff.everyone() | {d["subject"] for d in chosen})  # (every record compared is one)
                inputs = inputs_digest(digest, chosen, staff.state(), self.versions(read))
                held = self.kept.get(key, inputs)
            if held is None:
                pools = self.as_known(staff, [staff.pool(d) for d in chosen])
                held = (
                    list(self.compare_unit(pools)),
                    [self.recorded_later.get((d["subject"], d["version"])) for d in chosen],
                )
                if self.kept is not None and inputs is not None:
                    self.kept.put(key, inputs, held)
            for i, decision, items, later in zip(unit, chosen, *held, strict=True):
                found[i] = items
                if later is not None:
                    self.recorded_later[(decision["subject"], decision["version"])] = later
        self.forget()
        return units_shown(item for items in found for item in items)

    def decisions(
        self, filters: dict[str, Any] | None, nip: str | None, version: int | None, start: str | None, end: str | None
    ) -> list[Row]:
        clauses, params = filter_clauses(filters, {"agency": "agency", "unit": "unit", "region": "region"})
        managerial = [k.code for k in reference().post_kinds if k.get("managerial")]
        # one decision named by its version (its own page) is compared here whatever the kind: a 101 too,
        # which the lists compare over the rounds of the final record (passed_over_of)
        promoted = "kind IN ('101', '202')" if version is not None else "kind = '202'"
        clauses.append(
            f"((decision = 'promotion' AND {promoted}) OR (decision = 'post' AND kind IN "
            f"({', '.join('?' * len(managerial))})))"
        )
        params += managerial
        # a decision not judged (verdict NULL: no rule of its own in force on its TMT) is compared with no one, as the
        # lists compare it with no one (docs/audit.md; until 2026-12-06 its page compared it, reading `findings`
        # beside the list's not judged, and `audit passed-over` listed its pairs)
        clauses.append("verdict IS NOT NULL")
        start, end = iso_day(start, "from"), iso_day(end, "to")
        for value, clause in ((nip, "subject = ?"), (version, "version = ?"), (start, "tmt >= ?"), (end, "tmt <= ?")):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        return self.store.query(f"SELECT * FROM decisions{where_sql(clauses)} ORDER BY tmt, subject", params)

    def as_known(self, staff: UnitStaff, pools: list[Pool]) -> list[Pool]:
        """The unit's decisions' colleagues as known before each decision, and those the final record places otherwise.

        A pool's `present` is who the final record places in the decision's agency, unit and rank the day before the
        TMT (`unit_spells`). A placement, promotion, appointment, separation, correction or retraction recorded after
        the decision but effective before its TMT (a back-dated transfer) may place someone otherwise than the record
        known before the decision did: the colleagues are those it placed there (the lists' rule for a 101,
        `earlier_rounds`). So everyone the final record has in the unit at any rank before the TMT
        (`UnitStaff.in_unit_before`) whom the record known before the decision places there joins the pool (compared as
        known then); so does one placed there only by a version of an appointment or placement corrected, retracted
        or superseded since (`UnitStaff.named`, from `UNIT_NAMED`: the final record never places them there, as known
        then it may have); one placed there only by a record made since stays in `present` and is left out where the
        comparison reads each place as known then (`Judging.stronger`). Both are named per decision in
        `recorded_later` (`placed`: `elsewhere`, compared as known then, or `here`, not compared), by NIP. The
        same for a lone decision (its own page) as for a list of them (`careerlog audit passed-over`). Only those
        with an entry recorded at or after the decision that bears on its TMT are read again (`LateEntries`)."""
        records = self.load_placed(sorted({s for pool in pools for s in pool.present}.union(staff.ever())))
        late = LateEntries(records)
        found: list[Pool] = []
        for pool in pools:
            decision = pool.decision
            if decision["rank_before"] is None:
                found.append(pool)
                continue
            comparing = Comparison(decision, records)
            present = set(pool.present)
            later: list[dict[str, str]] = []
            joining: list[str] = []
            # of the others the final record stands for the one known then on the TMT: placed alike then and now,
            # and placed now only if in `present` (the final record's `unit_spells`): nothing to add or name
            for subject in late.unsettled(comparing.moment, comparing.horizon):
                if subject == decision["subject"] or pool.excluded(subject):
                    continue
                if subject not in present and not staff.in_unit_before(subject, compared_day(decision)):
                    continue
                known = records[subject]
                then = comparing.placed(comparing.known(subject))  # type: ignore[arg-type]
                now = comparing.placed(known.final_reading(comparing.day))
                if then and subject not in present:
                    joining.append(subject)
                if then and not now:
                    later.append({"colleague": subject, "placed": "elsewhere"})
                elif now and not then and subject in present:
                    later.append({"colleague": subject, "placed": "here"})
            self.recorded_later[(decision["subject"], decision["version"])] = later
            found.append(pool._replace(present=sorted([*pool.present, *joining])) if joining else pool)
        return found

    def load_placed(self, subjects: Sequence[str]) -> dict[str, KnownRecord]:
        """What a place is read from (`Reading.place`): the loader's records of the kinds that place someone
        (`LedgerRecords.placed`) if it has them, else the measured ones; not kept."""
        placed = getattr(self.records, "placed", None)
        if not callable(placed):
            return self.load_measured(subjects)
        return known_records(placed(subjects))

    def forget(self) -> None:
        """Let one unit's records go."""
        self.cache.clear()
        self.partial.clear()
        self.rated.clear()

    def load(self, subjects: Sequence[str]) -> dict[str, KnownRecord]:
        """The whole records."""
        return cached(self.cache, subjects, lambda wanted: known_records(self.records(wanted)))

    def load_measured(self, subjects: Sequence[str]) -> dict[str, KnownRecord]:
        """What places and measures are read from: the loader's records of the measured kinds if it
        has them (`measured_of`), else the whole records."""
        measured = self.measured
        if measured is None:
            return self.load(subjects)
        return cached(self.partial, subjects, lambda wanted: known_records(measured(wanted)))

    def load_rated(self, subjects: Sequence[str]) -> dict[str, Rated]:
        """What the performances are read from: the loader's ratings if it has them, else the records."""
        ratings = self.ratings
        if ratings is None:
            return dict(self.load(subjects))
        return cached(self.rated, subjects, ratings)

    def compare_unit(self, pools: Sequence[Pool]) -> Iterator[list[dict[str, Any]]]:
        """The clearly stronger ones of each decision's colleagues (`Pool`), in the order given.

        Clearly stronger needs a better performance, which rules most colleagues out and reads only
        ratings: first every decision's colleagues with a better performance than the appointee's,
        from everyone's ratings (`load_rated`), found through the colleagues present on the day
        ranked by performance (`Ranking`, once per list present), for the decisions of one list
        present recorded at one moment together (`Judging`); then, of those and of their appointees
        only, the places and measures (from records of the measured kinds if the loader has them,
        `measured_of`, the performance from the ratings), each colleague's read once for such
        decisions, and the four measures compared as arrays (`Judging.stronger`); last, from the
        whole records of the clearly stronger only, whether they were in the pool (`qualified`)."""
        subjects = sorted({s for pool in pools for s in [pool.decision["subject"], *pool.present] if pool.present})
        rated = self.load_rated(subjects)
        rankings: dict[int, Ranking] = {}
        groups: dict[tuple[int, datetime], Judging] = {}
        judged: list[tuple[Judging, int] | None] = []
        for pool in pools:
            decision, present = pool.decision, pool.present
            judged.append(None)
            rule = rules().in_force("merit.passed_over", date.fromisoformat(decision["tmt"]))
            me = rated.get(decision["subject"])
            if rule is None or me is None or not present:
                continue
            comparing = Comparison(decision, {})
            moment, day, horizon, years = comparing.moment, comparing.day, comparing.horizon, comparing.years
            group = groups.get((id(present), moment))
            if group is None:
                ranking = rankings.get(id(present))
                if ranking is None:
                    ranking = rankings[id(present)] = Ranking(present, rated, day, horizon, years)
                group = groups[(id(present), moment)] = Judging(ranking, comparing)
            judged[-1] = (group, group.add(pool, rule, me.performance(moment, day, horizon, years)))
        wanted: set[str] = set()
        for group in groups.values():
            wanted.update(group.better())
        measured = self.load_measured(sorted(wanted))
        stronger = [None if item is None else item[0].stronger(measured)[item[1]] for item in judged]
        others = {other for found in stronger if found for other, _ in found[2]}
        # (a 202's appointee too: its colleagues are pooled by the appointee's functional post, `same_post`)
        appointees = {found[0]["subject"] for found in stronger if found and found[0]["kind"] == FUNCTIONAL}
        records = self.load(sorted(others | appointees))
        for found in stronger:
            yield [] if found is None else self.qualified(*found, records)

    @staticmethod
    def qualified(
        decision: Row, rule: Rule, stronger: list[tuple[str, Measures]], mine: Measures, records: dict[str, KnownRecord]
    ) -> list[dict[str, Any]]:
        """Of a decision's clearly stronger colleagues, those in the pool, judged on their whole
        records (the costly eligibility check)."""
        comparing = Comparison(decision, records)
        role = "promoted" if decision["decision"] == "promotion" else "appointed"
        found = []
        for other, theirs in stronger:
            reading = comparing.known(other)
            if reading is not None and comparing.qualified(reading):
                found.append(result(decision, rule.severity, other, comparison(mine, theirs, role)))
        return found


def cached(
    cache: dict[str, Any], subjects: Sequence[str], read: Callable[[list[str]], dict[str, Any]]
) -> dict[str, Any]:
    """What `read` gives of each subject, read once per subject into `cache`."""
    wanted = [s for s in subjects if s not in cache]
    if wanted:
        cache.update(read(wanted))
    return {s: cache[s] for s in subjects if s in cache}


def known_records(records: dict[str, CareerRecord]) -> dict[str, KnownRecord]:
    return {s: KnownRecord(r) for s, r in records.items()}


def result(decision: Row, severity: str, colleague: str, compared: dict[str, Any]) -> dict[str, Any]:
    return {
        "subject": decision["subject"],
        "version": decision["version"],
        "decision": decision["decision"],
        "kind": decision["kind"],
        "tmt": decision["tmt"],
        "agency": decision["agency"],
        "unit": decision["unit"],
        "rank": decision["rank_before"],
        "colleague": colleague,
        "severity": severity,
        "comparison": compared,
    }


def passed_over_of(store: SqlStore, records: RecordLoader, decision: Row) -> list[dict[str, Any]]:
    """The clearly stronger colleagues of one decision (its own page), each side judged on the record as known
    before the decision was recorded, read from the ledger: a 202 promotion's and a managerial post's, and a
    regular (101) promotion's too, which the lists compare over the rounds (`PassedOverQueries`: a colleague's
    round as it stood then, the final row when nothing bearing on it was recorded after the decision, else the
    `earlier_rounds` row standing then (merit view 13); a rating or training bearing only on the rounds of the
    years that read it, merit view 32; docs/audit.md)."""
    return colleagues_of(store, records, decision)[0]


def colleagues_of(
    store: SqlStore, records: RecordLoader, decision: Row
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """`passed_over_of` one decision, and the colleagues the final record places otherwise than the record
    known before the decision (`DecisionPassedOverQueries.as_known`: `placed` elsewhere, compared as
    known then; or here, only by a record made since, not compared)."""
    queries = DecisionPassedOverQueries(store, records)
    found = queries.passed_over(nip=decision["subject"], version=decision["version"])
    return found, queries.recorded_later.get((decision["subject"], decision["version"]), [])


def nip_named(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the views naming the employee `subject`, with its NIP named `nip` in its place."""
    return {("nip" if name == "subject" else name): value for name, value in row.items()}


def regular_versions(store: SqlStore, subjects: Sequence[str]) -> dict[tuple[str, str], int]:
    """The version of each regular (101) promotion of `subjects` by (subject, TMT), as the lists match a round to its
    decision (queries.REGULAR_PROMOTION; the first, of two on one day)."""
    found: dict[tuple[str, str], int] = {}
    for at in range(0, len(subjects), 500):
        chunk = subjects[at : at + 500]
        for row in store.query(
            "SELECT subject, tmt, MIN(version) AS version FROM decisions d WHERE "
            f"{REGULAR_PROMOTION} AND subject IN ({', '.join('?' * len(chunk))}) GROUP BY subject, tmt",
            chunk,
        ):
            found[(row["subject"], row["tmt"])] = int(row["version"])
    return found


# The passed-over pairs' CSV columns, of the command's and the API's CSV alike: the decision (its page's path `page`),
# the colleague, and the comparison flat, each measure's value of the employee (`nip_...`) and of the colleague
# (until 2026-12-06 the API's CSV held the comparison as JSON in one cell, and the command's neither it nor `version`)
PASSED_OVER_CSV_COLUMNS = (
    "tmt",
    "nip",
    "version",
    "decision",
    "kind",
    "rank",
    "agency",
    "unit",
    "colleague",
    "severity",
    *(f"{whose}_{measure}" for measure in MEASURES for whose in ("nip", "colleague")),
    "page",
)


def flat_pair(pair: Mapping[str, Any]) -> dict[str, Any]:
    """A passed-over pair as dumped (schemas.PassedOverPairSchema) as a CSV row of `PASSED_OVER_CSV_COLUMNS`."""
    row = {k: v for k, v in pair.items() if k != "comparison"}
    for measure, values in (pair.get("comparison") or {}).items():
        row[f"nip_{measure}"] = values.get("promoted", values.get("appointed"))
        row[f"colleague_{measure}"] = values.get("colleague")
    return {column: row.get(column) for column in PASSED_OVER_CSV_COLUMNS}


def every_passed_over(
    store: SqlStore,
    records: RecordLoader,
    scope: dict[str, Any],
    start: str | None = None,
    end: str | None = None,
    placed: list[tuple[str, str | None, str | None]] | None = None,
    kept: KeptUnits | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """merit.passed_over's decision/colleague pairs of every kind compared, by TMT (from `start` to `end`,
    YYYY-MM-DD): the regular (101) promotions' over the rounds (`PassedOverQueries`, as the lists) and the 202
    promotions' and managerial posts' read from the ledger (`DecisionPassedOverQueries`, as their own pages), each unit
    under its spelling most listed across both; and the 202 and post decisions' colleagues a record made after the
    decision places otherwise (`recorded_later`, as on their pages). Each row names the employee `nip`. What `careerlog
    audit passed-over` and GET /api/v1/audits/passed-over give (the lists compare the 101s alone, docs/audit.md).
    `placed`, if given, gets each `recorded_later` colleague with the agency and region where its decision was made (a
    read of theirs there, for the access log, as the decision's page logs them). `kept`, if given, keeps each unit's
    202 and post comparisons across calls (`KeptUnits`: a server's, web.kept), computing anew only those whose inputs
    changed."""
    first, last = start or "", end or "9999"
    rounds = [row for row in PassedOverQueries(store).passed_over(scope) if first <= row["tmt"] <= last]
    versions = regular_versions(store, sorted({row["subject"] for row in rounds}))
    # (a 101's version, as the decisions' lists name it, where its round's `round_date` was: its page's id)
    regular = [
        {
            **{k: v for k, v in row.items() if k != "round_date"},
            "version": versions.get((row["subject"], row["tmt"])),
            "decision": "promotion",
            "kind": "101",
        }
        for row in rounds
    ]
    queries = DecisionPassedOverQueries(store, records, kept)
    others = queries.passed_over(scope, start=start, end=end)
    # (a unit under its spelling most listed across both lists: each compares it in any spelling)
    found = sorted(units_shown([*regular, *others]), key=lambda r: (r["tmt"], r["subject"], r["colleague"]))
    later = [
        {**{k: d[k] for k in ("tmt", "subject", "version", "decision", "kind")}, **row}
        for d in queries.compared
        for row in queries.recorded_later.get((d["subject"], d["version"]), [])
    ]
    if placed is not None:
        placed.extend(
            (row["colleague"], d["agency"], d["region"])
            for d in queries.compared
            for row in queries.recorded_later.get((d["subject"], d["version"]), [])
        )
    return [nip_named(r) for r in found], [nip_named(r) for r in later]

"""Training: every training an employee completed, where they stood when it ended, and what they thought of it.

One row per active training fact (retracted ones are gone, corrected ones show their
current values; a probable duplicate of another, rule training.counted_once, counts 0 JP in `counted_hours`, what
every JP sum adds up: its JP count once), with the agency, unit, region, rank and sex of the employee on the
training's last day and the employee's feedback on the training's programme. The queries
add these rows up per employee and year (the 20 JP a year of PP 11/2017 art. 203(4), judged for PNS
only: not for PPPK), per group of PNS in post on a day (using the roster's `spells`), and per programme, where
participants' later promotions are compared with those of comparable colleagues.

docs/views.md gives the exact definition of every number.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from heapq import heappop, heappush
from itertools import pairwise
from typing import Any

from dateutil.relativedelta import relativedelta

from careerlog.ages import add_years
from careerlog.application import NOT_APPOINTED
from careerlog.domain.employee import MAX_COST
from careerlog.domain.errors import InvalidInput, NotFound, quoted, quoted_apart
from careerlog.domain.ledger import reference_key
from careerlog.domain.payload import ascii_number
from careerlog.domain.unit import near_codes, unit_key
from careerlog.domain.wording import IDENTIFIERS, Reason, Refusal
from careerlog.reference import rank_order, rules
from careerlog.sqlstore import Row, Sql, kept, reads_fresh
from projections.career import COUNTED_ONCE_RULE, CareerRecord, Fact, day_iso, pns_from
from projections.framework import Table, TupleProjection, rule_digest
from projections.reading import ViewReader
from projections.timeline import record_from_rows

# The first year a report reads, and a scorecard or its trend reaches back to (the year a report or scorecard asks for
# is bounded by it and by this year)
FIRST_YEAR = 1900

TRAINING = Table(
    "training",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("reference", "TEXT"),
        ("year", "INTEGER"),
        ("start_date", "TEXT"),
        ("end_date", "TEXT"),
        ("kind", "TEXT"),
        ("title", "TEXT"),
        ("organiser", "TEXT"),
        ("hours", "INTEGER"),
        ("programme_id", "TEXT"),
        # REAL is a 4-byte float on PostgreSQL: rupiah amounts need 8 bytes (REAL affinity on SQLite).
        ("cost", "DOUBLE PRECISION"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("rank", "TEXT"),
        ("sex", "TEXT"),
        ("employment_kind", "TEXT"),
        ("feedback_rating", "INTEGER"),
        ("feedback_relevance", "INTEGER"),
        # the JP the row counts toward every JP sum (the yearly JP, the reports, the scorecard): its hours, 0 for a
        # probable duplicate of another (rule training.counted_once, `CareerRecord.repeated_trainings`), whose JP
        # count once, with that training's; its other values (programme, cost, feedback) count as recorded
        ("counted_hours", "INTEGER"),
    ),
    ("subject", "version"),
    indexes=(("year", "subject"), ("programme_id", "end_date"), ("agency", "unit")),
)

YEARLY_JP_RULE = "training.yearly_jp"
PPPK_JP_RULE = "training.pppk_yearly_jp"  # [M] PP 49/2018 art. 39: at most 24 JP a year, shown, never judged
# The year the cap is counted in (the rule's `year` param, I): "contract", a year of the contract from the appointment's
# TMT and each anniversary of it (the bundled rule's, as PP 49/2018 art. 39 words it), or "calendar" (1 January to
# 31 December, as the PNS's 20 JP). The reference names neither.
PPPK_YEARS = ("contract", "calendar")
DEFAULT_WINDOW_MONTHS = 24
MAX_WINDOW_MONTHS = 120
SPELL_FIELDS = ("agency", "unit", "region", "rank", "employment_kind", "sex", "education", "post_kind")
# An unknown programme's refusal names where no training of it was recorded: the agency and region asked, or the
# reader's scope (its filters), never "there" (until 2026-12-06 "...was ever recorded there.", a reporting client's
# tester asked where); a reader of every agency and region is told "anywhere".
UNKNOWN_PROGRAMME = Refusal("Unknown programme {programme}: no training of that programme was ever recorded anywhere.")
PROGRAMME_NEAR = Refusal("{programme} (did you mean {near}?)")  # (the programmes recorded there it may be)
UNKNOWN_PROGRAMME_IN = {
    ("agency",): Refusal(
        "Unknown programme {programme}: no training of that programme was ever recorded in agency {agency} (the "
        "agency asked, or your scope)."
    ),
    ("region",): Refusal(
        "Unknown programme {programme}: no training of that programme was ever recorded in region {region} (the "
        "region asked, or your scope)."
    ),
    ("agency", "region"): Refusal(
        "Unknown programme {programme}: no training of that programme was ever recorded in agency {agency} in "
        "region {region} (the agency and region asked, or your scope)."
    ),
}
PROGRAMME_FILTERS = {
    "agency": "agency",
    "unit": "unit",
    "region": "region",
    "kind": "kind",
    "year": "year",
    "programme_id": "programme_id",
}


class TrainingProjection(TupleProjection):
    """One row per training completed (not retracted), as it stands after corrections."""

    name = "training"
    # 2: no cost above MAX_COST (a store may hold one of 1e400, read as infinity); 3: the rank held read as its code, of
    # a starting rank stored before 2026-12-05 as typed ("iii/a": III/a, one group of the training report by rank); 4:
    # a probable duplicate (rule training.counted_once) left out, its JP counted once in every sum of the view's rows;
    # 5: every training a row again (a probable duplicate's programme, cost and feedback count), its JP counted once by
    # `counted_hours` (0 for a probable duplicate), what every JP sum of the view's rows adds up; 6: a title or
    # organiser compared without the invisible characters a copy carries (U+200B...), a probable duplicate so
    # counted once
    version = 6
    tables = (TRAINING,)
    judged_by_rule = COUNTED_ONCE_RULE

    def configuration(self) -> str | None:
        """The digest of rule training.counted_once, which decides the probable duplicates counting 0 JP: a change of it
        refills the view (a change of any other rule does not)."""
        return rule_digest(COUNTED_ONCE_RULE)

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        if record.appointment is None:
            return {}
        feedback = feedback_by_programme(record)
        repeated = record.repeated_trainings
        person = (record.profile("sex"), record.employment_kind)  # (the record's, read once for all its rows)
        return {"training": [training_row(record, fact, feedback, repeated, person) for fact in record.trainings()]}


def feedback_by_programme(record: CareerRecord) -> dict[str, Fact]:
    """The employee's (latest) feedback on each programme."""
    return {str(f.get("programme_id")): f for f in record.of_kind("training_feedback")}


def training_row(
    record: CareerRecord,
    fact: Fact,
    feedback: Mapping[str, Fact],
    repeated: Container[int] = (),
    person: tuple[Any, str | None] | None = None,
) -> tuple[Any, ...]:
    """A training's row: the values of TRAINING's columns in order (`repeated`: the versions of the record's probable
    duplicates, `CareerRecord.repeated_trainings`, counting 0 JP; `person`: the record's sex and employment kind, when
    the caller read them once for all its rows)."""
    sex, employment_kind = (record.profile("sex"), record.employment_kind) if person is None else person
    end = fact.effective_date
    agency, unit, region = record.placement_on(end) or (None, None, None)
    rank = record.rank_on(end)
    get: Callable[[str], Any] = fact.values.get  # Fact.get without its call (some 90 reads per record)
    programme = get("programme_id")
    opinion = feedback.get(programme) if programme else None
    cost = get("cost")
    hours = int(get("hours"))
    return (
        record.subject,  # subject
        fact.version,  # version
        fact.reference,  # reference
        end.year,  # year
        day_iso(get("start_date")),  # start_date
        day_iso(end),  # end_date
        get("training_kind"),  # kind
        get("title"),  # title
        get("organiser"),  # organiser
        hours,  # hours
        programme,  # programme_id
        None if cost is None or cost > MAX_COST else float(cost),  # cost (1e400 was taken before MAX_COST)
        agency,  # agency
        unit,  # unit
        region,  # region
        rank[0] if rank else None,  # rank
        sex,  # sex
        employment_kind,  # employment_kind
        None if opinion is None else int(opinion.get("rating")),  # feedback_rating
        None if opinion is None else int(opinion.get("relevance")),  # feedback_relevance
        0 if fact.version in repeated else hours,  # counted_hours
    )


# ---------------------------------------------------------------------- parameters


def filter_clauses(
    filters: Mapping[str, Any] | None, allowed: Mapping[str, str], *, integers: Iterable[str] = ()
) -> tuple[list[str], list[Any]]:
    """SQL conditions for filters named in `allowed` (name -> column); values are parameters.

    A value may be one value or a list of them (any of which matches); None or "" is no filter.
    """
    clauses: list[str] = []
    params: list[Any] = []
    numeric = set(integers)
    for name, value in (filters or {}).items():
        column = allowed.get(name)
        if column is None:
            raise InvalidInput(UNKNOWN_FILTER_OF.reason(known=", ".join(allowed)), name)
        values = filter_values(value)
        if not values:
            continue
        clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
        params += [whole_number(v, name) if name in numeric else str(v) for v in values]
    return clauses, params


def filter_values(value: Any) -> list[Any]:
    """A filter's values: one value or a list of them; None or "" none (no filter)."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def where_sql(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def whole_number(value: Any, name: str) -> int:
    """A whole number: an int, an integral float, or a text of digits 0-9 (int() reads any script's)."""
    if isinstance(value, bool) or (isinstance(value, str) and not ascii_number(value)):
        raise InvalidInput(WHOLE_NUMBER.reason(value=repr(value)), name)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(WHOLE_NUMBER.reason(value=repr(value)), name) from None
    if isinstance(value, float) and value != number:
        raise InvalidInput(WHOLE_NUMBER.reason(value=repr(value)), name)
    return number


def bounded(value: Any, name: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`, refused in words naming both and the number given; a year (an identifier:
    careerlog.domain.wording.IDENTIFIERS) as written in every language, "1900", a quantity as the language writes it."""
    number = whole_number(value, name)
    if not low <= number <= high:
        between = YEAR_BETWEEN if name in IDENTIFIERS else BETWEEN
        raise InvalidInput(between.reason(low=low, high=high, number=number), name)
    return number


def window(months: Any) -> int:
    """A promotion window in months (1 to 120)."""
    return bounded(months, "window_months", 1, MAX_WINDOW_MONTHS)


# The refusals of a report's filters and numbers (careerlog.domain.wording), for the pages to translate
UNKNOWN_FILTER_OF = Refusal("Unknown filter; one of {known}.")
WHOLE_NUMBER = Refusal("Must be a whole number, got {value}.")
BETWEEN = Refusal("Must be between {low} and {high}, got {number}.", numbers=("low", "high", "number"))
# ... of a year, the same words, its years kept as written ("Harus antara 1900 dan 2026, diisi 1800."; until 2026-12-07
# the API's Indonesian and the pages wrote "1.900 dan 2.026")
YEAR_BETWEEN = Refusal(BETWEEN.text)
# A grouping's refusals by what is grouped (a report's fields, fairness's dimensions): none, an unknown one,
# one named twice (careerlog.domain.wording, for the pages to translate)
GROUPING_REFUSALS = {
    noun: (
        Refusal(f"Name at least one {noun} to group by.").reason(),
        Refusal(f"Unknown {noun} {{name}}; one of {{known}}."),
        Refusal(f"Name each {noun} once.").reason(),
    )
    for noun in ("field", "dimension")
}


def group_fields(by: str | Sequence[str], allowed: Sequence[str], *, noun: str = "field") -> list[str]:
    """The names in `by`, each one of `allowed` and each once (InvalidInput on `by` otherwise)."""
    none, unknown_one, twice = GROUPING_REFUSALS[noun]
    fields = [by] if isinstance(by, str) else list(by)
    if not fields:
        raise InvalidInput(none, "by")
    unknown = [b for b in fields if b not in allowed]
    if unknown:
        raise InvalidInput(unknown_one.reason(name=quoted(unknown[0]), known=", ".join(allowed)), "by")
    if len(set(fields)) != len(fields):
        raise InvalidInput(twice, "by")
    return fields


def report_order(fields: Sequence[str]) -> Callable[[Mapping[str, Any]], list[tuple[Any, ...]]]:
    """The sort key of a report's group (headcount, training compliance, the scorecard's groups) by `fields`: each
    field's value as text, a missing one last; a rank by `rank_order` (the roster's `sort=rank`: I/a ... IV/e, then
    the PPPK grades I ... XVII), not as text, where IX fell before V and the grades among the ranks."""

    def place(field: str, value: Any) -> tuple[Any, ...]:
        if field != "rank":
            return (value is None, str(value))
        order = rank_order(value)  # (a code neither table holds after both, by its text)
        return (value is None, order is None, order or 0, str(value))

    def key(item: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return [place(f, item[f]) for f in fields]

    return key


def ratio(numerator: float | None, denominator: float | None, places: int = 4) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, places)


def yearly_jp(year: int) -> int | None:
    """The yearly JP of `training.yearly_jp` in force on 31 December of a year (None before it)."""
    value = rules().param(YEARLY_JP_RULE, date(year, 12, 31), "jp")
    return None if value is None else int(value)


def pppk_cap(year: int, today: date) -> int | None:
    """The cap of `training.pppk_yearly_jp` in force on a year's counting day (31 December, today in the current
    year): None before it (PPPK began with PP 49/2018, in force from 2018-11-28)."""
    value = rules().param(PPPK_JP_RULE, counting_day(year, today), "jp")
    return None if value is None else int(value)


def pppk_cap_on(day: date) -> int | None:
    """The cap of `training.pppk_yearly_jp` in force on a day (None before it)."""
    value = rules().param(PPPK_JP_RULE, day, "jp")
    return None if value is None else int(value)


def pppk_year(today: date) -> str:
    """The year the PPPK cap is counted in (`PPPK_YEARS`), by the rule in force today: the contract's by default."""
    return str(rules().param(PPPK_JP_RULE, today, "year", PPPK_YEARS[0]))


def contract_years(
    appointed_on: str, separated_on: str | None, trainings: Sequence[Row], today: date
) -> list[dict[str, Any]]:
    """A PPPK's years of the contract served (from the appointment's TMT, each a year from an anniversary of it, a
    29 February's on 28 February as `add_years` counts it, to the last day before separation or today) with the JP
    of the trainings ending in each and the cap in force on its last day (today in the current one): `above` when
    the JP exceed it. Shown, never judged (no finding, no report counts it)."""
    first = date.fromisoformat(appointed_on)
    last = date.fromisoformat(separated_on) - timedelta(days=1) if separated_on else today
    ends = [(date.fromisoformat(t["end_date"]), int(t["hours"])) for t in trainings if t["end_date"]]
    found, count = [], 0
    while (start := add_years(first, count)) <= last:
        end = add_years(first, count + 1) - timedelta(days=1)
        hours = sum(h for day, h in ends if start <= day <= end)
        cap = pppk_cap_on(min(end, today))
        above = cap is not None and hours > cap
        found.append({"start": start.isoformat(), "end": end.isoformat(), "hours": hours, "cap_jp": cap})
        found[-1]["above"] = above
        count += 1
    return found


def confirmed_on(sql: Sql, nip: str) -> date | None:
    """The day the employee was confirmed as PNS, as corrected (a retracted confirmation counts not): read from the
    timeline view's confirmation facts and the corrections and retractions among its rows."""
    rows = sql.query(
        "SELECT * FROM timeline WHERE subject = ? AND kind IN ('confirmation', 'correction', 'retraction')", (nip,)
    )
    return record_from_rows(nip, rows).confirmed_on if rows else None


def pns_at_end(year: int, confirmed: date | None, today: date) -> bool:
    """Whether an employee on the PNS track was a PNS, no longer a CPNS, on the year's last day (today in the
    current year): confirmed by then (`pns_from`); with no confirmation recorded a CPNS, however long ago appointed.
    The yearly 20 JP is a PNS's (PP 11/2017 art. 203(4)); a CPNS's development is the basic training (Latsar)."""
    pns = pns_from(confirmed)
    return pns is not None and pns <= min(date(year, 12, 31), today)


AWAY_SPELLS = "SELECT start_date, end_date, status FROM spells WHERE subject = ?"


def counting_day(year: int, today: date = date.max) -> date:
    """The day a year's staff of the yearly JP are read on: 31 December, today in the current year."""
    return min(date(year, 12, 31), today)


def away_at_end(year: int, spells: Sequence[Row], today: date) -> bool:
    """Whether the employee was away from duty (NOT_IN_POST: unpaid leave, study leave, suspended) on the year's
    counting day (31 December, today in the current year), by the spell covering it: the day `compliance` leaves them
    out of the year's staff, so the year is not judged against the yearly JP (`jp_by_year`) either."""
    day = counting_day(year, today).isoformat()
    return any(
        s["start_date"] <= day and (s["end_date"] is None or s["end_date"] > day) and s["status"] in NOT_IN_POST
        for s in spells
    )


def record_away_at_end(record: CareerRecord, year: int, today: date = date.max) -> bool:
    """`away_at_end` read from a record instead of its spells (a spell's status is the record's `status_on` its
    first day, and holds until the next): the promotion rule of the yearly JP (promotion.training) does not ask the
    JP of such a year either. Before the appointment or after the separation no one is away from duty."""
    day = counting_day(year, today)
    return record.active_on(day) and record.status_on(day) in NOT_IN_POST


def year_span(appointed_on: str, separated_on: str | None, today: date) -> range:
    """Calendar years served: the appointment's to the last day before separation (or today's)."""
    first = date.fromisoformat(appointed_on).year
    last = (date.fromisoformat(separated_on) - timedelta(days=1)).year if separated_on else today.year
    return range(first, last + 1)


# ---------------------------------------------------------------------- comparison groups


@dataclass(frozen=True)
class Spell:
    """A row of `spells`: where an employee was and at which rank, from start until end (exclusive)."""

    subject: str
    start: date
    end: date | None
    agency: str
    rank: str | None
    employment_kind: str | None = None  # PNS or PPPK in this spell (None: not read)

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Member:
    """An employee in a comparison, with the day they are compared on and their agency and rank then."""

    subject: str
    day: date
    agency: str
    rank: str | None
    employment_kind: str | None = None  # as the training's row gives it (a programme's participant; None: not read)


class SpellIndex:
    """Spells in memory, to answer "who held rank R in agency A on D" and "promoted within N months".

    A programmes report asks the same questions for many programmes (the same colleagues on the same days):
    who holds a post on a day is kept, and each employee's rank changes are worked out once per report."""

    def __init__(self, spells: Iterable[Spell]):
        self.by_subject: dict[str, list[Spell]] = defaultdict(list)
        self.by_post: dict[tuple[str, str | None], list[Spell]] = defaultdict(list)
        self._holding: dict[tuple[str, str | None, date], list[str]] = {}
        self._by_start: dict[tuple[str, str | None], tuple[list[date], list[Spell]]] = {}
        self._changes: dict[str, tuple[list[date], list[date | None], list[date | None]] | None] = {}
        self._promoted: dict[tuple[str, str | None, date, int | None], frozenset[str]] = {}
        self._only: frozenset[str] | None = None  # `among`: the subjects answered for (None: all)
        for spell in spells:
            self.by_subject[spell.subject].append(spell)
            self.by_post[(spell.agency, spell.rank)].append(spell)

    def among(self, subjects: Collection[str]) -> SpellIndex:
        """This index answering as one that holds the spells of `subjects` alone (what `load_spells` reads for
        the agencies they were ever in): the others hold no post and are never promoted. It shares the
        spells and what was worked out from them, so one index serves every agency of a scorecard."""
        view = copy(self)
        view._only = frozenset(subjects) if self._only is None else self._only.intersection(subjects)
        return view

    def ranked(self) -> SpellIndex:
        """An index of the spells held with a rank (golongan) alone: a PPPK's (a contract grade, never promoted in rank)
        left out, spell by spell, so no one holds a post as a PPPK, and a grade's change is no rank promotion."""
        return SpellIndex(s for spells in self.by_subject.values() for s in spells if s.employment_kind != PPPK)

    def subjects_in(self, agency: str) -> frozenset[str]:
        """Everyone with a spell in the agency."""
        return self.subjects_of({agency})

    def subjects_of(self, agencies: Collection[str]) -> frozenset[str]:
        """Everyone with a spell in one of the agencies (those `load_spells` reads for them)."""
        return frozenset(s.subject for (a, _rank), spells in self.by_post.items() if a in agencies for s in spells)

    def _excluded(self, subject: str) -> bool:
        return self._only is not None and subject not in self._only

    def on(self, subject: str, day: date) -> Spell | None:
        if self._excluded(subject):
            return None
        return next((s for s in self.by_subject.get(subject, ()) if s.holds(day)), None)

    def in_post(self, subject: str, day: date) -> bool:
        return self.on(subject, day) is not None

    def holding(self, agency: str, rank: str | None, day: date) -> list[str]:
        """Employees in post in an agency at a rank on a day."""
        key = (agency, rank, day)
        if key not in self._holding:
            if (agency, rank) not in self._by_start:
                spells = sorted(self.by_post.get((agency, rank), ()), key=lambda s: s.start)
                self._by_start[(agency, rank)] = ([s.start for s in spells], spells)
            starts, spells = self._by_start[(agency, rank)]
            begun = spells[: bisect_right(starts, day)]  # the spells begun by the day, those still held
            self._holding[key] = sorted({s.subject for s in begun if s.end is None or day < s.end})
        if self._only is not None:
            return [s for s in self._holding[key] if s in self._only]
        return self._holding[key]

    def prepare(self, keys: Iterable[tuple[str, str | None, date]], months: int | None = None) -> None:
        """Work out `holding` for many (agency, rank, day) at once: for each post, its days in order, its
        spells swept from start to end once, instead of every spell begun by each day looked at again
        (a post's spells go back decades, those held on a day are a few of them). With `months`, also
        `promoted_holding` in the same sweep: a held spell's next change of rank (`rank_changes`) waits in a
        heap until the first day whose window of `months` reaches it, and counts from then until the spell
        ends, instead of `promoted` asked of each holder of each post and day."""
        days_of: dict[tuple[str, str | None], set[date]] = defaultdict(set)
        for agency, rank, day in keys:
            if (agency, rank, day) not in self._holding or (
                months is not None and (agency, rank, day, months) not in self._promoted
            ):
                days_of[(agency, rank)].add(day)
        for (agency, rank), days in days_of.items():
            # a spell of no length or going back (end <= start) is held on no day
            spells = [s for s in self.by_post.get((agency, rank), ()) if s.end is None or s.start < s.end]
            starts = sorted(spells, key=lambda s: s.start)
            ends = sorted((s for s in spells if s.end is not None), key=lambda s: s.end or s.start)
            held: dict[str, int] = defaultdict(int)  # subject -> spells begun and not ended by the day
            promoted: dict[str, int] = defaultdict(int)  # subject -> of those, spells with the change in the window
            counted: set[int] = set()  # the spells (ids) counted in `promoted`
            waiting: list[tuple[date, int, Spell]] = []  # held spells by their next change, not yet in the window
            others: dict[str, int] = defaultdict(int)  # held, of employees whose spells overlap or go back
            i = j = 0
            for day in sorted(days):
                while i < len(starts) and starts[i].start <= day:
                    held[starts[i].subject] += 1
                    if months is not None:
                        self._wait(starts[i], i, waiting, others)
                    i += 1
                while j < len(ends) and (ends[j].end or day) <= day:  # begun before its end: counted above
                    spell, subject = ends[j], ends[j].subject
                    for count, member in ((held, True), (promoted, id(spell) in counted), (others, subject in others)):
                        if member:
                            count[subject] -= 1
                            if not count[subject]:
                                del count[subject]
                    j += 1
                self._holding[(agency, rank, day)] = sorted(held)
                if months is not None:
                    until = months_after(day, months)
                    while waiting and waiting[0][0] <= until:
                        spell = heappop(waiting)[2]
                        if spell.end is None or day < spell.end:  # still held: in the window from now on
                            counted.add(id(spell))
                            promoted[spell.subject] += 1
                    each = frozenset(s for s in others if self.promoted(s, day, months))
                    self._promoted[(agency, rank, day, months)] = frozenset(promoted).union(each)

    def _wait(self, spell: Spell, i: int, waiting: list[tuple[date, int, Spell]], others: dict[str, int]) -> None:
        """Put a spell begun in `prepare`'s sweep where it waits for its window: in the heap by its next change
        of rank, nowhere if there is none, or among `others` (each asked of `promoted`) if its employee's
        spells overlap or go back."""
        subject = spell.subject
        if subject not in self._changes:
            self._changes[subject] = rank_changes(self.by_subject.get(subject, []))
        changes = self._changes[subject]
        if changes is None:
            others[subject] += 1
            return
        change = changes[2][next(k for k, s in enumerate(self.by_subject[subject]) if s is spell)]
        if change is not None:
            heappush(waiting, (change, i, spell))

    def promoted_holding(self, agency: str, rank: str | None, day: date, months: int) -> frozenset[str]:
        """Those of `holding(agency, rank, day)` `promoted` within `months` of the day (after `prepare` of
        those keys with `months`)."""
        found = self._promoted[(agency, rank, day, months)]
        return found if self._only is None else found.intersection(self._only)

    def promoted(self, subject: str, day: date, months: int) -> bool:
        """Whether the rank held on `day` changed after it and no later than `months` after it."""
        if self._excluded(subject):
            return False  # no spell: no rank held
        if subject not in self._changes:
            self._changes[subject] = rank_changes(self.by_subject.get(subject, []))
        changes = self._changes[subject]
        if changes is None:  # spells that overlap or go back: each one looked at
            return self._promoted_among(subject, day, months)
        starts, ends, next_change = changes
        i = bisect_right(starts, day) - 1  # the one spell that may hold the day: the last begun by then
        end = ends[i] if i >= 0 else day
        if end is not None and day >= end:
            return False
        change = next_change[i]
        return change is not None and change <= months_after(day, months)

    def _promoted_among(self, subject: str, day: date, months: int) -> bool:
        spells = self.by_subject.get(subject, ())
        held = next((s for s in spells if s.holds(day)), None)
        if held is None:
            return False
        until = months_after(day, months)
        return any(day < s.start <= until and s.rank != held.rank for s in spells)


def rank_changes(spells: Sequence[Spell]) -> tuple[list[date], list[date | None], list[date | None]] | None:
    """For one employee's spells one after another (none overlapping, none going back): their starts, their
    ends and, for each, the start of the first later spell at another rank; None for spells otherwise.

    A day is then held only by the last spell begun by then, and every spell after it begins after the day:
    the rank held changed within N months of the day if that first change is no later than N months on."""
    ordered = all(s.end is not None and s.start <= s.end <= t.start for s, t in pairwise(spells))
    if not ordered or (spells and spells[-1].end is not None and spells[-1].end < spells[-1].start):
        return None
    next_change: list[date | None] = [None] * len(spells)
    for i, spell in enumerate(spells):
        next_change[i] = next((t.start for t in spells[i + 1 :] if t.rank != spell.rank), None)
    return [s.start for s in spells], [s.end for s in spells], next_change


@lru_cache(maxsize=65536)
def months_after(day: date, months: int) -> date:
    """`day` plus `months` calendar months (clamped to the month's end), kept: reports ask for few days, often."""
    return day + relativedelta(months=months)


def load_spells(sql: Sql, agencies: Iterable[str]) -> SpellIndex:
    """Every spell of every employee who was ever in one of the agencies; in a `reads_kept` block (a scorecard and
    the reports it is judged by) one index of the same agencies' spells for the block (careerlog.sqlstore.kept: the
    scorecard's outcomes and its mentoring values' reports each built it until 2026-12-07)."""
    chosen = sorted({a for a in agencies if a})
    if not chosen:
        return SpellIndex(())
    if sql.database is None:  # (a write's transaction: nothing kept)
        return read_spells(sql, chosen)
    return kept(("spells", sql.database, *chosen), lambda: read_spells(sql, chosen))


def read_spells(sql: Sql, chosen: Sequence[str]) -> SpellIndex:
    marks = ", ".join("?" * len(chosen))
    with reads_fresh():  # (its rows not kept beside the index `load_spells` keeps: the largest read of a card)
        rows = sql.query(
            "SELECT subject, start_date, end_date, agency, rank, employment_kind FROM spells "
            f"WHERE subject IN (SELECT subject FROM spells WHERE agency IN ({marks})) ORDER BY subject, seq",
            chosen,
        )
    return SpellIndex(
        Spell(
            r["subject"],
            date.fromisoformat(r["start_date"]),
            date.fromisoformat(r["end_date"]) if r["end_date"] else None,
            r["agency"],
            r["rank"],
            r["employment_kind"],
        )
        for r in rows
    )


def strictly_wider(members: Sequence[Member], others: Iterable[Sequence[Member]]) -> list[Sequence[Member]]:
    """Of `others` (other answers' members), those holding every one of `members` and more, each set of people once:
    what an answer's figure is judged against (suppression.Attribute.differenced). One holding the same people tells
    nothing its answer does not, and one holding some of them and others is no wider answer (general differencing
    across overlapping answers, which withholding one answer's figure cannot close: docs/security.md)."""
    own = frozenset(m.subject for m in members)
    seen: set[frozenset[str]] = set()
    found = []
    for other in others:
        people = frozenset(m.subject for m in other)
        if people > own and people not in seen:
            found.append(other)
        seen.add(people)
    return found


def comparable(members: Sequence[Member], excluded: set[str], index: SpellIndex) -> list[Member]:
    """Employees not excluded who, on a member's day, were in post in the member's agency at the
    member's rank; each counted once, compared from the earliest such day."""
    chosen: dict[str, Member] = {}
    keys = sorted({(m.day, m.agency, m.rank or "") for m in members})
    for day, agency, rank in keys:
        for subject in index.holding(agency, rank or None, day):
            if subject not in excluded and subject not in chosen:
                chosen[subject] = Member(subject, day, agency, rank or None)
    return list(chosen.values())


def promoted_count(members: Iterable[Member], index: SpellIndex, months: int) -> int:
    return sum(index.promoted(m.subject, m.day, months) for m in members)


def window_complete(members: Iterable[Member], months: int, today: date) -> bool:
    """Whether every member's window has ended by today."""
    return all(months_after(m.day, months) <= today for m in members)


def promotion_comparison(
    members: Sequence[Member], peers: Sequence[Member], index: SpellIndex, months: int, today: date
) -> dict[str, Any]:
    """Promotion rates within `months` of members and of comparable employees, and their difference."""
    promoted = promoted_count(members, index, months)
    peers_promoted = promoted_count(peers, index, months)
    complete = window_complete([*members, *peers], months, today)
    return rates_compared(months, (promoted, len(members)), (peers_promoted, len(peers)), complete)


def rates_compared(months: int, members: tuple[int, int], peers: tuple[int, int], complete: bool) -> dict[str, Any]:
    """promotion_comparison's answer from (promoted, count) of the members and of the comparable employees."""
    (promoted, count), (peers_promoted, peer_count) = members, peers
    return {
        "window_months": months,
        "promoted": promoted,
        "promotion_rate": ratio(promoted, count),
        "comparable": peer_count,
        "comparable_promoted": peers_promoted,
        "comparable_promotion_rate": ratio(peers_promoted, peer_count),
        # p/n - q/m = (p*m - q*n) / (n*m): exact before rounding
        "promotion_rate_difference": ratio(promoted * peer_count - peers_promoted * count, count * peer_count),
        "window_complete": complete,
    }


class PeerSets:
    """promotion_comparison against comparable(...) for many groups over one SpellIndex (a programmes report:
    one group per programme), the index prepared with the groups' (agency, rank, day) and `months`. Who held
    a post on a day, and which of them were promoted within the window, are two sets kept per (agency, rank,
    day): a group's colleagues are counted by set operations (their union less those excluded and those
    counted on an earlier day), instead of a Member made and looked at for each colleague of each group
    (programmes x employees)."""

    def __init__(self, index: SpellIndex, months: int):
        self.index, self.months = index, months
        self._held: dict[tuple[str, str | None, date], tuple[frozenset[str], frozenset[str]]] = {}

    def held(self, agency: str, rank: str | None, day: date) -> tuple[frozenset[str], frozenset[str]]:
        """Who held the post on the day, and those of them promoted within the window."""
        key = (agency, rank, day)
        if key not in self._held:
            holders = frozenset(self.index.holding(agency, rank, day))
            self._held[key] = (holders, self.index.promoted_holding(agency, rank, day, self.months))
        return self._held[key]

    def comparison(self, members: Sequence[Member], excluded: Collection[str], today: date) -> dict[str, Any]:
        """promotion_comparison(members, comparable(members, excluded, index), index, months, today)."""
        posts: dict[date, set[tuple[str, str | None]]] = defaultdict(set)
        for m in members:
            posts[m.day].add((m.agency, m.rank or None))
        counted = set(excluded)
        peers = peers_promoted = 0
        for day in sorted(posts):  # a colleague is compared from the earliest day they held a member's post
            held = [self.held(agency, rank, day) for agency, rank in posts[day]]
            new = frozenset().union(*(holders for holders, _promoted in held)) - counted
            peers += len(new)
            peers_promoted += len(new.intersection(frozenset().union(*(promoted for _holders, promoted in held))))
            counted |= new
        promoted = promoted_count(members, self.index, self.months)
        complete = window_complete(members, self.months, today)  # every colleague's day is a member's day
        return rates_compared(self.months, (promoted, len(members)), (peers_promoted, peers), complete)


# ---------------------------------------------------------------------- queries


# Statuses in which an employee is away from duty and not counted as staff for the JP target.
NOT_IN_POST = ("UNPAID_LEAVE", "STUDY_LEAVE", "SUSPENDED")
# The yearly JP (PP 11/2017 art. 203(4)) is "every PNS"'s: a PPPK's competency development is PP 49/2018 art. 39's
# (at most 24 JP a year of the contract, a cap), so PPPK are not judged by it; nor is a CPNS, on the PNS track but
# not yet a PNS (their development is the basic training, Latsar): a spell's `pns_from` on or before the day
# (JUDGED_ON, its parameter the day) says the employee was a PNS then, as `pns_at_end` reads an employee's own years.
JUDGED_KIND = "PNS"
PPPK = "PPPK"  # an employment kind holding a contract grade, not a rank: never promoted in rank
JUDGED_ON = "employment_kind = ? AND pns_from <= ?"

# Staff (spells) with their JP of the year (0 when they have none); counts of those with the target.
STAFF_WITH_JP = (
    "spells s LEFT JOIN (SELECT subject, SUM(counted_hours) AS jp FROM training WHERE year = ? GROUP BY subject) t "
    "ON t.subject = s.subject"
)
COMPLIANCE_COUNTS = (
    "COUNT(*) AS staff, SUM(CASE WHEN COALESCE(t.jp, 0) >= ? THEN 1 ELSE 0 END) AS met, SUM(COALESCE(t.jp, 0)) AS hours"
)
COMPLIANCE_SUMS = ("staff", "met", "hours")  # (COMPLIANCE_COUNTS' columns, each a sum of its groups')


class TrainingQueries(ViewReader):
    """Reads of the training view (with the roster's spells): plain data out."""

    # .................................................................. one employee

    def jp_by_year(self, nip: str) -> dict[str, Any]:
        """JP per calendar year served, zero-hour years included, and whether the yearly JP was met: judged for a
        year the employee ended as a PNS (`pns_at_end`); a CPNS's years are not (`cpns_years`: their development is
        the basic training, Latsar, a condition of confirmation), nor a PPPK's (`pppk_rule`), nor a year ended away
        from duty (`away_years`), nor the year the service ended in, separated (`separated_on`) before its counting
        day (`ended_years`): `compliance` leaves them out of the year's staff."""
        with self.store.transaction(commit=False) as sql:
            served = sql.query(
                "SELECT appointed_on, separated_on, employment_kind, confirmed FROM roster WHERE subject = ?", (nip,)
            )
            if not served:
                raise NotFound(NOT_APPOINTED.reason(nip=nip))
            totals = sql.query(
                "SELECT year, SUM(counted_hours) AS hours FROM training WHERE subject = ? GROUP BY year", (nip,)
            )
            pns = served[0]["employment_kind"] == JUDGED_KIND
            confirmed = confirmed_on(sql, nip) if pns and served[0]["confirmed"] else None  # roster: confirmed now
            spells = sql.query(AWAY_SPELLS, (nip,)) if pns else []
            ended_on = (
                []
                if pns
                else sql.query("SELECT end_date, counted_hours AS hours FROM training WHERE subject = ?", (nip,))
            )
        hours = {int(r["year"]): int(r["hours"]) for r in totals}
        years = year_span(served[0]["appointed_on"], served[0]["separated_on"], self.today)
        cpns = [y for y in years if pns and yearly_jp(y) is not None and not pns_at_end(y, confirmed, self.today)]
        away = [y for y in years if y not in cpns and yearly_jp(y) is not None and away_at_end(y, spells, self.today)]
        separated = served[0]["separated_on"]
        ended = [
            y
            for y in years[-1:]
            if pns and separated and y not in {*cpns, *away} and yearly_jp(y) is not None
            if date.fromisoformat(separated) <= counting_day(y, self.today)
        ]
        unjudged = {*cpns, *away, *ended}
        items = [self._year_item(year, hours.get(year, 0), pns and year not in unjudged) for year in years]
        by_contract = not pns and pppk_year(self.today) == "contract"
        if not pns and not by_contract:
            for item in items:  # (a PPPK's by calendar year: the cap in force on each year's counting day)
                item["cap_jp"] = pppk_cap(item["year"], self.today)
        kind = served[0]["employment_kind"]
        return {
            "nip": nip,
            "employment_kind": kind,
            "years": items,
            "pppk_rule": None if pns else self._pppk_rule(),
            # (a PPPK's by the year of the contract: the cap judged per contract year, not per calendar year)
            "contract_years": (
                contract_years(served[0]["appointed_on"], separated, ended_on, self.today) if by_contract else []
            ),
            "cpns_years": cpns,
            "away_years": away,
            "ended_years": ended,
            "separated_on": separated,
        }

    def _pppk_rule(self) -> dict[str, Any] | None:
        """The cap of `training.pppk_yearly_jp` in force today (its JP, source and status), shown to a PPPK."""
        rule = rules().in_force(PPPK_JP_RULE, self.today)
        if rule is None:
            return None
        year = str(rule.params.get("year", PPPK_YEARS[0]))
        return {"jp": int(rule.params["jp"]), "year": year, "source": rule.source, "status": rule.status}

    @staticmethod
    def _year_item(year: int, hours: int, judged: bool = True) -> dict[str, Any]:
        """A year's JP; a PPPK's with no target (None) and so no verdict (None), never 'not met'."""
        target = yearly_jp(year) if judged else None
        return {"year": year, "hours": hours, "target_jp": target, "met": None if target is None else hours >= target}

    # .................................................................. groups of staff

    def compliance(
        self, year: int, by: str | Sequence[str] = ("agency",), filters: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Per group of the PNS in post at the end of the year: how many had the yearly JP. A CPNS then (a spell's
        `pns_from` NULL or after the day: not confirmed by it, however long ago appointed) and PPPK are left out: the
        yearly JP is not theirs (JUDGED_ON), as `jp_by_year` judges an employee's own years."""
        return self.compliance_added_up(year, by, self.compliance_groups(year, by, filters))

    def compliance_groups(
        self, year: int, by: str | Sequence[str], filters: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """`compliance`'s staff, met and hours per group by `by` as recorded (a unit in each of its spellings
        apart), to be added up by some of those fields (`compliance_added_up`): read once, the report by any of them,
        filtered on any of them, is the same rows as its own read (Services.compliance_withheld's reads, a year's
        once for every agency and report)."""
        year = bounded(year, "year", FIRST_YEAR, self.today.year)
        day = min(date(year, 12, 31), self.today)  # 31 December, or today (Indonesia's latest) in the current year
        fields = group_fields(by, SPELL_FIELDS)
        clauses, params = filter_clauses(filters, {f: f"s.{f}" for f in SPELL_FIELDS})
        target = yearly_jp(year)
        group = ", ".join(f"s.{f}" for f in fields)
        away = ", ".join("?" * len(NOT_IN_POST))
        in_post = ["s.start_date <= ?", "(s.end_date IS NULL OR s.end_date > ?)", f"s.status NOT IN ({away})"]
        in_post.append(JUDGED_ON)  # (spells' columns: the training subquery has neither)
        rows = self.store.query(
            f"SELECT {', '.join(f's.{f} AS {f}' for f in fields)}, {COMPLIANCE_COUNTS} FROM {STAFF_WITH_JP}"
            + where_sql([*in_post, *clauses])
            + f" GROUP BY {group}",
            [target or 0, year, day.isoformat(), day.isoformat(), *NOT_IN_POST, JUDGED_KIND, day.isoformat(), *params],
        )
        return [dict(r) for r in rows]

    def compliance_added_up(
        self, year: int, by: str | Sequence[str], groups: Iterable[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """The training compliance by `by` (`compliance`'s answer) from its groups by `by`, or by more fields, of one
        year and scope (`compliance_groups`): their staff, met and hours added up by their values of `by` as recorded,
        as a GROUP BY by `by` alone counts them, then a unit in other spellings counted once (`merged_by_unit`), in
        `report_order`."""
        year = bounded(year, "year", FIRST_YEAR, self.today.year)
        day = min(date(year, 12, 31), self.today)
        fields = group_fields(by, SPELL_FIELDS)
        sums: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in groups:
            key = tuple(row[f] for f in fields)
            held = sums.get(key)
            if held is None:
                sums[key] = {**dict(zip(fields, key, strict=True)), **{c: row[c] or 0 for c in COMPLIANCE_SUMS}}
            else:
                for c in COMPLIANCE_SUMS:
                    held[c] += row[c] or 0
        rows = merged_by_unit(sums.values(), fields, COMPLIANCE_SUMS, "staff")  # (a unit in other spellings once)
        target = yearly_jp(year)
        items = [self._compliance_item(r, fields, year, day, target) for r in rows]
        return sorted(items, key=report_order(fields))

    @staticmethod
    def _compliance_item(row: Row, fields: Sequence[str], year: int, day: date, target: int | None) -> dict[str, Any]:
        staff, hours = int(row["staff"]), int(row["hours"] or 0)
        met = None if target is None else int(row["met"] or 0)
        return {
            **{f: row[f] for f in fields},
            "year": int(year),
            "as_of": day.isoformat(),
            "target_jp": target,
            "staff": staff,
            "met": met,
            "share": ratio(met, staff),
            "hours": hours,
            "average_hours": ratio(hours, staff, 2),
        }

    # .................................................................. programmes

    def known_programmes(self, filters: Mapping[str, Any]) -> None:
        """InvalidInput naming `programme_id` for a programme filter's value no training was ever recorded with (in
        any spelling: `reference_key`), within the filters' agency and region (a reader's scope): the report filtered
        by it answered no programme, read as no take-up (until 2026-12-06 `programme_id=NOPE` answered 200 with no
        items), as an unknown unit or focus is refused."""
        place = {k: filters[k] for k in ("agency", "region") if filters.get(k)}
        named = filter_values(filters.get("programme_id"))
        if not named:
            return
        with self.store.transaction(commit=False) as sql:
            spellings = programme_spellings(sql)
            for value in named:
                where = self._programme_where({**place, "programme_id": [value]}, spellings)
                found = where is not None and sql.query(
                    f"SELECT 1 AS found FROM training{where_sql(where[0])} LIMIT 1", where[1]
                )
                if not found:
                    raise InvalidInput(
                        unknown_programme(value, place, self._programmes_near(sql, value, place)), "programme_id"
                    )

    def _programmes_near(self, sql: Sql, value: Any, place: Mapping[str, Any]) -> list[str]:
        """The programmes recorded within `place` (the agency and region asked, or the reader's scope: never
        another's) that an unknown programme is a typo of (careerlog.domain.unit.near_codes, in any case)."""
        where = self._programme_where(place, {})
        if where is None:
            return []
        rows = sql.query(f"SELECT DISTINCT programme_id FROM training{where_sql(where[0])}", where[1])
        return near_codes(str(value), sorted({str(r["programme_id"]) for r in rows}))

    def _programme_where(
        self, filters: Mapping[str, Any] | None, spellings: Mapping[str, Sequence[str]]
    ) -> tuple[list[str], list[Any]] | None:
        """The programmes report's filters as SQL clauses on the training view (None: a `programme_id` named that no
        training records)."""
        given = dict(filters or {})
        if given.get("year"):  # (a year before the first or after this one: refused as the compliance's year is)
            given["year"] = [bounded(y, "year", FIRST_YEAR, self.today.year) for y in filter_values(given["year"])]
        named = filter_values(given.pop("programme_id", None))
        clauses, params = filter_clauses(given, PROGRAMME_FILTERS, integers=("year",))
        clauses = ["programme_id IS NOT NULL", *clauses]
        if named:
            chosen = sorted({s for value in named for s in spellings.get(reference_key(value), ())})
            if not chosen:
                return None
            clauses.append(f"programme_id IN ({', '.join('?' * len(chosen))})")
            params = [*params, *chosen]
        return clauses, params

    def programme_places(self, filters: Mapping[str, Any] | None) -> set[tuple[str | None, str | None]]:
        """The agencies and regions the programmes report's trainings under `filters` were recorded in, each pair
        once: where the wider answers its promoted is judged against are (web.services.Services.wider_answers)."""
        with self.store.transaction(commit=False) as sql:
            where = self._programme_where(filters, programme_spellings(sql))
            if where is None:
                return set()
            rows = sql.query(f"SELECT DISTINCT agency, region FROM training{where_sql(where[0])}", where[1])
        return {(r["agency"], r["region"]) for r in rows}

    def participants_by(self, filters: Mapping[str, Any] | None, field: str) -> dict[str, dict[Any, int]]:
        """Each programme's participants (by key, as `programmes` counts them) per value of one of its filters'
        fields (`PROGRAMME_FILTERS`), under the same filters: the slices of the programme's row by that field, a unit
        in every spelling one slice (`slice_value`), a region each code as recorded."""
        column = PROGRAMME_FILTERS[field]
        with self.store.transaction(commit=False) as sql:
            where = self._programme_where(filters, programme_spellings(sql))
            if where is None:
                return {}
            counted = participants_counted(
                sql, *where, column, lambda r: (reference_key(r["programme_id"]), slice_value(field, r["value"]))
            )
        found: dict[str, dict[Any, int]] = defaultdict(dict)
        for (key, value), n in counted.items():
            found[key][value] = n
        return dict(found)

    def participants(self, filters: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Each programme's participants (by key) under the filters, as `programmes` counts them, without its other
        figures: what the report's differencing compares (web.services, `without_each_filter`), one aggregate query
        instead of the whole report (its peers' promotions) once more per filter."""
        with self.store.transaction(commit=False) as sql:
            where = self._programme_where(filters, programme_spellings(sql))
            if where is None:
                return {}
            counted = participants_counted(sql, *where, None, lambda r: (reference_key(r["programme_id"]),))
        return {key: n for (key,), n in counted.items()}

    def programmes(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        window_months: int = DEFAULT_WINDOW_MONTHS,
        wider: Sequence[Mapping[str, Any]] = (),
    ) -> list[dict[str, Any]]:
        """Per programme: take-up, hours, feedback, cost, and participants' later promotions
        against comparable non-participants. A programme is its `programme_id` by `reference_key` (letter case and
        whitespace aside, as the ledger tells references apart): `DIKLAT-PIM IV`, `diklat-pim iv` and
        `DIKLAT-PIM  IV`, recorded so by different agencies, are one programme, shown under the spelling most of its
        trainings counted use (`programme_id`; ties: the first in code-point order) with the others in
        `other_spellings`; a `programme_id` filter names a programme so too. `wider`: other filters (the same report
        without one of its filters, web.services.Services.programmes), each programme's promotable, promoted,
        comparable and comparable promoted under each answered beside (an item's `wider`, in their order), read in
        the same transaction from one load of the spells."""
        months = window(window_months)
        with self.store.transaction(commit=False) as sql:
            spellings = programme_spellings(sql)
            where = self._programme_where(filters, spellings)
            if where is None:
                return []
            clauses, params = where
            totals = programme_totals(sql, clauses, params)
            feedback = programme_feedback(sql, clauses, params)
            members = programme_members(sql, clauses, params)
            # (a programme's row of a wider answer judged where it holds every participant of its row here and more)
            wider_members = [
                {} if other_where is None else programme_members(sql, *other_where)
                for other_where in (self._programme_where(other, spellings) for other in wider)
            ]
            others = {
                key: strictly_wider(members.get(key, []), [o.get(key, []) for o in wider_members]) for key in totals
            }
            takers = programme_takers(sql, {key: spellings[key] for key in totals})
            own = {m.agency for key in totals for m in members.get(key, [])}
            judged = {m.agency for held in others.values() for group in held for m in group}
            everyone = load_spells(sql, own | judged)
        # (this report's own figures as from the spells of its participants' agencies alone, `SpellIndex.among`)
        subjects = everyone.subjects_of(own) if judged - own else None
        index = everyone if subjects is None else everyone.among(subjects)
        # the rank promotions compared are of those who can be promoted in rank, each as they were on the day: a PPPK
        # then (a grade, not a rank) is not, a PNS is, whoever else their agency employs and whatever they were before
        # or after (until 2026-12-06 anyone ever a PPPK in the agencies was left out, on every day)
        ranked = {key: [m for m in members.get(key, []) if ranked_on(index, m)] for key in totals}
        ranked_others = {
            key: [[m for m in group if ranked_on(everyone, m)] for group in held] for key, held in others.items()
        }
        everyone = everyone.ranked()
        posts = {(m.agency, m.rank or None, m.day) for g in ranked.values() for m in g}
        posts |= {(m.agency, m.rank or None, m.day) for held in ranked_others.values() for g in held for m in g}
        everyone.prepare(posts, months)
        index = everyone if subjects is None else everyone.among(subjects)
        peers = PeerSets(index, months)
        wider_peers = peers if subjects is None else PeerSets(everyone, months)
        found = [
            {
                **programme_item(spelt, len(members.get(key, []))),
                "promotable": len(ranked.get(key, [])),
                **feedback.get(key, empty_feedback()),
                **peers.comparison(ranked.get(key, []), takers[key], self.today),
                **(
                    {"wider": [promotions_of(group, wider_peers, takers[key]) for group in ranked_others[key]]}
                    if wider
                    else {}
                ),
            }
            for key, spelt in totals.items()
        ]
        return sorted(found, key=lambda item: item["programme_id"])


def promotions_of(members: Sequence[Member], peers: PeerSets, takers: Collection[str]) -> dict[str, int]:
    """A programme's participants who can be promoted in rank and their comparable colleagues, each with those of
    them promoted (`TrainingQueries.programmes`' `wider`): what its promoted is judged against
    (suppression.Attribute.differenced)."""
    found = peers.comparison(members, takers, date.max)
    return {"promotable": len(members), **{name: found[name] for name in ATTRIBUTE_COUNTS}}


# the figures of a programme's row compared across answers (`promotions_of`), beside its promotable
ATTRIBUTE_COUNTS = ("promoted", "comparable", "comparable_promoted")


# Every programme_id the view holds, each read once from the index on (programme_id, end_date): the next one after
# the last read (a loose index scan), not every training's entry
SPELLINGS = (
    "WITH RECURSIVE spelt(programme_id) AS (SELECT MIN(programme_id) FROM training UNION ALL "
    "SELECT (SELECT MIN(t.programme_id) FROM training t WHERE t.programme_id > spelt.programme_id) "
    "FROM spelt WHERE spelt.programme_id IS NOT NULL) "
    "SELECT programme_id FROM spelt WHERE programme_id IS NOT NULL"
)


def slice_value(field: str, value: Any) -> Any:
    """A value of a report's filter as its slices are told apart: a unit by `unit_key` (a `unit` filter selects it in
    every spelling, so its spellings are one slice), any other value as recorded (a region's code: a `region` filter
    selects the regions inside it too, the sum of their slices)."""
    return unit_key(value) if field == "unit" and isinstance(value, str) else value


def merged_by_unit(
    rows: Iterable[Mapping[str, Any]], fields: Sequence[str], sums: Sequence[str], weight: str
) -> list[dict[str, Any]]:
    """Rows counted by `fields` (`unit` among them, else the rows as they are) with the rows of one unit in other
    spellings (`unit_key`: "dinas sosial" and "Dinas Sosial", as the ledger and the unit filter read them one unit)
    made one, its `sums` added up, in the order of their first row: the unit shown under the spelling the most is
    counted under across the rows (`weight`; ties: the first in code-point order), as a training programme is
    (projections.training `programme_totals`). What was recorded is unchanged: the spellings stay in the views."""
    if "unit" not in fields:
        return [dict(r) for r in rows]
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in units_shown(rows, weight):
        held = merged.setdefault(tuple(row[f] for f in fields), row)
        if held is not row:
            for field in sums:
                held[field] = (held[field] or 0) + (row[field] or 0)
    return list(merged.values())


def units_shown(rows: Iterable[Mapping[str, Any]], weight: str | None = None) -> list[dict[str, Any]]:
    """The rows with each `unit` shown under the spelling of its unit (`unit_key`, within its row's `agency` when the
    rows carry one: a unit is an agency's) most counted across them (`weight`, None: each row once; ties: the first
    in code-point order), as `merged_by_unit` shows a unit it counts once: the passed-over lists, which compare the
    colleagues of a unit in every spelling (projections.merit). What was recorded is unchanged: the spellings stay in
    the views. (Until 2026-12-06 one agency's unit was shown under another agency's spelling of the same name.)"""
    read = [dict(r) for r in rows]
    units = [None if row.get("unit") is None else _unit_of(row) for row in read]  # (each row's once)
    counted: dict[tuple[Any, str], Counter[str]] = defaultdict(Counter)
    for row, unit in zip(read, units, strict=True):
        if unit is not None:
            counted[unit][row["unit"]] += 1 if weight is None else int(row[weight] or 0)
    shown = {key: min(spelt, key=lambda s: (-spelt[s], s)) for key, spelt in counted.items()}
    for row, unit in zip(read, units, strict=True):
        if unit is not None:
            row["unit"] = shown[unit]
    return read


def _unit_of(row: Mapping[str, Any]) -> tuple[Any, str]:
    """A row's unit as `units_shown` counts its spellings: its agency (None: the rows carry none, counted across the
    agencies as grouped) and its `unit_key`."""
    return (row.get("agency"), unit_key(row["unit"]))


def programme_spellings(sql: Sql) -> dict[str, list[str]]:
    """Every spelling of each programme the view holds, by its key (`reference_key`: letter case and whitespace
    aside), in code-point order."""
    found: dict[str, list[str]] = defaultdict(list)
    for spelling in sorted(r["programme_id"] for r in sql.query(SPELLINGS)):
        found[reference_key(spelling)].append(spelling)
    return found


def programme_totals(sql: Sql, clauses: Sequence[str], params: Sequence[Any]) -> dict[str, list[Row]]:
    """Each programme's spellings among the matching rows, by its key: per spelling its completions, JP, first and
    last end dates and costs, most completions first (ties: code-point order)."""
    rows = sql.query(
        "SELECT programme_id, COUNT(*) AS completions, SUM(hours) AS hours, MIN(end_date) AS first_end, "
        "MAX(end_date) AS last_end, COUNT(cost) AS costed, SUM(cost) AS total_cost, "
        "SUM(CASE WHEN cost IS NOT NULL THEN hours ELSE 0 END) AS costed_hours "
        f"FROM training{where_sql(clauses)} GROUP BY programme_id",
        params,
    )
    totals: dict[str, list[Row]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (-int(r["completions"]), r["programme_id"])):
        totals[reference_key(r["programme_id"])].append(r)
    return totals


def participants_counted(
    sql: Sql,
    clauses: Sequence[str],
    params: Sequence[Any],
    column: str | None,
    key: Callable[[Row], tuple[Any, ...]],
) -> dict[tuple[Any, ...], int]:
    """The participants (distinct subjects) of the training rows matching `clauses` per `key` of a row's
    `programme_id` (and `column`, read as `value`): COUNT(DISTINCT subject) per spelling (and value) in SQL, and the
    rows of a key that several of those groups make (a programme in several spellings, a unit in several) read
    again, each participant counted once across them."""
    value = f", {column} AS value" if column else ""
    grouped = "programme_id" + (f", {column}" if column else "")
    rows = sql.query(
        f"SELECT programme_id{value}, COUNT(DISTINCT subject) AS n FROM training{where_sql(clauses)} "
        f"GROUP BY {grouped}",
        params,
    )
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    counted = {k: int(group[0]["n"]) for k, group in groups.items() if len(group) == 1}
    shared = {k for k, group in groups.items() if len(group) > 1}
    people: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    spelt = sorted({r["programme_id"] for k in shared for r in groups[k]})
    for start in range(0, len(spelt), 500):
        chunk = spelt[start : start + 500]
        within = [*clauses, f"programme_id IN ({', '.join('?' * len(chunk))})"]
        for r in sql.query(
            f"SELECT DISTINCT programme_id, subject{value} FROM training{where_sql(within)}", [*params, *chunk]
        ):
            if key(r) in shared:
                people[key(r)].add(r["subject"])
    return counted | {k: len(people[k]) for k in shared}


def programme_item(spelt: Sequence[Row], participants: int) -> dict[str, Any]:
    """A programme's figures from its spellings' (`programme_totals`), shown under the first."""
    costs = [float(r["total_cost"]) for r in spelt if r["total_cost"] is not None]
    total_cost = sum(costs) if costs else None
    costed_hours = sum(int(r["costed_hours"] or 0) for r in spelt)
    return {
        "programme_id": spelt[0]["programme_id"],
        "participants": participants,
        "completions": sum(int(r["completions"]) for r in spelt),
        "hours": sum(int(r["hours"]) for r in spelt),
        "first_end": min(r["first_end"] for r in spelt),
        "last_end": max(r["last_end"] for r in spelt),
        "costed_completions": sum(int(r["costed"]) for r in spelt),
        "total_cost": total_cost,
        "costed_hours": costed_hours,
        "cost_per_jp": ratio(total_cost, costed_hours, 2),
        "other_spellings": [
            {"programme_id": r["programme_id"], "completions": int(r["completions"])} for r in spelt[1:]
        ],
    }


def programme_feedback(sql: Sql, clauses: Sequence[str], params: Sequence[Any]) -> dict[str, dict[str, Any]]:
    """Mean feedback per programme (by key): one opinion per participant, however many trainings they took. A
    feedback names its programme as one of the employee's trainings spells it (docs/events.md): a participant who
    rated two spellings of one programme counts once, with the mean of their two opinions."""
    rows = sql.query(
        "SELECT DISTINCT subject, programme_id, feedback_rating, feedback_relevance "
        f"FROM training{where_sql([*clauses, 'feedback_rating IS NOT NULL'])}",
        params,
    )
    opinions = participant_opinions(
        ((reference_key(r["programme_id"]), r["subject"]), r["programme_id"], r) for r in rows
    )
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for (key, _subject), (rating, relevance) in opinions.items():
        got = sums[key]
        got[0] += 1
        got[1] += rating
        got[2] += relevance
    return {
        key: {
            "feedback_count": int(n),
            "mean_rating": ratio(rating, n),
            "mean_relevance": ratio(relevance, n),
        }
        for key, (n, rating, relevance) in sums.items()
    }


def participant_opinions(
    rows: Iterable[tuple[tuple[str, ...], str, Row]],
) -> dict[tuple[str, ...], tuple[float, float]]:
    """One opinion (rating, relevance) per participant and programme from (who and which programme, the
    programme's spelling, a row with its `feedback_rating` and `feedback_relevance`): the mean of their opinions on
    its spellings (the rows of one spelling all carry the participant's one feedback on it)."""
    given: dict[tuple[str, ...], dict[str, tuple[int, int]]] = defaultdict(dict)
    for who, spelling, r in rows:
        given[who][spelling] = (int(r["feedback_rating"]), int(r["feedback_relevance"]))
    return {
        who: (
            sum(rating for rating, _ in spelt.values()) / len(spelt),
            sum(relevance for _, relevance in spelt.values()) / len(spelt),
        )
        for who, spelt in given.items()
    }


def empty_feedback() -> dict[str, Any]:
    return {"feedback_count": 0, "mean_rating": None, "mean_relevance": None}


def programme_members(sql: Sql, clauses: Sequence[str], params: Sequence[Any]) -> dict[str, list[Member]]:
    """Each participant once per programme (by key), on the end date of their first training in it, whichever
    spelling it records."""
    rows = sql.query(
        f"SELECT subject, programme_id, end_date, agency, rank, employment_kind FROM training{where_sql(clauses)} "
        "ORDER BY subject, end_date, version",
        params,
    )
    members: dict[str, dict[str, Member]] = defaultdict(dict)
    for r in rows:
        members[reference_key(r["programme_id"])].setdefault(
            r["subject"],
            Member(r["subject"], date.fromisoformat(r["end_date"]), r["agency"], r["rank"], r["employment_kind"]),
        )
    return {key: list(group.values()) for key, group in members.items()}


def ranked_on(index: SpellIndex, member: Member) -> bool:
    """Whether a programme's participant held a rank (golongan) on their day, one who can be promoted in rank: not a
    PPPK then, by the spell they held on the day (`employment_kind`), else by their training's row."""
    held = index.on(member.subject, member.day)
    kind = held.employment_kind if held is not None and held.employment_kind else member.employment_kind
    return kind != PPPK


def programme_takers(sql: Sql, spellings: Mapping[str, Sequence[str]]) -> dict[str, set[str]]:
    """Everyone who ever took part in each programme (by key: any of its `spellings`), whatever the filters."""
    key_of = {spelling: key for key, spelt in spellings.items() for spelling in spelt}
    every = sorted(key_of)
    takers: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(every), 500):
        chunk = every[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = sql.query(f"SELECT DISTINCT programme_id, subject FROM training WHERE programme_id IN ({marks})", chunk)
        for r in rows:
            takers[key_of[r["programme_id"]]].add(r["subject"])
    return takers


def unknown_programme(value: Any, place: Mapping[str, Any], near: Sequence[str] = ()) -> Reason:
    """The refusal of a programme no training was recorded with within `place` (the agency and region filters: asked,
    or the reader's scope), naming them (UNKNOWN_PROGRAMME_IN), or "anywhere" when there are none; with the
    programmes recorded there it may be (`near`: "'PRG-2019-ARSIP-1' (did you mean 'PRG-2019-ARSIP-01'?)")."""
    values = {k: [str(v) for v in filter_values(place[k])] for k in ("agency", "region") if place.get(k)}
    if "region" in values:  # (a scope's province comes with its regencies and cities, 12, 12.01, ...: named 12)
        values["region"] = [r for r in values["region"] if "." not in r or r.split(".")[0] not in values["region"]]
    named = {k: ", ".join(v) for k, v in values.items()}
    refusal = UNKNOWN_PROGRAMME_IN.get(tuple(named), UNKNOWN_PROGRAMME)
    programme: Any = quoted(str(value))
    if near:  # (a worded part, translated with the refusal; each quoted apart, the difference shown past 40 characters)
        given, *nearby = quoted_apart(str(value), *near)
        programme = PROGRAMME_NEAR.reason(programme=given, near=" or ".join(nearby))
    return refusal.reason(programme=programme, **named)

"""A career read back from its events, as it stood on any date and as it was known at any time.

`CareerRecord` is the read side's view of one employee: every recorded event with its
effective date and recorded time, corrections and retractions applied. `known_at(t)` gives
the record as it was known at time t (only what had been recorded by then), which is how
the audit judges a decision by what was recorded before it, and how the timeline answers
`known_at`. The accessors answer "on date D" questions: the rank held, the education, the
unit, the ratings, the posts.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, NamedTuple, TypeVar, overload

from careerlog.ages import whole_years
from careerlog.domain.employee import one_training
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.domain.ledger import named_by_reference, payload_values
from careerlog.domain.payload import parse_payload, starting_rank_code
from careerlog.domain.quick import quick_init
from careerlog.domain.voids import last_void
from careerlog.probation import probation_end
from careerlog.reference import Reference, Rules, reference, rules

T = TypeVar("T")


class cached_property(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11's takes an RLock on the first read
    of each property of each object (some 50 first reads per record in a rebuild: a record and the
    records known before each of its decisions), which 3.12 dropped. The value is computed on the
    first read and kept in the object's `__dict__`, which later reads find first (a non-data
    descriptor); two threads reading it first at once may both compute it, and one value is kept."""

    def __init__(self, func: Callable[[Any], T]):
        self.func = func
        self.attrname = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


# The text `isoformat()` gives of each date a view writes: a rebuild writes some 60 dates a record, of a few
# thousand distinct days, and `date.isoformat` formats each through PyUnicode_FromFormat (about 4,500 instructions
# a call, callgrind) where a look-up here takes a tenth of that. Up to `_ISO_DAYS_KEPT` dates are kept. (A date
# and a datetime never compare equal, so each is kept under its own key and gives its own `isoformat()`.)
_ISO_DAYS: dict[date, str] = {}
_ISO_DAYS_KEPT = 200_000


def day_iso(day: date) -> str:
    """`day.isoformat()`, each date's text made once."""
    text = _ISO_DAYS.get(day)
    if text is None:
        text = day.isoformat()
        if len(_ISO_DAYS) < _ISO_DAYS_KEPT:
            _ISO_DAYS[day] = text
    return text


@quick_init  # a record's entries: a third of the frozen dataclass's own __init__
@dataclass(frozen=True)
class Entry:
    """One recorded event: what it said, when it took effect and when it was recorded."""

    version: int
    kind: str
    effective_date: date
    recorded_at: datetime
    reference: str
    values: dict[str, Any]
    recorded_by: str
    migrated: bool
    # The effective date and recorded time as stored, when that text is what `isoformat()` gives of them
    # (`stored_entry`; None otherwise): the rows that show them take the text instead of making it again
    # (`entry.day_text or entry.effective_date.isoformat()`).
    day_text: str | None = field(default=None, compare=False, repr=False)
    stamp_text: str | None = field(default=None, compare=False, repr=False)
    # The checks whose refusal the writer confirmed when recording it (a rank promotion's, correction's or
    # retraction's `confirmed`, careerlog.domain.events.CONFIRMED_FIELD: promotion.one_step; an appointment's,
    # placement's or post appointment's unit.new, a training's training.duplicate, a penalty's, exam's, post
    # appointment's or degree's fact.duplicate); () for any other.
    confirmed: tuple[str, ...] = ()

    @classmethod
    def of(cls, event: LedgerEvent) -> Entry:
        return cls(
            event.originator_version,
            event.KIND,
            event.effective_date,
            event.timestamp,
            event.reference,
            payload_values(event),
            event.recorded_by,
            event.migrated,
            None,
            None,
            tuple(getattr(event, "confirmed", ())),
        )


@dataclass(init=False)
class Fact:
    """A fact as it stands in a record: its values after corrections, and what changed it.

    `effective_date` is its values' (kept as an attribute, read a few hundred times per record:
    `CareerRecord` sets it again when a correction changes the values); `kind` and `version` are its
    entry's, kept as attributes too (read some 200 times per record by the views' look-ups).
    `values` may be its entry's own dict until a correction changes them (`CareerRecord._apply` then
    gives the fact a new dict): it is never changed in place."""

    entry: Entry
    values: dict[str, Any]
    corrections: list[Entry] = field(default_factory=list)
    retraction: Entry | None = None
    effective_date: date = field(init=False, repr=False, compare=False)
    kind: str = field(init=False, repr=False, compare=False)
    version: int = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        entry: Entry,
        values: dict[str, Any],
        corrections: list[Entry] | None = None,
        retraction: Entry | None = None,
    ):  # the dataclass's, with effective_date set (no __post_init__ call: some 40 facts per record)
        self.entry = entry
        self.values = values
        self.corrections = [] if corrections is None else corrections
        self.retraction = retraction
        self.effective_date = values.get("effective_date")  # type: ignore[assignment]
        self.kind = entry.kind
        self.version = entry.version

    @property
    def retracted_by(self) -> int | None:
        """The version of its retraction, or None (careerlog.domain.voids.VoidFact: the ledger's Fact's field)."""
        retraction = self.retraction
        return None if retraction is None else retraction.version

    @property
    def recorded_at(self) -> datetime:
        return self.entry.recorded_at

    @property
    def reference(self) -> str:
        return str(self.values["reference"])

    @property
    def active(self) -> bool:
        return self.retraction is None

    @property
    def last_recorded_at(self) -> datetime:
        """When the fact last changed: its recording or its latest correction."""
        return max([self.entry.recorded_at, *(c.recorded_at for c in self.corrections)])

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass(frozen=True)
class PostSpell:
    """A post held from `start` until `end` (exclusive; None while held)."""

    fact: Fact
    post_kind: str
    level: str | None
    assignment: str
    start: date
    end: date | None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def days_until(self, day: date) -> int:
        """Days held before `day`."""
        if day <= self.start:
            return 0
        stop = day if self.end is None else min(self.end, day)
        return (stop - self.start).days


class CareerRecord:
    """An employee's (or unit's) record built from its events."""

    def __init__(self, subject: str, entries: Sequence[Entry]):
        self.subject = subject
        self.entries = sorted(entries, key=_VERSION)
        self.facts: dict[int, Fact] = {}
        self._merged: dict[tuple[str, ...], list[Fact]] = {}  # of_kind of several kinds, once each
        self._within: tuple[CareerRecord, Container[int]] | None = None  # the record whose facts this one shares
        facts = self.facts
        for entry in self.entries:  # `_apply` of each, a fact made here (some 40 per record)
            if entry.kind in _AMENDING:
                self._apply(entry)
            else:
                facts[entry.version] = Fact(entry, entry.values)  # its entry's values until corrected

    @classmethod
    def from_events(cls, subject: str, events: Iterable[LedgerEvent]) -> CareerRecord:
        return cls(subject, [Entry.of(e) for e in events])

    def _apply(self, entry: Entry) -> None:
        kind = entry.kind
        if kind not in _AMENDING:
            self.facts[entry.version] = Fact(entry, entry.values)  # its entry's values until corrected
            return
        target = self.facts.get(entry.values.get("target_version", 0))
        if target is None:
            return
        if kind == "correction":
            changes = parse_payload(BY_KIND[target.kind], entry.values["corrected_fields"], partial=True)
            target.values = {**target.values, **changes}  # a new dict: the entry's (and earlier records') unchanged
            target.effective_date = target.values.get("effective_date")  # type: ignore[assignment]
            target.corrections.append(entry)
        else:
            target.retraction = entry

    def known_at(self, moment: datetime) -> CareerRecord:
        """The record as it was known at a moment: only what had been recorded by then."""
        times = self._recorded_in_order
        if times is not None:
            return self._known_first(bisect.bisect_right(times, moment))
        return self._known({e.version for e in self.entries if e.recorded_at <= moment})

    def known_before(self, moment: datetime) -> CareerRecord:
        """The record without anything recorded at or after a moment."""
        times = self._recorded_in_order
        if times is not None:
            return self._known_first(bisect.bisect_left(times, moment))
        return self._known({e.version for e in self.entries if e.recorded_at < moment})

    @property
    def recorded_in_order(self) -> list[datetime] | None:
        """`_recorded_in_order`, read once per record (the judges of its decisions cut its entries by it too:
        projections.merit.known_alike)."""
        return self._recorded_in_order

    @cached_property
    def _recorded_in_order(self) -> list[datetime] | None:
        """The entries' recorded times when they never go back as the versions rise (nearly every
        record): then what was recorded before a moment is the entries up to a version."""
        times = [e.recorded_at for e in self.entries]
        return times if times == sorted(times) else None  # never going back: in order as they are (a sort in C)

    def _known_first(self, count: int) -> CareerRecord:
        """The record of its first `count` entries (in order of version)."""
        entries = self.entries[:count]
        return self._known(range(entries[-1].version + 1) if entries else range(0), entries)

    def _known(self, versions: Container[int], entries: list[Entry] | None = None) -> CareerRecord:
        """The record of the entries of some versions only (`entries`: those entries, if known).

        When every correction and retraction is kept, every fact kept stands exactly as in
        this record (same values, corrections and retraction): the facts, and this record's
        order of them, are shared instead of applying the entries again.
        """
        if entries is None:
            entries = [e for e in self.entries if e.version in versions]
        amendments = self._amendments  # nearly always none
        if amendments and not all(e.version in versions for e in amendments):
            return CareerRecord(self.subject, entries)
        known = CareerRecord(self.subject, ())
        known._within = (self, versions)
        known.entries = entries
        if isinstance(versions, range):  # the facts (in order of version) up to a version
            kept = bisect.bisect_left(self._fact_versions, versions.stop)
            known.facts = dict(itertools.islice(self.facts.items(), kept))
        else:
            known.facts = {v: f for v, f in self.facts.items() if v in versions}
        return known  # its active facts and their index by kind: the full record's, filtered when first read

    @cached_property
    def _fact_versions(self) -> list[int]:
        return list(self.facts)  # in order: the entries are applied in order of version

    @cached_property
    def _amendments(self) -> list[Entry]:
        return [e for e in self.entries if e.kind in _AMENDING]

    # ------------------------------------------------------------------ facts

    @cached_property
    def active(self) -> list[Fact]:
        """Facts not retracted, in order of effective date."""
        if self._within is not None:  # the facts kept of the full record's, in its order
            full, versions = self._within
            return [f for f in full.active if f.entry.version in versions]
        return sorted([f for f in self.facts.values() if f.retraction is None], key=_order)  # `Fact.active`

    @cached_property
    def by_kind(self) -> dict[str, list[Fact]]:
        """The active facts of each kind, in order of effective date (indexed once per record)."""
        index: dict[str, list[Fact]] = defaultdict(list)
        if self._within is not None:  # the facts kept of the full record's lists
            full, versions = self._within
            rising = full._rising_versions if isinstance(versions, range) else {}
            for kind, facts in full.by_kind.items():
                order = rising.get(kind)
                if order is not None:  # the versions below the range's end: a first part of the list
                    kept = facts[: bisect.bisect_left(order, versions.stop)]  # type: ignore[attr-defined]
                else:
                    kept = [f for f in facts if f.entry.version in versions]
                if kept:
                    index[kind] = kept
            return index
        for fact in self.active:
            index[fact.kind].append(fact)
        return index

    @cached_property
    def _rising_versions(self) -> dict[str, list[int]]:
        """The versions of each kind's active facts in their order (`by_kind`), of the kinds whose
        versions rise along it (most: a career is mostly recorded in the order it happened). Of
        those, the facts of the versions below a bound are a first part of the list: a record
        known up to a version (`known_before`) takes them with a bisection instead of a filter."""
        found = {}
        for kind, facts in self.by_kind.items():
            order = [f.version for f in facts]
            if order == sorted(order):  # rising (a fact's version is its own: no two alike)
                found[kind] = order
        return found

    def _of_kinds(self, kinds: tuple[str, ...]) -> list[Fact]:
        if len(kinds) == 1:
            if self._within is not None and "by_kind" not in self.__dict__:
                return self._kept_of_kind(kinds)
            return self.by_kind.get(kinds[0], [])
        merged = self._merged.get(kinds)
        if merged is None:
            if self._within is not None:  # the facts kept of the full record's, in its order (no two facts sort alike)
                full, versions = self._within
                merged = [f for f in full._of_kinds(kinds) if f.entry.version in versions]
            else:
                merged = self._merge(kinds)
            self._merged[kinds] = merged
        return merged

    def _merge(self, kinds: tuple[str, ...]) -> list[Fact]:
        """The active facts of several kinds in order of effective date: `by_kind`'s lists of them, merged. Those
        lists are parts of `active` (in its order, `_order`, which no two facts share), so one kind's list is the
        merge as it is (often the others have none), and several kinds' are `active`'s facts of those kinds."""
        by_kind = self.by_kind
        found = [facts for kind in kinds if (facts := by_kind.get(kind))]
        if len(found) < 2:
            return list(found[0]) if found else []
        if len(set(kinds)) < len(kinds):  # a kind named twice: its facts twice, as a sort of the lists gives them
            return sorted(itertools.chain.from_iterable(by_kind.get(k, ()) for k in kinds), key=_order)
        return [f for f in self.active if f.kind in kinds]

    def _kept_of_kind(self, kinds: tuple[str]) -> list[Fact]:
        """Of a record known up to a version: `by_kind`'s list of one kind without indexing every kind
        (a judge reads a few kinds of each record known before a decision): the first part of the full
        record's list where the versions rise along it, as in `by_kind`; else from `by_kind`."""
        found = self._merged.get(kinds)
        if found is None:
            full, versions = self._within  # type: ignore[misc]
            facts = full.by_kind.get(kinds[0])
            order = full._rising_versions.get(kinds[0])
            if facts is None:  # none in the full record: none kept
                found = []
            elif order is not None and isinstance(versions, range):
                found = facts[: bisect.bisect_left(order, versions.stop)]
            else:
                found = self.by_kind.get(kinds[0], [])
            self._merged[kinds] = found
        return found

    def kind_facts(self, kind: str) -> list[Fact]:
        """The active facts of one kind in order of effective date (`by_kind`'s list, or an empty one:
        not a copy, not to be changed). `_of_kinds((kind,))`, its first look-ups made here (a judge
        asks some 40 times per decision)."""
        if self._within is None or "by_kind" in self.__dict__:
            return self.by_kind.get(kind, _NONE)
        found = self._merged.get((kind,))
        return found if found is not None else self._kept_of_kind((kind,))

    def of_kind(self, *kinds: str, until: date | None = None) -> list[Fact]:
        """Active facts of some kinds in order of effective date, those in effect by `until` if given."""
        found = self._of_kinds(kinds)
        if until is None:
            return list(found)
        return found[: bisect.bisect_right(found, until, key=_effective)]

    def recorded_after(
        self, kinds: tuple[str, ...], until: date, moment: datetime, *, corrected: bool = False
    ) -> list[Fact]:
        """The facts of `of_kind(*kinds, until=until)` not in effect by `until` as known at `moment`: recorded after
        it, or recorded before it but moved into effect by `until` by a correction recorded after it (`moved_in_after`);
        with `corrected`, also any of them changed by a correction recorded after it (`last_recorded_at`: a rating a
        promotion relied on, corrected from Baik to Kurang after the promotion). Nearly always none, told by the latest
        change among those facts (`_latest_recorded`: recordings and corrections) without going through them."""
        if not self.changed_after(kinds, until, moment):
            return []
        found = self._of_kinds(kinds)
        count = bisect.bisect_right(found, until, key=_effective)
        if corrected:
            return [f for f in found[:count] if f.last_recorded_at > moment]
        return [f for f in found[:count] if f.entry.recorded_at > moment or self.moved_in_after(f, until, moment)]

    def changed_after(self, kinds: tuple[str, ...], until: date, moment: datetime) -> bool:
        """Whether a fact of `of_kind(*kinds, until=until)` was recorded or corrected after `moment` (what
        `recorded_after` may find is among them; asked of more kinds, a test for several lists at once)."""
        found = self._of_kinds(kinds)
        count = bisect.bisect_right(found, until, key=_effective)
        return bool(count) and self._latest_recorded(kinds)[count - 1] > moment

    def moved_in_after(self, fact: Fact, until: date, moment: datetime) -> bool:
        """Whether `fact`, in effect by `until` here and recorded by `moment`, was in effect only after `until` as known
        at `moment`: a correction recorded after it moved its effective date in (a penalty first recorded as starting
        after a promotion's TMT, corrected after the promotion was recorded to start before it)."""
        if fact.entry.recorded_at > moment or all(c.recorded_at <= moment for c in fact.corrections):
            return False
        then = self.known_before(moment).facts.get(fact.version)
        return then is not None and then.active and then.effective_date > until

    def _latest_recorded(self, kinds: tuple[str, ...]) -> list[datetime]:
        """For each first part of `of_kind(*kinds)`, the latest time one of its facts was recorded or corrected."""
        latest = self.__dict__.setdefault("_latest", {})
        found: list[datetime] | None = latest.get(kinds)
        if found is None:
            facts = self._of_kinds(kinds)
            # a fact's `last_recorded_at` is its entry's recorded time until corrected (nearly every fact): read in C
            times = map(_changed if any(map(_corrections, facts)) else _recorded, facts)
            found = latest[kinds] = list(itertools.accumulate(times, max))
        return found

    # ------------------------------------------------------------------ who

    @property
    def voided(self) -> bool:
        """Whether the record is voided: its appointment (version 1) retracted, as one made under a wrong NIP (every
        other fact of it retracted before: careerlog.domain.employee.FACTS_STANDING), and no appointment made afresh
        since (AppointedAgain, itself voided again by its retraction). No view keeps its rows."""
        void = last_void(self.facts)
        return void is not None and void.voided

    def since_void(self) -> CareerRecord:
        """The record as the views read it: one appointed afresh after a void (AppointedAgain) from its last void on,
        the entries after it (before it every fact was retracted: the voided appointment and what it held are no
        part of the record appointed afresh, whose history, the ledger's, still lists them); any other as it is.
        Where the last void is: careerlog.domain.voids.last_void, as the ledger's `Employee.void_before` reads it."""
        void = last_void(self.facts)
        if void is None or void.voided:
            return self  # (nearly every record: its first appointment stands; or voided)
        return CareerRecord(self.subject, [e for e in self.entries if e.version > void.retraction])

    def viewed(self) -> CareerRecord | None:
        """The record as every view reads it (`RowBatch.add`): None when it is `voided` (no view keeps its rows), else
        `since_void`; the last void found once."""
        void = last_void(self.facts)
        if void is None:
            return self  # (nearly every record: its first appointment stands)
        if void.voided:
            return None
        return CareerRecord(self.subject, [e for e in self.entries if e.version > void.retraction])

    @property
    def void(self) -> Entry | None:
        """The retraction that voided the record (of its latest appointment, none standing), or None."""
        void = last_void(self.facts)
        return self.facts[void.appointment].retraction if void is not None and void.voided else None

    @cached_property
    def appointment(self) -> Fact | None:
        if self._within is not None:  # known up to some versions: the full record's, when it is kept
            full, versions = self._within
            first = full.appointment
            if first is None:
                return None  # the facts kept are some of the full record's
            if first.entry.version in versions:
                return first  # the first of the full record's list is the first of any part of it kept
        found = self._of_kinds(("appointment",))
        return found[0] if found else None

    def profile(self, name: str) -> Any:
        appointment = self.appointment
        return None if appointment is None else appointment.values.get(name)

    @property
    def appointed_on(self) -> date | None:
        return self.appointment.effective_date if self.appointment else None

    @cached_property
    def employment_kind(self) -> str | None:
        kind = self.profile("employment_kind")
        return None if kind is None else str(kind)

    @property
    def birth_date(self) -> date | None:
        birth = self.profile("birth_date")
        return birth if isinstance(birth, date) else None

    def age_on(self, day: date) -> int | None:
        birth = self.birth_date
        return None if birth is None else whole_years(birth, day)

    def service_years_on(self, day: date) -> float | None:
        start = self.appointed_on
        return None if start is None else (day - start).days / 365.25

    # ------------------------------------------------------------------ status

    @cached_property
    def confirmed_on(self) -> date | None:
        found = self.of_kind("confirmation")
        return found[0].effective_date if found else None

    @cached_property
    def separation(self) -> Fact | None:
        separating = separation_statuses(reference())
        found = [f for f in self.of_kind("status_change") if f.get("status") in separating]
        return found[0] if found else None

    @property
    def separated_on(self) -> date | None:
        return self.separation.effective_date if self.separation else None

    def status_on(self, day: date) -> str:
        """The legal status on a day (ACTIVE unless a status change says otherwise): the last change's by then."""
        changes = self._of_kinds(("status_change",))
        held = bisect.bisect_right(changes, day, key=_effective)
        status = changes[held - 1].values.get("status") if held else "ACTIVE"
        if status == "ACTIVE" and self.on_study_leave(day):
            return "STUDY_LEAVE"
        return str(status)

    def on_study_leave(self, day: date) -> bool:
        """Whether the last study leave start or end in effect by a day is a start."""
        found = self._of_kinds(("study_leave_start", "study_leave_end"))
        held = bisect.bisect_right(found, day, key=_effective)
        return bool(held) and found[held - 1].kind == "study_leave_start"

    def active_on(self, day: date) -> bool:
        """Employed on a day (appointed and not yet separated)."""
        start = self.appointed_on
        end = self.separated_on
        return start is not None and start <= day and (end is None or day < end)

    # ------------------------------------------------------------------ rank

    @cached_property
    def rank_history(self) -> list[tuple[date, str, Fact]]:
        """(TMT, rank, fact) of the appointment and each promotion, in order."""
        if self._within is not None:  # the full record's, of the facts kept (in the same order)
            full, versions = self._within
            if self.appointment is full.appointment:
                part = self._rank_part
                if part is not None:
                    return full.rank_history[:part]
                return [h for h in full.rank_history if h[2].entry.version in versions]
        history: list[tuple[date, str, Fact]] = []
        if self.appointment is not None:
            # (as its code: one stored before 2026-12-05 holds the spelling typed, "iii/a")
            rank = starting_rank_code(self.appointment.get("rank"))
            history.append((self.appointment.effective_date, rank, self.appointment))
        history += [(f.effective_date, f.get("new_rank"), f) for f in self.of_kind("rank_promotion")]
        return sorted(history, key=lambda h: (h[0], h[2].version))

    @cached_property
    def _rank_versions(self) -> list[int] | None:
        """The versions of `rank_history`'s facts when they rise along it (else None)."""
        order = [h[2].entry.version for h in self.rank_history]
        return order if order == sorted(order) else None  # rising: no two facts share a version

    @cached_property
    def _rank_part(self) -> int | None:
        """Of a record known up to a version: how many of the full record's `rank_history` it holds,
        when they are a first part of it (the versions rise along it, as in `by_kind`), else None."""
        if self._within is None:
            return None
        full, versions = self._within
        order = full._rank_versions
        if order is None or not isinstance(versions, range) or self.appointment is not full.appointment:
            return None
        return bisect.bisect_left(order, versions.stop)

    @cached_property
    def _rank_tmts(self) -> list[date]:
        part = self._rank_part
        if part is not None:
            return self._within[0]._rank_tmts[:part]  # type: ignore[index]
        return [tmt for tmt, _, _ in self.rank_history]

    def _rank_at(self, index: int) -> tuple[str, date, Fact] | None:
        if index < 0:
            return None
        tmt, rank, fact = self.rank_history[index]
        return rank, tmt, fact

    def rank_on(self, day: date) -> tuple[str, date, Fact] | None:
        """The rank held on a day, the TMT it was held from, and the fact that gave it."""
        return self._rank_at(bisect.bisect_right(self._rank_tmts, day) - 1)

    def rank_before(self, day: date) -> tuple[str, date, Fact] | None:
        """The rank held the day before `day` (what a promotion on `day` starts from)."""
        return self._rank_at(bisect.bisect_left(self._rank_tmts, day) - 1)

    def promotions(self) -> list[Fact]:
        return self.of_kind("rank_promotion")

    # ------------------------------------------------------------------ education

    def education_on(self, day: date) -> str | None:
        """The highest education level held on a day (entry education or a later degree)."""
        degrees = self._of_kinds(("education",))
        held = bisect.bisect_right(degrees, day, key=_effective)  # the degrees in effect by the day
        known = self._education_by_degrees
        if held not in known:
            known[held] = self._highest_education(degrees[:held])
        return known[held]

    def _highest_education(self, degrees: list[Fact]) -> str | None:
        ref = reference()
        levels = [self.profile("education")] if self.appointment else []
        levels += [f.get("level") for f in degrees]
        levels = [lvl for lvl in levels if lvl]
        if not levels:
            return None
        return str(max(levels, key=lambda lvl: education_order(ref, lvl)))

    @cached_property
    def _education_by_degrees(self) -> dict[int, str | None]:
        """`education_on` by the number of degrees in effect (it asks the same few again and again)."""
        return {}

    def education_facts(self, day: date) -> list[Fact]:
        found = self.of_kind("education", until=day)
        return ([self.appointment] if self.appointment else []) + found

    # ------------------------------------------------------------------ placement

    def placement_on(self, day: date) -> tuple[str, str, str] | None:
        """(agency, unit, region) on a day."""
        days, places = self._placements
        index = bisect.bisect_right(days, day)
        if index:
            return places[index - 1]
        return None if self.appointment is None else _place(self.appointment)

    @cached_property
    def _placements(self) -> tuple[list[date], list[tuple[Any, Any, Any]]]:
        """The effective dates of the appointment and placements in order, and where each placed
        (placement_on: some 35 calls per record)."""
        found = self._of_kinds(("appointment", "placement"))
        return [f.effective_date for f in found], [_place(f) for f in found]

    # ------------------------------------------------------------------ performance

    @cached_property
    def ratings(self) -> dict[int, Fact]:
        """The rating of each year."""
        if self._within is not None:  # known up to a version: a first part of the full record's, when it is one
            full, versions = self._within
            if isinstance(versions, range) and "performance_rating" in full._rising_versions and full._one_per_year:
                return dict(itertools.islice(full.ratings.items(), len(self._of_kinds(("performance_rating",)))))
        return {int(f.values.get("year")): f for f in self._of_kinds(("performance_rating",))}  # type: ignore[arg-type]

    @cached_property
    def _one_per_year(self) -> bool:
        """Whether no two active ratings are of one year (then `ratings` holds each, in order)."""
        return len(self.ratings) == len(self._of_kinds(("performance_rating",)))

    def rating_score(self, year: int) -> int | None:
        fact = self.ratings.get(year)
        return None if fact is None else predicate_score(reference(), fact.get("predicate"))

    # ------------------------------------------------------------------ training

    def trainings(self, until: date | None = None) -> list[Fact]:
        return self.of_kind("training", until=until)

    @cached_property
    def repeated_trainings(self) -> dict[int, int]:
        """The probable duplicates among the record's trainings, each with the version it repeats
        (`repeated_trainings`, rule training.counted_once): their JP count once."""
        facts = self._of_kinds(("training",))
        if not may_repeat([f.effective_date for f in facts]):
            return {}
        return repeated_trainings(
            Recorded(f.version, f.effective_date, f.values, duplicate_confirmed(_confirmations(f))) for f in facts
        )

    def counted_trainings(self, until: date | None = None) -> list[Fact]:
        """`trainings` without the probable duplicates (`repeated_trainings`): each training's JP counted once."""
        facts = self.of_kind("training", until=until)
        repeated = self.repeated_trainings
        return [f for f in facts if f.version not in repeated] if repeated else facts

    @cached_property
    def jp_by_year(self) -> dict[int, int]:
        totals: dict[int, int] = {}
        for fact in self.counted_trainings():
            year = fact.effective_date.year
            totals[year] = totals.get(year, 0) + int(fact.values.get("hours"))  # type: ignore[arg-type]
        return totals

    def exams_passed(self, until: date) -> dict[str, Fact]:
        return {f.get("exam"): f for f in self.of_kind("exam", until=until)}

    # ------------------------------------------------------------------ discipline

    def penalties(self) -> list[Fact]:
        return self.of_kind("penalty")

    # ------------------------------------------------------------------ posts

    @cached_property
    def posts(self) -> list[PostSpell]:
        """Every post held. A definitive post ends when the next definitive one starts,
        at an explicit post end, or at separation; a temporary one at its explicit end. A post end ends the
        appointment its `appointment_reference` names as the ledger finds it (careerlog.domain.employee.posts_named:
        recorded under it exactly, else the one recorded under it in another letter case or spacing)."""
        appointments = self.of_kind("post_appointment")
        ends: dict[int, date] = {}
        for ending in self.of_kind("post_end"):
            named = named_by_reference(ending.get("appointment_reference"), appointments, _reference_of)
            if len(named) == 1:  # (none, or several alike: the ledger refuses such an end)
                ends[named[0].version] = ending.effective_date
        spells = []
        for i, fact in enumerate(appointments):
            end = ends.get(fact.version)
            if fact.get("assignment") == "DEFINITIVE":
                later = [
                    f.effective_date
                    for f in appointments[i + 1 :]
                    if f.get("assignment") == "DEFINITIVE" and f.effective_date > fact.effective_date
                ]
                if later:
                    end = min([later[0], end] if end else [later[0]])
            if end is None and self.separated_on is not None:
                end = self.separated_on
            spells.append(
                PostSpell(
                    fact, fact.get("post_kind"), fact.get("level"), fact.get("assignment"), fact.effective_date, end
                )
            )
        return spells

    def definitive_post_on(self, day: date) -> PostSpell | None:
        """The last of the definitive posts held on `day` (`PostSpell.held_on`), if any."""
        found = None
        for spell in self._definitive_posts:
            if spell.start <= day and (spell.end is None or day < spell.end):
                found = spell
        return found

    @cached_property
    def _definitive_posts(self) -> list[PostSpell]:
        """The definitive posts of `posts`, in its order (`definitive_post_on`: some 6 reads per record)."""
        return [s for s in self.posts if s.assignment == "DEFINITIVE"]

    # ------------------------------------------------------------------ mentoring

    def mentoring_spells(self) -> list[tuple[str, date, date | None, Fact]]:
        """(mentor NIP, start, end or None, start fact) of each mentoring received."""
        spells: list[tuple[str, date, date | None, Fact]] = []
        for fact in self.of_kind("mentoring_start", "mentoring_end"):
            mentor = fact.get("mentor_nip")
            if fact.kind == "mentoring_start":
                spells.append((mentor, fact.effective_date, None, fact))
            else:
                for i in range(len(spells) - 1, -1, -1):
                    if spells[i][0] == mentor and spells[i][2] is None:
                        spells[i] = (mentor, spells[i][1], fact.effective_date, spells[i][3])
                        break
        return spells


_AMENDING = ("correction", "retraction")
_NONE: list[Fact] = []  # the facts of a kind a record has none of (`kind_facts`: not to be changed)
_VERSION = operator.attrgetter("version")


# A fact's order (effective date, version) and effective date, read in C (the sorts and bisections of
# a record ask them some 160 times per employee each)
_order = operator.attrgetter("effective_date", "entry.version")
_effective = operator.attrgetter("effective_date")
_changed = operator.attrgetter("last_recorded_at")
_recorded = operator.attrgetter("entry.recorded_at")
_corrections = operator.attrgetter("corrections")


def _confirmations(fact: Fact) -> Iterator[tuple[int, Collection[str]]]:
    """The version and checks confirmed of each of a fact's events: its recording, its corrections."""
    for entry in (fact.entry, *fact.corrections):
        yield entry.version, entry.confirmed


def _reference_of(fact: Fact) -> Any:
    return fact.values.get("reference")


def _place(fact: Fact) -> tuple[Any, Any, Any]:
    """(agency, unit, region) of an appointment or placement."""
    get = fact.values.get
    return get("agency"), get("unit"), get("region")


@functools.lru_cache(maxsize=64)
def predicate_score(ref: Reference, predicate: str) -> int:
    """`Reference.predicate_score`, cached per reference object."""
    return ref.predicate_score(predicate)


@functools.lru_cache(maxsize=8)
def separation_statuses(ref: Reference) -> frozenset[str]:
    """The statuses that end employment, once per reference object."""
    return frozenset(ref.separation_statuses())


@functools.lru_cache(maxsize=256)
def education_order(ref: Reference, level: str) -> int:
    """The order of an education level (higher is more), cached per reference object."""
    return int(ref.education[level]["order"])


COUNTED_ONCE_RULE = "training.counted_once"  # [M] a training recorded twice counts its JP once
DUPLICATE_CONFIRMED = "training.duplicate"  # the check a writer confirmed recording a training attended again


class Recorded(NamedTuple):
    """A training as rule training.counted_once compares it: its version, last day (a date, or its ISO text as a
    timeline item holds it), current values and the versions of its events (its recording, its corrections) whose
    writer confirmed it attended again (training.duplicate: `duplicate_confirmed`)."""

    version: int
    last_day: date | str
    values: Mapping[str, Any]
    confirmed: Collection[int]


def duplicate_confirmed(events: Iterable[tuple[int, Collection[str]]]) -> tuple[int, ...]:
    """The versions of a training's events (version, checks confirmed: its recording and its corrections) that
    confirmed it attended again (training.duplicate): a correction making it one the record seems to hold already
    stores the confirmation on the correction's event (careerlog.application.corrected_training), not its own."""
    return tuple(version for version, checks in events if DUPLICATE_CONFIRMED in checks)


def may_repeat(last_days: Sequence[date | str], book: Rules | None = None) -> bool:
    """Whether any of an employee's trainings, of these last days, may repeat another by rule training.counted_once
    (`repeated_trainings`): not when no version of the rule is in the file, nor when no two end on one day (nearly
    every record: then none is looked at)."""
    if len(last_days) < 2 or len(set(last_days)) == len(last_days):
        return False
    return bool((rules() if book is None else book).versions(COUNTED_ONCE_RULE))


def repeated_trainings(trainings: Iterable[Recorded], book: Rules | None = None) -> dict[int, int]:
    """The probable duplicates among an employee's trainings (none retracted), by version, each with the version of the
    training it repeats (rule training.counted_once, M: the reference does not say when two records are one
    training): a training that is one recorded before it (a lower version) as rule training.duplicate reads two
    trainings (careerlog.domain.employee.one_training: what a writer recording or correcting it was asked about, and
    could confirm), unless the writer confirmed the two as attended twice: on an event of the later one (its
    recording, a correction of it), or on a correction of the earlier one recorded after the later one was (one
    corrected into a duplicate of it); judged by the version of the rule in force on its last day, none in force
    none. Its JP count once: the training view's JP sums count it as 0 JP (`counted_hours`: the yearly JP, the
    compliance report, the scorecard), and so do the audit's promotion.training and eligibility; the career page
    flags it, and the timeline names the training it repeats (`counted_once_with`). The one definition: each reader
    (a record's facts, a timeline's items) asks it."""
    book = rules() if book is None else book
    trainings = list(trainings)
    last_days = [t.last_day for t in trainings]
    if not may_repeat(last_days, book):
        return {}
    shared = {day for day, n in Counter(last_days).items() if n > 1}  # (only trainings ending on one day may repeat)
    trainings = [t for t in trainings if t.last_day in shared]
    versions = book.versions(COUNTED_ONCE_RULE)
    always = versions[0] if len(versions) == 1 and versions[0].valid_to is None else None  # (nearly always: one)
    earlier: dict[tuple[Any, ...], list[Recorded]] = {}
    found: dict[int, int] = {}
    for training in sorted(trainings, key=operator.itemgetter(0)):  # (by version)
        last = training.last_day
        day = last if isinstance(last, date) else date.fromisoformat(last)
        if (always is None or day < always.valid_from) and not any(r.in_force_on(day) for r in versions):
            continue
        values = training.values
        alike = earlier.setdefault((last, values.get("start_date"), values.get("hours")), [])
        if not training.confirmed:
            repeated = next(
                (
                    e.version
                    for e in alike
                    if all(v < training.version for v in e.confirmed) and one_training(values, e.values) is not None
                ),
                None,
            )
            if repeated is not None:
                found[training.version] = repeated
        alike.append(training)
    return found


def pns_from(confirmed: date | None) -> date | None:
    """The day an employee on the PNS track is a PNS, no longer a CPNS: their confirmation's effective date; None
    with none recorded: becoming PNS at the end of the probation year needs Latsar and a decree (the reference, 4),
    so a record without a confirmation is read as a CPNS's, however long ago the appointment, as the merit audit's
    promotion.no_probation reads it. The 20 JP a year is a PNS's (PP 11/2017 art. 203(4)): the training answers
    (`jp_by_year`), the compliance report and the scorecard read it (through the spells' `pns_from`) alike; the
    study-leave audit reads the years as PNS from it."""
    return confirmed


def confirmation_due(appointed: date, book: Rules | None = None) -> date:
    """The day a CPNS's confirmation as PNS is due: the end of the probation year after the appointment, by rule
    confirmation.probation in force on its TMT (`book`, by default the configured rules; careerlog.probation: the
    earliest day a confirmation is recorded for), shown to a CPNS whose confirmation is not recorded, so that the
    employee and HR see what to record."""
    return probation_end(rules() if book is None else book, appointed)

"""Where an employee works now, and imports limited to an account's scope.

Scope is judged on the ledger itself (never on a view that may lag): an employee is in
an account's scope when the agency and region they work in now are. A record outside
the scope answers exactly as a record that does not exist, in the API and in an import's
per-row report alike.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventsourcing.utils import get_topic

from careerlog.access import (
    CHANGES_OUTSIDE,
    MENTOR_OUTSIDE,
    OUTSIDE,
    PLACES_OUTSIDE,
    Action,
    OutsideScope,
    Principal,
    Target,
    permits,
)
from careerlog.application import APPOINTED, MIRRORS, NOT_APPOINTED, CareerLog, UnitOfWork
from careerlog.domain.errors import AlreadyAppointed, IdempotencyConflict, InvalidInput, NotFound
from careerlog.domain.events import BY_KIND, CLASSES_OF_KIND, LedgerEvent
from careerlog.domain.ledger import Fact, LedgerAggregate
from careerlog.domain.nip import eighteen_digits, normalise_nip
from careerlog.domain.payload import parse_payload
from careerlog.domain.wording import Reason, Refusal, reason_of
from careerlog.importing import RowProblem, command_typed, file_worded, row_to_command, subject_shown, typed
from careerlog.reference import reference
from careerlog.sqlstore import SqlStore, events_statement
from projections.career import CareerRecord, Entry

Rows = Iterable[tuple[int, dict[str, Any] | InvalidInput, int]]


# An address's NIP that is none (a name typed in its place: /api/v1/employees/Abdul%20Rahman%20Harahap): until
# 2026-12-05 "No employee with NIP AbdulRahmanHarahap has been appointed.", the name squashed as a NIP's separators are
NOT_A_NIP = Refusal("'{nip}' is not a NIP: a NIP is 18 digits.", quotes=("nip",))


# A record a reader cannot find: never appointed, or outside the reader's scope (another employee's, to an employee),
# in one wording that tells neither apart (docs/security.md: the 404 must not reveal that a record exists). Until
# 2026-12-06 it said "No employee with NIP ... has been appointed.", untrue of a record out of the reader's scope.
NOT_IN_RECORDS = Refusal("No employee with NIP {nip} is in the records you can read.", quotes=("nip",))


def missing(nip: str) -> NotFound:
    """The answer for a NIP that is not there, or not there for this account, alike (NOT_IN_RECORDS); for one that
    is no NIP (not 18 digits, its separators left out), saying so, as typed."""
    if not eighteen_digits(normalise_nip(nip)):
        return NotFound(NOT_A_NIP.reason(nip=nip.strip()))
    return NotFound(NOT_IN_RECORDS.reason(nip=normalise_nip(nip)))


# A NIP the record form or a scoped import cannot find in the writer's scope, in the same words whether it was never
# appointed or is another agency's (an HR administrator who has just transferred it out was told "no employee ...
# has been appointed")
NOT_IN_SCOPE = Refusal(
    "No employee with NIP {nip} is in your scope's records: none was appointed in it, or the record has been moved "
    "out of it (a national administrator reaches every record).",
    quotes=("nip",),
)


def missing_to(account: Principal, action: Action, nip: str) -> NotFound:
    """The answer for a NIP that is not there for this account: to a writer not national recording in it (the API's
    recordings, as the record form and a scoped import say it: in_scope_words), not in the writer's scope's records
    (NOT_IN_SCOPE), in the same words whether it was never appointed or is another agency's; else `missing`. Until
    2026-12-05 the API answered such a writer "No employee ... has been appointed" where the form and the import
    said NOT_IN_SCOPE."""
    if action is Action.RECORD and eighteen_digits(normalise_nip(nip)):
        # (a national administrator, who reaches every record, is told it was never appointed)
        refusal = NOT_APPOINTED if account.scope.national else NOT_IN_SCOPE
        return NotFound(refusal.reason(nip=normalise_nip(nip)))
    return missing(nip)


def said_in_scope(account: Principal, error: InvalidInput) -> None:
    """`error`'s reasons as in_scope_words says them, in place (a mentor never appointed, or outside the scope,
    which the write's ScopeGuard refuses as one never appointed: as the record form and a scoped import say it)."""
    error.errors = in_scope_words(account, error.errors)
    error.args = (error.describe(),)


# What says where someone works: read only these events of a record on every request.
PLACING_KINDS = ("appointment", "placement", "correction", "retraction")
# Their classes, and their topics as CareerLog.events_of names them (named once, not on every request).
PLACING_CLASSES = tuple(cls for kind in PLACING_KINDS for cls in CLASSES_OF_KIND[kind])  # (an appointment afresh too)
PLACING_TOPICS = tuple(get_topic(cls) for cls in PLACING_CLASSES)


def placing_read(ledger: CareerLog, nip: str) -> tuple[str, list[Any]] | None:
    """The read `locate` makes of the ledger (read ahead by the fast reads), or None when it makes none:
    the events of those kinds, as CareerLog.get_events(subject, PLACING_KINDS) reads them."""
    subject = normalise_nip(nip)
    if len(subject) != 18 or not subject.isdigit():
        return None
    return events_statement(ledger.recorder.events_table_name, [subject], topics=PLACING_TOPICS)  # type: ignore[attr-defined]


def locate(ledger: CareerLog, nip: str) -> Target | None:
    """The employee's NIP and where they work now, or None if never appointed."""
    read = placing_read(ledger, nip)
    if read is None:
        return None
    subject = read[1][0]
    rows = SqlStore(ledger.recorder.datastore).query(*read)  # type: ignore[attr-defined]
    return placed(subject, [ledger.decode(row) for row in rows])


@dataclass(frozen=True)
class VoidedPart:
    """The entries of a record's history that belong to a record voided (its appointment retracted, as one made under
    a wrong NIP): those after the void before it (or from version 1) up to and including its void. They are read by
    an account whose scope covered the voided record, placed where its voided appointment placed the employee, as a
    voided record is (`place`, naming no NIP: the NIP's owner, an employee reading their own record, is not the
    person it was wrongly made for), or a national one; never by the scope the record appointed afresh is in."""

    first: int
    void: Entry  # (the retraction that voided it: its last entry)
    place: Target

    @property
    def last(self) -> int:
        return self.void.version


@dataclass(frozen=True)
class VoidedInPart(Target):
    """A record with voided parts (`voided_parts`, oldest first: CareerRecord.since_void reads it from the last on)."""

    voided_parts: tuple[VoidedPart, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class VoidedTarget(VoidedInPart):
    """A voided record (its appointment retracted: CareerRecord.voided), placed where its appointment placed the
    employee, with the retraction that voided it: in no view, its history still read within the scope."""

    voided: Entry | None = field(default=None, compare=False)  # (not hashed: an entry holds a dict)


@dataclass(frozen=True)
class AppointedAfresh(VoidedInPart):
    """A record appointed afresh after its last void (AppointedAgain), placed where the fresh record places the
    employee now; its entries up to the last void are its voided parts'."""


@dataclass(frozen=True)
class HistoryPart:
    """A part of a record's history (versions `first` to `last`, None: to its end) and where it is judged to be."""

    first: int
    last: int | None
    place: Target
    void: Entry | None  # (a voided record's part: its void; the record's current part: none)

    def holds(self, version: int) -> bool:
        return self.first <= version and (self.last is None or version <= self.last)


def history_parts(target: Target) -> list[HistoryPart]:
    """The parts of a record's history, each read within its own scope: its voided parts, each where its voided
    appointment placed the employee, and the entries after its last void (the whole history of a record never
    voided) where the record places the employee now."""
    voided = target.voided_parts if isinstance(target, VoidedInPart) else ()
    parts = [HistoryPart(p.first, p.last, p.place, p.void) for p in voided]
    if not isinstance(target, VoidedTarget):
        parts.append(HistoryPart(voided[-1].last + 1 if voided else 1, None, target, None))
    return parts


def voided_parts(record: CareerRecord) -> tuple[VoidedPart, ...]:
    """The record's voided parts, oldest first: one for each retracted appointment (only a void retracts one)."""
    parts: list[VoidedPart] = []
    for fact in record.facts.values():  # (in order of version)
        if fact.kind == "appointment" and fact.retraction is not None:
            first = parts[-1].last + 1 if parts else 1
            place = Target(None, fact.values.get("agency"), fact.values.get("region"))
            parts.append(VoidedPart(first, fact.retraction, place))
    return tuple(parts)


def unit_target(agency: str) -> Target:
    """A unit of an agency as an access check sees it: the agency, where its seat is, as the grade-inflation audit
    judged a unit until 2026-12-06 (an account scoped by region reaches the units of the agencies seated there; an
    agency no table holds as written, by its code alone). Its ratings written (web.services.unit_within) and imported
    (ScopedRows) alike; read so, or where any of the unit's staff is placed (web.services.unit_readable)."""
    agencies = reference().agencies
    return Target(None, agency, agencies[agency].get("region") if agency in agencies.rows else None)


def placed(subject: str, events: Iterable[LedgerEvent]) -> Target | None:
    """Where the record's placing events (PLACING_KINDS, in order; the others are passed over) say the employee
    works now, or None if never appointed."""
    record = CareerRecord.from_events(subject, [e for e in events if isinstance(e, PLACING_CLASSES)])
    void = record.void if record.voided else None
    if void is not None:  # (its appointment retracted: where it placed the employee, so its history is still read)
        voided = record.facts[void.values["target_version"]]
        agency, region = voided.values.get("agency"), voided.values.get("region")
        return VoidedTarget(subject, agency, region, voided_parts(record), void)
    if record.appointment is None:
        return None
    current = record.since_void()  # (a record appointed afresh: the fresh record's placements, not the voided's)
    agency, _, region = current.placement_on(date.max) or (None, None, None)
    if current is not record:
        return AppointedAfresh(subject, agency, region, voided_parts(record))
    return Target(subject, agency, region)


@dataclass
class Placing:
    """A record's placing events as far as a version of one loaded aggregate, and where they place the employee."""

    record: weakref.ref[LedgerAggregate]
    version: int
    events: list[LedgerEvent]
    place: Target | None


@dataclass
class ScopeGuard:
    """An account's scope checked inside the ledger's write (careerlog.application.Guard), on each record the
    recording writes as the write loaded it: the events are appended after the version checked, so a placement
    recorded meanwhile makes the save fail and the recording is checked again on the record as placed now.

    The recorded employee outside the scope is not found (as everywhere); so is a mentor outside it that the
    recording names (`mentor_nip`: refused as a mentor never appointed is, at the same point of the write, so
    that the answer tells neither apart); the mentor of a fact the recording retracts, which the record already
    names, is refused naming `target_version` (as refuse_others_outside, before the write). The ledger does not ask
    the guard of the mentor of a mentoring the record holds that the recording ends or corrects (the mentee's
    writer's, whatever the mentor's scope now: careerlog.application.names_mentor).
    One guard serves a request or an import: where each loaded record places its employee is kept and taken
    further by the events added since (an import's rows of one record do not read its whole record again)."""

    principal: Principal
    action: Action
    known: dict[str, Placing] = field(default_factory=dict)

    def __call__(self, record: LedgerAggregate, name: str) -> None:
        place = self.place_of(record)
        if place is None or permits(self.principal, self.action, place):
            return
        if name == "nip":
            raise missing(record.id)
        if name == "mentor_nip":  # (careerlog.application refuses a mentor never appointed so, just before)
            raise InvalidInput(NOT_APPOINTED.reason(nip=record.id), name)
        raise InvalidInput(MENTOR_OUTSIDE.reason(nip=record.id, scope=self.principal.scope.describe()), name)

    def change(self, record: LedgerAggregate, kind: str, values: Mapping[str, Any]) -> None:
        """A recording in the record (already found within the scope) that would change where the employee
        works or worked is refused naming its field, unless every day it changes is within the scope before and
        after it, or it is a transfer out: a new placement after every other (the releasing agency's)."""
        refuse_moves_outside(self.principal, self.action, record, kind, values)

    def leaves(self, record: LedgerAggregate, kind: str, values: Mapping[str, Any]) -> tuple[str, str, str] | None:
        """A placement `change` let through as a transfer out (dated on or after every other placing fact) to a
        place outside the scope: the field at fault (agency, or region when the scope holds the agency), the agency
        and the scope described, for the ledger to refuse unless confirmed (application.LEAVES_UNCONFIRMED); None
        for any other recording, a place within the scope, and a national account's (which reaches every place)."""
        if kind != "placement":
            return None
        target = Target(record.id, values.get("agency"), values.get("region"))
        if permits(self.principal, self.action, target):
            return None
        scope = self.principal.scope
        named = "agency" if not scope.agencies or target.agency not in scope.agencies else "region"
        return named, str(target.agency), scope.describe()

    def appointment(self, subject: str, values: Mapping[str, Any]) -> None:
        """An appointment placing the employee outside the scope is refused naming the field, as an import's row
        (ScopedRows) and the API (Services.appoint) refuse it before the write: here on its agency and region as the
        ledger read them, whatever spelling the checks before it were given."""
        target = Target(subject, values.get("agency"), values.get("region"))
        refuse_placed_outside(self.principal, self.action, target, OUTSIDE)

    def place_of(self, record: LedgerAggregate) -> Target | None:
        """placed(record.id, record.events.values()), from what was known of the same aggregate before."""
        known = self.known.get(record.id)
        version = record.version
        if known is None or known.record() is not record or known.version > version:
            events = [e for e in record.events.values() if isinstance(e, PLACING_CLASSES)]
            known = self.known[record.id] = Placing(weakref.ref(record), version, events, placed(record.id, events))
        elif known.version < version:
            got = record.events.get
            added = [e for e in map(got, range(known.version + 1, version + 1)) if isinstance(e, PLACING_CLASSES)]
            if added:
                known.events += added
                known.place = placed(record.id, known.events)
            known.version = version
        return known.place


# The facts that say where an employee works, and what of them does (a day's place: agency, unit, region).
PLACING_FACTS = ("appointment", "placement")
PLACE_FIELDS = ("agency", "unit", "region")
Place = tuple[Any, Any, Any]
Placings = list[tuple[date, int, Place]]


def placings(facts: Iterable[Fact]) -> Placings:
    """(effective date, version, place) of the active appointment and placements, in the order they hold
    (as projections.career.CareerRecord.placement_on reads them: by date, then version)."""
    found = [
        (fact.values["effective_date"], fact.version, place_in(fact.values))
        for fact in facts
        if fact.kind in PLACING_FACTS and fact.active
    ]
    return sorted(found, key=lambda p: (p[0], p[1]))


def place_in(values: Mapping[str, Any]) -> Place:
    """The place (PLACE_FIELDS: agency, unit, region) a placing fact's values name, None for one not named."""
    agency, unit, region = (values.get(n) for n in PLACE_FIELDS)
    return agency, unit, region


def place_on(history: Placings, day: date) -> Place | None:
    """Where the history places the employee on a day (before its first date: where it starts)."""
    found = None
    for start, _, place in history:
        if start > day and found is not None:
            break
        found = place
    return found


def changed_days(before: Placings, after: Placings) -> Iterator[tuple[date, Place | None, Place | None]]:
    """(first day, place before, place after) of each stretch of days on which the two histories differ; the days
    before either history's first date are named from the earlier first date (the appointment's TMT, as corrected)."""
    days = sorted({date.min, *(p[0] for p in before), *(p[0] for p in after)})
    first = min(p[0] for p in (*before[:1], *after[:1])) if before or after else date.min
    for day in days:
        was, now = place_on(before, day), place_on(after, day)
        if was != now:
            yield max(day, first), was, now


def refuse_moves_outside(
    principal: Principal, action: Action, record: LedgerAggregate, kind: str, values: Mapping[str, Any]
) -> None:
    """OutsideScope naming the field when a placement, or a correction or retraction of a placing fact, would
    place the employee outside the principal's scope on a day, or change where they worked on a day they worked
    outside it. A transfer out, a new placement dated on or after every other (the employee works within the
    scope until it: the releasing agency's), is not. Anything the ledger refuses anyway (an unknown version, a
    field it cannot read) is left to it."""
    if kind not in ("placement", "correction", "retraction"):
        return
    facts: dict[int, Fact] = getattr(record, "facts", {})
    before = placings(facts.values())
    if not before:
        return
    changes = _placing_changes(facts, kind, values)
    if changes is None:
        return
    if kind == "placement":
        new = (values["effective_date"], 1 << 62, tuple(values.get(n) for n in PLACE_FIELDS))
        if new[0] >= before[-1][0]:
            return  # a transfer out (or a move within the scope): the releasing agency's
        after = sorted([*before, new], key=lambda p: (p[0], p[1]))
    else:
        target = facts[values["target_version"]]
        kept = [f for f in facts.values() if f.version != target.version]
        if kind == "correction":
            kept.append(Fact(target.version, target.kind, {**target.values, **changes}, target.recorded_on))
        after = placings(kept)
    scope = principal.scope
    for day, was, now in changed_days(before, after):
        for place, refusal in ((now, PLACES_OUTSIDE), (was, CHANGES_OUTSIDE)):
            if place is not None and not permits(principal, action, Target(record.id, place[0], place[2])):
                agency, region = place[0], place[2]
                reason = refusal.reason(nip=record.id, agency=agency, region=region, scope=scope.describe(), day=day)
                by_agency = not scope.agencies or place[0] not in scope.agencies
                raise OutsideScope(reason, _named(kind, changes, refusal is PLACES_OUTSIDE, by_agency))


def _placing_changes(facts: Mapping[int, Fact], kind: str, values: Mapping[str, Any]) -> dict[str, Any] | None:
    """What the recording changes of a placing fact: a placement's or a correction's fields (typed), a
    retraction's none; None when it changes no placing fact (or names one the ledger refuses)."""
    if kind == "placement":
        return dict(values)
    target = facts.get(values.get("target_version"))  # type: ignore[arg-type]
    if target is None or target.kind not in PLACING_FACTS or not target.active:
        return None
    if kind == "retraction":
        return {}
    try:
        changes = parse_payload(target.event_class, values.get("corrected_fields") or {}, partial=True)
    except InvalidInput:
        return None
    return changes if any(n in changes for n in (*PLACE_FIELDS, "effective_date")) else None


def _named(kind: str, changes: Mapping[str, Any], places_outside: bool, by_agency: bool) -> str:
    """The field a refusal names: a retraction's target_version; else, of the fields the recording gives, the
    place's field at fault (agency, or region when the agency is within the scope) where it places the employee
    outside, else its date; failing those, the first it gives of the others."""
    if kind == "retraction":
        return "target_version"
    place = ("agency", "region") if by_agency else ("region", "agency")
    order = (*place, "effective_date", "unit") if places_outside else ("effective_date", *place, "unit")
    prefix = "" if kind == "placement" else "corrected_fields."
    return prefix + next((name for name in order if name in changes), "effective_date")


# The kinds whose recording writes the mentor's record too (MenteeAssigned, MenteeReleased), and those of the
# facts whose retraction retracts the mentor's side with them.
MIRRORED_KINDS = tuple(cls.KIND for cls in MIRRORS)


def others_written(ledger: CareerLog, subject: str, kind: Any, payload: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The other records a recording in the subject's record writes: (the field naming it, its NIP) each."""
    if kind in MIRRORED_KINDS:
        mentor = payload.get("mentor_nip")
        return [("mentor_nip", normalise_nip(mentor))] if isinstance(mentor, str) else []
    if kind != "retraction":
        return []
    try:  # read as the ledger reads it (int() also reads other scripts' digits, '1_0' and True)
        read = parse_payload(BY_KIND["retraction"], {"target_version": payload.get("target_version")}, partial=True)
    except InvalidInput:
        return []  # refused by the ledger, naming target_version
    version = read.get("target_version")
    for event in ledger.get_events(subject, MIRRORED_KINDS):
        if event.originator_version == version:
            session_mentor: str = event.mentor_nip  # type: ignore[attr-defined]
            return [("target_version", normalise_nip(session_mentor))]
    return []


def corrected_session_mentor(ledger: CareerLog, subject: str, payload: Mapping[str, Any]) -> str | None:
    """The mentor a correction of a mentoring session names (its corrected mentor, else the session's), whose
    separation the ledger judged it by; None when it corrects no session."""
    try:
        read = parse_payload(BY_KIND["retraction"], {"target_version": payload.get("target_version")}, partial=True)
        version = read.get("target_version")
        fact = ledger.get_employee(subject).facts.get(version) if isinstance(version, int) else None
    except (InvalidInput, NotFound):
        return None
    if fact is None or fact.kind != "mentoring_session":
        return None
    changes = payload.get("corrected_fields")
    given = changes.get("mentor_nip") if isinstance(changes, Mapping) else None
    mentor = given if isinstance(given, str) else fact.values.get("mentor_nip")
    return normalise_nip(mentor) if isinstance(mentor, str) else None


def mentors_judged(ledger: CareerLog, subject: str, kind: Any, payload: Mapping[str, Any], errors: Any) -> list[str]:
    """The mentor's NIP when a recording in the subject's record was refused by the mentor's side (a reason named
    `mentor_nip (<field>)`, careerlog.application: it may quote the mentor's record), else none."""
    if not any(str(name).startswith("mentor_nip (") for name in errors or ()):
        return []
    if kind == "mentoring_session":  # (it writes the mentee's record alone, but is judged by the mentor's separation)
        mentor = payload.get("mentor_nip")
        return [normalise_nip(mentor)] if isinstance(mentor, str) else []
    if kind == "correction" and (session := corrected_session_mentor(ledger, subject, payload)) is not None:
        return [session]
    if kind == "correction":  # (a correction of a mentoring writes its mentor's side as its retraction would)
        kind, payload = "retraction", {"target_version": payload.get("target_version")}
    return [nip for _, nip in others_written(ledger, subject, kind, payload)]


def refuse_others_outside(
    ledger: CareerLog,
    principal: Principal,
    action: Action,
    subject: str,
    kind: Any,
    payload: Mapping[str, Any],
    places: dict[str, Target | None] | None = None,
) -> None:
    """InvalidInput naming the field when the recording would also write a record (the mentor's) outside the
    principal's scope, for a fact it retracts or corrects (`target_version`: the record names that mentor
    already); a record never appointed is left for the ledger to refuse, and so is a mentor the recording names
    (`mentor_nip`), whom the write's ScopeGuard refuses as one never appointed, with the ledger's other reasons:
    refused here, its answer told an HR office which NIPs are appointed outside its scope. `places`: where
    records work, as already known (an import's earlier rows), and kept."""
    known = {} if places is None else places
    for name, nip in others_written(ledger, subject, kind, payload):
        if name == "mentor_nip":
            continue
        if nip not in known:
            known[nip] = locate(ledger, nip)
        place = known[nip]
        if place is not None and not permits(principal, action, place):
            raise InvalidInput(MENTOR_OUTSIDE.reason(nip=nip, scope=principal.scope.describe()), name)


def refuse_appointed_outside(ledger: CareerLog, principal: Principal, action: Action, nip: str) -> None:
    """AlreadyAppointed (an IdempotencyConflict), "already appointed", for an appointment of a NIP whose record
    works outside the principal's scope, whatever its values: all the writer must be told (a NIP is never
    reused), and nothing of the record. The ledger would compare it with the record's own appointment, answering
    the same values as already recorded and other values under its reference with each field that differs: a
    test of guessed personal data of a record the writer may not read."""
    place = locate(ledger, nip)
    if isinstance(place, VoidedTarget):
        return  # (a voided record: its NIP appointed afresh within the scope, as a NIP never appointed is)
    if place is not None and not permits(principal, action, place):
        raise AlreadyAppointed(APPOINTED.reason(nip=normalise_nip(nip)))


class HidingUnitOfWork(UnitOfWork):
    """A unit of work in which some records do not exist (those outside a scope)."""

    def __init__(self, app: CareerLog, hidden: str):
        super().__init__(app)
        self.hidden = hidden

    def get(self, subject: str) -> LedgerAggregate | None:
        return None if subject == self.hidden else super().get(subject)


@dataclass
class ScopedRows:
    """Import rows as an account may record them: the others rejected as a missing record would be.

    Appointments and unit ratings are judged by the agency (and region) they name, other
    rows by where the employee works now, as the ledger and the file's earlier rows say.
    """

    ledger: CareerLog
    principal: Principal
    actor: str
    rejected: dict[int, RowProblem] = field(default_factory=dict)
    places: dict[str, Target | None] = field(default_factory=dict)
    # records a placement row of the file names a place outside the scope for: a transfer out (the latest
    # placement) or not (refused), which only the write knows: their later rows are left to its ScopeGuard
    left: set[str] = field(default_factory=set)
    # records an appointment row of the file placed within the scope (its NIP judged on that row): not the records
    # an earlier row of another kind looked up (`places`), whose appointment row is judged against the ledger still
    appointing: set[str] = field(default_factory=set)

    def filter(self, rows: Rows) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
        for line, row, size in rows:
            problem = None if isinstance(row, InvalidInput) else self.judge(line, row)
            if problem is None:
                yield line, row, size
            else:
                self.rejected[line] = problem
                yield line, InvalidInput(problem.errors), size

    def restore(self, problems: list[RowProblem]) -> list[RowProblem]:
        """The report's problems with the rows rejected here as they would have been reported."""
        return [self.rejected.get(p.line, p) for p in problems]

    def judge(self, line: int, row: dict[str, Any]) -> RowProblem | None:
        kind = row.get("kind")
        if "nip" not in row:
            agency = _code("agencies", row.get("agency"))
            if agency is None or permits(self.principal, Action.IMPORT, unit_target(agency)):
                return None  # a row naming no known agency is refused by the import itself
            return RowProblem(line, None, _text(kind), outside("agency", self.principal))
        nip = normalise_nip(row["nip"])
        if nip in self.left:
            return None  # (ScopeGuard, on the record as the file's earlier rows left it)
        if kind == "appointment":
            target = Target(nip, _code("agencies", row.get("agency")), _code("regions", row.get("region")))
            if target.agency is None or target.region is None:
                return None  # refused by the import itself, with the field at fault
            if not permits(self.principal, Action.IMPORT, target):
                return RowProblem(line, nip, kind, outside("agency", self.principal))
            if nip not in self.appointing:  # (a record of another scope: already appointed, and nothing of it)
                try:
                    refuse_appointed_outside(self.ledger, self.principal, Action.IMPORT, nip)
                except IdempotencyConflict as e:
                    errors = {"nip": [reason_of(e)]}
                    return RowProblem(line, nip, kind, errors, typed(errors, row))
            self.places[nip] = target
            self.appointing.add(nip)
            return None
        if nip not in self.places:
            self.places[nip] = locate(self.ledger, nip)
        place = self.places[nip]
        if place is not None and permits(self.principal, Action.IMPORT, place):
            try:
                refuse_others_outside(self.ledger, self.principal, Action.IMPORT, nip, kind, row, self.places)
            except InvalidInput as e:
                return RowProblem(line, nip, _text(kind), e.errors, typed(e.errors, row))
            if kind == "placement":
                moved = Target(nip, _code("agencies", row.get("agency")), _code("regions", row.get("region")))
                if not permits(self.principal, Action.IMPORT, moved):
                    self.left.add(nip)  # a transfer out, or refused: the write's guard judges the record's rows
                self.places[nip] = moved
            return None
        return self.as_if_missing(line, row)

    def as_if_missing(self, line: int, row: dict[str, Any]) -> RowProblem:
        """The problem the import reports for this row if its record did not exist."""
        try:
            command = row_to_command(line, row, migration=False)
        except InvalidInput as e:
            nip = row.get("nip")
            subject = None if nip is None else str(nip)
            return RowProblem(line, subject, _text(row.get("kind")), e.errors, typed(e.errors, row))
        try:
            self.ledger.execute(HidingUnitOfWork(self.ledger, command.subject), command, self.actor)
        except InvalidInput as e:
            errors = file_worded(command, e.errors)  # (as a row of a record the ledger refuses is told: 31/09/2026)
            shown = subject_shown(command, errors)  # ("Agus Salim" as typed, not "AgusSalim")
            return RowProblem(line, shown, command.kind, errors, command_typed(errors, command))
        except (NotFound, IdempotencyConflict) as e:
            errors = {"nip": [reason_of(e)]}
            return RowProblem(
                line, subject_shown(command, errors), command.kind, errors, command_typed(["nip"], command)
            )
        raise AssertionError("a record that does not exist accepted a recording")  # pragma: no cover


def outside(name: str, principal: Principal) -> dict[str, list[str]]:
    return {name: [OUTSIDE.reason(scope=principal.scope.describe())]}


def refuse_placed_outside(principal: Principal, action: Action, target: Target, refusal: Refusal) -> None:
    """An appointment placing the employee at `target` outside the principal's scope is refused (OutsideScope, with
    `refusal` naming the scope) beside its agency, or beside its region when the scope holds that agency."""
    if permits(principal, action, target):
        return
    scope = principal.scope
    named = "agency" if not scope.agencies or target.agency not in scope.agencies else "region"
    raise OutsideScope(refusal.reason(scope=scope.describe()), named)


def _code(table: str, value: Any) -> str | None:
    """The code a row's cell reads as, as the ledger reads it (careerlog.domain.payload: the spaces around it
    trimmed, then the table's spelling), None when it reads as none (the import refuses the row naming it). Read as
    written, " KAB-KARO" was no agency here, and recorded as KAB-KARO past the scope (until 2026-12-05)."""
    codes = reference().table(table)
    text = value.strip() if isinstance(value, str) else None
    return codes.normalise(text) if text is not None and text in codes else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def in_scope_words(account: Principal, errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The refusals (the record form's, a scoped import row's) with "no employee with NIP ... has been appointed"
    said as not in the writer's scope's records, to an account not national (NOT_IN_SCOPE): the same words for a NIP
    of another agency and one never appointed, so that they tell nothing of the other agency's records."""
    if account.scope.national:
        return errors
    return {
        name: [
            NOT_IN_SCOPE.reason(**dict(r.params)) if type(r) is Reason and r.refusal is NOT_APPOINTED else r
            for r in found
        ]
        for name, found in errors.items()
    }

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

from careerlog.access import MENTOR_OUTSIDE, OUTSIDE, Action, Principal, Target, permits
from careerlog.application import MIRRORS, NOT_APPOINTED, CareerLog, UnitOfWork
from careerlog.domain.errors import IdempotencyConflict, InvalidInput, NotFound
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.domain.ledger import LedgerAggregate
from careerlog.domain.nip import normalise_nip
from careerlog.domain.wording import reason_of
from careerlog.importing import RowProblem, command_typed, row_to_command, typed
from careerlog.reference import reference
from careerlog.sqlstore import SqlStore, events_statement
from projections.career import CareerRecord

Rows = Iterable[tuple[int, dict[str, Any] | InvalidInput, int]]


def missing(nip: str) -> NotFound:
    """The answer for a NIP that is not there, or not there for this account."""
    return NotFound(NOT_APPOINTED.reason(nip=normalise_nip(nip)))


# What says where someone works: read only these events of a record on every request.
PLACING_KINDS = ("appointment", "placement", "correction", "retraction")
# Their classes, and their topics as CareerLog.events_of names them (named once, not on every request).
PLACING_CLASSES = tuple(BY_KIND[kind] for kind in PLACING_KINDS)
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


def placed(subject: str, events: Iterable[LedgerEvent]) -> Target | None:
    """Where the record's placing events (PLACING_KINDS, in order; the others are passed over) say the employee
    works now, or None if never appointed."""
    record = CareerRecord.from_events(subject, [e for e in events if isinstance(e, PLACING_CLASSES)])
    if record.appointment is None:
        return None
    agency, _, region = record.placement_on(date.max) or (None, None, None)
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

    The recorded employee outside the scope is not found (as everywhere); a mentor's record outside it is
    refused naming the field that names the mentor (as refuse_others_outside, before the write, refuses it).
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
        raise InvalidInput(MENTOR_OUTSIDE.reason(nip=record.id, scope=self.principal.scope.describe()), name)

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
    try:
        version = int(payload.get("target_version"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []  # refused by the ledger, naming target_version
    for event in ledger.get_events(subject, MIRRORED_KINDS):
        if event.originator_version == version:
            mentor: str = event.mentor_nip  # type: ignore[attr-defined]
            return [("target_version", normalise_nip(mentor))]
    return []


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
    principal's scope; a record never appointed is left for the ledger to refuse. `places`: where records
    work, as already known (an import's earlier rows), and kept."""
    known = {} if places is None else places
    for name, nip in others_written(ledger, subject, kind, payload):
        if nip not in known:
            known[nip] = locate(ledger, nip)
        place = known[nip]
        if place is not None and not permits(principal, action, place):
            raise InvalidInput(MENTOR_OUTSIDE.reason(nip=nip, scope=principal.scope.describe()), name)


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
            if agency is None or permits(self.principal, Action.IMPORT, Target(None, agency, None)):
                return None  # a row naming no known agency is refused by the import itself
            return RowProblem(line, None, _text(kind), outside("agency", self.principal))
        nip = normalise_nip(row["nip"])
        if kind == "appointment":
            target = Target(nip, _code("agencies", row.get("agency")), _code("regions", row.get("region")))
            if target.agency is None or target.region is None:
                return None  # refused by the import itself, with the field at fault
            if not permits(self.principal, Action.IMPORT, target):
                return RowProblem(line, nip, kind, outside("agency", self.principal))
            self.places[nip] = target
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
                self.places[nip] = Target(
                    nip, _code("agencies", row.get("agency")), _code("regions", row.get("region"))
                )
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
            return RowProblem(line, command.subject, command.kind, e.errors, command_typed(e.errors, command))
        except (NotFound, IdempotencyConflict) as e:
            return RowProblem(
                line, command.subject, command.kind, {"nip": [reason_of(e)]}, command_typed(["nip"], command)
            )
        raise AssertionError("a record that does not exist accepted a recording")  # pragma: no cover


def outside(name: str, principal: Principal) -> dict[str, list[str]]:
    return {name: [OUTSIDE.reason(scope=principal.scope.describe())]}


def _code(table: str, value: Any) -> str | None:
    codes = reference().table(table)
    return codes.normalise(value) if isinstance(value, str) and value in codes else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

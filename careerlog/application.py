"""CareerLog: the application that records career facts and reads the ledger back.

Commands check a recording against the employee's record and save it; a conflict with
a concurrent writer is retried from fresh state. Queries return plain data.
"""

from __future__ import annotations

import contextlib
import copy
import re
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import lru_cache, partial
from typing import Any, NamedTuple, Protocol, TypeVar, cast

from dateutil.relativedelta import relativedelta
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import InfrastructureFactory, Mapper, RecordConflictError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import Environment, TopicError, get_topic, resolve_topic

from careerlog import keyowners, storekey
from careerlog.ages import months_last_day
from careerlog.config import POSTGRES_OPTIONS_ENV, ConfigurationError, Settings
from careerlog.domain.employee import (
    AFTER_SEPARATION,
    BEFORE_APPOINTMENT,
    ENDED_BEFORE_MOVE,
    ENDS_POST,
    ENDS_POST_RETRACTED,
    FACT_DUPLICATE,
    HELD_AFTER_MOVE,
    ONE_STEP,
    PENALTY_LENGTH_FIELDS,
    POST_END_DATED_WITH,
    POST_END_NOT_LEFT,
    POST_END_REDATED_ALONE,
    POST_END_REPOINTED_ALONE,
    POST_END_RETRACTED_ALONE,
    RECORDED_TWICE_FIELDS,
    TRAINING_COST,
    TRAINING_DAILY_JP,
    TRAINING_DUPLICATE,
    VOIDED,
    Career,
    Employee,
    ReadValues,
    agency_on,
    appointment_read_problems,
    corrected_placement_ends,
    day_over_full,
    doubled_trainings,
    implausible_cost,
    later_jump,
    likely_duplicate,
    own_problems,
    penalty_months,
    penalty_shortened,
    placed_there_already,
    placement_ends_post_refusal,
    post_end_named,
    post_end_of,
    posts_a_placement_ends,
    posts_named,
    rank_jump,
    read_problems,
    recorded_doubles,
    recorded_twice,
)
from careerlog.domain.errors import (
    AlreadyAppointed,
    CareerlogError,
    ConcurrencyConflict,
    FactChanged,
    FieldErrors,
    IdempotencyConflict,
    InvalidInput,
    NotFound,
    quoted,
    quoted_apart,
)
from careerlog.domain.events import (
    BY_KIND,
    CLASSES_OF_KIND,
    CONFIRMED_FIELD,
    Appointed,
    AppointedAgain,
    EventCorrected,
    EventRetracted,
    LedgerEvent,
    MenteeAssigned,
    MenteeReleased,
    MentoringEnded,
    MentoringSessionHeld,
    MentoringStarted,
    PenaltyImposed,
    PerformanceRated,
    Placed,
    PostEnded,
    RankPromoted,
    TrainingCompleted,
    UnitRated,
)
from careerlog.domain.latsar import LATSAR_ONCE, latsar_again
from careerlog.domain.ledger import (
    FUTURE,
    IN_FUTURE,
    KEY_ELSEWHERE,
    Decision,
    Fact,
    LedgerAggregate,
    Outcome,
    Recording,
    identity_key,
    local_date,
    payload_values,
    resent_retracted,
)
from careerlog.domain.nip import Nip, NipRules, nip_rules, normalise_nip, parse_nip, read_nip
from careerlog.domain.payload import (
    EMPTY,
    HOURS_NOT_DIGITS,
    HOURS_NOT_WHOLE,
    HOURS_UNIT,
    NOT_INTEGER,
    NOT_NUMBER,
    Unreadable,
    WrittenWithExponent,
    filled_fields,
    in_nfc,
    in_nfc_payload,
    level_as_its_code,
    parse_judged,
    parse_payload,
    parse_value,
    payload_fields,
    same_value,
    stored_changes,
    to_plain,
)
from careerlog.domain.quick import quick_init
from careerlog.domain.ratings import check_rating, in_year_scheme, predicate_problem
from careerlog.domain.seat import OUTSIDE_SEAT, region_outside_seat
from careerlog.domain.starting_rank import STARTING_RANK, above_start
from careerlog.domain.tmt import TMT_FIRST, tmt_not_first
from careerlog.domain.unit import Unit, rated_live, typos_of, unit_id, unit_key, unit_of
from careerlog.domain.wording import Reason, Refusal, confirmable, reason_of
from careerlog.names import check_named
from careerlog.persistence import KEYED_RECORDERS, CareerMapper, NullTranscoder, insert_stored_events
from careerlog.reference import Rules, reference, rules
from careerlog.sqlstore import SqlStore, apply_postgres_options, check_connections_when_in_doubt, select_events_of
from careerlog.storekey import KeyCheck

T = TypeVar("T")
Clock = Callable[[], datetime]


# A check of each existing record a recording writes, made on the record as the write loaded it (web/scoping.py: an
# account's scope): it raises to refuse, naming the field that names the record (nip, mentor_nip, target_version).
# The write appends after the version checked, so a concurrent change to the record makes the save fail and the
# recording is checked again on the record as changed (docs/architecture.md, "Recording").
class Guard(Protocol):
    def __call__(self, record: LedgerAggregate, name: str) -> None:
        """Refuse a record the recording writes (`name`: the field naming it), as loaded for the write."""

    def change(self, record: LedgerAggregate, kind: str, values: Mapping[str, Any]) -> None:
        """Refuse what the recording (its kind, its payload as read) would change in the record it names."""

    def appointment(self, subject: str, values: Mapping[str, Any]) -> None:
        """Refuse an appointment (its payload as read) placing the employee where the writer may not record."""

    def leaves(self, record: LedgerAggregate, kind: str, values: Mapping[str, Any]) -> tuple[str, str, str] | None:
        """A recording `change` let through that takes the record out of the writer's scope (a transfer out): the
        field at fault, the agency it places the employee in and the scope described; None otherwise."""


MIRRORS: dict[type[LedgerEvent], type[LedgerEvent]] = {
    MentoringStarted: MenteeAssigned,
    MentoringEnded: MenteeReleased,
}


# The kinds an administrator records, by kind (the others are derived by the system).
RECORDABLE_KINDS: dict[str, type[LedgerEvent]] = {kind: cls for kind, cls in BY_KIND.items() if cls.RECORDABLE}
# A client key of nothing but spaces would make every blank-keyed request the same one (a migration keeps its own).
BLANK_KEY = Refusal("Is only spaces: give a key with other characters, or none.").reason()
# A client key holding a comma: the API refuses it as its Idempotency-Key header (web.api.schemas.one_key: a header sent
# twice arrives comma-joined), so one given to `careerlog record --client-key`, an import's cell or the record form
# could never be sent again through the API; refused alike, naming client_key (a migration keeps a log's keys)
KEY_COMMA = Refusal(
    "Holds a comma: give a key of no comma, as the API's Idempotency-Key header takes it, so that the same key may be "
    "sent again from the API, the command line or an import."
).reason()
# The longest client key, in characters: the API's Idempotency-Key header takes at most this many (web.api.schemas),
# so `careerlog record --client-key` and an import's client_key cell are refused past it, in the API's words
# (marshmallow's Length), naming client_key: a longer key recorded there could never be sent again through the API.
MAX_CLIENT_KEY = 200
KEY_TOO_LONG = Refusal(f"Length must be between 1 and {MAX_CLIENT_KEY}.").reason()
# The refusals of a recording (careerlog.domain.wording); those of its payload and facts are the domain's. (Until
# 2026-12-08 "it stands as version {current} left it, not as {expected}", which read oddly, in Indonesian the more)
CHANGED_SINCE = Refusal(
    "Version {version} of {subject} was changed since it was read: version {current} changed it last (its ETag now "
    '"{current}"), not {expected} as If-Match says; read it again and send what to change on it as it stands.',
)
# ... and when the If-Match names no version of the fact (a tag of none of its versions, `"abc"`, or a weak one)
NO_VERSION_NAMED = Refusal(
    "The If-Match tag names no version of version {version} of {subject}: version {current} changed it last, its "
    'ETag now "{current}"; read it again and send what to change on it as it stands, with that ETag as If-Match.',
)
KEPT_CHANGING = Refusal("{subject} kept changing while this was recorded; nothing was recorded, try again.")
UNKNOWN_KIND = Refusal("Unknown kind {kind}; one of: {known}.")
# An imported row of an employee's fact with no NIP (a NIP cell merged over the rows of one employee in a
# spreadsheet is saved on the first of them alone): named with the row's other problems (careerlog.importing)
NO_NIP = Refusal(
    "Missing data for required field: each row needs the employee's NIP. A NIP cell merged over several rows in a "
    "spreadsheet is saved on the first of them alone: unmerge it and write the NIP on every row."
).reason()
NOT_APPOINTED = Refusal("No employee with NIP {nip} has been appointed.", quotes=("nip",))  # (from an address too)
NO_OFFSET = Refusal("Must include a time zone offset.").reason()
APPOINTED = Refusal("NIP {nip} is already appointed (a NIP is appointed again only after its record is voided).")
BEFORE_VOID = Refusal(
    "Version {version} is of the part of this record voided by version {void}: a correction or retraction of the "
    "record appointed afresh names a version after it.",
)
APPOINTMENT_VERSION = Refusal("The appointment is version 1, not {expected}.")
# (the kinds by name, the code where it is what an import's kind column is written with: its {kind}, named on the pages)
UNIT_KINDS = Refusal(
    "A unit records a unit rating (unit_rating), a correction or a retraction, not {kind}.", kinds=("kind",)
)
RECORDED_AS = Refusal("Already recorded as version {version}, not {expected}.")
WOULD_BE = Refusal(
    "Would be version {version} of {subject}, not {expected}: the store holds other records for this subject.",
)
NOT_EMPLOYEE = Refusal("{nip} is not an employee.")
NOTHING_RECORDED = Refusal("Nothing is recorded for {subject}.", quotes=("subject",))
# A scoped writer's placement that takes the record out of their scope (a transfer out, the releasing agency's: the
# guard's `leaves`) is recorded only when confirmed: once recorded, the writer can no longer open, retract or correct
# it, and only a national administrator can undo it (docs/security.md). A national writer and a migration are not asked.
LEAVES_SCOPE = "placement.leaves_scope"
# (as the API words it, and as the record form does, where its box beside the field confirms it: FORM_WORDED)
LEAVES_UNCONFIRMED, LEAVES_SCOPE_TICKED = confirmable(
    "{agency} is outside your scope ({scope}): once recorded, this placement moves the employee's record out of your "
    "reach, and only a national administrator can retract or correct it. If the decree does move the employee to "
    "{agency}, ",
    LEAVES_SCOPE,
    "; if not, write the agency it names.",
)
# A unit no employee was ever recorded in within its agency (letter case and spacing aside: `unit_key`) near one that
# was (a typo: "Dinas Pendidkan" beside "Dinas Pendidikan") is recorded only when confirmed: recorded, it is another
# unit in every count by unit. Units are free text: a unit near none known is a new one (a reorganisation), unasked.
# The units known are the views' (CareerLog.units_known, given by a ledger extension: careerlog reads no view,
# `extended`) and those this process recorded since; a migration is not asked.
NEW_UNIT = "unit.new"
NEW_UNIT_UNCONFIRMED, NEW_UNIT_TICKED = confirmable(
    "{unit} is no unit known in {agency} (did you mean {near}?): recorded, it would be another unit in every count "
    "by unit. If the decree does name a new unit, ",
    NEW_UNIT,
    "; if not, write the unit as recorded.",
    named=True,
    either=("near",),
)
# The questions of an appointment's or placement's own fields by the rules, each recorded only when confirmed, beside
# its field, not stored with it; a migration is not asked: its region outside its agency's seat region or province
# (rule agency.region_seat: careerlog.domain.seat), a CPNS's TMT not on the 1st of a month (appointment.tmt_first_day:
# careerlog.domain.tmt), a CPNS's rank above the start of the entry education (appointment.starting_rank:
# careerlog.domain.starting_rank; until 2026-12-07 recorded with the audit's warning alone)
PLACING_ASKED: dict[str, tuple[Callable[[Rules, Mapping[str, Any]], Reason | None], str, tuple[type[LedgerEvent], ...]]]
PLACING_ASKED = {
    OUTSIDE_SEAT: (region_outside_seat, "region", (Appointed, Placed)),
    TMT_FIRST: (tmt_not_first, "effective_date", (Appointed,)),
    STARTING_RANK: (above_start, "rank", (Appointed,)),
}
# the fields each question reads, a live correction changing one of which is asked it of the fact as corrected
# (corrected_placing), beside the first of them it changes: a correction of anything else, or sending them unchanged,
# is not (a region confirmed outside the seat when recorded is not asked again of a correction of the unit), nor one
# whose fact as corrected is asked just what the fact as it stands is (a region confirmed outside the seat is not
# asked again of a correction of its date alone). The date is read as the rule's version in force on it: a placement
# dated before a version asking the region, moved into it, was recorded unasked until 2026-12-07.
PLACING_READS = {
    OUTSIDE_SEAT: ("region", "agency", "effective_date"),
    TMT_FIRST: ("effective_date", "employment_kind"),
    STARTING_RANK: ("rank", "education", "employment_kind", "effective_date"),
}


def placing_unconfirmed(
    event_cls: type[LedgerEvent], values: Mapping[str, Any], command: Command, book: Rules
) -> InvalidInput | None:
    """The questions (PLACING_ASKED) of a live appointment or placement its writer did not confirm, every one at
    once, each beside its field; None when there is none."""
    if command.migration is not None:
        return None
    asked = FieldErrors()
    for check, (judge, beside, kinds) in PLACING_ASKED.items():
        found = judge(book, values) if event_cls in kinds and check not in command.confirmed else None
        if found is not None:
            asked.add(beside, found)
    return InvalidInput(asked.errors) if asked else None


def placing_answered(
    event_cls: type[LedgerEvent], values: Mapping[str, Any], command: Command, book: Rules
) -> set[str]:
    """The questions (PLACING_ASKED) of a live appointment or placement its writer's confirmation answered: each
    confirmed that the fact is asked (not stored: Outcome.asked tells an import's report)."""
    if command.migration is not None or not command.confirmed:
        return set()
    return {
        check
        for check, (judge, _, kinds) in PLACING_ASKED.items()
        if check in command.confirmed and event_cls in kinds and judge(book, values) is not None
    }


NEW_UNIT_KINDS = ("appointment", "placement", "post_appointment")  # the facts naming a unit of the employee's agency
# A live correction sent with no condition on the fact as read (no If-Match: `Command.as_read`) that sets a field back
# to a value it held before its last correction, made by another writer, is recorded only when confirmed: a client
# that read the fact before that correction and sends every field as it read them undoes it unseen (two officers
# correcting one training: hours 1 -> 3 by one, then the other's title corrected from an older read sending hours 1
# back). A field its writer's own correction set last is not asked (correcting one's own correction back), nor a
# correction sent with If-Match (412 when changed since: `unchanged_since`), nor the record form's made in its inputs
# of the fact's fields, which send only the fields changed from the values they showed and refuse one corrected since
# the form was opened (web.pages.hr.shown_inputs_sent: one typed in the form's corrected_fields box is asked), nor a
# migration.
SET_BACK = "fact.changed_since"
SET_BACK_UNCONFIRMED, SET_BACK_TICKED = confirmable(
    "{field} is {now} since version {version}, in which {by} corrected it, and this correction sets it back to "
    "{value}, undoing that correction: a correction made from a read of the fact before it, sending every field as "
    "read, does so unseen. If so, read the fact again and correct only what is to change on it; if {field} is to be "
    "{value} again, ",
    SET_BACK,
    ".",
    again="send the correction again",
    named=True,
    quotes=("now", "value"),
)
UNITS_KEPT = 60.0  # seconds an agency's units read from the views are taken as still so (CareerLog._agency_units)
# The checks a writer may confirm, recording what they would refuse (a rank jump the decree does make, a placement
# taking the record out of the writer's scope, a placement in another agency ending a managerial post held: its end
# recorded with it, `CareerLog._placement_ending_posts`; a unit new in its agency near a known one; a training the
# record seems to hold already under another certificate number: careerlog.domain.employee.likely_duplicate; trainings
# of the same days holding more JP a day together than one may: day_over_full; a cost likely mistyped:
# implausible_cost; a penalty, exam, post appointment or degree the record seems to hold already under its reference
# written otherwise: recorded_twice; a correction setting a field back, undoing another writer's: set_back)
CONFIRMABLE = (
    ONE_STEP,
    LEAVES_SCOPE,
    ENDS_POST,
    NEW_UNIT,
    TRAINING_DUPLICATE,
    TRAINING_DAILY_JP,
    TRAINING_COST,
    FACT_DUPLICATE,
    SET_BACK,
    OUTSIDE_SEAT,
    LATSAR_ONCE,
    TMT_FIRST,
    STARTING_RANK,
)
# The checks of a new training a writer may confirm, each judged by its function of the record and the training, and
# refused beside its field, every unconfirmed one at once (CareerLog._refuse_unconfirmed_training, corrected_training:
# until 2026-12-06 the first alone, so an import's yes to it confirmed the others unshown), in this order (one the
# record seems to hold, asked or confirmed attended twice, is not asked of its days)
TRAINING_JUDGED: dict[str, tuple[Callable[[Career, Mapping[str, Any], int], Reason | None], str]] = {
    TRAINING_COST: (implausible_cost, "cost"),
    TRAINING_DUPLICATE: (likely_duplicate, "reference"),
    TRAINING_DAILY_JP: (day_over_full, "hours"),
    LATSAR_ONCE: (latsar_again, "training_kind"),  # (a second basic training: careerlog.domain.latsar)
}
# the kinds a recording may confirm a check of
CONFIRMING_KINDS = (
    "rank_promotion",
    "correction",
    "retraction",
    "placement",
    "appointment",
    "post_appointment",
    "training",
    "penalty",
    "exam",
    "education",
    "unit_rating",
)
# the checks a recording of these kinds stores (careerlog.domain.events.CONFIRMED_FIELD) when it needed them: what a
# migration import keeps of a row's confirmation (its yes on a placement: unit.new alone; a rank promotion's,
# correction's or retraction's, as the row gives it)
STORED_CHECKS = {
    "placement": frozenset((NEW_UNIT,)),
    "appointment": frozenset((NEW_UNIT,)),
    "post_appointment": frozenset((NEW_UNIT, FACT_DUPLICATE)),
    "training": frozenset((TRAINING_DUPLICATE, TRAINING_DAILY_JP, TRAINING_COST, LATSAR_ONCE)),
    "penalty": frozenset((FACT_DUPLICATE,)),
    "exam": frozenset((FACT_DUPLICATE,)),
    "education": frozenset((FACT_DUPLICATE,)),
    "unit_rating": frozenset(),  # (its unit.new is stored nowhere: UnitOfWork.answered)
}
UNKNOWN_CONFIRMATION = Refusal("{given} is no check to confirm; one of: {known}.")
# A void (the retraction of the record's appointment: docs/events.md) cannot be undone: it is recorded only when the
# writer gives the record's NIP again (Command.confirm_nip: the API's and the CLI's confirm_nip, an import's
# confirm_nip column, the form's input), as typed by hand, not taken from the record. Its NIP is recorded again only
# by a new appointment (AppointedAgain: CareerLog._appoint_again)
VOID_UNCONFIRMED = Refusal(
    "Missing: a void cannot be undone: the record leaves every view and takes nothing more, and NIP {nip} is recorded "
    "again only by a new appointment. Give the record's NIP again to confirm the void."
)
VOID_OTHER_NIP = Refusal(
    "{given} is not this record's NIP {nip}: a void cannot be undone: the record leaves every view and takes nothing "
    "more, and NIP {nip} is recorded again only by a new appointment. Give the record's NIP again to confirm the void.",
    quotes=("given",),
)
NO_VOID = Refusal(
    "Only a void (the retraction of a record's appointment) is confirmed by giving the NIP again; leave it out of this "
    "{kind}.",
    kinds=("kind",),
)
KEPT_BY_SYSTEM = Refusal(
    "Version {version} ({kind}) is kept by the system; correct or retract the record it comes from.",
    kinds=("kind",),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


@quick_init
@dataclass(frozen=True)
class Migration:
    """Original recording details carried over by an administrator's migration import."""

    recorded_at: datetime
    recorded_by: str | None = None
    migrated: bool = True


@quick_init
@dataclass(frozen=True)
class Command:
    """One recording: whose record, what kind, the payload as plain data, and its options."""

    subject: str
    kind: str
    payload: Mapping[str, Any]
    client_key: str | None = None
    migration: Migration | None = None
    expected_version: int | None = None
    line: int = 0
    named: str | None = None  # the employee's name an imported row carries beside the NIP, to check (careerlog.names)
    written: Mapping[str, str] | None = None  # an imported row's cells read otherwise than written, as written
    confirmed: frozenset[str] = frozenset()  # the checks the writer confirmed (CONFIRMABLE): a rank jump recorded
    unread_nip: str | None = None  # why an imported row's NIP cell did not read (a spreadsheet's 1.98609E+17, #N/A)
    # a correction's or retraction's condition: its fact as the writer read it, last changed in one of these versions
    # (the API's If-Match); None: none (`unchanged_since`)
    changed_in: frozenset[int] | None = None
    # the record's NIP given again by the writer, confirming a void (VOID_UNCONFIRMED): `void_confirmed`
    confirm_nip: Any = None
    # whether the writer corrects the fact as it stands, read: the API's If-Match (`*` too, which sets no
    # `changed_in`), the record form's (it sends the fields changed from the values it showed, refusing one corrected
    # since it was opened); a correction sent otherwise setting a field back is asked (SET_BACK: `set_back`)
    as_read: bool = False
    # whether a new client key asks to record a retracted fact's values anew (the API's, an import's: chosen by the
    # writer); the record form's is given to each page opened, so its box asks instead (LedgerAggregate
    # .earlier_by_reference's `anew`)
    key_anew: bool = True


@dataclass
class UnitOfWork:
    """The aggregates loaded and changed while carrying out a group of commands."""

    app: CareerLog
    loaded: dict[str, LedgerAggregate | None] = field(default_factory=dict)

    preloaded: dict[str, LedgerAggregate | None] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # records the current command read or made
    made: list[LedgerEvent] = field(default_factory=list)  # new events, in the order commands made them
    noted: dict[str, int] = field(default_factory=dict)  # how many of each record's new events are in `made`
    now: datetime | None = None  # the clock's last reading for a migration's recorded time, within one batch
    # records as the batch before left them, taken up instead of reading them (that batch may not be written yet)
    carried: dict[str, LedgerAggregate | None] = field(default_factory=dict)
    saved: bool = False  # record_batch saved this unit of work's events as it decided them (no redo)
    guard: Guard | None = None  # checks each existing record written, as loaded here (a scope), if any
    # a trial's (never saved): the unit of work it judges a command within, whose records it reads copies of, as that
    # one holds them (a batch's: changed by its earlier rows, not yet written), never changing them
    within: UnitOfWork | None = None
    # the unit records known to this unit of work by agency and name key (`unit_key`): read from the store when first
    # asked (CareerLog.unit_as_recorded), with the units this unit of work registers
    unit_names: dict[tuple[str, str], str] | None = None
    # the record each client key (its digest with its writer's: careerlog.keyowners) was first used for, as read from
    # the store or given by a command of this unit of work that made events (a batch's earlier rows, or the batches
    # before it, not yet written: `note`); "" for a key looked up and used by none yet
    key_owners: dict[str, str] = field(default_factory=dict)
    judged_keys: set[str] = field(default_factory=set)  # the digests of the live commands' keys (judge_key_owner)
    # a unit new in its agency (agency, unit_key) the current command's check let through (CareerLog._ask_unit_new),
    # kept in `units_made` once the command made events: the process knows them (CareerLog.units_recorded) only once
    # they are saved (CareerLog._units_saved), never on a dry run or a refused or rolled-back write
    unit_let: tuple[tuple[str, str], str] | None = None
    # ... when the writer's confirmation let it through (near a known unit): the unit, its agency, the units near it,
    # quoted as the question quotes them (errors.quoted_apart)
    unit_confirmed: tuple[str, str, str] | None = None
    # the questions the current command's confirmation answered that its event does not store (placement.leaves_scope,
    # region.outside_seat, appointment.tmt_first_day), with those it stores made Outcome.asked (CareerLog.execute)
    answered: set[str] = field(default_factory=set)
    # the current live command as read into its fact's fields (its kind, the command as judged, its recording), to
    # judge its own fields when it meets a recording sent before (CareerLog.execute: none for a migration's)
    judging: tuple[type[LedgerEvent], Command, Recording] | None = None
    units_made: dict[tuple[str, str], str] = field(default_factory=dict)
    # the check of its commands' NIPs by the identity rules in force when its first command is checked (nip_checker,
    # the rules read once): an import batch's rows read them as one (each row's reading of the configured rules cost
    # about 4 us), another CAREERLOG_RULES_FILE taking effect at the next batch or command (a file edited in place is
    # read again only by a new process: careerlog.reference.rules keeps each file's rules)
    nip_check: Callable[[str], Nip] | None = None
    # the configured rules (careerlog.reference.rules) as its first command that asks for them read them, kept as
    # nip_check is: a live import's rating rows read them twice each (its year's scheme), and a promotion's rank jump
    # once, each reading CAREERLOG_RULES_FILE (about 1-3 us); another rules file takes effect at the next batch or
    # command, as for nip_check
    rules_read: Rules | None = None

    def rules(self) -> Rules:
        """The configured rules, read once by this unit of work (`rules_read`)."""
        found = self.rules_read
        if found is None:
            found = self.rules_read = rules()
        return found

    def get(self, subject: str) -> LedgerAggregate | None:
        self.touched.append(subject)
        if subject not in self.loaded:
            if self.within is not None and (held := self.within.held(subject)) is not None:
                self.loaded[subject] = copy.deepcopy(held)
            elif subject in self.preloaded:
                self.loaded[subject] = self.preloaded.pop(subject)
            elif self.carried.get(subject) is not None:
                self.loaded[subject] = self.carried.pop(subject)
            else:
                try:
                    self.loaded[subject] = self.app.repository.get(subject)
                except AggregateNotFoundError:
                    self.loaded[subject] = None
        return self.loaded[subject]

    def held(self, subject: str) -> LedgerAggregate | None:
        """The record of `subject` as this unit of work holds it (read, made, preloaded or carried), not taken up."""
        for records in (self.loaded, self.preloaded, self.carried):
            if records.get(subject) is not None:
                return records[subject]
        return None

    def preload(self, subjects: Iterable[str]) -> None:
        """Read the records of many subjects in one query; each is taken up when first asked for.

        Taking them up in that order keeps the order in which changed records are saved.
        """
        carried = self.carried
        wanted = sorted(
            {s for s in subjects if s not in self.loaded and s not in self.preloaded and carried.get(s) is None}
        )
        found = self.app.get_aggregates(wanted)
        for subject in wanted:
            self.preloaded[subject] = found.get(subject)

    def add(self, aggregate: LedgerAggregate) -> None:
        self.loaded[aggregate.id] = aggregate
        self.touched.append(aggregate.id)

    def next_batch(self, subjects: Iterable[str]) -> UnitOfWork:
        """A unit of work for the next batch of a run, taking up some records as this one left them once saved.

        An import passes the record its last row was about, which the next batch usually
        continues (an export lists each record's rows together): it is then not read back
        from the store and rebuilt, which for a record longer than a batch was done once
        per batch. The others are let go (holding a whole batch's records for the next one
        cost more than reading the few it continues). If someone else writes to a carried
        record meanwhile, that batch's save meets the write and is redone one by one from
        the store, as any batch whose records changed after it read them.
        """
        loaded = self.loaded if self.saved else {}
        carried = {s: loaded[s] for s in subjects if loaded.get(s) is not None}
        return UnitOfWork(self.app, carried=carried, guard=self.guard)

    def changed(self) -> list[LedgerAggregate]:
        return [a for a in self.loaded.values() if a is not None and a.pending_events]

    def note(self) -> None:
        """After each command: note the events it made, so that they are saved in that order."""
        touched = self.touched
        if not touched:
            return
        noted, loaded, made = self.noted, self.loaded, self.made
        for subject in touched if len(touched) == 1 else dict.fromkeys(touched):
            aggregate = loaded.get(subject)
            if aggregate is not None:
                pending: list[Any] = aggregate.pending_events  # LedgerEvents (typed without cast(), a call per row)
                done = noted.get(subject, 0)
                count = len(pending)
                if count == done + 1:  # the common case: one new event (its key looked at without a slice's copy)
                    event = pending[done]
                    made.append(event)
                    noted[subject] = count
                    if getattr(event, "client_key", None):
                        self.keys_owned((event,))
                elif count > done:
                    made += pending[done:]
                    noted[subject] = count
                    self.keys_owned(pending[done:])
        touched.clear()

    def keys_owned(self, events: Iterable[Any]) -> None:
        """A key is its record's once a command made events under it (`note`)."""
        for event in events:
            if key := getattr(event, "client_key", None):
                digest = keyowners.digest(key, event.recorded_by)
                if not self.key_owners.get(digest):
                    self.key_owners[digest] = event.originator_id

    def new_events(self) -> list[LedgerEvent]:
        """Every new event, in the order the commands made them (an export's order survives an import)."""
        self.note()
        made, self.made, self.noted = self.made, [], {}
        for aggregate in self.changed():
            del aggregate.pending_events[:]  # what collect_events does (popping them one by one from the front)
        return made


def named_as_recorded(employee: LedgerAggregate, nip: str, named: str, values: Mapping[str, Any]) -> None:
    """Refuse a recording whose name beside the NIP is not the employee's (careerlog.names.check_named)."""
    appointment = employee.current_context().appointment if isinstance(employee, Employee) else None
    check_named(nip, appointment.values if appointment is not None else None, named, values)


def rating_refusal(error: InvalidInput, payload: Mapping[str, Any]) -> InvalidInput:
    """A rating's refusal whose predicate is not one of its year's scheme: that reason (naming the year and the
    predicates accepted for it) instead of an unknown code."""
    problem = predicate_problem(payload, rules())
    if problem is None or "predicate" not in error.errors:
        return error
    return InvalidInput({**error.errors, "predicate": [problem]})


# The fields of a CPNS appointment its starting rank is judged by (rule appointment.starting_rank: its rank against its
# education's start, by the rule in force on its TMT; only a PNS's is judged): a correction changing one is judged
STARTING_RANK_FIELDS = frozenset(("rank", "education", "employment_kind", "effective_date"))


def corrects_judged(record: LedgerAggregate | None, version: int) -> bool:
    """Whether the correction of `version` just recorded in `record` (as its unit of work holds it) corrects a
    decision the audit judges as it is recorded (Outcome.corrects_judged): a rank promotion, a post appointment (its
    definitive ones judged: CareerLog.findings_of), or a CPNS appointment
    whose rank, education, employment kind or TMT it changed (STARTING_RANK_FIELDS: until 2026-12-06 a correction
    putting an appointment above its education's starting rank was recorded without the warning its recording gave)."""
    if record is None:
        return False
    for fact in record.facts.values():
        if version not in fact.corrected_by:
            continue
        if fact.kind in ("rank_promotion", "post_appointment"):  # (a post's: since 2026-12-06)
            return True
        if fact.kind == "appointment" and fact.values.get("employment_kind") == "PNS":
            changed = getattr(record.events.get(version), "corrected_fields", None) or {}
            return not STARTING_RANK_FIELDS.isdisjoint(changed)
        return False
    return False


def appointment_judged_alone(uow: UnitOfWork, outcome: Outcome) -> Outcome:
    """A CPNS appointment just recorded with its event (Outcome.appointed), as its unit of work holds it: its starting
    rank is judged from it alone (CareerLog.findings_of's `events`), the record not read again for it."""
    record = uow.get(outcome.subject)
    fact = record.facts.get(outcome.version) if record is not None else None
    if fact is None or fact.event is None or fact.values.get("employment_kind") != "PNS":
        return outcome
    return replace(outcome, appointed=fact.event)


def mentor_left(uow: UnitOfWork, nip: Any, day: date) -> Any:
    """The refusal of a mentoring session held on `day` with the mentor `nip` after the mentor's separation (as a
    mentoring start or end dated so is refused by the mentor's side), or None. A mentor of no NIP's form is refused by
    the record's own checks, and one outside the writer's scope is not read (its separation is not told)."""
    try:
        parse_nip(nip, "mentor_nip")
    except InvalidInput:
        return None
    mentor = uow.get(nip)
    if not isinstance(mentor, Employee):
        return None
    if uow.guard is not None:
        try:
            uow.guard(mentor, "mentor_nip")
        except CareerlogError:
            return None
    separation = mentor.career.separation
    if separation is None or day <= separation.effective_date:
        return None
    return AFTER_SEPARATION.reason(
        day=day.isoformat(),
        separated=separation.effective_date.isoformat(),
        version=separation.version,
        status=separation.get("status"),
    )


def names_mentor(employee: LedgerAggregate, mentor: str) -> bool:
    """Whether the mentee's record holds a mentoring (an active start) with this mentor: its writer may end it, or
    correct it, whatever scope the mentor's record is now in (the record names the mentor already)."""
    return any(
        fact.kind == "mentoring_start" and fact.active and fact.values.get("mentor_nip") == mentor
        for fact in employee.facts.values()
    )


def mentees_held(mentor: LedgerAggregate) -> dict[str, Fact]:
    """The mentees the mentor's record (its side: MenteeAssigned, MenteeReleased) holds open, each by its open
    MenteeAssigned, in order of date."""
    if not isinstance(mentor, Employee):
        return {}
    held: dict[str, Fact] = {}
    for fact in mentor.current_context().of_kinds("mentee_assigned", "mentee_released"):
        nip = str(fact.values.get("mentee_nip"))
        if fact.kind == "mentee_assigned":
            held[nip] = fact
        else:
            held.pop(nip, None)
    return held


def mentee_side_end(mentee: LedgerAggregate | None, mentor: str, assigned: Fact) -> Fact | bool | None:
    """How the mentee's record holds the mentoring the mentor's `assigned` mirrors (its start: the mentoring_start
    with that mentor under the same reference, else of the same day): its end (a MentoringEnded), None while open
    there, or False when the mentee's record holds no such start."""
    if mentee is None:
        return False
    started: Fact | None = None
    for fact in mentee.current_context().of_kinds("mentoring_start", "mentoring_end"):
        if fact.values.get("mentor_nip") != mentor:
            continue
        if fact.kind == "mentoring_start":
            same = fact.values.get("reference") == assigned.values.get("reference")
            if started is not None:  # (a later start: the one mirrored was never ended there)
                return None
            if same or fact.effective_date == assigned.effective_date:
                started = fact
        elif started is not None:
            end: Fact = fact
            return end
    return None if started is not None else False


def mentees_left_open(uow: UnitOfWork, mentor: LedgerAggregate) -> list[str]:
    """The mentees a mentor still mentors as their own records hold it (the mentee's side: the views' too): each
    mentee the mentor's record holds open whose record holds that mentoring open. A mentee's side ended alone (the
    mentor's record refusing the end: see beyond_scope) is not named."""
    return [
        nip
        for nip, assigned in mentees_held(mentor).items()
        if mentee_side_end(uow.get(nip), mentor.id, assigned) is None
    ]


# The kinds of a mentor's own facts whose correction or retraction may let the mentor's record take a release it
# refused (CareerLog._release_held): its separation (a status change) and its appointment bound the days it takes
RELEASE_BOUNDS = frozenset({"status_change", "appointment"})


# The warning a live placement of a mentor in another agency is answered with (the record form, the API's `warnings`,
# an import's `warnings`, careerlog record), where the mentee's side holds a mentoring of theirs open: the placement
# ends none (no rule says it does), so the answer names whose to end (until 2026-12-06 the form alone said so)
MENTEES_LEFT_OPEN = Refusal(
    "{nip} still mentors {mentees}: a placement in another agency ends no mentoring. If the transfer ends one, "
    "record its end on the mentee's record."
)


def placement_warnings(uow: UnitOfWork, outcome: Outcome) -> tuple[Reason, ...]:
    """The warnings of a live placement just recorded (`outcome`): MENTEES_LEFT_OPEN when it moves a mentor to another
    agency and mentorings of theirs are open on their mentees' records; none for a placement within the agency."""
    employee = uow.get(outcome.subject)
    if not isinstance(employee, Employee) or not mentees_held(employee):
        return ()
    placed = employee.facts.get(outcome.version)
    if placed is None or placed.kind != "placement":
        return ()
    before = Career(employee.id, [f for f in employee.active_facts() if f.version < outcome.version])
    if agency_on(before, placed.effective_date) == placed.values.get("agency"):
        return ()
    mentees = mentees_left_open(uow, employee)
    return (MENTEES_LEFT_OPEN.reason(nip=employee.id, mentees=", ".join(mentees)),) if mentees else ()


def penalty_warnings(uow: UnitOfWork, outcome: Outcome) -> tuple[Reason, ...]:
    """The warnings of a live penalty just recorded, or of a correction of a penalty's start, end or kind
    (`outcome`): PENALTY_SHORTENED when it ends before the last day of its kind's months (an earlier end is taken)."""
    employee = uow.get(outcome.subject)
    if not isinstance(employee, Employee):
        return ()
    if outcome.kind == "penalty":
        penalty = employee.facts.get(outcome.version)
    else:
        event = employee.events.get(outcome.version)
        changed = getattr(event, "corrected_fields", None) or {}
        penalty = next(
            (f for f in employee.facts.values() if f.kind == "penalty" and outcome.version in f.corrected_by), None
        )
        if not PENALTY_LENGTH_FIELDS & set(changed):
            return ()
    warned = penalty_shortened(penalty.values) if penalty is not None and penalty.active else None
    return (warned,) if warned is not None else ()


def covers(uow: UnitOfWork, record: LedgerAggregate, name: str) -> bool:
    """Whether the writer's scope (the unit of work's guard, if any) covers the record."""
    if uow.guard is None:
        return True
    try:
        uow.guard(record, name)
    except CareerlogError:
        return False
    return True


# The mentor's side of an end or a correction of a mentoring the mentee's record holds, written by a writer whose
# scope does not cover the mentor (names_mentor: the mentee's writer's), is recorded when the mentor's record takes it;
# when it refuses it (the mentor separated before the day, or voided, ...) the mentee's side is recorded alone, as it
# would be with a mentor of no such facts: the answer is the same either way, and tells nothing of the mentor's record
# (until 2026-12-05 its refusal came back as "mentor_nip (...)", quoting the mentor's separation or void, and a
# mentoring whose mentor left and then retired could only be ended dated before the retirement). A writer whose scope
# covers the mentor is still told the mentor's side's refusal.


def whole_refusal(
    error: InvalidInput, event_cls: type[LedgerEvent], others: Mapping[str, list[str]] | None
) -> InvalidInput:
    """A recording's refusal with its other problems (`others`, found despite it), each reason once, its fields in a
    stable order: fields no kind has first (as parse_payload names them), then the NIP, the name beside it, and
    the kind's fields in their order. Only for a refused recording (an imported row is fixed once)."""
    errors = {name: list(reasons) for name, reasons in error.errors.items()}
    for name, reasons in (others or {}).items():
        mine = errors.setdefault(name, [])
        mine.extend(reason for reason in reasons if reason not in mine)
    order = _field_order(event_cls)
    return InvalidInput(dict(sorted(errors.items(), key=lambda item: order.get(item[0].partition(".")[0], -1))))


NOT_CONFIRMATIONS = Refusal(
    "Not a list of checks to confirm: write their names (promotion.one_step), separated by commas."
).reason()


def confirmations(value: Any) -> frozenset[str]:
    """The checks a recording confirms, as a client writes them: none (None, ""), a name, several separated by
    commas, semicolons or spaces (an import's `confirm` cell), or a list of names (the API's). Which are known is
    judged as the recording is (CONFIRMABLE)."""
    if value is None:
        return frozenset()
    if type(value) is str:
        return frozenset(re.split(r"[\s,;]+", value.strip())) - {""}
    if isinstance(value, list) and all(type(item) is str for item in value):
        return frozenset(item.strip() for item in value) - {""}
    raise InvalidInput(NOT_CONFIRMATIONS, "confirm")


JUMP_FIELDS = frozenset(("effective_date", "new_rank", "promotion_kind"))  # what a rank jump is judged by


def void_confirmed(
    record: LedgerAggregate | None, event_cls: type[LedgerEvent], values: Mapping[str, Any], command: Command
) -> InvalidInput | None:
    """The refusal, beside confirm_nip, of a void (a retraction of the record's appointment standing) whose writer
    did not give the record's NIP again (VOID_UNCONFIRMED, VOID_OTHER_NIP), or of a NIP given again with any other
    recording (NO_VOID); None when there is none. A NIP given again as a text of spaces alone is not given (as an
    optional field given blank), in every check here. `record` None: judged before the record is read (by
    `CareerLog.execute`, before a unit's recording is handed on), so only the recording's kind and subject: a NIP
    given again with a kind other than a retraction, or in a unit's record, is refused there. A migration import
    replays the void its log holds, unasked."""
    given = command.confirm_nip
    given = None if given is None or (type(given) is str and not given.strip()) else given
    if event_cls is not EventRetracted or command.subject.startswith("UNIT:"):
        return None if given is None else InvalidInput(NO_VOID.reason(kind=command.kind), "confirm_nip")
    if record is None or command.migration is not None:
        return None
    target = record.facts.get(values.get("target_version", 0))
    if target is None or target.kind != "appointment" or target.retracted_by is not None:
        return None if given is None else InvalidInput(NO_VOID.reason(kind=command.kind), "confirm_nip")
    if given is None:
        return InvalidInput(VOID_UNCONFIRMED.reason(nip=record.id), "confirm_nip")
    if type(given) is not str or normalise_nip(given) != record.id:
        return InvalidInput(VOID_OTHER_NIP.reason(given=str(given), nip=record.id), "confirm_nip")
    return None


def jump_confirmed(jump: tuple[str, bool] | None, confirmed: frozenset[str]) -> bool:
    """Whether a rank jump found (rank_jump's, later_jump's) is one the writer confirmed where the rule lets a
    confirmation record it: recorded, with its confirmation stored (`confirming`)."""
    return jump is not None and jump[1] and ONE_STEP in confirmed


def sent_again(
    employee: LedgerAggregate, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
) -> bool:
    """Whether a recording is one made already, sent again under its own client key or its kind and reference, or
    under the reference a correction gave it (Ledger.sent_again: answered as such by its decision, not asked again
    what it was asked when recorded; until 2026-12-08 a training sent again as its corrections left it was asked
    whether it was attended on the same days as itself, training.daily_jp)."""
    return employee.sent_again(event_cls, values, recording) is not None


def confirmations_answered(uow: UnitOfWork, outcome: Outcome) -> tuple[str, ...]:
    """The questions a command just recorded (`outcome`) was asked and its writer's confirmation answered: those its
    events store (`confirmed`: careerlog.domain.events.CONFIRMED_FIELD) and those stored nowhere (UnitOfWork.answered),
    for an import's report to name per row what a yes in its Konfirmasi column confirmed (until 2026-12-06 it said
    nothing of it). A confirmation the command did not need is none of them."""
    record = uow.loaded.get(outcome.subject)
    made = [e for e in record.pending_events if e.originator_version >= outcome.version] if record else []
    stored = {check for event in made for check in (getattr(event, CONFIRMED_FIELD, None) or ())}
    return tuple(sorted(stored | uow.answered))


def confirming(recording: Recording, check: str = ONE_STEP) -> Recording:
    """The recording the writer's confirmation of `check` let through (a rank jump of a rank promotion, correction or
    retraction; a unit new in its agency; a training, penalty, exam, post appointment or degree the record seems to
    hold already): its event stores the check confirmed (careerlog.domain.events.CONFIRMED_FIELD), beside any other
    its recording confirmed."""
    return replace(recording, confirmed=tuple(sorted({*recording.confirmed, check})))


def unconfirmed_jump(
    employee: Employee, values: Mapping[str, Any], confirmed: frozenset[str], exclude: int = 0
) -> str | None:
    """The reason a promotion moving more ranks than its kind allows is refused (careerlog.domain.employee.rank_jump),
    unless the writer confirmed it where the rule lets a confirmation record it; None otherwise."""
    jump = rank_jump(employee.current_context(), values, rules(), exclude)
    if jump is None or jump_confirmed(jump, confirmed):
        return None
    return jump[0]


def corrected_jump(
    employee: Employee, target_version: int, corrected_fields: Mapping[str, Any], confirmed: frozenset[str]
) -> bool:
    """A correction of a promotion's rank, kind or TMT that leaves it moving more ranks than its kind allows is
    refused beside the corrected field, as the promotion recorded so would be (unless confirmed: True)."""
    target = employee.fact(target_version)
    if target.kind != "rank_promotion" or not JUMP_FIELDS & corrected_fields.keys():
        return False
    changes = parse_payload(RankPromoted, corrected_fields, partial=True)
    jump = rank_jump(employee.current_context(), {**target.values, **changes}, rules(), target.version)
    if jump is None or jump_confirmed(jump, confirmed):
        return jump is not None
    # (beside the field corrected: a form correcting the kind alone has no rank input)
    named = next(name for name in ("new_rank", "promotion_kind", "effective_date") if name in changes)
    raise InvalidInput(jump[0], f"corrected_fields.{named}")


DAY_FIELDS = ("hours", "start_date", "effective_date")  # a training's fields making its days' JP (day_over_full)


def new_double(
    doubles: Callable[[Mapping[str, Any]], dict[int, Reason]], before: Mapping[str, Any], changes: Mapping[str, Any]
) -> tuple[list[str], Reason] | None:
    """The question of a correction (`changes`, as stored) of a fact of values `before` that makes it a double of a
    fact it was not a double of before (`doubles`: the facts a fact of some values is a double of, by version, each
    with its refusal naming it), whether or not it was a double of another before (one moved from a double of X, asked
    and confirmed, onto one of Y is asked of Y; until 2026-12-07 it was recorded unasked): the keys to ask it beside,
    each corrected field whose new value makes it so (the fact, that field as it was and the others as corrected, no
    double of that fact: `corrected_fields.effective_date`, until 2026-12-07 `corrected_fields` whatever the field),
    `corrected_fields` when none alone does (a certificate and a title and organiser both made the same), and the
    refusal naming the first such fact. A field changed is one whose value is not the `same_value` (as
    `corrected_placing`'s: a date sent as its text, a title in another Unicode form, is no change; until 2026-12-07
    `!=`, which named such a field as making the double). None when the correction leaves it a double of no fact it
    was not before (a note corrected on a confirmed double)."""
    after = {**before, **changes}
    was = doubles(before)
    now = doubles(after)
    version = next((v for v in now if v not in was), None)
    if version is None:
        return None
    named = [
        f"corrected_fields.{name}"
        for name, value in changes.items()
        if not same_value(value, before.get(name)) and version not in doubles({**after, name: before.get(name)})
    ]
    return named or ["corrected_fields"], now[version]


def corrected_training(
    employee: Employee, target_version: int, corrected_fields: Mapping[str, Any], confirmed: frozenset[str]
) -> list[str]:
    """Refuse a correction of a training that makes it one a new training so would be asked about (TRAINING_JUDGED:
    rule training.cost, a cost likely mistyped, beside `corrected_fields.cost`: until 2026-12-06 beside
    `corrected_fields`; training.duplicate, one the record seems to hold already that it was not a double of before
    (`new_double`), beside each corrected field making it so, `corrected_fields.start_date` and `.effective_date` of
    one moved onto another's days: until 2026-12-07 beside `corrected_fields`, and asked only of one a double of none
    before; training.daily_jp, a day holding more JP with the record's other trainings than the rule allows, beside the
    corrected field making it so, `corrected_fields.hours`, else `.start_date`, else `.effective_date`: until
    2026-12-06 beside `corrected_fields`), the training compared with the others as corrected, unless confirmed: every
    question at once (until 2026-12-06 the first alone); the checks confirmed (stored with the correction). One so
    before the correction is not asked again. Until 2026-12-05 a correction making a double was recorded unasked, and
    until 2026-12-06 one making a day too full."""
    target = employee.facts.get(target_version)
    if target is None or target.kind != "training":
        return []
    career = employee.current_context()
    changes = parse_payload(TrainingCompleted, corrected_fields, partial=True)  # (as stored: dates as dates)
    answered = []
    refused = FieldErrors()
    for check, (judge, _) in TRAINING_JUDGED.items():
        if check == TRAINING_DUPLICATE:
            double = new_double(lambda v: doubled_trainings(career, v, target_version), target.values, changes)
            if double is None:
                continue
            if check in confirmed:
                answered.append(check)
            else:
                for key in double[0]:
                    refused.add(key, double[1])
            break  # (one attended twice, asked or confirmed, is not asked of its days: its JP count twice)
        found = judge(career, {**target.values, **changes}, target_version)
        if found is None or judge(career, target.values, target_version) is not None:
            continue
        if check in confirmed:
            answered.append(check)
        else:  # (a day made full beside the field corrected that made it so, as a new training's is beside `hours`)
            named = next((f".{n}" for n in DAY_FIELDS if n in changes), "") if check == TRAINING_DAILY_JP else ""
            refused.add(f"corrected_fields{'.cost' if check == TRAINING_COST else named}", found)
    refused.raise_if_any()
    return answered


class Questions:
    """The questions of a correction asked in turn, every one at once: each one's refusal kept (`answer`) and raised
    together (`raise_if_any`), each reason beside its field (whole_refusal). CareerLog.execute."""

    def __init__(self) -> None:
        self.refused: list[InvalidInput] = []

    def answer(self, ask: Callable[[], T], empty: T) -> T:
        """What `ask()` answers, or, when it refuses, `empty` (no check confirmed), its refusal kept."""
        try:
            return ask()
        except InvalidInput as e:
            self.refused.append(e)
            return empty

    def raise_if_any(self, event_cls: type[LedgerEvent]) -> None:
        """Raise the refusals kept, as one."""
        if self.refused:
            first, *others = self.refused
            more: dict[str, list[str]] = {}
            for other in others:
                for name, reasons in other.errors.items():
                    more.setdefault(name, []).extend(reasons)
            raise whole_refusal(first, event_cls, more)


def corrected_twice(
    employee: Employee, target_version: int, corrected_fields: Mapping[str, Any], confirmed: frozenset[str]
) -> bool:
    """Refuse a correction of a penalty, exam, post appointment or degree that makes it one the record seems to hold
    already under its reference written otherwise (careerlog.domain.employee.recorded_twice: FACT_REPEATED) that it
    was not a double of before (`new_double`), the fact compared with the others as corrected, beside each corrected
    field making it so (`corrected_fields.effective_date` of one moved onto another's date: until 2026-12-07 beside
    `corrected_fields`), naming that fact, unless confirmed (fact.duplicate: True, stored with the correction). One
    leaving it a double of the same facts as before is not asked (until 2026-12-07 one a double of any fact before was
    not asked, though moved onto another). Until 2026-12-06 such a correction was recorded unasked, while the same
    fact recorded anew was asked."""
    target = employee.facts.get(target_version)
    if target is None or target.kind not in RECORDED_TWICE_FIELDS:
        return False
    career = employee.current_context()
    changes = parse_payload(BY_KIND[target.kind], corrected_fields, partial=True)  # (as stored: dates as dates)
    double = new_double(lambda v: recorded_doubles(career, target.kind, v, target_version), target.values, changes)
    if double is None:
        return False
    if FACT_DUPLICATE in confirmed:
        return True
    keys, found = double
    raise InvalidInput({key: [found] for key in keys})


def corrected_placing(
    employee: Employee, target_version: int, corrected: Mapping[str, Any], confirmed: frozenset[str], book: Rules
) -> tuple[InvalidInput | None, set[str]]:
    """The refusal of a live correction of an appointment or a placement changing a field a question of it reads
    (PLACING_READS) into a fact that question asks (PLACING_ASKED: a region outside its agency's seat region or
    province, region.outside_seat; a PNS appointment's TMT not on the 1st, appointment.tmt_first_day), every one at
    once, each beside `corrected_fields.<the first such field changed>`, unless confirmed (not stored, as on the fact
    recorded anew), or None when there is none, and the questions the writer's confirmation answered (asked, and
    confirmed: UnitOfWork.answered, which Outcome.asked tells an import's report). The caller asks it of a live
    correction alone, with its other questions
    at once (CareerLog.execute): never of a migration's, nor of the stored facts again. Until 2026-12-07 a correction
    was never asked them (a KAB-DELISERDANG placement's region corrected from 12.07 to 12.71 was recorded unasked, the
    fact recorded so asked)."""
    target = employee.facts.get(target_version)
    if target is None or target.kind not in ("appointment", "placement"):
        return None, set()
    event_cls = BY_KIND[target.kind]
    changes = parse_payload(event_cls, corrected, partial=True)  # (as stored: dates as dates)
    changed = [name for name, value in changes.items() if not same_value(value, target.values.get(name))]
    asked, answered = FieldErrors(), set()
    for check, (judge, _, kinds) in PLACING_ASKED.items():
        reads = [name for name in PLACING_READS[check] if name in changed]
        if event_cls not in kinds or not reads:
            continue
        found = judge(book, {**target.values, **changes})
        if found is not None and str(found) == str(judge(book, target.values)):
            continue  # (asked just so of the fact as it stands: answered when recorded)
        if found is not None and check in confirmed:
            answered.add(check)
        elif found is not None:
            asked.add(f"corrected_fields.{reads[0]}", found)
    return (InvalidInput(asked.errors) if asked else None), answered


def set_back(
    record: LedgerAggregate, target_version: int, corrected: Mapping[str, Any], actor: str
) -> InvalidInput | None:
    """The question (SET_BACK_UNCONFIRMED), beside each corrected field, of a correction (`corrected`: the fields it
    changes, as decided) setting a field back to a value it held before its last correction, when another writer than
    `actor` made that correction; None when it sets none back so. The caller asks it of a live correction sent with no
    condition on the fact as read, unconfirmed (CareerLog.execute)."""
    target = record.facts.get(target_version)
    if target is None or target.event is None or not target.corrected_by:
        return None
    kind = target.event_class
    held = payload_values(target.event)  # (as recorded, then as each correction left it)
    before: dict[str, list[Any]] = {}  # each field's values before its last change
    last: dict[str, LedgerEvent] = {}  # the correction that last changed each field
    for version in target.corrected_by:
        event = record.events[version]
        for name, value in stored_changes(kind, getattr(event, "corrected_fields", {})).items():
            if not same_value(value, held.get(name)):
                before.setdefault(name, []).append(held.get(name))
                last[name] = event
            held[name] = value
    refused = FieldErrors()
    for name, value in parse_payload(kind, corrected, partial=True).items():
        changed = last.get(name)
        if changed is None or changed.recorded_by == actor or not any(same_value(value, v) for v in before[name]):
            continue
        said = {"now": to_plain(target.values.get(name)), "value": to_plain(value), "by": changed.recorded_by}
        reason = SET_BACK_UNCONFIRMED.reason(field=name, version=changed.originator_version, **said)
        refused.add(f"corrected_fields.{name}", reason)
    return InvalidInput(refused.errors) if refused.errors else None


def retracted_jump(employee: Employee, target_version: int, confirmed: frozenset[str]) -> bool:
    """A retraction of a promotion that leaves a later one moving more ranks above the rank then held than its kind
    allows is refused beside target_version, naming that promotion, as a correction making such a step is (unless
    confirmed, where the rule lets a confirmation record it: True; careerlog.domain.employee.later_jump)."""
    jump = later_jump(employee.current_context(), employee.fact(target_version), rules())
    if jump is None or jump_confirmed(jump, confirmed):
        return jump is not None
    raise InvalidInput(jump[0], "target_version")


RANK_FIELDS: dict[str, tuple[type[LedgerEvent], str]] = {
    "rank_promotion": (RankPromoted, "new_rank"),
    "appointment": (Appointed, "rank"),
}


def corrected_later_jump(
    employee: Employee, target_version: int, corrected_fields: Mapping[str, Any], confirmed: frozenset[str]
) -> bool:
    """A correction of a promotion's or the appointment's rank or TMT that leaves another promotion moving more ranks
    above the rank then held than its kind allows is refused beside the corrected field (its rank first), naming
    that promotion, unless confirmed (True; careerlog.domain.employee.later_jump)."""
    target = employee.fact(target_version)
    found = RANK_FIELDS.get(target.kind)
    if found is None or not {found[1], "effective_date"} & corrected_fields.keys():
        return False
    changes = parse_payload(found[0], corrected_fields, partial=True)
    jump = later_jump(employee.current_context(), target, rules(), changes)
    if jump is None or jump_confirmed(jump, confirmed):
        return jump is not None
    named = found[1] if found[1] in changes else "effective_date"
    raise InvalidInput(jump[0], f"corrected_fields.{named}")


def decision_problems(
    employee: LedgerAggregate, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
) -> dict[str, list[str]] | None:
    """The problems the record's decision finds in a recording already refused for another reason (its decision
    made for nothing, to name them with that reason: whole_refusal), or None."""
    try:
        employee.decide(event_cls, values, recording)
    except InvalidInput as refused:
        return refused.errors
    return None


# The refusals of a value that is no number at all (a JP's named as JP): a number written with an exponent refused so is
# refused as written with one (CareerLog._exponents_judged), not as out of its field's bounds ("1e400" JP reads as a
# number followed by words, HOURS_UNIT, since 2026-12-07)
NOT_NUMBERS = (NOT_INTEGER, HOURS_NOT_WHOLE, HOURS_UNIT, HOURS_NOT_DIGITS, NOT_NUMBER)


CHANGED = "corrected_fields."  # a correction's corrected value as its refusal names it: corrected_fields.cost


def exponent_cells(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A payload's values by the name its refusal gives each: its fields, and a correction's corrected values as
    corrected_fields.<field> (CareerLog._exponents_judged judges a number written with an exponent among either)."""
    changes = payload.get("corrected_fields")
    nested = {CHANGED + name: value for name, value in changes.items()} if isinstance(changes, Mapping) else {}
    return {**payload, **nested}


def written_with_exponent(payload: Mapping[str, Any]) -> bool:
    """Whether any of a payload's cells (exponent_cells') is a number written with an exponent: a payload of no
    corrected values is looked through as it is, not copied first (every row of an import asks: the copy cost about
    1 us a row), its values' types searched for the one in C (`in` over map(type, ...): half the CPU of any() over a
    generator, about 1 us a row)."""
    changes = payload.get("corrected_fields")
    if changes is not None and isinstance(changes, Mapping):
        return WrittenWithExponent in map(type, exponent_cells(payload).values())
    return WrittenWithExponent in map(type, payload.values())


def with_cells(payload: Mapping[str, Any], cells: Mapping[str, Any]) -> dict[str, Any]:
    """A payload with some of its values (named as exponent_cells names them) replaced."""
    changed = dict(payload)
    nested = {name.removeprefix(CHANGED): value for name, value in cells.items() if name.startswith(CHANGED)}
    changed.update({name: value for name, value in cells.items() if not name.startswith(CHANGED)})
    if nested:
        changed["corrected_fields"] = {**payload["corrected_fields"], **nested}
    return changed


CORRECTION_FIELDS = frozenset(("target_version", "corrected_fields"))  # a correction's fields judged with its target


def problems_without_record(
    event_cls: type[LedgerEvent], subject: str, payload: Mapping[str, Any], recorded_on: date, live: bool = True
) -> dict[str, list[str]]:
    """What a recording's own cells tell of it when its record is not at hand (its NIP of no identity number's form,
    or of no one appointed): each cell left out or that does not read, as `execute` reads them, and the checks of
    the fact judging its own fields alone (careerlog.domain.employee.own_problems: a mentor's NIP of no identity
    number's form, a training's first day after its last), so that the NIP's refusal names them with it. An
    appointment's are none (its NIP is its own record's: `appointment_read_problems`)."""
    if event_cls is Appointed:
        return {}
    if event_cls is PerformanceRated:  # (a predicate as its year's scheme names it, as execute reads it)
        payload = in_year_scheme(payload, rules())
    unread: set[str] = set()
    try:
        values, refused = (parse_judged if live else parse_payload)(event_cls, payload), InvalidInput({})
    except InvalidInput as e:
        refused = rating_refusal(e, payload) if event_cls is PerformanceRated else e
        values, unread = read_cells(event_cls, payload, refused.errors, live=live)
    if isinstance(values.get("mentor_nip"), str):
        values["mentor_nip"] = normalise_nip(values["mentor_nip"])
    problems = own_problems(normalise_nip(subject), event_cls.KIND, ReadValues(values, unread), recorded_on)
    return whole_refusal(refused, event_cls, problems).errors


def own_fields_problems(event_cls: type[LedgerEvent], command: Command, recording: Recording) -> dict[str, list[str]]:
    """What a live recording's own fields tell of it, judged alone (`problems_without_record`: a training of no JP,
    its first day after its last, a date in the future), asked when it meets a recording sent before with other
    values (a reference's or client key's conflict, 409): a recording whose fields are refused is refused for them
    first (422, every field to mend at once), as one of a new reference would be; its conflict is told once they
    are valid. The same recording sent again is answered as recorded, never asked (until 2026-12-07 the 409 came
    first, naming none of the fields to mend); a retracted fact's values sent again are answered with the retraction
    first (careerlog.domain.ledger.resent_retracted), these problems kept with it (IdempotencyConflict.own_fields:
    an import's row tells them after it; since later on 2026-12-07)."""
    return problems_without_record(event_cls, command.subject, command.payload, recording.recorded_on)


def read_cells(
    event_cls: type[LedgerEvent], payload: Mapping[str, Any], refused: Mapping[str, list[str]], *, live: bool
) -> tuple[dict[str, Any], set[str]]:
    """A refused payload's fields whose cells read, with their values (an optional field not given: None), and the
    fields that did not (`refused` names them, a required one left out among them); of `live` input, a post's level
    read as the recording reads it (`level_as_its_code`: "ahli muda" is AHLI_MUDA; until 2026-12-06 refused as no
    level of FUNGSIONAL beside the title left out, and recorded once the title was given)."""
    values: dict[str, Any] = {}
    unread: set[str] = set()
    for spec in payload_fields(event_cls):
        name = spec.name
        if name in refused or (name not in payload and spec.required):
            unread.add(name)
        elif name not in payload:
            values[name] = None
        else:
            try:
                values[name] = parse_payload(event_cls, {name: payload[name]}, partial=True)[name]
            except InvalidInput:
                unread.add(name)
    return (level_as_its_code(event_cls, values) if live else values), unread


_FIELD_ORDERS: dict[type[LedgerEvent], dict[str, int]] = {}


def _field_order(event_cls: type[LedgerEvent]) -> dict[str, int]:
    order = _FIELD_ORDERS.get(event_cls)
    if order is None:
        names = ("nip", "name", *(spec.name for spec in filled_fields(event_cls)))
        order = _FIELD_ORDERS[event_cls] = {name: i for i, name in enumerate(names)}
    return order


# The rows of the units' registrations (version 1 of a subject "UNIT:..."), as the partial index of them on the events
# table (`events_indexes`) and the query reading them (`CareerLog.unit_subjects`) both write it: SQLite uses a partial
# index only for a query whose WHERE holds the index's terms as written, PostgreSQL one whose WHERE implies them (the
# same text does), and with no parameter. substr(...) = 'UNIT:', not LIKE 'UNIT:%': SQLite's LIKE ignores letter case,
# and a LIKE prefix is no btree range under PostgreSQL's non-C collations anyway (here the predicate alone is used).
# The index holds originator_version too, though always 1 in it: SQLite does not see the index's WHERE answer the
# query's originator_version = 1, and without the column preferred scanning the whole primary key (which covers).
UNIT_REGISTRATIONS = "originator_version = 1 AND substr(originator_id, 1, 5) = 'UNIT:'"


def events_indexes(table: str) -> list[str]:
    """careerlog's own indexes on the library's events table `table` (CareerLog.create_indexes): the units'
    registrations, a few hundred rows of the millions, read whenever a unit's name is first looked up in a unit of
    work (`CareerLog.unit_as_recorded`); an event written that is not one costs the index nothing but the test."""
    return [
        f"CREATE INDEX IF NOT EXISTS {table}_unit_registrations ON {table} (originator_version, originator_id)"
        f" WHERE {UNIT_REGISTRATIONS}"
    ]


def unit_subjects_statement(table: str) -> str:
    """The query of the units' subjects (`CareerLog.unit_subjects`) in the events table `table`, as the partial index
    of their registrations answers it."""
    return f"SELECT originator_id FROM {table} WHERE {UNIT_REGISTRATIONS}"


class CareerLog(Application[str]):
    """The career ledger of a civil service."""

    name = "CareerLog"
    retries = 8

    def __init__(self, env: Mapping[str, str] | None = None, *, clock: Clock = utc_now):
        super().__init__(env)
        self.clock = clock
        datastore = getattr(self.recorder, "datastore", None)
        if datastore is not None:  # the library built its pool with a pre-ping per checkout (a round trip)
            check_connections_when_in_doubt(datastore)
        if datastore is not None and self.factory.env_create_table():  # type: ignore[attr-defined]
            self.create_indexes()
        self.held_keys: dict[str, str] | None = None  # a store of no tables of careerlog's (in memory): the key owners
        # The units known in an agency (its code: the unit names, any spelling), read from the views by a ledger
        # extension (`extended`: projections.ledger's), which careerlog does not import; None: no unit is asked
        # (NEW_UNIT)
        self.units_known: Callable[[str], Iterable[str]] | None = None
        # What the writer is told of each rank promotion recorded (or corrected) in a record (the record, the (kind,
        # version) of each write: one read of the record for them all; a dry run's events of the record, not stored,
        # or None for a live write's): the rules the audit judges it against (`promotion_findings`), given by a ledger
        # extension as units_known is; None: nothing said
        # (subject, writes, a dry run's events not stored, the events to judge from instead of the record's)
        self.findings_of: (
            Callable[
                [str, Sequence[tuple[str, int]], Sequence[LedgerEvent] | None, Sequence[LedgerEvent] | None],
                list[tuple[Reason, ...]],
            ]
            | None
        ) = None
        self.units_recorded: dict[tuple[str, str], str] = {}  # (agency, unit_key): the name this process recorded
        self._units_read: dict[str, tuple[float, dict[str, str]]] = {}  # agency -> (when read, unit_key -> name)
        if datastore is None:
            self.held_keys = {}
        elif self.factory.env_create_table():  # type: ignore[attr-defined]
            self.create_key_owners()
        if datastore is not None:
            # every write of events checks the store's marker (careerlog.storekey), recorded now when missing
            self.recorder.key_check = KeyCheck(self.mapper.cipher)  # type: ignore[attr-defined]
            if self.factory.env_create_table():  # type: ignore[attr-defined]
                self.record_store_key()

    def construct_factory(self, env: Environment) -> InfrastructureFactory[Any]:
        """The library's factory of the store, making careerlog's recorder of it (careerlog.persistence's, which
        claims a write's client keys in the transaction writing its events). A recorder the environment names
        (APPLICATION_RECORDER_TOPIC, or CAREERLOG_APPLICATION_RECORDER_TOPIC) is refused at start, naming the setting,
        unless it is one of careerlog's (a subclass of it): the library's plain recorder ignores the client keys, and
        one key would be recorded for two records (until 2026-12-06 it was used)."""
        factory = super().construct_factory(env)
        # the URL's libpq parameters (sslmode ...), which the library's settings do not take: given to its pool
        apply_postgres_options(getattr(factory, "datastore", None), env.get(POSTGRES_OPTIONS_ENV))
        recorder = KEYED_RECORDERS.get(type(factory))
        if recorder is None:
            return factory
        setting = factory.APPLICATION_RECORDER_TOPIC
        named = env.get(setting)
        if named is None:
            env[setting] = get_topic(recorder)
            return factory
        try:
            chosen = resolve_topic(named)
        except TopicError:
            chosen = None
        if not (isinstance(chosen, type) and issubclass(chosen, recorder)):
            given = next(key for key in env.create_keys(setting) if key in env)
            raise ConfigurationError(
                f"{given} names the recorder {named!r}, which does not claim a write's client keys in the "
                f"transaction writing its events, and a key would be recorded for two records: unset it, or name "
                f"careerlog's recorder ({get_topic(recorder)}) or a subclass of it"
            )
        return factory

    def create_key_owners(self) -> None:
        """The table of the record each client key was first used for (careerlog.keyowners), made when missing and
        filled from the log in the same transaction: each key's first record for each writer (a store of an earlier
        release reads its whole log once, on first start; docs/operations.md), the table of a release before keys
        were kept per writer (FORMER_KEY_OWNERS) dropped with it. A start cut off while filling it leaves no table
        (and the former one), and the next start makes and fills it again; a former table found beside this one (an
        older release run again since) has this one made and filled again."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        store = SqlStore(self.recorder.datastore)  # type: ignore[attr-defined]
        position = self.position_column()
        statement = (
            f"SELECT {position} AS position, originator_id, originator_version, topic, state FROM {table}"
            f" WHERE {position} > ? ORDER BY {position} LIMIT {keyowners.FILL_PAGE}"
        )
        with store.transaction() as sql:
            known = sql.relation_names([keyowners.KEY_OWNERS, keyowners.FORMER_KEY_OWNERS])
            if keyowners.FORMER_KEY_OWNERS in known:
                # (the former table beside this one: a release before keys were kept per writer made it again since,
                # rolled back to or a process of it restarted, and claimed its writes' keys there alone: this one is
                # filled again from the log, which holds every write's key and writer; a review of 2026-12-07)
                sql.execute(f"DROP TABLE IF EXISTS {keyowners.KEY_OWNERS}")
                known.discard(keyowners.KEY_OWNERS)
            if not sql.create_missing(keyowners.STATEMENTS, existing=known):
                return
            sql.execute(f"DROP TABLE IF EXISTS {keyowners.FORMER_KEY_OWNERS}")  # (every writer's keys in one)
            after = 0
            while True:  # (a page of the log at a time, on this transaction's own connection)
                rows = sql.query(statement, [after])
                claims: dict[str, str] = {}
                for row in rows:
                    event = self.decode(row)
                    key = getattr(event, "client_key", None)
                    if key:
                        claims.setdefault(keyowners.digest(key, event.recorded_by), str(row["originator_id"]))
                if claims:  # (a digest claimed by an earlier page keeps its first record)
                    keyowners.claim(sql, claims)
                if len(rows) < keyowners.FILL_PAGE:
                    return
                after = int(rows[-1]["position"])

    def record_store_key(self) -> None:
        """Make the table of the store's marker of its encryption (careerlog.storekey) when missing; in a store holding
        events but no marker (made by an earlier release), record this process's (the store's first event was
        checked against it at start). Settings.prepare records it at start, events or none; a store of no event and
        no marker here (its marker cleared since, docs/operations.md) gets it with its first events."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.create_missing(storekey.STATEMENTS)
            if sql.scalar(storekey.SELECT) is None and sql.query(f"SELECT 1 FROM {table} LIMIT 1"):
                self.recorder.key_check.check(sql)  # type: ignore[attr-defined]

    def key_owners(self, digests: Iterable[str]) -> dict[str, str]:
        """The record each of `digests` was first used for, as the store holds it (none: unclaimed)."""
        if self.held_keys is not None:
            return {d: self.held_keys[d] for d in digests if d in self.held_keys}
        with SqlStore(self.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            return keyowners.owners(sql, digests)

    def key_claims(self, events: Iterable[LedgerEvent], judged: Collection[str] = ()) -> keyowners.Claims | None:
        """The claims of new events' client keys for their records (careerlog.keyowners.Claims), claimed in the
        transaction that writes the events (the recorders of careerlog.persistence): a key of a live command
        (`judged`: its digest, judge_key_owner's) claimed meanwhile for another record is a concurrent write
        (RecordConflictError, nothing written), decided again and refused then (KEY_ELSEWHERE). A store of no tables
        of careerlog's (in memory) holds its claims here, taken now."""
        claims = keyowners.Claims.of(events, judged)
        if claims is not None and self.held_keys is not None:
            claims.hold(self.held_keys)
            return None
        return claims

    def create_indexes(self) -> None:
        """Create careerlog's own indexes on the library's events table, those not there yet (`Sql.create_missing`:
        a store opened again reads the catalog once and takes no lock): a store made by an earlier release gets
        them when first opened by this one (on PostgreSQL, CREATE INDEX reads the whole table once, holding off
        writes meanwhile: docs/operations.md)."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).transaction() as sql:  # type: ignore[attr-defined]
            sql.create_missing(events_indexes(table))

    def promotion_findings(self, outcome: Outcome) -> tuple[Reason, ...]:
        """What the writer is told of the rank promotion a write just recorded, or whose correction it recorded, or of
        the CPNS appointment (`findings_of`: the audit's rules it does not meet, recorded all the same); none for any
        other write, one already recorded before, or a ledger no extension told (`extended`)."""
        if not outcome.created or self.findings_of is None:
            return ()
        if outcome.kind == "correction" and not outcome.corrects_judged:  # (no record read for it)
            return ()
        alone = [outcome.appointed] if outcome.appointed is not None else None  # (a CPNS appointment: no record read)
        [found] = self.findings_of(outcome.subject, [(outcome.kind, outcome.version)], None, alone)
        return found

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock = utc_now) -> CareerLog:
        as_made = settings.prepare()
        if as_made:  # (a command that only reads: nothing made, so no lock to take; Settings.prepare)
            return cls(settings.eventsourcing_env(as_made=True), clock=clock)
        with settings.schema_lock():
            return cls(settings.eventsourcing_env(as_made=False), clock=clock)

    def construct_mapper(self) -> Mapper[str]:
        return CareerMapper(
            transcoder=NullTranscoder(),
            cipher=self.factory.cipher(),
            compressor=self.factory.compressor(),
        )

    # ------------------------------------------------------------------ commands

    def record(
        self,
        nip: str,
        kind: str,
        payload: Mapping[str, Any],
        *,
        actor: str,
        client_key: str | None = None,
        migration: Migration | None = None,
        guard: Guard | None = None,
        confirmed: Iterable[str] = (),
        changed_in: frozenset[int] | None = None,
        confirm_nip: Any = None,
        key_anew: bool = True,
        as_read: bool = False,
    ) -> Outcome:
        """Record one fact (or correction, or retraction) in an employee's record.

        `guard` checks each existing record written, on the state the write appends to (see Guard); `confirmed`
        names the checks (CONFIRMABLE) the writer confirms (a promotion moving more ranks than its kind allows);
        `changed_in`, a correction's or retraction's condition (Command.changed_in, `unchanged_since`);
        `confirm_nip`, the record's NIP given again, confirming a void (`void_confirmed`); `key_anew`, whether a new
        `client_key` asks to record a retracted fact's values anew (Command.key_anew); `as_read`, whether a correction
        is made on the fact as it stands, read (Command.as_read: not asked whether it sets a field back)."""
        command = Command(
            subject_of(nip, kind),
            kind,
            payload,
            client_key,
            migration,
            confirmed=frozenset(confirmed),
            changed_in=changed_in,
            confirm_nip=confirm_nip,
            key_anew=key_anew,
            as_read=as_read,
        )
        return self.execute_with_retries(command, actor, guard)

    def judge(
        self,
        nip: str,
        kind: str,
        payload: Mapping[str, Any],
        *,
        actor: str,
        guard: Guard | None = None,
        confirmed: Iterable[str] = (),
        confirm_nip: Any = None,
        as_read: bool = False,
    ) -> dict[str, list[str]]:
        """What recording this fact would be refused for, per field (none: it would be recorded), judged as `record`
        judges it and never recorded, whatever the answer: for a client that refused some cells itself and hands
        them on as Unreadable with its reasons (the API's schema), to name every problem at once. A record not
        appointed (NotFound, unless the payload's own cells tell more: `problems_without_record`) or outside the
        guard's scope raises as `record` does (`as_read`: as `record`'s)."""
        command = Command(
            subject_of(nip, kind),
            kind,
            payload,
            confirmed=frozenset(confirmed),
            confirm_nip=confirm_nip,
            as_read=as_read,
        )
        try:
            self.execute(UnitOfWork(self, guard=guard), command, actor)  # (its unit of work is never saved)
        except InvalidInput as refused:
            return refused.errors
        return {}

    def problems_without_record(self, nip: str, kind: str, payload: Mapping[str, Any]) -> dict[str, list[str]]:
        """What a recording's own cells tell of it, its record not at hand (a NIP of no identity number's form, or of
        no one appointed; the module's `problems_without_record`), judged as if recorded now: for a form that refuses
        the NIP before the ledger is asked, to name every field to mend with it. None for an unknown kind."""
        event_cls = RECORDABLE_KINDS.get(kind)
        if event_cls is None:
            return {}
        return problems_without_record(event_cls, nip, payload, local_date(self.clock()))

    def rate_unit(
        self,
        agency: str,
        unit: str,
        payload: Mapping[str, Any],
        *,
        actor: str,
        client_key: str | None = None,
        confirmed: Collection[str] = (),
    ) -> Outcome:
        """Record a unit's own performance rating for a year (`confirmed`: a unit new in its agency near a known one,
        unit.new, as `_execute_unit` asks it)."""
        return self.record_in_unit(
            agency, unit, "unit_rating", payload, actor=actor, client_key=client_key, confirmed=confirmed
        )

    def record_in_unit(
        self,
        agency: str,
        unit: str,
        kind: str,
        payload: Mapping[str, Any],
        *,
        actor: str,
        client_key: str | None = None,
        changed_in: frozenset[int] | None = None,
        confirmed: Collection[str] = (),
    ) -> Outcome:
        """Record in a unit's record: its rating of a year, or a correction or retraction of one (the kinds a unit's
        record takes, as an import row naming agency and unit, or `careerlog record UNIT:...`, records them).
        `changed_in`: a correction's or retraction's condition (Command.changed_in, `unchanged_since`); `confirmed`:
        the checks the writer confirms (a rating's unit.new)."""
        command = Command(
            unit_subject(agency, unit),
            kind,
            payload,
            client_key,
            confirmed=frozenset(confirmed),
            changed_in=changed_in,
        )
        return self.execute_with_retries(command, actor)

    def execute_with_retries(self, command: Command, actor: str, guard: Guard | None = None) -> Outcome:
        for attempt in range(self.retries):
            uow = UnitOfWork(self, guard=guard)
            outcome = self.execute(uow, command, actor)
            changed = uow.changed()
            try:
                events = (cast(LedgerEvent, e) for a in changed for e in a.pending_events)
                self.save(*changed, client_keys=self.key_claims(events, uow.judged_keys))
            except RecordConflictError:
                time.sleep(0.005 * (attempt + 1))
                continue
            self._units_saved(uow)
            return outcome
        raise ConcurrencyConflict(KEPT_CHANGING.reason(subject=command.subject))

    def record_batch(
        self,
        commands: Iterable[Command],
        *,
        actor: str,
        dry_run: bool = False,
        uow: UnitOfWork | None = None,
    ) -> list[Outcome | Exception]:
        """Carry out many commands and save them in one transaction: an outcome or an error each.

        A command that fails leaves no trace; the others are recorded. If a concurrent
        writer changed one of the records meanwhile, the batch is redone one by one.
        A dry run checks against the records as the earlier batches of the run left
        them when it is given their unit of work.
        """
        commands = list(commands)
        uow = uow or UnitOfWork(self)
        results = self.decide_batch(commands, actor, uow)
        if dry_run:
            return results
        try:
            self.save_batch(uow.new_events(), uow.judged_keys)
            uow.saved = True
            self._units_saved(uow)
        except RecordConflictError:
            results = self.redo_alone(commands, actor, uow.guard)
        return results

    def decide_batch(self, commands: Sequence[Command], actor: str, uow: UnitOfWork) -> list[Outcome | Exception]:
        """Carry out a batch's commands in the unit of work (nothing saved): an outcome or an error each."""
        uow.now = None
        uow.preload(batch_subjects(commands))
        keys = {keyowners.digest(c.client_key, actor) for c in commands if c.client_key and c.migration is None}
        if unknown := keys - uow.key_owners.keys():
            found = self.key_owners(unknown)
            uow.key_owners.update({digest: found.get(digest, "") for digest in unknown})
        results: list[Outcome | Exception] = []
        append, execute, note = results.append, self.execute, uow.note
        for command in commands:  # self._attempt(uow, command, actor) for each, without the call
            try:
                append(execute(uow, command, actor))
            except (InvalidInput, NotFound, IdempotencyConflict) as e:
                append(e)
            finally:
                note()
        return results

    def redo_alone(
        self, commands: Sequence[Command], actor: str, guard: Guard | None = None
    ) -> list[Outcome | Exception]:
        """A batch that met a concurrent write, carried out and saved one command at a time from fresh records."""
        return [self._attempt_alone(command, actor, guard) for command in commands]

    def save_batch(self, events: Iterable[LedgerEvent], judged: Collection[str] = ()) -> None:
        """Save new events of many records in one transaction, written in bulk, in the given order.

        The same stored events as `save`; a concurrent write to one of the records raises
        RecordConflictError and nothing is saved, as it is when a live command's key (`judged`) was claimed for
        another record meanwhile (`key_claims`).
        """
        events = list(events)
        claims = self.key_claims(events, judged)
        insert_stored_events(self.recorder, cast(CareerMapper, self.mapper).to_stored_rows(events), claims)

    def write_ahead(self, events: list[LedgerEvent], rows: list[Any], judged: Collection[str]) -> None:
        """`save_batch` of events already made into rows (WritingAhead's writer thread)."""
        insert_stored_events(self.recorder, rows, self.key_claims(events, judged))

    def _attempt(self, uow: UnitOfWork, command: Command, actor: str) -> Outcome | Exception:
        try:
            return self.execute(uow, command, actor)
        except (InvalidInput, NotFound, IdempotencyConflict) as e:
            return e
        finally:
            uow.note()

    def _attempt_alone(self, command: Command, actor: str, guard: Guard | None = None) -> Outcome | Exception:
        try:
            return self.execute_with_retries(command, actor, guard)
        except (InvalidInput, NotFound, IdempotencyConflict, ConcurrencyConflict) as e:
            return e

    def execute(self, uow: UnitOfWork, command: Command, actor: str) -> Outcome:
        """Check one command against the loaded records and apply it (without saving); a live placement's warnings
        (placement_warnings) with its outcome, and a correction or retraction followed by the mentor's side's
        releases it lets be recorded (_release_held)."""
        uow.unit_let = uow.unit_confirmed = uow.judging = None
        uow.answered = set()
        try:
            outcome = self._execute(uow, command, actor)
        except IdempotencyConflict as conflict:
            if uow.judging is not None and (own := own_fields_problems(*uow.judging)):
                if resent_retracted(conflict) is None:
                    raise InvalidInput(own) from None  # (every field to mend first: own_fields_problems)
                conflict.own_fields = own  # (a retracted fact's values sent again: told so first, then its fields)
            raise
        if not outcome.created:
            return outcome
        if command.confirmed and (asked := confirmations_answered(uow, outcome)):
            outcome = replace(outcome, asked=asked)
        if uow.unit_let is not None:  # (a unit new in its agency a placement let through: known to the next commands)
            uow.units_made.setdefault(*uow.unit_let)
        if uow.unit_confirmed is not None:  # (by the writer's confirmation: an import's report names it)
            outcome = replace(outcome, new_unit=uow.unit_confirmed)
        if outcome.kind in ("penalty", "correction") and command.migration is None:
            warnings = penalty_warnings(uow, outcome)
            outcome = replace(outcome, warnings=warnings) if warnings else outcome
        if outcome.kind in ("correction", "retraction"):  # (a migration's too: an export holds no MenteeReleased, the
            self._release_held(uow, outcome)  # system's, so it is derived again where the live write derived it)
            if outcome.kind == "correction" and corrects_judged(uow.get(outcome.subject), outcome.version):
                return replace(outcome, corrects_judged=True)
        elif outcome.kind == "placement" and command.migration is None:
            warnings = placement_warnings(uow, outcome)
            return replace(outcome, warnings=warnings) if warnings else outcome
        elif outcome.kind == "appointment" and command.migration is None:
            return appointment_judged_alone(uow, outcome)
        return outcome

    def _release_held(self, uow: UnitOfWork, outcome: Outcome) -> None:
        """The mentor's side closed where the mentee's side was ended alone (beyond_scope) and the mentor's record
        now takes it: after a correction or retraction of a mentor's record (its separation corrected to a later
        day, or retracted), or of a mentoring on a mentee's record (its end corrected to a day the mentor's record
        takes), a MenteeReleased mirroring each such end, recorded with it (the same save, by the same writer, at the
        same time). A release the mentor's record still refuses waits, told to no one (the writer may not see the
        mentor): the views read the mentee's side meanwhile (projections/mentoring.py). A migration derives it again
        at the same row (an export holds none: the system's), so that a log is restored as it was recorded."""
        record = uow.get(outcome.subject)
        if record is None:
            return
        change = record.events.get(outcome.version)
        recording = Recording(outcome.recorded_at, change.recorded_by, change.migrated) if change is not None else None
        target = record.facts.get(getattr(change, "target_version", 0))
        if target is None or recording is None:
            return
        # (of the mentor's own facts only its separation, a status change, and its appointment bound the days its
        # record takes a release on: a change of any other reads no mentee's record)
        mentors = [record] if target.kind in RELEASE_BOUNDS else []
        if target.kind in ("mentoring_start", "mentoring_end"):
            mentor = uow.get(target.values.get("mentor_nip", ""))
            if mentor is not None:
                mentors.append(mentor)
        names = {spec.name for spec in payload_fields(MenteeReleased)}
        for mentor in mentors:
            for nip, assigned in mentees_held(mentor).items():
                end = mentee_side_end(uow.get(nip), mentor.id, assigned)
                if not isinstance(end, Fact):
                    continue
                values = {k: v for k, v in end.values.items() if k in names} | {"mentee_nip": nip}
                try:
                    decision = mentor.decide(MenteeReleased, values, recording)
                except InvalidInput:  # (the mentor's record still refuses it: kept for a later write)
                    continue
                if isinstance(decision, Decision):
                    decision.commit()

    def _execute(self, uow: UnitOfWork, command: Command, actor: str) -> Outcome:
        """Check one command against the loaded records and apply it (without saving)."""
        event_cls = RECORDABLE_KINDS.get(command.kind)
        if event_cls is None:
            known = ", ".join(RECORDABLE_KINDS)
            raise InvalidInput(UNKNOWN_KIND.reason(kind=quoted(command.kind), known=known), "kind")
        if written_with_exponent(command.payload):
            command = self._exponents_judged(uow, command, actor)
        if command.migration is None:  # each text in NFC, whatever the route (a migration keeps a log's as it was)
            payload = in_nfc_payload(command.payload)
            if payload is not command.payload:
                command = replace(command, payload=payload)
        recording = self.recording(command, actor, uow)
        if command.confirmed and not command.confirmed <= set(CONFIRMABLE):
            given = ", ".join(sorted(command.confirmed - set(CONFIRMABLE)))
            raise InvalidInput(UNKNOWN_CONFIRMATION.reason(given=given, known=", ".join(CONFIRMABLE)), "confirm")
        subject = command.subject
        if command.confirm_nip is not None:  # (a NIP given again with no retraction, or in a unit's record)
            refused = void_confirmed(None, event_cls, {}, command)
            if refused is not None:
                raise refused
        if subject.startswith("UNIT:") and event_cls is not Appointed:  # (an appointment's NIP: checked as one below)
            return self._execute_unit(uow, command, event_cls, recording)
        try:
            if command.unread_nip is not None:  # (a NIP cell an import could not read, named so)
                raise InvalidInput(command.unread_nip, "nip")
            nip_check = uow.nip_check
            if nip_check is None:
                nip_check = uow.nip_check = nip_checker(nip_rules())
            nip_check(subject)
        except InvalidInput as e:  # (with what the row's own cells tell: every field to mend, named at once)
            # (an imported row of no NIP, told of merged cells: importing; a NIP given blank to the API or the command
            # line, which has no rows nor cells, as any field given blank)
            refused = e if subject else InvalidInput(NO_NIP if command.line else EMPTY, "nip")
            own = problems_without_record(
                event_cls, subject, command.payload, recording.recorded_on, command.migration is None
            )
            raise whole_refusal(refused, event_cls, own) from None
        payload = command.payload
        if event_cls is PerformanceRated and command.migration is None:  # (a migration keeps the log's codes)
            payload = in_year_scheme(payload, uow.rules())  # (a predicate as its year's scheme names it: its code)
        try:  # (a number written as a stand-in for none refused of live input: a migration keeps a log's)
            values = parse_payload(event_cls, payload) if command.migration else parse_judged(event_cls, payload)
        except InvalidInput as e:  # (a row is fixed once: its name and a future date named with its fields)
            if event_cls is PerformanceRated and command.migration is None:
                e = rating_refusal(e, payload)
            raise whole_refusal(e, event_cls, self._unparsed_problems(uow, command, event_cls, recording, e)) from None
        if isinstance(values.get("mentor_nip"), str):  # (written with spaces, dots or dashes, as a NIP may be)
            values["mentor_nip"] = normalise_nip(values["mentor_nip"])
        if command.migration is None:  # (its own fields judged before a conflict with a recording sent before)
            uow.judging = (event_cls, command, recording)
        left_out: list[str] = []  # (FILLED_IN's; most kinds fill in none: neither asked)
        if event_cls.KIND in FILLED_IN:
            left_out = [name for name in filled_in(event_cls.KIND) if values.get(name) is None]
            complete(event_cls, values)
        if event_cls is Appointed:
            if uow.guard is not None:  # (where it places the employee, as read: not as a client wrote it)
                uow.guard.appointment(subject, values)
            self.judge_key_owner(command, recording, uow)
            before = self._appointed_before(uow, command, values, recording)  # (answered before any question)
            if before is not None:
                return before
            outside = placing_unconfirmed(event_cls, values, command, uow.rules())  # (asked with a unit new)
            uow.answered |= placing_answered(event_cls, values, command, uow.rules())
            try:
                if self._refuse_unit_unknown(uow, None, event_cls, values, command):
                    recording = confirming(recording, NEW_UNIT)  # (a new unit the writer confirmed: stored with it)
            except InvalidInput as asked:
                raise asked if outside is None else whole_refusal(outside, event_cls, asked.errors) from None
            if outside is not None:
                raise outside
            return self._appoint(uow, command, values, recording)
        employee = uow.get(subject)
        if employee is None:
            own = problems_without_record(event_cls, subject, payload, recording.recorded_on, command.migration is None)
            if own:  # (named with the NIP: every field to mend at once)
                raise whole_refusal(InvalidInput(NOT_APPOINTED.reason(nip=subject), "nip"), event_cls, own)
            raise NotFound(NOT_APPOINTED.reason(nip=subject))
        if uow.guard is not None:
            uow.guard(employee, "nip")
            uow.guard.change(employee, event_cls.KIND, values)
            if command.migration is None and LEAVES_SCOPE not in command.confirmed:
                left = uow.guard.leaves(employee, event_cls.KIND, values)
                if left is not None:  # (out of the writer's reach once recorded: LEAVES_UNCONFIRMED)
                    named, agency, scope = left
                    refused = InvalidInput(LEAVES_UNCONFIRMED.reason(agency=agency, scope=scope), named)
                    ending = self._posts_unconfirmed(employee, event_cls, values, command)  # (all asked at once:
                    if ending is not None:  # the post it ends, and a unit new in the agency moved to)
                        refused = whole_refusal(refused, event_cls, ending.errors)
                    try:
                        self._refuse_unit_unknown(uow, employee, event_cls, values, command)
                    except InvalidInput as asked:  # (until 2026-12-05 asked in a round of its own, once confirmed)
                        refused = whole_refusal(refused, event_cls, asked.errors)
                    raise refused
            elif command.migration is None and uow.guard.leaves(employee, event_cls.KIND, values) is not None:
                uow.answered.add(LEAVES_SCOPE)  # (confirmed out of the scope: not stored, Outcome.asked tells it)
        # (after the NIP and the scope: a key's use elsewhere told to no one else)
        self.judge_key_owner(command, recording, uow)
        if event_cls is PerformanceRated and command.migration is None:  # (a migration keeps what a log holds)
            in_scheme = FieldErrors()
            check_rating(values, uow.rules(), in_scheme)
            if in_scheme:
                others = decision_problems(employee, event_cls, values, recording)
                raise whole_refusal(InvalidInput(in_scheme.errors), event_cls, others)
        if command.named is not None:
            try:
                named_as_recorded(employee, subject, command.named, values)
            except InvalidInput as e:  # (the row's other problems named with it: its decision's, made for nothing)
                raise whole_refusal(e, event_cls, decision_problems(employee, event_cls, values, recording)) from None
        outside = placing_unconfirmed(event_cls, values, command, uow.rules())  # (a placement's: asked with the rest)
        uow.answered |= placing_answered(event_cls, values, command, uow.rules())
        try:
            if self._refuse_unit_unknown(uow, employee, event_cls, values, command):
                recording = confirming(recording, NEW_UNIT)  # (a new unit the writer confirmed: stored with it)
            if outside is not None:
                raise outside
        except InvalidInput as asked:  # (with the post a placement ends: every confirmable question at once, and the
            ending = self._posts_unconfirmed(employee, event_cls, values, command)  # decision's own refusals: a post's
            if ending is not None:  # level not of its kind was told only once the unit was confirmed, until 2026-12-05)
                asked = whole_refusal(asked, event_cls, ending.errors)
            if outside is not None and asked is not outside:
                asked = whole_refusal(asked, event_cls, outside.errors)
            raise whole_refusal(asked, event_cls, decision_problems(employee, event_cls, values, recording)) from None
        if "target_version" in values:  # (facts are numbered from 1: without one, nothing to refuse)
            refuse_before_void(employee, event_cls, values, recording)
            refuse_change_before_appointment(employee, event_cls, values, recording)
            refuse_system_targets(employee, event_cls, values, recording.client_key, recording.reproduced)
        for name in left_out:  # (filled in as before, where a recording sent again is answered as recorded)
            as_filled_before = FILLED_IN[event_cls.KIND][name].as_filled_before
            if as_filled_before is not None:
                as_filled_before(employee, values)
        if event_cls is EventCorrected and command.migration is None:  # (a penalty's end filled in from its kind)
            end_worked_out_again(employee, values)
        if command.written is not None and command.migration is None:
            reference_as_recorded_before(employee, event_cls, values, command.written)
        if command.migration is None:  # the same kind and reference recorded under another client key, or none
            earlier = employee.earlier_by_reference(event_cls, values, recording.client_key, command.key_anew)
        else:  # (a log imported again: each row is the recording at its version)
            earlier = employee.kept_at(command.expected_version, event_cls, values, recording.client_key)
        if earlier is not None:
            return self._commit([], earlier, command)
        if (
            event_cls is RankPromoted
            and command.migration is None
            and isinstance(employee, Employee)
            and self._refuse_unconfirmed_jump(employee, values, recording, command.confirmed, uow.rules())
        ):
            recording = confirming(recording)  # (a jump the writer confirmed: stored with the promotion)
        if event_cls is TrainingCompleted and command.migration is None and isinstance(employee, Employee):
            for check in self._refuse_unconfirmed_training(employee, values, recording, command.confirmed):
                recording = confirming(recording, check)  # (stored with the training)
        if (
            event_cls.KIND in RECORDED_TWICE_FIELDS
            and command.migration is None
            and isinstance(employee, Employee)
            and self._refuse_recorded_twice(employee, event_cls, values, recording, command.confirmed)
        ):
            recording = confirming(recording, FACT_DUPLICATE)  # (stored with the fact, since 2026-12-06)
        if event_cls is MentoringSessionHeld and command.migration is None:  # (a migration keeps a log's sessions)
            again = employee.sent_again(event_cls, values, recording)  # (one recorded before 28a0f5b4: answered)
            if again is not None:
                return self._commit([], again, command)
            self._refuse_session_after_mentor_left(uow, employee, values, recording)
        if event_cls is Placed and command.migration is None and isinstance(employee, Employee):
            key = identity_key(
                Placed, values, recording.client_key
            )  # (sent again, or its reference used: the ledger's)
            unmoved = None if key in employee.keys else placed_there_already(employee.current_context(), values)
            if unmoved is not None:  # (a move that is none)
                others = decision_problems(employee, Placed, values, recording)
                raise whole_refusal(InvalidInput(unmoved, "unit"), Placed, others)
            with_end = self._placement_ending_posts(employee, values, recording, command)
            if with_end is not None:
                uow.answered.add(ENDS_POST)  # (the post it ends, confirmed: ended with it, stored with neither)
                return with_end
        if "target_version" not in values and event_cls not in MIRRORS:
            outcome = employee.record_plain(event_cls, values, recording, command.expected_version)
            if outcome is not None:
                return outcome
        unconfirmed = void_confirmed(employee, event_cls, values, command)
        try:
            decision = decided_as_read(employee, event_cls, values, recording, command.changed_in)
        except InvalidInput as e:  # (with the void's confirmation missing: every field to mend at once)
            raise e if unconfirmed is None else whole_refusal(e, event_cls, unconfirmed.errors) from None
        if not isinstance(decision, Decision):
            return self._commit([], decision, command)
        if unconfirmed is not None:
            raise unconfirmed
        if event_cls is EventCorrected and command.migration is None and isinstance(employee, Employee):
            corrected = decision.values["corrected_fields"]
            # (a field set back, undoing another writer's correction: asked with every other question)
            unasked = command.changed_in is not None or command.as_read
            setting_back = (
                None if unasked else set_back(employee, values["target_version"], corrected, recording.recorded_by)
            )
            if setting_back is not None and SET_BACK in command.confirmed:  # (answered: not stored, Outcome.asked)
                setting_back = None
                uow.answered.add(SET_BACK)
            # (a region outside the agency's seat, a PNS's TMT not on the 1st: as the fact recorded so is asked)
            placing, confirmed_placing = corrected_placing(
                employee, values["target_version"], corrected, command.confirmed, uow.rules()
            )
            uow.answered |= confirmed_placing  # (not stored: told by Outcome.asked, as the fact's recorded anew)
            asked_too = setting_back if placing is None else placing  # (asked with every other question at once)
            if setting_back is not None and placing is not None:
                asked_too = whole_refusal(setting_back, event_cls, placing.errors)
            try:
                # (a rating's year, predicate or score: in the corrected year's scheme; a promotion's rank jump)
                employee.check_corrected_rating(values["target_version"], corrected)
                self._refuse_corrected_session_after_mentor_left(uow, employee, values["target_version"], corrected)
                # (the fact's questions, every one at once: a post's unit new and its double were asked one round
                # trip each, the double only once the unit was confirmed, until 2026-12-07)
                record, target, yes, questions = employee, values["target_version"], command.confirmed, Questions()
                unknown = self._refuse_corrected_unit_unknown
                if questions.answer(lambda: unknown(uow, record, target, corrected, command), False):
                    recording = confirming(recording, NEW_UNIT)  # (each check confirmed: stored with the correction)
                for check in questions.answer(lambda: corrected_training(record, target, corrected, yes), list[str]()):
                    recording = confirming(recording, check)  # (a training corrected into another's double, or a day's)
                if questions.answer(lambda: corrected_twice(record, target, corrected, yes), False):
                    recording = confirming(recording, FACT_DUPLICATE)  # (a penalty, exam, post or degree made a double)
                questions.raise_if_any(event_cls)
                jumped = corrected_jump(employee, values["target_version"], corrected, command.confirmed)
                if corrected_later_jump(employee, values["target_version"], corrected, command.confirmed) or jumped:
                    recording = confirming(recording)
            except InvalidInput as e:
                raise e if asked_too is None else whole_refusal(asked_too, event_cls, e.errors) from None
            if asked_too is not None:
                raise asked_too
            if recording.confirmed:
                decision = replace(decision, recording=recording)
        elif (
            event_cls is EventRetracted
            and command.migration is None
            and isinstance(employee, Employee)
            and retracted_jump(employee, values["target_version"], command.confirmed)  # (a later promotion's jump)
        ):
            decision = replace(decision, recording=confirming(recording))  # (stored with the retraction)
        amends = event_cls in (EventCorrected, EventRetracted)
        if amends and command.migration is None and isinstance(employee, Employee):
            decision = self._post_end_amended(employee, event_cls, values, decision, command.confirmed)
            linked = self._placement_amended(employee, event_cls, values, decision, command.confirmed)
            if linked is not None:  # (a placement's post end retracted, or one recorded, with it: both or neither)
                return self._commit(linked, linked[0], command)
        # (a migration derives no correction of the mentor's side: the log holds it as a row if it was made, and a
        # log recorded before corrections were carried to that side holds none, which the migration keeps so)
        carried = event_cls is EventCorrected and command.migration is None
        if event_cls is EventRetracted or carried or event_cls in MIRRORS:
            mirrored = self._mirror(uow, employee, event_cls, values, recording)
            return self._commit([decision, *mirrored], decision, command)
        if command.expected_version is None:
            return decision.commit()  # what _commit does with one decision and no version expected
        return self._commit([decision], decision, command)

    def _exponents_judged(self, uow: UnitOfWork, command: Command, actor: str) -> Command:
        """The command with each number a client was sent written with an exponent (WrittenWithExponent) judged
        by its field's own checks first: the recording is judged (never recorded) with each such number written out
        in full, and a number its field then refuses otherwise than as no number (a training's cost of 1e400: more
        than any real one) is handed on written out, to be refused with that reason; any other is Unreadable, refused
        as written with an exponent (payload.EXPONENT), with the recording's other problems. A correction's corrected
        values are judged alike, each named as its refusal is (corrected_fields.cost: exponent_cells). The trial reads
        copies of the records as `uow` holds them: in an import, as the batch's earlier rows left them (a training
        corrected in the same batch), where it read the store's, not yet holding them, and judged the correction's
        1e400 as an exponent, the same row a batch later (or alone) by the cost's bound."""
        marked = {
            name: cell for name, cell in exponent_cells(command.payload).items() if type(cell) is WrittenWithExponent
        }
        trial = replace(command, payload=with_cells(command.payload, {n: c.written_out() for n, c in marked.items()}))
        try:
            self.execute(UnitOfWork(self, guard=uow.guard, within=uow), trial, actor)  # (never saved)
            found: Mapping[str, list[str]] = {}
        except InvalidInput as refused:
            found = refused.errors
        except CareerlogError:  # (a record not appointed, a conflict: nothing said of the number; judged again below)
            found = {}
        judged: dict[str, Any] = {}
        for name, cell in marked.items():
            reasons = found.get(name, [])
            bounded = bool(reasons) and not any(reason in NOT_NUMBERS for reason in reasons)
            judged[name] = cell.written_out() if bounded else Unreadable(cell.refusal())
        return replace(command, payload=with_cells(command.payload, judged))

    def _refuse_unit_unknown(
        self,
        uow: UnitOfWork,
        employee: LedgerAggregate | None,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        command: Command,
    ) -> bool:
        """Refuse, beside `unit`, a live appointment, placement or post appointment naming a unit not known in its
        agency (the appointment's or placement's, a post's the employee's on its date) near one that is (NEW_UNIT),
        unless confirmed (True: stored with it; `_ask_unit_new`)."""
        unit = values.get("unit")
        if event_cls.KIND not in NEW_UNIT_KINDS or command.migration is not None or type(unit) is not str:
            return False
        agency = values.get("agency")
        if agency is None and isinstance(employee, Employee):
            agency = agency_on(employee.current_context(), values["effective_date"])
        return self._ask_unit_new(uow, agency, unit, command, "unit")

    def _refuse_corrected_unit_unknown(
        self, uow: UnitOfWork, employee: Employee, target_version: int, corrected: Mapping[str, Any], command: Command
    ) -> bool:
        """Refuse, beside `corrected_fields.unit`, a live correction of an appointment's, placement's or post
        appointment's unit to one not known in the agency the corrected fact places the employee in (its corrected
        agency, else its own; a post's, the employee's on its corrected date, else its own) near one that is
        (NEW_UNIT), unless confirmed (True: stored with the correction), as the fact recorded so would be
        (`_ask_unit_new`)."""
        target = employee.fact(target_version)
        if target.kind not in NEW_UNIT_KINDS or "unit" not in corrected or command.migration is not None:
            return False
        changes = parse_payload(RECORDABLE_KINDS[target.kind], corrected, partial=True)
        if target.kind == "post_appointment":
            agency = agency_on(employee.current_context(), changes.get("effective_date", target.effective_date))
        else:
            agency = changes.get("agency", target.values.get("agency"))
        return self._ask_unit_new(uow, agency, changes.get("unit"), command, "corrected_fields.unit")

    def _ask_unit_new(
        self, uow: UnitOfWork, agency: Any, unit: Any, command: Command, named: str, rated: bool = False
    ) -> bool:
        """Refuse, beside `named`, a unit not known in the agency near one that is (NEW_UNIT), unless confirmed (True:
        the writer's confirmation was needed, and is stored with the fact; a unit's rating's is stored nowhere); a
        unit's rating (`rated`) knows the agency's units with a live rating too (`_rated_near`); a unit a placement
        let through (confirmed, or near none) is known to this unit of work's later commands once its command
        made events (`UnitOfWork.units_made`), and to this process's once they are saved (`units_recorded`, before
        the views know it): a file's rows naming a new unit are asked once, and a misspelling of a unit new just now
        is asked too. A unit a dry run or a refused write let through is known to no later write. A unit a rating let
        through is known by its record's live ratings alone (since 2026-12-07: kept in `units_recorded` too, a unit
        whose only rating was retracted stayed known to this process)."""
        if type(agency) is not str or type(unit) is not str:
            return False
        key = (agency, unit_key(unit))
        made = uow.units_made if uow.within is None else {**uow.within.units_made, **uow.units_made}
        if key in self.units_recorded or key in made or self.units_known is None:
            return False
        known = {k: name for (a, k), name in (self.units_recorded | made).items() if a == agency}
        known |= self._agency_units(agency, self.units_known)
        if key[1] in known:
            near = []
        elif rated:  # (a unit rated but no one's placed in: known to its live ratings)
            near = self._rated_near(uow, agency, key[1], known)
        else:
            near = typos_of(key[1], known)  # (a typo of one: careerlog.domain.unit.typo_of)
        # (each quoted whole up to 200 characters, the difference shown: until 2026-12-07 each was cut at 40 alike)
        shown, *near_shown = quoted_apart(unit, *(known[k] for k in near))
        names = " or ".join(near_shown)
        if near and NEW_UNIT not in command.confirmed:
            raise InvalidInput(NEW_UNIT_UNCONFIRMED.reason(unit=shown, agency=agency, near=names), named)
        if not rated:  # (confirmed, or near none: known to later writes once recorded)
            uow.unit_let = (key, unit)
        if near:
            uow.unit_confirmed = (shown, agency, names)
        return bool(near)

    def _rated_near(self, uow: UnitOfWork, agency: str, typed: str, known: dict[str, str]) -> list[str]:
        """The units (by `unit_key`, each named in `known`, which it adds to) that a rating's unit `typed` of `agency`
        is a typo of (`typos_of`): among the units staff were placed in (`known`) and the agency's unit records
        holding a live (unretracted) rating (`_unit_names`); a record whose ratings are all retracted is no unit known
        (since 2026-12-07: any record was, so a misspelling confirmed once stayed known for good), the three nearest
        known or live given. Only the records near `typed` are read, together (one query: until 2026-12-07 one read
        each, about 20 for a numbered series as 'sd negeri 150')."""
        recorded = {k: s for (a, k), s in self._unit_names(uow).items() if a == agency and k not in known}
        typos = typos_of(typed, [*known, *recorded], most=len(known) + len(recorded))
        within = uow.within
        uow.preload(s for k in typos if (s := recorded.get(k)) and (within is None or within.held(s) is None))
        near = []
        for name in typos:  # (the nearest first: the three nearest known or holding a live rating)
            if name in recorded and not rated_live(uow.get(recorded[name])):
                continue
            known.setdefault(name, unit_of(recorded.get(name, ""))[1])
            near.append(name)
            if len(near) == 3:
                break
        return near

    def _units_saved(self, uow: UnitOfWork) -> None:
        """The units new in their agency that a unit of work's commands let through and recorded, now saved: known
        to this process's later writes (`units_recorded`)."""
        for key, unit in uow.units_made.items():
            self.units_recorded.setdefault(key, unit)

    def _agency_units(self, agency: str, read: Callable[[str], Iterable[str]]) -> dict[str, str]:
        """The units known in an agency by `unit_key` (`units_known`), read again after UNITS_KEPT seconds: an
        import's rows of one agency read them once, not once a row (a seek a unit in the views' index)."""
        now = time.monotonic()
        found = self._units_read.get(agency)
        if found is None or now - found[0] > UNITS_KEPT:
            named: dict[str, str] = {}
            for name in sorted(read(agency)):  # (of a unit's spellings the first in code-point order, capitals first:
                named.setdefault(unit_key(name), name)  # "did you mean 'Dinas Sosial'", not 'dinas sosial')
            found = self._units_read[agency] = (now, named)
        return found[1]

    @staticmethod
    def _posts_unconfirmed(
        employee: LedgerAggregate, event_cls: type[LedgerEvent], values: Mapping[str, Any], command: Command
    ) -> InvalidInput | None:
        """The refusal, beside `agency`, of a live placement in another agency ending a post held in the agency left
        (rule placement.ends_post) unless confirmed (ENDS_POST), or ending several (which a confirmation does not
        record: each but one is ended first); None when it ends none or its one post's end is confirmed."""
        if event_cls is not Placed or command.migration is not None or not isinstance(employee, Employee):
            return None
        career = employee.current_context()
        left, posts = posts_a_placement_ends(career, values, career.rules)
        if not posts or (len(posts) == 1 and ENDS_POST in command.confirmed):
            return None
        return InvalidInput(placement_ends_post_refusal(employee.id, values, left, posts), "agency")

    def _placement_ending_posts(
        self, employee: Employee, values: Mapping[str, Any], recording: Recording, command: Command
    ) -> Outcome | None:
        """A live placement in another agency ending a post held in the agency left (rule placement.ends_post):
        refused unless confirmed (`_posts_unconfirmed`, with the placement's other problems); confirmed, recorded
        together with the post's end (PostEnded) on the placement's date, under its reference, after it in the
        record and in the same save (both or neither). None for a placement ending no post (recorded as any fact)."""
        refused = self._posts_unconfirmed(employee, Placed, values, command)
        if refused is not None:
            raise whole_refusal(refused, Placed, decision_problems(employee, Placed, values, recording))
        career = employee.current_context()
        _, posts = posts_a_placement_ends(career, values, career.rules)
        if not posts:
            return None
        placed = employee.decide(Placed, values, recording)
        if not isinstance(placed, Decision):  # (recorded already: answered as recorded)
            return self._commit([], placed, command)
        ended = post_end_of(values, posts[0])
        # (no client key of its own: the placement's names the placement; the post end is found by its reference)
        ending = employee.decide(PostEnded, ended, replace(recording, client_key=None, confirmed=()))
        if not isinstance(ending, Decision):  # (its end recorded already under this reference: the placement alone)
            return self._commit([placed], placed, command)
        return self._commit([placed, ending], placed, command)

    @staticmethod
    def _placement_amended(
        employee: Employee,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        decision: Decision,
        confirmed: frozenset[str],
    ) -> list[Decision] | None:
        """A live retraction or correction of a standing placement and what rule placement.ends_post makes with it, as
        decisions to commit together (the placement's change first, its confirmation ENDS_POST stored with it), or
        None when it makes nothing more (committed as any change). A retraction of a placement whose post end was
        recorded with it (Employee.post_end_with) is refused naming the post end unless confirmed, then retracts it
        too (ENDS_POST_RETRACTED). A correction of such a placement's date is refused naming the post end, to be
        corrected first (POST_END_DATED_WITH: both stay on one day), and one of its agency to the agency the post is
        held in, to be retracted first (POST_END_NOT_LEFT). A correction of another placement's agency or
        date making it move the employee out of an agency while holding a post the rule lists, which it did not as
        recorded, is refused as such a placement is (ENDS_POST_UNCONFIRMED beside the corrected field; several
        posts: ENDS_POSTS even confirmed), and confirmed records the post's end on its corrected date, under its
        reference, after the correction."""
        target = employee.facts.get(values["target_version"])
        if target is None or target.kind != "placement" or not target.active:
            return None
        career = employee.current_context()
        ended = employee.post_end_with(target)
        alone = replace(decision.recording, client_key=None, confirmed=())  # (the linked fact's: no key of its own)
        with_check = tuple(sorted({*decision.recording.confirmed, ENDS_POST}))
        if event_cls is EventRetracted:
            if ended is None:
                return None
            if ENDS_POST not in confirmed:
                title, kind = post_end_named(career, ended)
                reason = ENDS_POST_RETRACTED.reason(title=title, kind=kind, version=ended.version)
                raise InvalidInput(reason, "target_version")
            undone = employee.decide(EventRetracted, {**values, "target_version": ended.version}, alone)
            if not isinstance(undone, Decision):  # (retracted already under this reference: the placement's alone)
                return None
            return [replace(decision, recording=replace(decision.recording, confirmed=with_check)), undone]
        changes = parse_payload(Placed, decision.values["corrected_fields"], partial=True)
        if not {"agency", "effective_date"} & changes.keys():
            return None
        if ended is not None:  # (its post end stays on its day, and with a move: corrected or retracted first)
            day = changes.get("effective_date", target.effective_date)
            title, kind = post_end_named(career, ended)
            others = Career(employee.id, [f for f in career.facts if f.version != target.version])
            agency = changes.get("agency", target.values.get("agency"))
            if "agency" in changes and agency_on(others, day) == agency:
                reason = POST_END_NOT_LEFT.reason(title=title, kind=kind, version=ended.version, agency=agency)
                raise InvalidInput(reason, "corrected_fields.agency")
            if day == ended.effective_date:
                return None
            reason = POST_END_DATED_WITH.reason(
                title=title,
                kind=kind,
                version=ended.version,
                day=ended.effective_date.isoformat(),
                new_day=day.isoformat(),
            )
            raise InvalidInput(reason, "corrected_fields.effective_date")
        left, posts, corrected = corrected_placement_ends(career, target, changes)
        if not posts:
            return None
        if len(posts) > 1 or ENDS_POST not in confirmed:
            named = "corrected_fields.agency" if "agency" in changes else "corrected_fields.effective_date"
            raise InvalidInput(placement_ends_post_refusal(employee.id, corrected, left, posts), named)
        ending = post_end_of(corrected, posts[0])
        made = employee.decide(PostEnded, ending, alone)
        if not isinstance(made, Decision):  # (its end recorded already under this reference: the correction alone)
            return None
        return [replace(decision, recording=replace(decision.recording, confirmed=with_check)), made]

    @staticmethod
    def _post_end_amended(
        employee: Employee,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        decision: Decision,
        confirmed: frozenset[str],
    ) -> Decision:
        """A live retraction of a placement's post end alone (Employee.placement_of), a correction of its date to
        another day than the placement's, or of its appointment_reference to another post than the one it was
        recorded ending: refused unless confirmed (POST_END_RETRACTED_ALONE, POST_END_REDATED_ALONE,
        POST_END_REPOINTED_ALONE, rule placement.ends_post: the post would be read as held from another agency, or
        ended on another day than the move), and confirmed recorded as asked, the confirmation ENDS_POST stored with
        it. A correction changing both the post and the date is asked once, naming the post (what matters: the post
        the move ended left held). Any other change of a fact (its other fields, a post end recorded alone) is the
        decision as made."""
        target = employee.facts.get(values["target_version"])
        placement = employee.placement_of(target) if target is not None and target.active else None
        if target is None or placement is None:
            return decision
        career = employee.current_context()
        title, kind = post_end_named(career, target)
        said = {
            "title": title,
            "kind": kind,
            "agency": placement.values.get("agency"),
            "day": placement.effective_date.isoformat(),
            "placement": placement.version,
        }
        if event_cls is EventRetracted:
            asked, field = POST_END_RETRACTED_ALONE.reason(**said), "target_version"
        else:
            changes = parse_payload(PostEnded, decision.values["corrected_fields"], partial=True)
            reference, day = changes.get("appointment_reference"), changes.get("effective_date")
            recorded = getattr(target.event, "appointment_reference", None)  # (the post the move ended)
            if reference is not None and posts_named(career, reference) != posts_named(career, recorded):
                ended_title, ended_kind = post_end_named(career, target, recorded)
                new_title, new_kind = post_end_named(career, target, reference)
                named = {**said, "title": ended_title, "kind": ended_kind, "new_title": new_title, "new_kind": new_kind}
                asked, field = POST_END_REPOINTED_ALONE.reason(**named), "corrected_fields.appointment_reference"
            elif day is not None and day != placement.effective_date:
                left = HELD_AFTER_MOVE if day > placement.effective_date else ENDED_BEFORE_MOVE
                asked = POST_END_REDATED_ALONE.reason(**said, new_day=day.isoformat(), left=left.reason())
                field = "corrected_fields.effective_date"
            else:
                return decision
        if ENDS_POST not in confirmed:
            raise InvalidInput(asked, field)
        with_check = tuple(sorted({*decision.recording.confirmed, ENDS_POST}))
        return replace(decision, recording=replace(decision.recording, confirmed=with_check))

    @staticmethod
    def _refuse_unconfirmed_jump(
        employee: Employee, values: Mapping[str, Any], recording: Recording, confirmed: frozenset[str], book: Rules
    ) -> bool:
        """Refuse a promotion moving more ranks than its kind allows by the rules `book` (the unit of work's),
        unconfirmed (`unconfirmed_jump`), with the record's other problems; True for one the writer confirmed (recorded
        with its confirmation). A recording made already is answered as such (its decision, later)."""
        key = identity_key(RankPromoted, values, recording.client_key)
        if key in employee.keys and employee.replay(RankPromoted, values, recording.client_key, key) is not None:
            return False  # (a retracted promotion's reference recorded anew is judged as any new one)
        jump = rank_jump(employee.current_context(), values, book)
        if jump is None or jump_confirmed(jump, confirmed):
            return jump is not None
        others = decision_problems(employee, RankPromoted, values, recording)
        raise whole_refusal(InvalidInput({"new_rank": [jump[0]]}), RankPromoted, others)

    @staticmethod
    def _refuse_unconfirmed_training(
        employee: Employee,
        values: Mapping[str, Any],
        recording: Recording,
        confirmed: frozenset[str],
    ) -> list[str]:
        """Refuse a new training any rule of TRAINING_JUDGED asks about, unconfirmed: every such question at once, each
        beside its field, with the record's other problems (until 2026-12-06 the first alone, so an import's yes to
        it confirmed the next ones too, never shown); the checks the writer confirmed that were asked (recorded with
        the training). training.cost: a cost likely mistyped (implausible_cost), beside `cost`; training.duplicate:
        one the record seems to hold already under another certificate number
        (careerlog.domain.employee.likely_duplicate), beside `reference`; training.daily_jp: one making more JP on a
        day with the record's trainings of the same days than the rule allows (day_over_full), beside `hours`, not
        asked of one the record seems to hold (asked or confirmed attended twice: its JP count twice). Judged on the
        record as loaded for the write: an import's rows of one employee, recorded one after another on the record it
        holds, are judged against the file's earlier rows and the trainings recorded before, with no read of their
        own. A recording made already (its own client key sent again) is answered as such (its decision)."""
        if sent_again(employee, TrainingCompleted, values, recording):
            return []
        career = employee.current_context()
        asked = FieldErrors()
        answered = []
        for check, (judge, beside) in TRAINING_JUDGED.items():
            found = judge(career, values, 0)
            if found is None:
                continue
            if check in confirmed:
                answered.append(check)
            else:
                asked.add(beside, found)
            if check == TRAINING_DUPLICATE:
                break
        if not asked:
            return answered
        others = decision_problems(employee, TrainingCompleted, values, recording)
        raise whole_refusal(InvalidInput(asked.errors), TrainingCompleted, others)

    @staticmethod
    def _refuse_recorded_twice(
        employee: Employee,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        recording: Recording,
        confirmed: frozenset[str],
    ) -> bool:
        """Refuse a new penalty, exam, post appointment or degree the record seems to hold already under its
        reference written otherwise (careerlog.domain.employee.recorded_twice: FACT_REPEATED), beside `reference`
        with the record's other problems, unless confirmed (fact.duplicate; a correction making a fact so:
        corrected_twice): whether it was asked and confirmed (the
        confirmation stored with the fact: until 2026-12-06 it was not, a penalty, an exam, a degree having no
        `confirmed` field before their class version 2 and a post appointment's storing unit.new alone).
        Until 2026-12-06 it was recorded unasked (a training alone was asked so: training.duplicate). A recording made
        already (its own client key sent again) is answered as such (its decision)."""
        if sent_again(employee, event_cls, values, recording):
            return False
        found = recorded_twice(employee.current_context(), event_cls.KIND, values)
        if found is None or FACT_DUPLICATE in confirmed:
            return found is not None
        others = decision_problems(employee, event_cls, values, recording)
        raise whole_refusal(InvalidInput(found, "reference"), event_cls, others)

    def _unparsed_problems(
        self,
        uow: UnitOfWork,
        command: Command,
        event_cls: type[LedgerEvent],
        recording: Recording,
        refused: InvalidInput,
    ) -> dict[str, list[str]] | None:
        """The problems of a recording whose payload was refused (`refused`: its cells that did not read) that the
        cells that did read tell: a name beside the NIP that is another's (careerlog.names), a date (TMT) in the
        future, and the checks of the new fact against the record whose fields all read (a training's first day
        after its last, a date before the appointment: careerlog.domain.employee.read_problems). Only for a refused
        recording; the record is read as the recording would have (and only within the guard's scope)."""
        found = FieldErrors()
        values, unread = read_cells(event_cls, command.payload, refused.errors, live=command.migration is None)
        day = values.get("effective_date")
        if isinstance(day, date) and day > recording.recorded_on:
            found.add("effective_date", IN_FUTURE.reason(day=day.isoformat()))
        employee = uow.get(command.subject)
        if event_cls is Appointed and isinstance(employee, Employee) and employee.voided_by is not None:
            employee = None  # (appointed afresh: judged as a first appointment is, nothing of the voided record)
        if event_cls is Appointed and employee is None:  # (its own cells: the NIP's digits, the age, the rank)
            problems = appointment_read_problems(command.subject, ReadValues(values, unread), recording.recorded_on)
            return whole_refusal(InvalidInput(found.errors), event_cls, problems).errors
        if employee is None and event_cls is not Appointed:
            found.add("nip", NOT_APPOINTED.reason(nip=command.subject))  # (with its own cells' problems, below)
            own = problems_without_record(
                event_cls, command.subject, command.payload, recording.recorded_on, command.migration is None
            )
            return whole_refusal(InvalidInput(found.errors), event_cls, own).errors
        if employee is None or event_cls is Appointed:
            return found.errors
        try:
            if uow.guard is not None:
                uow.guard(employee, "nip")
        except (InvalidInput, NotFound):
            return found.errors  # (out of the scope: nothing said of its record)
        if command.named is not None:
            try:
                named_as_recorded(employee, command.subject, command.named, command.payload)
            except InvalidInput as e:
                found.errors.update(e.errors)
        if isinstance(employee, Employee) and event_cls is EventCorrected and not unread & CORRECTION_FIELDS:
            try:  # (the corrected fields judged as the correction would be: a field that does not read among them)
                employee.check_correction(values, recording)
            except InvalidInput as e:
                found.errors.update(e.errors)
        if isinstance(employee, Employee) and event_cls not in (EventCorrected, EventRetracted):
            career = employee.current_context()
            problems = read_problems(career, event_cls.KIND, ReadValues(values, unread), recording.recorded_on)
            if event_cls is RankPromoted and command.migration is None and not unread & JUMP_FIELDS:
                jump = unconfirmed_jump(employee, values, command.confirmed)
                problems = {**problems, "new_rank": [*problems.get("new_rank", []), jump]} if jump else problems
            for name, reasons in problems.items():
                for reason in reasons:
                    if reason not in found.errors.get(name, ()):
                        found.add(name, reason)
        return found.errors

    def recording(self, command: Command, actor: str, uow: UnitOfWork | None = None) -> Recording:
        migration = command.migration
        if migration is None:
            if command.client_key is not None and not command.client_key.strip():
                raise InvalidInput(BLANK_KEY, "client_key")
            refusal = new_key_refusal(command.client_key)
            if refusal is not None and not key_held(command, uow):
                raise InvalidInput(refusal, "client_key")
            return Recording(self.clock(), actor, False, command.client_key)
        recorded_at = migration.recorded_at
        if recorded_at.tzinfo is None:
            raise InvalidInput(NO_OFFSET, "recorded_at")
        if uow is None:
            if recorded_at > self.clock():
                raise InvalidInput(FUTURE, "recorded_at")
        elif uow.now is None or recorded_at > uow.now:
            # within a batch the clock is read again only for a time after its last reading (it does not go back)
            uow.now = now = self.clock()
            if recorded_at > now:
                raise InvalidInput(FUTURE, "recorded_at")
        # a migration keeps the confirmation its log holds (an export's `confirm`), as it was stored, unasked
        kept: tuple[str, ...] = ()  # (nearly every row confirms nothing: no set made nor sorted)
        if command.confirmed and command.kind in CONFIRMING_KINDS:
            kept = tuple(sorted(command.confirmed & STORED_CHECKS.get(command.kind, command.confirmed)))
        return Recording(
            recorded_at, migration.recorded_by or actor, migration.migrated, command.client_key, True, kept
        )

    def judge_key_owner(self, command: Command, recording: Recording, uow: UnitOfWork | None) -> None:
        """A live command's client key first used by its writer (`recording.recorded_by`) for another record is
        refused naming the key (KEY_ELSEWHERE): a key is one request's of its writer (careerlog.keyowners; another
        writer's use of it is neither told nor refused). A key of no record yet is this command's once it has made
        events, within its unit of work (a later row of a batch under it for another record is refused too; after a
        refused row, not: UnitOfWork.note)."""
        if command.client_key is None or command.migration is not None:
            return  # (a migration keeps its log's keys as they were: careerlog.keyowners)
        digest = keyowners.digest(command.client_key, recording.recorded_by)
        known = uow.key_owners if uow is not None else {}
        if digest not in known:
            known[digest] = self.key_owners([digest]).get(digest, "")
        owner = known[digest]
        if uow is not None:
            uow.judged_keys.add(digest)
        if not owner or owner == command.subject:  # (unused: this command's once it makes events, UnitOfWork.note)
            return
        if owner.startswith("UNIT:") and self.unit_as_recorded(uow, command.subject) == owner:
            return  # (the unit's name typed in another letter case or spacing: its record)
        raise IdempotencyConflict(KEY_ELSEWHERE.reason(key=quoted(command.client_key)))

    def _appointed_before(
        self, uow: UnitOfWork, command: Command, values: dict[str, Any], recording: Recording
    ) -> Outcome | None:
        """An appointment of a NIP recorded already: the same recording sent again answered as recorded (under its
        own client key, or its reference under another after a void: `_appoint_again`), other values under its key a
        conflict (409 idempotency-conflict), and any other the NIP's appointment (409 AlreadyAppointed); None when
        it is to be recorded. Asked before any question of the appointment (PLACING_ASKED, a unit new): until
        2026-12-07 an appointment whose writer had confirmed one, sent again without, was asked it again."""
        existing = uow.get(command.subject)
        if existing is None:
            return None
        if isinstance(existing, Employee) and existing.voided_by is not None:
            if command.migration is None:  # (the same kind and reference recorded under another client key, or none)
                earlier = existing.earlier_by_reference(AppointedAgain, values, recording.client_key, command.key_anew)
            else:
                earlier = existing.kept_at(command.expected_version, AppointedAgain, values, recording.client_key)
            if earlier is None:  # (under its own client key: as `decide` answers it)
                earlier = existing.sent_again(AppointedAgain, values, recording)
            return None if earlier is None else self._commit([], earlier, command)
        replayed = existing.replay(BY_KIND["appointment"], values, recording.client_key)
        if replayed is None:
            raise AlreadyAppointed(APPOINTED.reason(nip=command.subject))
        return Outcome(command.subject, replayed.originator_version, "appointment", replayed.timestamp, False)

    def _appoint(self, uow: UnitOfWork, command: Command, values: dict[str, Any], recording: Recording) -> Outcome:
        existing = uow.get(command.subject)
        if isinstance(existing, Employee) and existing.voided_by is not None:
            return self._appoint_again(existing, command, values, recording)
        if command.expected_version not in (None, 1):
            raise InvalidInput(APPOINTMENT_VERSION.reason(expected=command.expected_version), "version")
        employee, outcome = Employee.appoint(command.subject, values, recording)
        uow.add(employee)
        return outcome

    def _appoint_again(
        self, employee: Employee, command: Command, values: dict[str, Any], recording: Recording
    ) -> Outcome:
        """The appointment afresh of a voided record's NIP (AppointedAgain, after the void in the same record):
        judged as a first appointment is (Employee.check_fact); the same recording sent again is answered as
        recorded, and so is a migration's row at the version its log gives it. The voided appointment's values sent
        again are refused naming the void (RESENT_RETRACTED) as any retracted fact's are, the record form's new key
        too unless its box asks to record them anew (Command.key_anew: until 2026-12-06 the form's appointment
        recorded them anew, unsaid, where every other kind's form was refused); the recording made already is
        answered before (`_appointed_before`)."""
        decision = employee.decide(AppointedAgain, values, recording)
        return self._commit([decision] if isinstance(decision, Decision) else [], decision, command)

    @staticmethod
    def _refuse_session_after_mentor_left(
        uow: UnitOfWork, employee: LedgerAggregate, values: Mapping[str, Any], recording: Recording
    ) -> None:
        """Refuse a mentoring session dated after the mentor's separation, named as the mentor's side refuses a
        mentoring start or end dated so (`mentor_nip (effective_date)`), with the session's other problems. The
        session writes the mentee's record alone, which holds the mentoring open (an end after the mentor's
        separation is refused by the mentor's side, for a writer whose scope covers the mentor): until 2026-12-05
        it was recorded with a mentor dead or retired."""
        left = mentor_left(uow, values.get("mentor_nip"), values["effective_date"])
        if left is not None:
            refused = InvalidInput(left, "mentor_nip (effective_date)")
            raise whole_refusal(
                refused, MentoringSessionHeld, decision_problems(employee, MentoringSessionHeld, values, recording)
            )

    @staticmethod
    def _refuse_corrected_session_after_mentor_left(
        uow: UnitOfWork, employee: LedgerAggregate, target_version: int, corrected: Mapping[str, Any]
    ) -> None:
        """Refuse a correction of a mentoring session (its date or mentor) leaving it after the mentor's separation,
        named as the mentor's side names a correction's (`mentor_nip (corrected_fields.effective_date)`)."""
        target = employee.facts.get(target_version)
        if (
            target is None
            or target.kind != "mentoring_session"
            or not {"effective_date", "mentor_nip"} & set(corrected)
        ):
            return
        day = corrected.get("effective_date", target.effective_date)
        day = date.fromisoformat(day) if isinstance(day, str) else day
        left = mentor_left(uow, corrected.get("mentor_nip", target.values.get("mentor_nip")), day)
        if left is not None:
            field = "effective_date" if "effective_date" in corrected else "mentor_nip"
            raise InvalidInput(left, f"mentor_nip (corrected_fields.{field})")

    def _mirror(
        self,
        uow: UnitOfWork,
        employee: LedgerAggregate,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        recording: Recording,
    ) -> list[Decision]:
        """The mentor's side of a mentoring start, end or retraction (confirming nothing: it leaves no rank jump)."""
        if recording.confirmed:
            recording = replace(recording, confirmed=())
        if event_cls is EventRetracted or event_cls is EventCorrected:
            target = employee.facts[values["target_version"]]
            mirror_cls = MIRRORS.get(target.event_class)
            if mirror_cls is None:
                return []
            mentor = uow.get(target.values["mentor_nip"])
            assert mentor is not None
            # (a correction of a mentoring on the mentee's record, its dates, reference, focus or reason, is the
            # mentee's writer's whatever the mentor's agency now is: the record names the mentor already, so nothing
            # is probed, and the mentor's side only follows it; a retraction, which takes the mentoring out of the
            # mentor's record, still asks the mentor's record to be the writer's)
            if uow.guard is not None and event_cls is not EventCorrected:
                uow.guard(mentor, "target_version")
            mirrored = [  # (under the reference as it stands, else as recorded: a record made before corrections
                fact  # were carried to the mentor's side)
                for reference in dict.fromkeys((target.values["reference"], getattr(target.event, "reference", None)))
                for fact in mentor.find_active(mirror_cls.KIND, reference=reference, mentee_nip=employee.id)
            ]
            if not mirrored:
                return []
            change = {**values, "target_version": mirrored[0].version}
            if event_cls is EventCorrected:  # the fields the mentor's side holds too, where they differ there
                mirror_fields = {spec.name for spec in payload_fields(mirror_cls)}
                kept = mirrored[0].values
                corrected = {
                    k: v
                    for k, v in values["corrected_fields"].items()
                    if k in mirror_fields and to_plain(v) != to_plain(kept.get(k))
                }
                if not corrected:
                    return []
                change["corrected_fields"] = corrected
                try:
                    decision = mentor.decide(event_cls, change, recording)
                except InvalidInput as e:  # (the mentor's side refuses it: named as the start's mirroring is)
                    if not covers(uow, mentor, "target_version"):  # (the mentee's side alone: see beyond_scope)
                        return []
                    raise InvalidInput({f"mentor_nip ({k})": v for k, v in e.errors.items()}) from None
            else:
                decision = mentor.decide(event_cls, change, recording)
            return [decision] if isinstance(decision, Decision) else []
        mirror_cls = MIRRORS.get(event_cls)
        if mirror_cls is None:
            return []
        mentor = uow.get(values["mentor_nip"])
        if mentor is None:
            raise InvalidInput(NOT_APPOINTED.reason(nip=values["mentor_nip"]), "mentor_nip")
        # (the end of a mentoring the mentee's record holds is the mentee's writer's whatever the mentor's agency now
        # is: the record names that mentor already, so nothing is probed; a new mentor is judged by the scope)
        named = event_cls is MentoringEnded and names_mentor(employee, mentor.id)
        if uow.guard is not None and not named:
            uow.guard(mentor, "mentor_nip")
        # (see beyond_scope; a migration restores a log as recorded: an end the mentor's record refuses was recorded
        # on the mentee's side alone, by a writer outside the mentor's scope, and is restored so)
        beyond = named and (recording.reproduced or not covers(uow, mentor, "mentor_nip"))
        if isinstance(mentor, Employee) and mentor.voided_by is not None:  # (named as the mentor, not "(nip)")
            if beyond:
                return []
            raise InvalidInput(VOIDED.reason(nip=mentor.id, version=mentor.voided_by), "mentor_nip")
        names = {spec.name for spec in payload_fields(mirror_cls)}
        mirror = {k: v for k, v in values.items() if k in names} | {"mentee_nip": employee.id}
        try:
            decision = mentor.decide(mirror_cls, mirror, recording)
        except InvalidInput as e:
            if beyond:
                return []
            raise InvalidInput({f"mentor_nip ({k})": v for k, v in e.errors.items()}) from None
        return [decision] if isinstance(decision, Decision) else []

    def _execute_unit(
        self, uow: UnitOfWork, command: Command, event_cls: type[LedgerEvent], recording: Recording
    ) -> Outcome:
        if event_cls.KIND not in ("unit_rating", "correction", "retraction"):
            raise InvalidInput(UNIT_KINDS.reason(kind=event_cls.KIND), "kind")
        self.judge_key_owner(command, recording, uow)
        # (live input judged as an employee's is, a control of a text's direction refused: a migration keeps a log's;
        # until 2026-12-07 a unit's rating, correction or retraction was read by parse_payload alone)
        values = (parse_payload if command.migration else parse_judged)(event_cls, command.payload)
        unit = uow.get(command.subject)
        if unit is None and command.migration is None:  # (a migration keeps its log's records as they are)
            spelt = self.unit_as_recorded(uow, command.subject)
            if spelt != command.subject:  # (recorded under its name in another letter case or spacing)
                unit = uow.get(spelt)
        if unit is not None:
            refuse_system_targets(unit, event_cls, values, recording.client_key)
            earlier = (
                unit.kept_at(command.expected_version, event_cls, values, recording.client_key)
                if command.migration
                else unit.earlier_by_reference(event_cls, values, recording.client_key, command.key_anew)
            )
            if earlier is not None:
                return self._commit([], earlier, command)
            if event_cls is UnitRated and command.migration is None and not rated_live(unit):
                # (a unit whose ratings are all retracted, no staff placed in it, asked as a new one: since 2026-12-07)
                agency, name = unit_of(command.subject)
                if self._rated_unit_new(uow, agency, in_nfc(name), command, values, recording, unit):
                    uow.answered.add(NEW_UNIT)
        if unit is None:
            agency, name = unit_of(command.subject)
            if command.migration is None:  # (a new unit's name in NFC, as a payload's texts: its id too)
                name = in_nfc(name)
                if event_cls is UnitRated and self._rated_unit_new(uow, agency, name, command, values, recording):
                    uow.answered.add(NEW_UNIT)  # (confirmed: stored nowhere, Outcome.asked tells it)
            unit = Unit.register(agency, name, values["effective_date"], recording)
            uow.add(unit)
            if uow.unit_names is not None:
                uow.unit_names.setdefault((agency, unit_key(name)), unit.id)
        decision = decided_as_read(unit, event_cls, values, recording, command.changed_in)
        return self._commit([decision] if isinstance(decision, Decision) else [], decision, command)

    def _rated_unit_new(
        self,
        uow: UnitOfWork,
        agency: str,
        unit: str,
        command: Command,
        values: Mapping[str, Any],
        recording: Recording,
        record: LedgerAggregate | None = None,
    ) -> bool:
        """A live rating of a unit no record holds, or whose `record` holds no live rating, asked, beside `unit`,
        whether it is a unit new in its agency when it is near a known one (`_ask_unit_new`, as a placement naming
        it is: a typo rated a unit of no staff, and left the unit meant unrated, its staff's ratings bounded by
        none), with the rating's own problems at once (judged in its record, or a new one); True when the writer's
        confirmation let it through. Since 2026-12-07: until then recorded unasked; a record whose ratings were
        all retracted was not asked until later that day."""
        try:
            return self._ask_unit_new(uow, agency, unit, command, "unit", rated=True)
        except InvalidInput as asked:
            # (judged in a copy of its record, or a new one, never kept)
            trial = copy.deepcopy(record) or Unit.register(agency, unit, values["effective_date"], recording)
            try:
                decided_as_read(trial, UnitRated, values, recording, None)
            except InvalidInput as own:
                raise whole_refusal(asked, UnitRated, own.errors) from None
            raise

    @staticmethod
    def _commit(decisions: list[Decision], first: Decision | Outcome, command: Command) -> Outcome:
        expected = command.expected_version
        if isinstance(first, Outcome):
            if expected is not None and expected != first.version:
                raise InvalidInput(RECORDED_AS.reason(version=first.version, expected=expected), "version")
            return first
        if expected is not None and expected != first.next_version:
            raise InvalidInput(
                WOULD_BE.reason(version=first.next_version, subject=first.aggregate.id, expected=expected), "version"
            )
        outcome = first.commit()  # the first decision
        for mirrored in decisions[1:]:
            mirrored.commit()
        return outcome

    # ------------------------------------------------------------------ queries

    def get_aggregates(self, subjects: Sequence[str]) -> dict[str, LedgerAggregate]:
        """The records of many subjects, read in one query per few hundred (absent ones left out)."""
        return {subject: replay_events(evs) for subject, evs in self.events_of(subjects).items()}

    def get_events(self, subject: str, kinds: Iterable[str] | None = None) -> list[LedgerEvent]:
        """One record's events in order; only those of some kinds when named (the others are not even read)."""
        return self.events_of([subject], kinds).get(subject, [])

    def events_of(self, subjects: Sequence[str], kinds: Iterable[str] | None = None) -> dict[str, list[LedgerEvent]]:
        """The events of many records in order, in one query per few hundred records."""
        topics = [get_topic(cls) for kind in kinds for cls in CLASSES_OF_KIND[kind]] if kinds is not None else []
        events: dict[str, list[LedgerEvent]] = defaultdict(list)
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            for row in select_events_of(sql, table, subjects, topics=topics):
                events[row["originator_id"]].append(self.decode(row))
        return events

    def decode(self, row: Mapping[str, Any]) -> LedgerEvent:
        """A stored event row (subject, version, topic, state) as its event."""
        stored = StoredEvent(row["originator_id"], row["originator_version"], row["topic"], bytes(row["state"]))
        return self.decode_stored(stored)

    def decode_stored(self, stored: StoredEvent) -> LedgerEvent:
        """A stored event as its event."""
        return cast(LedgerEvent, self.mapper.to_domain_event(stored))

    def unit_subjects(self) -> list[str]:
        """The subjects of every unit's record (its registration, version 1), as stored: read from the partial index
        of the units' registrations (`events_indexes`), not the whole log."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            rows = sql.query(unit_subjects_statement(table))
        return sorted(str(row["originator_id"]) for row in rows)

    def unit_as_recorded(self, uow: UnitOfWork | None, subject: str) -> str:
        """The subject of the unit record a unit key names: itself when a record is under it, else the record of its
        agency whose name differs only in letter case or spacing (`unit_key`: "dinas kesehatan " is Dinas Kesehatan),
        the first such in order when several were recorded before names were compared so; else `subject` itself. A
        unit's name is free text, as an employee's unit: its stored spelling is kept, never changed. The store's
        units are read once per unit of work (`uow`, or one of its own), when a name is first looked up so."""
        uow = uow if uow is not None else UnitOfWork(self)
        if uow.held(subject) is not None:
            return subject
        names = self._unit_names(uow)
        if subject in names.values():
            return subject
        agency, name = unit_of(subject)
        return names.get((agency, unit_key(name)), subject)

    def _unit_names(self, uow: UnitOfWork) -> dict[tuple[str, str], str]:
        """The unit records known to a unit of work by agency and name key (`UnitOfWork.unit_names`): the store's,
        read when first asked for, and those registered in it. Read here, not as a side effect of a lookup: until
        2026-12-07 `_rated_near` had `unit_as_recorded` read them, which read none when the record looked up was held
        already (a unit written as its name key, `inspektorax`, rated again once its ratings were all retracted)."""
        if uow.unit_names is None:
            names: dict[tuple[str, str], str] = {}
            held = [s for s in (*uow.loaded, *uow.carried) if s.startswith("UNIT:") and uow.held(s) is not None]
            for stored in [*self.unit_subjects(), *held]:  # (and those registered here, not saved yet)
                agency, name = unit_of(stored)
                names.setdefault((agency, unit_key(name)), stored)
            uow.unit_names = names
        return uow.unit_names

    def employee_exists(self, nip: str) -> bool:
        return normalise_nip(nip) in self.repository

    def get_employee(self, nip: str) -> Employee:
        """The employee aggregate (for checks and tests; views come from projections)."""
        try:
            aggregate: LedgerAggregate = self.repository.get(normalise_nip(nip))
        except AggregateNotFoundError:
            raise NotFound(NOT_APPOINTED.reason(nip=normalise_nip(nip))) from None
        if not isinstance(aggregate, Employee):
            raise NotFound(NOT_EMPLOYEE.reason(nip=nip))
        return aggregate

    def get_history(self, subject: str) -> list[dict[str, Any]]:
        """Every event recorded for an employee or unit, oldest first, as plain data."""
        events = [cast(LedgerEvent, e) for e in self.events.get(subject)]
        if not events:
            raise NotFound(NOTHING_RECORDED.reason(subject=subject))
        return [event_row(e) for e in events]

    def iter_events(self, start: int = 1, batch: int = 1000) -> Iterator[tuple[int, LedgerEvent]]:
        """Every event in the order it was recorded, with its notification id."""
        while True:
            notifications = self.recorder.select_notifications(start=start, limit=batch)
            for n in notifications:
                yield n.id, cast(LedgerEvent, self.mapper.to_domain_event(n))
            if len(notifications) < batch:
                return
            start = notifications[-1].id + 1

    def max_notification_id(self) -> int:
        return self.recorder.max_notification_id() or 0

    def head_once(self) -> int:
        """The log's head (as max_notification_id), in one attempt: a store that cannot be used raises at once, after
        at most the pool's wait for a connection (the URL's connect_timeout, 5 s by default: Settings.connect_timeout).
        The library's max_notification_id tries ten times on a lost connection, each waiting that long: GET /health
        took 52 s to answer 503 when the database could not be reached (until 2026-12-06)."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            return int(sql.scalar(f"SELECT MAX({self.position_column()}) AS n FROM {table}") or 0)

    def position_column(self) -> str:
        """The events table's column of a log position (the notification id), as the recorder numbers its events:
        SQLite's rowid, PostgreSQL's notification_id."""
        return "rowid" if isinstance(self.recorder, SQLiteApplicationRecorder) else "notification_id"

    def count_events_after(self, position: int) -> int:
        """How many events the log holds past `position` (a notification id): those recorded since it was the head."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        with SqlStore(self.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
            return int(sql.scalar(f"SELECT COUNT(*) AS n FROM {table} WHERE {self.position_column()} > ?", (position,)))

    def last_notification_id(self, subject: str, upto: int | None = None) -> int:
        """The log position of a record's last event (0: no event under `subject`), read from the events table's
        primary key (subject, version): for a read of one record to wait for its own writes alone, not for the whole
        log (max_notification_id), which another agency's import keeps ahead of the views. `upto`: its last event at
        or before that position (of the log as a view at `upto` has it)."""
        table = self.recorder.events_table_name  # type: ignore[attr-defined]
        column = self.position_column()
        bound, params = ("", (subject,)) if upto is None else (f" AND {column} <= ?", (subject, upto))
        rows = SqlStore(self.recorder.datastore).query(  # type: ignore[attr-defined]
            f"SELECT MAX({column}) AS n FROM {table} WHERE originator_id = ?{bound}", params
        )
        return int(rows[0]["n"] or 0) if rows else 0

    def last_recorded_at(self, subject: str) -> datetime | None:
        """When a record's last event was recorded (its stored timestamp; None: no event under `subject`): for the
        career page to wait for its views only for a write made a moment before (Projector.align's `recent`)."""
        stored = self.recorder.select_events(subject, desc=True, limit=1)
        return self.decode_stored(stored[0]).timestamp if stored else None


def unchanged_since(record: LedgerAggregate, values: Mapping[str, Any], changed_in: frozenset[int] | None) -> None:
    """Refuse a correction or retraction (its payload as read, decided on the record as loaded for the write, not yet
    recorded) whose fact was last changed in none of the versions `changed_in` names (None: no condition; the same
    recording sent again is answered as recorded before it is judged here): FactChanged, naming the version it was
    last changed in. Judged on the record the write appends to: a change saved meanwhile makes the save fail and
    the recording is judged again on the record as it is now."""
    target = values.get("target_version")
    if changed_in is None or not isinstance(target, int) or target not in record.facts:
        return
    current = record.facts[target].changed_in
    if current not in changed_in:
        expected = ", ".join(str(v) for v in sorted(changed_in))
        wording = CHANGED_SINCE if expected else NO_VERSION_NAMED  # (until 2026-12-05 "..., not as none")
        reason = wording.reason(version=target, subject=record.id, current=current, expected=expected)
        raise FactChanged(reason, current)


def decided_as_read(
    record: LedgerAggregate,
    event_cls: type[LedgerEvent],
    values: Mapping[str, Any],
    recording: Recording,
    changed_in: frozenset[int] | None,
) -> Decision | Outcome:
    """`record.decide`, a correction's or retraction's condition on its fact as read (`unchanged_since`) judged before
    its refusals: one the ledger refuses (its fact retracted since: "Version 7 was retracted by version 14.") whose fact
    was changed since the version the writer read is FactChanged (412), as RFC 9110 judges a precondition before the
    request, nothing recorded (until 2026-12-06 the 422, where docs/api.md says 412). A recording sent again is
    answered as recorded (decide's replay), before its condition."""
    try:
        decision = record.decide(event_cls, values, recording)
    except InvalidInput:
        unchanged_since(record, values, changed_in)
        raise
    if isinstance(decision, Decision):
        unchanged_since(record, values, changed_in)
    return decision


@dataclass
class Batch:
    """A batch of commands on its way through `WritingAhead`: its results are final once it is `written`."""

    commands: list[Command]
    tag: Any  # the caller's (an import's: the bytes its rows took)
    results: list[Outcome | Exception] = field(default_factory=list)
    uow: UnitOfWork | None = None
    write: Future[None] | None = None
    written: bool = False


class WritingAhead:
    """`record_batch` for a sequence of batches, each batch written while the next one is decided.

    A batch's events are written in a thread (sqlite3 and psycopg let go of the GIL while the
    database works) while the next batch is decided from the records as the batch before left
    them in memory (`UnitOfWork.carried`); the others it reads from the store, which that
    batch did not change. A batch is written only once the one before it is: the store
    always holds the first batches of a run, each whole or not at all. If a batch meets a
    concurrent write, it is redone one by one as `record_batch` redoes it, and the next batch,
    decided from what it had made, is decided again from the store. If its write fails
    otherwise, the error is raised and the next batch is not written, as `record_batch` would
    have raised before deciding it. Every batch thus gets the results `record_batch` would give
    it, the batches called one after the other.
    """

    def __init__(self, app: CareerLog, actor: str, guard: Guard | None = None):
        self.app, self.actor, self.guard = app, actor, guard
        self.mapper = cast(CareerMapper, app.mapper)
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="careerlog-write")
        self.pending: Batch | None = None  # the batch being written

    def add(self, commands: list[Command], tag: Any) -> list[Batch]:
        """Decide a batch and start writing it; the batches whose results are now final, in order."""
        batch, before = Batch(commands, tag), self.pending
        app, actor = self.app, self.actor
        done = []
        try:
            batch.uow = UnitOfWork(app, carried=before.uow.loaded if before and before.uow else {}, guard=self.guard)
            if before is not None and before.uow is not None:  # (its keys, as it decided them: maybe not written)
                batch.uow.key_owners.update(before.uow.key_owners)
                batch.uow.units_made.update(before.uow.units_made)  # (its new units: known to the process once written)
            if commands:
                batch.results = app.decide_batch(commands, actor, batch.uow)
        except Exception:
            batch.uow = None  # decided from records that may not be saved: decide it again, after the one before
        if before is not None:
            self.pending = None
            done.append(self._finish(before))
            if not before.written:
                batch.uow = None  # redone one by one: its records are in the store, not as this batch found them
        if batch.uow is None:
            batch.uow = UnitOfWork(app, guard=self.guard)
            batch.results = app.decide_batch(commands, actor, batch.uow)
        events = batch.uow.new_events()
        rows = self.mapper.to_stored_rows(events)
        if rows:
            batch.write = self.writer.submit(app.write_ahead, events, rows, set(batch.uow.judged_keys))
            self.pending = batch
        else:
            batch.written = True
            done.append(batch)
        return done

    def finish(self) -> list[Batch]:
        """Wait for the last batch to be written; its results (an empty list when there was none)."""
        before, self.pending = self.pending, None
        return [self._finish(before)] if before is not None else []

    def close(self) -> None:
        """Wait for a write still running (after an error or an interruption) and stop the thread."""
        before, self.pending = self.pending, None
        if before is not None and before.write is not None:
            with contextlib.suppress(BaseException):
                before.write.result()
        self.writer.shutdown()

    def _finish(self, batch: Batch) -> Batch:
        assert batch.write is not None
        try:
            batch.write.result()
            batch.written = True
            if batch.uow is not None:
                self.app._units_saved(batch.uow)
        except RecordConflictError:
            batch.results = self.app.redo_alone(batch.commands, self.actor, self.guard)
        batch.uow = None
        return batch


@lru_cache(maxsize=8)
def nip_checker(identity: NipRules) -> Callable[[str], Nip]:
    """The check of a NIP on its own (InvalidInput) by the identity rules `identity`, each NIP's remembered: one per
    rules, so that a unit of work's rows, once it has read the rules (UnitOfWork.nip_check), look a NIP up as a plain
    cache hit (until 2026-12-06 each row read the configured rules first, about 4 us)."""
    return lru_cache(maxsize=1 << 16)(partial(parse_nip, identity=identity))


def new_key_refusal(client_key: str | None) -> Reason | None:
    """Why a client key would be refused as a new one (KEY_COMMA before KEY_TOO_LONG), or None if it would not; a key
    its record holds already is taken all the same (key_held)."""
    if client_key is None:
        return None
    if "," in client_key:
        return KEY_COMMA
    if len(client_key) > MAX_CLIENT_KEY:
        return KEY_TOO_LONG
    return None


def key_held(command: Command, uow: UnitOfWork | None) -> bool:
    """Whether the command's record holds its client key already: a key with a comma recorded before such keys were
    refused (2026-12-05), sent again by the same import file or command, is answered by its recording (replayed, or
    a conflict if it differs) as before, not refused (KEY_COMMA, KEY_TOO_LONG); a new one is refused."""
    if uow is None or not command.subject or command.client_key is None:
        return False
    record = uow.get(command.subject)
    if record is None or record.visible(record.keys.get("key:" + command.client_key)) is None:
        return False
    try:  # (out of the writer's scope: refused as a new key, telling nothing of the record)
        if uow.guard is not None:
            uow.guard(record, "nip")
    except (InvalidInput, NotFound):
        return False
    return True


def replay_events(events: Iterable[LedgerEvent]) -> LedgerAggregate:
    """A record rebuilt from its events, as the library's repository rebuilds it."""
    aggregate: Any = None
    for event in events:
        aggregate = event.mutate(aggregate)
    return cast(LedgerAggregate, aggregate)


def batch_subjects(commands: Iterable[Command]) -> set[str]:
    """The records a batch of commands will read: each subject, and each mentor named."""
    subjects = set()
    for command in commands:
        subjects.add(command.subject)
        mentor = command.payload.get("mentor_nip")
        if isinstance(mentor, str):
            subjects.add(normalise_nip(mentor.strip()))
    return subjects


def refuse_before_void(
    record: LedgerAggregate, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
) -> None:
    """A live correction or retraction of a record appointed afresh naming a version of its voided part (before its
    last void, `void_before`) is refused beside target_version, telling nothing of it, as a read of that version by
    the record's office is withheld: the voided part is another office's. The void itself sent again is answered as
    recorded (its retraction names the voided appointment); a migration reads the record whole."""
    since = record.void_before
    if not since or recording.reproduced or values["target_version"] >= since:
        return
    if record.sent_again(event_cls, values, recording) is not None:
        return
    if record.earlier_by_reference(event_cls, values, recording.client_key) is not None:  # (sent under a key before)
        return
    raise InvalidInput(BEFORE_VOID.reason(version=values["target_version"], void=since), "target_version")


# A live correction or retraction dated before the appointment (a correction dated 1999-01-01 of a 2003 appointee's
# fact: found by a tester, 2026-12-06, recorded until then) is refused beside its `effective_date`, as a fact dated
# before the appointment is (BEFORE_APPOINTMENT); a migration keeps a log's as they are, and one recorded already, sent
# again, is answered as recorded. One dated before the fact it changes but after the appointment is not refused: a
# decree may correct a fact before its TMT, and the date recorded may be the mistake it mends (an import of rows in TMT
# order records such a correction: tests/integration/test_import_rank_jump_dependants_order.py, CORRECTED_EARLY).
def refuse_change_before_appointment(
    record: LedgerAggregate, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
) -> None:
    """Refuse, beside effective_date with the recording's other problems, a live correction or retraction of an
    employee's fact dated before the appointment (BEFORE_APPOINTMENT): the appointment as the change leaves it, a
    correction of its TMT judged against the TMT corrected (until 2026-12-06 against the TMT as it stood, so that a
    correction moving a TMT of the 15th to the 1st, dated the 1st, the remedy appointment.tmt_first_day suggests, was
    refused). Not in Employee.check_change_date, which is given the change's date alone, not what it changes."""
    day = values.get("effective_date")
    if not isinstance(record, Employee) or recording.reproduced or not isinstance(day, date):
        return
    appointment = record.current_context().appointment
    if appointment is None:
        return
    tmt = appointment.effective_date
    corrected = record.corrected_of(event_cls, values, {"appointment": {"effective_date"}})
    if corrected is not None and corrected[0].version == appointment.version:
        tmt = corrected[1]["effective_date"]
    if day >= tmt or sent_again(record, event_cls, values, recording):
        return
    found = BEFORE_APPOINTMENT.reason(day=day.isoformat(), tmt=tmt.isoformat())
    raise whole_refusal(
        InvalidInput(found, "effective_date"), event_cls, decision_problems(record, event_cls, values, recording)
    )


def refuse_system_targets(
    aggregate: LedgerAggregate,
    event_cls: type[LedgerEvent],
    values: Mapping[str, Any],
    client_key: str | None,
    reproduced: bool = False,
) -> None:
    """Facts the system derives are corrected or retracted only through their source.

    A row that records again what the system recorded (the same kind, reference, target and values: an export
    made before the system's retractions were left out of it, docs/import-format.md) is let through, to be
    answered as already recorded. A migration (`reproduced`) takes a correction of the mentor's side of a
    mentoring as its log holds it: a live correction of the mentee's side made it, and a migration derives none."""
    target = aggregate.facts.get(values.get("target_version", 0))
    if target is not None and not target.event_class.RECORDABLE:
        if reproduced and event_cls is EventCorrected and target.event_class in MIRRORS.values():
            return
        try:
            if aggregate.replay(event_cls, values, client_key) is not None:
                return
        except IdempotencyConflict:
            pass  # not the system's recording: refused as below
        raise InvalidInput(KEPT_BY_SYSTEM.reason(version=target.version, kind=target.kind), "target_version")


def subject_of(nip: object, kind: str | None = None) -> str:
    """The record a recording names (`CareerLog.record`'s `nip`): an employee's NIP, its separators stripped
    (normalise_nip), or a unit's key as `careerlog history` shows it, `UNIT:KOTA-MEDAN:Dinas Kesehatan`, read as
    `unit_subject` reads its agency and name. normalise_nip stripped a unit key's dashes and spaces too, and
    `careerlog record UNIT:KOTA-MEDAN:... unit_rating ...` recorded a new unit `UNIT:KOTAMEDAN:DinasKesehatan` of no
    agency, its agency never checked. An appointment makes an employee's record, never a unit's: its `nip` is read as
    a NIP whatever it begins with, refused naming nip (a `UNIT:NOPE:...` given as its NIP was refused naming agency,
    the appointment's own field, and one of a known agency naming kind)."""
    text = str(nip)
    if text.startswith("UNIT:") and kind != Appointed.KIND:
        agency, unit = unit_of(text)
        return unit_subject(agency, unit)
    return read_nip(text)  # (after its label: "NIP. 1998...", as the pages and an import read it)


def unit_subject(agency: str, unit: str) -> str:
    """The subject of a unit's records, after checking the agency code."""
    from careerlog.domain.payload import FieldSpec

    try:
        code = parse_value(FieldSpec("agency", str, True, "", "agencies"), agency)
    except ValueError as e:
        raise InvalidInput(reason_of(e), "agency") from None
    try:  # a text field's checks: at most 500 characters (PostgreSQL indexes no id of 3,000), no NUL
        name = parse_value(FieldSpec("unit", str, True, "", None), unit)
    except ValueError as e:
        raise InvalidInput(reason_of(e), "unit") from None
    return unit_id(code, name)


def end_as_filled_before(employee: LedgerAggregate, values: dict[str, Any]) -> None:
    """A penalty sent without its end (filled in by `complete`) again, after its reference was recorded before
    2026-12-05, when the end was filled in as the start + the kind's months - 1 day: a day or two earlier than
    `months_last_day` where the last month has no such day (begun 31 March, 6 months: 29 September, now the 30th).
    The same recording sent again (a file imported again, a request retried) keeps the end recorded, answered as
    recorded; it was refused as "already recorded ... with different values (end_date)"."""
    version = employee.by_reference(identity_key(PenaltyImposed, values, None))
    months = reference().penalty_kinds[values["penalty_kind"]].get("months")
    if version is None or not months or not isinstance(employee.events[version], PenaltyImposed):
        return
    start, stored = values["effective_date"], payload_values(employee.events[version]).get("end_date")
    before = start + relativedelta(months=int(months), days=-1)  # (the reading before 2026-12-05)
    if values["end_date"] is None:  # (a post penalty before 2021, filled with PP 94/2021's months until 2026-12-05)
        if stored in (before, months_last_day(start, int(months))):
            values["end_date"] = stored
    elif before != values["end_date"] and stored == before:
        values["end_date"] = before


def end_worked_out_again(record: LedgerAggregate, values: dict[str, Any]) -> None:
    """A live correction of a penalty's kind or start (`corrected_fields.penalty_kind`, `.effective_date`) that leaves
    out its end: the end worked out again from the penalty as corrected (`_penalty_end`, as a recording leaving it out
    is completed), added to the corrected fields, when the end as it stands is one the kind's months gave
    (`_ends_filled_in`: none given, the writer's end is that day); an end the writer gave, another day, stays theirs,
    as does any end when the corrected kind has no fixed months. Until 2026-12-06 the end filled in from the old kind
    stayed: a POTONG_TUKIN_6 corrected to POTONG_TUKIN_12 kept its 6 months' end, warned of as a day the writer never
    typed, and the eligibility answer read the penalty served 6 months early. Sent again, the same correction works
    out the same end (the fact as corrected gives it), and is answered as recorded."""
    target = record.facts.get(values.get("target_version"))  # type: ignore[arg-type]
    raw = values.get("corrected_fields")
    if target is None or target.kind != PenaltyImposed.KIND or not isinstance(raw, Mapping) or "end_date" in raw:
        return
    moved = {name: raw[name] for name in ("penalty_kind", "effective_date") if name in raw}
    if not moved:
        return
    try:
        changes = record.read_changes(target, moved, live=True)
    except InvalidInput:
        return  # (refused by the ledger, naming the field)
    if target.values.get("end_date") not in _ends_filled_in(target.values):
        return
    end = _penalty_end({**target.values, **changes})
    if end is not None:
        values["corrected_fields"] = {**raw, "end_date": end.isoformat()}


def _ends_filled_in(values: Mapping[str, Any]) -> tuple[date | None, ...]:
    """The ends `complete` fills in a penalty left without one with (`_penalty_end`: None for a kind of no fixed
    months), and the one it filled in before 2026-12-05 (the start + its months - 1 day: end_as_filled_before)."""
    months = reference().penalty_kinds[values["penalty_kind"]].get("months")
    before = values["effective_date"] + relativedelta(months=int(months), days=-1) if months else None
    return _penalty_end(values), before


def reference_as_recorded_before(
    record: LedgerAggregate, event_cls: type[LedgerEvent], values: dict[str, Any], written: Mapping[str, str]
) -> None:
    """A reference of digits alone a workbook cell's number format padded with zeros ("007": the number 7 in a column
    formatted 000, read so since 2026-12-05; `written` the cell as typed, "7") names the fact recorded under the
    bare number when the record holds one of the kind in force: an earlier import read that cell "7". The same row
    imported again is answered as recorded (other values: refused naming that fact), where it was recorded a second
    time under "007"."""
    typed, reference = written.get("reference"), values.get("reference")
    if not (type(typed) is str and type(reference) is str and typed != reference):
        return
    if not (typed.isdigit() and typed.isascii() and reference.isdigit() and reference.isascii()):
        return
    if typed.lstrip("0") != reference.lstrip("0"):
        return
    bare = {**values, "reference": typed}
    version = record.by_reference(identity_key(event_cls, bare, None))
    if version is not None and record.in_force(version):
        values["reference"] = typed


def _penalty_end(values: Mapping[str, Any]) -> date | None:
    """A penalty's end from its kind's months: the last day of the last month (none: a post penalty before 2021)."""
    months = penalty_months(values["penalty_kind"], values["effective_date"])
    return months_last_day(values["effective_date"], months) if months else None


class Filling(NamedTuple):
    """How a field left out is filled in (`fill`, from the recording's values: None for no value), and, when it was
    filled in otherwise before, how a recording sent again is given the value recorded then (`as_filled_before`,
    on the record and the values filled in, before the recording is matched to the one recorded)."""

    fill: Callable[[Mapping[str, Any]], Any]
    as_filled_before: Callable[[LedgerAggregate, dict[str, Any]], None] | None = None


# The optional fields of a kind `complete` fills in when a recording leaves them out, each with what fills it in:
# the one table `complete`, the ledger (a value filled in otherwise before: `Filling.as_filled_before`) and the
# import (importing.UNKNOWN_MAY_BE_DEFAULTED: a column of no field beside a header leaving out such a field refuses
# the file) read, so that a field filled in is one the import knows is
FILLED_IN: Mapping[str, Mapping[str, Filling]] = {"penalty": {"end_date": Filling(_penalty_end, end_as_filled_before)}}


def filled_in(kind: str) -> tuple[str, ...]:
    """The fields of a kind `complete` fills in when a recording leaves them out (FILLED_IN), in order."""
    return tuple(FILLED_IN.get(kind, ()))


def complete(event_cls: type[LedgerEvent], values: dict[str, Any]) -> dict[str, Any]:
    """Fill in what the recording implies (FILLED_IN): a penalty's end from the kind's months."""
    for name, filling in FILLED_IN.get(event_cls.KIND, {}).items():
        if values.get(name) is None:
            filled = filling.fill(values)
            if filled is not None:
                values[name] = filled
    return values


def event_row(event: LedgerEvent) -> dict[str, Any]:
    """An event as a row of the import and export format (see docs/import-format.md)."""
    from careerlog.domain.payload import to_plain

    subject = event.originator_id
    row: dict[str, Any] = {"kind": event.KIND}
    if subject.startswith("UNIT:"):
        row["agency"], row["unit"] = unit_of(subject)
    else:
        row["nip"] = subject
    row["version"] = event.originator_version
    for name, value in payload_values(event).items():
        if value is not None:
            row[name] = to_plain(value)
    row["recorded_at"] = event.timestamp.isoformat()
    row["recorded_by"] = event.recorded_by
    row["migrated"] = event.migrated
    if event.client_key:
        row["client_key"] = event.client_key
    confirmed = getattr(event, "confirmed", ())  # (a rank jump the writer confirmed: kept by a migration import)
    if confirmed:
        row["confirm"] = list(confirmed)
    return row


# The entry-point group of the ledger's extensions: each a function of a CareerLog giving it what careerlog, which
# imports no layer above it, cannot work out (its units_known and findings_of hooks). projections registers the one
# there is (setup.cfg: projections.ledger:extend_ledger); every live writer (the web services, careerlog record and
# import, each import worker) attaches them with `extended`, and so asks unit.new and says a promotion's findings.
LEDGER_EXTENSIONS = "careerlog.ledger_extensions"


@lru_cache(maxsize=1)
def _ledger_extensions() -> tuple[Callable[[CareerLog], None], ...]:
    """The ledger's extensions installed (LEDGER_EXTENSIONS), loaded once a process, when a writer first needs them
    (a command that writes nothing does not import them)."""
    from importlib.metadata import entry_points

    return tuple(entry.load() for entry in sorted(entry_points(group=LEDGER_EXTENSIONS), key=lambda e: e.name))


def extended(ledger: CareerLog) -> CareerLog:
    """`ledger` with every installed extension (LEDGER_EXTENSIONS) attached; the ledger."""
    for extend in _ledger_extensions():
        extend(ledger)
    return ledger

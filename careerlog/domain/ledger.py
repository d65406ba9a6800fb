"""The ledger aggregate: an append-only list of facts, corrected and retracted by new events.

An aggregate (an employee, a unit) holds every fact ever recorded for it. A correction
changes the current values of a fact; a retraction withdraws it; neither edits the
original event. Each recording carries a client reference: recording the same thing
twice answers with the first recording instead of storing it again.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cached_property
from operator import attrgetter
from typing import Any, TypeVar, cast

from eventsourcing.domain import BaseAggregate, CanInitAggregate, CanMutateAggregate
from eventsourcing.utils import get_topic

from careerlog.domain.errors import FieldErrors, IdempotencyConflict, InvalidInput, quoted, quoted_apart
from careerlog.domain.events import (
    BY_KIND,
    CONFIRMED_FIELD,
    EventCorrected,
    EventRetracted,
    LedgerEvent,
    MenteeAssigned,
    MenteeReleased,
    MentoringEnded,
    MentoringSessionHeld,
    MentoringStarted,
)
from careerlog.domain.payload import (
    UNKNOWN_FIELD,
    as_compared,
    filled_fields,
    parse_judged,
    parse_payload,
    payload_fields,
    same_value,
    stored_changes,
    to_plain,
)
from careerlog.domain.quick import quick_init
from careerlog.domain.wording import Reason, Refusal, joined

A = TypeVar("A", bound="LedgerAggregate")
T = TypeVar("T")

# Indonesia spans UTC+7 to UTC+9: a date is "in the future" only if it is after today in
# the easternmost zone, so no office anywhere is refused a date that is today for it.
_EASTERNMOST_OFFSET = timedelta(hours=9)
EASTERNMOST = timezone(_EASTERNMOST_OFFSET)

# The refusals of any record's (careerlog.domain.wording); those of an employee's facts are in employee.py.
IN_FUTURE = Refusal("{day} is in the future.", dates=("day",))
FUTURE = Refusal("Is in the future.").reason()
YEAR_AFTER_RATING = Refusal("{year} is after the rating's date ({day}).", dates=("day",))
RATED = Refusal("{year} is already rated (version {version}); correct it instead.")
NO_FACT = Refusal("No fact with version {version} is recorded for {subject}.")
CORRECTION_NAMED = Refusal(
    "Version {version} is a correction of version {target}, not a fact: correct version {target} again "
    "(the latest correction's values stand) or retract it.",
)
# ... of a fact since retracted: neither correcting it again nor retracting it is accepted (until 2026-12-07
# CORRECTION_NAMED's advice, both refused)
CORRECTION_OF_RETRACTED = Refusal(
    "Version {version} is a correction of version {target}, not a fact, and version {by} retracted version {target}: "
    "a retracted fact stays retracted.",
)
RETRACTION_NAMED = Refusal(
    "Version {version} is the retraction of version {target}, not a fact: a retracted fact stays retracted.",
)
# A client key (idempotency key) sent again for another kind of fact: named by the key, as KEY_REUSED (below) is
KEY_USED = Refusal(
    "Key {key} was already used for the {kind} recorded as version {version}: a new fact needs a new key.",
    kinds=("kind",),
)
REFERENCE_USED = Refusal(
    "Reference {reference} was already recorded as version {version} with different values ({fields}): {advice}",
)
# REFERENCE_USED's advice, by what the version recorded under the reference is: each names what the ledger accepts
# (until 2026-12-07 a correction's was "record a correction of version {version}", of the correction itself, refused
# as CORRECTION_NAMED)
USED_BY_FACT = Refusal(
    "if this is another event, give it its own reference number; if version {version} was wrong, record a correction "
    "of version {version}.",
)
USED_BY_CORRECTION = Refusal(
    "version {version} is a correction of version {target}. If this is another event, give it its own reference "
    "number; if version {version} was wrong, record another correction of version {target} (the latest "
    "correction's values stand).",
)
USED_BY_CORRECTION_OF_RETRACTED = Refusal(
    "version {version} is a correction of version {target}, which version {by} retracted: a retracted fact stays "
    "retracted. If this is another event, give it its own reference number.",
)
USED_BY_RETRACTION = Refusal(
    "version {version} is the retraction of version {target}: a retracted fact stays retracted. If this is another "
    "event, give it its own reference number.",
)
# REFERENCE_USED's reference when the one sent is the recorded one written otherwise (in letter case or spaces:
# `reference_key`): the one typed, and the one the record holds beside it (until 2026-12-06 the recorded one alone,
# "Reference '800/123/BKD' was already recorded" of a certificate typed 800/123/bkd, which the writer never typed)
REFERENCE_WRITTEN = Refusal("{typed} (written {recorded} in the record)")
# ... and when the one sent is another document, the one the fact bore before a correction changed its reference: the
# one typed, and the one the record holds now (until 2026-12-06 the record's alone, "Reference '800/2' was already
# recorded" of a decree typed 800/1, which the writer never typed)
REFERENCE_CORRECTED = Refusal("{typed} (corrected to {recorded} in the record)")
# A client key (idempotency key) sent again with other values: the key clashed, whatever the references (which may
# differ): named by the key, never by the reference (the API and an import's report name `client_key`).
KEY_REUSED = Refusal(
    "Key {key} was already used for the {kind} recorded as version {version} with different values ({fields}): a new "
    "fact needs a new key (or send the same values to repeat it).",
    kinds=("kind",),
)
# KEY_REUSED as the record form words it: its client key is a hidden input, kept while it is refused (a page sent
# back, changed and sent again), a new one given to each record page opened
FORM_KEY_REUSED = Refusal(
    "This form was already sent for the {kind} recorded as version {version} with different values ({fields}): a "
    "new fact needs a new form; open the record page again (or send the same values to repeat it).",
    kinds=("kind",),
)
# The retracted fact a refusal of its values sent again names ({recorded} of RESENT_RETRACTED, KEY_RETRACTED and their
# words for the form and an import): recorded with them, or (CORRECTED_TO) recorded and corrected to them before it
# was retracted (until 2026-12-07 "recorded with these values" of both, where the values first recorded differ);
# under its own client key (KEY_RETRACTED) the values are not named, as the key alone found the fact (RECORDED_AS)
# and its retraction (`by`): "which version N retracted" after the values first recorded, "; version N retracted it"
# after the values as corrected (until later on 2026-12-07 "..., then corrected to these values, which version 9
# retracted", read as if the values were retracted)
RECORDED_WITH = Refusal("recorded with these values as version {version}, which version {by} retracted")
RECORDED_AS = Refusal("recorded as version {version}, which version {by} retracted")
CORRECTED_TO = Refusal("recorded as version {version}, then corrected to these values; version {by} retracted it")


def recorded_part(version: int, by: int | None, corrected: bool, keyed: bool = False) -> Reason:
    """How a refusal of a retracted fact's values sent again names the fact (`version`) and its retraction (`by`):
    recorded with these values (under its own client key: recorded, RECORDED_AS), or, `corrected`, recorded and
    corrected to them."""
    return (CORRECTED_TO if corrected else RECORDED_AS if keyed else RECORDED_WITH).reason(version=version, by=by)


# A retracted fact's reference names nothing in force: other values under it are recorded anew (a new event; the
# retracted one stays retracted), the same values only as a new recording (a new client key), never answered
# as recorded: a file run again does not bring back what was retracted.
RESENT_RETRACTED = Refusal(
    "Reference {reference} was {recorded}: none of it is in force. To record the fact "
    "again, send it under a new client key (the API's Idempotency-Key header, careerlog record's --client-key; the "
    "record page's box below its fields), or with the values it should have.",
)
# RESENT_RETRACTED as the record form words it: its client key, given by each page opened, is no request to record the
# fact anew (Command.key_anew), its box below the fields is (as an import's client_key column is: RERUN_RETRACTED)
FORM_RESENT_RETRACTED = Refusal(
    "Reference {reference} was {recorded}: none of it is in force, and a form sent "
    "with its values does not bring it back. If it stays retracted, nothing more is needed; to record the fact "
    "again, tick the box below and send the form again, or give it the values it should have.",
)
# A retracted fact's own client key sent again (its key spent): named by the key, as KEY_REUSED is
KEY_RETRACTED = Refusal(
    "Key {key} was already used for the {kind} {recorded}: to record the fact anew, send it under a new key.",
    kinds=("kind",),
)


def resent_retracted(error: BaseException) -> Reason | None:
    """The refusal of a retracted fact's values sent again (RESENT_RETRACTED, or KEY_RETRACTED under the fact's own
    client key: its version and the retraction's, `by`), or None for any other error."""
    if not isinstance(error, IdempotencyConflict) or len(error.args) != 1:
        return None
    reason = error.args[0]
    return reason if type(reason) is Reason and reason.refusal in (RESENT_RETRACTED, KEY_RETRACTED) else None


# ... and another fact sent under a retracted fact's key (other values): the key is spent, the fact named retracted,
# so that no writer takes the advice for one to record the retracted fact again (until 2026-12-06 KEY_RETRACTED's)
KEY_RETRACTED_REUSED = Refusal(
    "Key {key} was already used for the {kind} recorded as version {version} with different values ({fields}), "
    "which version {by} retracted: a new fact needs a new key.",
    kinds=("kind",),
)
# KEY_USED and KEY_RETRACTED as the record form words them (see FORM_KEY_REUSED)
FORM_KEY_USED = Refusal(
    "This form was already sent for the {kind} recorded as version {version}: a new fact needs a new form; open the "
    "record page again.",
    kinds=("kind",),
)
FORM_KEY_RETRACTED = Refusal(
    "This form was already sent for the {kind} {recorded}: to record the fact anew, open the record page again.",
    kinds=("kind",),
)
# ... and KEY_RETRACTED_REUSED: another fact sent under a retracted fact's form, named by the values that differ (until
# 2026-12-06 FORM_KEY_RETRACTED's, which advised opening the page again "to record the fact anew")
FORM_KEY_RETRACTED_REUSED = Refusal(
    "This form was already sent for the {kind} recorded as version {version} with different values ({fields}), which "
    "version {by} retracted: a new fact needs a new form; open the record page again.",
    kinds=("kind",),
)
# A client key its writer sent for a record other than the one it first used it for (careerlog.keyowners: another
# writer's use of it is never told): a key is one request's (the IETF idempotency-key draft), so it is refused,
# naming neither the other record nor its fact (the writer may not read it), never recorded there too nor answered
# with the other record's result
KEY_ELSEWHERE = Refusal(
    "Key {key} was already used for another request, in another record: a new fact needs a new key."
)
FORM_KEY_ELSEWHERE = Refusal(
    "This form was already sent for another record: a new fact needs a new form; open the record page again."
)
# The refusals of a client key used before, each named by the key: the API files them under its `Idempotency-Key`
# header, an import's report and `careerlog record` under `client_key`, the record form above its fields, in its
# own words (FORM_WORDS, which words a retracted fact's values sent again too)
KEY_CLASHES = (KEY_USED, KEY_RETRACTED, KEY_RETRACTED_REUSED, KEY_REUSED, KEY_ELSEWHERE)
FORM_WORDS = {
    KEY_USED: FORM_KEY_USED,
    KEY_RETRACTED: FORM_KEY_RETRACTED,
    KEY_RETRACTED_REUSED: FORM_KEY_RETRACTED_REUSED,
    KEY_REUSED: FORM_KEY_REUSED,
    KEY_ELSEWHERE: FORM_KEY_ELSEWHERE,
    RESENT_RETRACTED: FORM_RESENT_RETRACTED,  # (filed beside the reference: web.pages.hr.attempt)
}
# A correction giving a fact the reference another fact of its kind in force bears: the two could no longer be told
# apart by it (a recording sent again under it would be answered by the other one's values).
REFERENCE_TAKEN = Refusal(
    "Reference {reference} is already that of version {version}, another {kind} of this record: two facts may not "
    "share one reference. Check the reference, or retract the fact recorded twice.",
    kinds=("kind",),
)
NOT_CORRECTABLE = Refusal("A {kind} cannot be corrected.", kinds=("kind",))
NOT_RETRACTABLE = Refusal("A {kind} cannot be retracted.", kinds=("kind",))
RETRACTED = Refusal("Version {version} was retracted by version {by}.")
ALREADY_RETRACTED = Refusal("Version {version} was already retracted by version {by}.")
NO_FIELD = Refusal("Name at least one field to correct.").reason()
UNCHANGED = Refusal("Is already {value}: a correction changes at least one value.")
# ... a date's, which the pages show as they show every date ("1 Mar 2025"; until 2026-12-06 "2025-03-01" there)
UNCHANGED_DAY = Refusal("Is already {day}: a correction changes at least one value.", dates=("day",))
ALREADY_EMPTY = Refusal("Is already empty: a correction changes at least one value.").reason()  # (a value removed)
# A correction naming a field its target has not, or one no correction changes: the fields it can change
NOT_CORRECTED_FIELD = Refusal(
    "Not a field a correction of this {kind} can change; it can change {fields}.", kinds=("kind",)
)
INCONSISTENT = Refusal("This change would make version {version} ({kind}) inconsistent: {reasons}", kinds=("kind",))
FIELD_REASONS = Refusal("{field}: {reasons}")  # a field's reasons within another refusal

# How an earlier recording of the same kind and reference was asked for again (LedgerAggregate.replayed).
PLAIN, OWN_KEY, NEW, REPRODUCED = "plain", "own key", "new key", "reproduced"


def unchanged(value: Any) -> str:
    """The refusal of a corrected field already holding `value`: ALREADY_EMPTY, UNCHANGED_DAY or UNCHANGED."""
    if value is None:
        return ALREADY_EMPTY
    if type(value) is date:
        return UNCHANGED_DAY.reason(day=value.isoformat())
    return UNCHANGED.reason(value=to_plain(value))


def local_date(moment: datetime) -> date:
    """The latest calendar date anywhere in Indonesia at a moment."""
    if moment.tzinfo is UTC:  # recorded times are UTC: the same date, without astimezone's conversion
        return (moment + _EASTERNMOST_OFFSET).date()
    return moment.astimezone(EASTERNMOST).date()


def latest_today() -> date:
    """Today's latest date anywhere in Indonesia (local_date of now): what a year or a day asked of a report is judged
    "after this one" or "after today" against, as a fact's date "in the future" is (a year begun in Jayapura is not
    refused for the 9 hours it has not begun in UTC)."""
    return local_date(datetime.now(UTC))


def payload_values(event: LedgerEvent) -> dict[str, Any]:
    """The payload of an event as recorded (its own values, before any correction)."""
    names, values_of = _payload_getter(type(event))
    return dict(zip(names, values_of(event), strict=True))


_GETTERS: dict[type[LedgerEvent], tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def _payload_getter(cls: type[LedgerEvent]) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The payload field names of an event class and a function reading them all at once."""
    found = _GETTERS.get(cls)
    if found is None:
        names = tuple(spec.name for spec in payload_fields(cls))
        getter = attrgetter(*names)
        found = _GETTERS[cls] = (names, getter if len(names) > 1 else lambda event: (getter(event),))
    return found


IDENTITY_FIELDS: dict[type[LedgerEvent], tuple[str, ...]] = {
    EventCorrected: ("reference", "target_version"),
    EventRetracted: ("reference", "target_version"),
    MentoringStarted: ("reference", "mentor_nip"),
    MentoringEnded: ("reference", "mentor_nip"),
    MentoringSessionHeld: ("reference", "mentor_nip"),
    MenteeAssigned: ("reference", "mentee_nip"),
    MenteeReleased: ("reference", "mentee_nip"),
}


def reference_typed(typed: Any, recorded: Any) -> str:
    """A reference sent again as a refusal names it: as typed, and beside it as recorded when it is written otherwise
    (REFERENCE_WRITTEN: its letter case or spaces), so the writer sees both the value they typed and the record's;
    when the two are no one document (`reference_key`: a fact's reference a correction changed), the one typed as
    corrected to the record's (REFERENCE_CORRECTED; until 2026-12-06 the record's alone, the one typed not named, and
    before that "'800/1' (written '800/2' in the record)", as if one were the other's spelling)."""
    if type(typed) is not str or typed == recorded:
        return quoted(recorded)
    shown, kept = quoted_apart(typed, recorded)  # (each whole, the difference shown: not both cut at 40 alike)
    if reference_key(typed) != reference_key(recorded):
        return REFERENCE_CORRECTED.reason(typed=shown, recorded=kept)
    return REFERENCE_WRITTEN.reason(typed=shown, recorded=kept)


def reference_key(reference: Any) -> str:
    """A reference as the ledger compares it: without its letter case or whitespace, so that one decree written
    `800/123/BKD`, `800/123/bkd` or `800/123 /BKD` is one document (the stored reference stays as written), and
    whatever its Unicode normalization form (`SK/Café` with é, or with e and a combining accent: the same text, by
    Unicode's canonical caseless match, NFD before and after casefold). Not NFKC: compatibility forms show another
    text (a superscript ² is no 2, a circled ① no 1) and two references so told apart are two documents.

    A log recorded before 2026-12-05 may hold two facts whose references have one key now (the same text in NFC and
    in NFD, recorded twice): each is kept and read, and the key names the later one (`take_fact`), as two references
    that differed in case only before the ledger compared them so."""
    return caseless("".join(str(reference).split()))


def caseless(text: str) -> str:
    """A text as the ledger compares texts written by people (references, unit names): without its letter case and
    whatever its Unicode normalization form, by Unicode's canonical caseless match (NFD before and after casefold,
    kept in NFC); an ASCII text, nearly every one, casefolded alone."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def named_by_reference(reference: Any, candidates: Iterable[T], reference_of: Callable[[T], Any]) -> list[T]:
    """The candidates a reference to an earlier fact names (a post_end's `appointment_reference`): those whose
    reference is exactly it, else those whose reference is it in another letter case or spacing (`reference_key`),
    as the ledger tells one document from another. More than one: the reference is ambiguous (two facts whose
    references differ only so, recorded before the ledger compared references by their key)."""
    found = list(candidates)
    exact = [c for c in found if reference_of(c) == reference]
    if exact:
        return exact
    key = reference_key(reference)
    return [c for c in found if reference_key(reference_of(c)) == key]


def same_field(name: str, a: Any, b: Any, event_cls: type[LedgerEvent] | None = None) -> bool:
    """Whether two values of a payload field are the same value: a reference by `reference_key`, any other field by
    `same_value` (an amount whatever its decimals); given the kind, an appointment's rank by its code (one stored as
    typed before 2026-12-05, "iii/a", is the III/a sent again: `as_compared`)."""
    if name == "reference":
        return a == b or reference_key(a) == reference_key(b)
    if event_cls is not None and not same_value(a, b):
        return same_value(as_compared(event_cls, name, a), as_compared(event_cls, name, b))
    return same_value(a, b)


def identity_key(event_cls: type[LedgerEvent], values: Mapping[str, Any], client_key: str | None) -> str:
    """What makes two recordings "the same thing": the client key, else kind and reference (by `reference_key`)."""
    if client_key:
        return f"key:{client_key}"
    names = IDENTITY_FIELDS.get(event_cls)
    if names is None:  # most kinds: the kind and the reference
        return event_cls.KIND + ":" + reference_key(values.get("reference"))
    return ":".join(
        [event_cls.KIND, *[reference_key(values.get(n)) if n == "reference" else str(values.get(n)) for n in names]]
    )


# The fields every recordable event class starts with, in this order, before its own payload fields.
COMMON_FIELDS = (
    "originator_id",
    "originator_version",
    "timestamp",
    "effective_date",
    "reference",
    "recorded_by",
    "migrated",
    "client_key",
)


@dataclass(frozen=True)
class EventShape:
    """The payload fields of an event class, and whether a decision may build its events directly."""

    payload: tuple[str, ...]  # payload field names in field order
    rest: tuple[str, ...]  # the payload fields after effective_date and reference
    direct: bool  # fields are COMMON_FIELDS, `rest`, then `confirmed` if `confirms`; the event is applied as a fact
    confirms: bool = False  # the class's last field is `confirmed` (the recording's: events.CONFIRMED_FIELD)


_SHAPES: dict[type[LedgerEvent], EventShape] = {}


def event_shape(event_cls: type[LedgerEvent]) -> EventShape:
    found = _SHAPES.get(event_cls)
    if found is None:
        fields = dataclasses.fields(event_cls)
        payload, _ = _payload_getter(event_cls)
        rest = payload[2:]
        confirms = fields[-1].name == CONFIRMED_FIELD
        direct = (
            tuple(f.name for f in fields) == (*COMMON_FIELDS, *rest, *((CONFIRMED_FIELD,) if confirms else ()))
            and all(f.init for f in fields)
            and not hasattr(event_cls, "__post_init__")
            and event_cls.apply is LedgerEvent.apply
            and event_cls.mutate is CanMutateAggregate.mutate
        )
        found = _SHAPES[event_cls] = EventShape(payload, rest, direct, confirms)
    return found


def in_field_order(event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> dict[str, Any] | None:
    """The values in the class's payload field order, when they are exactly its payload fields."""
    names = event_shape(event_cls).payload
    if tuple(values) == names:  # in that order already (as parse_payload reads them): a copy
        return dict(values)
    try:
        ordered = {name: values[name] for name in names}
    except KeyError:
        return None
    return ordered if len(ordered) == len(values) else None


def build_event(
    event_cls: type[LedgerEvent],
    originator_id: str,
    version: int,
    payload: Mapping[str, Any],
    recording: Recording,
    rest: tuple[str, ...] | None = None,
) -> LedgerEvent:
    """The event `event_cls(**fields)` would make (the same fields, set in the same order), made directly.

    Only for classes whose shape is `direct`, with every payload field given; `rest` is the
    shape's `rest`, when the caller has it. A class whose last field is `confirmed` gets the recording's.
    """
    state = {
        "originator_id": originator_id,
        "originator_version": version,
        "timestamp": recording.recorded_at,
        "effective_date": payload["effective_date"],
        "reference": payload["reference"],
        "recorded_by": recording.recorded_by,
        "migrated": recording.migrated,
        "client_key": recording.client_key,
    }
    shape = _SHAPES.get(event_cls) or event_shape(event_cls)
    for name in shape.rest if rest is None else rest:
        state[name] = payload[name]
    if shape.confirms:
        state[CONFIRMED_FIELD] = recording.confirmed
    event = object.__new__(event_cls)
    object.__setattr__(event, "__dict__", state)
    return event


@dataclass(frozen=True)
class CreationShape:
    """The payload fields of an aggregate's creation event, and whether the aggregate may be made directly."""

    payload: tuple[str, ...]  # payload field names in field order
    direct: bool  # fields are COMMON_FIELDS, originator_topic, then the rest; the library's creation adds nothing
    topic: str  # the aggregate class's, its creation event's originator_topic


_CREATIONS: dict[tuple[type, type], CreationShape] = {}


def creation_shape(aggregate_cls: type, event_cls: type[LedgerEvent]) -> CreationShape:
    found = _CREATIONS.get((aggregate_cls, event_cls))
    if found is None:
        fields = dataclasses.fields(event_cls)
        payload, _ = _payload_getter(event_cls)
        confirms = fields[-1].name == CONFIRMED_FIELD  # (after the rest: `created_directly` sets it last)
        direct = (
            tuple(f.name for f in fields)
            == (*COMMON_FIELDS, "originator_topic", *payload[2:], *((CONFIRMED_FIELD,) if confirms else ()))
            and payload[:2] == ("effective_date", "reference")
            and all(f.init for f in fields)
            and not hasattr(event_cls, "__post_init__")
            and event_cls.apply is LedgerEvent.apply
            and event_cls.mutate is CanInitAggregate.mutate
            and issubclass(aggregate_cls, LedgerAggregate)
            and _builds_directly(aggregate_cls)
            and aggregate_cls.__init__ is LedgerAggregate.__init__  # (no parameters: the library passes none)
            and aggregate_cls.__base_init__ is BaseAggregate.__base_init__
            and aggregate_cls.INITIAL_VERSION == 1
        )
        found = _CREATIONS[(aggregate_cls, event_cls)] = CreationShape(payload, direct, get_topic(aggregate_cls))
    return found


def created_directly(
    aggregate_cls: type[A],
    event_cls: type[LedgerEvent],
    originator_id: str,
    payload: Mapping[str, Any],
    recording: Recording,
) -> A | None:
    """The aggregate `aggregate_cls._create(event_cls, id=originator_id, **payload, **recording.event_kwargs())`
    makes, its creation event pending, made directly: the same event (its fields set in the same order) and the
    same aggregate. None where the library's way is needed: a class of another shape, a payload that is not
    exactly the event's payload fields in field order, no recorded time.

    The library's way builds the event through the frozen dataclass's constructor and the aggregate by reading
    the event's fields back through each init method's signature: about 10 us of an appointment's 24.
    """
    shape = _CREATIONS.get((aggregate_cls, event_cls)) or creation_shape(aggregate_cls, event_cls)
    recorded_at = recording.recorded_at
    if not shape.direct or recorded_at is None or tuple(payload) != shape.payload:
        return None
    event = build_event(event_cls, originator_id, 1, payload, recording, rest=())  # (COMMON_FIELDS alone)
    state = event.__dict__
    state["originator_topic"] = shape.topic
    state.update(payload)  # the rest in field order (effective_date and reference keep their places and values)
    if CONFIRMED_FIELD in state:  # (the recording's, set by build_event: the class's last field)
        state[CONFIRMED_FIELD] = state.pop(CONFIRMED_FIELD)
    # what the event's mutate does: a shell of the class, the base init, the class's own init, then apply
    aggregate = aggregate_cls.__new__(aggregate_cls)
    aggregate.__base_init__(originator_id, 1, recorded_at)
    LedgerAggregate.__init__(aggregate)  # (the class's own init: the shape says it is this one)
    aggregate.add_fact(event)  # (LedgerEvent.apply)
    aggregate.pending_events.append(event)
    return aggregate


_DIRECT_AGGREGATES: dict[type, bool] = {}


def _builds_directly(aggregate_cls: type) -> bool:
    """Whether a decision may build the events of this aggregate class directly (it has no library TOPIC)."""
    found = _DIRECT_AGGREGATES.get(aggregate_cls)
    if found is None:
        found = _DIRECT_AGGREGATES[aggregate_cls] = not getattr(aggregate_cls, "TOPIC", None)
    return found


@dataclass
class Fact:
    """A recorded fact with its current values (after corrections) and its history.

    A fact being checked before it is recorded has version 0 and no event yet.
    """

    version: int
    kind: str
    values: dict[str, Any]
    recorded_on: date
    event: LedgerEvent | None = None
    corrected_by: list[int] = field(default_factory=list)
    retracted_by: int | None = None

    @property
    def event_class(self) -> type[LedgerEvent]:
        return BY_KIND[self.kind]

    @property
    def effective_date(self) -> date:
        value = self.values["effective_date"]
        assert isinstance(value, date)
        return value

    @property
    def active(self) -> bool:
        return self.retracted_by is None

    @property
    def changed_in(self) -> int:
        """The version of the last event that changed the fact: its retraction or last correction, else its own."""
        return max(self.version, *self.corrected_by, self.retracted_by or 0)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@quick_init
@dataclass(frozen=True)
class Recording:
    """What the system stamps on a recording: when, by whom, with which client key."""

    recorded_at: datetime
    recorded_by: str
    migrated: bool = False
    client_key: str | None = None
    # A migration import's (it reproduces a log as it was): what a live recording is refused for making no
    # sense, and the log may hold from before (a correction that changes nothing), is taken as it was.
    reproduced: bool = False
    # The checks whose refusal the writer confirmed, stored with the event (`confirmed` of a rank promotion,
    # correction or retraction, an appointment, placement, post appointment, training, penalty, exam or degree:
    # careerlog.domain.events.CONFIRMED_FIELD); set only for those kinds.
    confirmed: tuple[str, ...] = ()

    @property
    def recorded_on(self) -> date:
        return local_date(self.recorded_at)

    def event_kwargs(self) -> dict[str, Any]:
        kwargs = {
            "timestamp": self.recorded_at,
            "recorded_by": self.recorded_by,
            "migrated": self.migrated,
            "client_key": self.client_key,
        }
        if self.confirmed:  # (only a kind with the field is recorded confirmed; the others take none)
            kwargs["confirmed"] = self.confirmed
        return kwargs


@quick_init
@dataclass(frozen=True)
class Outcome:
    """The answer to a recording: the version it has (or already had) in the ledger."""

    subject: str
    version: int
    kind: str
    recorded_at: datetime
    created: bool
    # what the writer is told beside it, recording nothing (careerlog.application.placement_warnings): a live
    # recording's, never a replay's
    warnings: tuple[str, ...] = ()
    # a correction whose target is a rank promotion, or a CPNS appointment whose starting rank it may change
    # (careerlog.application.corrects_judged, from the record loaded to decide it): the only corrections whose findings
    # are judged (CareerLog.findings_of reads the whole record)
    corrects_judged: bool = False
    # a CPNS appointment just recorded: its event (careerlog.application.appointment_judged_alone), from which its
    # starting rank is judged alone (CareerLog.findings_of's `events`: an import of 10,000 appointments read each record
    # again for it until 2026-12-06)
    appointed: LedgerEvent | None = None
    # a unit new in its agency near a known one (rule unit.new) that the writer's confirmation let through, as (the
    # unit as written, its agency, the known units it is near; the units quoted apart, errors.quoted_apart):
    # careerlog.application.CareerLog.execute; an
    # import names it among its report's warnings (careerlog.importing.NEW_UNIT_CONFIRMED)
    new_unit: tuple[str, str, str] | None = None
    # the questions (checks) the recording was asked and its writer's confirmation answered, stored or not
    # (careerlog.application.confirmations_answered): an import names them per row (careerlog.importing.YES_ANSWERED)
    asked: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True)
class Decision:
    """A checked recording, ready to be made.

    A new fact whose values are exactly its payload fields in field order carries the
    fact as checked and its recording's identity key: committing it builds the event
    directly and keeps that fact, instead of the library's `trigger_event` reading the
    values back from the event (the same event, fact and key either way).
    """

    aggregate: LedgerAggregate
    event_cls: type[LedgerEvent]
    values: dict[str, Any]
    recording: Recording
    key: str | None = None
    fact: Fact | None = None

    @property
    def next_version(self) -> int:
        return self.aggregate.version + 1

    def commit(self) -> Outcome:
        aggregate, event_cls, recording, fact = self.aggregate, self.event_cls, self.recording, self.fact
        shape = _SHAPES.get(event_cls) or event_shape(event_cls)
        recorded_at = recording.recorded_at
        if (
            fact is None
            or self.key is None
            or recorded_at is None
            or not shape.direct
            or not _builds_directly(type(aggregate))
        ):
            aggregate.trigger_event(event_cls, **self.values, **recording.event_kwargs())
            return Outcome(aggregate.id, aggregate.version, event_cls.KIND, recorded_at, True)
        # what trigger_event and the event's mutate do, without their checks (they hold here)
        subject, version = aggregate.id, aggregate.version + 1
        event = build_event(event_cls, subject, version, self.values, recording, shape.rest)
        fact.version, fact.event = version, event
        aggregate.take_fact(fact, self.key)
        aggregate.version = version
        aggregate.modified_on = recorded_at
        aggregate.pending_events.append(event)
        return Outcome(subject, version, event_cls.KIND, recorded_at, True)


class LedgerAggregate(BaseAggregate[str]):
    """Facts in recording order, with corrections and retractions applied."""

    # Checks one fact against the others, by kind; filled in by subclasses. (No class
    # annotations on aggregates: the library would turn them into dataclasses.)
    CHECKS = cast("Mapping[str, Callable[[Any, Fact, FieldErrors], None]]", {})
    # A check's refusal beside one field of a kind that judges it against others (a penalty's level against its
    # kind, a training's JP against its first and last day): by (kind, field named), the others. A correction that
    # changed one of them, not the field named, is refused beside the first it changed, in the words JUDGED_ANEW
    # gives the refusal if any (a training's JP the dates moved no longer fit them, not the JP as if they were sent).
    JUDGED_AGAINST = cast("Mapping[tuple[str, str], tuple[str, ...]]", {})
    JUDGED_ANEW = cast("Mapping[Refusal, Refusal]", {})

    def __init__(self) -> None:
        self.events: dict[int, LedgerEvent] = {}
        self.facts: dict[int, Fact] = {}
        self.keys: dict[str, int] = {}

    # ---------------------------------------------------------------- mutators

    def add_fact(self, event: LedgerEvent) -> None:
        values = payload_values(event)
        key = identity_key(type(event), values, event.client_key)
        self.take_fact(Fact(event.originator_version, event.KIND, values, local_date(event.timestamp), event), key)

    def take_fact(self, fact: Fact, key: str) -> None:
        """Keep a new fact, with its event, and the identity key of its recording."""
        version = fact.version
        event: Any = fact.event  # a LedgerEvent (typed without cast(), a call per fact)
        self.events[version] = event
        self.keys[key] = version
        self.facts[version] = fact
        if key.startswith("key:"):  # recorded under a client key: its kind and reference name it too
            natural = identity_key(type(event), fact.values, None)
            keyed = self.keyed_references
            earlier = keyed.get(natural)
            if earlier is None or not self.in_force(earlier):
                keyed[natural] = version
            earlier = self.keys.get(natural)
            if earlier is not None and not self.in_force(earlier):
                self.keys[natural] = version  # (recorded anew: the reference names the new fact now)
        else:
            made = self.__dict__.get("keyed_references")
            if made:
                earlier = made.get(key)
                if earlier is not None and not self.in_force(earlier):
                    made[key] = version

    def add_correction(self, event: EventCorrected) -> None:
        self.events[event.originator_version] = event
        target = self.facts[event.target_version]
        target.values.update(stored_changes(target.event_class, event.corrected_fields))
        target.corrected_by.append(event.originator_version)
        self.take_change_keys(EventCorrected, event)
        if "reference" in event.corrected_fields:  # (the fact sent again under its corrected reference names it)
            natural = identity_key(target.event_class, target.values, None)
            earlier = self.corrected_references.get(natural)
            if earlier is None or not self.in_force(earlier):
                self.corrected_references[natural] = target.version

    def add_retraction(self, event: EventRetracted) -> None:
        self.events[event.originator_version] = event
        self.facts[event.target_version].retracted_by = event.originator_version
        self.take_change_keys(EventRetracted, event)

    def take_change_keys(self, event_cls: type[LedgerEvent], event: LedgerEvent) -> None:
        """The identity keys of a correction or retraction (its kind and reference too, under a client key)."""
        values = payload_values(event)
        self.keys[identity_key(event_cls, values, event.client_key)] = event.originator_version
        if event.client_key:
            self.keyed_references.setdefault(identity_key(event_cls, values, None), event.originator_version)

    @cached_property
    def keyed_references(self) -> dict[str, int]:
        """Kind-and-reference identity keys of the recordings made under a client key, to their versions.

        `keys` holds one identity per recording: its client key when it had one, else its kind and
        reference. A live recording looks here too (`earlier_by_reference`), so that the same fact
        sent once with a key and once without (the record page always sends one; an import row
        seldom does) is recorded once. Made at the first keyed recording (most records have none).
        """
        return {}

    @cached_property
    def corrected_references(self) -> dict[str, int]:
        """Kind-and-reference identity keys a correction gave a fact (its reference corrected), to its version.

        A live recording of the fact as it now stands, under its corrected reference, is answered by it (`replay`,
        `by_reference`); a migration, which reproduces a log as it was, does not look here. Made at the first
        correction of a reference (most records have none)."""
        return {}

    # ---------------------------------------------------------------- queries

    def in_force(self, version: int) -> bool:
        """Whether the recording of `version` is not a retracted fact."""
        fact = self.facts.get(version)
        return fact is None or fact.retracted_by is None

    @property
    def void_before(self) -> int:
        """The version of the void a record appointed afresh was voided by (its last), or 0: a live write of such a
        record reaches only what was recorded from it on (`visible`), not the voided part (another office's, whose
        keys, references and versions it is not told). 0 for a ledger of no voids (the base)."""
        return 0

    def visible(self, version: int | None, whole: bool = False) -> int | None:
        """`version`, unless it is of the voided part of a record appointed afresh (before `void_before`) and the
        write is not `whole` (a migration, which reproduces a log as it was, reads it whole)."""
        if version is None or whole:
            return version
        since = self.void_before
        return version if version >= since else None

    def by_reference(self, natural: str, corrected: bool = True, whole: bool = False) -> int | None:
        """The version a kind and reference (an identity key without a client key) name: a recording in force
        (recorded without a key first, as before), else the latest, retracted; with `corrected`, else a fact a
        correction gave that reference, in force, else retracted when nothing was recorded under it (since
        2026-12-07: until then none, and the fact sent again as it stood when retracted was recorded anew). Not
        `whole` (a live write): of the part since the void alone."""
        keyed = self.__dict__.get("keyed_references", {}).get(natural)
        found = [v for v in (self.keys.get(natural), keyed) if v and self.visible(v, whole)]
        version = next((v for v in found if self.in_force(v)), max(found, default=None))
        if (version is None or not self.in_force(version)) and corrected:
            given: int | None = self.__dict__.get("corrected_references", {}).get(natural)
            if given is not None and self.visible(given, whole) and (version is None or self.in_force(given)):
                return given
        return version

    def named_by_correction(self, key: str) -> bool:
        """Whether an identity key is a reference a correction gave a fact (see `corrected_references`)."""
        return key in self.__dict__.get("corrected_references", ())

    def active_facts(self) -> list[Fact]:
        return [f for f in self.facts.values() if f.active]

    def fact(self, version: int, name: str = "target_version") -> Fact:
        found = self.facts.get(version)
        if found is None:
            change = self.events.get(version)  # a correction or retraction is recorded, but is no fact
            if isinstance(change, EventCorrected | EventRetracted):
                target = change.target_version
                retracted = self.facts[target].retracted_by if target in self.facts else None
                if isinstance(change, EventCorrected) and retracted is not None:
                    said = CORRECTION_OF_RETRACTED.reason(version=version, target=target, by=retracted)
                    raise InvalidInput(said, name)
                named = CORRECTION_NAMED if isinstance(change, EventCorrected) else RETRACTION_NAMED
                raise InvalidInput(named.reason(version=version, target=target), name)
            raise InvalidInput(NO_FACT.reason(version=version, subject=self.id), name)
        return found

    def find_active(self, kind: str, **values: Any) -> list[Fact]:
        return [
            f
            for f in self.facts.values()
            if f.active and f.kind == kind and all(f.values.get(k) == v for k, v in values.items())
        ]

    # ---------------------------------------------------------------- commands

    def earlier_by_reference(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], client_key: str | None, anew: bool = True
    ) -> Outcome | None:
        """The earlier recording of the same kind and reference made under another client key, or none, if any
        (a conflict if its values differ): what a live recording answers instead of recording it again.

        `anew`: whether a new client key asks to record a retracted fact's values anew (NEW), as the API's and an
        import's key, chosen by the writer, does; the record form's, which each page opened is given, does not (its
        box does): without it, they are refused naming the retraction (RESENT_RETRACTED), as without a key.

        A recording whose own client key is known, or one without a key whose kind and reference `keys`
        holds, is left to `decide` (which answers it the same way). A migration import does not ask: it
        reproduces a log as it was, twice-recorded facts and all.
        """
        if client_key is None:
            keyed = self.__dict__.get("keyed_references")  # (none made yet: no keyed recording)
            if not keyed:
                return None
            natural = identity_key(event_cls, values, None)
            if keyed.get(natural) is None:
                return None
            version = self.by_reference(natural)
        else:
            if self.visible(self.keys.get("key:" + client_key)) is not None:
                return None
            version = self.by_reference(identity_key(event_cls, values, None))
        if version is None:
            return None
        earlier = self.replayed(version, event_cls, values, NEW if client_key and anew else PLAIN)
        if earlier is None:  # (a retracted fact's reference: recorded anew)
            return None
        return Outcome(self.id, version, event_cls.KIND, earlier.timestamp, False)

    def replay(
        self,
        event_cls: type[LedgerEvent],
        values: Mapping[str, Any],
        client_key: str | None,
        key: str | None = None,
        reproduced: bool = False,
    ) -> LedgerEvent | None:
        """The earlier recording of the same thing, if any; a conflict if it differs.

        `key` is the recording's identity key, when the caller has it already; `reproduced`: a migration's.
        """
        key = identity_key(event_cls, values, client_key) if key is None else key
        keyed = key.startswith("key:")
        if keyed:
            version = self.visible(self.keys.get(key), reproduced)
        else:
            version = self.by_reference(key, corrected=not reproduced, whole=reproduced)
        if version is None:
            return None
        return self.replayed(version, event_cls, values, REPRODUCED if reproduced else OWN_KEY if keyed else PLAIN)

    def replayed(
        self, version: int, event_cls: type[LedgerEvent], values: Mapping[str, Any], asked: str = PLAIN
    ) -> LedgerEvent | None:
        """The recording of `version`, when `values` would record it again; a conflict if they differ.

        A retracted fact is answered by how it was asked for (`asked`): under its own client key (OWN_KEY) it is
        refused, its key spent; under a new one (NEW) and with other values under its reference (PLAIN) it is none
        (recorded anew), with its values and no key refused naming the retraction (PLAIN); a migration
        (REPRODUCED) takes a log as it was: the same values are the recording, other values a recording anew."""
        earlier = self.events[version]
        if earlier.KIND != event_cls.KIND:  # (of one kind: an appointment afresh, AppointedAgain, is an appointment)
            raise IdempotencyConflict(
                KEY_USED.reason(key=quoted(earlier.client_key), kind=type(earlier).KIND, version=version)
            )
        before = payload_values(earlier)
        if isinstance(earlier, EventCorrected):  # (as a live recording reads it, or as a migration kept it)
            kept = to_plain(before["corrected_fields"])
            read = [
                self.beside_kept(
                    earlier.target_version, self.canonical_changes(earlier.target_version, values, a), kept
                )
                for a in (True, False)
            ]
            same = any(to_plain(r) == kept or self.same_changes(earlier.target_version, r, kept) for r in read)
            # (the same values, an amount whatever its decimals: as recorded)
            values = {**values, "corrected_fields": before["corrected_fields"] if same else read[0]}
        if asked == REPRODUCED and before.get("reference") != values.get("reference"):
            return None  # (a log holding two recordings whose references differ in case or spaces only: as it was)
        differing = sorted(k for k in before if not same_field(k, before[k], values.get(k), event_cls))
        fact = self.facts.get(version)
        reference = earlier.reference
        if differing and fact is not None and fact.corrected_by and fact.retracted_by is None and asked != REPRODUCED:
            # the fact as its corrections leave it, sent again (a spreadsheet fixed as the record was): recorded
            now = sorted(k for k in fact.values if not same_field(k, fact.values[k], values.get(k), event_cls))
            if not now:
                return earlier
            if "reference" in differing:  # (named by the reference a correction gave it: told apart from that)
                differing, reference = now, fact.values["reference"]
            elif (held := fact.values.get("reference")) is not None and reference_key(held) != reference_key(reference):
                reference = held  # (sent under the reference a correction changed since: named as corrected to it)
        if fact is not None and fact.retracted_by is not None:
            if asked == OWN_KEY:  # (its key spent: the same values named retracted, other values another fact)
                corrected = bool(differing) and self.held_as_corrected(fact, event_cls, values)  # (as corrected)
                said = KEY_RETRACTED_REUSED if differing and not corrected else KEY_RETRACTED
                raise IdempotencyConflict(
                    said.reason(
                        key=quoted(earlier.client_key),
                        kind=type(earlier).KIND,
                        recorded=recorded_part(version, fact.retracted_by, corrected, keyed=True),
                        version=version,
                        by=fact.retracted_by,
                        fields=", ".join(differing),
                    )
                )
            if asked == NEW or (asked == REPRODUCED and differing):
                return None
            if asked == PLAIN:
                corrected = False
                if differing:  # (a fact of these values retracted before, under the same reference, or corrected to)
                    alike = self.retracted_alike(event_cls, values)
                    if alike is None:
                        return None
                    fact, held = alike
                    corrected = held is not None
                    if held is not None:  # (named by its reference as corrected: the one sent, which it gave it)
                        reference = held["reference"]
                raise IdempotencyConflict(
                    RESENT_RETRACTED.reason(
                        reference=quoted(reference),
                        recorded=recorded_part(fact.version, fact.retracted_by, corrected),
                        by=fact.retracted_by,
                    )
                )
        if differing and asked == OWN_KEY:  # (found by its client key: the key clashed, not the reference)
            raise IdempotencyConflict(
                KEY_REUSED.reason(
                    key=quoted(earlier.client_key),
                    kind=type(earlier).KIND,
                    version=version,
                    fields=", ".join(differing),
                )
            )
        if differing:
            raise IdempotencyConflict(
                REFERENCE_USED.reason(
                    reference=reference_typed(values.get("reference"), reference),
                    version=version,
                    fields=", ".join(differing),
                    advice=self.reference_advice(version),
                ).about(event_cls.KIND)
            )
        return earlier

    def reference_advice(self, version: int) -> Reason:
        """What REFERENCE_USED advises of the version recorded under a reference: a fact is corrected; a correction's
        fact is corrected again, unless retracted; a retraction stands (REFERENCE_USED's advice)."""
        earlier = self.events[version]
        if isinstance(earlier, EventCorrected | EventRetracted):
            target = earlier.target_version
            fact = self.facts.get(target)
            if isinstance(earlier, EventRetracted):
                return USED_BY_RETRACTION.reason(version=version, target=target)
            if fact is not None and fact.retracted_by is not None:
                return USED_BY_CORRECTION_OF_RETRACTED.reason(version=version, target=target, by=fact.retracted_by)
            return USED_BY_CORRECTION.reason(version=version, target=target)
        return USED_BY_FACT.reason(version=version)

    def kept_at(
        self, version: int | None, event_cls: type[LedgerEvent], values: Mapping[str, Any], client_key: str | None
    ) -> Outcome | None:
        """A migration's row recorded already at the version it names (a log imported again), or none: its kind and
        reference can name a later recording anew of a retracted fact, which the row is not."""
        earlier = self.events.get(version) if version is not None else None
        if version is None or earlier is None or earlier.KIND != event_cls.KIND:
            return None
        if identity_key(event_cls, payload_values(earlier), earlier.client_key) != identity_key(
            event_cls, values, client_key
        ):
            return None
        if self.replayed(version, event_cls, values, REPRODUCED) is None:  # (the same values: a conflict otherwise)
            return None
        return Outcome(self.id, version, event_cls.KIND, earlier.timestamp, False)

    def retracted_alike(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any]
    ) -> tuple[Fact, Mapping[str, Any] | None] | None:
        """A retracted fact of the kind and reference recorded with exactly these values, or corrected to them (its
        values as any of its corrections left them: since 2026-12-07 as the last left them, since 2026-12-08 as
        each did; until then the values first recorded alone, and a fact corrected then retracted, sent again as
        corrected, was recorded anew, as one sent as it stood between two corrections was until 2026-12-08), if any;
        with the values a correction gave it that they are (named so: CORRECTED_TO, by their reference), or None when
        they are its values first recorded."""
        natural = identity_key(event_cls, values, None)
        since = self.void_before  # (a live write's: asked of the part since the void alone)
        for fact in self.facts.values():
            event = fact.event
            if fact.version < since:
                continue
            if fact.retracted_by is not None and event is not None and event.KIND == event_cls.KIND:
                for held, corrected in self.values_held(fact):
                    if identity_key(event_cls, held, None) == natural and self.alike(held, event_cls, values):
                        return fact, held if corrected else None
        return None

    def values_held(self, fact: Fact) -> Iterator[tuple[Mapping[str, Any], bool]]:
        """The values a fact held, each with whether a correction gave them: as first recorded, then as each of its
        corrections left them in turn (the last, its values now)."""
        event = fact.event
        held: Mapping[str, Any] = payload_values(event) if event is not None else fact.values
        yield held, False
        for version in fact.corrected_by[:-1]:
            change = self.events[version]
            if isinstance(change, EventCorrected):
                held = {**held, **stored_changes(fact.event_class, change.corrected_fields)}
                yield held, True
        if fact.corrected_by:
            yield fact.values, True

    def held_as_corrected(self, fact: Fact, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> bool:
        """Whether `values` are values a correction gave `fact` (`values_held`)."""
        return any(corrected and self.alike(held, event_cls, values) for held, corrected in self.values_held(fact))

    @staticmethod
    def alike(before: Mapping[str, Any], event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> bool:
        """Whether `values` are a fact's values `before` (each field the same: `same_field`)."""
        return all(same_field(k, v, values.get(k), event_cls) for k, v in before.items())

    def record(self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording) -> Outcome:
        """Record a fact, a correction or a retraction after checking it."""
        decision = self.decide(event_cls, values, recording)
        return decision if isinstance(decision, Outcome) else decision.commit()

    def record_plain(
        self,
        event_cls: type[LedgerEvent],
        values: dict[str, Any],
        recording: Recording,
        expected_version: int | None = None,
    ) -> Outcome | None:
        """`decide` and the decision's `commit` at once for a new plain fact; None when they are needed.

        `values` must be exactly the class's payload fields in field order (as `parse_payload`
        reads them) and are kept as the fact's values. The same checks, errors, event and
        fact as `record`, without the decision: None (nothing done) for a recording already
        made (a replay), a correction or retraction, a class whose events are not built
        directly, or an `expected_version` other than the next, which the general way answers.
        """
        shape = _SHAPES.get(event_cls) or event_shape(event_cls)
        recorded_at = recording.recorded_at
        if (
            event_cls is EventCorrected
            or event_cls is EventRetracted
            or not shape.direct
            or recorded_at is None
            or not _builds_directly(type(self))
        ):
            return None
        key = identity_key(event_cls, values, recording.client_key)
        if key in self.keys or key in self.__dict__.get("corrected_references", ()):  # (named_by_correction)
            return None
        fact = Fact(0, event_cls.KIND, values, local_date(recorded_at))
        errors = FieldErrors()  # self.check_candidate(fact), without the call
        self.check_fact(self.current_context(), fact, errors, new=True)
        if errors.errors:
            raise InvalidInput(errors.errors)
        version = self.version + 1
        if expected_version is not None and expected_version != version:
            return None
        # what Decision.commit does (trigger_event and the event's mutate, without their checks)
        subject = self.id
        event = build_event(event_cls, subject, version, values, recording, shape.rest)
        fact.version, fact.event = version, event
        self.take_fact(fact, key)
        self.version = version
        self.modified_on = recorded_at
        self.pending_events.append(event)
        return Outcome(subject, version, event_cls.KIND, recorded_at, True)

    def sent_again(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording, key: str | None = None
    ) -> Outcome | None:
        """The outcome of the recording made already that this one sends again (its identity key held: `decide`
        answers it so, before any check of a new fact), or none; a conflict if its values differ. `key`: the
        recording's identity key, when the caller has it."""
        key = identity_key(event_cls, values, recording.client_key) if key is None else key
        earlier = (
            self.replay(event_cls, values, recording.client_key, key, recording.reproduced)
            if key in self.keys or (not recording.reproduced and self.named_by_correction(key))
            else None
        )
        if earlier is None:
            return None
        return Outcome(self.id, earlier.originator_version, event_cls.KIND, earlier.timestamp, False)

    def decide(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
    ) -> Decision | Outcome:
        """Check a recording without making it: the earlier outcome of a replay, or a decision."""
        key = identity_key(event_cls, values, recording.client_key)
        earlier = self.sent_again(event_cls, values, recording, key)
        if earlier is not None:
            return earlier
        if event_cls is EventCorrected:
            with self.dated_change(values["effective_date"], recording):  # (its date named with its other problems)
                values = {**values, "corrected_fields": self.check_correction(values, recording)}
        elif event_cls is EventRetracted:
            with self.dated_change(values["effective_date"], recording):
                self.check_retraction(values)
        else:
            payload = in_field_order(event_cls, values)
            if payload is not None:
                # the fact shares the payload's copy: the decision only reads it, once, when committed
                fact = self.check_candidate(Fact(0, event_cls.KIND, payload, recording.recorded_on))
                return Decision(self, event_cls, payload, recording, key, fact)
            self.check_new_fact(event_cls, values, recording)
        return Decision(self, event_cls, dict(values), recording)

    # ---------------------------------------------------------------- checks

    def check_new_fact(self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording) -> Fact:
        """Check a new fact against the others; return it as checked (version 0, no event yet)."""
        return self.check_candidate(Fact(0, event_cls.KIND, dict(values), recording.recorded_on))

    def check_candidate(self, candidate: Fact) -> Fact:
        """Check a new fact (version 0) against the others; return it."""
        errors = FieldErrors()
        self.check_fact(self.current_context(), candidate, errors, new=True)
        if errors.errors:
            raise InvalidInput(errors.errors)
        return candidate

    def check_correction(self, values: Mapping[str, Any], recording: Recording) -> dict[str, Any]:
        """Check a correction; return the corrected fields in their canonical form."""
        target = self.fact(values["target_version"])
        if not target.event_class.CORRECTABLE:
            raise InvalidInput(NOT_CORRECTABLE.reason(kind=target.kind), "target_version")
        if not target.active:
            raise InvalidInput(RETRACTED.reason(version=target.version, by=target.retracted_by), "target_version")
        raw = values["corrected_fields"]
        if not raw:
            raise InvalidInput(NO_FIELD, "corrected_fields")
        try:
            changes = self.read_changes(target, raw, live=not recording.reproduced)
        except InvalidInput as e:
            errors = {f"corrected_fields.{k}": self.unknown_named(target, v) for k, v in e.errors.items()}
            raise InvalidInput(errors) from None
        self.check_correctable_fields(target, changes)
        if not recording.reproduced:
            self.check_changes_a_value(target, changes)
            changes = self.changed_only(target, changes)
        corrected = Fact(target.version, target.kind, {**target.values, **changes}, target.recorded_on, target.event)
        if "reference" in changes and not recording.reproduced:
            self.check_reference_free(corrected)
        if "effective_date" in changes and changes["effective_date"] > recording.recorded_on:
            day = changes["effective_date"].isoformat()  # (named as a fact's own date in the future is)
            raise InvalidInput(IN_FUTURE.reason(day=day), "corrected_fields.effective_date")
        facts = [corrected if f.version == target.version else f for f in self.active_facts()]
        self.check_consistency(facts, prefix="corrected_fields.", focus=target.version, changed=changes)
        return {k: to_plain(v) for k, v in changes.items()}

    def read_changes(self, target: Fact, raw: Any, live: bool) -> dict[str, Any]:
        """A correction's fields as the ledger reads them: of live input in the light of the target
        (`corrected_as_written`) and as a recording's own fields are (`parse_judged`: a number written as a stand-in
        for none refused, a post's level by its name read as its code); a migration's as its log holds them."""
        if not live:  # (a migration keeps a log's values as the log holds them)
            return parse_payload(target.event_class, raw, partial=True)
        return parse_judged(target.event_class, self.corrected_as_written(target, raw), partial=True)

    def canonical_changes(self, target_version: int, values: Mapping[str, Any], as_written: bool = True) -> Any:
        """Corrected fields in canonical form, for comparing a replayed correction (`as_written`: read as a live
        recording is, `read_changes`; else as a migration keeps them). Until 2026-12-06 a live one was read without
        parse_judged: a post's level corrected by its name ("Ahli Muda"), recorded as its code, sent again was
        refused as other values."""
        raw = values.get("corrected_fields")
        try:
            target = self.facts[target_version]
            return {k: to_plain(v) for k, v in self.read_changes(target, raw or {}, as_written).items()}
        except (KeyError, InvalidInput):
            return raw

    def beside_kept(self, target_version: int, changes: Any, kept: Any) -> Any:
        """A correction sent again (`changes`, canonical) less the fields the one recorded (`kept`) left out as
        unchanged (`changed_only`): those it does not hold whose value the fact still holds. Sent again as first
        sent, a correction that also named a field with the value it held is answered as recorded, not a conflict."""
        target = self.facts.get(target_version)
        if target is None or not isinstance(changes, Mapping) or not isinstance(kept, Mapping):
            return changes
        values = target.values
        return {k: v for k, v in changes.items() if k in kept or to_plain(v) != to_plain(values.get(k))}

    def same_changes(self, target_version: int, a: Any, b: Any) -> bool:
        """Whether two corrections' fields of the fact `target_version` hold the same values, an amount by its value
        whatever its decimals (1750000.5 is 1750000.50: payload.same_value)."""
        if not (isinstance(a, Mapping) and isinstance(b, Mapping)) or a.keys() != b.keys():
            return False
        try:
            event_class = self.facts[target_version].event_class
            read_a, read_b = (parse_payload(event_class, dict(x), partial=True) for x in (a, b))
        except (KeyError, InvalidInput):
            return False
        return all(same_value(read_a.get(k), read_b.get(k)) for k in a)

    @staticmethod
    def check_changes_a_value(target: Fact, changes: Mapping[str, Any]) -> None:
        """A correction whose every field already holds its value (as it stands, after earlier corrections) is
        refused naming each: recorded, it would only mark the fact corrected. (A correction recorded already is
        answered before this, as already recorded: running a file again stays harmless.)"""
        values = target.values
        if all(same_value(value, values.get(name)) for name, value in changes.items()):
            reasons: dict[str, list[str]] = {
                f"corrected_fields.{name}": [unchanged(values.get(name))] for name in changes
            }
            raise InvalidInput(reasons)

    @staticmethod
    def changed_only(target: Fact, changes: Mapping[str, Any]) -> dict[str, Any]:
        """The fields of a correction whose value differs from the fact's as it stands: one sent with the value it
        already holds beside one changed is left out, so that the correction records (and its timeline lists) only
        what it changed. (Every field unchanged is refused: `check_changes_a_value`.)"""
        values = target.values
        return {name: value for name, value in changes.items() if not same_value(value, values.get(name))}

    def check_reference_free(self, corrected: Fact) -> None:
        """A correction of a fact's reference to one another fact of its kind in force bears, as it stands or as it
        was recorded, is refused naming that fact: the record would hold two facts under one reference, and the
        fact sent again as it now stands would be answered with the other's values (a conflict)."""
        event_cls = corrected.event_class
        natural = identity_key(event_cls, corrected.values, None)
        others = {
            f.version
            for f in self.active_facts()
            if f.kind == corrected.kind and identity_key(event_cls, f.values, None) == natural
        }
        recorded = self.by_reference(natural)  # (recorded under it, and corrected to another since)
        if recorded is not None and recorded in self.facts and self.in_force(recorded):
            others.add(recorded)
        others.discard(corrected.version)
        if others:
            other = min(others)
            held = self.facts[other].values.get("reference")  # (as it stands, else as recorded before its correction)
            if identity_key(event_cls, self.facts[other].values, None) != natural:
                held = self.events[other].reference
            reference = reference_typed(str(corrected.values["reference"]), held)  # (t-a typed, T-A held: both)
            taken = REFERENCE_TAKEN.reason(reference=reference, version=other, kind=corrected.kind)
            raise InvalidInput(taken, "corrected_fields.reference")

    @contextmanager
    def dated_change(self, day: date, recording: Recording) -> Iterator[None]:
        """The checks of a correction or retraction (the block) and of its own date (`check_change_date`), refused
        together: a date in the future is named with what the block refuses, not on the next sending alone."""
        try:
            self.check_change_date(day, recording)
        except InvalidInput as dated:
            try:
                yield
            except InvalidInput as e:
                raise InvalidInput({**dated.errors, **e.errors}) from None
            raise
        else:
            yield

    def check_change_date(self, day: date, recording: Recording) -> None:
        """A correction's or retraction's own date (TMT): not in the future, as any fact's."""
        if day > recording.recorded_on:
            raise InvalidInput(IN_FUTURE.reason(day=day.isoformat()), "effective_date")

    def check_correctable_fields(self, target: Fact, changes: Mapping[str, Any]) -> None:
        """Subclasses refuse corrections of fields that link facts together."""

    def correctable_fields(self, target: Fact) -> list[str]:
        """The fields a correction of the fact can change, in the kind's order (subclasses leave out the links)."""
        return [spec.name for spec in filled_fields(target.event_class)]

    def unknown_named(self, target: Fact, reasons: list[str]) -> list[str]:
        """A corrected field's reasons, an unknown field's (a field the kind has not: `judul`, `nip`) saying the
        fields a correction of it can change."""
        if UNKNOWN_FIELD not in reasons:
            return reasons
        fields = ", ".join(self.correctable_fields(target))
        told = NOT_CORRECTED_FIELD.reason(kind=target.kind, fields=fields)
        return [told if reason == UNKNOWN_FIELD else reason for reason in reasons]

    def corrected_as_written(self, target: Fact, raw: Any) -> Any:
        """Corrected fields as given, read in the light of the target (subclasses: a rating's predicate as its
        year's scheme names it)."""
        return raw

    def check_retraction(self, values: Mapping[str, Any]) -> None:
        target = self.fact(values["target_version"])
        if not target.event_class.CORRECTABLE:
            raise InvalidInput(NOT_RETRACTABLE.reason(kind=target.kind), "target_version")
        if not target.active:
            raise InvalidInput(
                ALREADY_RETRACTED.reason(version=target.version, by=target.retracted_by), "target_version"
            )
        self.check_retractable(target)
        self.check_consistency([f for f in self.active_facts() if f.version != target.version])

    def check_retractable(self, target: Fact) -> None:
        """Subclasses refuse retractions that would leave the record meaningless."""

    def check_consistency(
        self, facts: list[Fact], prefix: str = "", focus: int | None = None, changed: Collection[str] = ()
    ) -> None:
        """Every fact checked against the others, as they would stand after the change; the problems of the fact
        `focus` (a correction's target) beside its fields, a field the correction left as it was named by the one
        it `changed` that it is judged against (JUDGED_AGAINST)."""
        context = self.context(facts)
        if focus is not None:  # the fact corrected first: its own problems beside the fields corrected
            facts = sorted(facts, key=lambda fact: fact.version != focus)
        for fact in facts:
            errors = FieldErrors()
            self.check_fact(context, fact, errors, new=False)
            if errors:
                if fact.version == focus:
                    raise InvalidInput({prefix + k: v for k, v in self.beside_changed(fact, errors, changed).items()})
                reasons = joined(
                    "; ", [FIELD_REASONS.reason(field=k, reasons=joined(" ", v)) for k, v in errors.errors.items()]
                )
                raise InvalidInput(
                    INCONSISTENT.reason(version=fact.version, kind=fact.kind, reasons=reasons), "target_version"
                )

    def beside_changed(self, fact: Fact, errors: FieldErrors, changed: Collection[str]) -> dict[str, list[str]]:
        """A fact's problems by field, a field left as it was named by the field changed it is judged against."""
        found: dict[str, list[str]] = {}
        for name, reasons in errors.errors.items():
            against = [other for other in self.JUDGED_AGAINST.get((fact.kind, name), ()) if other in changed]
            if against and name not in changed:
                name, reasons = against[0], [self.judged_anew(reason) for reason in reasons]
            found.setdefault(name, []).extend(reasons)
        return found

    def judged_anew(self, reason: str) -> str:
        """A refusal of a field a correction left as it was, as said beside the field it changed (JUDGED_ANEW)."""
        if not isinstance(reason, Reason) or (anew := self.JUDGED_ANEW.get(reason.refusal)) is None:
            return reason
        return anew.reason(**dict(reason.params))

    def context(self, facts: list[Fact]) -> Any:
        """The facts arranged for checking (subclasses build a richer view)."""
        return facts

    def current_context(self) -> Any:
        """The context of the active facts as they stand now (subclasses may keep it current)."""
        return self.context(self.active_facts())

    def check_fact(self, context: Any, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
        check = self.CHECKS.get(fact.kind)
        if check is not None:
            check(context, fact, errors)

"""Schemas of the event kinds, generated from the event classes so they never drift.

Each payload field of an event class (careerlog.domain.payload.payload_fields) becomes a
marshmallow field with its type, whether it is required, its description and, for codes,
the codes of its reference table as an enum. The fields the system sets (version,
recorded time, recorder) are dump-only. A dispatching schema reads `kind` and hands the
body to that kind's schema; in the OpenAPI document it is a `oneOf` with a discriminator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from careerlog.application import CONFIRMABLE, CONFIRMING_KINDS, LEAVES_SCOPE, NEW_UNIT, SET_BACK
from careerlog.domain.employee import (
    ENDS_POST,
    FACT_DUPLICATE,
    FIELD_BOUNDS,
    ONE_STEP,
    TRAINING_COST,
    TRAINING_DAILY_JP,
    TRAINING_DUPLICATE,
)
from careerlog.domain.errors import cut, quoted
from careerlog.domain.events import (
    BY_KIND,
    EMPLOYEE_EVENTS,
    UNIT_EVENTS,
    Appointed,
    EventCorrected,
    EventRetracted,
    LedgerEvent,
    UnitRated,
)
from careerlog.domain.latsar import LATSAR_ONCE
from careerlog.domain.payload import HOURS_NOT_WHOLE, FieldSpec, Unreadable, payload_fields
from careerlog.domain.seat import OUTSIDE_SEAT
from careerlog.domain.starting_rank import STARTING_RANK
from careerlog.domain.tmt import TMT_FIRST
from careerlog.domain.unit import EARLIEST_RATED_YEAR
from careerlog.domain.wording import Refusal
from web.api.fields import (
    NIP_LABELLED_PATTERN,
    NOT_BLANK,
    Changes,
    Code,
    PlainDate,
    PlainDateTime,
    PlainDecimal,
    WholeNumber,
)

FIELD_TYPES: dict[type, type[fields.Field[Any]]] = {
    str: fields.String,
    int: WholeNumber,
    date: PlainDate,
    Decimal: PlainDecimal,
    dict: Changes,
}


# The fixed bounds the ledger holds an event's numbers to (careerlog.domain), by kind and field
BOUNDS = {**FIELD_BOUNDS, ("unit_rating", "year"): (EARLIEST_RATED_YEAR, None)}


def bounds_metadata(kind: str, spec: FieldSpec) -> dict[str, Any]:
    """The OpenAPI document's words for the bounds the ledger holds a number to (BOUNDS): `minimum` and `maximum`
    of a whole number, the range in words of a decimal (a string, or a number). Not a validate.Range: the ledger
    judges them and its refusal, in its words, is the answer (the same for an import, the pages and the command
    line); the document said only "integer", and a client generated from it sent 0 JP or a rating of 7 as valid."""
    if (kind, spec.name) not in BOUNDS:
        return {}
    low, high = BOUNDS[kind, spec.name]
    if spec.type is int:
        return {"minimum": low, **({"maximum": high} if high is not None else {})}
    upto = f" to {high:,}" if high is not None else " up"
    return {"description": f"{spec.doc} From {low:,}{upto}."}


def payload_field(spec: FieldSpec, kind: str = "") -> fields.Field[Any]:
    """The marshmallow field of one payload field of an event class (of that kind: its bounds documented)."""
    kwargs: dict[str, Any] = {"required": spec.required, "metadata": {"description": spec.doc}}
    kwargs["metadata"].update(bounds_metadata(kind, spec))
    if not spec.required:
        kwargs["allow_none"] = True
    if spec.type is int:
        kwargs["strict"] = True
        if spec.name == "hours":  # (a training's JP that is no whole number, named as JP: the ledger's words)
            kwargs["error_messages"] = {"invalid": HOURS_NOT_WHOLE}
    if spec.table:
        kwargs["metadata"]["description"] = f"{spec.doc} Codes: the `{spec.table}` reference table."
        return Code(spec.table, **kwargs)
    if spec.type is str:
        kwargs["validate"] = validate.Length(max=500)
        if spec.required:  # (refused empty or only spaces by the ledger, "May not be empty.": so documented)
            kwargs["metadata"].update(NOT_BLANK)
    return FIELD_TYPES[spec.type](**kwargs)


def system_fields(subject: str) -> dict[str, fields.Field[Any]]:
    """The fields the system sets on every recorded event (never accepted on input)."""
    return {
        subject: fields.String(dump_only=True, metadata={"description": "Whose record: the NIP."}),
        "version": fields.Integer(dump_only=True, metadata={"description": "The event's version in the record."}),
        "recorded_at": PlainDateTime(dump_only=True, metadata={"description": "When it was recorded (UTC)."}),
        "recorded_by": fields.String(dump_only=True, metadata={"description": "The account that recorded it."}),
        "migrated": fields.Boolean(dump_only=True, metadata={"description": "Recorded time carried over."}),
        "client_key": fields.String(dump_only=True, metadata={"description": "The Idempotency-Key, if given."}),
    }


@dataclass(frozen=True)
class RefusedCells:
    """A write's body some of whose fields its schema refused, handed to the view instead of a 422, so that the
    answer names every problem at once (web.services.Services.refused): `errors`, the schema's reasons (its
    messages, as a 422 names them), and `body`, what the ledger can still judge: the fields that did read, as
    the schema read them, and each refused field of the kind as Unreadable with its reason (the ledger refuses
    it so, and judges the whole fact on the others); an unknown field and a refused confirmation are left out."""

    errors: dict[str, Any]
    body: dict[str, Any]

    def refusal(self, found: Mapping[str, list[str]]) -> ValidationError:
        """The write's refusal (422): the schema's reasons with those `found` (the ledger's, on `body`), each
        field's reasons once, the schema's first; a field the schema names keeps its reasons as they were."""
        every = dict(self.errors)
        for name, reasons in found.items():
            mine = every.get(name, [])
            if isinstance(mine, list):
                every[name] = [*mine, *(reason for reason in reasons if reason not in mine)]
        return ValidationError(every)


def refused_cells(schema: Schema, error: ValidationError) -> RefusedCells | None:
    """The refusal of one body by its kind's schema as RefusedCells; None for a refusal of the body as a whole."""
    messages, valid = error.messages, error.valid_data
    if not isinstance(messages, dict) or "_schema" in messages or not isinstance(valid, dict):
        return None
    body = dict(valid)
    for name, reasons in messages.items():
        field = schema.load_fields.get(name)
        if field is None or name in ("kind", "confirm", "confirm_nip"):  # (an unknown field; what the writer confirms)
            continue
        first = reasons[0] if isinstance(reasons, list) and reasons else reasons
        body[name] = Unreadable(first if isinstance(first, str) else str(first))
    return RefusedCells(dict(messages), body)


class WholeRow(Schema):
    """A write's schema whose refusal of some fields is handed to the view (RefusedCells), not raised."""

    def load(self, data: Any, *, many: bool | None = None, partial: Any = None, unknown: Any = None) -> Any:
        try:
            return super().load(data, many=many, partial=partial, unknown=unknown)
        except ValidationError as e:
            refused = None if many or self.many else refused_cells(self, e)
            if refused is None:
                raise
            return refused


def event_schema(
    event_cls: type[LedgerEvent],
    *,
    name: str | None = None,
    with_kind: bool = True,
    extra: Mapping[str, fields.Field[Any]] | None = None,
    subject: str | None = "nip",
    base: type[Schema] = Schema,
) -> type[Schema]:
    """A schema class for one event kind, named after its event class."""
    attrs: dict[str, Any] = {}
    if with_kind:
        attrs["kind"] = fields.String(
            required=True,
            validate=validate.OneOf([event_cls.KIND]),
            metadata={"description": f"`{event_cls.KIND}`: {(event_cls.__doc__ or '').strip()}"},
        )
    attrs.update(extra or {})
    attrs.update({spec.name: payload_field(spec, event_cls.KIND) for spec in payload_fields(event_cls)})
    if subject:
        attrs.update(system_fields(subject))
    attrs["Meta"] = type("Meta", (), {"unknown": RAISE, "register": False})
    attrs["__doc__"] = (event_cls.__doc__ or "").strip()
    return type(name or f"{event_cls.__name__}Schema", (base,), attrs)


# A kind an employee's record holds but which this endpoint does not record, and where it is recorded: it was refused
# as "Missing or unknown kind", though the client had named a kind careerlog knows
RECORDED_ELSEWHERE = {
    "appointment": "An appointment begins a record: send it to POST /api/v1/employees, with the nip.",
    "unit_rating": "A unit's own rating is sent to POST /api/v1/units/{agency}/{unit}/ratings.",
    "mentee_assigned": "Recorded by the system, never by a person: record the mentoring_start in the mentee's record.",
    "mentee_released": "Recorded by the system, never by a person: record the mentoring_end in the mentee's record.",
    "unit_registration": "Recorded by the system, never by a person, on a unit's first rating.",
}


# (a Refusal, so the API says it in the client's language too: web.languages)
UNKNOWN_KIND = Refusal("Missing or unknown kind; one of: {known}.")
# A write of an event sent with no body (or an empty object): said so, not as a kind missing (until 2026-12-07)
EMPTY_BODY = Refusal(
    "The body is empty: send a JSON object (Content-Type: application/json) with the event's fields, its kind "
    "first (one of: {known})."
)


class KindDispatch(Schema):
    """An event of any of several kinds: `kind` chooses the schema of the rest."""

    KINDS: ClassVar[dict[str, Schema]] = {}
    WHOLE_ROW: ClassVar[bool] = False  # a kind's refusal of some fields handed to the view (RefusedCells)

    class Meta:
        unknown = EXCLUDE  # for the document only: each kind's schema rejects unknown fields

    def load(self, data: Any, *, many: bool | None = None, partial: Any = None, unknown: Any = None) -> Any:
        if many if many is not None else self.many:
            if not isinstance(data, list):
                raise ValidationError({"_schema": ["Invalid input type."]})
            return [self._load_one(item, partial) for item in data]
        if isinstance(data, Mapping) and not data:  # (no body, or `{}`: was "Missing or unknown kind")
            raise ValidationError({"body": [EMPTY_BODY.reason(known=", ".join(self.KINDS))]})
        return self._load_one(data, partial)

    def _load_one(self, data: Any, partial: Any) -> Any:
        if not isinstance(data, Mapping):
            raise ValidationError({"_schema": ["Invalid input type."]})
        kind = data.get("kind")
        schema = self.KINDS.get(kind) if isinstance(kind, str) else None
        if schema is None:
            known = ", ".join(self.KINDS)
            elsewhere = RECORDED_ELSEWHERE.get(kind) if isinstance(kind, str) else None
            raise ValidationError({"kind": [elsewhere or UNKNOWN_KIND.reason(known=known)]})
        try:
            return schema.load(data, partial=partial)
        except ValidationError as e:
            refused = refused_cells(schema, e) if self.WHOLE_ROW else None
            if refused is None:
                raise
            return refused

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        if many if many is not None else self.many:
            return [self.KINDS[item["kind"]].dump(item) for item in obj]
        return self.KINDS[obj["kind"]].dump(obj)

    @classmethod
    def openapi(cls, names: Mapping[str, str]) -> dict[str, Any]:
        """The OpenAPI component: a oneOf of the kinds' schemas, told apart by `kind`."""
        refs = {kind: f"#/components/schemas/{name}" for kind, name in names.items()}
        return {
            "oneOf": [{"$ref": r} for r in refs.values()],
            "discriminator": {"propertyName": "kind", "mapping": refs},
        }


def dispatch(name: str, kinds: Iterable[type[LedgerEvent]], doc: str, *, whole_row: bool = False) -> type[KindDispatch]:
    schemas = {cls.KIND: EVENT_SCHEMAS[cls.KIND]() for cls in kinds}
    return type(name, (KindDispatch,), {"KINDS": schemas, "WHOLE_ROW": whole_row, "__doc__": doc})


def schema_name(schema: type[Schema]) -> str:
    name = schema.__name__
    return name[: -len("Schema")] if name.endswith("Schema") else name


NOT_CONFIRMABLE = Refusal("Not a check a writer confirms: {values}; the checks: {checks}.")


class Confirmed(fields.List[str]):
    """The checks a writer confirms (`confirm`): a list of CONFIRMABLE's, whose values it does not take are refused as
    one reason naming them, as a `by` naming unknown fields is, not marshmallow's reasons keyed by the values'
    positions (`{"0": [...]}`), the one field's errors that were no list."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, list):
            wrong = [v for v in value if not isinstance(v, str) or v not in CONFIRMABLE]
            if wrong:
                # (worded in the client's language, "and 2 more" too: web.api.schemas, which imports this module)
                from web.api.schemas import worded_values

                values = worded_values(wrong, lambda v: quoted(v) if isinstance(v, str) else cut(json.dumps(v)))
                raise ValidationError(NOT_CONFIRMABLE.reason(values=values, checks=", ".join(CONFIRMABLE)))
        return super()._deserialize(value, attr, data, **kwargs)


# What the `confirm` field's description says of each check a writer may confirm: the description lists
# careerlog.application.CONFIRMABLE in its order, each in these words, so that a check added there without words here
# fails the import of this module (until 2026-12-06 the text was written apart and left out training.daily_jp)
CONFIRM_TOLD = {
    ONE_STEP: "`promotion.one_step` records a promotion moving more ranks above the rank held than its kind allows (a "
    "101 from III/a to III/c), which is refused unconfirmed (422 beside `new_rank`) where the rules let a "
    "confirmation record it (docs/rules.md), as is a correction making a promotion so or a retraction leaving a later "
    "one so (beside `target_version`). Stored with the event when the recording needed it (a recorded event's "
    "`confirm` in the history, `confirmed` in the timeline; absent: confirmed nothing); the merit audit still reports "
    "the jump and names the confirmation.",
    LEAVES_SCOPE: "`placement.leaves_scope` (a placement only) records a placement moving the employee out of the "
    "writer's scope (agency or region), which is refused unconfirmed (422 beside `agency` or `region`) to a writer "
    "not national: once recorded, only a national administrator can retract or correct it. Not stored.",
    ENDS_POST: "`placement.ends_post` records a placement in another agency than the one the employee is in on its "
    "date while they hold a post of a kind rule placement.ends_post lists (the managerial kinds: JPT, administrator, "
    "pengawas), which is refused unconfirmed, to every writer, 422 beside `agency` naming the post; confirmed, the "
    "post's end (`post_end`, under the placement's reference, on its date) is recorded with the placement, as the "
    "version after it, in the same save (not stored: the post end is the record of it). Likewise a correction of a "
    "placement's agency or date making it end such a post (beside the corrected field; the post end recorded after "
    "the correction); and a retraction of a placement whose post end was recorded with it is refused beside "
    "`target_version` naming the post end, and confirmed retracts both; that post end's own retraction, or a "
    "correction of its date away from the placement's day or of its `appointment_reference` to another post than the "
    "one the move ended, is refused naming the placement (beside `target_version`, `corrected_fields.effective_date` "
    "or `corrected_fields.appointment_reference`; its post and date at once: asked once, beside the post), and "
    "confirmed recorded as asked. Stored with the correction or retraction.",
    NEW_UNIT: "`unit.new` (an appointment, a placement, a post appointment) records a unit no employee was ever "
    "recorded in within its agency near one that was (a misspelling: `Dinas Pendidkan` beside `Dinas Pendidikan`), "
    "which is refused unconfirmed, to every writer, 422 beside `unit` naming the near ones; a unit near none known is "
    "recorded unasked. Likewise a correction of such a fact's unit (beside `corrected_fields.unit`, in the agency the "
    "corrected fact places the employee in). Stored with the fact or the correction that needed it (since "
    "2026-12-05). Likewise a unit's rating (POST /api/v1/units/{agency}/{unit}/ratings) of a unit no live "
    "(unretracted) rating or employee was ever recorded in within its agency, near one that was (since 2026-12-07); "
    "not stored with it.",
    TRAINING_DUPLICATE: "`training.duplicate` (a training) records a training the record seems to hold already (the "
    "same days and JP, and the same certificate written otherwise or the same title and organiser), refused "
    "unconfirmed beside `reference`; likewise a correction making a training a double of one it was not a double of "
    "before, naming it (beside each corrected field whose new value alone makes it so, e.g. "
    "`corrected_fields.effective_date` and `.start_date`, `.hours`, `.title`, `.reference`; beside "
    "`corrected_fields` when no field alone does; since 2026-12-07, until then beside `corrected_fields`). Stored "
    "with the training or the "
    "correction (since 2026-12-05).",
    TRAINING_DAILY_JP: "`training.daily_jp` (a training) records a training making, with the record's trainings of "
    "the same days (each training's JP spread evenly over its days), more JP on a day than rule training.daily_jp "
    "allows (its `jp`: 12 in the rules shipped), refused unconfirmed beside `hours` naming the day, its JP and the "
    "heaviest training of that day; likewise a correction making a day so (beside the corrected field making it so: "
    "`corrected_fields.hours`, else `.start_date`, else `.effective_date`). Stored with "
    "the training or the correction (since 2026-12-06).",
    TRAINING_COST: "`training.cost` (a training) records a training whose cost is more than 0 and outside rule "
    "training.cost's plausible range (`least` 100 to `most` 1,000,000,000 rupiah in the rules shipped; with its "
    "`whole`, any fraction of a rupiah too: `1.5` typed for 1.500), refused unconfirmed beside `cost` naming the cost "
    "and why; likewise a correction to such a cost (beside `corrected_fields.cost`). Asked with the training's "
    "other questions (training.duplicate, training.daily_jp) at once, each beside its field. Stored with the training "
    "or the correction (since 2026-12-06).",
    FACT_DUPLICATE: "`fact.duplicate` (a penalty, an exam, a post appointment, a degree) records a fact the record "
    "seems to hold already: one of its kind of the same date and defining fields (a penalty's kind and level, an "
    "exam's exam, a post's kind, level and assignment, a degree's level) under its reference written otherwise "
    "(`HD/R/001` and `HD-R-001`, compared as training.duplicate compares a certificate), refused unconfirmed beside "
    "`reference` naming the earlier version (since 2026-12-06); likewise a correction making a fact a double of one "
    "it was not a double of before, naming it (beside each corrected field whose new value alone makes it so, e.g. "
    "`corrected_fields.effective_date`, `.reference`, `.level`, `.assignment`; beside `corrected_fields` when no "
    "field alone does; since 2026-12-07, until then beside `corrected_fields`). Stored with the fact "
    "or the correction (since 2026-12-06).",
    SET_BACK: "`fact.changed_since` (a correction sent without `If-Match`) sets a field back to a value it held "
    "before its last correction, made by another writer (as a correction sent from a read made before that one does, "
    "every field as read, undoing it unseen), refused unconfirmed beside `corrected_fields.<field>` naming the value "
    "it sets back, the value now, the version that corrected it and its writer (since 2026-12-06); a field the "
    "writer's own correction set last is not asked, nor a correction sent with `If-Match` (412 when its fact changed "
    "since). Not stored with the correction.",
    OUTSIDE_SEAT: "`region.outside_seat` (an appointment, a placement) records a `region` outside its agency's seat "
    "region (a regency's or city's) or its province (a province's), by rule agency.region_seat (an inference, "
    "configurable: docs/rules.md); a central agency's is never asked. Refused unconfirmed beside `region` naming the "
    "agency and its seat (since 2026-12-06); likewise a correction changing its region or agency into such a fact "
    "(beside `corrected_fields.region` or `corrected_fields.agency`, since 2026-12-07). Not stored with the fact.",
    TMT_FIRST: "`appointment.tmt_first_day` (an appointment) records a CPNS appointment whose TMT is not the 1st of "
    "a month (rule appointment.tmt_first_day, an inference, configurable: docs/rules.md), refused unconfirmed beside "
    "`effective_date` (since 2026-12-06); likewise a correction changing its `effective_date` or `employment_kind` "
    "into such a one (beside `corrected_fields.effective_date` or `.employment_kind`, since 2026-12-07). Not stored "
    "with the fact.",
    STARTING_RANK: "`appointment.starting_rank` (an appointment) records a CPNS appointment at a rank above the "
    "starting rank of its entry education (rule appointment.starting_rank: asn.toml education `start`, an S-1's "
    "III/a), refused unconfirmed beside `rank` naming the education's start (since 2026-12-07; until then recorded "
    "with the audit's warning alone); likewise a correction changing its `rank`, `education`, `employment_kind` or "
    "`effective_date` into such a one (beside the first of them it changes). Recorded confirmed, it keeps its "
    "warning. Not stored with the fact.",
    LATSAR_ONCE: "`training.latsar_once` (a training) records a training of a kind rule training.latsar_once names "
    "(`LATSAR` in the rules shipped) on a record holding one already, which a CPNS takes once (an inference, "
    "configurable: docs/rules.md), refused unconfirmed beside `training_kind` naming the one held; likewise a "
    "correction making a training so (beside `corrected_fields`). Asked with the "
    "training's other questions at once. Stored with the training or the correction (since 2026-12-06).",
}
# What a recorded event's `confirmed` (web.api.schemas.confirmed_field) says of each check stored with it, listed
# from CONFIRMABLE alike; None: a check never stored
CONFIRMED_TOLD: dict[str, str | None] = {
    ONE_STEP: "`promotion.one_step`, a rank jump (a promotion moving more ranks above the rank held than its kind "
    "allows, or a correction or retraction leaving one so) recorded deliberately",
    LEAVES_SCOPE: None,
    ENDS_POST: "`placement.ends_post`, a placement's post end amended",
    NEW_UNIT: "`unit.new`, a unit new in its agency near a known one (stored since 2026-12-05)",
    TRAINING_DUPLICATE: "`training.duplicate`, a training the record seemed to hold already (stored since 2026-12-05)",
    TRAINING_DAILY_JP: "`training.daily_jp`, a training making a day of the record's trainings hold more JP than "
    "rule training.daily_jp allows (stored since 2026-12-06)",
    TRAINING_COST: "`training.cost`, a training cost outside rule training.cost's plausible range (stored since "
    "2026-12-06)",
    FACT_DUPLICATE: "`fact.duplicate`, a penalty, exam, post appointment or degree the record seemed to hold already "
    "under its reference written otherwise (stored since 2026-12-06)",
    SET_BACK: None,
    OUTSIDE_SEAT: None,
    TMT_FIRST: None,
    STARTING_RANK: None,
    LATSAR_ONCE: "`training.latsar_once`, a second basic training (Latsar) on a record holding one (stored since "
    "2026-12-06)",
}
# What a writer confirms of a recording the ledger would refuse unconfirmed: no field of the fact; stored with the
# event when it let the recording through (careerlog.domain.events.CONFIRMED_FIELD), and shown in its history
CONFIRM = Confirmed(
    fields.String(validate=validate.OneOf(CONFIRMABLE)),
    metadata={"description": "Checks confirmed: " + " ".join(CONFIRM_TOLD[check] for check in CONFIRMABLE)},
)
CONFIRMED_KINDS = tuple(BY_KIND[kind] for kind in CONFIRMING_KINDS)  # the kinds a confirmation may be sent with
# The record's NIP given again, confirming a void (careerlog.application.void_confirmed): a retraction's only
CONFIRM_NIP = fields.String(
    load_only=True,
    metadata={
        "description": "A void only (the retraction of the record's appointment, once it is the record's last fact "
        "standing): the record's NIP given again, confirming it. A void cannot be undone (the NIP is recorded again "
        "only by a new appointment, POST /api/v1/employees), so it is refused without this (422 beside "
        "`confirm_nip`, nothing recorded), as it is when this is another NIP; with any other retraction it is "
        "refused. Not stored."
    },
)
EVENT_SCHEMAS: dict[str, type[Schema]] = {
    cls.KIND: event_schema(
        cls,
        extra=(
            None
            if cls not in CONFIRMED_KINDS
            else {"confirm": CONFIRM, "confirm_nip": CONFIRM_NIP}
            if cls is EventRetracted
            else {"confirm": CONFIRM}
        ),
    )
    for cls in EMPLOYEE_EVENTS
}
RECORDABLE_KINDS: Sequence[type[LedgerEvent]] = [c for c in EMPLOYEE_EVENTS if c.RECORDABLE and c is not Appointed]

RecordEventSchema = dispatch(
    "RecordEventSchema",
    RECORDABLE_KINDS,
    "A fact, correction or retraction to record: `kind` and that kind's fields.",
    whole_row=True,
)
HistoryEventSchema = dispatch(
    "HistoryEventSchema",
    EMPLOYEE_EVENTS,
    "A recorded event with its version and recorded time, as the ledger holds it.",
)
NewEmployeeSchema = event_schema(
    Appointed,
    name="NewEmployeeSchema",
    with_kind=False,
    subject=None,
    extra={
        "nip": fields.String(
            required=True,
            metadata={
                "description": "The 18-digit NIP or NI PPPK, after its label or not (NIP. 19980817 202503 1 001).",
                "pattern": NIP_LABELLED_PATTERN,
            },
        ),
        "confirm": CONFIRM,
    },
    base=WholeRow,
)
UnitRatingSchema = event_schema(
    UnitRated, name="UnitRatingSchema", with_kind=False, subject=None, extra={"confirm": CONFIRM}
)  # (its `confirm`: a unit new in its agency near a known one, unit.new, since 2026-12-07)


def unit_event_schema(event_cls: type[LedgerEvent]) -> type[Schema]:
    """A kind's schema in a unit's record: its fields, and the unit's agency and name where an employee's has the
    NIP (dump only; a correction or retraction takes no `confirm`: no check of a unit's is confirmed)."""
    kind = event_cls.__name__
    schema = event_schema(event_cls, name=f"{kind if kind.startswith('Unit') else 'Unit' + kind}Schema")
    del schema._declared_fields["nip"]
    for name, doc in (("agency", "The unit's agency code."), ("unit", "The unit's name within the agency.")):
        schema._declared_fields[name] = fields.String(dump_only=True, metadata={"description": doc})
    return schema


UNIT_EVENT_SCHEMAS: dict[str, type[Schema]] = {cls.KIND: unit_event_schema(cls) for cls in UNIT_EVENTS}


def unit_dispatch(name: str, kinds: Iterable[type[LedgerEvent]], doc: str) -> type[KindDispatch]:
    schemas = {cls.KIND: UNIT_EVENT_SCHEMAS[cls.KIND]() for cls in kinds}
    return type(name, (KindDispatch,), {"KINDS": schemas, "__doc__": doc})


UnitRecordEventSchema = unit_dispatch(
    "UnitRecordEventSchema",
    (EventCorrected, EventRetracted),
    "A correction or retraction of a unit's rating: `kind` and that kind's fields (a rating itself is sent to "
    "POST /api/v1/units/{agency}/{unit}/ratings).",
)
UnitHistoryEventSchema = unit_dispatch(
    "UnitHistoryEventSchema",
    UNIT_EVENTS,
    "A recorded event of a unit's record with its version and recorded time, as the ledger holds it.",
)


def register_components(spec: Any) -> None:
    """Put the kinds' schemas and the dispatching schemas into the OpenAPI components."""
    for schema in EVENT_SCHEMAS.values():
        spec.components.schema(schema_name(schema), schema=schema)
    for schema in UNIT_EVENT_SCHEMAS.values():
        spec.components.schema(schema_name(schema), schema=schema)
    for dispatcher in (RecordEventSchema, HistoryEventSchema, UnitRecordEventSchema, UnitHistoryEventSchema):
        names = {kind: schema_name(type(s)) for kind, s in dispatcher.KINDS.items()}
        spec.components.schema(
            schema_name(dispatcher),
            component={**dispatcher.openapi(names), "description": dispatcher.__doc__},
            schema=dispatcher,
        )

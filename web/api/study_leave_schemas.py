"""The study-leave audit's list in the API: its filters and its items (docs/audit.md, "Study leave")."""

from __future__ import annotations

from marshmallow import fields, validate

from projections.merit.rules import SEVERITY_ORDER
from web.api.audit_schemas import VERDICTS, SubjectEvidenceSchema, decision_id, period_fields, value_lists
from web.api.audit_schemas import RuleFindingSchema as _RuleFindingSchema
from web.api.fields import Flag, PlainDate, PlainDateTime
from web.api.schemas import CursorPageOfSchema, CursorPagingSchema, StrictSchema, filled_text, filter_field

StudyLeaveFilterSchema = type(
    "StudyLeaveFilterSchema",
    (CursorPagingSchema,),
    {
        **value_lists("agency", "unit", "region"),
        "employment_kind": filter_field("employment_kind", ("employment_kinds",)),
        **period_fields("day study leave starts"),
        "__doc__": "Study-leave filters.",
    },
)


class StudyLeaveQuerySchema(StudyLeaveFilterSchema):  # type: ignore[valid-type,misc]
    rule = filled_text("Only starts with a finding of this rule (study_leave.*, evidence.recorded_after).")
    severity = fields.String(
        validate=validate.OneOf(list(SEVERITY_ORDER)),
        metadata={"description": "Only starts with a finding at least this severe."},
    )
    verdict = fields.String(
        validate=validate.OneOf(VERDICTS),
        metadata={"description": "compliant (judged, no finding) or findings (at least one)."},
    )


class StudyLeaveFindingSchema(_RuleFindingSchema):
    """A rule `study_leave.*` the start breaks, or `evidence.recorded_after` (docs/rules.md)."""

    evidence = fields.List(fields.Nested(SubjectEvidenceSchema), dump_only=True)


class AuditedStudyLeaveSchema(StrictSchema):
    """A start of study leave (tugas belajar) judged by what had been recorded before it was recorded."""

    id = fields.Function(decision_id, dump_only=True, metadata={"description": "`{nip}-{version}`."})
    nip = fields.String(attribute="subject", dump_only=True)
    version = fields.Integer(dump_only=True, metadata={"description": "The starting fact's version in the record."})
    kind = fields.String(
        dump_only=True, metadata={"description": "The fact that started it: study_leave_start or status_change."}
    )
    reference = fields.String(dump_only=True, allow_none=True, metadata={"description": "The decree number."})
    start_date = PlainDate(dump_only=True, metadata={"description": "The day study leave started."})
    recorded_at = PlainDateTime(dump_only=True)
    agency = fields.String(dump_only=True, allow_none=True, metadata={"description": "Where they worked then."})
    unit = fields.String(dump_only=True, allow_none=True)
    region = fields.String(dump_only=True, allow_none=True)
    employment_kind = fields.String(dump_only=True, allow_none=True)
    pns_since = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The day they were a PNS, as known when the start was recorded: the confirmation in "
            "effect on the day; null without one (a CPNS then, however long ago appointed) and for a PPPK."
        },
    )
    pns_years = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Whole years as PNS on the day it started."}
    )
    corrected = Flag(dump_only=True, metadata={"description": "Whether the starting fact was corrected since."})
    judged = Flag(
        dump_only=True,
        metadata={"description": "Whether a study_leave.* rule was in force on the day (else verdict is null)."},
    )
    verdict = fields.String(dump_only=True, allow_none=True, metadata={"description": "compliant or findings."})
    finding_count = fields.Integer(dump_only=True)
    max_severity = fields.String(dump_only=True, allow_none=True)
    findings = fields.List(fields.Nested(StudyLeaveFindingSchema), dump_only=True)


class StudyLeavePageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(AuditedStudyLeaveSchema), dump_only=True)

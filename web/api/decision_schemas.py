"""The audited decisions' schemas with merit.passed_over: a decision's `passed_over_count` in the lists,
the `passed_over` filter, and the merit.passed_over finding naming the colleagues, its evidence
saying whose fact each is.

Each class extends the one of web/api/audit_schemas.py it is named after, adding fields only, so
that the OpenAPI components keep their names (`Decision`, `AuditPage`, `Audit`, `Finding`) and
every field they had: a client generated from the document before reads the same types. The
classes they extend are no longer used by any endpoint (a name resolved twice would be renamed
`Decision1`)."""

from __future__ import annotations

from marshmallow import fields

from web.api import audit_schemas as base
from web.api.schemas import PageOfSchema

PASSED_OVER_FILTER = {
    "description": "true: only the regular (101) promotions that passed over an eligible, clearly stronger "
    "colleague of their unit and rank (their merit.passed_over finding); false: every other decision."
}
PASSED_OVER_COUNT = {
    "description": "How many eligible, clearly stronger colleagues of the same unit and rank the decision passed "
    "over (merit.passed_over: a finding, counted in verdict, finding_count and max_severity). Compared in the lists "
    "for regular (101) promotions; null for the others (202 promotions and posts are compared on "
    "the decision's own page; null there for the decisions not judged: 201, 203, non-managerial posts)."
}


class AuditQuerySchema(base.AuditQuerySchema):
    """Filters of the audited rank promotions. `verdict=findings`, `severity` and `rule=merit.passed_over`
    count the merit.passed_over finding."""

    passed_over = fields.Boolean(metadata=PASSED_OVER_FILTER)


class PostAuditQuerySchema(base.PostAuditQuerySchema):
    """Filters of the audited post appointments: `kind` is the post kind (STRUKTURAL, PENGAWAS...)."""

    passed_over = fields.Boolean(metadata=PASSED_OVER_FILTER)


class DecisionSchema(base.DecisionSchema):
    """An audited decision: compliant, or how many findings and the worst severity (merit.passed_over
    among them), and how many clearly stronger colleagues it passed over."""

    passed_over_count = fields.Integer(dump_only=True, allow_none=True, metadata=PASSED_OVER_COUNT)


class AuditPageSchema(PageOfSchema):
    items = fields.List(fields.Nested(DecisionSchema), dump_only=True)


class SubjectEvidenceSchema(base.EvidenceSchema):
    """A fact a check relied on, whose record it is in (the decision's, or a colleague's)."""

    subject = fields.String(dump_only=True, metadata={"description": "The NIP of the record the fact is in."})


class FindingSchema(base.FindingSchema):
    evidence = fields.List(fields.Nested(SubjectEvidenceSchema), dump_only=True)
    colleagues = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "merit.passed_over: the NIPs of the colleagues passed over."},
    )


class AuditSchema(DecisionSchema):
    """One audited decision with its findings, their evidence, and the colleagues passed over."""

    findings = fields.List(fields.Nested(FindingSchema), dump_only=True)
    inflated_ratings = fields.List(fields.Nested(base.InflatedRatingSchema), dump_only=True)
    passed_over = fields.List(fields.Nested(base.PassedOverSchema), dump_only=True)

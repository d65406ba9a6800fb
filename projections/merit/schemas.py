"""The marshmallow schema of an audited decision in a list, as the API (GET /api/v1/audits/promotions, posts,
appointments, web.api.audit_schemas) and the command line (`careerlog audit promotions --format json`, posts) both dump
it: the same names (`nip`, `id`) and types (`corrected` a boolean) whichever asks. Here, below both, as imports run
web -> projections -> careerlog."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields

from projections.fields import Flag, PlainDate, PlainDateTime


def decision_id(decision: dict[str, Any]) -> str:
    """The stable id of an audited decision in the API: `{nip}-{version}`."""
    return f"{decision['subject']}-{decision['version']}"


PASSED_OVER_COUNT_DOC = {  # (the field's description: queries.PASSED_OVER_COUNT is its column's name)
    "description": "How many eligible, clearly stronger colleagues of the same unit and rank the decision passed "
    "over (merit.passed_over: a finding, counted in verdict, finding_count and max_severity): 0 when compared and "
    "none passed over; null only where no comparison is made. The lists compare regular (101) promotions; a "
    "decision's own page compares those and 202 promotions and managerial post appointments. Null, then: a decision "
    "not judged (`judged` false) or whose TMT no merit.passed_over rule covers; 201 and 203 promotions, the other "
    "posts and CPNS appointments, never compared (the post, the degree or the start decides); and, in a list, 202 "
    "promotions and managerial posts, compared on their own page."
}


class DecisionSchema(Schema):
    """An audited decision: compliant, or how many findings and the worst severity (merit.passed_over
    among them), and how many clearly stronger colleagues it passed over."""

    class Meta:  # (as web.api.schemas.StrictSchema's)
        unknown = RAISE

    id = fields.Function(decision_id, dump_only=True, metadata={"description": "`{nip}-{version}`."})
    nip = fields.String(attribute="subject", dump_only=True)
    version = fields.Integer(dump_only=True, metadata={"description": "The decision's version in the record."})
    decision = fields.String(dump_only=True)
    reference = fields.String(dump_only=True, allow_none=True)
    kind = fields.String(dump_only=True, allow_none=True)
    tmt = PlainDate(dump_only=True, metadata={"description": "The date it took effect."})
    recorded_at = PlainDateTime(dump_only=True)
    agency = fields.String(dump_only=True, allow_none=True)
    unit = fields.String(dump_only=True, allow_none=True)
    region = fields.String(dump_only=True, allow_none=True)
    rank_before = fields.String(dump_only=True, allow_none=True)
    rank_after = fields.String(dump_only=True, allow_none=True)
    level = fields.String(dump_only=True, allow_none=True, metadata={"description": "A post decision's level."})
    title = fields.String(dump_only=True, allow_none=True, metadata={"description": "A post decision's title."})
    corrected = Flag(dump_only=True, metadata={"description": "Whether the decision was corrected since."})
    judged = fields.Function(
        lambda d: d.get("verdict") is not None,
        dump_only=True,
        metadata={
            "type": "boolean",
            "description": "Whether a rule of the decision's own kind (promotion.*, post.*, appointment.starting_rank) "
            "was in force on its date; false before any was (every promotion before 2000): verdict null, "
            "passed_over_count null.",
        },
    )
    verdict = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "compliant (judged, no finding), findings (at least one), not_compared (in a list: a 202 "
            "promotion or managerial post whose rule checks found nothing, compared with its colleagues on its own "
            "page only, which gives its verdict), or null: not judged, no rule of its kind in force on its date "
            "(`judged` false; an evidence.recorded_after finding is still listed)."
        },
    )
    finding_count = fields.Integer(dump_only=True)
    max_severity = fields.String(dump_only=True, allow_none=True)
    passed_over_count = fields.Integer(dump_only=True, allow_none=True, metadata=PASSED_OVER_COUNT_DOC)

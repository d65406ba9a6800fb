"""The marshmallow schema of an audited decision in a list, as the API (GET /api/v1/audits/promotions, posts,
appointments, web.api.audit_schemas) and the command line (`careerlog audit promotions --format json`, posts) both dump
it: the same names (`nip`, `id`) and types (`corrected` a boolean) whichever asks. Here, below both, as imports run
web -> projections -> careerlog."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import RAISE, Schema, fields

from careerlog.reference import rules
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
    rules = fields.Function(
        lambda d: fired_rules(d),
        dump_only=True,
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "description": "The rules its findings fired, by code, in their order (merit.passed_over among them where "
            "the list counts it); a CSV's cell joins them with '; '.",
        },
    )
    rule_titles = fields.Function(
        lambda d: fired_titles(d),
        dump_only=True,
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "description": "Their readable labels, in the order of `rules`: each rule's title in the rule book, of "
            "the version in force on the decision's TMT.",
        },
    )


def fired_rules(decision: dict[str, Any]) -> list[str]:
    """The rules a listed decision's findings fired, by code, in their order (merit.passed_over among them when it
    passed over a clearly stronger colleague); none for a decision without findings."""
    return [f["rule"] for f in decision.get("findings") or ()]


def fired_titles(decision: dict[str, Any]) -> list[str]:
    """The titles of the rules a listed decision's findings fired (`fired_rules`), each its version's in force on the
    decision's TMT (`rule_title`)."""
    fired = fired_rules(decision)
    if not fired:
        return []
    tmt = decision.get("tmt")
    day = date.fromisoformat(tmt) if isinstance(tmt, str) else tmt
    return [rule_title(rule, day) for rule in fired]


def rule_title(rule: str, day: date | None = None) -> str:
    """A rule's readable label: its title in the rule book, of the version in force on `day` (a decision's TMT: the
    version it was judged by), else of its last version with a title, else its code. Looked up among the rule's own
    versions (until 2026-12-07 every version of every rule was scanned for each rule of each row, and the last
    version's title given whatever the TMT)."""
    book = rules()
    held = book.in_force(rule, day) if day is not None else None
    if held is not None and held.title:
        return held.title
    titles = [r.title for r in book.versions(rule) if r.title]
    return titles[-1] if titles else rule


# ---------------------------------------------------------------------- passed over, every kind
# The schemas of `careerlog audit passed-over --format json` and GET /api/v1/audits/passed-over, which both dump with
# them (until 2026-12-06 the command wrote the rows as found: a 101's without `version`, with `round_date`).


class StrictSchema(Schema):
    class Meta:  # (as web.api.schemas.StrictSchema's)
        unknown = RAISE


class MeasureSchema(StrictSchema):
    """A measure compared, the employee's value and the colleague's: performance, a mean of SKP scores (4.5 the
    mean of a Baik and a Sangat Baik), a fraction."""

    promoted = fields.Float(dump_only=True, metadata={"description": "The promoted employee's (promotions)."})
    appointed = fields.Float(dump_only=True, metadata={"description": "The appointed employee's (posts)."})
    colleague = fields.Float(dump_only=True)


class WholeMeasureSchema(StrictSchema):
    """A measure compared that is a whole number: training JP (lesson hours, whole by the record), days in rank, the
    education's order (until 2026-12-06 written as floats, 40.0)."""

    promoted = fields.Integer(dump_only=True, metadata={"description": "The promoted employee's (promotions)."})
    appointed = fields.Integer(dump_only=True, metadata={"description": "The appointed employee's (posts)."})
    colleague = fields.Integer(dump_only=True)


class ComparedMeasuresSchema(StrictSchema):
    """A passed-over pair's `comparison`: the four measures of merit.passed_over (passed_over.MEASURES, in its
    order), each the employee's value and the colleague's."""

    performance = fields.Nested(
        MeasureSchema,
        dump_only=True,
        metadata={
            "description": "Mean SKP score of the rated years before (Sangat Baik 5 ... Sangat Kurang 1; 0: none)."
        },
    )
    training_jp = fields.Nested(
        WholeMeasureSchema,
        dump_only=True,
        metadata={"description": "JP (lesson hours) of the trainings of the years the rule sums."},
    )
    days_in_rank = fields.Nested(WholeMeasureSchema, dump_only=True, metadata={"description": "Days in the rank."})
    education = fields.Nested(
        WholeMeasureSchema,
        dump_only=True,
        metadata={"description": "The education's order in the reference table (higher: a higher degree)."},
    )


def compared_measures(whose: str) -> fields.Nested:
    """A passed-over pair's `comparison`: per measure, `whose` value and the colleague's."""
    return fields.Nested(
        ComparedMeasuresSchema,
        dump_only=True,
        metadata={"description": f"Per measure: {whose} value and the colleague's."},
    )


def decision_page(row: dict[str, Any]) -> str | None:
    """The path of the web page of a passed-over pair's decision (`/pages/audits/{nip}/{version}`, a post's
    `/pages/audits/posts/{nip}/{version}`); None where its version is not known."""
    if row.get("version") is None:
        return None
    where = "audits/posts" if row["decision"] == "post" else "audits"
    return f"/pages/{where}/{row['nip']}/{row['version']}"


class PassedOverPairSchema(StrictSchema):
    """A decision and an eligible colleague of its unit and rank, not chosen on its TMT, clearly stronger."""

    tmt = fields.String(dump_only=True, metadata={"format": "date", "description": "The decision's TMT."})
    nip = fields.String(dump_only=True, metadata={"description": "The NIP of the employee promoted or appointed."})
    version = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The decision's version in the record (its id `{nip}-{version}`); null only of a 101 "
            "whose decision the merit view does not hold."
        },
    )
    decision = fields.String(dump_only=True, metadata={"enum": ["promotion", "post"]})
    kind = fields.String(
        dump_only=True, metadata={"description": "The promotion kind (101, 202) or the managerial post kind."}
    )
    rank = fields.String(dump_only=True, metadata={"description": "The rank the two held the day before the TMT."})
    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    colleague = fields.String(dump_only=True, metadata={"description": "The colleague's NIP."})
    severity = fields.String(dump_only=True)
    comparison = compared_measures("the employee's")
    page = fields.Function(
        decision_page,
        dump_only=True,
        metadata={
            "type": "string",
            "nullable": True,
            "description": "The path of the decision's web page (`/pages/audits/{nip}/{version}`, a post's "
            "`/pages/audits/posts/{nip}/{version}`); null where `version` is.",
        },
    )


class RecordedLaterSchema(StrictSchema):
    """A colleague the final record places otherwise than the record known before the decision did, the day
    before its TMT (a transfer, promotion or separation recorded after the decision, effective before the TMT)."""

    colleague = fields.String(dump_only=True, metadata={"description": "The colleague's NIP."})
    placed = fields.String(
        dump_only=True,
        metadata={
            "enum": ["elsewhere", "here"],
            "description": "elsewhere: in the decision's unit at its rank as known before the decision, placed "
            "elsewhere by a record made since: compared, as known then; here: placed in the unit at that rank only "
            "by a record made after the decision: not compared.",
        },
    )


class RecordedLaterPairSchema(RecordedLaterSchema):
    """A 202 or post decision's colleague a record made after the decision places otherwise (as on its page)."""

    tmt = fields.String(dump_only=True, metadata={"format": "date"})
    nip = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    decision = fields.String(dump_only=True)
    kind = fields.String(dump_only=True)


class PassedOverListSchema(StrictSchema):
    """merit.passed_over's pairs of every kind compared, as `careerlog audit passed-over --format json`."""

    passed_over = fields.List(fields.Nested(PassedOverPairSchema), dump_only=True)
    recorded_later = fields.List(fields.Nested(RecordedLaterPairSchema), dump_only=True)


# ---------------------------------------------------------------------- one audited decision
# The schema of GET /api/v1/audits/promotions|posts|appointments/{nip}-{version} and of `careerlog audit promotion NIP
# VERSION --format json`, which both dump with it (until 2026-12-06 the command wrote the view's row: `subject`,
# `corrected` 0 or 1, no `id` nor `judged`).


class EvidenceSchema(StrictSchema):
    """A fact a check relied on, with when it took effect and when it was recorded."""

    version = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    effective_date = PlainDate(dump_only=True)
    recorded_at = PlainDateTime(dump_only=True)
    reference = fields.String(dump_only=True, allow_none=True)


class SubjectEvidenceSchema(EvidenceSchema):
    """A fact a check relied on, whose record it is in (the decision's, or a colleague's)."""

    subject = fields.String(dump_only=True, metadata={"description": "The NIP of the record the fact is in."})


class RuleFindingSchema(StrictSchema):
    """What every finding says: the rule broken, how badly, and where the rule comes from."""

    rule = fields.String(dump_only=True)
    severity = fields.String(dump_only=True)
    source = fields.String(dump_only=True, metadata={"description": "The regulation the rule comes from."})
    status = fields.String(dump_only=True, metadata={"description": "How sure the rule is (reference status)."})
    message = fields.String(dump_only=True)


class FindingSchema(RuleFindingSchema):
    evidence = fields.List(fields.Nested(SubjectEvidenceSchema), dump_only=True)
    colleagues = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "merit.passed_over: the NIPs of the colleagues passed over."},
    )


class PassedOverSchema(StrictSchema):
    """An eligible colleague of the same unit and rank, not chosen on the decision's TMT, clearly stronger."""

    colleague = fields.String(dump_only=True, metadata={"description": "The colleague's NIP."})
    round_date = fields.Function(
        lambda row: row.get("round_date") or row["tmt"],
        dump_only=True,
        metadata={"type": "string", "format": "date", "description": "The decision's TMT."},
    )
    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    rank = fields.String(dump_only=True)
    severity = fields.String(dump_only=True)
    comparison = compared_measures("the promoted employee's")


class InflatedRatingSchema(StrictSchema):
    """A rating the decision relied on, given in a unit and year whose ratings look inflated."""

    year = fields.Integer(dump_only=True)
    predicate = fields.String(dump_only=True)
    unit_finding = fields.Dict(dump_only=True, metadata={"description": "The unit-year's grade-inflation finding."})


class RecordingSchema(StrictSchema):
    """What a recording (a correction, a retraction, an audited promotion's confirmation) answers of itself: its
    version, when, by whom and under what reference it was recorded, and the checks its writer confirmed (the API's,
    web.api.schemas.RecordingSchema, builds on it: `confirmed` described there, by web.api.event_schemas' words)."""

    version = fields.Integer(dump_only=True, metadata={"description": "The recording's version in the record."})
    recorded_at = PlainDateTime(dump_only=True)
    recorded_by = fields.String(dump_only=True, metadata={"description": "The account that recorded it."})
    reference = fields.String(dump_only=True)
    confirmed = fields.List(fields.String(), dump_only=True)


class ConfirmationSchema(RecordingSchema):
    """A recording whose writer confirmed a rank jump bearing on the decision, as stored with its event (the API's,
    web.api.audit_schemas.ConfirmationSchema, is this one with a recording's `confirmed` described)."""

    kind = fields.String(
        dump_only=True,
        metadata={
            "enum": ["rank_promotion", "correction", "retraction"],
            "description": "rank_promotion: the decision's own recording; correction: of the decision, or of "
            "another fact, that left it a jump; retraction: of another fact, that left it a jump.",
        },
    )
    target_version = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The version a correction or retraction amends."}
    )


class DecisionCorrectedFieldSchema(StrictSchema):
    """A field a correction changed, with its value before the correction and after (as text; null when absent)."""

    field = fields.String(dump_only=True)
    before = fields.String(dump_only=True, allow_none=True)
    after = fields.String(dump_only=True, allow_none=True)


class DecisionCorrectionSchema(StrictSchema):
    """A correction of the decision: its recording, its reason and each field it changed."""

    version = fields.Integer(dump_only=True, metadata={"description": "The correction's version in the record."})
    recorded_at = PlainDateTime(dump_only=True)
    recorded_by = fields.String(dump_only=True, metadata={"description": "The account that recorded it."})
    reference = fields.String(dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    fields_ = fields.List(
        fields.Nested(DecisionCorrectedFieldSchema), dump_only=True, data_key="fields", attribute="fields"
    )


class RuleJudgedSchema(StrictSchema):
    """A promotion rule the decision was judged by on its TMT, with its outcome and the version in force."""

    rule = fields.String(dump_only=True)
    outcome = fields.String(dump_only=True, metadata={"enum": ["met", "missing", "not_applicable"]})
    enforced = fields.Boolean(dump_only=True)
    version = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The rule version in force: its valid_from."}
    )
    source = fields.String(dump_only=True)
    status = fields.String(dump_only=True, metadata={"enum": ["S", "M", "I"]})


class AuditSchema(DecisionSchema):
    """One audited decision with its findings, their evidence, and the colleagues passed over."""

    behind = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Whether the audit view had yet to apply an event of the decision's record that the log "
            "holds when read (the API waits at most CAREERLOG_WAIT_SECONDS for a write of a moment before): its rows "
            "(tmt, verdict, findings, `corrected`) may then be older than the `corrections` and `confirmations` "
            "listed, read from the log; read again in a moment, or pass the write's `position` as `wait_for`. "
            "False: one state of the record (since 2026-12-07)."
        },
    )

    findings = fields.List(fields.Nested(FindingSchema), dump_only=True)
    inflated_ratings = fields.List(fields.Nested(InflatedRatingSchema), dump_only=True)
    passed_over = fields.List(fields.Nested(PassedOverSchema), dump_only=True)
    recorded_later = fields.List(
        fields.Nested(RecordedLaterSchema),
        dump_only=True,
        metadata={
            "description": "The colleagues of the unit and rank the day before the TMT whom a record made after the "
            "decision places otherwise (the comparison reads the record as known before the decision)."
        },
    )
    rules_judged = fields.List(
        fields.Nested(RuleJudgedSchema),
        dump_only=True,
        metadata={
            "description": "A promotion's rules judged on its TMT (as known before the decision), each with its "
            "outcome, the version in force, its source and status: a compliant verdict names them too. Empty for a "
            "post or CPNS appointment."
        },
    )
    corrections = fields.List(
        fields.Nested(DecisionCorrectionSchema),
        dump_only=True,
        metadata={
            "description": "The corrections of the decision, oldest first, each with the fields it changed, their "
            "values before and after (a corrected decision is audited as corrected; this says what it was). Empty "
            "when it was never corrected."
        },
    )
    confirmations = fields.List(
        fields.Nested(ConfirmationSchema),
        dump_only=True,
        metadata={
            "description": "The recordings whose writer confirmed a rank jump (`promotion.one_step`) of this "
            "promotion, as stored with their events, oldest first: its own recording, its corrections, and a "
            "correction or retraction of another fact that left it more ranks above the rank held than before. "
            "Empty for a post appointment and where none was confirmed (before 2026-12-03 none was stored)."
        },
    )

"""Request and response schemas of the merit audit: eligibility, audited decisions, fairness statistics."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from careerlog.reference import reference
from projections.merit.eligibility import DECISIONS, NEXT_DATE_BASES, NO_PROMOTION_REASONS, OFFERED_KINDS, STANDINGS
from projections.merit.fairness import (
    BEFORE_FROM,
    COUNTS,
    DEFAULT_MIN_CELL,
    FEWER_THAN_TWO_GROUPS,
    MAX_MIN_CELL,
    NO_ROUND,
    NOBODY_PROMOTED,
    ROUND,
)
from projections.merit.groups import DIMENSIONS, MAX_DIMENSIONS
from projections.merit.queries import DECISION_VERDICTS
from projections.merit.rules import SEVERITY_ORDER
from projections.merit.schemas import AuditSchema as _AuditSchema
from projections.merit.schemas import ConfirmationSchema as _ConfirmationSchema
from projections.merit.schemas import DecisionSchema as DecisionSchema
from projections.merit.schemas import EvidenceSchema as EvidenceSchema
from projections.merit.schemas import PassedOverListSchema as PassedOverListSchema
from projections.merit.schemas import PassedOverSchema as PassedOverSchema
from projections.merit.schemas import RuleFindingSchema as RuleFindingSchema
from projections.merit.schemas import SubjectEvidenceSchema as SubjectEvidenceSchema
from projections.merit.schemas import decision_id as decision_id
from projections.reading import after_today
from web.api.fields import PAST_YEAR, PlainDate, WholeNumber, a_past_year
from web.api.schemas import (
    CodeFilter,
    CursorPageOfSchema,
    CursorPagingSchema,
    EachOneOf,
    ReadQuerySchema,
    RecordingSchema,
    StrictSchema,
    filled_text,
    filter_field,
    grouping,
    nip_filter,
    text_filter,
)

VERDICTS = ("compliant", "findings")  # (awards, study leave)


def value_lists(*names: str) -> dict[str, fields.Field[Any]]:
    """Repeatable filters, those of a coded field (agency, region, rank...) checked as the roster's are."""
    return {name: filter_field(name) for name in names}


def period_fields(what: str) -> dict[str, Any]:
    """`from` and `to`, and the check that `to` is not before `from` (a 422 naming `to`, in the statistics' own
    words, projections.merit.fairness: a period turned round was answered as an empty list of audits)."""
    return {
        "start": PlainDate(data_key="from", metadata={"description": f"First {what} (YYYY-MM-DD), at most today."}),
        "end": PlainDate(
            data_key="to",
            metadata={"description": f"Last {what} (YYYY-MM-DD); not before from; one after today reads as today."},
        ),
        "end_not_before_start": end_not_before_start,
    }


@validates_schema(skip_on_field_errors=False)  # (named with the fields refused: `by` left out, a bad `year`)
def end_not_before_start(self: Schema, data: dict[str, Any], **_: Any) -> None:
    start, end = data.get("start"), data.get("end")
    if start is not None and end is not None and end < start:
        raise ValidationError(BEFORE_FROM.reason(first=start.isoformat(), last=end.isoformat()), "to")
    if start is not None and (refusal := after_today(start)) is not None:
        raise ValidationError(refusal, "from")


# ---------------------------------------------------------------------- eligibility


def one_of(values: tuple[str, ...], description: str) -> fields.String:
    """An answer's field holding one of `values` (an enum in the OpenAPI document)."""
    return fields.String(dump_only=True, validate=validate.OneOf(values), metadata={"description": description})


class RequirementSchema(StrictSchema):
    rule = fields.String(dump_only=True)
    outcome = fields.String(dump_only=True, metadata={"description": "met, missing, or not applicable."})
    enforced = fields.Boolean(dump_only=True, metadata={"description": "False: reported, never a finding."})
    message = fields.String(dump_only=True)
    source = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The regulation the rule rests on, as the rules file in use states it for judged_on "
            "(rules.toml `source`, docs/rules.md); null for a rule the file no longer holds."
        },
    )
    status = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The rule's status: S confirmed, M believed but unconfirmed, I an inference."},
    )
    standing = one_of(
        STANDINGS,
        "How the requirement stands today: met; not_due, missing only because the day it falls due (due) has not "
        "come (this year's SKP rating or JP, a confirmation as PNS whose probation year is not over, credit points "
        "that the ratings of years not over may still reach, a service exam not passed yet for a judged_on to "
        "come), or met on a judged_on still to come only from a day "
        "after today (the years in rank not reached yet; no penalty or legal status barring a promotion on that "
        "date); not_met, missing otherwise (failed, or overdue).",
    )
    due = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Of a requirement missing only until a day: that day (1 January after the year whose SKP "
            "rating or JP it waits on: of ratings wanted for several years, after the first of them, the first day one "
            "is overdue; the day a "
            "confirmation as PNS is due; of a service exam not passed, judged_on, the day it must be passed by), or "
            "met only from a day after today: "
            "that day (the years in rank reached; the judged_on of no penalty or legal status barring a promotion). "
            "Before it the requirement is not_due, from it not_met (met, for one met from it); null otherwise."
        },
    )


class BlockedSchema(StrictSchema):
    """An offer blocked for good, so no date brings it (docs/rules.md): the new rank is above the highest a regular
    promotion reaches with the employee's education (promotion.education_ceiling: education, ceiling), or a 201's new
    rank is above the top rank of the managerial post held (promotion.structural_range: post_kind, top)."""

    rule = fields.String(
        dump_only=True, metadata={"description": "promotion.education_ceiling or promotion.structural_range."}
    )
    education = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The education level held (asn.toml education)."}
    )
    ceiling = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The highest rank a regular promotion reaches with that education."},
    )
    post_kind = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "promotion.structural_range: the managerial post kind held (asn.toml post_kinds)."},
    )
    top = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "promotion.structural_range: the top rank of that post's range."},
    )
    opened_by = fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": "The promotion kinds that open a rank above it. The education ceiling: 203 (a higher "
            "degree recorded, which also raises the ceiling), 201 or 202 (an appointment to a definitive managerial "
            "or functional post). The top of a managerial post's range: 201 (an appointment to a post of a higher "
            "eselon)."
        },
    )


class EligibilityItemSchema(StrictSchema):
    """One promotion kind open to the employee: its earliest date and what is met or missing on the date judged."""

    kind = one_of(
        OFFERED_KINDS,
        "Promotion kind: 101 regular; 201 with a managerial post; 202 with a functional post; "
        "203 by degree (a degree obtained in service whose starting rank is above the rank held).",
    )
    rank = fields.String(dump_only=True)
    new_rank = fields.String(dump_only=True)
    earliest_date = PlainDate(
        dump_only=True, metadata={"description": "First permitted date once the time in rank is reached."}
    )
    judged_on = PlainDate(
        dump_only=True,
        metadata={
            "description": "First permitted date on or after both the earliest date and the record's last "
            "recorded day, or, when a penalty with a known end or a year rated below the minimum bars that date or "
            "credit points are short on it, the first past them (the next_date they give): the requirements and "
            "missing are judged on it, by the rules in force then."
        },
    )
    reached = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Whether the offer's date has come: the earliest date has come and nothing bars the "
            "promotion: false while the offer is blocked, barred by a legal status or a penalty of no end recorded "
            "(next_date null), or held by a bar whose end the record gives (a penalty, a year rated below the "
            "minimum) or credit points short to a next_date still to come (next_date_basis bar or credit_points); "
            "true again once next_date has come. Until 2026-12-07 it was earliest_date <= today, under any bar too."
        },
    )
    next_date = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The next promotion date open: the first permitted date on or after both the earliest "
            "date and today (the earliest date while it is to come), and after the last day of a penalty barring the "
            "promotion (its end known) and after the last year whose promotion dates read a year rated below the "
            "minimum (Baik) that bars it (a 101 reads the 2 years before its date); null when "
            "the offer is blocked (no date brings it) or while a "
            "legal status bars it on judged_on (unpaid leave, suspension: no end recorded until a return to duty is "
            "recorded)."
        },
    )
    requirements = fields.List(fields.Nested(RequirementSchema), dump_only=True)
    missing = fields.List(
        fields.String(), dump_only=True, metadata={"description": "Enforced rules not met on judged_on."}
    )
    rules_version = fields.String(dump_only=True)
    blocked = fields.Nested(
        BlockedSchema,
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Why no date brings this offer (the career page says it in place of its dates): the "
            "education ceiling; null when nothing bars it for good. After the columns before it (and before met_on, "
            "added later), so that the CSV's columns keep their places."
        },
    )
    # (after `blocked`: a column added later goes last, so that the CSV's other columns keep their places)
    met_on = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The first promotion date of the run of dates on which the record as it now stands meets "
            "every requirement, whether or not anything is missing on judged_on: with nothing missing, the run ends "
            "on judged_on (judged_on itself when the date before it is not met, a date still to come when judged_on "
            "is); with something missing, it ends on the last date before judged_on (a rating corrected after its "
            "rounds: met for a date now past, while judged_on asks a year not rated yet), and it is null when that "
            "date is not met. Where a bar or the credit points moved judged_on past the first promotion date on or "
            "after the earliest date and the record's last day, it is of that first date (a day before judged_on "
            "lies inside the bar)."
        },
    )
    credit_from = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "When promotion.credit_points is short on the first promotion date on or after the "
            "earliest date and the record's last day (judged_on, unless a bar or this date moved it later): the first "
            "permitted promotion date on "
            "which the credit points could be reached, every year counted that has no SKP rating recorded rated at "
            "the highest credit factor (Sangat Baik), the functional post held as it now stands; next_date is not "
            "before it. Null when the credit points are not short (or no date within 40 years reaches them)."
        },
    )
    next_date_basis = fields.String(
        dump_only=True,
        allow_none=True,
        validate=validate.OneOf(NEXT_DATE_BASES),
        metadata={
            "description": "What sets next_date, the earliest day on which every requirement could be met (the "
            "last of these that moves it to a later promotion date): "
            "time_in_rank, the earliest date, still to come (reached false); today, the first permitted date from "
            "today (the earliest date come, today or gone by: reached true); bar, after a penalty or a year rated "
            "below the minimum (barred until a known day); credit_points, the first date on which the credit points "
            "could be reached at the best rate (credit_from). Null when next_date is."
        },
    )
    # (last: a column added later goes last, so that the CSV's other columns keep their places)
    decision = one_of(
        DECISIONS,
        "What the offer comes to today (the career page says it after the earliest date; 'it has come' below is "
        "said of the earliest date, earliest_date <= today, not of reached, which any bar standing makes false): "
        "blocked, no date brings "
        "it (see blocked); to_come, the earliest date is still to come, or it has come and every enforced "
        "requirement still open on judged_on (a date to come) is not due yet with no date met before it (met_on "
        "null): eligible on judged_on once they are met; eligible, it has come and nothing is missing "
        "on judged_on; eligible_from_met_on, it has come and every enforced requirement still open is not due yet "
        "(standing not_due: this year's SKP...), every requirement met from met_on: eligible from that date; "
        "not_eligible, it has come and an enforced requirement due is missing (failed, or overdue); a requirement "
        "not due yet never makes it not_eligible. While a bar whose end is known (a penalty, a year rated below "
        "the minimum) stands until next_date (next_date_basis bar; judged_on is that date) it is neither eligible "
        "nor eligible_from_met_on: to_come, or not_eligible when a requirement due is missing on judged_on; so "
        "while credit points short hold it to next_date (next_date_basis credit_points, a bar standing under them or "
        "not). It is of the record's rows alone, not of the expected end of service: read it with "
        "after_expected_end, true when the offer's date is after that end (to_come or eligible for a day it will "
        "in all likelihood never come).",
    )
    # (after `decision`: columns added later go last, so that the CSV's other columns keep their places)
    expected_end = PlainDate(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The day the employee's service is expected to end at the retirement age (service_end's "
            "expected_end, repeated on each item for the CSV, which has the items alone): null for a PPPK employee, "
            "a service ended, no birth date recorded, or no rule retirement.age in force."
        },
    )
    after_expected_end = fields.Boolean(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Whether the offer's next_date is after expected_end, as the career page compares them "
            '("This date is after the day the employee\'s service is expected to end"). true: in all likelihood the '
            "promotion never comes (a promotion on retirement, 212, is not forecast), whatever decision says. With "
            "next_date null (blocked, or barred with no end known): true once service_end is past (any promotion "
            "would come after it), else null (no date to compare). null when expected_end is."
        },
    )


class NoPromotionSchema(StrictSchema):
    """Why no promotion kind is open to the employee, as their record says."""

    reason = one_of(
        NO_PROMOTION_REASONS,
        "separated: the service ended (a separation status, on `day`); pppk: a PPPK employee holds a contract "
        "grade set by the employment agreement, not a rank (golongan); top_rank: the rank held is the highest (IV/e).",
    )
    day = PlainDate(dump_only=True, allow_none=True, metadata={"description": "separated: the day service ended."})
    status = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "separated: the separation status (RETIRED...)."}
    )
    rank = fields.String(dump_only=True, metadata={"description": "The rank held (PPPK: the contract grade)."})


class LevelTopSchema(StrictSchema):
    """Why no 202 (functional post, credit points) is open: the rank held is the top of the functional level's
    range (asn.toml functional_levels), so a further rank needs an appointment to the next level first."""

    level = fields.String(dump_only=True, metadata={"description": "The functional level held (AHLI_PERTAMA...)."})
    rank = fields.String(dump_only=True, metadata={"description": "The rank held."})
    top = fields.String(dump_only=True, metadata={"description": "The top rank of the level's range."})
    next_level = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The level to be appointed to for a further rank; null at the top of its ladder."},
    )


class RegularClosedSchema(StrictSchema):
    """Why no regular promotion (101) is offered: a definitive managerial or functional post is held, and its holder
    rises by the choice promotion (201 or 202) under promotion.regular_without_post (PP 99/2000 art. 4)."""

    kind = one_of(("201", "202"), "The promotion the holder rises by: 201 managerial post, 202 functional post.")
    instead_of = one_of(("101",), "The promotion not offered: the regular one.")
    rule = fields.String(dump_only=True, metadata={"description": "promotion.regular_without_post."})
    source = fields.String(dump_only=True, metadata={"description": "The regulation the rule rests on."})
    status = fields.String(dump_only=True, metadata={"description": "The rule's status (S, M, I)."})


class ServiceEndSchema(StrictSchema):
    """When the employee's service is expected to end: the last day of the month they reach the retirement age of
    the definitive post held now (rule retirement.age, unconfirmed: docs/rules.md), as the career page and the
    past-retirement list read it."""

    retirement_age = fields.Integer(dump_only=True, metadata={"description": "The age of the post by the rule."})
    expected_end = PlainDate(
        dump_only=True, metadata={"description": "The last day of the month that age is (or was) reached."}
    )
    rule = fields.String(dump_only=True, metadata={"description": "retirement.age (docs/rules.md)."})
    rule_status = fields.String(
        dump_only=True, metadata={"description": "How sure the rule is: S, M or I (docs/rules.md); M as shipped."}
    )
    rule_confirmed = fields.Boolean(
        dump_only=True, metadata={"description": "false unless the rule is S: the ages are unconfirmed as shipped."}
    )
    past = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Whether expected_end is before today with no separation recorded: the employee is on "
            "the past-retirement list, for HR to record the retirement (or correct the birth date or post)."
        },
    )
    post = fields.Boolean(
        dump_only=True,
        metadata={"description": "Whether a post is recorded; false: the default age (an administrative post's)."},
    )
    acting = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "Whether the post shown is held acting only (Plt, Plh, Pj): it sets no age, the "
            "default's is read."
        },
    )


class EligibilitySchema(StrictSchema):
    nip = fields.String(dump_only=True)
    items = fields.List(fields.Nested(EligibilityItemSchema), dump_only=True)
    no_promotion = fields.Nested(
        NoPromotionSchema,
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Why no promotion is open, when items is empty and the record says (the career page "
            "gives the same reason); null when items lists a kind or the record does not say."
        },
    )
    level_top = fields.Nested(
        LevelTopSchema,
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Why no 202 is open to a functional employee at the top rank of their level (the "
            "career page says the same); null otherwise."
        },
    )
    regular_closed = fields.Nested(
        RegularClosedSchema,
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Why no regular promotion (101) is offered to a definitive managerial or functional "
            "post holder, who rises by 201 or 202 (the career page says so in words); null when a 101 is open or no "
            "post bars it."
        },
    )
    service_end = fields.Nested(
        ServiceEndSchema,
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "When the employee's service is expected to end at the retirement age (the career page "
            "says the same); each item's after_expected_end says whether its date is after it. null for a PPPK "
            "employee, a service ended (no_promotion separated), no birth date recorded, or no rule in force."
        },
    )


# ---------------------------------------------------------------------- audited decisions


AuditFilterSchema = type(
    "AuditFilterSchema",
    (CursorPagingSchema,),
    {**value_lists("agency", "unit", "region", "kind"), **period_fields("TMT"), "__doc__": "Audit filters."},
)


PASSED_OVER_FILTER = {
    "description": "true: only the regular (101) promotions that passed over an eligible, clearly stronger "
    "colleague of their unit and rank (their merit.passed_over finding); false: every other decision. A "
    "functional-post (202) promotion's colleagues are compared on its own page (GET .../promotions/{id}, "
    "passed_over_count null in the list): neither value, nor verdict, severity or rule, finds it by them "
    "(kind=202 lists them)."
}


class FindingFilterSchema(AuditFilterSchema):  # type: ignore[valid-type,misc]
    """The filters of both audited lists by their findings."""

    rule = filled_text("Only decisions with a finding of this rule.")
    nip = nip_filter(
        "Only the decisions of these employees (repeatable): an NIP or NI PPPK of 18 digits each, spaces, dots and "
        "dashes aside, fullwidth digits read as 0-9; any other value is refused, a 422 naming `nip`."
    )
    severity = fields.String(
        validate=validate.OneOf(list(SEVERITY_ORDER)),
        metadata={"description": "Only decisions with a finding at least this severe."},
    )
    verdict = fields.String(
        validate=validate.OneOf(DECISION_VERDICTS),
        metadata={
            "description": "compliant (no finding), findings (at least one), not_judged (dated before any rule of "
            "its kind: `verdict` null, `judged` false, listed by none of the others) or not_compared (a 202 promotion "
            "or managerial post whose rule checks found nothing: the lists do not compare it with its colleagues, its "
            "own page does; listed by none of the others)."
        },
    )


class AuditQuerySchema(FindingFilterSchema):
    """Filters of the audited rank promotions. `verdict=findings`, `severity` and `rule=merit.passed_over`
    count the merit.passed_over finding."""

    passed_over = fields.Boolean(metadata=PASSED_OVER_FILTER)
    kind = filter_field("kind", ("promotion_kinds",))


class PostAuditQuerySchema(FindingFilterSchema):
    """Filters of the audited post appointments: `kind` is the post kind (ADMINISTRATOR, PENGAWAS...); no
    `passed_over` (each appointment's colleagues are compared on its own page)."""

    kind = filter_field("kind", ("post_kinds",))

    level = CodeFilter(
        EachOneOf(reference().post_levels()),
        metadata={
            "description": "Only these post levels (repeatable): an eselon (I.a ... IV.b) or a functional level "
            "(AHLI_PERTAMA ... PENYELIA), as asn.toml post_kinds write them, in any letter case (ahli_muda is "
            "AHLI_MUDA). Any other (Ahli Muda, ESELON_IV) is refused, a 422 naming `level` (until 2026-12-05 an "
            "empty list)."
        },
    )
    # no `passed_over`: the lists compare no post appointment's colleagues (each one's own page does), so it found
    # none (true) or all (false); refused as an unknown field, as the inspector's page refuses it


class AppointmentAuditQuerySchema(FindingFilterSchema):
    """Filters of the audited CPNS appointments (appointment.starting_rank): `kind` is the entry education (S-1,
    D-III...); no `passed_over` (an appointment passes no colleague over)."""

    kind = filter_field("kind", ("education",))


RULE_SEPARATOR = "; "


def flat_decision(row: Mapping[str, Any]) -> dict[str, Any]:
    """A dumped listed decision as its CSV row: its rules and their titles each one cell, joined by '; '; of none
    (`flat_decision({})`), the CSV's columns."""
    if not row:
        return dict.fromkeys(DecisionSchema().fields)
    return {
        **row,
        "rules": RULE_SEPARATOR.join(row.get("rules") or ()),
        "rule_titles": RULE_SEPARATOR.join(row.get("rule_titles") or ()),
    }


class AuditPageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(DecisionSchema), dump_only=True)


class ConfirmationSchema(RecordingSchema, _ConfirmationSchema):
    """A recording whose writer confirmed a rank jump bearing on the decision, as stored with its event
    (projections.merit.schemas.ConfirmationSchema's fields, its `confirmed` described as a recording's)."""


class AuditSchema(_AuditSchema):
    """One audited decision with its findings, their evidence, and the colleagues passed over."""

    # (projections.merit.schemas.AuditSchema's, which the command line dumps with: its confirmations described here
    # as the API's recordings, web.api.schemas.RecordingSchema)

    confirmations = fields.List(
        fields.Nested(ConfirmationSchema),
        dump_only=True,
        metadata=_AuditSchema._declared_fields["confirmations"].metadata,
    )


# ---------------------------------------------------------------------- passed over, every kind


PassedOverQuerySchema = type(
    "PassedOverQuerySchema",
    (ReadQuerySchema,),
    {
        **value_lists("agency", "unit", "region"),
        **period_fields("TMT"),
        "__doc__": "The passed-over pairs' filters: where the decision was made, and its TMT.",
    },
)


# ---------------------------------------------------------------------- fairness statistics


StatisticsFilterSchema = type(
    "StatisticsFilterSchema",
    (ReadQuerySchema,),
    {**value_lists("agency", "unit", "region"), **period_fields("day"), "__doc__": "Statistics filters."},
)


class StatisticsQuerySchema(StatisticsFilterSchema):  # type: ignore[valid-type,misc]
    by = grouping(
        DIMENSIONS,
        MAX_DIMENSIONS,
        required=True,
        metadata={
            "description": "One dimension, or two (comma-separated) for their intersections, each once.",
            "uniqueItems": True,
        },
    )
    min_cell = WholeNumber(
        load_default=None,
        validate=validate.Range(min=1, max=MAX_MIN_CELL),
        metadata={
            "description": "Groups smaller than this are counted but not compared; default: the min_cell of rule "
            f"fairness.adverse_impact ({DEFAULT_MIN_CELL} by the bundled rules), as the answer's min_cell says."
        },
    )


COUNT_DESCRIPTION = (
    "How the pool is counted. `round` (the default, as before 2026-12-05): a person once per round they were in its "
    "pool, so one eligible in five rounds is five trials (the CMH test, stratified by round, is the check on it). "
    "`person`: each person in a pool of some round of the period once, promoted when promoted in any of its rounds, "
    "in the group of their first eligible round of the period (an age band, an agency may change from round to "
    "round); no CMH test then (`mh_odds_ratio`, `p_cmh` null). docs/fairness.md."
)


class FairnessQuerySchema(StatisticsQuerySchema):
    count = fields.String(
        load_default=ROUND, validate=validate.OneOf(COUNTS), metadata={"description": COUNT_DESCRIPTION}
    )


class PeriodSchema(StrictSchema):
    from_ = PlainDate(data_key="from", attribute="from", dump_only=True, allow_none=True)
    to = PlainDate(dump_only=True, allow_none=True)


class StatisticsHeaderSchema(StrictSchema):
    by = fields.List(fields.String(), dump_only=True)
    period = fields.Nested(PeriodSchema, dump_only=True)
    scope = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        dump_only=True,
        metadata={"description": "The filters applied: yours narrowed to your scope (an empty list: nothing)."},
    )
    min_cell = fields.Integer(dump_only=True)


def employment_kinds_field(counted: str) -> fields.List[str]:
    """The answer's `employment_kinds`: whom the selection rates and time to promotion count (PNS only)."""
    return fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": f"The employment kinds {counted}: PNS (CPNS included). PPPK hold contract grades (I-XVII) "
            "and are never promoted in rank, so grouped by employment_kind alone there is one group, PNS (`untested`)."
        },
    )


def untested_field(tests: str, *, row: bool = False) -> fields.String:
    """`untested`, why the answer has no `tests`, in the answer and (`row`) on each of its groups, last, so that its
    CSV carries it on each row as it carries `suppressed` (projections.merit.fairness.counted_and_untested)."""
    where = "The answer's `untested`, on each group so that a CSV row carries it: w" if row else "W"
    return fields.String(
        dump_only=True,
        allow_none=True,
        validate=validate.OneOf((FEWER_THAN_TWO_GROUPS, NOBODY_PROMOTED, NO_ROUND)),  # (an enum in the document)
        metadata={
            "description": f"{where}hy there is no {tests}: `fewer_than_two_groups`, they compare two groups or more "
            "shown (each of at least min_cell), and fewer are (grouped by employment_kind alone there is one, PNS); "
            "`nobody_promoted`, two groups or more are shown and nobody in them was promoted (no rate to compare, and "
            "a test of no promotion says nothing); `no_round` (the selection rates), no promotion round falls in the "
            "period: no pool, no group; null when compared."
        },
    )


def on_each_group(kind: Callable[..., fields.Field[Any]], name: str, more: str = "") -> fields.Field[Any]:
    """A figure of the whole answer (`name`, as the answer holds it) on each of its groups too, so that a CSV row,
    which holds a group, carries it (as `untested`)."""
    described = f"The answer's `{name}`, on each group so that a CSV row carries it{more}."
    return kind(dump_only=True, allow_none=True, metadata={"description": described})


SELECTION_TESTS = "impact ratio against another group nor test (z, Fisher, CMH)"
TIME_TESTS = "log-rank test nor Cox model (`logrank` and `cox` null)"


class SelectionGroupSchema(StrictSchema):
    group = fields.String(dump_only=True)
    eligible = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Deprecated, named wrongly: the group's pool, as `pool` (the eligible and those promoted "
            "though not eligible); kept for the clients reading it.",
            "deprecated": True,
        },
    )
    promoted = fields.Integer(dump_only=True)
    promoted_out_of_rule = fields.Integer(dump_only=True)
    suppressed = fields.Boolean(dump_only=True)
    reference = fields.Boolean(dump_only=True)
    selection_rate = fields.Float(dump_only=True, allow_none=True)
    impact_ratio = fields.Float(dump_only=True, allow_none=True)
    impact_ratio_ci = fields.List(
        fields.Float(allow_none=True),
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "[low, high]: the impact ratio's log interval at the answer's impact_ratio_ci_level; the"
            " score interval (Miettinen-Nurminen) where one of the two groups was promoted every time"
            " (docs/fairness.md)."
        },
    )
    adverse_impact = fields.Boolean(dump_only=True, allow_none=True)
    z = fields.Float(dump_only=True, allow_none=True)
    p_z = fields.Float(dump_only=True, allow_none=True)
    p_fisher = fields.Float(dump_only=True, allow_none=True)
    p_fisher_adjusted = fields.Float(dump_only=True, allow_none=True)
    significant = fields.Boolean(dump_only=True, allow_none=True)
    shortfall = fields.Float(dump_only=True, allow_none=True)
    mh_odds_ratio = fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Mantel-Haenszel odds ratio stratified by round: null when infinite, 0.0 when the reference"
            " was promoted every time (no size then: read p_cmh)."
        },
    )
    p_cmh = fields.Float(dump_only=True, allow_none=True)
    # Last, so that a CSV's columns keep their places; the data's key is still the old name.
    pool = fields.Integer(
        dump_only=True,
        attribute="eligible",
        metadata={
            "description": "The group's pool, summed over the rounds (a person per round): the eligible and those "
            "promoted though not eligible (`promoted_out_of_rule`, counted here and in `promoted`); "
            "`selection_rate` is `promoted` of it. The eligible alone: `pool` - `promoted_out_of_rule`."
        },
    )
    untested = untested_field(SELECTION_TESTS, row=True)  # after `pool`: a CSV's other columns keep their places
    count = fields.String(  # last: a CSV's other columns keep their places
        dump_only=True,
        metadata={
            "description": "The answer's `count`, how the pool was counted (`round` or `person`), on each group so "
            "that a CSV row carries it."
        },
    )
    # the rounds and the period counted on each group too, last, so that a CSV row says them (since 2026-12-06)
    rounds = on_each_group(fields.Integer, "rounds")
    first_round = on_each_group(fields.String, "first_round")
    last_round = on_each_group(fields.String, "last_round")
    period_from = on_each_group(PlainDate, "period.from")
    period_to = on_each_group(PlainDate, "period.to")


class PastRetirementInPoolSchema(StrictSchema):
    """The records in the pools past their expected end of service with no separation recorded (HR's past-retirement
    worklist, as of today): counted, neither taken out nor judged (rule retirement.age is unconfirmed)."""

    records = fields.Integer(dump_only=True, metadata={"description": "How many such records are in the pools."})
    rounds = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Their rounds after their expected end of service counted in the pools (each one they "
            "were not promoted in counts as passed over)."
        },
    )
    promoted = fields.Integer(dump_only=True, metadata={"description": "Of those rounds, the ones promoted in."})
    rule = fields.String(dump_only=True, metadata={"description": "retirement.age"})
    rule_status = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The rule's status (M: believed, unconfirmed)."}
    )


class FairnessSchema(StatisticsHeaderSchema):
    """Selection rates of the promotion rounds per group: four-fifths rule, z, Fisher (Holm) and CMH."""

    count = fields.String(
        dump_only=True, metadata={"description": "How the pool was counted, `round` or `person` (the query's `count`)."}
    )
    correction = fields.String(dump_only=True)
    threshold = fields.Float(
        dump_only=True,
        metadata={
            "description": "The threshold of rule fairness.adverse_impact used: an impact ratio under it is adverse "
            "impact (0.8, four fifths, by the bundled rules)."
        },
    )
    four_fifths = fields.Float(
        dump_only=True,
        metadata={
            "description": "Deprecated, named when it was always four fifths: the rule's threshold used, as "
            "`threshold` (a rules file may set another); kept for the clients reading it.",
            "deprecated": True,
        },
    )
    alpha = fields.Float(
        dump_only=True,
        metadata={"description": "The significance level of the adjusted Fisher p (rule fairness.adverse_impact)."},
    )
    impact_ratio_ci_level = fields.Float(
        dump_only=True,
        metadata={
            "description": "The level of every group's impact_ratio_ci: 1 - alpha (0.95 by the bundled rules, 0.99 "
            "at an alpha of 0.01). Until 2026-12-05 the interval was a 95% one whatever alpha."
        },
    )
    rule = fields.String(dump_only=True, metadata={"description": "fairness.adverse_impact"})
    rule_from = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The first day of the rule's version read: the one in force on the last round counted "
            "(the period's last day when none); null: none in force, the bundled values (0.8, 0.05, 5)."
        },
    )
    reference = fields.String(dump_only=True, allow_none=True, metadata={"description": "The highest-rate group."})
    rounds = fields.Integer(dump_only=True)
    first_round = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The first round counted (a date); null: none."}
    )
    last_round = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The last round counted (a date); null: none."}
    )
    employment_kinds = employment_kinds_field("in the pools (a PPPK is never eligible for a regular promotion)")
    groups = fields.List(fields.Nested(SelectionGroupSchema), dump_only=True)
    past_retirement = fields.Nested(
        PastRetirementInPoolSchema,
        dump_only=True,
        metadata={
            "description": "A caveat: the records in these pools past their expected end of service with no "
            "separation recorded, and their rounds counted after that day (docs/fairness.md)."
        },
    )
    untested = untested_field(SELECTION_TESTS)


class CurvePointSchema(StrictSchema):
    years = fields.Float(dump_only=True)
    survival = fields.Float(dump_only=True, allow_none=True)
    low = fields.Float(dump_only=True, allow_none=True)
    high = fields.Float(dump_only=True, allow_none=True)


class IncidencePointSchema(StrictSchema):
    years = fields.Float(dump_only=True)
    incidence = fields.Float(dump_only=True, allow_none=True)
    low = fields.Float(dump_only=True, allow_none=True)
    high = fields.Float(dump_only=True, allow_none=True)


def incidence_at(years: int) -> fields.Float:
    return fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": f"Share of the rank spells that ended in promotion by {years} years, leaving a competing "
            "event (Aalen-Johansen); none when the group's follow-up ends before."
        },
    )


def incidence_ci(years: int) -> fields.List[float]:
    return fields.List(
        fields.Float(allow_none=True),
        dump_only=True,
        allow_none=True,
        metadata={
            "description": f"Interval of incidence_{years}y at the answer's ci_level (log-log); none where it is 0."
        },
    )


class SurvivalGroupSchema(StrictSchema):
    group = fields.String(dump_only=True)
    n = fields.Integer(dump_only=True, metadata={"description": "Rank spells."})
    promoted = fields.Integer(dump_only=True)
    censored = fields.Integer(dump_only=True, metadata={"description": "Rank spells not ended in promotion."})
    separated = fields.Integer(
        dump_only=True, metadata={"description": "Of the censored, those ended by leaving (the competing event)."}
    )
    suppressed = fields.Boolean(dump_only=True)
    median_years = fields.Float(dump_only=True, allow_none=True)
    curve = fields.List(fields.Nested(CurvePointSchema), dump_only=True, allow_none=True)
    incidence_4y = incidence_at(4)
    incidence_4y_ci = incidence_ci(4)
    incidence_8y = incidence_at(8)
    incidence_8y_ci = incidence_ci(8)
    incidence = fields.List(
        fields.Nested(IncidencePointSchema),
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Cumulative incidence of promotion (Aalen-Johansen, leaving a competing event) at each "
            "time a promotion happened, with its interval at the answer's ci_level."
        },
    )
    untested = untested_field(TIME_TESTS, row=True)
    # the answer's tests on each group too, last, so that a CSV row carries them (since 2026-12-06)
    logrank_chi2 = on_each_group(fields.Float, "logrank.chi2")
    logrank_df = on_each_group(fields.Integer, "logrank.df")
    logrank_p = on_each_group(fields.Float, "logrank.p")
    cox_reference_group = on_each_group(fields.String, "cox.reference_group", " (null: no model)")
    hazard_ratio = fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The group's Cox hazard ratio against the reference group (its term `group: ...` of "
            "`cox.terms`); null for the reference group, a group withheld or left out of the model, or no model."
        },
    )
    hazard_ratio_ci = fields.List(
        fields.Float(allow_none=True),
        dump_only=True,
        allow_none=True,
        metadata={"description": "[low, high]: the hazard ratio's interval at the answer's ci_level."},
    )
    p_cox = fields.Float(dump_only=True, allow_none=True, metadata={"description": "The hazard ratio's p (Wald)."})


class LogrankSchema(StrictSchema):
    chi2 = fields.Float(dump_only=True, allow_none=True)
    df = fields.Integer(dump_only=True)
    p = fields.Float(dump_only=True, allow_none=True)


class CoxTermSchema(StrictSchema):
    term = fields.String(dump_only=True)
    hazard_ratio = fields.Float(dump_only=True, allow_none=True)
    ci = fields.List(fields.Float(allow_none=True), dump_only=True)
    p = fields.Float(dump_only=True, allow_none=True)


class CoxLeftOutSchema(StrictSchema):
    term = fields.String(dump_only=True, metadata={"description": "The level as its term would be named."})
    n = fields.Integer(dump_only=True, metadata={"description": "Its rank spells when it was left out."})
    promoted = fields.Integer(dump_only=True, metadata={"description": "Of them, those ended in promotion."})
    reason = fields.String(dump_only=True)


class CoxSchema(StrictSchema):
    reference_group = fields.String(dump_only=True)
    covariates = fields.List(fields.String(), dump_only=True)
    n = fields.Integer(dump_only=True)
    standard_errors = fields.String(
        dump_only=True,
        metadata={
            "description": "clustered_by_employee: robust (sandwich) errors with an employee's rank spells one "
            "cluster (at most 10,000 rank spells, none entered late); model_based: each rank spell counted as "
            "independent (docs/fairness.md)."
        },
    )
    terms = fields.List(fields.Nested(CoxTermSchema), dump_only=True)
    concordance = fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Harrell's C of the fitted model; null when a rank spell entered late (`entered_late` "
            "above 0): it takes no entry times (docs/fairness.md)."
        },
    )
    left_out = fields.List(
        fields.Nested(CoxLeftOutSchema),
        dump_only=True,
        metadata={
            "description": "The levels (of the groups or of a categorical covariate) left out of the model with their "
            "rank spells, their hazard ratio not estimable: none of their rank spells promoted, fewer than the "
            "smallest cell, or separated from the other rank spells by the risk sets (each also named in "
            "`warnings`; docs/fairness.md, Levels not estimable)."
        },
    )
    warnings = fields.List(fields.String(), dump_only=True)
    error = fields.String(dump_only=True)


class TimeToPromotionSchema(StatisticsHeaderSchema):
    """Years in rank until promotion per group: Kaplan-Meier curves, the log-rank test and a Cox model (those who
    stay), and the cumulative incidence of promotion with leaving as a competing event."""

    alpha = fields.Float(
        dump_only=True,
        metadata={"description": "The significance level of rule fairness.adverse_impact, as the selection rates'."},
    )
    ci_level = fields.Float(
        dump_only=True,
        metadata={
            "description": "The level of every interval of the answer (the curves', the incidence's, the Cox hazard "
            "ratios'): 1 - alpha (0.95 by the bundled rules, 0.99 at an alpha of 0.01). Until 2026-12-05 they were "
            "95% ones whatever alpha."
        },
    )
    rule = fields.String(dump_only=True, metadata={"description": "fairness.adverse_impact"})
    rule_from = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The first day of the rule's version read: the one in force on the period's last day "
            "(today at the latest); null: none in force, the bundled values (0.05, 5)."
        },
    )
    entered_late = fields.Integer(
        dump_only=True,
        metadata={
            "description": "Rank spells begun before the period's `from` and still in the rank after it: each enters "
            "the Kaplan-Meier curve, the log-rank test and the Cox model at its years in rank on `from` (delayed "
            "entry); the cumulative incidence is of the spells begun from `from` alone. 0 without `from`."
        },
    )
    employment_kinds = employment_kinds_field("whose rank spells are counted (their spells alone)")
    groups = fields.List(fields.Nested(SurvivalGroupSchema), dump_only=True)
    logrank = fields.Nested(LogrankSchema, dump_only=True, allow_none=True)
    cox = fields.Nested(CoxSchema, dump_only=True, allow_none=True)
    untested = untested_field(TIME_TESTS)


# ---------------------------------------------------------------------- grade inflation


class GradeInflationQuerySchema(CursorPagingSchema):
    agency = filter_field("agency")
    unit = text_filter("Only these units (repeatable).")
    year = WholeNumber(
        validate=a_past_year, metadata={"description": "Only this year, from 1900 to this one.", **PAST_YEAR}
    )


class ExceededSchema(StrictSchema):
    """A predicate whose share of the unit's rated staff is above the cap the unit's own rating allows."""

    predicate = fields.String(dump_only=True)
    count = fields.Integer(dump_only=True, metadata={"description": "Staff rated at this predicate."})
    share = fields.Float(dump_only=True, metadata={"description": "Their share of the rated staff."})
    max_share = fields.Float(dump_only=True, metadata={"description": "The share the unit's rating allows."})
    allowed = fields.Integer(dump_only=True, metadata={"description": "Staff the cap allows (rounded down)."})
    excess = fields.Integer(dump_only=True, metadata={"description": "Staff at this predicate over the cap."})


class UnitYearSchema(StrictSchema):
    """A unit and year whose staff ratings spread beyond the unit's own rating (skp.distribution)."""

    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    year = fields.Integer(dump_only=True)
    unit_predicate = fields.String(dump_only=True, metadata={"description": "The unit's own rating of the year."})
    rated = fields.Integer(dump_only=True, metadata={"description": "Staff rated that year in the unit."})
    counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        dump_only=True,
        metadata={"description": "The staff's ratings: how many at each predicate."},
    )
    exceeded = fields.List(fields.Nested(ExceededSchema), dump_only=True)
    rule = fields.String(dump_only=True)
    severity = fields.String(dump_only=True)
    source = fields.String(dump_only=True, metadata={"description": "The regulation the rule comes from."})
    status = fields.String(dump_only=True, metadata={"description": "How sure the rule is (reference status)."})
    evidence = fields.List(fields.Nested(EvidenceSchema), dump_only=True, metadata={"description": "The unit rating."})


class GradeInflationPageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(UnitYearSchema), dump_only=True)


# ---------------------------------------------------------------------- awards


AwardFilterSchema = type(
    "AwardFilterSchema",
    (CursorPagingSchema,),
    {
        **value_lists("agency", "unit", "region"),
        "kind": filter_field("kind", ("award_kinds",)),
        **period_fields("award date"),
        "__doc__": "Award filters.",
    },
)


class AwardQuerySchema(AwardFilterSchema):  # type: ignore[valid-type,misc]
    verdict = fields.String(
        validate=validate.OneOf(VERDICTS),
        metadata={"description": "compliant (no finding) or findings (at least one)."},
    )


class AwardFindingSchema(RuleFindingSchema):
    """A rule `awards.*` the award breaks (docs/rules.md)."""

    evidence = fields.List(
        fields.Integer(),
        dump_only=True,
        metadata={"description": "The versions, in the employee's record, of the facts that show it."},
    )


class AuditedAwardSchema(StrictSchema):
    """An award judged by what had been recorded before it was recorded: its verdict and findings."""

    id = fields.Function(decision_id, dump_only=True, metadata={"description": "`{nip}-{version}`."})
    nip = fields.String(attribute="subject", dump_only=True)
    version = fields.Integer(dump_only=True, metadata={"description": "The award's version in the record."})
    reference = fields.String(dump_only=True, allow_none=True, metadata={"description": "The decree number."})
    award_kind = fields.String(dump_only=True)
    award_date = PlainDate(dump_only=True, metadata={"description": "The date it took effect."})
    agency = fields.String(dump_only=True, allow_none=True, metadata={"description": "Where they worked then."})
    unit = fields.String(dump_only=True, allow_none=True)
    region = fields.String(dump_only=True, allow_none=True)
    service_years = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Whole years of service on the award's date."}
    )
    last_rated_year = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "The latest SKP year known when recorded."}
    )
    verdict = fields.String(dump_only=True, metadata={"description": "compliant or findings."})
    finding_count = fields.Integer(dump_only=True)
    findings = fields.List(fields.Nested(AwardFindingSchema), dump_only=True)


class AwardPageSchema(CursorPageOfSchema):
    items = fields.List(fields.Nested(AuditedAwardSchema), dump_only=True)

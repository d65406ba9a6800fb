"""Request and response schemas of the training and mentoring reports: aggregates, never personal data."""

from __future__ import annotations

from marshmallow import fields, validate

from projections.mentoring import DEFAULT_OUTCOME_YEARS, MAX_OUTCOME_YEARS
from projections.training import DEFAULT_WINDOW_MONTHS, MAX_WINDOW_MONTHS, SPELL_FIELDS
from web.api.audit_schemas import value_lists
from web.api.fields import PAST_YEAR, FlatList, PlainDate, WholeNumber, a_past_year
from web.api.schemas import ReadQuerySchema, StrictSchema, filter_field, grouping, suppressed_flag, text_filter
from web.services import MENTORING_REPORT_FILTERS


def window_field() -> WholeNumber:
    return WholeNumber(
        load_default=DEFAULT_WINDOW_MONTHS,
        validate=validate.Range(min=1, max=MAX_WINDOW_MONTHS),
        metadata={
            "description": "Months after the start in which a promotion counts. A reporter or policy maker: "
            f"{DEFAULT_WINDOW_MONTHS} alone, the published definition (another is a 422 naming it: differenced with "
            "it, it would give a small group's figure away, docs/security.md)."
        },
    )


# ---------------------------------------------------------------------- training compliance


ComplianceFilterSchema = type(
    "ComplianceFilterSchema", (ReadQuerySchema,), {**value_lists(*SPELL_FIELDS), "__doc__": "Staff filters."}
)


# a count of those of a group promoted, withheld from a reader of aggregates (null, with its rate) when it or the rest
# of its group is between 1 and CAREERLOG_MIN_CELL - 1 (docs/security.md "A group's attribute"), or, filtered, when
# a wider answer (the same report without one of its filters, or under its people's agency or region) less it is
# ("Differencing a group's attribute across filters")
ATTRIBUTE_WITHHELD = (
    "Of them, those promoted within the window; null to a reporter or policy maker (with its rate and difference) "
    "when they or the rest of the group are 1 to CAREERLOG_MIN_CELL - 1 people (0 and all shown), or, in a filtered "
    "report, when a wider answer (the same report without one of its filters, or under the agency or region of its "
    "people), less it, would be, docs/security.md."
)


class ComplianceQuerySchema(ComplianceFilterSchema):  # type: ignore[valid-type,misc]
    year = WholeNumber(
        required=True,
        validate=a_past_year,
        metadata={"description": "The year, from 1900 to this year.", **PAST_YEAR},
    )
    by = grouping(
        SPELL_FIELDS,
        4,
        metadata={
            "description": "Fields to group the staff by, comma-separated (default agency), each once.",
            "uniqueItems": True,
        },
    )


ComplianceRowSchema = type(
    "ComplianceRowSchema",
    (StrictSchema,),
    {
        **{name: fields.String(dump_only=True, allow_none=True) for name in SPELL_FIELDS},
        "year": fields.Integer(dump_only=True),
        "as_of": PlainDate(dump_only=True, metadata={"description": "31 December, or today in the current year."}),
        "target_jp": fields.Integer(dump_only=True, allow_none=True),
        "staff": fields.Integer(
            dump_only=True,
            allow_none=True,
            metadata={
                "description": "PNS in post on as_of (a CPNS then, and PPPK, left out: the yearly JP is a PNS's)."
            },
        ),
        "met": fields.Integer(
            dump_only=True,
            allow_none=True,
            metadata={
                "description": "Staff with target_jp (null when there is no target_jp, or withheld: met_suppressed)."
            },
        ),
        "share": fields.Float(
            dump_only=True, allow_none=True, metadata={"description": "met of staff (null with met or staff)."}
        ),
        "hours": fields.Integer(dump_only=True, allow_none=True),
        "average_hours": fields.Float(dump_only=True, allow_none=True),
        "suppressed": suppressed_flag(),
        "met_suppressed": fields.Boolean(
            dump_only=True,
            metadata={
                "description": "True: met, share, hours and average_hours withheld (null) from a reporter or policy "
                "maker (hours and average_hours with met: they bound it, docs/security.md): the row suppressed, or "
                "met or the rest of the staff 1 to CAREERLOG_MIN_CELL - 1 (0 and all shown), or a complement that "
                "keeps such a met from being worked out of the rows' sums, or a table it is judged against withholds "
                "or refuses it; staff shown unless suppressed."
            },
        ),
        "__doc__": "One group of staff: the values of the `by` fields and how many had the yearly JP.",
    },
)


class ComplianceSchema(StrictSchema):
    year = fields.Integer(dump_only=True)
    by = fields.List(fields.String(), dump_only=True)
    items = fields.List(fields.Nested(ComplianceRowSchema), dump_only=True)
    groups_suppressed = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "True: no group is listed (`items` empty) because the staff counted are withheld from a "
            "reader of aggregates (fewer than the minimum, or the value a filter selects withheld or complemented in "
            "the report by its field), and which groups they are in would single them out; false with `items` empty: "
            "there are no staff (docs/security.md)."
        },
    )


# ---------------------------------------------------------------------- programmes


ProgrammeFilterSchema = type(
    "ProgrammeFilterSchema",
    (ReadQuerySchema,),
    {**value_lists("agency", "unit", "region", "kind", "programme_id"), "__doc__": "Training filters."},
)


class ProgrammesQuerySchema(ProgrammeFilterSchema):  # type: ignore[valid-type,misc]
    kind = filter_field("kind", ("training_kinds",))
    programme_id = text_filter(
        "Only these programmes (repeatable), each whatever its letter case and whitespace: diklat-pim iv is "
        "DIKLAT-PIM IV."
    )
    year = FlatList(
        WholeNumber(validate=a_past_year, metadata=PAST_YEAR),
        metadata={
            "description": "Only trainings ending in these years (repeatable), each from 1900 to this year: any "
            "other refused, a 422 naming `year` with one list of reasons (until 2026-12-05 keyed by position)."
        },
    )
    window_months = window_field()


class ProgrammeSpellingSchema(StrictSchema):
    """Another spelling of a programme's id counted in it, and its trainings counted."""

    programme_id = fields.String(dump_only=True)
    completions = fields.Integer(
        dump_only=True, allow_none=True, metadata={"description": "Trainings counted that record it so."}
    )


class ProgrammeSchema(StrictSchema):
    """A training programme: take-up, hours, feedback, cost, and participants' later promotions. A programme is its
    id whatever its letter case and whitespace (`DIKLAT-PIM IV`, `diklat-pim iv`, `DIKLAT-PIM  IV`)."""

    programme_id = fields.String(
        dump_only=True,
        metadata={
            "description": "The programme as most of its trainings counted record it (ties: the first in "
            "code-point order); the others are in other_spellings."
        },
    )
    participants = fields.Integer(dump_only=True, allow_none=True)
    completions = fields.Integer(dump_only=True, allow_none=True)
    hours = fields.Integer(dump_only=True, allow_none=True)
    first_end = PlainDate(dump_only=True, allow_none=True)
    last_end = PlainDate(dump_only=True, allow_none=True)
    costed_completions = fields.Integer(dump_only=True, allow_none=True)
    total_cost = fields.Float(dump_only=True, allow_none=True)
    costed_hours = fields.Integer(dump_only=True, allow_none=True)
    cost_per_jp = fields.Float(dump_only=True, allow_none=True)
    feedback_count = fields.Integer(dump_only=True, allow_none=True)
    mean_rating = fields.Float(dump_only=True, allow_none=True)
    mean_relevance = fields.Float(dump_only=True, allow_none=True)
    window_months = fields.Integer(dump_only=True)
    promotable = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "Participants who can be promoted in rank (not a PPPK on the day of the training, by the "
            "spell they held then: a grade, never a rank): `promoted` and `promotion_rate` are of them."
        },
    )
    promoted = fields.Integer(dump_only=True, allow_none=True, metadata={"description": ATTRIBUTE_WITHHELD})
    promotion_rate = fields.Float(dump_only=True, allow_none=True)
    comparable = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Comparable non-participants who can be promoted in rank (not a PPPK)."},
    )
    comparable_promoted = fields.Integer(dump_only=True, allow_none=True, metadata={"description": ATTRIBUTE_WITHHELD})
    comparable_promotion_rate = fields.Float(dump_only=True, allow_none=True)
    promotion_rate_difference = fields.Float(dump_only=True, allow_none=True)
    window_complete = fields.Boolean(dump_only=True)
    suppressed = suppressed_flag()
    other_spellings = fields.List(
        fields.Nested(ProgrammeSpellingSchema),
        dump_only=True,
        metadata={
            "description": "The programme's ids of the trainings counted in other letter case or spacing, most "
            "trainings first (empty when there are none); their completions are null when the row is suppressed."
        },
    )


class ProgrammesSchema(StrictSchema):
    window_months = fields.Integer(dump_only=True)
    items = fields.List(fields.Nested(ProgrammeSchema), dump_only=True)


# ---------------------------------------------------------------------- mentoring


MentoringFilterSchema = type(
    "MentoringFilterSchema",
    (ReadQuerySchema,),
    {**value_lists(*MENTORING_REPORT_FILTERS), "__doc__": "Mentoring filters (the mentee's place at the start)."},
)


class MentoringQuerySchema(MentoringFilterSchema):  # type: ignore[valid-type,misc]
    window_months = window_field()
    years = WholeNumber(
        load_default=DEFAULT_OUTCOME_YEARS,
        validate=validate.Range(min=1, max=MAX_OUTCOME_YEARS),
        metadata={
            "description": "Years after the start in which JP and SKP scores count. A reporter or policy maker: "
            f"{DEFAULT_OUTCOME_YEARS} alone, the published definition (another is a 422 naming it: differenced with "
            "it, it would give one person-year's score and JP away, docs/security.md)."
        },
    )


class RelationshipTotalsSchema(StrictSchema):
    count = fields.Integer(dump_only=True, allow_none=True)
    open = fields.Integer(dump_only=True, allow_none=True)
    mentees = fields.Integer(dump_only=True, allow_none=True)
    mentors = fields.Integer(dump_only=True, allow_none=True)
    sessions = fields.Integer(dump_only=True, allow_none=True)
    minutes = fields.Integer(dump_only=True, allow_none=True)
    suppressed = suppressed_flag()


class OutcomesSchema(StrictSchema):
    """A group's outcomes: promotions within the window, JP and SKP scores in the years after."""

    group = fields.String(
        dump_only=True,
        metadata={
            "description": "mentees, or peers (never mentored); a CSV's third row `difference`, the JSON `difference` "
            "in its columns, `suppressed` when any of its figures is withheld."
        },
    )
    count = fields.Integer(dump_only=True, allow_none=True)
    promoted = fields.Integer(dump_only=True, allow_none=True, metadata={"description": ATTRIBUTE_WITHHELD})
    promotion_rate = fields.Float(dump_only=True, allow_none=True)
    person_years = fields.Integer(dump_only=True, allow_none=True)
    jp_per_year = fields.Float(dump_only=True, allow_none=True)
    rated_years = fields.Integer(dump_only=True, allow_none=True)
    mean_rating = fields.Float(dump_only=True, allow_none=True)
    suppressed = suppressed_flag()


class DifferenceSchema(StrictSchema):
    promotion_rate = fields.Float(dump_only=True, allow_none=True)
    jp_per_year = fields.Float(dump_only=True, allow_none=True)
    mean_rating = fields.Float(dump_only=True, allow_none=True)


class MentoringReportSchema(StrictSchema):
    """Mentoring in aggregate, and mentees' outcomes against colleagues never mentored."""

    relationships = fields.Nested(RelationshipTotalsSchema, dump_only=True)
    window_months = fields.Integer(dump_only=True)
    years = fields.Integer(dump_only=True)
    items = fields.List(fields.Nested(OutcomesSchema), dump_only=True)
    difference = fields.Nested(DifferenceSchema, dump_only=True, metadata={"description": "Mentees minus peers."})
    window_complete = fields.Boolean(dump_only=True)

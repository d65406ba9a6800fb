"""The policy scorecard of an agency (docs/scorecard.md): indicators, trend, comparison and findings."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from marshmallow import INCLUDE, Schema, ValidationError, fields, post_dump, post_load, validate, validates_schema

from careerlog.access import Action, permits, reach
from careerlog.accounts import Account
from careerlog.domain.ledger import latest_today
from careerlog.reference import reference
from projections.merit.fairness import FEWER_THAN_TWO_GROUPS, NO_ROUND, NOBODY_PROMOTED
from projections.scorecard.cli import flat_rows
from projections.scorecard.merit import BELOW_MIN_CELL
from projections.scorecard.scorecard import query_problems
from projections.suppression import REFERENCE_WITHHELD
from web import kept
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, json_or_csv, wants_csv
from web.api.fields import PAST_YEAR, PlainDate, WholeNumber, a_past_year
from web.api.schemas import ReadQuerySchema, StrictSchema, filled_text, suppressed_flag
from web.services import agency_target

blp = ApiBlueprint(
    "scorecard",
    __name__,
    url_prefix="/api/v1/reports",
    description="The scorecard of career-development policy: aggregates and findings, never personal data.",
)
MAX_YEARS = 20


REQUIRED = "Missing data for required field."  # (marshmallow's, as when `agency` was required of every caller)


def the_one_agency(account: Any) -> str | None:
    """The agency whose scorecard the caller may read when there is exactly one (a scope of one agency), else None:
    the scorecard's `agency` when the query leaves it out."""
    reach = [a for a in reference().agencies.codes if permits(account, Action.READ_SCORECARD, agency_target(a))]
    return reach[0] if len(reach) == 1 else None


class ScorecardQuerySchema(ReadQuerySchema):
    # (no default: left out, `the_scopes_agency` takes the caller's one agency, or the 422 names it; until 2026-12-06
    # `load_default=None` documented it `default: null`, a null no client may send, beside its enum)
    agency = fields.String(
        metadata={
            "description": "Agency code (reference table agencies), in any letter case. Required, unless your scope "
            "reaches exactly one agency (an account of one agency): left out, it is that one (since 2026-12-05). "
            "Another agency outside your scope is refused (403) as ever; left out with a scope of several agencies, a "
            "422 naming `agency`.",
            "enum": reference().agencies.codes,
        },
    )
    year = WholeNumber(
        required=True,
        validate=a_past_year,
        metadata={
            **PAST_YEAR,
            "description": "The year reported. With `years` left out (3), a year from 1902 on: the trend reaches back "
            "no further than 1900; for 1900 or 1901 send `years` (at most `year` - 1899), else a 422 naming `year`.",
        },
    )
    years = WholeNumber(
        load_default=3,
        validate=validate.Range(min=1, max=MAX_YEARS),
        metadata={
            "description": "Years of trend, ending with `year`: reaching back no further than 1900, so at most "
            "`year` - 1899 (a 422 naming `years` when sent, `year` when left out)."
        },
    )
    unit = filled_text("Only this unit of the agency.")
    region = filled_text("Only staff in this region (reference table regions).")

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def known_and_in_range(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        """The agency, region, year and years judged as the scorecard judges them (projections.scorecard), with the
        fields the schema refused, in one answer: before, an unknown agency was named only once the year read.
        A trend reaching back before 1900 by the default `years` is named beside `year`, which the client sent."""
        problems = query_problems(
            data.get("agency"),
            data.get("region"),
            data.get("year"),
            data.get("years"),
            latest_today(),  # (ScorecardQueries.today)
            years_given="years" in original,
        )
        if data.get("agency") is None and the_one_agency(caller()) is None:  # (left out, and no one agency to take)
            problems = {"agency": [REQUIRED], **problems}
        if problems:
            raise ValidationError(problems)

    @post_load
    def the_scopes_agency(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """`agency` left out: the one agency of the caller's scope (`the_one_agency`; validated as there is one)."""
        if data.get("agency") is None:
            return {**data, "agency": the_one_agency(caller())}
        return data


class ScorecardRowsBehindSchema(StrictSchema):
    """The view and the filter that list the rows an indicator counts."""

    view = fields.String(dump_only=True)
    filter = fields.Dict(keys=fields.String(), dump_only=True)


# Why an impact ratio compares no group (its details' `untested`): as /audits/fairness says it
# (projections.merit.fairness.untested), or its reference group withheld from the reader (projections.suppression)
UNTESTED = (FEWER_THAN_TWO_GROUPS, NOBODY_PROMOTED, NO_ROUND, REFERENCE_WITHHELD)
UNTESTED_SAID = (
    "why no group was compared, the value then null and `reference`, `adverse_impact` and its tests null: "
    "`fewer_than_two_groups` (one group in the pool, or the others under `min_cell`), `nobody_promoted`, `no_round` "
    "(no promotion round in the year), as /audits/fairness says it; or, to a reader of aggregates, "
    "`reference_withheld`: the group it is compared with (the highest selection rate) is withheld, so its ratio, "
    "tests and counts are too (the ratio would give that group's rate: since 2026-12-07); null when compared"
)


class ScorecardDetailsSchema(Schema):
    """What a value was judged by: the impact ratios' and the training outcomes' fields named below (each null where
    the docs say), any other indicator's as it gives them (`additionalProperties`: units, award kinds, window...)."""

    class Meta:
        unknown = INCLUDE  # (documented `additionalProperties: true`: the other indicators' details)

    selection_rate = fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={"description": "An impact ratio's: the group's promoted over its pool; null under `min_cell`."},
    )
    reference = fields.Boolean(
        dump_only=True,
        allow_none=True,
        metadata={"description": "Whether the group is the one the others are compared with."},
    )
    adverse_impact = fields.Boolean(dump_only=True, allow_none=True)
    p_fisher = fields.Float(dump_only=True, allow_none=True)
    p_fisher_adjusted = fields.Float(dump_only=True, allow_none=True)
    significant = fields.Boolean(dump_only=True, allow_none=True)
    threshold = fields.Float(dump_only=True, allow_none=True)
    min_cell = fields.Integer(dump_only=True, allow_none=True)
    untested = fields.String(
        dump_only=True, allow_none=True, validate=validate.OneOf(UNTESTED), metadata={"description": UNTESTED_SAID}
    )
    selection_rate_withheld = fields.String(
        dump_only=True,
        allow_none=True,
        validate=validate.OneOf((BELOW_MIN_CELL,)),
        metadata={
            "description": "Why the group's `selection_rate` is null though its counts are shown: `below_min_cell`, "
            "its pool under `min_cell` (/audits/fairness withholds its rate as `suppressed`); null where given."
        },
    )
    reference_group = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The group compared with; null when none is (`untested`)."},
    )
    reference_promoted = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "The reference group's promoted; null when none is compared, and to a reader of aggregates "
            "when that group's value is withheld."
        },
    )
    reference_eligible = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The reference group's pool; null as `reference_promoted`."},
    )
    difference = fields.Float(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "A training outcome's (outcomes.promotion_trained, _untrained): the trained's promotion "
            "rate less their comparable colleagues'; null when either is unknown, and to a reader of aggregates when "
            "the other value is withheld (one rate less it gives the other)."
        },
    )

    @post_dump(pass_original=True)
    def with_the_others(self, data: dict[str, Any], original: Any, **_: Any) -> dict[str, Any]:
        """The details in their order, those of the other indicators (not declared) as given."""
        return {key: data[key] if key in self.fields else held for key, held in original.items()}


class ScorecardValueSchema(StrictSchema):
    """One measured value of an indicator: numerator / denominator for an agency, a year and a group."""

    id = fields.String(dump_only=True)
    agency = fields.String(dump_only=True)
    year = fields.Integer(dump_only=True)
    group = fields.Dict(keys=fields.String(), dump_only=True, metadata={"description": "A rank, sex, rule..."})
    numerator = fields.Float(dump_only=True, allow_none=True)
    denominator = fields.Float(dump_only=True, allow_none=True)
    value = fields.Float(dump_only=True, allow_none=True, metadata={"description": "null when nothing to count."})
    rows = fields.Nested(ScorecardRowsBehindSchema, dump_only=True)
    link = fields.String(
        dump_only=True, allow_none=True, metadata={"description": "The API path of the rows (the first of `links`)."}
    )
    links = fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": "Every API path listing the rows counted, their totals adding up to the numerator: two "
            "where the rows are in two lists (merit.recorded_after_decision and an evidence rule's "
            "merit.findings_by_rule: the rank promotions and the post appointments)."
        },
    )
    details = fields.Nested(
        ScorecardDetailsSchema,
        dump_only=True,
        metadata={
            "description": "What the value was judged by. An impact ratio's: the group's selection rate, `reference`, "
            "`adverse_impact`, its tests, `threshold`, `min_cell`, the reference group's counts and `untested`; "
            "`selection_rate_withheld`. A training outcome's `difference`. Empty ({}) beside a value withheld. The "
            "indicator's `suppressed` alone says whether the value is withheld from the reader (until 2026-12-06 "
            "`details.suppressed` carried the audit's flag)."
        },
    )
    suppressed = suppressed_flag()


class ScorecardDefinitionSchema(StrictSchema):
    id = fields.String(dump_only=True)
    area = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    definition = fields.String(dump_only=True)
    numerator = fields.String(dump_only=True)
    denominator = fields.String(dump_only=True)
    source = fields.String(dump_only=True)


class ScorecardIndicatorSchema(StrictSchema):
    """An indicator: its definition, its trend for the scope and this year's comparison across agencies."""

    definition = fields.Nested(ScorecardDefinitionSchema, dump_only=True)
    trend = fields.List(fields.Nested(ScorecardValueSchema), dump_only=True)
    comparison = fields.List(fields.Nested(ScorecardValueSchema), dump_only=True)


class ScorecardThresholdSchema(StrictSchema):
    below = fields.Float(dump_only=True, allow_none=True)
    above = fields.Float(dump_only=True, allow_none=True)
    years = fields.Integer(dump_only=True)


class ScorecardFindingSchema(StrictSchema):
    """A sentence for a policy maker, tied to the indicator (and group) it was written from."""

    indicator = fields.String(dump_only=True)
    agency = fields.String(dump_only=True)
    group = fields.Dict(keys=fields.String(), dump_only=True)
    years = fields.List(fields.Integer(), dump_only=True)
    values = fields.List(fields.Float(allow_none=True), dump_only=True)
    threshold = fields.Nested(ScorecardThresholdSchema, dump_only=True)
    text = fields.String(dump_only=True)
    texts = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        dump_only=True,
        metadata={"description": "The text by language, its numbers as the language writes them (id: 0,9; en: 0.9)."},
    )
    rows = fields.Nested(ScorecardRowsBehindSchema, dump_only=True)
    link = fields.String(dump_only=True, allow_none=True)
    links = fields.List(fields.String(), dump_only=True)
    suppressed = fields.Boolean(
        dump_only=True,
        metadata={"description": "Always false: a finding resting on a value withheld from the reader is left out."},
    )


class ScorecardSchema(StrictSchema):
    """The scorecard: every indicator by id, and the findings."""

    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True, allow_none=True)
    region = fields.String(dump_only=True, allow_none=True)
    year = fields.Integer(dump_only=True)
    years = fields.List(fields.Integer(), dump_only=True)
    as_of = PlainDate(dump_only=True)
    indicators = fields.Dict(keys=fields.String(), values=fields.Nested(ScorecardIndicatorSchema), dump_only=True)
    findings = fields.List(fields.Nested(ScorecardFindingSchema), dump_only=True)


class ScorecardRowSchema(StrictSchema):
    """A CSV row: one measured value (`scope` trend or comparison)."""

    indicator = fields.String(dump_only=True)
    scope = fields.String(dump_only=True)
    agency = fields.String(dump_only=True)
    unit = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "A trend row's: the unit of a unit's scorecard (empty for the agency's, and on a "
            "comparison row: each agency's whole staff). Since 2026-12-05."
        },
    )
    region = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "A trend row's: the region of a region's scorecard (empty otherwise, as `unit`). "
            "Since 2026-12-05."
        },
    )
    year = fields.Integer(dump_only=True)
    group = fields.String(dump_only=True)
    numerator = fields.Float(dump_only=True, allow_none=True)
    denominator = fields.Float(dump_only=True, allow_none=True)
    value = fields.Float(dump_only=True, allow_none=True)
    rows = fields.String(dump_only=True)
    suppressed = suppressed_flag()
    untested = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "An impact ratio's: why no group was compared, its value then empty "
            "(`fewer_than_two_groups`, `nobody_promoted`, `no_round`; `reference_withheld` to a reader of aggregates), "
            "as the JSON's `details.untested` says it; empty for every other value. Last, since 2026-12-05."
        },
        validate=validate.OneOf(UNTESTED),
    )


class ScorecardRowsSchema(StrictSchema):
    items = fields.List(fields.Nested(ScorecardRowSchema), dump_only=True)


rows_schema = ScorecardRowsSchema()


@blp.route("/scorecard")
class Scorecard(MethodView):
    @blp.requires(Action.READ_SCORECARD)
    @blp.read(ScorecardQuerySchema, ScorecardSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Score an agency's career-development policy for a year, with the trend, the comparison across the
        agencies in your scope and the findings (CSV: one row per measured value)."""
        options = {k: args[k] for k in ("years", "unit", "region") if k in args}
        card = kept.kept_scorecard(caller(), args["agency"], args["year"], **options)  # shared with the page
        if not wants_csv():
            return readable_links(caller(), card)
        name = f"scorecard-{card['agency']}-{card['year']}"
        return json_or_csv({"items": flat_rows(card)}, rows_schema, name=name)


# The API's paths a scorecard links to, by the action reading them (the rows behind a value or a finding)
LINKED_ACTIONS = {"/api/v1/audits/": Action.RUN_AUDITS, "/api/v1/reports/": Action.READ_REPORTS}


def may_follow(account: Account, link: str) -> bool:
    """Whether the account's role may read the API path a scorecard links to (any other path: yes)."""
    for prefix, action in LINKED_ACTIONS.items():
        if link.startswith(prefix):
            return reach(account, action) is not None
    return True


def readable_links(account: Account, found: Any) -> Any:
    """The scorecard (a copy: the kept card is shared with the page) with only the links the account may follow,
    in every value and finding: `links` those it may read, `link` the first of them or null. Until 2026-12-06 a
    reporter's card linked its merit indicators to /api/v1/audits/*, which answer a reporter 403 (the page already
    offered only the pages the account may open: web.pages.scorecard_view.page_link)."""
    if isinstance(found, list):
        return [readable_links(account, item) for item in found]
    if not isinstance(found, dict):
        return found
    copied = {key: readable_links(account, value) for key, value in found.items()}
    if isinstance(copied.get("links"), list):
        copied["links"] = [link for link in copied["links"] if may_follow(account, link)]
    if isinstance(copied.get("link"), str) and not may_follow(account, copied["link"]):
        copied["link"] = next(iter(copied.get("links") or ()), None)
    return copied

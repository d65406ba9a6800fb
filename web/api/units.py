"""Work units: their own yearly performance ratings."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from marshmallow import ValidationError, fields

from careerlog.access import Action
from careerlog.domain.errors import InvalidInput
from careerlog.reference import reference
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, changed_in, file_name, json_or_csv, services
from web.api.event_schemas import UnitHistoryEventSchema, UnitRatingSchema, UnitRecordEventSchema
from web.api.fields import NOT_BLANK, PlainDate
from web.api.schemas import (
    NO_QUERY,
    CorrectionHeadersSchema,
    FormatSchema,
    IdempotencyHeaderSchema,
    KnownCodes,
    StrictSchema,
    WrittenSchema,
)

blp = ApiBlueprint(
    "units",
    __name__,
    url_prefix="/api/v1/units",
    description=(
        "Work units' own performance ratings: record, correct or retract them (HR), and read them back (HR and"
        " inspectors, within their scope)."
    ),
)


class UnitRatingRowSchema(StrictSchema):
    """A unit's rating of a year as it stands: its corrections applied (a retracted rating is not listed)."""

    year = fields.Integer(dump_only=True, metadata={"description": "The year assessed."})
    predicate = fields.String(dump_only=True, metadata={"description": "The unit's predicate, as corrected."})
    effective_date = PlainDate(dump_only=True, metadata={"description": "The rating's date, as corrected."})
    reference = fields.String(dump_only=True, metadata={"description": "The rating's reference, as corrected."})
    version = fields.Integer(
        dump_only=True, metadata={"description": "The rating's version: the target_version of its correction."}
    )
    corrected_by = fields.List(
        fields.Integer(),
        dump_only=True,
        metadata={"description": "The versions of the corrections of the rating, oldest first (none: as recorded)."},
    )


class UnitRatingsSchema(StrictSchema):
    """A unit's ratings in force, by year."""

    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    items = fields.List(fields.Nested(UnitRatingRowSchema), dump_only=True)


class UnitHistorySchema(StrictSchema):
    """Every event recorded for a unit, oldest first: its registration, ratings, corrections, retractions."""

    agency = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    items = fields.List(fields.Nested(UnitHistoryEventSchema), dump_only=True)


# The path's agency judged as the filters' `agency` is (`agency=kota-medan`), in their words.
AGENCY_CODES = KnownCodes(("agencies",))


def known_agency(agency: str) -> None:
    """InvalidInput (a 422 naming `agency`) unless the path's agency is a code as the agencies table writes it, as
    every agency filter refuses another (docs/api.md: a code in another case, `kota-medan`, or a name): whatever the
    caller's scope, the scope judged only of a known agency (web.api.scope.rated_within). Until 2026-12-05 an
    unknown agency was the 403 of one outside a scope not national, and `kota-medan` read as KOTA-MEDAN."""
    try:
        AGENCY_CODES([agency])
    except ValidationError as refused:
        raise InvalidInput(refused.messages[0], "agency") from None


ratings_schema = UnitRatingsSchema()
history_schema = UnitHistorySchema()


# The path's agency in the OpenAPI document: a code of the agencies table as it writes it (another is refused: 422,
# whatever the scope; a known one outside your scope, 403), as the filters' agency lists them; the unit any text but
# an empty one.
PATH_PARAMETERS = [
    {
        "in": "path",
        "name": "agency",
        "required": True,
        "description": "The unit's agency: a code of the agencies reference table, as it writes it (another, or "
        "another case of one, is a 422 naming `agency`, whatever your scope).",
        "schema": {"type": "string", "enum": list(reference().agencies.codes)},
    },
    {
        "in": "path",
        "name": "unit",
        "required": True,
        "description": "The unit's name within the agency.",
        "schema": {"type": "string", **NOT_BLANK},
    },
]


@blp.route("/<agency>/<path:unit>/ratings", parameters=PATH_PARAMETERS)
class Ratings(MethodView):
    @blp.requires(Action.RATE_UNIT)
    @blp.arguments(UnitRatingSchema)
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(201, WrittenSchema)
    @blp.alt_response(200, schema=WrittenSchema, description="Already recorded: the first answer again.")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, body: dict[str, Any], headers: dict[str, Any], _: dict[str, Any], agency: str, unit: str) -> Any:
        """Record a unit's own performance rating for a year (a year already rated: correct it through
        POST /api/v1/units/{agency}/{unit}/events). HR's within its scope, judged by the agency's seat as its reads
        are."""
        known_agency(agency)
        written = services().rate_unit(caller(), agency, unit, body, headers.get("idempotency_key"))
        return written.to_dict(), 201 if written.outcome.created else 200

    @blp.requires(Action.READ_UNIT_RATINGS)
    @blp.read(FormatSchema, UnitRatingsSchema, refusal=(404, "NOT_FOUND"))
    @blp.alt_response(403, response="FORBIDDEN")
    def get(self, args: dict[str, Any], agency: str, unit: str) -> Any:
        """List a unit's ratings in force by year, each as its corrections left it (a retracted one left out).
        Read by HR and by inspectors (who audit grade inflation) within their scope, judged by the agency's seat as
        the grade-inflation audit judges it; only HR records, corrects or retracts them."""
        known_agency(agency)
        found = services().unit_ratings(caller(), agency, unit)
        return json_or_csv(found, ratings_schema, name=file_name(f"ratings-{agency}-{unit}"))


@blp.route("/<agency>/<path:unit>/events", parameters=PATH_PARAMETERS)
class Events(MethodView):
    @blp.requires(Action.READ_UNIT_RATINGS)
    @blp.read(FormatSchema, UnitHistorySchema, refusal=(404, "NOT_FOUND"))
    @blp.alt_response(403, response="FORBIDDEN")
    def get(self, args: dict[str, Any], agency: str, unit: str) -> Any:
        """List every event recorded for a unit, with recorded times: its ratings as recorded, their corrections
        and retractions. Read by HR and by inspectors (who audit grade inflation) within their scope, judged by the
        agency's seat as the grade-inflation audit judges it; only HR records, corrects or retracts them."""
        known_agency(agency)
        found = services().unit_history(caller(), agency, unit)
        return json_or_csv(found, history_schema, name=file_name(f"events-{agency}-{unit}"))

    @blp.requires(Action.RATE_UNIT)
    @blp.arguments(UnitRecordEventSchema)
    @blp.arguments(CorrectionHeadersSchema, location="headers")
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(201, WrittenSchema)
    @blp.alt_response(200, schema=WrittenSchema, description="Already recorded: the first answer again.")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(412, response="PRECONDITION_FAILED")
    def post(self, body: dict[str, Any], headers: dict[str, Any], _: dict[str, Any], agency: str, unit: str) -> Any:
        """Correct or retract a unit's rating (`target_version`: its version in GET .../ratings), as an
        employee's fact is corrected or retracted; the rating recorded stays in the unit's history. HR's within its
        scope, judged by the agency's seat as its reads are."""
        known_agency(agency)
        versions = changed_in(headers.get("if_match"))
        written = services().record_in_unit(caller(), agency, unit, body, headers.get("idempotency_key"), versions)
        return written.to_dict(), 201 if written.outcome.created else 200

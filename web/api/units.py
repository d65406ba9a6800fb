"""Work units: their own yearly performance ratings."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from careerlog.access import Action
from careerlog.reference import reference
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, services
from web.api.event_schemas import UnitRatingSchema
from web.api.fields import NOT_BLANK
from web.api.schemas import NO_QUERY, IdempotencyHeaderSchema, WrittenSchema

blp = ApiBlueprint(
    "units",
    __name__,
    url_prefix="/api/v1/units",
    description="Work units' own performance ratings.",
)


# The path's agency in the OpenAPI document: a code of the agencies table (another is refused: 422, or the 403 of an
# agency outside your scope), as the filters' agency lists them; the unit any text but an empty one.
PATH_PARAMETERS = [
    {
        "in": "path",
        "name": "agency",
        "required": True,
        "description": "The unit's agency: a code of the agencies reference table.",
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


@blp.route("/<agency>/<unit>/ratings", parameters=PATH_PARAMETERS)
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
        """Record a unit's own performance rating for a year."""
        written = services().rate_unit(caller(), agency, unit, body, headers.get("idempotency_key"))
        return written.to_dict(), 201 if written.outcome.created else 200

"""Work units: their own yearly performance ratings."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from careerlog.access import Action
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, services
from web.api.event_schemas import UnitRatingSchema
from web.api.schemas import NO_QUERY, IdempotencyHeaderSchema, WrittenSchema

blp = ApiBlueprint(
    "units",
    __name__,
    url_prefix="/api/v1/units",
    description="Work units' own performance ratings.",
)


@blp.route("/<agency>/<unit>/ratings")
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

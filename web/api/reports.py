"""Aggregate reports: counts and statistics, never personal data."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from projections.queries import ROSTER_FILTERS
from web.api.common import caller, csv_documented, json_or_csv, services
from web.api.schemas import HeadcountQuerySchema, HeadcountSchema

blp = Blueprint(
    "reports",
    __name__,
    url_prefix="/api/v1/reports",
    description="Aggregate reports within your scope; no NIP, name or birth date ever appears.",
)

headcount_schema = HeadcountSchema()


@blp.route("/headcount")
class Headcount(MethodView):
    @blp.arguments(HeadcountQuerySchema, location="query")
    @blp.response(200, HeadcountSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @csv_documented
    def get(self, args: dict[str, Any]) -> Any:
        """Count employees by any of the roster's fields (and age band)."""
        filters = {name: args[name] for name in ROSTER_FILTERS if name in args}
        counts = services().headcount(caller(), list(args["by"]), filters)
        return json_or_csv(counts, headcount_schema, name="headcount")

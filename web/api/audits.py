"""The merit audit: audited rank promotions with their findings, and the fairness statistics."""

from __future__ import annotations

import re
from typing import Any

from flask.views import MethodView

from careerlog.domain.errors import NotFound
from web.api.audit_schemas import (
    AuditPageSchema,
    AuditQuerySchema,
    AuditSchema,
    FairnessSchema,
    StatisticsQuerySchema,
    TimeToPromotionSchema,
)
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, csv_documented, json_or_csv, services
from web.api.schemas import WaitSchema

blp = ApiBlueprint(
    "audits",
    __name__,
    url_prefix="/api/v1/audits",
    description="Merit audits within your scope: every rank promotion judged by the rules, and group statistics.",
)

DECISION_ID = re.compile(r"(\d{18})-(\d{1,9})")
SCOPE_FILTERS = ("agency", "unit", "region", "kind")
STATISTICS_FILTERS = ("agency", "unit", "region")

audit_page_schema = AuditPageSchema()
fairness_schema = FairnessSchema()
time_to_promotion_schema = TimeToPromotionSchema()


def split(args: dict[str, Any], names: tuple[str, ...]) -> dict[str, list[str]]:
    """Take the column filters out of the query's arguments."""
    return {name: args.pop(name) for name in names if name in args}


def decision_key(decision: str) -> tuple[str, int]:
    """The NIP and version of a decision id `{nip}-{version}`; a malformed id is not found."""
    found = DECISION_ID.fullmatch(decision)
    if found is None:
        raise NotFound(f"No audited decision {decision}.")
    return found.group(1), int(found.group(2))


@blp.route("/promotions")
class Promotions(MethodView):
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditPageSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @csv_documented
    def get(self, args: dict[str, Any]) -> Any:
        """List the audited rank promotions within your scope (where each was decided), by TMT."""
        filters = split(args, SCOPE_FILTERS)
        page = services().audits(caller(), filters, **args)
        return json_or_csv(page.to_dict(), audit_page_schema, name="audited-promotions")


@blp.route("/promotions/<decision>")
class Promotion(MethodView):
    @blp.arguments(WaitSchema, location="query")
    @blp.response(200, AuditSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args: dict[str, Any], decision: str) -> Any:
        """Show one audited decision (id `{nip}-{version}`): findings, evidence, colleagues passed over."""
        nip, version = decision_key(decision)
        return services().audit(caller(), nip, version)


@blp.route("/fairness")
class Fairness(MethodView):
    @blp.arguments(StatisticsQuerySchema, location="query")
    @blp.response(200, FairnessSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @csv_documented
    def get(self, args: dict[str, Any]) -> Any:
        """Compare promotion selection rates across groups: four-fifths rule, z, Fisher and CMH tests."""
        filters = split(args, STATISTICS_FILTERS)
        found = services().fairness(caller(), list(args.pop("by")), filters, **args)
        return json_or_csv(found, fairness_schema, name="fairness", items="groups")


@blp.route("/time-to-promotion")
class TimeToPromotion(MethodView):
    @blp.arguments(StatisticsQuerySchema, location="query")
    @blp.response(200, TimeToPromotionSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @csv_documented
    def get(self, args: dict[str, Any]) -> Any:
        """Compare years in rank until promotion across groups: Kaplan-Meier, log-rank and Cox."""
        filters = split(args, STATISTICS_FILTERS)
        found = services().time_to_promotion(caller(), list(args.pop("by")), filters, **args)
        return json_or_csv(found, time_to_promotion_schema, name="time-to-promotion", items="groups")

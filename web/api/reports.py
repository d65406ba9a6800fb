"""Aggregate reports: counts and statistics, never personal data."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from careerlog.access import Action
from projections.queries import HEADCOUNT_FIELDS, ROSTER_FILTERS
from projections.suppression import difference_row
from projections.training import SPELL_FIELDS
from web.api.audits import split
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, json_or_csv, wants_csv
from web.api.report_schemas import (
    ComplianceQuerySchema,
    ComplianceSchema,
    MentoringQuerySchema,
    MentoringReportSchema,
    ProgrammesQuerySchema,
    ProgrammesSchema,
)
from web.api.schemas import HeadcountQuerySchema, HeadcountSchema
from web.kept import kept_compliance, kept_headcount, kept_mentoring, kept_programmes
from web.services import MENTORING_REPORT_FILTERS

blp = ApiBlueprint(
    "reports",
    __name__,
    url_prefix="/api/v1/reports",
    description=(
        "Aggregate reports within your scope; no NIP, name or birth date ever appears. A reader of aggregates (a "
        "reporter, a policy maker) gives one value per filter and at most CAREERLOG_MAX_REPORT_FILTERS filters (4 by "
        "default) in one request of these reports; more is a 422 naming each filter given, beside the limit "
        "(docs/security.md). Inspectors, HR and administrators combine any."
    ),
)

headcount_schema = HeadcountSchema()
compliance_schema = ComplianceSchema()
programmes_schema = ProgrammesSchema()
mentoring_schema = MentoringReportSchema()
PROGRAMME_FILTERS = ("agency", "unit", "region", "kind", "programme_id", "year")


@blp.route("/headcount")
class Headcount(MethodView):
    @blp.requires(Action.READ_REPORTS)
    @blp.read(HeadcountQuerySchema, HeadcountSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Count the active staff (status ACTIVE) by any of the roster's fields (and age band).

        The retired, dismissed and deceased, those whose contract ended and those on leave, suspended or preparing
        for retirement are counted only when asked for: a `status` filter counts the statuses it names, `by=status`
        every status, each apart (until 2026-12-05 every status was counted by default, read as staff)."""
        filters = {name: args[name] for name in ROSTER_FILTERS if name in args}
        counts = kept_headcount(caller(), list(args.get("by", ["agency"])), filters)
        return json_or_csv(counts, headcount_schema, name="headcount", groups=HEADCOUNT_FIELDS)


@blp.route("/training-compliance")
class TrainingCompliance(MethodView):
    @blp.requires(Action.READ_REPORTS)
    @blp.read(ComplianceQuerySchema, ComplianceSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Count the staff in post at the end of a year who had the yearly JP, per group."""
        filters = split(args, SPELL_FIELDS)
        found = kept_compliance(caller(), args["year"], list(args.get("by", ["agency"])), filters)
        name = f"training-compliance-{args['year']}"
        return json_or_csv(found, compliance_schema, name=name, groups=SPELL_FIELDS)


@blp.route("/programmes")
class Programmes(MethodView):
    @blp.requires(Action.READ_REPORTS)
    @blp.read(ProgrammesQuerySchema, ProgrammesSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Sum up each training programme: take-up, hours, feedback, cost and later promotions."""
        filters = split(args, PROGRAMME_FILTERS)
        found = kept_programmes(caller(), filters, **args)
        return json_or_csv(found, programmes_schema, name="programmes")


@blp.route("/mentoring")
class Mentoring(MethodView):
    @blp.requires(Action.READ_REPORTS)
    @blp.read(MentoringQuerySchema, MentoringReportSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Sum up mentoring, and compare mentees' outcomes with colleagues never mentored."""
        filters = split(args, MENTORING_REPORT_FILTERS)
        found = kept_mentoring(caller(), filters, **args)
        if wants_csv():  # (its rows: the groups', then the difference's, as the report page's CSV and workbook)
            found = {**found, "items": [*found["items"], difference_row(found["items"], found["difference"])]}
        return json_or_csv(found, mentoring_schema, name="mentoring")

"""Employees: appointments, the roster, one employee, their events and their timeline."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView

from careerlog.access import Action
from careerlog.domain.nip import normalise_nip
from projections.queries import ROSTER_FILTERS
from web.api.audit_schemas import EligibilitySchema
from web.api.blueprint import ApiBlueprint
from web.api.common import PAGE_HEADERS, caller, changed_in, fact_tag, json_or_csv, linked, services, unconditioned
from web.api.event_schemas import NewEmployeeSchema, RecordEventSchema, RefusedCells
from web.api.schemas import (
    NO_QUERY,
    CorrectionHeadersSchema,
    EmployeeSchema,
    FactSchema,
    FormatSchema,
    HistorySchema,
    IdempotencyHeaderSchema,
    PastRetirementPageSchema,
    PastRetirementQuerySchema,
    ReadQuerySchema,
    RosterPageSchema,
    RosterQuerySchema,
    TimelineQuerySchema,
    TimelineSchema,
    WaitSchema,
    WrittenSchema,
)
from web.api.scope import appointed_within, refuse_outside_scope

blp = ApiBlueprint(
    "employees",
    __name__,
    url_prefix="/api/v1/employees",
    description="Employees' records: appoint, list, read, record events, and the timeline.",
)

# The appointment's answer names the record it began (`GET` it).
LOCATION = {
    "Location": {"description": "The employee's record: /api/v1/employees/{nip}.", "schema": {"type": "string"}}
}
FACT_ETAG = (
    'The version the fact was last changed in, quoted ("7"): send it as If-Match with a correction or retraction of '
    "it (POST .../events), refused 412 if the fact was changed since; as If-None-Match, 304 while it is unchanged."
)
written_schema = WrittenSchema()
roster_page_schema = RosterPageSchema()
history_schema = HistorySchema()
timeline_schema = TimelineSchema()
eligibility_schema = EligibilitySchema()
past_retirement_schema = PastRetirementPageSchema()


def roster_options(args: dict[str, Any]) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Split the roster's query into column filters and the query's options."""
    filters = {name: args.pop(name) for name in ROSTER_FILTERS if name in args}
    sort = args.pop("sort")
    args["search"] = args.pop("q", None)
    return filters, {**args, "sort": sort.lstrip("-"), "descending": sort.startswith("-")}


@blp.route("")
class Employees(MethodView):
    @blp.requires(Action.LIST_EMPLOYEES)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(RosterQuerySchema, RosterPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the employees within your scope, filtered, sorted and paginated."""
        filters, options = roster_options(args)
        page = services().roster(caller(), filters, **options)
        return linked(json_or_csv(page.to_dict(), roster_page_schema, name="employees", plain=True), page.next)

    @blp.requires(Action.RECORD)
    @blp.arguments(NewEmployeeSchema)
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(201, WrittenSchema, headers=LOCATION)
    @blp.alt_response(
        200, schema=WrittenSchema, description="Already recorded: the first answer again.", headers=LOCATION
    )
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, body: dict[str, Any] | RefusedCells, headers: dict[str, Any], _: dict[str, Any]) -> Any:
        """Appoint an employee (CPNS or PPPK): the first event of a record."""
        if isinstance(body, RefusedCells):  # (its fields refused, with the checks the others still allow: 422)
            appointed_within(body.body)  # (placed outside the scope: its 403 first, whatever else is refused)
            raise body.refusal(services().judged(caller(), None, body.body))
        written = services().appoint(caller(), body, headers.get("idempotency_key"))
        location = {"Location": f"/api/v1/employees/{written.outcome.subject}"}
        return written.to_dict(), 201 if written.outcome.created else 200, location


@blp.route("/past-retirement")
class PastRetirement(MethodView):
    @blp.requires(Action.LIST_EMPLOYEES)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(PastRetirementQuerySchema, PastRetirementPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the PNS in service within your scope past their expected end of service (rule retirement.age,
        unconfirmed) with no separation recorded, by that day: records whose retirement is for HR to record."""
        filters = {name: args.pop(name) for name in ROSTER_FILTERS if name in args}
        page = services().past_retirement(caller(), filters, **args)
        return linked(json_or_csv(page.to_dict(), past_retirement_schema, name="past-retirement"), page.next)


@blp.route("/<nip>")
class Employee(MethodView):
    @blp.requires(Action.READ_RECORD)
    @blp.arguments(WaitSchema, location="query")
    @blp.response(200, EmployeeSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, args: dict[str, Any], nip: str) -> Any:
        """Show where an employee stands now: rank, post, unit, status."""
        return services().profile(caller(), nip)


# The header of a history's CSV download naming the parts withheld from the reader (the JSON's `withheld`), documented
WITHHELD_HEADERS = {
    "Withheld": {
        "description": "As CSV, of a NIP voided and appointed afresh whose history has a part outside your scope: "
        "each part withheld's note (the JSON `withheld` items' `note`), one after another; absent when nothing is "
        "withheld.",
        "schema": {"type": "string"},
    }
}


@blp.route("/<nip>/events")
class Events(MethodView):
    @blp.requires(Action.READ_RECORD)
    @blp.doc(responses={200: {"headers": WITHHELD_HEADERS}})
    @blp.read(FormatSchema, HistorySchema, refusal=(404, "NOT_FOUND"))
    def get(self, args: dict[str, Any], nip: str) -> Any:
        """List every event recorded for an employee, with recorded times and corrections. Of a NIP voided and
        appointed afresh, a part of the history outside the reader's scope is withheld, named in `withheld` (in a
        CSV download, the `Withheld` header: each part's note)."""
        found = services().history(caller(), nip)
        answer = json_or_csv(found, history_schema, name=f"events-{normalise_nip(nip)}")
        if found["withheld"] and isinstance(answer, Response):
            answer.headers["Withheld"] = " ".join(part["note"] for part in found["withheld"])
        return answer

    @blp.requires(Action.RECORD)
    @blp.arguments(RecordEventSchema)
    @blp.arguments(CorrectionHeadersSchema, location="headers")
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(201, WrittenSchema)
    @blp.alt_response(200, schema=WrittenSchema, description="Already recorded: the first answer again.")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(412, response="PRECONDITION_FAILED")
    def post(self, body: dict[str, Any] | RefusedCells, headers: dict[str, Any], _: dict[str, Any], nip: str) -> Any:
        """Record a fact, a correction or a retraction in an employee's record."""
        as_read = headers.get("if_match") is not None  # (`*` too: a correction sent so is not asked SET_BACK)
        if isinstance(body, RefusedCells):  # (its fields refused, with the checks the others still allow: 422)
            refuse_outside_scope()  # (a record outside the scope: not found, whatever the body)
            raise body.refusal(services().judged(caller(), nip, body.body, as_read))
        versions = changed_in(unconditioned(body, headers.get("if_match")))
        written = services().record(caller(), nip, body, headers.get("idempotency_key"), versions, as_read=as_read)
        return written.to_dict(), 201 if written.outcome.created else 200


@blp.route("/<nip>/events/<int(min=1):version>")  # (versions start at 1: 0 is unread_version's too)
class Fact(MethodView):
    @blp.requires(Action.READ_RECORD)
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, FactSchema, headers={"ETag": {"description": FACT_ETAG, "schema": {"type": "string"}}})
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, _: dict[str, Any], nip: str, version: int) -> Any:
        """Show one fact of an employee's record as it stands: the events that made it (it, its corrections, its
        retraction). Its ETag, the version it was last changed in, is the If-Match of a correction or retraction."""
        found = services().fact(caller(), nip, version)
        return found, 200, {"ETag": fact_tag(found["changed_in"])}


@blp.route("/<nip>/timeline")
class Timeline(MethodView):
    @blp.requires(Action.READ_RECORD)
    @blp.read(TimelineQuerySchema, TimelineSchema, refusal=(404, "NOT_FOUND"))
    def get(self, args: dict[str, Any], nip: str) -> Any:
        """Show the career as it stood on as_of, as it was known at known_at."""
        found = services().timeline(caller(), nip, as_of=args.get("as_of"), known_at=args.get("known_at"))
        return json_or_csv(found, timeline_schema, name=f"timeline-{normalise_nip(nip)}", plain=True)


@blp.route("/<nip>/eligibility")
class Eligibility(MethodView):
    @blp.requires(Action.READ_RECORD)
    @blp.read(ReadQuerySchema, EligibilitySchema, refusal=(404, "NOT_FOUND"))
    def get(self, args: dict[str, Any], nip: str) -> Any:
        """Show the promotion kinds open to an employee: the earliest date and what is met or missing."""
        found = services().eligibility(caller(), nip)
        return json_or_csv(found, eligibility_schema, name=f"eligibility-{normalise_nip(nip)}", plain=True)

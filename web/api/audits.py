"""The merit audit: audited rank promotions with their findings, and the fairness statistics."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from flask import Response, request, stream_with_context
from flask.views import MethodView

from careerlog.access import Action
from careerlog.domain.errors import NotFound
from projections.merit.passed_over import flat_pair
from web import kept as kept_answers
from web.api.audit_schemas import (
    AppointmentAuditQuerySchema,
    AuditPageSchema,
    AuditQuerySchema,
    AuditSchema,
    AwardPageSchema,
    AwardQuerySchema,
    DecisionSchema,
    FairnessQuerySchema,
    FairnessSchema,
    GradeInflationPageSchema,
    GradeInflationQuerySchema,
    PassedOverListSchema,
    PassedOverQuerySchema,
    PostAuditQuerySchema,
    StatisticsQuerySchema,
    TimeToPromotionSchema,
    flat_decision,
)
from web.api.blueprint import ApiBlueprint
from web.api.common import (
    CSV,
    PAGE_HEADERS,
    caller,
    cell,
    file_name,
    json_or_csv,
    linked,
    services,
    wants_csv,
)
from web.api.schemas import WaitSchema
from web.api.study_leave_schemas import StudyLeavePageSchema, StudyLeaveQuerySchema
from web.services import NO_AUDITED_DECISION

blp = ApiBlueprint(
    "audits",
    __name__,
    url_prefix="/api/v1/audits",
    description=(
        "Merit audits within your scope: every rank promotion, post appointment, CPNS appointment, award and start "
        "of study leave "
        "judged by the rules, units whose ratings look inflated, and group statistics."
    ),
)

F = TypeVar("F", bound=Callable[..., Any])
# digits 0-9 (\d is any script's in a str pattern), the version with no leading zero, as every `<int:...>` path part
DECISION_ID = re.compile(r"([0-9]{18})-(0|[1-9][0-9]{0,8})")
SCOPE_FILTERS = ("agency", "unit", "region", "kind")
# the audited decisions' lists: their place and kind, and whose decisions (`nip`: one employee's, or several's)
DECISION_FILTERS = (*SCOPE_FILTERS, "nip")
POST_FILTERS = (*DECISION_FILTERS, "level")
APPOINTMENT_FILTERS = DECISION_FILTERS  # `kind`: the entry education
STATISTICS_FILTERS = ("agency", "unit", "region")
AWARD_FILTERS = ("agency", "unit", "region", "kind")
STUDY_LEAVE_FILTERS = ("agency", "unit", "region", "employment_kind")

audit_page_schema = AuditPageSchema()
award_page_schema = AwardPageSchema()
study_leave_page_schema = StudyLeavePageSchema()
fairness_schema = FairnessSchema()
grade_inflation_schema = GradeInflationPageSchema()
time_to_promotion_schema = TimeToPromotionSchema()
passed_over_list_schema = PassedOverListSchema()


def split(args: dict[str, Any], names: tuple[str, ...]) -> dict[str, list[str]]:
    """Take the column filters out of the query's arguments."""
    return {name: args.pop(name) for name in names if name in args}


def decision_key(decision: str) -> tuple[str, int]:
    """The NIP and version of a decision id `{nip}-{version}`; a malformed id is not found."""
    found = DECISION_ID.fullmatch(decision)
    if found is None:
        raise NotFound(NO_AUDITED_DECISION.reason(decision=decision))  # (the same words: quoted cut)
    return found.group(1), int(found.group(2))


def compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        for decorator in reversed(decorators):
            view = decorator(view)
        return view

    return decorate


# An audited decision's page: found by its id `{nip}-{version}`, or 404.
showing = compose(
    blp.requires(Action.RUN_AUDITS),
    blp.arguments(WaitSchema, location="query"),
    blp.response(200, AuditSchema),
    blp.alt_response(404, response="NOT_FOUND"),
)


# A list's arguments that page it: a CSV asked with none of them holds every row the filters select (`streamed`)
PAGING = ("page", "per_page", "after")
WHOLE_CSV = "a CSV asked without `page`, `per_page` and `after` (the whole list)"

# The audited decisions' lists' headers (OpenAPI): a page's (PAGE_HEADERS), ETag and Link conditional, as a whole-list
# CSV (`streamed`) carries its total alone
DECISION_LIST_HEADERS = {
    "X-Total-Count": {
        "description": f"As CSV: how many match (the JSON `total`). On {WHOLE_CSV}: how many decisions were listed "
        "when it began, by the statement its rows are then read from, each of them once: the rows it holds, but for a "
        "decision retracted or moved out of the filters or your scope during the download. Fewer rows: one left out "
        "so, or the download cut off (over HTTP/1.1 its chunked body then ends without its last, empty chunk, the "
        "connection closed: docs/api.md); either way the list is to be asked again.",
        "schema": {"type": "integer"},
    },
    "Link": {
        **PAGE_HEADERS["Link"],
        "description": f"{PAGE_HEADERS['Link']['description']} None on {WHOLE_CSV}.",
    },
    "ETag": {
        "description": f"The answer's entity tag, for If-None-Match (a 304 when unchanged). None on {WHOLE_CSV}: it is "
        "streamed as it is read, never answered 304.",
        "schema": {"type": "string"},
    },
}
DECISION_LIST_DOC = {
    200: {
        "headers": DECISION_LIST_HEADERS,
        "description": "A page of the list (JSON, or CSV asked with `page`, `per_page` or `after`: the page asked, a "
        "`Link` to the next), or, as CSV asked without any of them, the whole list: every row its filters select, "
        "streamed, its total in X-Total-Count, with no ETag and no Link.",
    }
}


def decisions(args: dict[str, Any], names: tuple[str, ...], decision: str) -> Any:
    if wants_csv() and not any(name in request.args for name in PAGING):
        return streamed(args, names, decision)
    page = services().audits(caller(), split(args, names), decision=decision, **args)
    return linked(
        json_or_csv(page.to_dict(), audit_page_schema, name=f"audited-{decision}s", flat=flat_decision), page.next
    )


def streamed(args: dict[str, Any], names: tuple[str, ...], decision: str) -> Response:
    """An audited list as CSV, every row its filters select (not the first page's 50: until 2026-12-07 a CSV asked
    without `page`, `per_page` or `after` held 50 rows and a Link to the next), written as the rows are read
    (Services.each_audited: the filters judged first, each batch's reads logged before it is written), headed by
    the columns of a page's CSV (DecisionSchema, flat_decision), its total in `X-Total-Count`."""
    options = {k: v for k, v in args.items() if k not in ("page", "per_page", "after")}
    total, batches = services().each_audited(caller(), split(options, names), decision=decision, **options)
    columns = list(flat_decision({}))
    schema = DecisionSchema()

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for rows in batches:
            writer.writerows(
                [cell(row.get(c)) for c in columns] for row in map(flat_decision, schema.dump(rows, many=True))
            )
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()  # (the header alone, of no rows)

    response = Response(stream_with_context(lines()), mimetype=CSV)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(f"audited-{decision}s")}.csv"'
    response.headers["X-Total-Count"] = str(total)
    return response


def kept(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """A group statistic of the query, `rates` (fairness) or `times` (time to promotion), computed once per views'
    position, query, scope and judging day in this worker and shared with the fairness page (web.kept:
    seconds of CPU each at a few thousand employees). Its ETag, a digest of the body, changes when it does."""
    filters = split(args, STATISTICS_FILTERS)
    options = {"start": args.get("start"), "end": args.get("end"), "min_cell": args["min_cell"]}
    if kind == "rates":  # (time to promotion follows rank spells: no count)
        options["count"] = args["count"]
    _key, found = kept_answers.kept_statistic(kind, caller(), args["by"], filters, **options)
    return found


def shown(decision_id: str, decision: str) -> Any:
    nip, version = decision_key(decision_id)
    return services().audit(caller(), nip, version, decision)


@blp.route("/promotions")
class Promotions(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses=DECISION_LIST_DOC)
    @blp.read(AuditQuerySchema, AuditPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the audited rank promotions within your scope (where each was decided), by TMT."""
        return decisions(args, DECISION_FILTERS, "promotion")


@blp.route("/promotions/<decision>")
class Promotion(MethodView):
    @showing
    def get(self, args: dict[str, Any], decision: str) -> Any:
        """Show one audited rank promotion (id `{nip}-{version}`): findings, evidence, colleagues passed over."""
        return shown(decision, "promotion")


@blp.route("/posts")
class Posts(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses=DECISION_LIST_DOC)
    @blp.read(PostAuditQuerySchema, AuditPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the audited definitive post appointments within your scope (where each was decided), by TMT."""
        return decisions(args, POST_FILTERS, "post")


@blp.route("/posts/<decision>")
class Post(MethodView):
    @showing
    def get(self, args: dict[str, Any], decision: str) -> Any:
        """Show one audited post appointment (id `{nip}-{version}`): findings, evidence, colleagues passed over."""
        return shown(decision, "post")


@blp.route("/passed-over")
class PassedOver(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.read(PassedOverQuerySchema, PassedOverListSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the decisions within your scope (where each was made) that passed over an eligible, clearly
        stronger colleague of their unit and rank, by TMT, of every kind compared: the regular (101) promotions
        and the functional-post (202) promotions and managerial post appointments, which the lists of promotions
        and posts do not compare (their own pages do): as `careerlog audit passed-over`. CPU-heavy: seconds at a
        few thousand employees the first time, so narrow it by agency and TMT; kept per worker until the next event
        is applied (readers of one scope share it)."""
        found = kept_answers.kept_passed_over(caller(), split(args, STATISTICS_FILTERS), **args)
        return json_or_csv(found, passed_over_list_schema, name="passed-over", items="passed_over", flat=flat_pair)


@blp.route("/appointments")
class Appointments(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses=DECISION_LIST_DOC)
    @blp.read(AppointmentAuditQuerySchema, AuditPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the audited CPNS appointments within your scope (where each was made), by TMT: the rank given
        against the starting rank of the entry education (appointment.starting_rank)."""
        return decisions(args, APPOINTMENT_FILTERS, "appointment")


@blp.route("/appointments/<decision>")
class Appointment(MethodView):
    @showing
    def get(self, args: dict[str, Any], decision: str) -> Any:
        """Show one audited CPNS appointment (id `{nip}-{version}`): its findings and their evidence."""
        return shown(decision, "appointment")


@blp.route("/grade-inflation")
class GradeInflation(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(GradeInflationQuerySchema, GradeInflationPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the unit-years whose staff ratings spread beyond what the unit's own rating allows, by year, agency
        and unit."""
        page = services().grade_inflation(caller(), split(args, ("agency", "unit")), **args)
        return linked(json_or_csv(page.to_dict(), grade_inflation_schema, name="grade-inflation"), page.next)


@blp.route("/awards")
class Awards(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(AwardQuerySchema, AwardPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the awards within your scope (where the recipient worked), by date, with the awards audit's findings."""
        page = services().awards(caller(), split(args, AWARD_FILTERS), **args)
        return linked(json_or_csv(page.to_dict(), award_page_schema, name="audited-awards"), page.next)


@blp.route("/study-leaves")
class StudyLeaves(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.doc(responses={200: {"headers": PAGE_HEADERS}})
    @blp.read(StudyLeaveQuerySchema, StudyLeavePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """List the starts of study leave (tugas belajar) within your scope (where the employee worked), by date,
        judged by the study_leave.* rules and evidence.recorded_after: a year as PNS, no medium or severe penalty in
        force."""
        page = services().study_leaves(caller(), split(args, STUDY_LEAVE_FILTERS), **args)
        return linked(json_or_csv(page.to_dict(), study_leave_page_schema, name="audited-study-leaves"), page.next)


@blp.route("/fairness")
class Fairness(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.read(FairnessQuerySchema, FairnessSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Compare promotion selection rates across groups: four-fifths rule, z, Fisher and CMH tests; the pool
        counted by round (`count=round`, the default: a person once per round) or by person (`count=person`)."""
        return json_or_csv(kept("rates", args), fairness_schema, name="fairness", items="groups")


@blp.route("/time-to-promotion")
class TimeToPromotion(MethodView):
    @blp.requires(Action.RUN_AUDITS)
    @blp.read(StatisticsQuerySchema, TimeToPromotionSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Compare years in rank until promotion across groups: Kaplan-Meier, log-rank and Cox."""
        return json_or_csv(kept("times", args), time_to_promotion_schema, name="time-to-promotion", items="groups")

"""Bulk imports: the same files and per-row report as `careerlog import`, answered once imported (200), as in v1 from
the start. A client that asks by RFC 7240's `Prefer: respond-async` has a file of more rows than
CAREERLOG_IMPORT_JOB_ROWS imported in the background, as the import page's is (a job: careerlog.import_jobs, run by
web.import_jobs): the upload is answered 202 with the job's URL, `Preference-Applied: respond-async` and `Retry-After`,
and the URL's GET gives its counts so far, then its report; a job is its uploader's alone (404 to any other account,
as for one that does not exist). Without it every file is imported while the request waits (between 2026-12-07's
first builds and this, a large file was a 202 unasked: a v1 client reading the 200's report broke on it)."""

from __future__ import annotations

import io
from typing import Any

from flask import Response, jsonify, request
from flask.views import MethodView
from flask_babel import force_locale, gettext

from careerlog.access import Action
from careerlog.application import UNKNOWN_KIND
from careerlog.domain.errors import InvalidInput, NotFound, quoted
from careerlog.domain.wording import Refusal
from careerlog.import_jobs import DONE, Job
from careerlog.importing import detect_format, refuse_no_rows
from careerlog.workbook_template import TEMPLATE_KINDS, XLSX_TYPE, template_name, template_workbook
from web.api.blueprint import ApiBlueprint
from web.api.common import answers_in, caller, csv_documented, json_or_csv, services, wants_csv
from web.api.schemas import NO_QUERY, ImportFileSchema, ImportJobSchema, ImportQuerySchema, ImportReportSchema
from web.import_jobs import job_rows, made_job, may_be_a_job, report_of

blp = ApiBlueprint(
    "imports",
    __name__,
    url_prefix="/api/v1/imports",
    description="Import JSON Lines or CSV (docs/import-format.md); every rejected row is reported.",
)

report_schema = ImportReportSchema()
job_schema = ImportJobSchema()
JOB_HEADERS = {
    "Location": {"description": "The job: /api/v1/imports/{job_id}.", "schema": {"type": "string"}},
    "Preference-Applied": {"description": "respond-async (RFC 7240).", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait before asking the job's URL.", "schema": {"type": "integer"}},
}
RESPOND_ASYNC = "respond-async"
RETRY_AFTER = 5  # seconds a client is asked to wait before each look at its job (its counts are written each second)
PREFER = {
    "in": "header",
    "name": "Prefer",
    "required": False,
    "description": "`respond-async` (RFC 7240): a file of more rows than the server imports while the request waits "
    "(CAREERLOG_IMPORT_JOB_ROWS, 1,000 unless the server sets it) is imported in the background, answered 202 with "
    "the job's URL. Without it every file is imported while the request waits, answered 200 with its report.",
    "schema": {"type": "string"},
}
NO_SUCH_JOB = Refusal("No import job {job} of yours.")


@blp.route("", parameters=[PREFER])
class Imports(MethodView):
    @blp.requires(Action.IMPORT)
    @blp.arguments(ImportQuerySchema, location="query")
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(
        202,
        schema=ImportJobSchema,
        description="Asked by `Prefer: respond-async`, a file of more rows than CAREERLOG_IMPORT_JOB_ROWS (1,000 "
        "unless the server sets it), its header read: imported in the background, a job; its state and, once done, "
        "its report at the URL in Location.",
        headers=JOB_HEADERS,
    )
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @csv_documented
    def post(self, args: dict[str, Any], files: dict[str, Any]) -> Any:
        """Import a file of events; rows outside your scope are rejected one by one. Asked with `Prefer:
        respond-async`, a file of more rows than the server imports while the request waits is a job: 202, its URL in
        Location."""
        upload = files["file"]
        name = upload.filename or ""
        fmt, kind, dry_run = args.get("file_format"), args.get("kind"), args["dry_run"]
        data = upload.stream.read()
        ahead = None
        # (a job's thread reads the file by its name's format: a format given otherwise, and a report asked as
        # CSV, are imported while the request waits, as before)
        if asks_async() and job_readable(name, fmt) and not wants_csv() and may_be_a_job(data, name):
            ahead = services().rows_read(caller(), data, name=name, fmt=fmt, kind=kind, most=job_rows())
            if ahead.rows is None and not ahead.header:
                from web.languages import api_language  # (it reads the pages' wording: web.pages imports this module)

                job = made_job(
                    caller(), data, name=name, kind=kind, dry_run=dry_run, rows=ahead.count, language=api_language()
                )
                answer = jsonify(job_schema.dump(job_shown(job)))
                answer.status_code = 202
                answer.headers["Location"] = f"/api/v1/imports/{job.id}"
                answer.headers["Preference-Applied"] = RESPOND_ASYNC
                answer.headers["Retry-After"] = str(RETRY_AFTER)
                return answer
        report = services().import_file(
            caller(), io.BytesIO(data), name=name, fmt=fmt, kind=kind, dry_run=dry_run, ahead=ahead
        )
        refuse_no_rows(report["rows"], upload.filename or "file")
        return json_or_csv(report, report_schema, name="import-report", items="rejected")


def asks_async() -> bool:
    """Whether the request's Prefer headers (RFC 7240: preferences apart by commas, each its token before any `=` or
    `;`, in any letter case) ask `respond-async`."""
    for header in request.headers.getlist("Prefer"):
        for preference in header.split(","):
            if preference.split(";")[0].split("=")[0].strip().lower() == RESPOND_ASYNC:
                return True
    return False


def job_readable(name: str, fmt: str | None) -> bool:
    """Whether a job's thread reads the file `name` in the format `fmt` given (by its name's, as the page's)."""
    try:
        return fmt is None or detect_format(name) == fmt
    except InvalidInput:
        return False


def job_shown(job: Job) -> dict[str, Any]:
    """A job as ImportJobSchema dumps it: its report once done, why it stopped once failed."""
    report = services().jobs.report(job.id) if job.state == DONE else None
    return {
        **vars(job),
        "report": report_of(report) if report else None,
        "errors": report_of(job.failure.encode("utf-8")) if job.failure else None,
    }


@blp.route(
    "/<job_id>",
    parameters=[
        {"in": "path", "name": "job_id", "required": True, "description": "The job's id, as its URL gives it."}
    ],
)
class ImportJob(MethodView):
    @blp.requires(Action.IMPORT)
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, ImportJobSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, _: dict[str, Any], job_id: str) -> Any:
        """An import made a job (POST /api/v1/imports answered 202): its state and counts so far, then its report,
        or why it stopped; your own imports alone (another's is 404, as one that does not exist)."""
        job = services().jobs.get(job_id)
        if job is None or job.username != caller().username:
            raise NotFound(NO_SUCH_JOB.reason(job=quoted(job_id)))
        return job_shown(job)


BINARY = {"type": "string", "format": "binary"}
TEMPLATE_DESCRIPTION = (
    "The kind's template workbook (.xlsx; docs/import-format.md): its columns in the first row, a NIP column formatted "
    "as Text, dates as dates, drop-downs of codes, a guide sheet Petunjuk the import does not read."
)


# what the template answers in, as a refusal of `format` names it in the client's language (web.api.common.negotiate)
AS_WORKBOOK = Refusal("an Excel workbook (.xlsx)")


@blp.route(
    "/templates/<kind>.xlsx",
    parameters=[
        {
            "in": "path",
            "name": "kind",
            "required": True,
            "description": "The kind of event the workbook is for, in any letter case as the import's `kind` "
            "(`Training` is training; another is 404 naming the kinds).",
            "schema": {"type": "string", "enum": list(TEMPLATE_KINDS)},
        }
    ],
)
class ImportTemplate(MethodView):
    @blp.requires(Action.IMPORT)
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, BINARY, description=TEMPLATE_DESCRIPTION, content_type=XLSX_TYPE)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @answers_in(XLSX_TYPE, AS_WORKBOOK.reason())
    def get(self, _: dict[str, Any], kind: str) -> Any:
        """An Excel workbook to fill in by hand and import as it is, for one kind of event (its code in any letter
        case, as the import's `kind`)."""
        known = kind.lower()  # (`Training` is training, as the import reads it: web.api.schemas.ImportKind)
        if known not in TEMPLATE_KINDS:
            raise NotFound(UNKNOWN_KIND.reason(kind=quoted(kind), known=", ".join(TEMPLATE_KINDS)))
        return template_answer(known)


def in_indonesian(text: str) -> str:
    """A text of careerlog's catalogue in Indonesian, whatever the caller's language (a template's guide)."""
    with force_locale("id"):
        return gettext(text)


def template_answer(kind: str) -> Response:
    """A kind's template workbook (careerlog.workbook_template), its guide's descriptions in English and Indonesian,
    as the API and the import page send it."""
    return Response(
        template_workbook(kind, in_indonesian),
        mimetype=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{template_name(kind)}"'},
    )

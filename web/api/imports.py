"""Bulk imports: the same files and per-row report as `careerlog import`."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_babel import force_locale, gettext

from careerlog.access import Action
from careerlog.application import UNKNOWN_KIND
from careerlog.domain.errors import NotFound, quoted
from careerlog.importing import refuse_no_rows
from careerlog.workbook_template import TEMPLATE_KINDS, XLSX_TYPE, template_name, template_workbook
from web.api.blueprint import ApiBlueprint
from web.api.common import answers_in, caller, csv_documented, json_or_csv, services
from web.api.schemas import NO_QUERY, ImportFileSchema, ImportQuerySchema, ImportReportSchema

blp = ApiBlueprint(
    "imports",
    __name__,
    url_prefix="/api/v1/imports",
    description="Import JSON Lines or CSV (docs/import-format.md); every rejected row is reported.",
)

report_schema = ImportReportSchema()


@blp.route("")
class Imports(MethodView):
    @blp.requires(Action.IMPORT)
    @blp.arguments(ImportQuerySchema, location="query")
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @csv_documented
    def post(self, args: dict[str, Any], files: dict[str, Any]) -> Any:
        """Import a file of events; rows outside your scope are rejected one by one."""
        upload = files["file"]
        report = services().import_file(
            caller(),
            upload.stream,
            name=upload.filename or "",
            fmt=args.get("file_format"),
            kind=args.get("kind"),
            dry_run=args["dry_run"],
        )
        refuse_no_rows(report["rows"], upload.filename or "file")
        return json_or_csv(report, report_schema, name="import-report", items="rejected")


BINARY = {"type": "string", "format": "binary"}
TEMPLATE_DESCRIPTION = (
    "The kind's template workbook (.xlsx; docs/import-format.md): its columns in the first row, a NIP column formatted "
    "as Text, dates as dates, drop-downs of codes, a guide sheet Petunjuk the import does not read."
)


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
    @answers_in(XLSX_TYPE, "an Excel workbook (.xlsx)")
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

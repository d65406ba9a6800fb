"""Bulk imports: the same files and per-row report as `careerlog import`."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from careerlog.access import Action
from careerlog.importing import refuse_no_rows
from web.api.blueprint import ApiBlueprint
from web.api.common import caller, csv_documented, json_or_csv, services
from web.api.schemas import ImportFileSchema, ImportQuerySchema, ImportReportSchema

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

"""The reference tables and event kinds: the codes the API's filters and bodies take, as `careerlog reference` and
`careerlog kinds` list them. Public reference data, no personal data: read by any role with a valid token."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask.views import MethodView
from marshmallow import fields

from careerlog.domain.errors import quoted
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import filled_fields
from careerlog.domain.wording import Refusal
from careerlog.reference import Code, Table, reference
from web.api.blueprint import ApiBlueprint
from web.api.schemas import NO_QUERY, StrictSchema
from web.errors import REFERENCE_PATH, table_path

blp = ApiBlueprint(
    "reference",
    __name__,
    url_prefix="/api/v1",
    description=(
        "The reference tables (agencies and their region seats, regions, ranks and PPPK grades, post kinds and levels,"
        " training kinds, education levels, penalty kinds, ...) and the event kinds with their fields: the codes the"
        " other operations' filters and bodies take. Read by any role: they hold no personal data."
    ),
)


class ReferenceCodeSchema(StrictSchema):
    """One code of a reference table, in the table's order (ranks from I/a up, PPPK grades from I up)."""

    code = fields.String(dump_only=True, metadata={"description": "The code, as the API's filters take it."})
    name = fields.String(dump_only=True, metadata={"description": "Its name (a rank's pangkat)."})
    aliases = fields.List(
        fields.String(),
        dump_only=True,
        metadata={"description": "Other spellings a recording or an import reads as the code (filters take the code)."},
    )
    attributes = fields.Dict(
        keys=fields.String(),
        dump_only=True,
        metadata={
            "description": "The table's other columns as the reference file writes them: an agency's `region` (the "
            "region of its seat, a code of the regions table) and `kind`; a region's `level` and `parent`; a post "
            "kind's `eselon` or functional `levels`; a penalty kind's `level`; a SIASN code, `siasn`; ..."
        },
    )


class ReferenceTableSchema(StrictSchema):
    """A reference table: its codes in order, and the regulation or list it is taken from."""

    table = fields.String(dump_only=True, metadata={"description": "The table's name."})
    source = fields.String(dump_only=True, metadata={"description": "Its source (empty when none is named)."})
    items = fields.List(fields.Nested(ReferenceCodeSchema), dump_only=True)


class ReferenceTableEntrySchema(StrictSchema):
    table = fields.String(dump_only=True, metadata={"description": "The table's name."})
    codes = fields.Integer(dump_only=True, metadata={"description": "How many codes it holds."})
    source = fields.String(dump_only=True, metadata={"description": "Its source (empty when none is named)."})
    path = fields.String(dump_only=True, metadata={"description": "Where its codes are read (GET)."})


class ReferenceTablesSchema(StrictSchema):
    """The reference tables, as `careerlog reference` lists them."""

    items = fields.List(fields.Nested(ReferenceTableEntrySchema), dump_only=True)


class EventFieldSchema(StrictSchema):
    name = fields.String(dump_only=True)
    type = fields.String(dump_only=True, metadata={"description": "date, integer, string, decimal or object."})
    required = fields.Boolean(dump_only=True)
    table = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The reference table whose codes the field takes (GET /api/v1/reference/{table})."},
    )
    description = fields.String(dump_only=True)


class EventKindSchema(StrictSchema):
    kind = fields.String(dump_only=True, metadata={"description": "The event kind, as a recording's `kind`."})
    description = fields.String(dump_only=True)
    fields_ = fields.List(fields.Nested(EventFieldSchema), dump_only=True, data_key="fields")


class EventKindsSchema(StrictSchema):
    """The event kinds that can be recorded, with their fields, as `careerlog kinds` lists them."""

    items = fields.List(fields.Nested(EventKindSchema), dump_only=True)


def code_row(code: Code) -> dict[str, Any]:
    attributes = {k: v for k, v in code.attrs.items() if k != "aliases"}
    return {"code": code.code, "name": code.name, "aliases": list(code.get("aliases", ())), "attributes": attributes}


def table_entry(name: str, table: Table) -> dict[str, Any]:
    return {"table": name, "codes": len(table), "source": table.source, "path": table_path(name)}


TABLE_PARAMETER = {
    "in": "path",
    "name": "table",
    "required": True,
    "description": "The reference table (GET /api/v1/reference lists them); another is a 404.",
    "schema": {"type": "string", "enum": reference().names},
}


@blp.route("/reference")
class Tables(MethodView):
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, ReferenceTablesSchema)
    def get(self, _: dict[str, Any]) -> Any:
        """List the reference tables: each one's name, count of codes, source, and the path of its codes."""
        ref = reference()
        return {"items": [table_entry(name, ref.table(name)) for name in ref.names]}


# (a Refusal, so the API says it in the client's language, web.languages; until 2026-12-08 English whatever was asked)
NO_TABLE = Refusal("No reference table {table}; GET {path} lists them.")


@blp.route("/reference/<table>", parameters=[TABLE_PARAMETER])
class Codes(MethodView):
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, ReferenceTableSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, _: dict[str, Any], table: str) -> Any:
        """List the codes of a reference table, in its order, with their names, other spellings and attributes
        (an agency's region seat, ...), as `careerlog reference TABLE` lists them."""
        ref = reference()
        if table not in ref.names:
            abort(404, NO_TABLE.reason(table=quoted(table), path=REFERENCE_PATH))
        found = ref.table(table)
        return {"table": table, "source": found.source, "items": [code_row(code) for code in found]}


@blp.route("/kinds")
class Kinds(MethodView):
    @blp.arguments(NO_QUERY, location="query")
    @blp.response(200, EventKindsSchema)
    def get(self, _: dict[str, Any]) -> Any:
        """List the event kinds that can be recorded, with their fields and the reference table of each coded
        field, as `careerlog kinds` lists them."""
        return {"items": EVENT_KINDS}


EVENT_KINDS = [
    {
        "kind": kind,
        "description": (cls.__doc__ or "").strip(),
        "fields_": [
            {
                "name": spec.name,
                "type": spec.type_name,
                "required": spec.required,
                "table": spec.table,
                "description": spec.doc,
            }
            for spec in filled_fields(cls)
        ],
    }
    for kind, cls in BY_KIND.items()
    if cls.RECORDABLE
]

"""CSV downloads of what a page shows: UTF-8 with a byte-order mark so that spreadsheets read it right."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flask import Response

from web.api.common import cell as api_cell


def cell(value: Any) -> str:
    """A value as its cell: a list's items joined by spaces, the rest as the API's CSV writes them (a text a
    spreadsheet would run as a formula, starting = + - @, behind an apostrophe: web.api.common.cell)."""
    if isinstance(value, list | tuple):
        value = " ".join(v if isinstance(v, str) else cell(v) for v in value)
    return api_cell(value)


def columns_of(rows: Sequence[Mapping[str, Any]], *, leave_out: Iterable[str] = ()) -> list[str]:
    """The keys of the rows in their order, without the nested ones left out (e.g. curves)."""
    skipped = set(leave_out)
    return [k for k in rows[0] if k not in skipped] if rows else []


def csv_download(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], name: str, *, delimiter: str = ","
) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )

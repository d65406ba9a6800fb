"""Downloads of what a page shows: CSV (UTF-8 with a byte-order mark so that spreadsheets read it right), for
machines, and an Excel workbook with typed cells, for people who work in Excel."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Response, stream_with_context
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell

from careerlog.spreadsheet import FORMULA_STARTS
from careerlog.visible import visible_controls  # (the control characters a workbook cannot hold: careerlog.visible)
from web.api.common import cell as api_cell
from web.pages import sheet_datetime
from web.pages.columns import SHARES


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


def csv_stream(batches: Iterable[Iterable[Mapping[str, Any]]], columns: Sequence[str], name: str) -> Response:
    """`csv_download` of rows read a batch at a time (a list's every row: the audited decisions'), written as they
    come, never held whole: each batch's lines once it is read."""

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        out.write("\ufeff")
        writer.writerow(columns)
        for rows in batches:
            writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        yield out.getvalue()  # (the header alone, of no rows)

    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def download(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], name: str, *, labels: Mapping[str, str]
) -> Response:
    """The rows as the file `name` ends with: an Excel workbook (.xlsx), headed by the page's column labels in the
    page's language (`labels`: web.pages.columns), its shares shown as percentages as the page shows them, for
    people; else a CSV headed by the field names, for machines."""
    if name.endswith(".xlsx"):
        return xlsx_download(rows, columns, name, labels=labels, shares=SHARES)
    return csv_download(rows, columns, name)


# An Excel workbook of the same rows (xlsx_download), for the offices that work in Excel: a CSV opened there loses
# an 18-digit NIP to 1.96307E+17 (and saves it back as another person's NIP), and in an Indonesian Excel (list
# separator `;`, decimal comma) puts each row in one column and reads 0.8509 as 8509. In the workbook each value
# has its type: a text (a NIP, a code, a name) a text cell, a number a number cell the locale shows with its own
# decimal mark, a date a date cell in the locale's short date, a yes or no in the page's language.
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHORT_DATE = "mm-dd-yy"  # Excel's built-in format 14: the reader's own short date (31/12/2024 in Indonesian)
DATE_TIME = "yyyy-mm-dd hh:mm:ss"
PERCENT = "0.0%"  # a share (0.853) shown as the page shows it (85.3%), the locale's decimal mark; its value stays 0.853
TEXT = "@"  # a text cell stays text when it is edited (a NIP typed over is not turned into a number)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
BAD_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def xlsx_download(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    name: str,
    *,
    labels: Mapping[str, str] | None = None,
    shares: Collection[str] = (),
) -> Response:
    """The rows as an Excel workbook of one sheet, `columns` in their order under a header row (each column's
    label from `labels`, else its field name), the numbers of the columns in `shares` shown as percentages.
    Written in openpyxl's write-only mode, row after row, so a list of 100,000 audited decisions is never held as
    a sheet of cell objects. A text is always a text cell (its data
    type set to string after the value, as openpyxl takes a text starting with = for a formula): a recorded
    `=HYPERLINK(...)` is shown as it was recorded and never run."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(name))
    sheet.append([text_cell(sheet, (labels or {}).get(c, c)) for c in columns])
    shown = [PERCENT if c in shares else None for c in columns]
    for row in rows:
        sheet.append(
            [xlsx_cell(sheet, row.get(c), number_format) for c, number_format in zip(columns, shown, strict=True)]
        )
    out = io.BytesIO()
    workbook.save(out)
    return Response(
        out.getvalue(), mimetype=XLSX_MIMETYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def sheet_title(name: str) -> str:
    """The file's name without its extension, as a sheet's title may be (31 characters, none of []:*?/\\)."""
    return BAD_SHEET_TITLE.sub("-", name.rsplit(".", 1)[0])[:31] or "Sheet"


def text_cell(sheet: Any, text: str) -> Cell:
    """A text cell that no spreadsheet runs: string data type whatever the text starts with (= + - @), formatted
    as text; a formula-looking text also carries Excel's quote prefix, so that editing it keeps it text. A control
    character a workbook cannot hold is written as its visible symbol (visible_controls)."""
    cell = WriteOnlyCell(sheet, visible_controls(text) if not text.isprintable() else text)
    cell.data_type = "s"
    cell.number_format = TEXT
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet: Any, value: Any, number_format: str | None = None) -> Cell | None:
    """A value as its typed cell (see xlsx_download), a number in `number_format` when one is given; None an empty
    cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return text_cell(sheet, _("yes") if value else _("no"))  # as the pages write a yes or no
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return None if math.isnan(value) else text_cell(sheet, str(value))
        number = WriteOnlyCell(sheet, value)
        if number_format:
            number.number_format = number_format
        return number
    if isinstance(value, str) and (ISO_DATE.fullmatch(value) or ISO_TIME.match(value)):
        value = _iso(value) or value
    if isinstance(value, datetime):
        # Excel has no time zones: an aware time (recorded_at) as it reads in the display time zone, which the
        # column's name says (web.pages.columns.recorded_at_label)
        typed = WriteOnlyCell(sheet, sheet_datetime(value) if value.tzinfo else value)
        typed.number_format = DATE_TIME
        return typed
    if isinstance(value, date):
        typed = WriteOnlyCell(sheet, value)
        typed.number_format = SHORT_DATE
        return typed
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, list | tuple):
        return text_cell(sheet, " ".join(v if isinstance(v, str) else cell(v) for v in value))
    return text_cell(sheet, json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value))


def _iso(text: str) -> date | None:
    """A date or a time stored as its ISO text (a TMT, recorded_at), else None."""
    try:
        return date.fromisoformat(text) if ISO_DATE.fullmatch(text) else datetime.fromisoformat(text)
    except ValueError:
        return None

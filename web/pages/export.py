"""Downloads of what a page shows: CSV (UTF-8 with a byte-order mark so that spreadsheets read it right), for
machines, and an Excel workbook with typed cells, for people who work in Excel."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from flask import Response, stream_with_context
from flask_babel import gettext as _

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
    Written by XlsxWriter in its constant-memory mode, row after row (each row flushed to a temporary file once the
    next begins), so a list of 100,000 audited decisions is never held as a sheet of cells; until 2026-12-08 by
    openpyxl's write-only mode, about 2.4x slower (the 6,438 audited promotions of the demo of 2,000, written side by
    side under load: 9.6-10.7 s against 4.2-4.4 s; openpyxl made a cell object and an XML element for each cell).
    A text is always a string cell, written as one whatever it starts with (`write_string`): a recorded
    `=HYPERLINK(...)` is shown as it was recorded and never run."""
    out = io.BytesIO()
    # (every value is written by its type: no text is taken for a number, a formula or a link)
    workbook = xlsxwriter.Workbook(
        out,
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet(sheet_title(name))
    formats = SheetFormats(workbook)
    for at, column in enumerate(columns):
        write_typed(sheet, formats, 0, at, text_typed((labels or {}).get(column, column)))
    shown = [PERCENT if c in shares else None for c in columns]
    said = {True: xlsx_cell(True), False: xlsx_cell(False)}  # (a yes or no translated once, not once a cell)
    for number, row in enumerate(rows, start=1):
        for at, (column, number_format) in enumerate(zip(columns, shown, strict=True)):
            value = row.get(column)
            typed = said[value] if value is True or value is False else xlsx_cell(value, number_format)
            if typed is not None:
                write_typed(sheet, formats, number, at, typed)
    workbook.close()
    return Response(
        out.getvalue(), mimetype=XLSX_MIMETYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def sheet_title(name: str) -> str:
    """The file's name without its extension, as a sheet's title may be (31 characters, none of []:*?/\\)."""
    return BAD_SHEET_TITLE.sub("-", name.rsplit(".", 1)[0])[:31] or "Sheet"


@dataclass(frozen=True)
class Typed:
    """A cell's value as written: a text (`str`), a number, a date or a time, in its number format (None: Excel's
    General), a text `quoted` when it carries Excel's quote prefix."""

    value: str | int | float | Decimal | date | datetime
    number_format: str | None = None
    quoted: bool = False


class SheetFormats:
    """A workbook's cell formats, one per number format and quote prefix (XlsxWriter keeps each it is given)."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.made: dict[tuple[str | None, bool], Any] = {}

    def of(self, typed: Typed) -> Any:
        key = (typed.number_format, typed.quoted)
        if key not in self.made:
            properties: dict[str, Any] = {"quote_prefix": True} if typed.quoted else {}
            if typed.number_format is not None:
                # (Excel's built-in short date by its number, 14: shown in the reader's own locale)
                properties["num_format"] = 14 if typed.number_format == SHORT_DATE else typed.number_format
            self.made[key] = self.workbook.add_format(properties) if properties else None
        return self.made[key]


def write_typed(sheet: Any, formats: SheetFormats, row: int, column: int, typed: Typed) -> None:
    """A typed value into its cell: a text always a string cell (never a formula, a number or a link)."""
    value, style = typed.value, formats.of(typed)
    if isinstance(value, str):
        sheet.write_string(row, column, value, style)
    elif isinstance(value, date):  # (a datetime too)
        sheet.write_datetime(row, column, value, style)
    else:
        sheet.write_number(row, column, value, style)


def text_typed(text: str) -> Typed:
    """A text that no spreadsheet runs: a string cell whatever the text starts with (= + - @), formatted as text;
    a formula-looking text also carries Excel's quote prefix, so that editing it keeps it text. A control character
    a workbook cannot hold is written as its visible symbol (visible_controls)."""
    shown = visible_controls(text) if not text.isprintable() else text
    return Typed(shown, TEXT, quoted=text.startswith(FORMULA_STARTS))


def xlsx_cell(value: Any, number_format: str | None = None) -> Typed | None:
    """A value as its typed cell (see xlsx_download), a number in `number_format` when one is given; None an empty
    cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return text_typed(_("yes") if value else _("no"))  # as the pages write a yes or no
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return None if math.isnan(value) else text_typed(str(value))
        return Typed(value, number_format)
    if isinstance(value, str) and (ISO_DATE.fullmatch(value) or ISO_TIME.match(value)):
        value = _iso(value) or value
    if isinstance(value, datetime):
        # Excel has no time zones: an aware time (recorded_at) as it reads in the display time zone, which the
        # column's name says (web.pages.columns.recorded_at_label)
        return Typed(sheet_datetime(value) if value.tzinfo else value, DATE_TIME)
    if isinstance(value, date):
        return Typed(value, SHORT_DATE)
    if isinstance(value, str):
        return text_typed(value)
    if isinstance(value, list | tuple):
        return text_typed(" ".join(v if isinstance(v, str) else cell(v) for v in value))
    return text_typed(json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value))


def _iso(text: str) -> date | None:
    """A date or a time stored as its ISO text (a TMT, recorded_at), else None."""
    try:
        return date.fromisoformat(text) if ISO_DATE.fullmatch(text) else datetime.fromisoformat(text)
    except ValueError:
        return None

"""An Excel workbook (.xlsx, Office Open XML) read as the import reads a CSV file.

HR keep their data in Excel; an .xlsx is read without saving it as CSV first. Its first worksheet (in the order of
its tabs, a hidden sheet passed over: `HIDDEN`) is read, any other left unread and named in the report's notes
(`SHEETS_UNREAD`): a workbook often holds lists beside its data (the choices of a drop-down), and a sheet of data
left out is said; but for a sheet named GUIDE_SHEET, a template's guide (careerlog.workbook_template), left unread
and unnamed. No other sheet is ever read in place of the first: a workbook whose first sheet workbook.xml names but
its ZIP does not hold (which openpyxl leaves out without a word) is refused as a whole (`SHEET_MISSING`), and so is
one whose first sheet is a template's guide, dragged before the sheet of data (`GUIDE_FIRST`: named GUIDE_SHEET, its
first cell the guide's first column) or left alone, the sheet of data removed (`GUIDE_ALONE`); a sheet of data named
GUIDE_SHEET is read as any first sheet is. The first row with a cell is the header, and each row is turned into the
text cells the CSV reader would have read (`cell_text`), so that the same header (aliases, the kind column, unknown
columns refused), the same checks of the cells and the same line numbers apply: a row's line is its row number in the
sheet.

The sheet is streamed: its XML is parsed row by row (openpyxl's worksheet parser, as its read-only mode does), so a
workbook of 100,000 rows is never held as a sheet of cells. Each value is the one Excel saved (a formula's cached
result: data_only), and a cell becomes text so:

- text as it is; a whole number without ".0" (8, not 8.0); any other number without an exponent, a double to 15
  significant digits as Excel shows it and saves it as CSV (a formula's 20.000000000000004 is 20);
  a number whose format is of digits alone as that format shows it (`shown_number`: 7 formatted 000 is "007", 12.1
  formatted 0.00 "12.10", 0.85 formatted 0% "85%"), no digit of it dropped and no decimals put on a whole number (8
  formatted 0.00 is "8");
- a date (a cell of a date format) as its day, 2024-05-06; a date and time as "2024-05-06 13:30:00", which a date
  field refuses as a CSV's is refused (textfiles.TIME_OF_DAY), midnight read as the day;
- a TRUE/FALSE cell in a column of a yes or a no (`YES_NO_COLUMNS`: confirm) as the TRUE or FALSE Excel saves;
- and refused, each naming its cell (C5) in its column: a TRUE/FALSE cell elsewhere (`BOOLEAN_CELL`), a formula's
  error (#N/A, #REF!: `ERROR_CELL`), a formula whose result was never saved (`NOT_CALCULATED`: a file written by a
  program, not Excel), and a number in a NIP column (`NIP_AS_NUMBER`): Excel keeps 15 significant digits of a NIP's
  18, which are lost for good. In a payload field of the row's kind (and a NIP as a number) the cell is unreadable,
  the row's other cells judged with it; in any other column (kind, nip, client_key, confirm, name, version...) the
  row is refused as it is read (`_refused_cells`): no such cell is read as text, recorded or reported but as typed.

Before openpyxl opens it, the workbook's ZIP directory is read (`refuse_bombs`): a small upload can unpack to
gigabytes (openpyxl holds the shared strings in memory), so a workbook is refused, nothing imported, when its XML
parts would unpack to more than CAREERLOG_IMPORT_XLSX_MAX_MB (`TOO_LARGE`), when any part unpacks to over
ABSURD_FROM bytes at more than ABSURD_RATIO times its packed size (`PACKED_TIGHT`: no spreadsheet writes that), and,
as no readable workbook (`NOT_XLSX`), when its ZIP cannot be read or a part is encrypted. So is one whose parts
openpyxl cannot read (`_UNREADABLE`: a styles.xml attribute of the wrong type, a missing part, XML not well-formed);
a sheet that breaks below the rows read to check its header is reported at its row (`SHEET_BROKEN`), as a CSV
file's unreadable line is, the rows above it read. An OLE2 file named .xlsx holding an EncryptedPackage is a
workbook saved with a password (`PROTECTED`); any other, an Excel 97-2003 workbook (textfiles.WORKBOOK).

A workbook's refused rows (the import page's download, `careerlog import --refused OUT.xlsx`) are written as a
workbook (`refused_rows_xlsx`), or as CSV UTF-8 (`--refused OUT.csv`: `refused_rows_csv`), the cells as the import
read them, to fix and import again.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import IO, Any, NamedTuple
from xml.etree.ElementTree import ParseError

from careerlog.config import xlsx_max_mb
from careerlog.domain.errors import InvalidInput, quoted
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import Unreadable
from careerlog.domain.wording import Refusal
from careerlog.textfiles import (
    DAY_FIRST,
    WORKBOOK,
    WRITTEN,
    Written,
    column_name,
    field_names,
    reasons_column,
    typed_fields,
    wrote,
)

SHEETS_UNREAD = Refusal(
    "Only the workbook's first worksheet, {first}, was read; {others} not: import each sheet of data as a workbook "
    "of its own (or as its own CSV file).",
)
# A workbook that cannot be read, saying why in careerlog's words ({why}, one of the worded parts below, which the
# pages translate) and the reading library's own (English) words last, as a technical detail ({error}): until
# 2026-12-06 an Indonesian page read "... dapat dibaca (File is not a zip file)".
NOT_XLSX = Refusal(
    "The file is no Excel workbook (.xlsx) that can be read: {why}. Save it again from the spreadsheet as an "
    "Excel Workbook (.xlsx) or as CSV UTF-8. Nothing was imported. (Technical detail: {error}.)"
)
NOT_ZIP = Refusal(
    "it is no ZIP archive, as every .xlsx workbook is: another kind of file named .xlsx, or a file cut short"
)
PART_ENCRYPTED = Refusal("its part {part} is encrypted")
PART_UNREADABLE = Refusal("a part of it cannot be read: broken, or written otherwise than a spreadsheet writes it")
TOO_LARGE = Refusal(
    "The workbook {file} unpacks to {size} MB of sheets and tables, more than the {limit} MB an import reads "
    "(CAREERLOG_IMPORT_XLSX_MAX_MB): import its rows as several smaller workbooks, or as CSV UTF-8. Nothing was "
    "imported.",
    numbers=("size", "limit"),
)
PACKED_TIGHT = Refusal(
    "The workbook {file} is refused: its part {part} unpacks to {size} MB, {ratio} times its packed size, which no "
    "spreadsheet writes (a file made to fill the server's memory). Nothing was imported.",
    numbers=("size", "ratio"),
)
PROTECTED = Refusal(
    "The workbook is protected with a password: remove the password in Excel (File > Info > Protect Workbook) and "
    "save it again. Nothing was imported."
)
# A sheet that breaks below its first rows, in careerlog's words naming the sheet and the row, the reading library's own
# (English) words last as a technical detail ({error}): until 2026-12-06 "The sheet cannot be read from this row on
# (not well-formed (invalid token): ...)", that English inside an Indonesian page's sentence, the sheet unnamed
SHEET_BROKEN = Refusal(
    "Sheet {sheet} cannot be read from row {row} on: its data there is broken, or written otherwise than a "
    "spreadsheet writes it. Neither this row nor any below it was read; the rows above it were: save the workbook "
    "again from Excel (or as CSV UTF-8) and import it again (the rows already recorded are then reported as already "
    "recorded). (Technical detail: {error}.)",
    quotes=("sheet",),
)
NO_SHEET = Refusal("The workbook has no worksheet to read. Nothing was imported.")
SHEET_MISSING = Refusal(
    "The workbook's first sheet, {sheet}, is named in the workbook but missing from the file (the file is damaged: "
    "its rows are not in it), so no other sheet is read in its place: export or save that sheet again where it was "
    "made and import it again. Nothing was imported."
)
GUIDE_FIRST = Refusal(
    "The workbook's first sheet, {sheet}, is the guide of a template, which is not imported: the import reads the "
    "first sheet alone, which must be the sheet of data (the template's sheet named after its kind). Drag that "
    "sheet's tab before {sheet} and import the workbook again. Nothing was imported."
)
GUIDE_ALONE = Refusal(
    "The workbook's only sheet, {sheet}, is the guide of a template, which is not imported: the workbook holds no "
    "sheet of data (the template's sheet named after its kind). Fill in the sheet of data of a template (download "
    "the template again) and import that workbook. Nothing was imported."
)
BOOLEAN_CELL = Refusal(
    "Cell {cell} holds TRUE or FALSE (a logical value), which is no value of this column: type the value as text."
)
ERROR_CELL = Refusal(
    "Cell {cell} holds the error {error} of a spreadsheet formula, not a value: the formula that fills it failed (a "
    "lookup that finds nothing gives #N/A). Correct the formula, or type the value, and import this row again."
)
NOT_CALCULATED = Refusal(
    "Cell {cell} holds a formula whose result was never saved (the file was written by a program, not by a "
    "spreadsheet): open the workbook in Excel, save it, and import it again."
)
# A date typed as text that reads either way round (06/05/2024) in a column whose other text dates are written month
# first (12/31/2024, as a spreadsheet set to English (United States) writes them): a workbook's text dates are read
# day first, as Indonesia writes them, unless a date of the column reads month first alone (`_month_first_columns`)
MONTH_FIRST_COLUMN = Refusal(
    "This date reads two ways, day first or month first ({value}), and column {column} writes another date month "
    "first ({example}), as a spreadsheet set to English (United States) does: which way round it is written is not "
    "for the import to guess. Write it as YYYY-MM-DD (2024-05-06), or type it into a cell formatted as a date (a date "
    "cell is read as the day it holds).",
    quotes=("value", "column", "example"),
)
NIP_AS_NUMBER = Refusal(
    "Cell {cell} holds the NIP as a number ({value}), of which Excel keeps only 15 of its 18 digits: format the "
    "column {column} as Text in Excel, type the NIPs again and import the workbook again."
)
HIDDEN = ("hidden", "veryHidden")  # a sheet's states (workbook.xml) that show no tab: not the first sheet HR sees
# The sheet of a template's guide (careerlog.workbook_template), which no import reads nor names as a sheet unread
GUIDE_SHEET = "Petunjuk"
MB = 1024 * 1024
# A part that unpacks to more than ABSURD_FROM bytes at more than ABSURD_RATIO times its packed size is refused: the
# sheet of a 100,000-row export written by openpyxl unpacks to 11 times its size; a ZIP bomb's, to a thousand
ABSURD_RATIO = 100
ABSURD_FROM = 10 * MB
_ENCRYPTED = 0x1  # (a ZIP entry's flag bit: encrypted)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the first bytes of an Excel 97-2003 workbook (.xls)
# The name, in UTF-16 as an OLE2 file's directory holds it, of the stream in which Excel keeps a workbook saved with
# a password (MS-OFFCRYPTO: the .xlsx's ZIP, encrypted, in an OLE2 compound file, beside EncryptionInfo)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# What openpyxl raises on a ZIP that opens but whose parts are broken: ParseError for XML that is not well-formed,
# KeyError for a part named but missing, ValueError (int("x")) and TypeError (its descriptors: a styles.xml attribute
# of the wrong type, a font's unknown attribute) for a value it cannot take, IndexError for a shared string, style or
# format that is not there, AttributeError for an element missing where one is expected; zipfile's BadZipFile
# (a part's bytes not matching their CRC), zlib.error (a part whose packed bytes are broken), EOFError and OSError
_UNREADABLE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
)
_FORMULA = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}f"
_VALUE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"  # (a cell's cached value, <v>)


def nip_column(name: str) -> bool:
    """Whether a column (by `column_name`) holds a NIP: nip, mentor_nip, mentee_nip."""
    return name == "nip" or name.endswith("_nip")


class Problem(NamedTuple):
    """A cell that is no value: why it is refused, and its text as the report shows it ("TRUE", "#N/A"); whether it
    is a NIP stored as a number (unreadable in its field wherever it is: importing.row_to_command names it)."""

    reason: str
    typed: str
    as_number: bool = False


# The columns whose text in a CSV file is a yes or a no, TRUE or FALSE among them (careerlog.importing.confirmed,
# the migration's `migrated`): a logical cell there is read as the TRUE or FALSE Excel writes into a CSV file.
YES_NO_COLUMNS = frozenset(("confirm", "migrated"))


def number_text(value: float | int | Decimal) -> str:
    """A number as text: a whole one without ".0", any other without an exponent (1e-07 is 0.0000001); a float (a
    double, as Excel saves a number) to 15 significant digits, as Excel shows it and writes it into a CSV file (a
    formula's 20.000000000000004 is 20, 1650000.0000000002 is 1650000)."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = Decimal(format(value, ".15g"))  # (no more digits than Excel keeps: "2.5e-07", "20", "1.5e+15")
        if not value:
            return "0"  # (-0.0 too)
    text = format(value, "f")
    return text


# A number format (its section for a number of zero or more) that shows a number with digits alone: zeros it pads the
# whole part to ("000": 7 shown 007), decimals it pads to ("0.00": 12.1 shown 12.10), a percent sign ("0%": 0.85
# shown 85%); a thousands separator (#,##0) shows no other number. Any other (General, Text, a currency's or a
# literal's, an exponent's) leaves the number as number_text writes it. Its zero is found ahead (a lookahead), not by
# trying each place for it: `[#0,]*0[#0,]*` was quadratic in a long format of zeros (until 2026-12-07).
_DIGITS_FORMAT = re.compile(r"(?=[#,]*0)[#0,]*(?:\.[#0]*)?%?|[#,]*\.(?=#*0)[#0]*%?", re.ASCII)


def shown_number(value: float | int, number_format: str | None) -> str:
    """A number as its cell's number format shows it and Excel writes it into a CSV file, when the format is one of
    digits alone (`_DIGITS_FORMAT`, read by Babel's parse_pattern: the same pattern language): its whole part padded
    with the format's leading zeros (a reference 7 formatted 000 is "007"), the decimals of a number that has some with
    its trailing zeros (a region 12.1 formatted 0.00 is "12.10"), a percentage as a hundred times the number with its
    sign (0.85 formatted 0% is "85%"). No decimals are put on a whole number (8 formatted 0.00 is "8", not "8.00": a
    status code 1, a golongan 32, a region 12 so formatted is its code, a year or JP a whole number), and no digit of
    the value is ever dropped: a format showing fewer decimals than the number holds (8.5 formatted 0, shown 9) is not
    rounded, the number read as number_text writes it (8.5), as for any other format."""
    from babel.numbers import parse_pattern

    text = number_text(value)
    sections = (number_format or "").split(";")
    if not _DIGITS_FORMAT.fullmatch(sections[0]) or (value < 0 and len(sections) > 1):
        return text
    pattern = parse_pattern(sections[0])
    if pattern.scale:
        text = format(Decimal(text).scaleb(pattern.scale).normalize(), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    whole = whole.rjust(pattern.int_prec[0], "0")
    fraction = fraction.ljust(pattern.frac_prec[0], "0") if fraction else ""  # (8 formatted 0.00 stays 8: a code)
    return f"{sign}{whole}{'.' if fraction else ''}{fraction}{'%' if pattern.scale else ''}"


def cell_text(value: Any, data_type: str, number_format: str | None = None) -> str:
    """A cell's value as the text a CSV would hold (the module's docstring); "" for an empty cell. `number_format`:
    the cell's, which a number is shown by (`shown_number`)."""
    if value is None:
        return ""
    if data_type == "s" or isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return shown_number(value, number_format)


def _parser(sheet: Any) -> Any:
    """openpyxl's worksheet parser over a read-only sheet's XML, reading cached values, noting formulas unsaved."""
    from openpyxl.worksheet._reader import WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            # (a formula whose result is the empty string, =IF(A5="";"";...) filled down below the data, is saved by
            # Excel as a text, t="str", of an empty value, <v/>: an empty cell, as Excel's CSV writes it, where it was
            # refused as never calculated; a formula of no value, or of an empty one of no type, as a program such as
            # openpyxl writes it, <f>..</f><v/>, was never calculated: a number is never empty)
            empty_text = element.get("t") == "str" and element.find(_VALUE) is not None
            if cell["value"] is None and element.find(_FORMULA) is not None and not empty_text:
                cell["data_type"] = "uncalculated"
            if cell["data_type"] == "n" and 0 < cell["style_id"] < len(formats):  # (a date is no "n" cell here)
                cell["number_format"] = formats[cell["style_id"]]
            return cell

    book = sheet.parent
    formats = _number_formats(book)
    return Parser(
        sheet._get_source(),
        sheet._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _number_formats(book: Any) -> list[str]:
    """The number format of each of the workbook's cell styles (a cell's `s`), as openpyxl's cell.number_format reads
    it: a built-in format by its id, any other from the workbook's own (styles.xml's numFmts); "General" for an id
    neither holds (a style naming a numFmtId of 164 or more that styles.xml does not declare, which openpyxl opens
    without a word: it raised IndexError, a 500)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    custom = book._number_formats
    return [
        BUILTIN_FORMATS.get(style.numFmtId, "General")
        if style.numFmtId < BUILTIN_FORMATS_MAX_SIZE
        else custom[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
        if style.numFmtId - BUILTIN_FORMATS_MAX_SIZE < len(custom)
        else "General"
        for style in book._cell_styles
    ]


Row = tuple[int, list[dict[str, Any]]]  # a row's number, and its cells as openpyxl's parser reads them


def unpacked_limit() -> int:
    """The most, in bytes, a workbook's XML parts may unpack to (CAREERLOG_IMPORT_XLSX_MAX_MB, read where the
    import runs; careerlog.config.Settings refuses a value that is no whole number at start)."""
    return xlsx_max_mb(os.environ) * MB


def refuse_bombs(stream: IO[bytes], name: str | None = None) -> None:
    """Refuse a workbook, before openpyxl opens it, by its ZIP directory alone (nothing is unpacked): one whose XML
    parts (the sheets, shared strings, styles, the workbook: what openpyxl parses) unpack to more than
    `unpacked_limit`, one of a part unpacking to over ABSURD_FROM bytes at more than ABSURD_RATIO times its size, one
    whose ZIP cannot be read or with an encrypted part. The sizes read are the directory's, which Python's zipfile
    holds a part to when it unpacks it (it stops at the size and refuses a part whose bytes do not match)."""
    file = quoted(name) if name else "(upload)"
    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as e:
        error = (str(e).strip() or type(e).__name__)[:120]
        raise InvalidInput(NOT_XLSX.reason(why=NOT_ZIP.reason(), error=error), "file") from None
    finally:
        stream.seek(0)
    unpacked = 0
    for part in parts:
        if part.flag_bits & _ENCRYPTED:
            why = PART_ENCRYPTED.reason(part=part.filename[:80])
            raise InvalidInput(NOT_XLSX.reason(why=why, error=f"flag bits {part.flag_bits:#x}"), "file")
        if part.file_size > ABSURD_FROM and part.file_size > ABSURD_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            reason = PACKED_TIGHT.reason(file=file, part=part.filename[:80], size=-(-part.file_size // MB), ratio=ratio)
            raise InvalidInput(reason, "file")
        if part.filename.lower().endswith((".xml", ".rels")):
            unpacked += part.file_size
    if unpacked > (limit := unpacked_limit()):
        size = -(-unpacked // MB)
        raise InvalidInput(TOO_LARGE.reason(file=file, size=size, limit=limit // MB), "file")


def _said(e: BaseException) -> str:
    """openpyxl's or zipfile's words on a part it could not read (its first line), or the error's name."""
    words = str(e).strip().splitlines()
    return (words[0] if words else type(e).__name__)[:120]


def password_protected(stream: IO[bytes]) -> bool:
    """Whether an OLE2 compound file (its first bytes _OLE2) is an Office file saved with a password: its directory
    names the stream EncryptedPackage (in UTF-16), searched for as bytes through the file, a chunk at a time (no
    OLE2 reader is a dependency: the name is 32 bytes, which the encrypted bytes around it do not spell by chance).
    A workbook of Excel 97-2003 (.xls) holds no such stream. The stream is read from its start and left there."""
    try:
        tail = b""
        while chunk := stream.read(MB):
            if _ENCRYPTED_PACKAGE in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED_PACKAGE) :]
        return False
    finally:
        stream.seek(0)


class SheetBroken(InvalidInput):
    """The sheet cannot be read on from the row after `last` (its last row read, 0 for none): as no readable
    workbook (NOT_XLSX, of "file"), which the import reports at that row if rows above it were read (read_xlsx)."""

    def __init__(self, error: str, last: int) -> None:
        super().__init__(NOT_XLSX.reason(why=PART_UNREADABLE.reason(), error=error), "file")
        self.error = error
        self.last = last


class Workbook:
    """An .xlsx file's first worksheet, open to read row by row (`rows`); the other sheets' names (`others`). A file
    that is no workbook, or that would unpack to too much (`refuse_bombs`), is refused (InvalidInput of "file"); so is
    one whose first sheet is missing (`SHEET_MISSING`) or is a template's guide (`GUIDE_FIRST`; `GUIDE_ALONE` when it
    is the only sheet), not read in its place."""

    def __init__(self, stream: IO[bytes], name: str | None = None) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.utils.exceptions import InvalidFileException

        start = stream.read(8)
        stream.seek(0)
        if start.startswith(_OLE2):  # (an Excel 97-2003 .xls named .xlsx: refused as an .xls is)
            if password_protected(stream):
                raise InvalidInput(PROTECTED.reason(), "file")
            raise InvalidInput(WORKBOOK.reason(), "file")
        refuse_bombs(stream, name)
        try:  # (openpyxl's load_workbook, its reader kept: which sheets workbook.xml names, `_first_sheet_missing`)
            reader = ExcelReader(stream, read_only=True, data_only=True)
            reader.read()
        except (InvalidFileException, *_UNREADABLE) as e:
            raise InvalidInput(NOT_XLSX.reason(why=PART_UNREADABLE.reason(), error=_said(e)), "file") from None
        self.book = reader.wb
        try:
            if (missing := _first_sheet_missing(reader)) is not None:
                raise InvalidInput(SHEET_MISSING.reason(sheet=quoted(missing)), "file")
            sheets = self.book.worksheets
            if not sheets:
                raise InvalidInput(NO_SHEET.reason(), "file")
            # (a hidden sheet has no tab: the first one HR sees is the first visible, often after a hidden list of
            # a drop-down's choices; a workbook of none visible, which Excel never saves, is read from its first)
            self.sheet = next((sheet for sheet in sheets if sheet.sheet_state not in HIDDEN), sheets[0])
            if self.sheet.title == GUIDE_SHEET and self._guide():
                alone = len(sheets) == 1  # (no sheet of data to drag before it: removed; a chartsheet is no worksheet)
                raise InvalidInput((GUIDE_ALONE if alone else GUIDE_FIRST).reason(sheet=quoted(GUIDE_SHEET)), "file")
        except BaseException:
            self.book.close()
            raise
        self.others = [s.title for s in sheets if s is not self.sheet and s.title != GUIDE_SHEET]  # (a guide: no data)

    def _guide(self) -> bool:
        """Whether the sheet is a template's guide (careerlog.workbook_template): its first cell the guide's first
        column, Column / Kolom, which no header of data holds (a sheet of data named GUIDE_SHEET is read as any)."""
        from careerlog.workbook_template import GUIDE_HEADER

        rows = self.rows()
        try:
            first = next(rows, None)
        finally:
            rows.close()
        return first is not None and row_cells(first[1])[0][:1] == GUIDE_HEADER[:1]

    def rows(self) -> Generator[Row, None, None]:
        """The sheet's rows that have a cell, each with its number, the cells of each as the parser reads them. A
        sheet that cannot be read on (its XML broken, a cell naming a shared string that is not there) raises
        SheetBroken, naming the last row read."""
        parser = _parser(self.sheet)
        source = parser.source
        last = 0
        try:
            for number, cells in parser.parse():
                last = number
                if any(cell["value"] is not None or cell["data_type"] == "uncalculated" for cell in cells):
                    yield number, cells
        except _UNREADABLE as e:
            raise SheetBroken(_said(e), last) from None
        finally:
            source.close()

    def merged(self) -> dict[int, list[tuple[int, int, str, str]]]:
        """The sheet's merged cells (its `mergeCell` elements, after its rows), by each row they cover: (first column,
        last column, the merged cells "F13:F14", their first cell "F13"), columns from 1. Read from the sheet's XML
        ahead of its rows (`merged_cells`), as openpyxl's parser reads them only after the last row."""
        with self.sheet._get_source() as source:
            return merged_cells(source)

    def close(self) -> None:
        self.book.close()


_MERGE_CELL = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"'
)
_CHUNK = 1 << 20
MERGED_ROWS = 1_000_000  # the rows of merged cells kept (a merge over a whole column covers as many): then no more


def merged_cells(source: IO[bytes]) -> dict[int, list[tuple[int, int, str, str]]]:
    """The merged cells a sheet's XML (`source`) names, by each row they cover (Workbook.merged), up to MERGED_ROWS
    rows of them in all (merged cells past that are left out: they only word a refusal)."""
    from openpyxl.utils import column_index_from_string

    found: dict[int, list[tuple[int, int, str, str]]] = {}
    kept = 0
    tail = b""
    while chunk := source.read(_CHUNK):
        text = tail + chunk
        end = 0
        for match in _MERGE_CELL.finditer(text):
            end = match.end()
            first_col, first_row, last_col, last_row = match.groups()
            top, bottom = int(first_row), int(last_row)
            left, right = column_index_from_string(first_col.decode()), column_index_from_string(last_col.decode())
            if kept + bottom - top + 1 > MERGED_ROWS:
                return found
            kept += bottom - top + 1
            first = f"{first_col.decode()}{top}"
            cells = f"{first}:{last_col.decode()}{bottom}"
            for row in range(top, bottom + 1):
                found.setdefault(row, []).append((left, right, cells, first))
        text = text[end:]
        tail = text[-200:]  # (a mergeCell element cut by the chunk's end: read whole with the next)
    return found


def _first_sheet_missing(reader: Any) -> str | None:
    """The name of the workbook's first sheet (in the order of its tabs) when workbook.xml names it but the ZIP does
    not hold it (or workbook.xml names no part for it), which openpyxl leaves out without a word, reading the next
    sheet as the first; None when the first sheet is there. A chartsheet, which is never read, is passed over, and so
    is a hidden sheet, which has no tab (`Workbook`)."""
    for sheet in reader.parser.sheets:
        if sheet.state in HIDDEN:
            continue
        if not sheet.id:
            return str(sheet.name)
        rel = reader.parser.rels[sheet.id]
        if "chartsheet" in rel.Type:
            continue
        return None if rel.target in reader.valid_files else str(sheet.name)
    return None


def _coordinate(cell: Mapping[str, Any]) -> str:
    """A cell's name in the sheet (C5)."""
    from careerlog.importing import column_letter

    return f"{column_letter(cell['column'] - 1)}{cell['row']}"


def row_cells(cells: list[dict[str, Any]], names: list[str] | None = None) -> tuple[list[str], dict[int, Problem]]:
    """A row's cells as text (`cell_text`), placed by their columns and without the empty ones at its end, and the
    cells that are no value (a logical value, a formula's error or unsaved result, a NIP as a number under a NIP
    column of `names`, the header's fields), by their index, each with why."""
    texts: list[str] = []
    problems: dict[int, Problem] = {}
    for cell in cells:
        value, kind = cell["value"], cell["data_type"]
        if value is None and kind != "uncalculated":
            continue
        at = cell["column"] - 1
        if at >= len(texts):
            texts.extend([""] * (at + 1 - len(texts)))
        name = names[at] if names is not None and at < len(names) else ""
        if kind == "b" and name in YES_NO_COLUMNS:
            texts[at] = "TRUE" if value else "FALSE"
        elif kind == "b":
            problems[at] = Problem(BOOLEAN_CELL.reason(cell=_coordinate(cell)), "TRUE" if value else "FALSE")
            texts[at] = "TRUE" if value else "FALSE"
        elif kind == "e":
            problems[at] = Problem(ERROR_CELL.reason(cell=_coordinate(cell), error=str(value)), str(value))
            texts[at] = str(value)
        elif kind == "uncalculated":
            problems[at] = Problem(NOT_CALCULATED.reason(cell=_coordinate(cell)), "")
            texts[at] = ""
        else:
            texts[at] = cell_text(value, kind, cell.get("number_format"))
            if kind == "n" and nip_column(name) and not isinstance(value, str):
                shown = format(value, ".15G") if isinstance(value, float) else texts[at]
                reason = NIP_AS_NUMBER.reason(cell=_coordinate(cell), value=shown, column=name)
                problems[at] = Problem(reason, shown, as_number=True)
    return texts, problems


# The text a cell that is no value holds while its row goes through the CSV reader's checks, replaced after them
# by the reason to refuse it (read_xlsx): no check reads it as anything.
_PLACEHOLDER = "\x00"


def read_xlsx(
    stream: IO[bytes], kind: str | None, *, chosen: bool = False, name: str | None = None
) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
    """Rows of an .xlsx workbook's first worksheet, as careerlog.importing.read_csv gives a CSV file's (its
    arguments alike): the header read and refused alike, each row's cells as text through the same checks, each
    numbered by its row in the sheet; a cell that is no value refused in its column, naming the cell
    (`_refused_cells`). `name`: the file's, named by a refusal of the whole workbook (`refuse_bombs`)."""
    from careerlog import importing

    book = Workbook(stream, name)
    try:
        rows = book.rows()
        first = next(rows, None)
        if first is None:
            return  # (no row: careerlog.importing.refuse_no_rows says the file holds none)
        at, header_cells = first
        typed, _ = row_cells(header_cells)
        names, unknown = importing._read_header(typed, kind, at)
        stripped = [name.strip() for name in names]
        problems: dict[int, dict[int, Problem]] = {}

        padded: dict[int, tuple[str, str]] = {}  # by row: its reference's number, as typed and as its format shows it
        read_on = unknown is None or isinstance(unknown, importing.ColumnNotes)  # (a header refused: no row read)
        month_first = _month_first_columns(book, at, stripped) if read_on else {}

        def records() -> Iterator[tuple[int, list[str], None]]:
            for number, cells in rows:
                texts, found = row_cells(cells, stripped)
                for i, example in month_first.items():  # (a date reading either way in a column written month first)
                    if i < len(texts) and i not in found and _either_way(texts[i]):
                        column = typed[i].strip()
                        said = MONTH_FIRST_COLUMN.reason(
                            value=quoted(texts[i].strip()), column=quoted(column), example=quoted(example)
                        )
                        found[i] = Problem(said, texts[i])
                if (bare := _padded_reference(cells, texts, stripped)) is not None:
                    padded[number] = bare
                for i in found:
                    field = i < len(stripped) and stripped[i] and not stripped[i].startswith("#note")
                    if field:  # (a cell of a note or of an unnamed column keeps its text: see _csv_rows)
                        texts[i] = _PLACEHOLDER
                found = {i: p for i, p in found.items() if texts[i] == _PLACEHOLDER}
                if found:
                    problems[number] = found
                yield number, texts, None

        merges = book.merged()
        records_read = records()
        below, ahead = importing._lines_ahead(records_read)
        if unknown is not None and not isinstance(unknown, importing.ColumnNotes):
            misnamed = getattr(unknown.errors.get("line", [""])[0], "refusal", None) in importing.MISNAMED_COLUMNS
            yield at, (misnamed and importing._header_below(typed, kind, at, below)) or unknown, 1
            return
        second = importing._second_header_row(typed, names, at, below[:1]) or (
            importing.columns_left_out(names, kind) if below else None  # (no row below: refuse_no_rows)
        )
        if second is not None:  # (or a header leaving out required columns: said once, nothing read)
            yield at, second, 1
            return
        notes = dict(unknown.errors) if unknown is not None else {}
        if book.others:
            others = ", ".join(quoted(name) for name in book.others)
            notes["sheets"] = [SHEETS_UNREAD.reason(first=quoted(book.sheet.title), others=others)]
        if notes:
            yield at, importing.ColumnNotes(notes), 1
        # (text dates day first, as Indonesia writes them and a semicolon CSV is read; decimals as a comma file's)
        rows_read = _chain(ahead, records_read)
        read = importing._csv_rows(rows_read, typed, names, kind, indonesian=False, day_first=True, chosen=chosen)
        try:
            for line, row, count in read:
                found = problems.pop(line, None)
                if found:
                    row = _refused_cells(row, found, stripped)
                bare = padded.pop(line, None)
                if isinstance(row, dict) and bare is not None and row.get("reference") == bare[1]:
                    wrote(row, "reference", bare[0])  # (named as recorded before: application)
                if isinstance(row, dict) and line in merges:
                    _note_merged(row, merges[line], line, stripped)
                yield line, row, count
        except SheetBroken as e:  # (as a CSV file's line that cannot be read: the rows above it are read)
            said = SHEET_BROKEN.reason(sheet=quoted(book.sheet.title), row=e.last + 1, error=e.error)
            yield e.last + 1, InvalidInput(said, "line"), 1
    finally:
        book.close()


def _either_way(text: str) -> bool:
    """Whether a text is a date of digits that reads either way round (06/05/2024: 6 May, or June 5)."""
    found = DAY_FIRST.fullmatch(text.strip())
    return found is not None and int(found[1]) <= 12 and int(found[3]) <= 12 and found[1] != found[3]


_DATE_FIELDS = frozenset(name for kind in BY_KIND for name in typed_fields(kind, date))


def _month_first_columns(book: Workbook, header: int, names: list[str]) -> dict[int, str]:
    """The date columns (by index) one of whose text dates reads month first alone (12/31/2024: no month 31), each
    with the first such date: their dates reading either way round are refused (MONTH_FIRST_COLUMN), the others'
    read day first. Read in a pass of its own over the sheet, only when the header names a date column; a sheet
    that cannot be read on is said so by the rows' own pass. Only when a text of the workbook's shared strings (where a
    spreadsheet keeps the text typed into its cells) reads so, or the workbook has none (its texts written inline in
    their cells, as a program such as openpyxl writes them): a workbook saved by a spreadsheet holding no such date
    is read once, as before."""
    columns = [i for i, name in enumerate(names) if name in _DATE_FIELDS]
    found: dict[int, str] = {}
    shared = book.sheet._shared_strings  # (where a spreadsheet keeps the text typed into its cells; none: all inline)
    if not columns or (shared and not any(_month_first_alone(text) for text in shared)):
        return found  # (no text date month first alone: no pass)
    with contextlib.suppress(SheetBroken):
        for number, cells in book.rows():
            if number == header:
                continue
            texts, _ = row_cells(cells)
            for i in columns:
                if i < len(texts) and i not in found and _month_first_alone(text := texts[i].strip()):
                    found[i] = text
    return found


def _month_first_alone(text: Any) -> bool:
    """Whether a text is a date of digits that reads month first alone (12/31/2024: no month 31)."""
    read = DAY_FIRST.fullmatch(text.strip()) if type(text) is str and len(text) < 24 else None
    return read is not None and int(read[1]) <= 12 < int(read[3])


def _padded_reference(cells: list[dict[str, Any]], texts: list[str], names: list[str]) -> tuple[str, str] | None:
    """A row's reference typed as a whole number its format shows with leading zeros (7 formatted 000, "007"): the
    number as typed and as shown, which an import before 2026-12-05 recorded as typed
    (careerlog.application.reference_as_recorded_before); None for any other row."""
    if "reference" not in names:
        return None
    at = names.index("reference")
    for cell in cells:
        value = cell["value"]
        if cell["column"] - 1 == at and cell["data_type"] == "n" and type(value) is int and at < len(texts):
            typed = number_text(value)
            return (typed, texts[at]) if texts[at] != typed else None
    return None


def _note_merged(row: dict[str, Any], merges: list[tuple[int, int, str, str]], line: int, names: list[str]) -> None:
    """Note in a row's Written (`merged`) each field whose cell is empty and lies in merged cells other than their
    first (whose value the spreadsheet keeps): a refusal of it as missing then names the merge
    (careerlog.importing.MERGED_MISSING)."""
    from careerlog.importing import column_letter

    merged: dict[str, tuple[str, str, str]] = {}
    for left, right, cells, first in merges:
        for column in range(left, right + 1):
            cell = f"{column_letter(column - 1)}{line}"
            name = names[column - 1] if column - 1 < len(names) else ""
            if cell != first and name and not name.startswith("#note") and row.get(name) in (None, ""):
                merged[name] = (cell, cells, first)
    if merged:
        written = row.get(WRITTEN)
        if type(written) is not Written:
            written = row[WRITTEN] = Written()
        written.merged = merged


def _chain(first: Iterable[Any], then: Iterator[Any]) -> Iterator[Any]:
    yield from first
    yield from then


def _refused_cells(
    row: dict[str, Any] | InvalidInput, found: dict[int, Problem], names: list[str]
) -> dict[str, Any] | InvalidInput:
    """A row read with the cells that are no value (`found`, by index): each in a payload field of the row's kind (or
    a NIP stored as a number) made unreadable, naming why, in its field (the row's other cells judged with them:
    careerlog.application); a row with one in any other column (kind, nip, client_key, confirm, name, version...)
    refused as read, naming each such cell in its column, as is a row refused as it was read. No such cell is ever
    read as text, recorded or shown but as its text ("TRUE", "#N/A")."""
    if isinstance(row, dict):
        kind = row.get("kind")
        fields = field_names(kind) if isinstance(kind, str) and kind != _PLACEHOLDER else frozenset()
        if all(names[i] in fields or problem.as_number for i, problem in found.items()):
            for i, problem in found.items():
                row[names[i]] = Unreadable(problem.reason)
                if problem.typed:
                    wrote(row, names[i], problem.typed)
            return row
        from careerlog.importing import refused_for_cells

        errors = {names[i]: [problem.reason] for i, problem in found.items()}
        cells = {**row, **{names[i]: problem.typed for i, problem in found.items()}}
        cells.pop(WRITTEN, None)  # (each cell shown as read: a NIP or a kind as typed)
        return refused_for_cells(errors, cells)
    for i, problem in found.items():  # (the cell's reason in place of any a check gave reading it)
        row.errors[names[i]] = [problem.reason]
    values = getattr(row, "values", None)
    if isinstance(values, dict):
        for i, problem in found.items():
            if names[i] not in values or values[names[i]] == _PLACEHOLDER:
                values[names[i]] = problem.typed
    for attribute in ("subject", "kind"):  # (a RowRefused's NIP and kind for the report: none read)
        if getattr(row, attribute, None) == _PLACEHOLDER:
            setattr(row, attribute, None)
    return row


def header_names(data: bytes) -> list[str] | None:
    """The column names (`column_name`) of a workbook's header, its first row with a cell; None for a file that is
    no workbook, or one refused as a whole (`refuse_bombs`): the import refuses it, saying why."""
    try:
        book = Workbook(io.BytesIO(data))
    except InvalidInput:
        return None
    try:
        first = next(book.rows(), None)
        return [column_name(text) for text in row_cells(first[1])[0]] if first else []
    except InvalidInput:
        return None
    finally:
        book.close()


def refused_rows(
    stream: IO[bytes],
    rejected: Iterable[Mapping[str, Any]],
    column: str,
    reasons: Callable[[Mapping[str, Any]], str],
) -> Iterator[list[str]]:
    """The header and each refused row (an import report's problems as dicts) of a workbook, as the import read their
    cells (`row_cells`: a date 2024-05-06), with careerlog's reasons column named `column` (written anew in place of
    one the workbook has, as careerlog.refused_rows does for a CSV file); a NIP stored as a number as the cell held it
    (1.98401222008121E+17, as Excel shows it), not widened to 18 digits of which the last are wrong
    (198401222008121000: until 2026-12-05), its row's reason saying why (NIP_AS_NUMBER). Nothing when no refused row
    is a row of the sheet."""
    problems = {p["line"]: p for p in rejected}
    book = Workbook(stream)
    try:
        rows = book.rows()
        first = next(rows, None)
        if first is None:
            return
        at, cells = first
        header = row_cells(cells)[0]
        names = [column_name(text) for text in header]
        ours = [i for i, name in enumerate(header) if reasons_column(name)]
        place = ours[0] if ours else len(header)
        dropped = set(ours[1:])
        width = max(len(header), place + 1)

        def written(texts: list[str], reason: str) -> list[str]:
            padded = texts + [""] * (width - len(texts))
            padded[place] = reason
            return [cell for i, cell in enumerate(padded) if i not in dropped]

        any_row = False
        try:
            for number, cells in rows:
                problem = problems.get(number)
                if problem is not None and number != at:
                    texts, found = row_cells(cells, names)
                    for i, cell in found.items():
                        if cell.as_number:  # (the NIP as the cell held it: its digits were lost there)
                            texts[i] = cell.typed
                    if not any_row:
                        yield written(header, column)
                        any_row = True
                    yield written(texts, reasons(problem))
        except SheetBroken:
            pass  # (the rows below the break were not read: none of them is refused)
    finally:
        book.close()


def refused_rows_csv(
    stream: IO[bytes],
    rejected: Iterable[Mapping[str, Any]],
    column: str,
    reasons: Callable[[Mapping[str, Any]], str],
) -> str | None:
    """The refused rows of a workbook (`refused_rows`) as CSV UTF-8 with a byte-order mark, separated by commas, to
    fix and import again (`careerlog import --refused OUT.csv`); None when no refused row is a row of the sheet. The
    import page and `--refused OUT.xlsx` give them as a workbook (`refused_rows_xlsx`), which an Excel in Indonesian
    (whose CSV separator is ';') opens in columns."""
    from careerlog.spreadsheet import defused

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    found = refused_rows(stream, rejected, column, lambda problem: defused(reasons(problem)))
    for row in found:
        writer.writerow(row)
    text = out.getvalue()
    return "\ufeff" + text if text else None


def refused_rows_xlsx(
    stream: IO[bytes],
    rejected: Iterable[Mapping[str, Any]],
    column: str,
    reasons: Callable[[Mapping[str, Any]], str],
) -> bytes | None:
    """The refused rows of a workbook (`refused_rows`) as an Excel workbook of one sheet, to fix and import again, as
    the import page's download gives them: each cell a text cell formatted as Text (@), as the import read it, so that
    a NIP stays its 18 digits when it is typed over and a text starting with = is never run (Excel's quote prefix),
    the reasons in careerlog's column; a control character a workbook cannot hold as its visible symbol
    (careerlog.visible). None when no refused row is a row of the sheet. Until 2026-12-05 they came back as CSV
    separated by commas, which an Excel in Indonesian (list separator ';') opened as one column."""
    from openpyxl import Workbook as Written
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from careerlog.spreadsheet import FORMULA_STARTS
    from careerlog.visible import visible_controls

    book = Written(write_only=True)
    sheet = book.create_sheet("Ditolak")
    bold = Font(bold=True)

    def text_cell(text: str, header: bool) -> Any:
        cell = WriteOnlyCell(sheet, visible_controls(text) if not text.isprintable() else text)
        cell.data_type = "s"
        cell.number_format = "@"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if header:
            cell.font = bold
        return cell

    any_row = False
    for row in refused_rows(stream, rejected, column, reasons):
        sheet.append([text_cell(text, not any_row) if text else None for text in row])
        any_row = True
    if not any_row:
        return None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

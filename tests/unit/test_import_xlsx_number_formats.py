"""A workbook's number cell is read as its number format shows it and Excel saves it as CSV, when the format is one
of digits alone (careerlog.workbooks.shown_number): a reference 7 formatted 000 is "007", a region 12.1 formatted 0.00
is "12.10", a score of 0.85 formatted as a percentage "85%". It was read as the bare number (7, 12.1, 0.85): an SK
number recorded without its zeros, a region refused, a score refused as outside its band though HR saw 85%. No digit
of the value is dropped by a format showing fewer, and any other format (General, Text, a literal's, a currency's)
leaves the number as before."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from careerlog.workbooks import Workbook, row_cells, shown_number


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (7, "000", "007"),
        (7, "00000", "00007"),
        (12.1, "0.00", "12.10"),
        (8, "0.00", "8"),  # (a whole number: no decimals put on it; was "8.00")
        (1, "0.00", "1"),  # (a status code 1: was "1.00", an unknown code)
        (32, "0.00", "32"),  # (a golongan: was "32.00")
        (12, "#,##0.00", "12"),  # (a province: was "12.00")
        (8.0, "0.00", "8"),
        (1, "0.00%", "100%"),
        (0.5, "0.00", "0.50"),
        (0.85, "0%", "85%"),
        (0.855, "0.00%", "85.50%"),
        (0.855, "0%", "85.5%"),  # (shown 86%: no digit of the value dropped)
        (8.5, "0", "8.5"),  # (shown 9)
        (1500000, "#,##0", "1500000"),  # (no thousands separator: the same number)
        (1500000.5, "#,##0.00", "1500000.50"),
        (-3, "0.00", "-3"),
        (-3.5, "0.00", "-3.50"),
        (-3, "0.00;(0.00)", "-3"),  # (a negative number's own section: not read)
        (7, "General", "7"),
        (7, "@", "7"),
        (7, '"SKP-"000', "7"),
        (1500000, '_("Rp"* #,##0_)', "1500000"),
        (1500000, "0.00E+00", "1500000"),
        (7, None, "7"),
        (7, "0" * 5000 + "x", "7"),  # (a literal after many zeros: read at once, was quadratic in the zeros)
        (0.5, "#" * 5000 + ".0", "0.5"),
    ],
)
def test_a_number_is_read_as_a_format_of_digits_alone_shows_it(
    value: float, number_format: str | None, text: str
) -> None:
    assert shown_number(value, number_format) == text


def texts_read(stream: io.BytesIO) -> list[list[str]]:
    read = Workbook(stream)
    try:
        return [row_cells(cells)[0] for _, cells in read.rows()]
    finally:
        read.close()


def test_a_workbooks_number_cells_are_read_by_their_own_formats() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor SK", "Wilayah", "Nilai", "JP"])
    sheet.append([7, 12.1, 0.85, 8])
    sheet["A2"].number_format = "000"
    sheet["B2"].number_format = "0.00"
    sheet["C2"].number_format = "0%"
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    assert texts_read(saved) == [["Nomor SK", "Wilayah", "Nilai", "JP"], ["007", "12.10", "85%", "8"]]


def test_a_style_naming_a_number_format_the_workbook_does_not_declare_reads_as_general() -> None:
    """A style whose numFmtId (164 or more) styles.xml does not declare, which openpyxl opens without a word, raised
    IndexError (the API's import answered 500): its number cells are read as General's."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor SK", "JP"])
    sheet.append([7, 8])
    sheet["A2"].number_format = "000"
    saved = io.BytesIO()
    book.save(saved)
    undeclared = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source, zipfile.ZipFile(undeclared, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                data, removed = re.subn(rb"<numFmts\b.*?</numFmts>", b"", data, flags=re.S)
                assert removed == 1
                assert b'numFmtId="164"' in data
            target.writestr(item, data)
    undeclared.seek(0)
    assert texts_read(undeclared) == [["Nomor SK", "JP"], ["7", "8"]]

"""careerlog.workbooks leans on openpyxl's internals, checked on openpyxl 3.1.5 (setup.cfg holds openpyxl to 3.1):
its worksheet parser (openpyxl.worksheet._reader.WorkSheetParser: its arguments, parse, parse_cell's cells), a
read-only sheet's _get_source and _shared_strings, the workbook's epoch, _date_formats and _timedelta_formats, its
_cell_styles and _number_formats (a cell's number format: careerlog.workbooks._number_formats), and
the reader load_workbook uses (openpyxl.reader.excel.ExcelReader: its parser's sheets and rels, its valid_files),
through which a first sheet named in workbook.xml but missing from the ZIP is found.
A release that changes any of them fails here, before an upgrade misreads workbooks: a workbook as Excel writes it
(shared strings, a date in the 1904 calendar, a duration, a formula whose result was never saved) is read through
each."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._reader import WorkSheetParser

from careerlog.workbooks import NOT_CALCULATED, Workbook, _first_sheet_missing, _number_formats, row_cells
from tests.unit.test_import_xlsx_bombs import made, shared_strings, sheet_xml
from tests.unit.test_import_xlsx_sheets import first_sheet_missing, two_sheets


def test_openpyxl_is_of_the_series_the_reader_was_checked_on() -> None:
    assert openpyxl.__version__.startswith("3.1.")
    assert callable(WorkSheetParser.parse_cell)
    assert callable(WorkSheetParser.parse)


def test_shared_strings_a_1904_date_a_duration_and_an_unsaved_formula_are_read_through_openpyxls_internals() -> None:
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
        '<c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>43538</v></c><c r="C2" s="2"><v>0.0625</v></c>'
        '<c r="D2"><f>A2&amp;"!"</f></c></row>'
    )
    book = Workbook(made(sheet_xml(rows), shared_strings("Nama", "Tanggal", "Lama", "Rumus", "Budi"), date1904=True))
    try:
        sheet = book.sheet
        assert callable(sheet._get_source)
        assert sheet._shared_strings is not None
        assert book.book.epoch.year == 1904
        assert book.book._date_formats
        assert book.book._timedelta_formats
        assert [style.numFmtId for style in book.book._cell_styles][:1] == [0]
        assert isinstance(_number_formats(book.book), list)
        read = [(number, row_cells(cells)) for number, cells in book.rows()]
    finally:
        book.close()
    assert [(number, texts) for number, (texts, _) in read] == [
        (1, ["Nama", "Tanggal", "Lama", "Rumus"]),
        (2, ["Budi", "2023-03-15", "1:30:00", ""]),  # (1904-01-01 + 43538 days; in the 1900 calendar 2019-03-14)
    ]
    problems = read[1][1][1]
    assert list(problems) == [3]
    assert problems[3].reason == NOT_CALCULATED.reason(cell="D2")


def test_the_sheets_workbook_xml_names_and_the_parts_the_zip_holds_are_read_from_openpyxls_reader() -> None:
    reader = ExcelReader(io.BytesIO(first_sheet_missing()), read_only=True, data_only=True)
    reader.read()
    try:
        assert [sheet.name for sheet in reader.parser.sheets] == ["Diklat", "Daftar"]
        rel = reader.parser.rels[reader.parser.sheets[0].id]
        assert rel.Type.endswith("/worksheet")
        assert rel.target == "xl/worksheets/sheet1.xml"
        assert rel.target not in reader.valid_files
        assert [sheet.title for sheet in reader.wb.worksheets] == ["Daftar"]  # (openpyxl leaves it out, unsaid)
        assert _first_sheet_missing(reader) == "Diklat"
    finally:
        reader.wb.close()
    whole = ExcelReader(io.BytesIO(two_sheets()), read_only=True, data_only=True)
    whole.read()
    try:
        assert _first_sheet_missing(whole) is None
    finally:
        whole.wb.close()

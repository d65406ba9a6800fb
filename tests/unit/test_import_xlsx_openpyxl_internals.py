"""careerlog.workbooks leans on openpyxl's internals, checked on openpyxl 3.1.5 (setup.cfg holds openpyxl to 3.1):
its worksheet parser (openpyxl.worksheet._reader.WorkSheetParser: its arguments, parse, parse_cell's cells), a
read-only sheet's _get_source and _shared_strings, and the workbook's epoch, _date_formats and _timedelta_formats.
A release that changes any of them fails here, before an upgrade misreads workbooks: a workbook as Excel writes it
(shared strings, a date in the 1904 calendar, a duration, a formula whose result was never saved) is read through
each."""

from __future__ import annotations

import openpyxl
from openpyxl.worksheet._reader import WorkSheetParser

from careerlog.workbooks import NOT_CALCULATED, Workbook, row_cells
from tests.unit.test_import_xlsx_bombs import made, shared_strings, sheet_xml


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

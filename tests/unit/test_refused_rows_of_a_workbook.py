"""A workbook's refused rows come back as a workbook (careerlog.workbooks.refused_rows_xlsx: the import page's
download and `--refused OUT.xlsx`), each cell a text cell formatted as Text, so that an Excel in Indonesian (list
separator ';') opens them in their columns, where the CSV separated by commas it was given until 2026-12-05 opened
as one column. A NIP stored as a number comes back as the cell held it (1.98401222008121E+17), not widened to the 18
digits "198401222008121000", a plausible NIP of wrong last digits; its reason says why."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl

from careerlog.workbooks import NIP_AS_NUMBER, refused_rows_csv, refused_rows_xlsx

HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(
        [198401222008121001, "TEKNIS", "+Arsip", "BKPSDM", 24, date(2024, 3, 4), date(2024, 3, 6), "X-1"]
    )
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


REFUSED = [{"line": 2, "errors": {"nip": ["why"]}, "values": {}}]
SHOWN = "1.98401222008121E+17"


def test_a_workbooks_refused_rows_are_a_workbook_of_text_cells() -> None:
    found = refused_rows_xlsx(io.BytesIO(workbook()), REFUSED, "Alasan penolakan (careerlog)", lambda p: "alasan")
    assert found is not None
    sheet = openpyxl.load_workbook(io.BytesIO(found)).active
    header, row = ([cell.value for cell in cells] for cells in sheet.iter_rows())
    assert header == [*HEADER, "Alasan penolakan (careerlog)"]
    assert row == [SHOWN, "TEKNIS", "+Arsip", "BKPSDM", "24", "2024-03-04", "2024-03-06", "X-1", "alasan"]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in sheet[2])  # (+Arsip never run)


def test_a_nip_stored_as_a_number_comes_back_as_the_cell_held_it() -> None:
    found = refused_rows_csv(io.BytesIO(workbook()), REFUSED, "Refusal reasons (careerlog)", lambda p: "why")
    assert found is not None
    [_, row] = list(csv.reader(io.StringIO(found.lstrip("\ufeff"))))
    assert row[0] == SHOWN
    assert "198401222008121000" not in found
    assert SHOWN in NIP_AS_NUMBER.reason(cell="A2", value=SHOWN, column="nip")


def test_no_refused_row_of_the_sheet_gives_no_workbook() -> None:
    assert refused_rows_xlsx(io.BytesIO(workbook()), [], "x", lambda p: "") is None

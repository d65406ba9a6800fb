"""A workbook refused for its header (a title above it, a header of two rows: a merged Tanggal above Mulai and
Selesai) is told to save the file again as CSV or as an Excel Workbook, not as CSV alone: the refusals
(careerlog.importing TITLE_ROW, TITLE_ROWS, TWO_ROW_HEADER, COLUMN_NUMBERS) are the CSV file's and the workbook's,
and a workbook mended in Excel is imported as it is. Nothing is recorded. Both stores."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests import factories as f
from tests.integration.test_cli import last_position, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

ROW = [f.nip(), "Teknis", "Arsip", "BKPSDM", 8, datetime(2022, 1, 3), datetime(2022, 1, 4), "M-1"]
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "Nomor SK"]


def titled(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet.append(["DAFTAR DIKLAT PEGAWAI 2022"])
    sheet.merge_cells("A1:H1")
    sheet.append(HEADER)
    sheet.append(ROW)


def two_rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    sheet.append([*HEADER[:5], "Tanggal", None, HEADER[7]])
    sheet.append([None] * 5 + ["Mulai", "Selesai"])
    sheet.merge_cells("F1:G1")
    sheet.append(ROW)


@pytest.mark.parametrize("made", [titled, two_rows])
def test_a_workbooks_header_refused_says_to_save_it_as_a_workbook_or_as_csv(
    database_url: str, tmp_path: Path, made: object
) -> None:
    book = openpyxl.Workbook()
    made(book.active)  # type: ignore[operator]
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(saved.getvalue())
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert "save the file again (as CSV, or as an Excel Workbook) and import it. Nothing was read." in result.output
    assert "again as CSV" not in result.output
    assert last_position(database_url) == 0

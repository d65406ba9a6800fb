"""A spreadsheet's title above its table longer than a column's name may be (HEADER_CELL_LIMIT, 200 characters: a BKD
sheet's "DAFTAR NOMINATIF PEGAWAI ... NOMOR 800/1234/BKD", 222) is refused as a title, told to delete the lines
above the header (TITLE_ROW, the title quoted cut short, as a refusal quotes the user's text), in a CSV file and in
a workbook (its title merged across the columns). Until 2026-12-07 the length was checked first, and such a title
was refused as a column too long (HEADER_CELL_TOO_LONG), which says nothing of the title. A header cell's length is
measured without a BOM and the spaces around it; a cell too long among others filled is refused as before. Nothing
is read."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import HEADER_CELL_LIMIT, HEADER_CELL_TOO_LONG, TITLE_ROW, read_csv
from careerlog.workbooks import read_xlsx

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "Nomor SK"]
ROW = [NIP, "TEKNIS", "Arsip", "BKPSDM", "8", "01/10/2021", "02/10/2021", "H-1"]
TITLE = (
    "DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL YANG TELAH MENGIKUTI PENDIDIKAN DAN PELATIHAN TEKNIS DI LINGKUNGAN "
    "PEMERINTAH KOTA MEDAN TAHUN ANGGARAN 2021 BERDASARKAN SURAT KEPUTUSAN KEPALA BKPSDM TANGGAL 1 JULI "
    "NOMOR 800/1234/BKD"
)


def only_refusal(found: list[tuple[int, object, int]]) -> str:
    [(line, problem, _)] = found
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    return reason


def test_the_title_is_longer_than_a_columns_name_may_be() -> None:
    assert len(TITLE) == 222 > HEADER_CELL_LIMIT


@pytest.mark.parametrize("written", [TITLE, f"\ufeff  {TITLE}  "], ids=["bare", "bom-and-spaces"])
def test_a_csv_files_long_title_above_the_header_is_refused_as_a_title(written: str) -> None:
    text = f"{written};;;;;;;\r\n;;;;;;;\r\n{';'.join(HEADER)}\r\n{';'.join(ROW)}\r\n"
    reason = only_refusal(list(read_csv(io.BytesIO(text.encode()), "training")))
    assert reason == TITLE_ROW.reason(line=1, cell=repr(TITLE))
    # (its first 39 characters and its closing quote: until 2026-12-07 the quote was cut off, "SIPIL …: a title")
    assert reason.startswith("Line 1 holds one cell, 'DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL Y…': a title")
    assert ": a title, not the header naming each column." in reason
    assert "delete the lines above the header" in reason


def test_a_workbooks_merged_long_title_above_the_header_is_refused_as_a_title() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.merge_cells("A1:H1")
    sheet.append(HEADER)
    sheet.append([*ROW[:4], 8, datetime(2021, 10, 1), datetime(2021, 10, 2), ROW[7]])
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    reason = only_refusal(list(read_xlsx(saved, "training")))
    assert reason == TITLE_ROW.reason(line=1, cell=repr(TITLE))


def test_a_long_cell_among_the_headers_others_is_still_refused_as_too_long() -> None:
    text = f"NIP;{TITLE};TMT\r\n{NIP};a;2021-01-01\r\n"
    reason = only_refusal(list(read_csv(io.BytesIO(text.encode()), "training")))
    assert reason == HEADER_CELL_TOO_LONG.reason(column=2, line=1, length=222, limit=HEADER_CELL_LIMIT)


def test_the_spaces_around_a_header_cell_are_not_counted_in_its_length() -> None:
    cell = f"{'  ' * 150}Nama Diklat{'  ' * 150}"  # (611 characters, 11 without the spaces around them)
    text = f"{';'.join([*HEADER[:2], cell, *HEADER[3:]])}\r\n{';'.join(ROW)}\r\n"
    assert [type(found) for _, found, _ in read_csv(io.BytesIO(text.encode()), "training")] == [dict]

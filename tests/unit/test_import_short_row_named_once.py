"""A CSV row of two or more cells fewer than the header, a required one among them (a line broken in two, separators
left out), is refused once, as short, naming the columns it leaves out: "Line 3 has 4 cells where the header has 8".
Until 2026-12-06 each required field left out was refused "Missing data for required field", which hid why. A row
leaving out one cell, or optional cells alone, is read as before (its cells left out empty); nothing is recorded of
a refused row. The required columns among those left out are named as to be filled in (until 2026-12-07 it advised
only an empty cell between two separators, which a required column refuses too). A workbook's rows, which end where
their cells do, are not counted so."""

from __future__ import annotations

import io
from typing import Any

from careerlog.importing import SHORT_ROW, read_csv

NIP = "198609262010031001"
HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference"


def rows(text: str, kind: str = "training") -> list[tuple[int, Any]]:
    return [(line, row) for line, row, _ in read_csv(io.BytesIO(text.encode()), kind)]


def test_a_row_leaving_out_required_cells_is_refused_once_as_short() -> None:
    text = f"{HEADER}\n{NIP},TEKNIS,Excel,BPSDM\n{NIP},TEKNIS,Excel,BPSDM,16,2024-01-01\n"
    (first, short), (second, shorter) = rows(text)
    assert (first, second) == (2, 3)
    columns = "'hours', 'start_date', 'effective_date', 'reference'"
    assert short.errors == {"line": [SHORT_ROW.reason(line=2, cells=4, width=8, columns=columns, required=columns)]}
    assert str(short.errors["line"][0]) == (
        "Line 2 has 4 cells where the header has 8: the cells of 'hours', 'start_date', 'effective_date', 'reference' "
        "are left out (a line broken in two, or separators left out), so nothing of the row was read. Of those, "
        "'hours', 'start_date', 'effective_date', 'reference' must be filled in: an empty cell there is refused too. "
        "Write the row with a cell for each column of the header, the required ones filled in, and import it again."
    )
    required = "'effective_date', 'reference'"
    assert shorter.errors == {"line": [SHORT_ROW.reason(line=3, cells=6, width=8, columns=required, required=required)]}


def test_only_the_required_columns_left_out_are_named_to_be_filled_in() -> None:
    [(_, short)] = rows(f"{HEADER},programme_id,cost\n{NIP},TEKNIS,Excel,BPSDM,16,2024-01-01,2024-01-03\n")
    columns = "'reference', 'programme_id', 'cost'"
    assert short.errors == {
        "line": [SHORT_ROW.reason(line=2, cells=7, width=10, columns=columns, required="'reference'")]
    }
    assert "Of those, 'reference' must be filled in" in str(short.errors["line"][0])


def test_a_row_leaving_out_one_cell_or_optional_ones_alone_is_read_as_before() -> None:
    one = rows(f"{HEADER}\n{NIP},TEKNIS,Excel,BPSDM,16,2024-01-01,2024-01-03\n")
    assert isinstance(one[0][1], dict)
    assert "reference" not in one[0][1]  # (refused by the ledger as missing, field by field, as before)
    optional = rows(f"{HEADER},programme_id,cost\n{NIP},TEKNIS,Excel,BPSDM,16,2024-01-01,2024-01-03,SK/1\n")
    assert isinstance(optional[0][1], dict)
    assert optional[0][1]["reference"] == "SK/1"


def test_a_semicolon_file_in_indonesian_names_its_columns_as_typed() -> None:
    header = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
    text = f"{header}\r\n{NIP};TEKNIS;Excel\r\n"
    [(line, short)] = rows(text)
    assert line == 2
    assert "'Penyelenggara', 'JP', 'Tanggal Mulai', 'Tanggal Selesai', 'No Sertifikat'" in short.errors["line"][0]

"""An Excel Workbook (.xlsx) is read as the CSV file it would be saved as (careerlog.workbooks): its first worksheet,
row 1 the header read as a CSV header is, each cell turned into the text a CSV would hold. Before, an .xlsx was
refused, HR told to save it as CSV UTF-8 first. A date cell is its day; a whole number is written without ".0", any
other number in full; a TRUE/FALSE cell, a formula's error, a formula whose result was never saved and a NIP stored
as a number (Excel keeps 15 of its 18 digits) are each refused naming the cell, in the row's field. An .xls, .xlsm
or .ods workbook is still refused, saying to save it as .xlsx or CSV UTF-8."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import Unreadable
from careerlog.importing import detect_format
from careerlog.textfiles import TIME_OF_DAY, WORKBOOK
from careerlog.workbooks import (
    BOOLEAN_CELL,
    ERROR_CELL,
    NIP_AS_NUMBER,
    NOT_CALCULATED,
    NOT_XLSX,
    SHEETS_UNREAD,
    read_xlsx,
)

NIP = "199001012015031002"
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "JP", "Tanggal Mulai", "Tanggal Selesai", "No Sertifikat", "Biaya"]


def workbook(*rows: list[Any], others: tuple[str, ...] = ()) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Diklat"
    for row in rows:
        sheet.append(row)
    for name in others:
        book.create_sheet(name).append(["Jenis Diklat", "TEKNIS"])
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    return saved


def read(stream: io.BytesIO, kind: str | None = "training") -> list[tuple[int, Any]]:
    return [(line, row) for line, row, _ in read_xlsx(stream, kind)]


def test_a_workbooks_rows_are_read_as_a_csvs_text_cells_numbered_by_their_rows() -> None:
    rows = read(
        workbook(
            HEADER,
            [NIP, "TEKNIS", "Arsip", 8, datetime(2024, 5, 6), date(2024, 5, 8), "C-1", 1500000.5],
            [None] * 8,  # (an empty row: skipped, the numbers kept)
            [NIP, "TEKNIS", "Arsip", 8.0, "2024-06-03", "17/06/2024", "C-2", 2.5e-7],
        )
    )
    assert rows == [
        (
            2,
            {
                "nip": NIP,
                "training_kind": "TEKNIS",
                "title": "Arsip",
                "hours": "8",
                "start_date": "2024-05-06",
                "effective_date": "2024-05-08",
                "reference": "C-1",
                "cost": "1500000.5",
                "kind": "training",
            },
        ),
        (
            4,
            {
                "nip": NIP,
                "training_kind": "TEKNIS",
                "title": "Arsip",
                "hours": "8",
                "start_date": "2024-06-03",
                "effective_date": "2024-06-17",  # (a date typed as text: read as a CSV's, one way alone)
                "reference": "C-2",
                "cost": "0.00000025",
                "kind": "training",
                "#written": {"effective_date": "17/06/2024"},
            },
        ),
    ]


def test_a_date_cell_with_a_time_of_day_is_refused_as_a_csvs_and_midnight_is_the_day() -> None:
    [(_, row)] = read(
        workbook(HEADER, [NIP, "TEKNIS", "Arsip", 8, datetime(2024, 5, 6, 13, 30), datetime(2024, 5, 8), "C-1"])
    )
    assert isinstance(row["start_date"], Unreadable)
    assert row["start_date"].reason == TIME_OF_DAY.reason(time="'13:30:00'")
    assert row["effective_date"] == "2024-05-08"


def test_a_nip_stored_as_a_number_is_refused_naming_the_cell_and_saying_to_format_the_column_as_text() -> None:
    [(line, row)] = read(workbook(HEADER, [1.98609262010031e17, "TEKNIS", "Arsip", 8, "2024-05-06", "2024-05-08"]))
    assert line == 2
    assert isinstance(row["nip"], Unreadable)
    assert row["nip"].reason == NIP_AS_NUMBER.reason(cell="A2", value="1.98609262010031E+17", column="nip")
    assert "format the column nip as Text in Excel" in row["nip"].reason
    assert row["#written"] == {"nip": "1.98609262010031E+17"}


def test_a_mentors_nip_stored_as_a_number_is_refused_too() -> None:
    stream = workbook(["nip", "mentor_nip", "effective_date", "reference"], [NIP, 198609262010031001, "2031-05-02"])
    [(_, row)] = read(stream, "mentoring_start")
    assert isinstance(row["mentor_nip"], Unreadable)
    assert "Cell B2 holds the NIP as a number" in row["mentor_nip"].reason


def test_a_logical_cell_an_error_and_a_formula_never_calculated_are_refused_naming_each_cell() -> None:
    stream = workbook(HEADER, [NIP, True, "#N/A", 8, "2024-05-06", "2024-05-08", "=VLOOKUP(A2,B:C,2,0)"])
    [(_, row)] = read(stream)
    assert row["training_kind"].reason == BOOLEAN_CELL.reason(cell="B2")
    assert row["title"].reason == ERROR_CELL.reason(cell="C2", error="#N/A")
    assert row["reference"].reason == NOT_CALCULATED.reason(cell="G2")
    assert row["#written"] == {"training_kind": "TRUE", "title": "#N/A"}
    assert row["hours"] == "8"


def test_the_first_worksheet_alone_is_read_and_the_others_are_named_in_a_note() -> None:
    stream = workbook(HEADER, [NIP, "TEKNIS", "Arsip", 8, "2024-05-06", "2024-05-08"], others=("Daftar", "Lain"))
    (noted, notes), (line, row) = read(stream)
    assert (noted, line) == (1, 2)
    assert isinstance(notes, InvalidInput)
    assert notes.errors == {"sheets": [SHEETS_UNREAD.reason(first="'Diklat'", others="'Daftar', 'Lain'")]}
    assert row["title"] == "Arsip"


def test_an_unknown_column_of_a_workbook_is_refused_as_a_csvs_header() -> None:
    [(line, refused)] = read(workbook([*HEADER, "Judull"], [NIP, "TEKNIS", "Arsip", 8]))
    assert line == 1
    assert isinstance(refused, InvalidInput)
    assert "'Judull'" in refused.errors["line"][0]


@pytest.mark.parametrize("name", ["DIKLAT 2024.XLS", "kp.xlsm", "skp.ods"])
def test_an_xls_xlsm_or_ods_workbook_is_still_refused_saying_to_save_it_as_xlsx_or_csv(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        detect_format(name)
    assert refused.value.errors == {"file": [WORKBOOK.reason()]}
    assert "save it as Excel Workbook (.xlsx) or as CSV UTF-8" in WORKBOOK.reason()


def test_an_xlsx_is_read_as_a_workbook() -> None:
    assert detect_format("Diklat 2024.XLSX") == "xlsx"


def test_a_file_named_xlsx_that_is_no_workbook_is_refused_as_a_file() -> None:
    with pytest.raises(InvalidInput) as refused:
        read(io.BytesIO(b"nip,title\n1,2\n"))
    [reason] = refused.value.errors["file"]
    assert reason.startswith(NOT_XLSX.text.split("(")[0])


def test_an_xls_named_xlsx_is_refused_as_an_xls() -> None:
    with pytest.raises(InvalidInput) as refused:
        read(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504))
    assert refused.value.errors == {"file": [WORKBOOK.reason()]}

"""An Excel Workbook (.xlsx) is read as the CSV file it would be saved as (careerlog.workbooks): its first worksheet,
row 1 the header read as a CSV header is, each cell turned into the text a CSV would hold. Before, an .xlsx was
refused, HR told to save it as CSV UTF-8 first. A date cell is its day; a whole number is written without ".0", any
other number in full; a TRUE/FALSE cell, a formula's error, a formula whose result was never saved and a NIP stored
as a number (Excel keeps 15 of its 18 digits) are each refused naming the cell, in the row's field. An .xls, .xlsm
or .ods workbook is still refused, saying to save it as .xlsx or CSV UTF-8."""

from __future__ import annotations

import io
import zipfile
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
HEADER = [
    *("NIP", "Jenis Diklat", "Nama Diklat", "JP", "Tanggal Mulai", "Tanggal Selesai", "No Sertifikat", "Biaya"),
    "Penyelenggara",  # (a required column: a header leaving it out is refused, MISSING_COLUMNS)
]


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
    stream = workbook(
        ["nip", "mentor_nip", "effective_date", "reference", "focus"], [NIP, 198609262010031001, "2031-05-02"]
    )
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


# A cell that is no value in a column that is no payload field of its row's kind: before 2026-12-04 it was made
# unreadable there and read on as text (a client_key of TRUE recorded as "Unreadable('Cell ...')", a kind of TRUE
# crashing the JSON report). Now its row is refused as read, naming the column and the cell.
OTHER_COLUMNS = ["kind", "nip", "client_key", "confirm", "name", "version"]
UNREAD = {
    "logical": (True, lambda cell: BOOLEAN_CELL.reason(cell=cell), "TRUE"),
    "error": ("#N/A", lambda cell: ERROR_CELL.reason(cell=cell, error="#N/A"), "#N/A"),
    "formula": ("=NA()", lambda cell: NOT_CALCULATED.reason(cell=cell), ""),
}
TRAINING = {
    "nip": NIP,
    "training_kind": "TEKNIS",
    "title": "Arsip",
    "hours": 8,
    "start_date": "2024-05-06",
    "effective_date": "2024-05-08",
    "reference": "C-1",
    "kind": "training",
    "client_key": "k-1",
    "confirm": "tidak",
    "name": "Budi",
    "version": 1,
}


def unread_cases() -> list[tuple[str, str]]:
    return [(column, how) for column in OTHER_COLUMNS for how in UNREAD if (column, how) != ("confirm", "logical")]


@pytest.mark.parametrize(("column", "how"), unread_cases())
def test_a_cell_that_is_no_value_in_a_column_of_no_payload_field_refuses_its_row_naming_the_column(
    column: str, how: str
) -> None:
    value, reason, shown = UNREAD[how]
    names = list(TRAINING)
    cells = [value if name == column else TRAINING[name] for name in names]
    letter = "ABCDEFGHIJKL"[names.index(column)]
    [(line, refused)] = read(workbook(names, cells), None)
    assert line == 2
    assert isinstance(refused, InvalidInput)
    assert refused.errors == {column: [reason(f"{letter}2")]}
    assert getattr(refused, "values", {}).get(column, "") == shown
    assert getattr(refused, "kind", None) == (None if column == "kind" else "training")
    assert getattr(refused, "subject", None) == (None if column == "nip" else NIP)


def test_a_logical_cell_in_the_confirm_column_is_read_as_the_true_or_false_excel_saves_as_csv() -> None:
    names = ["nip", "kind", "new_rank", "effective_date", "reference", "confirm"]
    [(_, yes), (_, no)] = read(
        workbook(
            names,
            [NIP, "rank_promotion", "III/b", "2024-04-01", "SK-1", True],
            [NIP, "rank_promotion", "III/c", "2028-04-01", "SK-2", False],
        ),
        None,
    )
    assert (yes["confirm"], no["confirm"]) == ("TRUE", "FALSE")


def test_a_payload_fields_cell_that_is_no_value_stays_unreadable_with_the_rows_other_cells_judged() -> None:
    stream = workbook(
        [*HEADER, "client_key"], [NIP, "TEKNIS", True, 8, "2024-05-06", "2024-05-08", "C-1", 5, None, "k"]
    )
    [(_, row)] = read(stream)
    assert row["title"].reason == BOOLEAN_CELL.reason(cell="C2")
    assert row["client_key"] == "k"


def saved_as(stream: io.BytesIO, number: int, value: str) -> io.BytesIO:
    """The workbook with each cell of `number` holding `value` as Excel writes it (a double in full: openpyxl writes
    a float shortened)."""
    out = io.BytesIO()
    with zipfile.ZipFile(stream) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(f"<v>{number}</v>".encode(), f"<v>{value}</v>".encode())
            copy.writestr(item, data)
    out.seek(0)
    return out


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("20.000000000000004", "20"),  # (a formula's =SUM(...) of fractions: Excel shows and saves 20)
        ("1650000.0000000002", "1650000"),
        ("0.30000000000000004", "0.3"),
        ("1500000.5", "1500000.5"),
        ("2.5E-7", "0.00000025"),
        ("1E+15", "1000000000000000"),
        ("-0", "0"),
    ],
)
def test_a_number_is_read_to_15_significant_digits_as_excel_shows_and_saves_it(value: str, text: str) -> None:
    stream = workbook(HEADER, [NIP, "TEKNIS", "Arsip", 777, "2024-05-06", "2024-05-08", "C-1", 777])
    [(_, row)] = read(saved_as(stream, 777, value))
    assert (row["hours"], row["cost"]) == (text, text)


def as_excel_saves_empty_text(stream: io.BytesIO, cells: tuple[str, ...]) -> io.BytesIO:
    """The workbook with each of `cells` (a formula openpyxl wrote, <f>..</f><v/>) as Excel saves a formula whose result
    is the empty string: a text of an empty value, <c t="str"><f>..</f><v/></c>."""
    out = io.BytesIO()
    with zipfile.ZipFile(stream) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                for cell in cells:
                    data = data.replace(f'<c r="{cell}">'.encode(), f'<c r="{cell}" t="str">'.encode())
            copy.writestr(item, data)
    out.seek(0)
    return out


def test_formulas_filled_down_below_the_data_whose_result_is_empty_text_are_empty_cells() -> None:
    """=IF(A2="";"";...) dragged down a template's rows: each row below the data was refused, every cell "a formula
    whose result was never saved", where Excel's CSV writes an empty row, skipped."""
    formulas = [f'=IF(Z{n}="","",Z{n})' for n in range(8)]
    stream = workbook(HEADER, [NIP, "TEKNIS", "Arsip", 8, "2024-05-06", "2024-05-08", "C-1"], formulas, formulas)
    cells = tuple(f"{column}{row}" for row in (3, 4) for column in "ABCDEFGH")
    rows = read(as_excel_saves_empty_text(stream, cells))
    assert [(line, row["reference"]) for line, row in rows] == [(2, "C-1")]
    [(_, never)] = read(workbook(HEADER, [NIP, *formulas[1:]]))  # (no value saved, as openpyxl writes it: refused)
    assert never["reference"].reason == NOT_CALCULATED.reason(cell="G2")

"""A spreadsheet's title above its table (`DAFTAR DIKLAT PEGAWAI TAHUN 2021;;;;;;;`, then a blank line, then the
header), as nearly every BKD sheet has one, was refused as `Columns 'DAFTAR DIKLAT PEGAWAI TAHUN 2021' are no fields
of training; its columns are ...`: as if the title were a misnamed column. It is now refused as a title, saying that
the header must be the first line and to delete the lines above it; nothing is read either way."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import (
    COLUMN_NUMBERS,
    SEPARATED_OTHERWISE,
    TITLE_ROW,
    TITLE_ROWS,
    TWO_ROW_HEADER,
    UNKNOWN_COLUMNS_MISSING,
    read_csv,
)

NIP = "199001012015031002"
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\r\n"
ROW = f"{NIP};TEKNIS;Arsip;BKPSDM;8;01/10/2021;02/10/2021;H-1\r\n"


@pytest.mark.parametrize("title", ["DAFTAR DIKLAT PEGAWAI TAHUN 2021;;;;;;;", "Rekap Diklat 2021"])
def test_a_title_above_the_header_is_refused_as_a_title(title: str) -> None:
    text = f"{title}\r\n;;;;;;;\r\n{HEADER}{ROW}"
    [(line, problem, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    cell = repr(title.rstrip(";"))
    assert problem.errors == {"line": [TITLE_ROW.reason(line=1, cell=cell)]}
    assert f"Line 1 holds one cell, {cell}: a title, not the header naming each column." in problem.errors["line"][0]


@pytest.mark.parametrize("separator", ["|", ":"])
def test_a_header_separated_otherwise_is_refused_naming_its_separator_not_as_a_title(separator: str) -> None:
    """(A file separated by "|" was refused as a title above the table, the separator not named; it is read below a
    line sep=| naming it.)"""
    header = HEADER.replace(";", separator)
    [(line, problem, _)] = list(read_csv(io.BytesIO((header + ROW.replace(";", separator)).encode()), "training"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    cell = repr(header.strip())
    assert problem.errors == {"line": [SEPARATED_OTHERWISE.reason(line=1, cell=cell, separator=separator)]}
    assert (
        f"its column names are separated by '{separator}', which the import reads only when a line "
        in (problem.errors["line"][0])
    )
    hinted = f"sep={separator}\r\n{header}{ROW.replace(';', separator)}"
    assert [type(found) for _, found, _ in read_csv(io.BytesIO(hinted.encode()), "training")] == [dict]


def test_a_header_of_several_columns_that_are_no_fields_is_refused_naming_them_as_before() -> None:
    """(A header lacking a required column beside one of no field: Uraian may be the title misnamed.)"""
    text = "NIP;Uraian;Jenis Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\r\n"
    [(_, problem, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(problem, InvalidInput)
    assert "names columns 'Uraian' that are no fields of training" in problem.errors["line"][0]
    assert problem.errors["line"][0].refusal is UNKNOWN_COLUMNS_MISSING  # type: ignore[attr-defined]


ROWS = "".join(f"{NIP};TEKNIS;Arsip {i};BKPSDM;8;01/10/2021;02/10/2021;H-{i}\r\n" for i in range(300))


def refused_whole(text: str) -> str:
    """The one refusal of a file refused at its header (line 1), nothing else read."""
    [(line, problem, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    return reason


@pytest.mark.parametrize(
    ("header", "second"),
    [
        # a merged "Tanggal" above "Mulai" and "Selesai": every row was refused for a cell under the unnamed column G
        (
            "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal;;No Sertifikat",
            ";;;;;Mulai;Selesai;",
        ),
        # a group's name above its columns: refused as a column 'Diklat' that is no field, not as a header's rows
        ("NIP;Diklat;;;;Tanggal;;No Sertifikat", ";Jenis;Nama;Penyelenggara;JP;Mulai;Selesai;"),
        # the fields' names below their Indonesian names: line 2 was one row refused, a NIP 'nip'
        (
            "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat",
            "nip;training_kind;title;organiser;hours;start_date;effective_date;reference",
        ),
    ],
    ids=["merged-above", "group-above", "names-below"],
)
def test_a_header_of_two_rows_is_refused_naming_both_lines_not_row_by_row(header: str, second: str) -> None:
    reason = refused_whole(f"{header}\r\n{second}\r\n{ROWS}")
    assert reason.refusal is TWO_ROW_HEADER  # type: ignore[attr-defined]
    assert reason.startswith("Lines 1 and 2 are a header of two rows (line 2: '")
    assert "Make the header one row naming each column" in reason


@pytest.mark.parametrize("numbers", ["1;2;3;4;5;6;7;8", "(1);(2);(3);(4);(5);(6);(7);(8)", "1.;2.;3.;4.;5.;6.;7.;8."])
def test_a_row_numbering_the_columns_below_the_header_is_refused_as_the_headers_second_row(numbers: str) -> None:
    reason = refused_whole(f"{HEADER}{numbers}\r\n{ROWS}")
    shown = ", ".join([*(repr(cell) for cell in numbers.split(";")[:4]), "…"])
    assert reason == COLUMN_NUMBERS.reason(line=1, next=2, cells=shown)
    assert reason.startswith(f"Line 2 numbers the columns ({shown}): a second row of the header of line 1")


def test_a_title_of_several_cells_above_the_header_is_refused_naming_the_headers_line() -> None:
    reason = refused_whole(f"DAFTAR DIKLAT PEGAWAI;;;;;;TAHUN 2021;\r\n;;;;;;;\r\n{HEADER}{ROWS}")
    assert reason == TITLE_ROWS.reason(header=3, line=1, cells="'DAFTAR DIKLAT PEGAWAI', 'TAHUN 2021'")
    assert reason.startswith("The header naming each column is line 3, not line 1")


@pytest.mark.parametrize(
    "first",
    [
        f"{NIP};TEKNIS;Arsip;BKPSDM;8;01/10/2021;02/10/2021;H-1;lihat SK",  # a remark beside the table: its row alone
        ";TEKNIS;Arsip;BKPSDM;8;01/10/2021;02/10/2021;H-1",  # a NIP left out (merged): its row alone
        "1;2;3",  # a row of three numbers, not the columns' eight
    ],
    ids=["remark", "no-nip", "few-numbers"],
)
def test_a_first_row_of_data_is_no_second_header_row(first: str) -> None:
    found = list(read_csv(io.BytesIO(f"{HEADER.rstrip()};\r\n{first}\r\n{ROW}".encode()), "training"))
    assert [line for line, _, _ in found] == [2, 3]

"""A CSV whose NIPs a spreadsheet stored as numbers is told so, naming the column.

Found by the administrator's acceptance pass of 2026-12-02: a spreadsheet keeps 15 significant
digits of a number, so an 18-digit NIP typed into a column not formatted as text is saved as
1.96701E+17 (1,96701E+17 in Indonesian) or, widened, as 196701111991032000. The import said
"nip: must be 18 digits, got '196701E+17'" (the dot taken out, as in a NIP written with dots)
and "digits 16-18 (sequence) may not be 000": true, and no clue to the cause or the cure.

Since 2026-12-04 the reader hands such a cell on unreadable with its reason (careerlog.domain.payload.Unreadable), no
longer refusing the row as it reads it, so that the ledger names the row's other problems with it
(tests/integration/test_import_nip_as_number_names_the_rest.py).
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.payload import Unreadable
from careerlog.importing import read_csv

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"


def unread(row: dict[str, object] | InvalidInput, column: str = "nip") -> str:
    """The reason the reader gave the column's cell, handed on unreadable."""
    assert isinstance(row, dict), row
    cell = row[column]
    assert type(cell) is Unreadable, cell
    return cell.reason


def read(nip: str) -> dict[str, object] | InvalidInput:
    text = HEADER + f"{nip},TEKNIS,Pelatihan,BPSDM,2,2024-05-01,2024-05-02,R-1\n"
    [(line, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert line == 2
    return row


@pytest.mark.parametrize("cell", ["1.96701E+17", "1,96701E+17", "1.96701111991032E+17", "1.96701e17"])
def test_a_nip_in_scientific_notation_is_refused_naming_the_spreadsheet_and_the_cure(cell: str) -> None:
    reason = unread(read(f'"{cell}"'))
    assert cell in reason
    assert "wrote in scientific notation" in reason  # (the digits before the E alone: AS_SCIENTIFIC, e00c3941)
    assert "format column 'nip' as Text" in reason


def test_a_nip_rounded_to_000_is_refused_naming_the_spreadsheet() -> None:
    reason = unread(read("196701111991032000"))
    assert "196701111991032000" in reason
    assert "stored as a number" in reason


def test_a_mentors_nip_is_judged_so_too() -> None:
    text = "nip,mentor_nip,focus,effective_date,reference\n196701111991032001,1.98609E+17,Arsip,2024-05-02,M-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "mentoring_start"))
    assert "wrote in scientific notation" in unread(row, "mentor_nip")
    assert isinstance(row, dict)
    assert row["nip"] == "196701111991032001"


@pytest.mark.parametrize("cell", ["196701111991032001", "19670111 199103 2 001", "19670111.199103.2.001"])
def test_a_nip_typed_as_text_is_read_as_before(cell: str) -> None:
    row = read(cell)
    assert isinstance(row, dict)
    assert row["nip"] == cell


FIX = "In the spreadsheet, format column {column} as Text, type this NIP again as the decree writes it"


@pytest.mark.parametrize("cell", ["196701111991032000", "1.96701E+17"])
def test_each_rows_reason_names_the_column_as_typed_and_the_fix(cell: str) -> None:
    """The reason named `the column` of a file whose NIPs may sit in more than one column (the employee's, the
    mentor's), under any of their names ("NIP", "nip_mentor", "NIP Mentor"), and said to "type the NIPs again": each
    row refused so now names its column as the header writes it, and the steps that mend it (the digits are lost
    from the file: typed again, not reformatted)."""
    text = " NIP ;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\n"
    text += f"{cell};TEKNIS;Pelatihan;BPSDM;2;01/05/2024;02/05/2024;R-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    reason = unread(row)
    assert FIX.format(column="'NIP'") in reason
    assert "save the file again as CSV and import this row again" in reason


def test_a_mentors_nip_names_its_own_column() -> None:
    text = "NIP,NIP Mentor,focus,effective_date,reference\n196701111991032001,1.98609E+17,Arsip,2024-05-02,M-1\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "mentoring_start"))
    assert FIX.format(column="'NIP Mentor'") in unread(row, "mentor_nip")

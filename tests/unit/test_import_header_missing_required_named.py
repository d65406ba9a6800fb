"""A header naming the NIP and a column of no field of its kind, but leaving out a required column, was refused naming
the column of no field alone: a post appointment's "NIP Baru;Jenis Jabatan;Nama Diklat;Nama Jabatan;Jenjang Jabatan;
TMT;Nomor SK;Unit Kerja" was told "names columns 'Nama Diklat' that are no fields of post appointment", while what
kept its rows out was the missing Jenis Penugasan (with it added, 'Nama Diklat' is only left out with its note). The
refusal names the required columns left out too (UNKNOWN_COLUMNS_MISSING), so that one correction of the header
does."""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import IGNORED_COLUMN, UNKNOWN_COLUMNS, UNKNOWN_COLUMNS_MISSING, ColumnNotes, read_csv

HEADER = "NIP Baru;Jenis Jabatan;Nama Diklat;Nama Jabatan;Jenjang Jabatan;TMT;Nomor SK;Unit Kerja"
ROW = "198503142010011001;PELAKSANA;Diklat PIM;Analis Kepegawaian;;05/01/2020;SK-1;Bapeda"


def test_a_header_leaving_out_a_required_column_names_it_beside_the_column_of_no_field() -> None:
    [(line, problem, _)] = list(read_csv(io.BytesIO(f"{HEADER}\r\n{ROW}\r\n".encode()), "post_appointment"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert reason.refusal is UNKNOWN_COLUMNS_MISSING  # type: ignore[attr-defined]
    assert reason.startswith(
        "The header (the line of column names, not a row of data) names columns 'Nama Diklat' that are no fields of "
        "post_appointment, and leaves out its required columns assignment (Jenis Penugasan): add those"
    ), reason


def test_with_the_required_column_added_the_column_of_no_field_is_left_out_with_its_note() -> None:
    header = f"{HEADER};Jenis Penugasan"
    (_, notes, _), (_, row, _) = list(
        read_csv(io.BytesIO(f"{header}\r\n{ROW};DEFINITIVE\r\n".encode()), "post_appointment")
    )
    assert type(notes) is ColumnNotes
    assert notes.errors["Nama Diklat"][0].refusal is IGNORED_COLUMN  # type: ignore[attr-defined]
    assert isinstance(row, dict)
    assert row["assignment"] == "DEFINITIVE"


def test_a_header_of_no_nip_is_refused_as_before() -> None:
    """A header naming no subject (a file of another kind, a title above it) is told its columns of no field alone."""
    header = HEADER.replace("NIP Baru;", "")
    [(_, problem, _)] = list(read_csv(io.BytesIO(f"{header}\r\n".encode()), "post_appointment"))
    assert isinstance(problem, InvalidInput)
    assert problem.errors["line"][0].refusal is UNKNOWN_COLUMNS  # type: ignore[attr-defined]

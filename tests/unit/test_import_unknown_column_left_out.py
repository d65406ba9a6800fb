"""A header naming the NIP and every required column of its kind, beside a column of no field near none ("Eselon" in
a file of trainings), is read: the column is left out of every row and said in the report's notes (IGNORED_COLUMN),
naming the kind's columns as its template heads them and their Indonesian names as a header writes them. Until
2026-12-05 such a column threw the whole file away, reported as "line 1 / rejected 1". A column near a known name
(misspelt: "Tanggal Mulia") or a header lacking a required column still refuses the file, saying that the header is
at fault (UNKNOWN_COLUMNS_NEAR; UNKNOWN_COLUMNS_MISSING, naming the required columns left out too)."""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import IGNORED_COLUMN, UNKNOWN_COLUMNS_MISSING, ColumnNotes, read_csv

NIP = "199001012015031002"
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Eselon"
ROWS = "".join(f"{NIP};TEKNIS;Arsip {i};BKPSDM;8;01/10/2021;02/10/2021;H-{i};III.a\r\n" for i in range(19))


def test_a_column_of_no_field_near_none_is_left_out_of_every_row_with_a_note() -> None:
    found = list(read_csv(io.BytesIO((HEADER + "\r\n" + ROWS).encode()), "training"))
    (line, notes, _), *rows = found
    assert line == 1
    assert type(notes) is ColumnNotes
    [reason] = notes.errors["Eselon"]
    assert reason.refusal is IGNORED_COLUMN  # type: ignore[attr-defined]
    assert reason.startswith("Not a column of training: its cells were left out of every row")
    assert "nip, effective_date, reference, training_kind, title" in reason
    assert "Nama Diklat" in reason  # (as a header writes it)
    assert "nama_diklat" not in reason
    assert len(rows) == 19
    assert all(
        isinstance(row, dict) and "eselon" not in row and not any("#note" in k for k in row) for _, row, _ in rows
    )


def test_a_header_lacking_a_required_column_beside_one_of_no_field_is_refused_as_the_header() -> None:
    header = HEADER.replace("Nama Diklat;", "").replace("Eselon", "Uraian")
    [(line, problem, _)] = list(read_csv(io.BytesIO((header + "\r\n").encode()), "training"))
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert reason.refusal is UNKNOWN_COLUMNS_MISSING  # type: ignore[attr-defined]
    assert reason.startswith("The header (the line of column names, not a row of data) names columns 'Uraian'")
    assert "leaves out its required columns title (Nama Diklat" in reason

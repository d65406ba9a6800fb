"""A file whose header leaves out a required column of its kind (a training file with no Penyelenggara or Tanggal
Selesai column), every other column known, was read row by row and each row refused with "Missing data for required
field" beside that field, which read as a cell left empty (the HR explorer's "Isian wajib ini belum diisi" on every
row). The header check named the required columns left out only beside a column of no field (UNKNOWN_COLUMNS_MISSING);
now the header is refused alike when they are its only fault (MISSING_COLUMNS), once, naming each column left out
with its Indonesian names, and nothing is read."""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import MISSING_COLUMNS, read_csv

NIP = "199001012015031002"
HEADER = "NIP;Jenis Diklat;Nama Diklat;JP;Tanggal Mulai;No Sertifikat"
ROWS = "".join(f"{NIP};TEKNIS;Arsip {i};8;01/10/2021;H-{i}\r\n" for i in range(3))


def test_a_header_leaving_out_required_columns_is_refused_once_naming_them() -> None:
    found = list(read_csv(io.BytesIO((HEADER + "\r\n" + ROWS).encode()), "training"))
    [(line, problem, _)] = found  # (no row read: nothing refused row by row)
    assert line == 1
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["line"]
    assert reason.refusal is MISSING_COLUMNS  # type: ignore[attr-defined]
    assert reason.startswith(
        "The header (the line of column names, not a row of data) leaves out required columns of training: "
        "effective_date (TMT, "
    ), reason
    assert "Tanggal Selesai" in reason, reason
    assert "organiser (Penyelenggara" in reason, reason
    assert reason.endswith("Nothing was read."), reason


def test_a_header_naming_every_required_column_is_read() -> None:
    header = HEADER + ";Penyelenggara;Tanggal Selesai"
    rows = "".join(f"{NIP};TEKNIS;Arsip {i};8;01/10/2021;H-{i};BKPSDM;02/10/2021\r\n" for i in range(3))
    found = list(read_csv(io.BytesIO((header + "\r\n" + rows).encode()), "training"))
    assert [type(row) for _, row, _ in found] == [dict, dict, dict]

"""A cell under a column the header leaves unnamed (a remark typed beside the table, as a spreadsheet saves the
columns it formatted with empty names: `...;No Sertifikat;;`) refused its row as `: Unknown field.`, naming no
column at all (on the import page a reason beside an empty label). It is now refused naming the column by its
spreadsheet letter and place, the cell, and the cure; the rows whose cells there are empty are read as before."""

from __future__ import annotations

import io

from careerlog.domain.errors import InvalidInput
from careerlog.importing import UNNAMED_COLUMN, column_letter, read_csv

NIP = "199001012015031002"
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;;\r\n"


def test_a_cell_under_an_unnamed_column_is_refused_naming_the_column_by_its_letter() -> None:
    text = HEADER + f"{NIP};TEKNIS;Arsip;BKPSDM;8;01/07/2021;02/07/2021;E-1;;\r\n"
    text += f"{NIP};TEKNIS;Arsip;BKPSDM;8;01/07/2021;02/07/2021;E-2;;lihat SK\r\n"
    found = {line: row for line, row, _ in read_csv(io.BytesIO(text.encode()), "training")}
    assert isinstance(found[2], dict)
    assert found[2]["reference"] == "E-1"
    problem = found[3]
    assert isinstance(problem, InvalidInput)
    assert problem.errors == {"line": [UNNAMED_COLUMN.reason(letter="J", number=10, cell="'lihat SK'")]}
    reason = problem.errors["line"][0]
    assert "The cell 'lihat SK' is in column J (column 10 from the left), which has no name" in reason


def test_column_letters_are_a_spreadsheets() -> None:
    letters = [column_letter(i) for i in (0, 8, 25, 26, 51, 52, 701, 702)]
    assert letters == ["A", "I", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]

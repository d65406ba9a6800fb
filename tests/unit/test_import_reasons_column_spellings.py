"""careerlog's reasons column of a refused-rows file (careerlog.textfiles.REASONS_COLUMNS) is read as no data by
either language's name, however a spreadsheet or a hand retyped its case, spaces and punctuation; a column that
only begins like it is no such column."""

from __future__ import annotations

import io

import pytest

from careerlog.importing import IGNORED_COLUMN, REASONS_NOTE, ColumnNotes, read_csv

NIP = "199001012015031002"
FIELDS = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
ROW = f"{NIP};TEKNIS;Pelatihan;BPSDM;2;01/05/2024;02/05/2024;R-1"


@pytest.mark.parametrize(
    "column",
    [
        "Alasan penolakan (careerlog)",
        "Refusal reasons (careerlog)",
        "ALASAN PENOLAKAN (CAREERLOG)",
        " Alasan_penolakan careerlog ",
        "refusal-reasons-careerlog",
    ],
)
def test_the_reasons_column_by_any_spelling_is_read_as_no_data(column: str) -> None:
    text = f"{FIELDS};{column}\r\n{ROW};JP: Missing data for required field.\r\n"
    [(_, notes, _n), (_, row, _m)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(notes, ColumnNotes)
    assert notes.errors == {column.strip(): [REASONS_NOTE]}
    assert isinstance(row, dict)
    assert "JP: Missing data for required field." not in row.values()


def test_a_column_beginning_like_the_reasons_column_is_no_such_column() -> None:
    text = f"{FIELDS};Alasan penolakan\r\n{ROW};salah\r\n"
    [(_, header, _n), *_rest] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(header, ColumnNotes)  # (a column of no field, left out: since 2026-12-05 no refusal of the file)
    [note] = header.errors["Alasan penolakan"]
    assert note != REASONS_NOTE
    assert note.refusal is IGNORED_COLUMN  # type: ignore[attr-defined]

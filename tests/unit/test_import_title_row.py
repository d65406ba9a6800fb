"""A spreadsheet's title above its table (`DAFTAR DIKLAT PEGAWAI TAHUN 2021;;;;;;;`, then a blank line, then the
header), as nearly every BKD sheet has one, was refused as `Columns 'DAFTAR DIKLAT PEGAWAI TAHUN 2021' are no fields
of training; its columns are ...`: as if the title were a misnamed column. It is now refused as a title, saying that
the header must be the first line and to delete the lines above it; nothing is read either way."""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import TITLE_ROW, UNKNOWN_COLUMNS, read_csv

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


def test_a_header_of_several_columns_that_are_no_fields_is_refused_naming_them_as_before() -> None:
    text = "NIP;Uraian;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\r\n"
    [(_, problem, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(problem, InvalidInput)
    assert problem.errors["line"][0].startswith("Columns 'Uraian' are no fields of training")
    assert problem.errors["line"][0].refusal is UNKNOWN_COLUMNS  # type: ignore[attr-defined]

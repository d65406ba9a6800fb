"""A column's Indonesian name written with an abbreviation's dot, as BKD spreadsheets head them (`No. SK`, `No.
Sertifikat`, `Nomor SK.`), is read as the name without it (`No SK`: the reference). Until 2026-12-04 the dot was
kept, `no._sk` named no field, and the whole file was refused at line 1 ("Columns 'No. SK' are no fields of
rank_promotion (did you mean no_sk?)"), while `No.` alone was already read as the row number's column of notes."""

from __future__ import annotations

import io

import pytest

from careerlog.importing import read_csv
from careerlog.textfiles import column_name

NIP = "198609262010031001"


@pytest.mark.parametrize("typed", ["No. SK", "no.sk", "NO. SK", "Nomor SK.", "No. Sertifikat", "No.Sertifikat"])
def test_an_indonesian_column_name_with_an_abbreviations_dot_names_its_field(typed: str) -> None:
    assert column_name(typed) == "reference"


def test_a_file_so_headed_is_read() -> None:
    text = f"No.;NIP;Pangkat Baru;Jenis KP;TMT;No. SK\r\n1;{NIP};III/b;101;01/04/2019;800/KP/1/2019\r\n"
    [(_, notes, _), (line, row, _)] = list(read_csv(io.BytesIO(text.encode()), "rank_promotion"))
    assert "No.: A column of notes" in str(notes)
    assert line == 2
    assert isinstance(row, dict)
    assert row["reference"] == "800/KP/1/2019"
    assert row["nip"] == NIP


def test_a_name_of_no_field_with_a_dot_is_refused_as_before() -> None:
    assert column_name("Ket. Lain") == "ket._lain"
    assert column_name("start_date") == "start_date"


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("Tgl Mulai", "start_date"),
        ("Tgl. Mulai", "start_date"),
        ("TGL SELESAI", "effective_date"),
        ("Tgl", "effective_date"),
        ("Tgl. Lahir", "birth_date"),
        ("Tgl SK", "decree_date"),
        ("Tgl. Keputusan", "decree_date"),
    ],
)
def test_tanggal_abbreviated_tgl_names_the_same_field(typed: str, field: str) -> None:
    """`Tgl` is how Indonesian spreadsheets abbreviate Tanggal (date): until 2026-12-04 `Tgl Mulai` refused the file
    at line 1 ("did you mean tanggal_mulai?")."""
    assert column_name(typed) == field

"""A template's marks after a column's name are no part of it (careerlog.textfiles.column_name): the asterisk of a
required column ("NIP*", "Jenis Diklat *") and the form of its dates, day first or as YYYY-MM-DD ("Tanggal Mulai
(dd/mm/yyyy)", "TMT (hh-bb-tttt)"), as agencies' upload templates head their columns. Such a header refused the file
as columns of no field. A form of the month first ("(mm/dd/yyyy)") is no mark (a semicolon file would read its
dates the other way), nor any other parenthesis ("Tanggal (Mulai)")."""

from __future__ import annotations

import pytest

from careerlog.textfiles import column_name, without_marks
from tests.unit.test_import_csv_header import rows

NIP = "199001012015031002"


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("NIP*", "nip"),
        ("NIP *", "nip"),
        ("Jenis Diklat **", "training_kind"),
        ("Tanggal Mulai (dd/mm/yyyy)", "start_date"),
        ("TANGGAL SELESAI (DD-MM-YYYY) *", "effective_date"),
        ("TMT (hh-bb-tttt)", "effective_date"),
        ("TMT (yyyy-mm-dd)", "effective_date"),
        ("Tahun (yyyy)", "year"),
        ("No. SK*", "reference"),
    ],
)
def test_a_templates_marks_after_a_columns_name_are_no_part_of_it(typed: str, field: str) -> None:
    assert column_name(typed) == field


@pytest.mark.parametrize("typed", ["TMT (mm/dd/yyyy)", "Tanggal (Mulai)", "Biaya (Rp)", "*"])
def test_a_month_first_form_or_another_parenthesis_is_kept(typed: str) -> None:
    assert column_name(typed) == "_".join(typed.lower().split())


def test_a_template_headed_sheet_is_read_by_its_columns() -> None:
    text = "NIP*;Jenis Diklat*;Nama Diklat*;Penyelenggara*;JP*;Tanggal Mulai (dd/mm/yyyy)*;"
    text += "Tanggal Selesai (dd/mm/yyyy)*;Nomor Sertifikat*\r\n"
    text += f"{NIP};TEKNIS;Arsip Digital;BPSDM;24;04/03/2024;06/03/2024;CERT-1\r\n"
    [(line, row)] = rows(text)
    assert line == 2
    assert isinstance(row, dict)
    assert (row["nip"], row["start_date"], row["effective_date"], row["reference"]) == (
        NIP,
        "2024-03-04",
        "2024-03-06",
        "CERT-1",
    )


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("NIP*", "NIP"),
        ("Tanggal Mulai (dd/mm/yyyy)", "Tanggal Mulai"),
        ("  x", "  x"),
        ("x  ", "x  "),
        ("Jenis Diklat * (DD.MM.YYYY) ** ", "Jenis Diklat"),
        ("TMT (mm/dd/yyyy)", "TMT (mm/dd/yyyy)"),
        ("**", "**"),
        (" " * 30_000 + "x", " " * 30_000 + "x"),
    ],
)
def test_a_templates_marks_are_cut_from_the_end_alone(typed: str, bare: str) -> None:
    """(Read from the end, linear in the name: until 2026-12-07 a regular expression searched from every position,
    quadratic, so that a header cell of 30,000 spaces before a letter held the server a minute.)"""
    assert without_marks(typed) == bare

"""A CSV cell written as a spreadsheet's formula of a text alone (="198609262010031001"), as careerlog's refused rows'
file writes a NIP (careerlog.spreadsheet.kept_as_text), is read as its text in any column
(careerlog.textfiles.texts_written_as_formulas): the refused rows' file imported again as downloaded shows each row's
NIP as its digits, a NIP refused too, and the file fixed records its rows. Found by an HR tester: until 2026-12-06 a
refused NIP's row showed `="1971..."` in the report's NIP column, and only a NIP's column read the formula."""

from __future__ import annotations

import html
import re

import pytest

from careerlog.textfiles import texts_written_as_formulas
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import HEADER, imported, refused_download

UNKNOWN = "197109012000032001"  # (no record of it)
BAD_DAY = f"{BUDI};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;BAD-1"
NOBODY = f"{UNKNOWN};TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;NOBODY-1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def shown(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))


def test_the_refused_rows_file_imported_again_shows_each_nip_as_its_digits(world: World) -> None:
    page = imported(world, "\r\n".join([HEADER, BAD_DAY, NOBODY]) + "\r\n")
    _, refused = refused_download(world, page)
    assert f'"=""{UNKNOWN}"""' in refused, refused
    assert f'"=""{BUDI}"""' in refused, refused
    again = shown(imported(world, refused.lstrip("\ufeff")))
    assert "=&quot;" not in again, again
    assert '="' not in again, again
    assert f" {UNKNOWN} " in again, again
    fixed = shown(imported(world, refused.lstrip("\ufeff").replace("31/11/2021", "30/11/2021")))
    assert "Tercatat 1 " in fixed, fixed


def test_a_formula_of_a_text_is_read_as_the_text_in_any_column() -> None:
    row = {"nip": f'="{BUDI}"', "reference": ' = "007" ', "title": "=1+1", "unit": '="a" & "b"', "organiser": '=""'}
    texts_written_as_formulas(row)
    assert row == {"nip": BUDI, "reference": "007", "title": "=1+1", "unit": '="a" & "b"'}

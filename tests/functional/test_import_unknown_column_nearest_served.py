"""The import page refuses a CSV column that is no field of the kind but near one ("Tanggal Mulia") suggesting the
name it may be, in the page's language, the kind by its label ("bukan isian Pelatihan"; the code, training, until
2026-12-05); nothing is recorded."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulia;Tanggal Selesai;No Sertifikat\r\n"
ROW = f"{BUDI};TEKNIS;Arsip;BKPSDM;24;04/03/2024;06/03/2024;C-1\r\n"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "id",
            "memuat kolom 'Tanggal Mulia' yang bukan isian Pelatihan (maksudnya Tanggal Mulai?): kolom yang salah "
            "ketik",
        ),
        ("en", "names columns 'Tanggal Mulia' that are no fields of training (did you mean Tanggal Mulai?): a column "),
    ],
)
def test_the_import_page_suggests_the_known_column_nearest_an_unknown_one(world: World, lang: str, said: str) -> None:
    before = world.log()
    page = html.unescape(imported(world, HEADER + ROW, lang=lang))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert said in text, text[text.find("Tanggal Mulia") - 500 :][:2000]
    assert world.log() == before

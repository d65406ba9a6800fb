"""The import page reads a CSV file with a column of no field of its kind near none ("Eselon"), its rows recorded and
the column named under "Columns read but not recorded" with why, in the page's language; until 2026-12-05 the page
said "Baris 1 / Ditolak 1" and nothing was read. The kind is named by its label in the page's language ("Bukan kolom
Pelatihan"), where the Indonesian page said the code ("Bukan kolom training") until 2026-12-05. Both stores."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Eselon\r\n"
# (each on a day of its own: 19 trainings of the same days would hold more than 12 JP a day, training.daily_jp)
ROWS = "".join(
    f"{BUDI};TEKNIS;Arsip {i};BKPSDM;2;{i + 1:02d}/03/2024;{i + 1:02d}/03/2024;ES-{i};III.a\r\n" for i in range(19)
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Eselon: Bukan kolom Pelatihan: selnya dilewati di setiap baris"),
        ("en", "Eselon: Not a column of training: its cells were left out of every row"),
    ],
)
def test_the_import_page_reads_the_rows_and_names_the_column_left_out(world: World, lang: str, said: str) -> None:
    before = len(world.log())
    page = html.unescape(imported(world, HEADER + ROWS, lang=lang))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert said in text, text[-3000:]
    assert len(world.log()) == before + 19

"""The import page reads a training's cost written "-" (no cost) as an empty cell, "Rp 1 500 000" (spaces between the
thousands) and "IDR 1.500.000" as 1500000, and refuses "1,500,000" in an Indonesian file naming why, in Indonesian:
until 2026-12-06 each was refused as "Bukan angka yang sah"."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import imported

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Biaya"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_cost_cells_written_as_people_write_them_are_read_and_an_english_grouping_refused_naming_why(
    world: World,
) -> None:
    rows = [
        f"{BUDI};TEKNIS;Arsip A;BKPSDM;8;01/03/2024;02/03/2024;BIAYA-1;-",
        f"{BUDI};TEKNIS;Arsip B;BKPSDM;8;04/03/2024;05/03/2024;BIAYA-2;Rp 1 500 000",
        f"{BUDI};TEKNIS;Arsip C;BKPSDM;8;06/03/2024;07/03/2024;BIAYA-3;IDR 1.500.000",
        f"{BUDI};TEKNIS;Arsip D;BKPSDM;8;08/03/2024;09/03/2024;BIAYA-4;1,500,000",
    ]
    before = len(world.log())
    page = imported(world, "\r\n".join([HEADER, *rows]) + "\r\n")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert len(world.log()) == before + 3, text[-2000:]
    assert "1,500,000 memisahkan ribuannya dengan koma" in text
    assert "Bukan angka yang sah" not in text

"""The import page shows a refused header (a column misspelt, "Tanggal Mulia") as the header's refusal, apart from
the refused rows: "The header was refused: nothing was read", "Header (line 1): ...", no row counted (Rows 0,
Rejected 0). Until 2026-12-05 it said "Baris 1 / Ditolak 1", its reason under the table's "Baris ke" as a row's.
Both stores."""

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
    ("lang", "said", "counts"),
    [
        (
            "id",
            "Baris judul kolom ditolak: tidak ada yang dibaca",
            "Baris 0 Tercatat 0 Sudah tercatat sebelumnya 0 Ditolak 0",
        ),
        ("en", "The header was refused: nothing was read", "Rows 0 Recorded 0 Already recorded 0 Rejected 0"),
    ],
)
def test_a_refused_header_is_shown_as_the_headers_not_as_a_refused_row(
    world: World, lang: str, said: str, counts: str
) -> None:
    before = world.log()
    page = html.unescape(imported(world, HEADER + ROW, lang=lang))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert said in text, text[-3000:]
    assert counts in text
    header = "Baris judul kolom (baris 1): Baris judul kolom" if lang == "id" else "Header (line 1): The header"
    assert header in text
    assert "Baris ke NIP" not in text
    assert "Line NIP" not in text
    assert world.log() == before

"""The import page shows a refused header (a column misspelt, "Tanggal Mulia") as the header's refusal, apart from
the refused rows: "The header was refused: nothing was read", "Header (line 1): ...", no row counted (Rows 0,
Rejected 0). Until 2026-12-05 it said "Baris 1 / Ditolak 1", its reason under the table's "Baris ke" as a row's.
Since 2026-12-06 the whole file refused as an empty one is: a 422, the refusal beside the file, no report (found by an
HR tester: an empty file was a 422 beside `file`, a refused header a 200 inside the report). Both stores."""

from __future__ import annotations

import html
import io
import re

import pytest
from werkzeug.test import TestResponse

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulia;Tanggal Selesai;No Sertifikat\r\n"
ROW = f"{BUDI};TEKNIS;Arsip;BKPSDM;24;04/03/2024;06/03/2024;C-1\r\n"


def imported_answer(world: World, text: str, lang: str) -> TestResponse:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "kind": "training", "file": (io.BytesIO(text.encode()), "diklat.csv")}
    return world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("lang", "said", "counts"),
    [
        ("id", "Baris judul kolom ditolak: tidak ada yang dibaca.", "Tercatat"),
        ("en", "The header was refused: nothing was read.", "Recorded"),
    ],
)
def test_a_refused_header_is_shown_as_the_headers_not_as_a_refused_row(
    world: World, lang: str, said: str, counts: str
) -> None:
    before = world.log()
    answer = imported_answer(world, HEADER + ROW, lang=lang)
    assert answer.status_code == 422
    page = html.unescape(answer.get_data(as_text=True))
    assert 'id="file-error"' in page  # (beside the file, as an empty file's refusal)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert said in text, text[-3000:]
    assert counts not in text  # (no report: nothing was read)
    header = "Baris judul kolom (baris 1): Baris judul kolom" if lang == "id" else "Header (line 1): The header"
    assert header in text
    assert "Baris ke NIP" not in text
    assert "Line NIP" not in text
    assert world.log() == before


def test_a_title_row_above_the_header_refuses_the_file_as_an_empty_file_is(world: World) -> None:
    """A title row above the header is the whole file refused too: a 422 beside the file, as an empty file's."""
    good = HEADER.replace("Tanggal Mulia", "Tanggal Mulai")
    before = world.log()
    for text in ("Daftar Diklat Pegawai 2024\r\n" + good + ROW, good):  # (a header alone: no rows)
        answer = imported_answer(world, text, lang="en")
        assert answer.status_code == 422, text
        assert 'id="file-error"' in answer.get_data(as_text=True)
    assert world.log() == before

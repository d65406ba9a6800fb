"""The import page says once why every row of a file was refused and lists a few rows of each reason: an HR writer
importing another agency's file of 5,259 rows was shown 5,259 rows "Tidak ada pegawai ... cakupan Anda" (some 2 MB)
and no summary until 2026-12-06. The refused rows' download keeps every row."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_import_refused_rows_download import GOOD, HEADER, imported, refused_download
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores (the NIPs are looked up in the writer's scope)


def rows_of_nips_never_appointed(count: int) -> list[str]:
    return [
        f"19800101200501{1001 + n:04};TEKNIS;Arsip {n};BKPSDM;8;01/03/2024;03/03/2024;LAIN-{n}" for n in range(count)
    ]


def test_a_file_of_no_nip_in_the_scope_is_said_to_be_another_agencys_and_lists_twenty_rows(world: World) -> None:
    before = world.log()
    page = imported(world, "\r\n".join([HEADER, *rows_of_nips_never_appointed(45)]) + "\r\n")
    assert world.log() == before
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    hint = (
        "Tidak satu pun NIP dari 45 baris yang ditolak ada dalam catatan cakupan Anda: apakah ini berkas instansi lain?"
    )
    assert hint in text, text[-2000:]
    assert text.count("Tidak ada pegawai dengan NIP") == 20 + 1  # (twenty rows listed, and the count's example)
    assert "25 baris lagi ditolak seperti baris 2" in text
    _, download = refused_download(world, page)
    assert len(download.strip().splitlines()) == 1 + 45  # (the header and every refused row)


def test_a_few_rows_refused_for_one_reason_are_listed_each_without_a_hint(world: World) -> None:
    page = imported(world, "\r\n".join([HEADER, *rows_of_nips_never_appointed(3)]) + "\r\n")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "apakah ini berkas instansi lain?" in text  # (every one out of the scope: asked)
    assert text.count("Tidak ada pegawai dengan NIP") == 3
    assert "baris lagi ditolak" not in text


ANOTHER_AGENCYS = "apakah ini berkas instansi lain? Tidak ada isinya yang dicatat."
NONE_OF_THESE = (
    "Tidak satu pun NIP dari 3 baris yang ditolak ada dalam catatan cakupan Anda. Tidak satu pun dari baris ini yang "
    "dicatat."
)


def test_a_file_whose_other_rows_were_recorded_is_not_said_to_be_recorded_in_nothing(world: World) -> None:
    """Every refused row out of the scope, but a row recorded: the page said "Nothing of it was recorded" until
    2026-12-06."""
    page = imported(world, "\r\n".join([HEADER, GOOD, *rows_of_nips_never_appointed(3)]) + "\r\n")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert ANOTHER_AGENCYS not in text
    assert NONE_OF_THESE in text, text[-2000:]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_dry_run_is_not_said_to_be_another_agencys_file_recorded_in_nothing(world: World, lang: str) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    text = "\r\n".join([HEADER, *rows_of_nips_never_appointed(3)]) + "\r\n"
    upload = {"csrf_token": token, "kind": "training", "dry_run": "y", "file": (io.BytesIO(text.encode()), "d.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    if lang == "en":
        assert "Nothing of it was recorded" not in page
        assert "None of the 3 refused rows' NIPs is in your scope's records. None of these rows was recorded." in page
    else:
        assert ANOTHER_AGENCYS not in page
        assert NONE_OF_THESE in page, page[-2000:]

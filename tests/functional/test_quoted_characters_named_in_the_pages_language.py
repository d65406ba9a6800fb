"""An invisible character or a no-break space in a quoted value is named in the reader's language: on an Indonesian
page and in the API's Indonesian "(karakter tak terlihat U+200B (ZERO WIDTH SPACE))", the Unicode name as Unicode
writes it, the words around it Indonesian; in English "(U+200B zero-width space)" as before
(careerlog.domain.wording.CHARACTERS_NAMED). Until 2026-12-07 an Indonesian page named it in English. Both stores."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

ROW = f"{BUDI};{{name}};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;{{ref}}"
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("id", "'TEK(karakter tak terlihat U+200B (ZERO WIDTH SPACE))X'"),
        ("en", "'TEK(U+200B zero-width space)X'"),
    ],
)
def test_the_api_names_an_invisible_character_in_the_clients_language(world: World, language: str, said: str) -> None:
    before = world.log()
    body = {"kind": "training", "training_kind": "TEK\u200bX", "title": "Arsip", "organiser": "BKPSDM", "hours": 8}
    body |= {"start_date": "2024-05-06", "effective_date": "2024-05-06", "reference": "Q-9"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body, headers={"Accept-Language": language})
    assert answer.status_code == 422
    [reason] = answer.get_json()["errors"]["training_kind"]
    assert said in reason, reason
    assert ("zero-width space" in reason) is (language == "en")
    assert world.log() == before


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "'Siti(spasi tak terputus U+00A0 (NO-BREAK SPACE))Aminah' bukan nama yang tercatat untuk NIP"),
        ("en", "'Siti(U+00A0 no-break space)Aminah' is not the name recorded for NIP"),
    ],
)
def test_the_import_page_names_a_no_break_space_in_its_language(world: World, lang: str, said: str) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    csv = "\r\n".join([HEADER, ROW.format(name="Siti\u00a0Aminah", ref="Q-1")])
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(csv.encode()), "training.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert said in page, page[-1500:]
    if lang == "id":
        assert "no-break space" not in page

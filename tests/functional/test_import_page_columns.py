"""The import page lists the columns a CSV file of each kind takes, by the names an HR office heads them with
(Tanggal Selesai, JP, Nomor Sertifikat), instead of sending the reader to docs/import-format.md, a path no HR
administrator can open from the site; found walking the demo as HR before a first import."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def columns(world: World, lang: str) -> str:
    page = world.client.get(f"/pages/import?lang={lang}").get_data(as_text=True)
    summary = {"id": "Kolom setiap jenis peristiwa", "en": "The columns of each kind of event"}[lang]
    assert f'<summary><h2 class="in-summary">{summary}</h2></summary>' in page
    found = re.search(r'<details class="columns">(.*?)</details>', page, re.S)
    assert found, page
    assert "docs/import-format.md" not in page
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1])))


@pytest.mark.parametrize(
    ("lang", "end", "hours"),
    [
        (
            "id",
            "Hari terakhir pelatihan (wajib) : effective_date , TMT, Tanggal, Tgl, Tanggal Selesai, Tgl Selesai",
            "JP, Jam Pelajaran",
        ),
        (
            "en",
            "Last day of the training (required) : effective_date , TMT, Tanggal, Tgl, Tanggal Selesai, Tgl Selesai",
            "JP, Jam Pelajaran",
        ),
    ],
)
def test_the_import_page_names_each_kinds_columns_as_a_spreadsheet_heads_them(
    world: World, lang: str, end: str, hours: str
) -> None:
    log_in(world, "hr")
    shown = columns(world, lang)
    training = shown[shown.index(" training ") : shown.index(" training_feedback ")]
    assert end in training
    assert f"hours , {hours}" in training
    assert "nip , NIP Baru" in training

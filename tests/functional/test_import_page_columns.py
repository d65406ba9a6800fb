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


def test_the_import_page_names_the_columns_a_kind_reads_by_its_own_names(world: World) -> None:
    """Each kind's columns by the names a file of that kind reads (textfiles.KIND_HEADER_ALIASES): a study leave's
    start by Tanggal Mulai, not Tanggal Selesai (its end planned, no field of it), a penalty's end by Tanggal
    Selesai; the page listed every kind's by the names of a training's (review of 2026-12-05)."""
    log_in(world, "hr")
    shown = columns(world, "en")
    leave = shown[shown.index(" study_leave_start ") : shown.index(" study_leave_end ")]
    assert "effective_date , TMT, Tanggal, Tgl, Tanggal Mulai, Tgl Mulai, TMT Mulai" in leave
    assert "Selesai" not in leave
    penalty = shown[shown.index(" penalty ") : shown.index(" status_change ")]
    assert "Tanggal Selesai, Tgl Selesai, TMT Selesai" in penalty[penalty.index("end_date") :]

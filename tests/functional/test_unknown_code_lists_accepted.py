"""An import row refused for a code no reference table holds ("Pelatihan Kearsipan" for a training's kind; "Pelatihan
Teknis" until 2026-12-04, read since as TEKNIS: tests/integration/test_import_training_kind_names.py) names, on the
import page and in its download of the refused rows, the codes accepted, each by its name in the page's language:
"Kode 'Pelatihan Kearsipan' tidak dikenal; lihat tabel referensi training_kinds. Yang diterima: STRUKTURAL (Diklat
struktural / kepemimpinan), ..., TEKNIS (Diklat teknis), ...", where it only said to see the training_kinds
reference table, which no page of HR's shows (the record form's lists do; an import has none). A table of many
codes (the regions) is not listed. The table is named in the page's language ("lihat tabel referensi jenis
pelatihan"; its code training_kinds until 2026-12-05). The API and the command line keep their message."""

from __future__ import annotations

from io import BytesIO

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import refused_download
from tests.functional.test_pages_auth import csrf_token, log_in

SHEET = (
    "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;Nomor Sertifikat\r\n"
    f"{BUDI};Pelatihan Kearsipan;Arsip;BPSDM;20;01/02/2020;03/02/2020;CERT-UC-1\r\n"
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, lang: str, sheet: str = SHEET, kind: str = "training") -> str:
    world.client.get(f"/pages/import?lang={lang}")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "kind": kind, "dry_run": "y"}
    data["file"] = (BytesIO(sheet.encode()), "diklat.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "said", "accepted"),
    [
        (
            "id",
            "Kode &#39;Pelatihan Kearsipan&#39; tidak dikenal; lihat tabel referensi jenis pelatihan.",
            "Yang diterima: STRUKTURAL (Diklat struktural / kepemimpinan)",
        ),
        (
            "en",
            "Unknown code &#39;Pelatihan Kearsipan&#39;; see the training kinds reference table.",
            "Accepted: STRUKTURAL (Structural / leadership training)",
        ),
    ],
)
def test_an_unknown_code_of_an_import_row_is_told_with_the_codes_accepted(
    world: World, lang: str, said: str, accepted: str
) -> None:
    log_in(world, "hr")
    before = world.log()
    page = imported(world, lang)
    assert said in page
    assert accepted in page
    assert "TEKNIS (" in page[page.index(accepted) :]
    _name, refused = refused_download(world, page)
    assert refused.count(accepted.replace("&#39;", "'")) == 1
    assert world.log() == before


def test_a_large_tables_codes_are_not_listed(world: World) -> None:
    log_in(world, "hr")
    sheet = f"NIP;TMT;Nomor SK;Instansi;Unit Kerja;Wilayah\r\n{BUDI};01/02/2020;PL-UC-1;KOTA-MEDAN;Bappeda;99.99\r\n"
    page = imported(world, "en", sheet, "placement")
    assert "Unknown code &#39;99.99&#39;" in page
    assert "Accepted:" not in page


def test_the_api_keeps_its_message(world: World) -> None:
    """The API lists no codes in the refusal: it names where they are read (since 2026-12-05)."""
    body = {"kind": "exam", "effective_date": "2016-05-01", "reference": "EX-UC", "exam": "NOPE"}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.get_json()["errors"]["exam"] == [
        "Unknown code 'NOPE'; see the exams reference table (GET /api/v1/reference/exams)."
    ]


@pytest.mark.parametrize(
    ("lang", "accepted"),
    [
        ("en", "Accepted: 101 (Regular), 201 (Selective: structural post)"),
        ("id", "Yang diterima: 101 (Reguler), 201 (Pilihan"),
    ],
)
def test_the_promotion_kinds_accepted_are_named_as_the_record_form_names_them(
    world: World, lang: str, accepted: str
) -> None:
    log_in(world, "hr")
    sheet = f"NIP;TMT;Nomor SK;Pangkat Baru;Jenis KP\r\n{BUDI};01/04/2019;KP-UC-1;III/b;Luar biasa\r\n"
    assert accepted in imported(world, lang, sheet, "rank_promotion")

"""A CSV file named in Indonesian after a kind holds that kind, as one named in English does: HR staff name a
training file pelatihan.csv (the page's own name for the kind), and a second download of it "pelatihan (1).csv".
Such a file was of no kind, its line 1 refused and nothing read (found by helper hrhunt)."""

from __future__ import annotations

import io

import pytest

from tests.functional.conftest import BUDI, World

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat\r\n"
ROW = f"{BUDI};TEKNIS;Arsip;BKPSDM;24;04/03/2024;06/03/2024;C-1\r\n"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize("name", ["pelatihan.csv", "pelatihan (1).csv", "Pelatihan 2024.csv"])
def test_a_csv_named_in_indonesian_after_a_kind_holds_that_kind(world: World, name: str) -> None:
    upload = {"file": (io.BytesIO((HEADER + ROW).encode()), name)}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert (report["recorded"], report["rejected"]) == (1, [])

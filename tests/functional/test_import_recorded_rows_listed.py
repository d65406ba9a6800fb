"""The import report lists the rows it recorded (line, NIP, event, the version each has in its record: the first 20
by line, as it lists the rows already recorded), on the page and in the API's answer (acceptance walk of 2026-12-02,
F5: the report said how many were recorded, not which lines went in)."""

from __future__ import annotations

import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
ROWS = [
    f"{BUDI};TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;LISTED-1",
    f"{BUDI};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;LISTED-2",
    f"{BUDI};TEKNIS;Kearsipan;BKPSDM;8;01/03/2022;04/03/2022;LISTED-3",
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def test_the_import_page_lists_the_rows_recorded(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=en")
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    upload = {"csrf_token": token, "kind": "training", "file": (io.BytesIO(text.encode()), "diklat.csv")}
    page = world.client.post("/pages/import?lang=en", data=upload, content_type="multipart/form-data")
    body = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert "Rows recorded" in body
    listed = re.search(r'aria-labelledby="h-recorded".*?<tbody>(.*?)</tbody>', body)
    assert listed, body
    lines = re.findall(r"<tr><td>(\d+)</td>", listed[1])
    assert lines == ["2", "4"]  # line 3 was refused (31 November)
    assert BUDI in listed[1]


def test_the_apis_import_answer_lists_the_rows_recorded(world: World) -> None:
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    data = {"file": (io.BytesIO(text.encode()), "training.csv")}  # (the kind from the file's name)
    answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert answer.status_code in (200, 201, 202), answer.get_data(as_text=True)
    body = answer.get_json()
    report = body.get("report", body)
    assert [(r["line"], r["subject"], r["kind"]) for r in report["recorded_rows"]] == [
        (2, BUDI, "training"),
        (4, BUDI, "training"),
    ]
    assert all(isinstance(r["version"], int) for r in report["recorded_rows"])

"""The import page's report names a refused field as the record form names it for that kind: a training's last day
is "Hari terakhir pelatihan" (the file's "Tanggal Selesai"), not the generic "Tanggal berlaku (TMT)", which an HR
clerk cannot find among the file's columns; found importing an Indonesian HR office's training file on the demo."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

CSV = "\r\n".join(
    [
        "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;8;15/11/2021;31/11/2021;NAMED-1",
    ]
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    ("lang", "named", "generic"),
    [
        ("id", "Hari terakhir pelatihan:", "Tanggal berlaku (TMT):"),
        ("en", "Last day of the training:", "Effective date"),
    ],
)
def test_a_refused_cell_is_named_in_the_report_as_the_kinds_form_names_it(
    world: World, lang: str, named: str, generic: str
) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "dry_run": "y", "kind": "training", "file": (io.BytesIO(CSV.encode()), "f.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    row = re.search(r"<tr><td>2</td>(.*?)</tr>", answer.get_data(as_text=True), re.S)
    assert row, answer.get_data(as_text=True)
    reasons = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row[1])))
    assert named in reasons
    assert generic not in reasons

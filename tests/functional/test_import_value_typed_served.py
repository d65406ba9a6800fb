"""The import page and the API's import answer show each refused cell as it was typed beside the reason, in both
languages; the page escapes it and the CSV download never runs it as a formula."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

CSV = "\r\n".join(
    [
        "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;delapan;04/03/2024;04/03/2024;TYPED-1",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;<b>8</b>;04/03/2024;04/03/2024;TYPED-2",
        f"{BUDI};TEKNIS;Arsip;BKPSDM;=1+1;04/03/2024;04/03/2024;TYPED-3",
    ]
)


def text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize(("lang", "word"), [("en", "typed"), ("id", "tertulis")])
def test_the_import_page_shows_each_refused_cell_as_typed(world: World, lang: str, word: str) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(CSV.encode()), "training.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    served = answer.get_data(as_text=True)
    assert f"({word}: delapan)" in text(served)
    assert f"({word}: =1+1)" in text(served)
    assert "&lt;b&gt;8&lt;/b&gt;" in served
    assert "<b>8</b>" not in served


def test_the_api_answer_and_its_csv_carry_the_cells_as_typed(world: World) -> None:
    data = {"file": (io.BytesIO(CSV.encode()), "training.csv")}
    report = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data").get_json()
    assert [problem["values"] for problem in report["rejected"]] == [
        {"hours": "delapan"},
        {"hours": "<b>8</b>"},
        {"hours": "=1+1"},
    ]
    data = {"file": (io.BytesIO(CSV.encode()), "training.csv")}
    served = world.post(
        "/api/v1/imports?dry_run=true&format=csv", "hr", data=data, content_type="multipart/form-data"
    ).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(served)))
    assert [row["values"] for row in rows][2] == '{"hours": "=1+1"}'
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())

"""The import page names the columns it read and did not record (a row number, remarks, the name checked), the
line a repeated row repeats, and a row of another employee's name, in both languages."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

ROW = f"{BUDI};{{name}};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;{{ref}}"
CSV = "\r\n".join(
    [
        "No;NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat",
        "1;" + ROW.format(name="Budi Siregar", ref="NOTES-1"),
        "2;" + ROW.format(name="Budi Siregar", ref="NOTES-1"),  # line 2 again
        "3;" + ROW.format(name="Siti Aminah", ref="NOTES-2"),  # another employee's row under Budi's NIP
    ]
)


def text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "id",
            [
                "Kolom yang dibaca tetapi tidak dicatat",
                "No: Kolom catatan: dibaca, tidak dicatat.",
                "Mengulang baris",
                "'Siti Aminah' bukan nama yang tercatat untuk NIP",
            ],
        ),
        (
            "en",
            [
                "Columns read but not recorded",
                "No: A column of notes: read, not recorded.",
                "Repeats line",
                "'Siti Aminah' is not the name recorded for NIP",
            ],
        ),
    ],
)
def test_the_import_page_names_the_notes_the_repeated_line_and_a_name_of_another(
    world: World, lang: str, words: list[str]
) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(CSV.encode()), "training.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    page = text(answer.get_data(as_text=True))
    for word in words:
        assert word in page
    assert re.search(rf" 3 {BUDI} \S+ \d+ 2 ", page)  # line 3 repeats line 2


def test_the_api_answer_names_the_notes_and_the_line_repeated(world: World) -> None:
    data = {"file": (io.BytesIO(CSV.encode()), "training.csv")}
    report = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data").get_json()
    assert [(seen["line"], seen["repeats_line"]) for seen in report["already_recorded_rows"]] == [(3, 2)]
    assert [(note["line"], sorted(note["errors"])) for note in report["notes"]] == [(1, ["Nama", "No"])]
    [problem] = report["rejected"]
    assert (problem["line"], list(problem["errors"])) == (4, ["name"])

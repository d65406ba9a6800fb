"""The import page reads the dates an Indonesian spreadsheet writes (17.08.2021, 17-08-2021, 17 Agustus 2021) and a
name beside the NIP written with titles and honorifics; a refused row names every problem at once, each refused cell
shown once, as written in the file (17/08/2031, not the date read from it), in both languages."""

from __future__ import annotations

import html
import io
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
CSV = "\r\n".join(
    [
        HEADER,
        f"{BUDI};Drs. H. Budi Siregar, M.Si.;TEKNIS;Arsip;BKPSDM;8;16.08.2021;17.08.2021;WRIT-1",
        f"{BUDI};BUDI SIREGAR;TEKNIS;Arsip Dinamis;BKPSDM;8;16-08-2021;17 Agustus 2021;WRIT-2",  # (not line 2's)
        f"{BUDI};Budi Siregar;TEKNIS;;BKPSDM;8;17/08/2031;17/08/2031;WRIT-3",  # no title, in the future
        f"{BUDI};Budi Siregar;TEKNIS;Arsip;BKPSDM;8;01/02/2021;31.02.2021;WRIT-4",  # no such day
    ]
)


def text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize(
    ("lang", "word", "future", "missing", "no_day"),
    [
        ("en", "typed", "is in the future", "Missing data", "No such day in the calendar"),
        ("id", "tertulis", "di masa depan", "wajib", "Tidak ada hari seperti itu di kalender"),
    ],
)
def test_the_import_page_reads_day_first_dates_and_names_every_problem_of_a_row_once(
    world: World, lang: str, word: str, future: str, missing: str, no_day: str
) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(CSV.encode()), "training.csv")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    shown = text(answer.get_data(as_text=True))
    # the refused rows' table: the rows that would be recorded (lines 2 and 3, d57ecde) are listed after it
    refused = answer.get_data(as_text=True).split('id="h-recorded"')[0]
    rows = {int(m[1]): m[2] for m in re.finditer(r"<tr><td>(\d+)</td>(.*?)</tr>", refused, re.S)}
    assert set(rows) == {4, 5}, shown  # lines 2 and 3 would be recorded
    line4, line5 = text(rows[4]), text(rows[5])
    assert future in line4
    assert missing in line4
    assert line4.count(f"({word}: 17/08/2031)") == 1
    assert no_day in line5
    assert line5.count("31.02.2021") == 1


def test_the_api_answer_carries_the_cells_as_written_and_every_problem(world: World) -> None:
    data = {"file": (io.BytesIO(CSV.encode()), "training.csv")}
    report = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data").get_json()
    assert (report["rows"], report["recorded"]) == (4, 2)
    third, fourth = report["rejected"]
    assert list(third["errors"]) == ["effective_date", "title"]
    assert third["errors"]["effective_date"] == ["2031-08-17 is in the future."]
    assert third["values"] == {"effective_date": "17/08/2031"}
    assert fourth["values"] == {"effective_date": "31.02.2021"}

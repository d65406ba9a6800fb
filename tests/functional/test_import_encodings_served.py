"""The API and the import page on files in the encodings Windows tools save (tests/unit/test_import_encodings.py).

A UTF-16 file is a 422 naming `file` (the page: the reason beside the file field), nothing recorded;
a CSV row with a Windows-1252 byte in a file of UTF-8 letters too is one rejected row at its line and column, the
others recorded; a CSV of Windows-1252 throughout is read whole as it, the report's notes saying so.
"""

from __future__ import annotations

import io
import json

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

TRAINING = {"nip": BUDI, "kind": "training", **f.training("2024-02-02", hours=8)}


def test_the_api_refuses_a_utf16_file_naming_file_and_records_nothing(world: World) -> None:
    before = world.log()
    content = (json.dumps(TRAINING) + "\n").encode("utf-16")
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(content), "events.jsonl")})
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert "UTF-16" in answer.get_json()["errors"]["file"][0]
    assert world.log() == before


def test_the_api_rejects_a_windows_1252_row_at_its_line_and_column_and_records_the_others(world: World) -> None:
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    good = f"{BUDI},TEKNIS,Pelatihan Café,BPSDM,8,2024-02-01,2024-02-02,ENC-1\n"
    bad = f"{BUDI},TEKNIS,Pelatihan Café,BPSDM,8,2024-02-01,2024-02-02,ENC-2\n"
    content = (header + bad).encode("cp1252") + good.encode()  # (two encodings: each row read as UTF-8)
    answer = world.post("/api/v1/imports", who="hr", data={"file": (io.BytesIO(content), "training.csv")})
    assert answer.status_code == 200
    report = answer.get_json()
    assert (report["recorded"], report["rows"]) == (1, 2)
    [rejected] = report["rejected"]
    assert (rejected["line"], rejected["subject"], rejected["kind"]) == (2, BUDI, "training")  # (its NIP, kind)
    assert rejected["errors"]["title"][0].startswith("Not UTF-8 text: 'Pelatihan Caf\\xe9'")


def test_the_import_page_reads_a_windows_1252_file_whole_and_says_so_in_indonesian(world: World) -> None:
    """Found by an HR writer's pass of 2026-12-05: the rows of a file Excel saved as Windows-1252 holding an en-dash
    were refused while the others were recorded."""
    log_in(world, "hr")
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    rows = [
        f"{BUDI},TEKNIS,Pelatihan Arsip,BPSDM,8,2024-02-01,2024-02-02,ENC-3\n",
        f"{BUDI},TEKNIS,Pelatihan Arsip \u2013 Tahap II,BPSDM,8,2024-02-03,2024-02-04,ENC-4\n",
    ]
    content = "".join([header, *rows]).encode("cp1252")
    data = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "dry_run": "y"}
    data["file"] = (io.BytesIO(content), "training.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Berkas ini bukan teks UTF-8: seluruhnya dibaca sebagai Windows-1252" in page
    assert "Bukan teks UTF-8" not in page
    # (a notice of its own, not a column "file:" under the columns read but not recorded, as until 2026-12-06)
    notice = page[page.index("Pengodean berkas") :]
    assert notice.index("Berkas ini bukan teks UTF-8") < notice.index("</p>")
    assert "Kolom yang dibaca tetapi tidak dicatat" not in page
    assert "file: " not in page


def test_the_import_page_shows_the_utf16_refusal_beside_the_file_field(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    content = (json.dumps(TRAINING) + "\n").encode("utf-16")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(content), "events.jsonl")}
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'aria-describedby="file-error"' in page
    error = page[page.index('id="file-error"') :]
    assert "UTF-16" in error[: error.index("</span>")]
    assert world.log() == before


def test_the_import_page_shows_the_refusal_of_utf16_without_a_mark_in_indonesian(world: World) -> None:
    """UTF-16 text without a byte-order mark is refused as UTF-16 too (it was refused as a header of unknown columns,
    'n\\x00i\\x00p\\x00', ...), in the page's language."""
    log_in(world, "hr")
    before = world.log()
    content = (json.dumps(TRAINING) + "\n").encode("utf-16-le")
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(content), "events.jsonl")}
    answer = world.client.post("/pages/import?lang=id", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = page[page.index('id="file-error"') :]
    assert (
        "Berkas ini teks UTF-16 (tanpa penanda urutan bita: satu bita nol di samping setiap huruf baris pertamanya)"
        in (error[: error.index("</span>")])
    )
    assert world.log() == before

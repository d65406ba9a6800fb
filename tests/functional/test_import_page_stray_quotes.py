"""A stray quote mark in a CSV file on the import page and the API (the command's: tests/integration/
test_import_stray_quotes.py): a cell opened by a quote mark never closed took the lines after it into one cell and its
row was recorded with them in its title, a dry run saying it would be; `Pelatihan "Arsip` was recorded quote mark and
all. Each such row is now refused at its own line, naming the column and why, nothing of it recorded, the lines after
it read as rows; the refused rows' download gives the row's cells as written, quote mark and all."""

from __future__ import annotations

import html
import io
import re

import pytest

from careerlog.importing import STRAY_QUOTE, UNCLOSED_QUOTE
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def row(reference: str, title: str = "") -> str:
    title = title or f"Arsip {reference}"  # (each its own title: no training recorded twice, rule training.duplicate)
    return f"{BUDI};TEKNIS;{title};BKPSDM;8;15/11/2021;19/11/2021;{reference}"


# line 3 opens a quote never closed (csv.reader took lines 4 and 5 into its title), line 5 holds a lone one (quote
# marks in pairs within a cell are read as written: tests/integration/test_import_stray_quotes.py)
CSV = "\r\n".join([HEADER, row("SQ-1"), row("SQ-2", '"Arsip dinamis'), row("SQ-3"), row("SQ-4", 'Arsip "B')]) + "\r\n"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def references(world: World) -> list[str]:
    events = world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"]
    return sorted(e["reference"] for e in events if e["kind"] == "training")


@pytest.mark.parametrize("dry_run", [False, True], ids=["recorded", "dry run"])
def test_the_import_page_refuses_each_row_breaking_the_quoting_rules_at_its_line(world: World, dry_run: bool) -> None:
    log_in(world, "hr")
    before = references(world)
    upload = {"csrf_token": csrf_token(world.client, "/pages/import?lang=en"), "kind": "training"}
    upload["file"] = (io.BytesIO(CSV.encode()), "diklat.csv")  # type: ignore[assignment]
    if dry_run:
        upload["dry_run"] = "y"
    answer = world.client.post("/pages/import?lang=en", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = html.unescape(answer.get_data(as_text=True))
    totals = re.sub(r"\s+", "", page)
    assert "<dt>Rejected</dt><dd>2</dd>" in totals
    assert str(UNCLOSED_QUOTE.reason(first=3, last=5)) in page
    assert re.search(re.escape(str(STRAY_QUOTE)) + r'\s*<span class="typed">\(typed: Arsip "B\)</span>', page)
    refused = page[page.index("Reasons</th>") :]
    lines = re.findall(r"<tr><td>(\d+)</td><td>", refused[: refused.index("</table>")])
    assert lines == ["3", "5"]
    expected = before if dry_run else sorted([*before, "SQ-1", "SQ-3"])
    assert references(world) == expected


def test_the_api_refuses_each_row_breaking_the_quoting_rules_at_its_line(world: World) -> None:
    data = {"file": (io.BytesIO(CSV.encode()), "diklat.csv")}
    answer = world.post("/api/v1/imports?kind=training", "hr", data=data, content_type="multipart/form-data")
    report = answer.get_json()
    assert (report["rows"], report["recorded"]) == (4, 2)
    assert [(p["line"], p["subject"], p["errors"], p["values"]) for p in report["rejected"]] == [
        (3, BUDI, {"title": [UNCLOSED_QUOTE.reason(first=3, last=5)]}, {"title": '"Arsip dinamis'}),
        (5, BUDI, {"title": [STRAY_QUOTE]}, {"title": 'Arsip "B'}),
    ]


def test_the_import_page_names_in_indonesian_the_rows_a_stray_quote_would_run_together(world: World) -> None:
    """A quote opened on line 2 and closed in the same column on line 4 read as one record of the header's width
    (line 3's whole row lost in its title, line 4's cells recorded under SQ-7): the page now refuses line 2 in
    Indonesian naming lines 2 to 4 and line 3 as a row of its own, records line 3, and refuses line 4's stray
    quote."""
    log_in(world, "hr")
    before = references(world)
    lines = [HEADER, row("SQ-5", '"Arsip dinamis'), row("SQ-6"), row("SQ-7", 'Arsip statis"')]
    upload = {"csrf_token": csrf_token(world.client, "/pages/import?lang=id"), "kind": "training"}
    upload["file"] = (io.BytesIO(("\r\n".join(lines) + "\r\n").encode()), "diklat.csv")  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = " ".join(html.unescape(answer.get_data(as_text=True)).split())
    assert (
        'Tanda petik (") membuka sel ini dan tidak ditutup pada barisnya, melainkan pada baris 4, sehingga baris 2 '
        "sampai 4 akan terbaca sebagai satu baris data: sel ini memuat ganti baris dan baris data yang ditulis "
        "sesudahnya (baris 3 memuat sel sebanyak kolom header: baris data tersendiri)."
    ) in page
    refused = page[page.index("</th></tr>", page.index("Alasan")) :]
    assert re.findall(r"<tr><td>(\d+)</td><td>", refused[: refused.index("</table>")]) == ["2", "4"]
    assert references(world) == sorted([*before, "SQ-6"])

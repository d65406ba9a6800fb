"""The import page's report offers the refused rows of a CSV file as a download, as they were written (the file's
own header, separator and cells) with careerlog's column giving the reasons ("Alasan penolakan (careerlog)"), which
the importer reads as no data: HR fixes them in the spreadsheet and imports that file again (acceptance walk of
2026-12-02, F5: the refused rows could only be read off the page)."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from itsdangerous import URLSafeTimedSerializer
from werkzeug.test import TestResponse

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"
GOOD = f"{BUDI};TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;GOOD-1"
BAD_DAY = f"{BUDI};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;BAD-1"
NO_TITLE = f'{BUDI};TEKNIS;;"BKPSDM; Medan";8;01/03/2022;04/03/2022;BAD-2'


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def test_config(test_config: dict[str, Any]) -> dict[str, Any]:
    # the import page's own download, of 3,000 rows too (a file of more than CAREERLOG_IMPORT_JOB_ROWS is a job's,
    # its download the job's: tests/functional/test_import_jobs.py)
    return {**test_config, "CAREERLOG_IMPORT_JOB_ROWS": 5000}


def kept(rows: list[list[str]]) -> list[list[str]]:
    """Rows as the refused rows' file writes them: each cell as written, but a NIP of bare digits as text for a
    spreadsheet (="198609262010031001", careerlog.spreadsheet.kept_as_text), whose 18 digits Excel keeps."""
    return [[f'="{cell}"' if cell.isdigit() and len(cell) == 18 else cell for cell in row] for row in rows]


def imported(world: World, text: str, lang: str = "id", name: str = "diklat.csv") -> str:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "kind": "training", "file": (io.BytesIO(text.encode()), name)}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    return answer.get_data(as_text=True)


def download_answer(world: World, page: str, **changed: str) -> TestResponse:
    """The answer to the page's button downloading the refused rows (its form's fields, some `changed`)."""
    form = re.search(r'<form method="post" action="(/pages/import/refused\.csv)"[^>]*>(.*?)</form>', page, re.S)
    assert form, page
    fields = {k: html.unescape(v) for k, v in re.findall(r'<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"', form[2])}
    return world.client.post(form[1], data={**fields, **changed})


def refused_download(world: World, page: str) -> tuple[str, str]:
    """The download's file name and the CSV it gives: a text/csv attachment."""
    answer = download_answer(world, page)
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    named = re.fullmatch(r"attachment; filename=([^\";]+)", answer.headers["Content-Disposition"])  # (send_file's)
    assert named
    return named[1], answer.get_data().decode("utf-8", "surrogateescape")


def test_the_refused_rows_download_as_written_with_their_reasons(world: World) -> None:
    page = imported(world, "\r\n".join([HEADER, GOOD, BAD_DAY, NO_TITLE]) + "\r\n")
    name, text = refused_download(world, page)
    assert "Unduh baris yang ditolak (CSV)" in page
    assert name == "diklat-ditolak.csv"
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == HEADER + ";Alasan penolakan (careerlog)"
    rows = list(csv.reader(lines[1:], delimiter=";"))
    assert [r[:-1] for r in rows] == kept(list(csv.reader([BAD_DAY, NO_TITLE], delimiter=";")))  # (as written)
    assert "Hari terakhir pelatihan:" in rows[0][-1]
    assert "31/11/2021" in rows[0][-1]  # (the reason says what was typed)
    assert "Judul" in rows[1][-1] or "Nama" in rows[1][-1]


@pytest.mark.parametrize(("lang", "named"), [("en", "diklat-rejected.csv"), ("id", "diklat-ditolak.csv")])
def test_the_refused_rows_file_is_named_in_the_page_language(world: World, lang: str, named: str) -> None:
    """An English page downloaded "diklat-ditolak.csv" too: the name is the interface's language, as the button's
    label and the reasons column are."""
    name, text = refused_download(world, imported(world, "\r\n".join([HEADER, BAD_DAY]) + "\r\n", lang=lang))
    assert name == named
    assert ("Refusal reasons (careerlog)" if lang == "en" else "Alasan penolakan (careerlog)") in text


@pytest.mark.parametrize("name", ["pelatihan_M\u00e9dan.csv", "pelatihan_Me\u0301dan.csv"], ids=["nfc", "nfd"])
def test_a_file_name_beyond_ascii_is_named_in_the_download_as_rfc_6266_writes_it(world: World, name: str) -> None:
    """Flask's send_file writes the name: an ASCII fallback in `filename` and the name itself, UTF-8 percent-encoded,
    in `filename*` (RFC 6266, 5987), which browsers prefer. Before, the header was written by hand, every character
    beyond ASCII made "_" ("pelatihan_M_dan-ditolak.csv"). A name whose accent is a combining mark (as macOS spells
    it) is the same name, composed."""
    page = imported(world, "\r\n".join([HEADER, BAD_DAY]) + "\r\n", name=name)
    answer = download_answer(world, page)
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == (
        "attachment; filename=pelatihan_Medan-ditolak.csv; filename*=UTF-8''pelatihan_M%C3%A9dan-ditolak.csv"
    )
    assert answer.headers["Cache-Control"] == "no-store"  # (as before: a file of people's records is not cached)


def test_the_downloaded_file_fixed_imports_again_with_its_reasons_column_read_and_not_recorded(world: World) -> None:
    _name, text = refused_download(world, imported(world, "\r\n".join([HEADER, GOOD, BAD_DAY]) + "\r\n"))
    fixed = text.lstrip("\ufeff").replace("31/11/2021", "30/11/2021")
    page = imported(world, fixed, lang="en", name="diklat-ditolak.csv")
    totals = re.sub(r"\s+", "", page)
    assert "<dt>Recorded</dt><dd>1</dd>" in totals
    assert "<dt>Rejected</dt><dd>0</dd>" in totals  # (careerlog's reasons column: read as no data)
    assert "/pages/import/refused.csv" not in page  # nothing refused: no download


def test_no_download_when_nothing_is_refused(world: World) -> None:
    """(A JSON Lines file's refused lines download: tests/functional/test_import_jsonl_refused_lines_download.py.)"""
    page = imported(world, "\r\n".join([HEADER, GOOD]) + "\r\n")
    assert "/pages/import/refused.csv" not in page


def test_a_windows_1252_file_with_a_refused_row_keeps_its_report_and_its_letters_in_the_download(world: World) -> None:
    """A CSV Excel saved as Windows-1252 ('é' the byte 0xE9, read as a lone surrogate): the page answered 500, its
    report lost, as the link's urlencode could not encode the surrogate. The download holds the letter, in UTF-8 as
    its byte-order mark says (until 2026-12-04 the byte 0xE9 as written after the mark: a file of two encodings)."""
    bad = BAD_DAY.replace("Arsip dinamis", "Arsip dinamis caf\u00e9")
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import")
    body = ("\r\n".join([HEADER, GOOD, bad]) + "\r\n").encode("cp1252")
    upload = {"csrf_token": token, "kind": "training", "file": (io.BytesIO(body), "diklat.csv")}
    answer = world.client.post("/pages/import", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200
    download = download_answer(world, answer.get_data(as_text=True))
    assert "caf\u00e9".encode() in download.get_data()
    assert b"caf\xe9" not in download.get_data()
    download.get_data().decode("utf-8")  # (UTF-8 throughout)


def test_a_refused_rows_cell_that_looks_like_a_formula_comes_back_as_written_and_imports_again_without_an_apostrophe(
    world: World,
) -> None:
    """A defused cell ("'- Angkatan II") was recorded with its apostrophe once the downloaded file was fixed and
    imported again: the file's own cells come back exactly as its uploader wrote them."""
    dashed = f"{BUDI};TEKNIS;- Angkatan II;BKPSDM;8;15/11/2021;31/11/2021;BAD-3"
    _name, text = refused_download(world, imported(world, "\r\n".join([HEADER, dashed]) + "\r\n"))
    rows = list(csv.reader(text.lstrip("\ufeff").splitlines()[1:], delimiter=";"))
    assert rows[0][2] == "- Angkatan II"
    page = imported(world, text.lstrip("\ufeff").replace("31/11/2021", "30/11/2021"), lang="en", name="fixed.csv")
    assert "<dt>Recorded</dt><dd>1</dd>" in re.sub(r"\s+", "", page)
    events = world.get(f"/api/v1/employees/{BUDI}/events").get_data(as_text=True)
    assert '"- Angkatan II"' in events
    assert "'- Angkatan II" not in events


def test_a_large_refusal_downloads_whole_from_a_page_a_fraction_of_its_size(world: World) -> None:
    """3,000 refused rows: a data: URL held the file percent-encoded (1.0 MB here, half the 2 MB a Chrome URL may
    hold: a few thousand more broke it); the page now carries it compressed and signed, the route gives it whole."""
    rows = [f"{BUDI};TEKNIS;Arsip {i};BKPSDM;8;15/11/2021;31/11/2021;BIG-{i}" for i in range(3000)]
    page = imported(world, "\r\n".join([HEADER, *rows]) + "\r\n")
    _name, text = refused_download(world, page)
    lines = text.lstrip("\ufeff").splitlines()
    assert [r[:-1] for r in csv.reader(lines[1:], delimiter=";")] == kept(list(csv.reader(rows, delimiter=";")))
    carried = re.search(r'name="file" type="hidden" value="([^"]+)"', page)
    assert carried
    assert len(carried[1]) < len(text.encode()) / 10  # (percent-encoded in a data: URL: 1.4 times its size)


def test_the_download_is_given_to_the_account_that_imported_alone(world: World) -> None:
    page = imported(world, "\r\n".join([HEADER, BAD_DAY]) + "\r\n")
    log_in(world, "admin")  # (another account that may import)
    token = csrf_token(world.client, "/pages/import")
    assert download_answer(world, page, csrf_token=token).status_code == 403
    log_in(world, "inspector")  # (an account that may not import)
    assert download_answer(world, page, csrf_token=csrf_token(world.client, "/pages/")).status_code == 403


def test_a_download_not_signed_by_the_app_is_gone_and_one_without_its_form_token_refused_saying_what_to_do(
    world: World,
) -> None:
    page = imported(world, "\r\n".join([HEADER, BAD_DAY]) + "\r\n")
    forged = URLSafeTimedSerializer("another key", salt="careerlog.refused-rows").dumps(
        {"by": "hr", "name": "x.csv", "csv": "=cmd()"}
    )
    gone = download_answer(world, page, file=forged)
    assert gone.status_code == 410
    assert "Unduhan baris yang ditolak ini sudah kedaluwarsa" in gone.get_data(as_text=True)  # (what to do instead)
    expired = download_answer(world, page, csrf_token="")  # (a page left open past its form token's hour)
    assert expired.status_code == 400
    assert "impor ulang berkasnya" in expired.get_data(as_text=True)


def test_a_row_breaking_the_quoting_rules_comes_back_with_its_cells_as_written(world: World) -> None:
    """The row's cells split at the separators, quote mark and all, with the reason: HR sees the quote mark to take
    out (the lines after it are rows of their own, refused or recorded as they are)."""
    stray = f'{BUDI};TEKNIS;"Arsip dinamis;BKPSDM;8;15/11/2021;19/11/2021;SQ-1'
    _name, text = refused_download(world, imported(world, "\r\n".join([HEADER, stray, GOOD]) + "\r\n", lang="en"))
    [row] = list(csv.reader(text.lstrip("\ufeff").splitlines()[1:], delimiter=";"))
    assert [row[:-1]] == kept([stray.split(";")])
    assert row[-1].startswith('Title: A quote mark (") opens this cell and is not closed on its line')


@pytest.mark.parametrize("carried", [123, ["a", "b"], {"a": 1}], ids=repr)
def test_a_json_body_is_refused_as_a_form_without_its_token_not_a_server_error(world: World, carried: object) -> None:
    """Flask-WTF reads a JSON body as a form's data too: a `file` of a number was a 500 (itsdangerous given no text).
    The download reads the page's form alone."""
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import")
    answer = world.client.post("/pages/import/refused.csv", json={"csrf_token": token, "file": carried})
    assert answer.status_code == 400
    assert "impor ulang berkasnya" in answer.get_data(as_text=True)


def test_a_client_not_taking_html_is_told_the_reason_in_the_problem_and_a_401_its_challenge(world: World) -> None:
    """A download's refusal to a client that takes no HTML is problem+json (web.pages.errors `download_problem`):
    until 2026-12-06 it dropped the page's reason (410 "Gone" for the expired download, not what to do instead), and
    a 401 carried no WWW-Authenticate, as the API's does."""
    page = imported(world, "\r\n".join([HEADER, BAD_DAY]) + "\r\n")
    forged = URLSafeTimedSerializer("another key", salt="careerlog.refused-rows").dumps({"by": "hr"})
    world.client.environ_base["HTTP_ACCEPT"] = "text/csv"
    try:
        gone = download_answer(world, page, file=forged)
        assert gone.status_code == 410
        assert gone.mimetype == "application/problem+json"
        assert "Unduhan baris yang ditolak ini sudah kedaluwarsa" in gone.get_json()["detail"]
        world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client, "/pages/")})
        world.client.delete_cookie("session")
        unauthenticated = world.client.get("/pages/audits.csv")
    finally:
        del world.client.environ_base["HTTP_ACCEPT"]
    assert unauthenticated.status_code == 401, unauthenticated.text
    assert unauthenticated.mimetype == "application/problem+json"
    assert unauthenticated.headers["WWW-Authenticate"] == 'Session realm="careerlog", login="/pages/login"'

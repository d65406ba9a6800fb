"""A JSON Lines file's refused lines download from the import page as `careerlog import --refused` writes them: each
refused line as written, one a line. Until 2026-12-07 the page offered no download for a JSON Lines file, and said
under the twenty rows it listed of a reason that "the refused rows' download holds every one" (HR tester, 30 rows)."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import download_answer
from tests.functional.test_pages_auth import csrf_token, log_in
from web.pages import hr


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores (the NIPs are looked up in the writer's scope)


@pytest.fixture
def test_config(test_config: dict[str, Any]) -> dict[str, Any]:
    return {**test_config, "CAREERLOG_IMPORT_JOB_ROWS": 5000}  # (the page's own import; a job's: test_import_jobs)


BAD_NIP = "198513042012011001"  # (no 13th month: the tester's)


def line(nip: str, reference: str) -> bytes:
    return json.dumps({"kind": "training", "nip": nip, **f.training("2021-11-19", reference=reference)}).encode()


def never_appointed(n: int) -> str:
    return f.nip(date(1980, 1, 1), date(2005, 1, 1), "M", sequence=900 + n)


GOOD = line(BUDI, "JL-GOOD")
REFUSED = [line(never_appointed(n), f"JL-{n}") for n in range(28)] + [line(BAD_NIP, "JL-BAD")]
# 30 rows, a blank line among them (numbered, as the import numbers lines), one ending in CRLF, the last in nothing
FILE = b"\n".join([GOOD, b"", *REFUSED[:5], REFUSED[5] + b"\r", *REFUSED[6:]])


def imported(world: World, body: bytes, lang: str = "id", name: str = "diklat.jsonl") -> str:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "file": (io.BytesIO(body), name)}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)[-2000:]
    return answer.get_data(as_text=True)


def said(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize(
    ("lang", "name", "named", "button"),
    [
        ("id", "diklat.jsonl", "diklat-ditolak.jsonl", "Unduh baris yang ditolak (JSON Lines)"),
        ("en", "diklat.json", "diklat-rejected.jsonl", "Download the refused rows (JSON Lines)"),
    ],
)
def test_a_json_lines_files_refused_lines_download_as_written_every_one(
    world: World, lang: str, name: str, named: str, button: str
) -> None:
    page = imported(world, FILE, lang=lang, name=name)
    text = said(page)
    assert button in text
    every = (
        "unduhan baris yang ditolak memuat semuanya" if lang == "id" else "the refused rows' download holds every one"
    )
    assert every in text  # (29 refused, twenty listed of one reason: and the download holds them all)
    answer = download_answer(world, page)
    assert answer.status_code == 200
    assert answer.mimetype == "application/jsonl"
    assert answer.headers["Content-Disposition"] == f"attachment; filename={named}"
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.get_data() == b"".join([*(r + b"\n" for r in REFUSED[:5]), REFUSED[5] + b"\r\n"]) + b"".join(
        r + b"\n" for r in REFUSED[6:]
    )


def test_the_refused_lines_fixed_import_again(world: World) -> None:
    page = imported(world, b"\n".join([GOOD, line(BUDI, "JL-DAY").replace(b"2021-11-19", b"2021-11-31")]) + b"\n")
    refused = download_answer(world, page).get_data()
    assert refused == line(BUDI, "JL-DAY").replace(b"2021-11-19", b"2021-11-31") + b"\n"
    again = imported(world, refused.replace(b"2021-11-31", b"2021-11-30"), lang="en", name="diklat-ditolak.jsonl")
    totals = re.sub(r"\s+", "", again)
    assert "<dt>Recorded</dt><dd>1</dd>" in totals
    assert "<dt>Rejected</dt><dd>0</dd>" in totals
    assert "/pages/import/refused.csv" not in again  # nothing refused: no download


def test_no_download_is_claimed_when_there_is_none(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refused rows listed twenty of a reason say the download holds every one only beside a download."""
    monkeypatch.setattr(hr, "refused_file", lambda *args: None)
    text = said(imported(world, FILE, lang="en"))
    assert "The first 20 rows of each reason are listed below." in text
    assert "download holds every one" not in text
    assert "Download the refused rows" not in text


# A file written with CRLF line ends (as Windows tools write it), its last line ending in nothing
CRLF_FILE = b"\r\n".join([GOOD, *REFUSED[:3]])


def test_a_crlf_files_refused_lines_keep_its_line_ends(world: World) -> None:
    """Each refused line as written, its CRLF kept; the last, written with no line end, ends in the file's own
    (CRLF), as every other: until 2026-12-08 in a bare LF, a file of two line ends (tester)."""
    answer = download_answer(world, imported(world, CRLF_FILE))
    assert answer.get_data() == b"".join(r + b"\r\n" for r in REFUSED[:3])


def test_careerlog_import_refused_writes_a_crlf_files_lines_alike(world: World, store_url: str, tmp_path: Path) -> None:
    source, refused = tmp_path / "diklat.jsonl", tmp_path / "diklat-ditolak.jsonl"
    source.write_bytes(CRLF_FILE)
    result = CliRunner().invoke(main, ["--database-url", store_url, "import", "--refused", str(refused), str(source)])
    assert result.exit_code == 1, result.output
    assert refused.read_bytes() == b"".join(r + b"\r\n" for r in REFUSED[:3])

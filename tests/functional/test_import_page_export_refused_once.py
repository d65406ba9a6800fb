"""An export file (JSON Lines whose first row carries its recorded time) imported on the import page or through
POST /api/v1/imports was refused row by row, "recorded_at: Only a migration import (--migration, administrators) may
carry recorded times." once per row (some 22,000 times for an export of the demo). It is refused once, naming the
file and saying an administrator restores it with `careerlog import --migration`, by careerlog import's own check;
nothing is recorded. Both stores."""

from __future__ import annotations

import html
import io
import re

import orjson
import pytest
from flask_babel import force_locale

from careerlog.importing import MIGRATION_ONLY
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from web.pages.messages import reason_text

REFUSAL = (
    "backup.jsonl is an export (its rows carry their recorded times): an administrator restores it with `careerlog "
    "import --migration backup.jsonl`, which keeps them; without --migration each of its rows would be refused for "
    "its recorded time. Nothing was imported."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def export() -> bytes:
    rows = [
        {"kind": "training", "nip": BUDI, **f.training(f"2024-05-1{n}", reference=f"E{n}"), "recorded_at": at}
        for n, at in enumerate(["2024-05-20T08:00:00+00:00"] * 3)
    ]
    return b"".join(orjson.dumps(row) + b"\n" for row in rows)


def test_the_api_refuses_an_export_once_naming_file(world: World) -> None:
    before = world.log()
    upload = {"file": (io.BytesIO(export()), "backup.jsonl")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 422, answer.get_data(as_text=True)[:500]
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {"file": [REFUSAL]}
    assert world.log() == before


UNNAMED = {
    "en": "The file is an export (its rows carry their recorded times): an administrator restores it with `careerlog "
    "import --migration` and the file's name, which keeps them; without --migration each of its rows would be refused "
    "for its recorded time. Nothing was imported.",
    "id": "Berkas ini adalah hasil ekspor (baris-barisnya membawa waktu pencatatannya): administrator memulihkannya "
    "dengan `careerlog import --migration` dan nama berkasnya, yang mempertahankannya; tanpa --migration setiap "
    "barisnya akan ditolak karena waktu pencatatannya. Tidak ada yang diimpor.",
}


def test_the_api_refuses_an_export_sent_without_a_file_name_naming_no_file(world: World) -> None:
    """(a file of no name, its format given: " is an export ... `careerlog import --migration `" before)"""
    before = world.log()
    upload = {"file": (io.BytesIO(export()), "")}
    answer = world.post("/api/v1/imports?file_format=jsonl", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 422, answer.get_data(as_text=True)[:500]
    assert answer.get_json()["errors"] == {"file": [UNNAMED["en"]]}
    assert world.log() == before
    with world.app.test_request_context(), force_locale("id"):  # (as the pages show it)
        assert reason_text(answer.get_json()["errors"]["file"][0]) == UNNAMED["id"]


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_import_page_refuses_an_export_once(world: World, dry_run: bool) -> None:
    before = world.log()
    log_in(world, "hr")
    upload = {
        "csrf_token": csrf_token(world.client, "/pages/import?lang=en"),
        "file": (io.BytesIO(export()), "backup.jsonl"),
    }
    if dry_run:
        upload["dry_run"] = "y"
    answer = world.client.post("/pages/import?lang=en", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 422
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert shown.count(REFUSAL) == 1, shown[:2000]
    assert MIGRATION_ONLY not in shown
    assert world.log() == before


def test_the_import_page_says_so_in_indonesian(world: World) -> None:
    log_in(world, "hr")
    upload = {
        "csrf_token": csrf_token(world.client, "/pages/import?lang=id"),
        "file": (io.BytesIO(export()), "backup.jsonl"),
    }
    answer = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert "backup.jsonl adalah hasil ekspor" in shown
    assert "administrator memulihkannya dengan `careerlog import --migration backup.jsonl`" in shown

"""The API's import answer and the import page list the rows already recorded by line (the first 20, with the
count), and a row before its employee's appointment names the appointment's line, in both languages."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, World
from tests.functional.test_pages_auth import csrf_token, log_in

TRAINING = {"kind": "training", "nip": BUDI, **f.training("2016-01-08", reference="IMP-TWICE")}
LATE = {"kind": "training", "nip": MISSING, **f.training("2016-01-08", reference="IMP-LATE")}
APPOINTMENT = {
    "kind": "appointment",
    "nip": MISSING,
    **f.appointment(date(1980, 2, 2), date(2005, 3, 1), "M", reference="SK-LATE"),
}


def content() -> bytes:
    return "".join(json.dumps(r) + "\n" for r in (TRAINING, TRAINING, LATE, APPOINTMENT)).encode()


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_api_answer_lists_the_rows_already_recorded_and_the_later_appointment(world: World) -> None:
    data = {"file": (io.BytesIO(content()), "events.jsonl")}
    report: dict[str, Any] = world.post(
        "/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data"
    ).get_json()
    assert (report["recorded"], report["already_recorded"]) == (2, 1)
    [seen] = report["already_recorded_rows"]
    assert (seen["line"], seen["subject"], seen["kind"]) == (2, BUDI, "training")
    [problem] = report["rejected"]
    assert problem["line"] == 3
    assert "line 4 of this file appoints them" in problem["errors"]["nip"][0]


@pytest.mark.parametrize(
    ("lang", "heading", "late"),
    [
        ("id", "Baris yang sudah tercatat (tidak dicatat lagi)", "baris 4 berkas ini mengangkatnya"),
        ("en", "Rows already recorded (not recorded again)", "line 4 of this file appoints them"),
    ],
)
def test_the_import_page_lists_them_in_its_language(world: World, lang: str, heading: str, late: str) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, f"/pages/import?lang={lang}")
    upload = {"csrf_token": token, "dry_run": "y", "file": (io.BytesIO(content()), "events.jsonl")}
    answer = world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
    page = text(answer.get_data(as_text=True))
    assert heading in page
    assert f" 2 {BUDI} " in page  # line 2, the NIP
    assert late in page

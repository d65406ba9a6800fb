"""A penalty ending far before its kind's months was taken silently: an HR officer recorded a POTONG_TUKIN_9 begun on
2024-12-01 ending 2024-12-02 (a day typed wrong), and a correction cut a 9-month penalty to 2025-03-31, and the
promotions the penalty bars were then barred only until that day. An earlier end is still taken (a decree may end a
penalty early: docs/events.md), but the answer now warns of it, naming the kind's last day (PENALTY_SHORTENED): the
API's `warnings`, an import's report, the record form and careerlog record alike; a penalty ending on its last day,
or a correction of another field, is answered with none."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"
WARNED = (
    "2024-12-02 is before the last day of a POTONG_TUKIN_9 penalty begun on 2024-12-01, 2025-08-31 (9 months): "
    "recorded so, the penalty bars promotions only until 2024-12-02. If the decree does end it early, nothing is to "
    "be done; if not, correct the end date."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def penalty(end: str | None, reference: str = "HD-9") -> dict[str, Any]:
    given = {"kind": "penalty", "level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_9", "effective_date": "2024-12-01",
             "reference": reference}  # fmt: skip
    return {**given, "end_date": end} if end else given


def test_the_api_records_a_penalty_ending_early_with_a_warning(world: World) -> None:
    answer = world.post(EVENTS, "hr", json=penalty("2024-12-02"))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["warnings"] == [WARNED]
    on_its_last_day = world.post(EVENTS, "hr", json=penalty("2025-08-31", "HD-10"))
    assert on_its_last_day.status_code == 201, on_its_last_day.get_json()
    assert "warnings" not in on_its_last_day.get_json()


def test_a_correction_cutting_a_penalty_short_is_warned_and_one_of_another_field_is_not(world: World) -> None:
    version = world.post(EVENTS, "hr", json=penalty(None)).get_json()["version"]
    correction = {"kind": "correction", "target_version": version, "reason": "Salah ketik",
                  "effective_date": "2025-01-02", "reference": "RALAT-1",
                  "corrected_fields": {"end_date": "2025-03-31"}}  # fmt: skip
    answer = world.post(EVENTS, "hr", json=correction)
    assert answer.status_code == 201, answer.get_json()
    [warned] = answer.get_json()["warnings"]
    assert warned.startswith("2025-03-31 is before the last day of a POTONG_TUKIN_9 penalty begun on 2024-12-01")
    other = {**correction, "reference": "RALAT-2", "corrected_fields": {"reference": "HD-9A"}}
    answer = world.post(EVENTS, "hr", json=other)
    assert answer.status_code == 201, answer.get_json()
    assert "warnings" not in answer.get_json()


def test_an_import_and_the_form_warn_of_it_too(world: World) -> None:
    row = {"nip": BUDI, **penalty("2024-12-02")}
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "penalties.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 1, report
    [warning] = report["warnings"]
    assert (warning["line"], warning["errors"]) == (1, {"end_date": [WARNED]})
    log_in(world, "hr")
    data = {**form_of(world, "penalty"), "nip": BUDI, **penalty("2024-12-03", "HD-11")}
    del data["kind"]
    answer = world.client.post("/pages/record?kind=penalty", data=data, follow_redirects=True)
    assert answer.status_code == 200
    assert "3 Des 2024 jatuh sebelum hari terakhir hukuman" in answer.get_data(as_text=True)

"""A recording sent under a reference (or client key) recorded before, with other values some of which are invalid, is
refused for its invalid fields first (422 naming each, as a recording of a new reference is), not answered with the
conflict (409 "already recorded ... with different values (hours)", which named no field to mend and advised a
correction of values that could never be recorded): in the API, the import's report and the record page. The same
recording sent again is still answered as recorded, and a valid one of other values is still the conflict. Until
2026-12-07 the conflict came first. Both stores."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_reference_conflict_named import imported_jsonl

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", hours=16, start="2016-01-06", reference="RACE-T")}
INVALID = {**TRAINING, "hours": -1, "start_date": "2016-01-09"}  # (no JP; its first day after its last)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_api_names_the_invalid_fields_before_the_references_conflict(world: World) -> None:
    assert world.post(EVENTS, "hr", json=TRAINING).status_code == 201
    before = world.log()
    answer = world.post(EVENTS, "hr", json=INVALID)
    assert answer.status_code == 422, answer.get_json()
    assert set(answer.get_json()["errors"]) == {"hours", "start_date"}
    assert world.post(EVENTS, "hr", json=TRAINING).status_code == 200  # (sent again: answered as recorded)
    conflict = world.post(EVENTS, "hr", json={**TRAINING, "hours": 8})
    assert (conflict.status_code, list(conflict.get_json()["errors"])) == (409, ["reference"])
    assert world.log() == before


def test_the_api_names_the_invalid_fields_before_the_keys_conflict(world: World) -> None:
    headers = {"Idempotency-Key": "K-RACE"}
    assert world.post(EVENTS, "hr", json=TRAINING, headers=headers).status_code == 201
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**INVALID, "reference": "RACE-U"}, headers=headers)
    assert answer.status_code == 422, answer.get_json()
    assert set(answer.get_json()["errors"]) == {"hours", "start_date"}
    assert world.post(EVENTS, "hr", json=TRAINING, headers=headers).status_code == 200
    assert world.log() == before


def test_an_import_row_names_the_invalid_fields_before_the_references_conflict(world: World) -> None:
    assert world.post(EVENTS, "hr", json=TRAINING).status_code == 201
    before = world.log()
    row: dict[str, Any] = {"nip": BUDI, **INVALID}
    report = imported_jsonl(world, row)
    [refused] = report["rejected"]
    assert set(refused["errors"]) == {"hours", "start_date"}, refused
    assert world.log() == before


def test_the_record_page_names_the_invalid_fields_before_the_references_conflict(world: World) -> None:
    assert world.post(EVENTS, "hr", json=TRAINING).status_code == 201
    before = world.log()
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/record?kind=training&lang=en")
    form = {"csrf_token": token, "nip": BUDI, **{k: str(v) for k, v in INVALID.items()}}
    answer = world.client.post("/pages/record?kind=training&lang=en", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    for field in ("hours", "start_date"):
        assert f'id="{field}-error"' in page
    assert re.search(r'<span class="error" id="reference-error">', page) is None, html.unescape(page)[:300]
    assert world.log() == before

"""What the acceptance pass of 2026-12-01 found the API taking or answering wrongly, on both stores.

A body that is not JSON was answered as if it were empty (every field "missing"), and a body
of broken JSON as a bare 400 that did not say so. A correction dated in the future, a unit
rated for the year -10^12 (which PostgreSQL's INTEGER view column cannot hold, so that every
rebuild then failed) and a training cost of 1e400 rupiah (answered as `Infinity`, not JSON)
were recorded. Each is now a problem naming the field and the reason, the log unchanged.
"""

from __future__ import annotations

import io
import json
import random
import string
from typing import Any

import pytest

from careerlog.domain.unit import EARLIEST_RATED_YEAR
from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="CERT-ACC")}
RATINGS = "/api/v1/units/KOTA-MEDAN/Bappeda/ratings"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    assert body["status"] == status
    return body


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_json_body_sent_as_another_content_type_is_415_naming_it(world: World, content_type: str | None) -> None:
    before = world.log()
    headers = {"Content-Type": content_type} if content_type else {}
    body = problem(world.post(EVENTS, "hr", data=json.dumps(TRAINING), headers=headers), 415)
    assert body["errors"] == {
        "Content-Type": [f"Send the body as application/json, not {content_type or 'without a Content-Type'}."]
    }
    assert world.log() == before


def test_a_body_of_broken_json_is_400_saying_where(world: World) -> None:
    before = world.log()
    response = world.post(EVENTS, "hr", data='{"kind": "training",', headers={"Content-Type": "application/json"})
    body = problem(response, 400)
    assert body["detail"] == "The body is not valid JSON; see errors."
    [reason] = body["errors"]["body"]
    assert reason.startswith("Not valid JSON: ")
    assert "line 1 column 21" in reason
    assert world.log() == before


def test_a_correction_dated_in_the_future_is_422(world: World) -> None:
    version = world.post(EVENTS, "hr", json=TRAINING).get_json()["version"]
    before = world.log()
    correction = {"kind": "correction", **f.correction(version, "2099-01-01", hours=6)}
    body = problem(world.post(EVENTS, "hr", json=correction), 422)
    assert body["errors"] == {"effective_date": ["2099-01-01 is in the future."]}
    assert world.log() == before


def test_a_unit_rating_of_an_impossible_year_is_422(world: World) -> None:
    before = world.log()
    rating = {"year": -(10**12), "predicate": "BAIK", "effective_date": "2024-01-10", "reference": "SAKIP-X"}
    body = problem(world.post(RATINGS, "hr", json=rating), 422)
    assert body["errors"] == {
        "year": [f"{-(10**12)} is before {EARLIEST_RATED_YEAR}: no unit of the civil service was rated then."]
    }
    assert world.log() == before


def test_a_training_cost_beyond_any_real_one_is_422(world: World) -> None:
    before = world.log()
    body = problem(world.post(EVENTS, "hr", json={**TRAINING, "cost": "1e400"}), 422)
    reason = "More than 1,000,000,000,000 rupiah: record the cost of this training in rupiah."
    assert body["errors"] == {"cost": [reason]}
    assert world.log() == before


def test_a_unit_name_longer_than_any_text_is_422(world: World) -> None:
    before = world.log()
    rating = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-10", "reference": "SAKIP-LONG"}
    letters = random.Random(1)
    name = "".join(letters.choice(string.ascii_letters) for _ in range(3000))  # past PostgreSQL's index row size
    body = problem(world.post(f"/api/v1/units/KOTA-MEDAN/{name}/ratings", "hr", json=rating), 422)
    assert body["errors"] == {"unit": ["Longer than 500 characters."]}
    assert world.log() == before


def test_an_import_of_a_file_of_no_known_format_names_the_apis_parameter(world: World) -> None:
    data = {"file": (io.BytesIO(b"{}\n"), "events.txt")}
    response = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    body = problem(response, 422)
    assert body["errors"] == {
        "file": ["Cannot tell the format of 'events.txt': name the file .jsonl, .csv or .xlsx, or give file_format."]
    }

"""A post appointment's correction moving it onto another post's date (fact.duplicate) and its unit to a misspelling
(unit.new) was asked one question at a time: unit.new first, and only once it was confirmed and sent again
fact.duplicate, two round trips, where a training's correction is asked all its questions at once. Every question is
now asked in the one refusal, each beside its field (the API's 422, the record form's boxes), and sent again with both
confirmed it is recorded, both confirmations stored. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_unit_new_asked_of_a_correction import ASKED

EVENTS = f"/api/v1/employees/{BUDI}/events"
POST = {"kind": "post_appointment", "post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Bappeda",
        "assignment": "DEFINITIVE"}  # fmt: skip


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def posts(world: World) -> int:
    """Two posts of the same kind and assignment a year apart, their references written otherwise; the second's
    version."""
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    for day, reference in (("2015-01-05", "SK-JS/862"), ("2016-01-05", "SK.JS.862")):
        made = world.post(EVENTS, "hr", json={**POST, "effective_date": day, "reference": reference})
        assert made.status_code == 201, made.get_json()
    return int(made.get_json()["version"])


def both(version: int, **more: Any) -> dict[str, Any]:
    fix = f.correction(version, "2024-06-03", effective_date="2015-01-05", unit="Bapeda")
    return {"kind": "correction", **fix, **more}


def test_the_api_asks_a_post_corrections_unit_and_double_at_once(world: World) -> None:
    version = posts(world)
    before = world.log()
    answer = world.post(EVENTS, "hr", json=both(version))
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert sorted(errors) == ["corrected_fields.effective_date", "corrected_fields.unit"]
    assert errors["corrected_fields.unit"] == [ASKED]
    [double] = errors["corrected_fields.effective_date"]
    assert "confirm it (confirm: fact.duplicate)" in double
    assert world.log() == before
    one = world.post(EVENTS, "hr", json=both(version, confirm=["unit.new"]))  # (one confirmed: the other asked alone)
    assert one.status_code == 422, one.get_json()
    assert sorted(one.get_json()["errors"]) == ["corrected_fields.effective_date"]
    confirmed = world.post(EVENTS, "hr", json=both(version, confirm=["unit.new", "fact.duplicate"]))
    assert confirmed.status_code == 201, confirmed.get_json()
    history = world.get(EVENTS, "admin").get_json()["items"]
    assert sorted(next(i for i in history if i["kind"] == "correction")["confirm"]) == ["fact.duplicate", "unit.new"]


def test_the_correction_form_shows_both_boxes_at_once(world: World) -> None:
    version = posts(world)
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "hr")
    fields = {"corrected.unit": "Bapeda", "corrected.effective_date": "2015-01-05"}
    refused = world.client.post("/pages/record?kind=correction", data=correction(world, version, **fields))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'name="confirm" value="unit.new" aria-describedby="corrected_fields.unit-error"' in page
    assert 'name="confirm" value="fact.duplicate"' in page

"""A correction form opened before another correction of the same fact was recorded (two HR administrators at work
on one record, found in the exploratory pass of 2026-12-05). The form sent every field it showed, and each that
differed from the fact as it stood when sent counted as corrected: the fields the writer left as shown carried the
old values back, so the form silently undid the other correction (hours corrected 16 -> 24, then a title corrected
from a form opened before it: hours 16 again, recorded as the writer's correction). A field is now corrected when it
differs from the value the form showed (a hidden `shown.<field>` beside it): those left as shown are not sent, and
one changed that was also corrected meanwhile is refused beside it, saying what it holds now, nothing recorded."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def corrected_elsewhere(world: World, version: int, **fields: Any) -> None:
    """Another administrator's correction of the fact, recorded after the form was opened."""
    world.services.ledger.record(BUDI, "correction", f.correction(version, "2025-01-05", **fields), actor="other")
    world.catch_up()


def values_of(world: World, version: int) -> dict[str, Any]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    values: dict[str, Any] = next(i for i in items if i["version"] == version)["values"]
    return values


def test_fields_left_as_shown_do_not_undo_a_correction_recorded_since_the_form_was_opened(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.title": "Judul Benar"})  # opened showing 16 JP
    corrected_elsewhere(world, version, hours=24)
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    values = values_of(world, version)
    assert (values["title"], values["hours"]) == ("Judul Benar", 24)
    sent = world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"][-1]
    assert sent["corrected_fields"] == {"title": "Judul Benar"}


def test_a_field_changed_on_a_form_opened_before_another_correction_of_it_is_refused_beside_it(world: World) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.hours": "20", "corrected.title": "Judul Benar"})
    corrected_elsewhere(world, version, hours=24)
    before = world.log()
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = re.search(r'id="corrected_fields.hours-error">(.*?)</', page, re.S)
    assert error is not None
    assert "Dikoreksi sejak formulir ini dibuka: kini berisi 24, bukan 16" in error[1]
    assert world.log() == before
    # shown again: the input holds what the writer typed, the others the fact as it stands, judged against it now
    assert 'name="shown.hours" value="24"' in page
    assert 'name="corrected.hours" value="20"' in page
    again = dict(re.findall(r'<input [^>]*name="((?:corrected|shown)\.\w+)" value="([^"]*)"', page))
    answer = world.client.post("/pages/record?kind=correction", data={**form, **again})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    values = values_of(world, version)
    assert (values["title"], values["hours"]) == ("Judul Benar", 20)

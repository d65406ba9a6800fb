"""A correction form sent twice (a double click, a browser's resend after a slow answer) is recorded once
(found by an exploratory tester, 2026-12-06). The second sending, with the same client key, was refused above the
form with "Formulir ini sudah dikirim untuk koreksi ... dengan nilai yang berbeda (corrected_fields)", whatever field
was corrected: by then the field held the value the first sending gave it, so the form took it for one corrected by
someone else since it was opened and sent the ledger a refusal in place of the value, which no longer matched the
first sending. A field that now holds just what the writer typed is sent as typed: the same values under the same key
are answered as already recorded, and nothing is recorded again."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_correction_form_concurrent_correction import corrected_elsewhere, values_of
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize(
    "inputs",
    [{"corrected.hours": "24 JP"}, {"corrected.title": "Judul Benar"}, {"corrected.cost": "1750000,5"}],
    ids=["hours", "title", "cost"],
)
def test_a_correction_form_sent_twice_is_recorded_once(world: World, inputs: dict[str, str]) -> None:
    version = promoted(world)
    log_in(world, "hr")
    form = correction(world, version, **inputs)
    first = world.client.post("/pages/record?kind=correction&lang=id", data=form)
    assert first.status_code == 302, first.get_data(as_text=True)
    world.catch_up()
    log = world.log()
    again = world.client.post("/pages/record?kind=correction&lang=id", data=form, follow_redirects=True)
    page = again.get_data(as_text=True)
    assert again.status_code == 200, page
    assert "Formulir ini sudah dikirim" not in page
    assert re.search(r"Sudah tercatat: [^<]*versi \d+", page), page
    assert world.log() == log  # nothing recorded again


def test_a_field_corrected_elsewhere_to_the_value_typed_is_said_to_hold_it_already(world: World) -> None:
    """Another writer's correction made the field what this form types (a form of another key): refused beside the
    field as holding that value already, nothing recorded; not as corrected since the form was opened."""
    version = promoted(world)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.hours": "24"})
    corrected_elsewhere(world, version, hours=24)
    log = world.log()
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 422
    error = re.search(r'id="corrected_fields.hours-error">(.*?)</', answer.get_data(as_text=True), re.S)
    assert error is not None
    assert "Dikoreksi sejak formulir ini dibuka" not in error[1]
    assert world.log() == log
    assert values_of(world, version)["hours"] == 24

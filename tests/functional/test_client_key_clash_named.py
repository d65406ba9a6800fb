"""A client key (idempotency key) sent again with other values is refused naming the key, not the reference.

Found by a helper's pass of 2026-12-04: a write repeating an `Idempotency-Key` already used by a recorded fact, with
other values, was refused "Reference 'R-1' was already recorded as version 2 with different values (...)", beside
`reference`, though the clash was over the key (the references may even differ). The API now names the header it
came in, `Idempotency-Key`, and says the key was used; the record form (whose key is a hidden input) says the form
was already sent. The status stays 409, nothing is recorded, a reference's own clash is worded as before, and the
same key with the same values is still answered as already recorded."""

from __future__ import annotations

import html
import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

EVENTS = f"/api/v1/employees/{BUDI}/events"
FACT = {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": "R-KEY-1"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_api_names_the_idempotency_key_a_request_repeats_with_other_values(world: World) -> None:
    first = world.post(EVENTS, "hr", json=FACT, headers={"Idempotency-Key": "K-1"})
    assert first.status_code == 201
    before = world.log()
    other = {**FACT, "reference": "R-KEY-2", "hours": 20}
    answer = world.post(EVENTS, "hr", json=other, headers={"Idempotency-Key": "K-1"})
    assert answer.status_code == 409
    problem = answer.get_json()
    said = (
        f"Key 'K-1' was already used for the training recorded as version {first.get_json()['version']} with different "
        "values (hours, reference): a new fact needs a new key (or send the same values to repeat it)."
    )
    assert problem["errors"] == {"Idempotency-Key": [said]}
    assert problem["detail"] == said
    assert problem["type"] == "urn:careerlog:problem:idempotency-conflict"
    assert world.log() == before


def test_the_api_answers_the_same_key_and_values_as_already_recorded(world: World) -> None:
    first = world.post(EVENTS, "hr", json=FACT, headers={"Idempotency-Key": "K-2"})
    assert first.status_code == 201
    again = world.post(EVENTS, "hr", json=FACT, headers={"Idempotency-Key": "K-2"})
    assert again.status_code == 200
    assert again.get_json()["created"] is False
    assert again.get_json()["version"] == first.get_json()["version"]


def test_the_api_still_names_the_reference_of_a_reference_repeated_with_other_values(world: World) -> None:
    first = world.post(EVENTS, "hr", json=FACT, headers={"Idempotency-Key": "K-3"})
    assert first.status_code == 201
    answer = world.post(EVENTS, "hr", json={**FACT, "hours": 20}, headers={"Idempotency-Key": "K-4"})
    assert answer.status_code == 409
    assert list(answer.get_json()["errors"]) == ["reference"]
    assert answer.get_json()["errors"]["reference"][0].startswith(
        f"Reference 'R-KEY-1' was already recorded as version {first.get_json()['version']} with different values "
        "(hours): if this is another event, give it its own reference number; if version"
    )


def test_the_record_form_sent_again_with_other_values_says_the_form_was_already_sent(world: World) -> None:
    log_in(world, "hr")
    sent = training_form(world, reference="R-FORM-1")
    assert world.client.post("/pages/record?kind=training", data=sent).status_code == 302
    before = world.log()
    changed = {**sent, "reference": "R-FORM-2", "hours": "20"}  # (the page sent back, changed, sent again)
    answer = world.client.post("/pages/record?kind=training", data=changed)
    assert answer.status_code == 422
    page = re.sub(r"\s+", " ", html.unescape(answer.get_data(as_text=True)))
    assert "Formulir ini sudah dikirim untuk Pelatihan yang tercatat sebagai versi" in page
    assert "dengan nilai yang berbeda (Jam pelajaran (JP), Nomor SK atau sertifikat)" in page
    assert "buka lagi halaman pencatatan" in page
    assert 'id="reference-error"' not in page
    assert world.log() == before

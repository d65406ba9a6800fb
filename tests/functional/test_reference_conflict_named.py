"""A reference recorded before with other values is a conflict (409 in the API, the record page refuses it): the
answer names the field at fault, `reference`, as the import's report does, so the page shows it beside the
reference an HR administrator typed and an API client finds it under errors; nothing recorded changes."""

from __future__ import annotations

import html
import re

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

EVENTS = f"/api/v1/employees/{BUDI}/events"
TRAINING = {"kind": "training", **f.training("2016-01-08", reference="CERT-CONFLICT")}
SAID = "Reference 'CERT-CONFLICT' was already recorded as version"


def test_the_api_names_the_reference_of_a_conflict(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING)
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**TRAINING, "hours": 4})
    assert answer.status_code == 409
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(SAID)
    assert world.log() == before


def test_the_record_page_shows_the_conflict_beside_the_reference(world: World) -> None:
    world.post(EVENTS, "hr", json=TRAINING)
    before = world.log()
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/record?kind=training&lang=en")
    form = {"csrf_token": token, "nip": BUDI, **{k: str(v) for k, v in TRAINING.items()}, "hours": "4"}
    answer = world.client.post("/pages/record?kind=training&lang=en", data=form)
    assert answer.status_code == 422
    beside = re.search(r'<span class="error" id="reference-error">(.*?)</span>', answer.get_data(as_text=True))
    assert beside is not None
    assert html.unescape(beside.group(1)).startswith(SAID)
    assert world.log() == before

"""The API takes a training sent again with its certificate and title in another Unicode normalization form (é as e
and a combining accent) as already recorded: 201, then 200 `created: false`, one fact, kept in NFC. Before, it was 201
twice and the record held the training twice. Both stores."""

from __future__ import annotations

import unicodedata

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_training_sent_again_in_nfd_is_already_recorded(world: World) -> None:
    body = {"kind": "training", **f.training("2024-05-03", reference="SK/Café/2024/1", title="Pelatihan Café")}
    first = world.post(EVENTS, json=body)
    assert first.status_code == 201, first.get_data(as_text=True)
    log = world.log()
    nfd = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in body.items()}
    assert nfd["reference"] != body["reference"]
    again = world.post(EVENTS, json=nfd)
    assert again.status_code == 200, again.get_data(as_text=True)
    assert (again.get_json()["created"], again.get_json()["version"]) == (False, first.get_json()["version"])
    assert world.log() == log
    other = {"reference": unicodedata.normalize("NFD", "SK/Café/2024/2"), "start_date": "2024-05-04"}  # (another day:
    other["effective_date"] = "2024-05-04"  # not the training recorded twice, rule training.duplicate)
    nfd_first = world.post(EVENTS, json={**nfd, **other})
    assert nfd_first.status_code == 201
    items = world.get(EVENTS).get_json()["items"]
    kept = [(i["reference"], i["title"]) for i in items if i["kind"] == "training" and "Caf" in i["reference"]]
    assert kept == [("SK/Café/2024/1", "Pelatihan Café"), ("SK/Café/2024/2", "Pelatihan Café")]  # in NFC

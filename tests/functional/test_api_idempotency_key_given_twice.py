"""A request carrying two Idempotency-Key headers reaches the app as one value, the two keys joined by ", " (as
every server and proxy combines a header sent twice), and was recorded under that joined text, a key the client never
sent: sending either key again recorded the fact a second time. A key holding a comma (the header twice, or one
header of comma-joined values) is refused naming the header and the reason, nothing recorded."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from web.api.schemas import ONE_KEY

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def sent(world: World, path: str, body: Any, headers: list[tuple[str, str]]) -> Any:
    """A POST as HR with these headers, each as given (World.call's dict would keep one of two of a name)."""
    return world.client.post(path, json=body, headers=[*headers, ("Authorization", f"Bearer {world.tokens['hr']}")])


def training(reference: str) -> dict[str, Any]:
    return {"kind": "training", **f.training("2024-05-10", hours=16, start="2024-05-08"), "reference": reference}


@pytest.mark.parametrize(
    "headers",
    [
        [("Idempotency-Key", "k-1"), ("Idempotency-Key", "k-2")],
        [("Idempotency-Key", "k-1, k-2")],
        [("Idempotency-Key", "k-1,k-1")],
    ],
)
def test_an_idempotency_key_given_twice_or_comma_joined_is_refused(world: World, headers: list[Any]) -> None:
    before = world.log()
    answer = sent(world, EVENTS, training("R-TWICE"), headers)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"Idempotency-Key": [ONE_KEY]}
    assert world.log() == before


def test_an_appointment_and_a_units_rating_refuse_it_alike(world: World) -> None:
    before = world.log()
    rating = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-15", "reference": "LKJIP-2023"}
    twice = [("Idempotency-Key", "a"), ("Idempotency-Key", "b")]
    answer = sent(world, "/api/v1/units/KOTA-MEDAN/Dinas%20Kesehatan/ratings", rating, twice)
    assert (answer.status_code, list(answer.get_json()["errors"])) == (422, ["Idempotency-Key"])
    answer = sent(world, "/api/v1/employees", {}, twice)
    assert answer.status_code == 422
    assert "Idempotency-Key" in answer.get_json()["errors"]
    assert world.log() == before


def test_one_key_sent_once_is_recorded_as_before(world: World) -> None:
    answer = world.post(EVENTS, "hr", json=training("R-ONCE"), headers={"Idempotency-Key": "k-3"})
    assert answer.status_code == 201, answer.get_json()

"""A write's JSON body that is valid JSON but no object (a list, a text, a number, true, null) is a 422 naming `body`
and what it is, and nothing is recorded. Before, it was marshmallow's `{"_schema": ["Invalid input type."]}`, which
named no field a client sends and did not say that an object was wanted."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

WRITES = [f"/api/v1/employees/{BUDI}/events", "/api/v1/employees", "/api/v1/units/KOTA-MEDAN/Bappeda/ratings"]
BODIES = [("[1, 2]", "a list"), ('"training"', "a text"), ("12", "a number"), ("true", "true"), ("null", "null")]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("path", WRITES, ids=["event", "appointment", "unit_rating"])
def test_a_body_that_is_no_object_is_a_422_naming_body(world: World, path: str) -> None:
    before = world.log()
    for raw, what in BODIES:
        answer = world.post(path, data=raw, headers={"Content-Type": "application/json"})
        assert answer.status_code == 422, (raw, answer.get_data(as_text=True))
        assert answer.mimetype == "application/problem+json"
        assert answer.get_json()["errors"] == {
            "body": [f"Must be a JSON object (the fields by name, between braces), not {what}."]
        }, raw
    assert world.log() == before


def test_outside_the_scope_it_is_the_404_of_a_record_never_appointed(world: World) -> None:
    answer = world.post(WRITES[0], "hr_karo", data="[]", headers={"Content-Type": "application/json"})
    assert answer.status_code == 404, answer.get_data(as_text=True)

"""A write of an event sent with no body, or with an empty JSON object, is a 422 saying the body is empty and what it
must be (a JSON object of the event's fields, its kind first, naming the kinds), beside `body`: an HR tester's empty
POST was told "Missing or unknown kind" (until 2026-12-07). Nothing is recorded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, World

EMPTY = "The body is empty: send a JSON object (Content-Type: application/json) with the event's fields, its kind first"


@pytest.mark.parametrize(
    ("path", "sent"),
    [
        (f"/api/v1/employees/{BUDI}/events", {}),
        (f"/api/v1/employees/{BUDI}/events", {"json": {}}),
        ("/api/v1/units/KOTA-MEDAN/Bappeda/events", {}),
    ],
)
def test_an_event_sent_without_a_body_is_told_its_body_is_empty(world: World, path: str, sent: dict[str, Any]) -> None:
    before = world.log()
    answer = world.post(path, "hr", **sent)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    errors = answer.get_json()["errors"]
    assert list(errors) == ["body"], errors
    assert errors["body"][0].startswith(EMPTY), errors
    assert "kind" not in errors
    assert world.log() == before

"""JSON text nested more than careerlog.jsontext.JSON_DEPTH_LIMIT levels (an API body, the record form's corrected
fields posted as JSON) is refused before json.loads reads it: json.loads recursed to Python's limit on it, and
catching its RecursionError was not enough (in a clean-clone CI run the garbage collector ran a finalizer that deep
and an unraisable RecursionError failed a test). Nothing is recorded."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in

LIMIT = 100  # careerlog.jsontext.JSON_DEPTH_LIMIT


@pytest.fixture
def deep_reads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The texts json.loads is given that open more than LIMIT arrays or objects in all (read as before)."""
    read, found = json.loads, []

    def loads(text: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(text, str | bytes | bytearray):
            opened = text.count("[" if isinstance(text, str) else b"[") + text.count(
                "{" if isinstance(text, str) else b"{"
            )
            if opened > LIMIT:
                found.append(text)
        return read(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", loads)
    return found


def body_of(levels: int) -> str:
    return '{"kind": "correction", "corrected_fields": ' + '{"a": ' * (levels - 1) + "1" + "}" * levels


@pytest.mark.parametrize("levels", [LIMIT + 1, 990, 100_000])
def test_an_api_body_nested_too_deeply_is_400_naming_where_and_unread(
    world: World, deep_reads: list[Any], levels: int
) -> None:
    before = world.log()
    body = body_of(levels)
    response = world.post(f"/api/v1/employees/{BUDI}/events", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    at = body.index("{", body.index("{", 1) + 6 * (LIMIT - 1))  # the 101st opened, counting the body's own
    assert response.get_json()["errors"] == {
        "body": [
            f"Not valid JSON here: nested too deeply (more than {LIMIT} arrays or objects one inside another, from "
            f"character {at + 1:,}): no field holds a value nested so deeply."
        ]
    }
    assert deep_reads == []
    assert world.log() == before


def test_an_api_body_nested_to_the_limit_or_opening_many_side_by_side_is_read_and_judged_as_before(
    world: World, deep_reads: list[Any]
) -> None:
    before = world.log()
    side_by_side = '{"kind": "correction", "corrected_fields": {"a": [' + ", ".join(["[{}]"] * LIMIT) + "]}}"
    for body in (body_of(LIMIT), side_by_side):
        response = world.post(f"/api/v1/employees/{BUDI}/events", data=body, content_type="application/json")
        assert response.status_code == 422, response.get_json()
        assert "nested too deeply" not in json.dumps(response.get_json())
    assert deep_reads == [side_by_side]  # (read: it opens many in all, none deep)
    assert world.log() == before


@pytest.mark.parametrize("typed", ["[" * (LIMIT + 1), '{"cost": ' * 100_000], ids=["lists", "objects"])
def test_corrected_fields_posted_as_json_nested_too_deeply_are_refused_unread_beside_the_field(
    world: World, deep_reads: list[Any], typed: str
) -> None:
    version = promoted(world)
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post(
        "/pages/record?kind=correction", data={**correction(world, version), "corrected_fields": typed}
    )
    assert answer.status_code == 422, answer.status_code
    assert (
        '<p class="error" id="corrected_fields-error">Bukan JSON yang sah. Objek atau daftar bersarang lebih dari '
        f"{LIMIT} tingkat." in answer.get_data(as_text=True)
    )
    assert deep_reads == []
    assert world.log() == before

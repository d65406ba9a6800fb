"""`wait_for` is read before the query schema (web.api.common.wait_if_asked), and was read otherwise than the schema
reads it: `-1` was "Not a valid integer." (it is one: the reason is its range, from 0), `+5` was refused (the
schema, and every other number of the API, takes a sign), and a HEAD did not wait at all: a position no write has been
given yet, a 422 to a GET, was answered 200, and a HEAD after a write could answer the ETag of views not showing it.
Now one reading, the schema's, for a GET and a HEAD alike."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

READS = ("/api/v1/reports/headcount?by=sex&", f"/api/v1/employees/{BUDI}/timeline?", "/api/v1/me?")


def position(world: World) -> int:
    return int(world.services.ledger.max_notification_id())


@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_negative_position_is_refused_for_its_range(world: World, read: str, method: str) -> None:
    answer = world.call(method, f"{read}wait_for=-1")
    assert answer.status_code == 422
    if method == "GET":
        assert answer.get_json()["errors"] == {"wait_for": ["Must be greater than or equal to 0."]}


@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_position_with_a_plus_sign_is_read_as_any_number_of_the_api(world: World, read: str, method: str) -> None:
    assert world.call(method, f"{read}wait_for=%2B{position(world)}").status_code == 200


@pytest.mark.parametrize("read", READS)
def test_a_head_is_refused_a_position_not_given_yet_as_a_get_is(world: World, read: str) -> None:
    ahead = position(world) + 1000
    assert world.call("GET", f"{read}wait_for={ahead}").status_code == 422
    assert world.call("HEAD", f"{read}wait_for={ahead}").status_code == 422

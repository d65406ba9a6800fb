"""A URL longer than the app's limit (web.security.MAX_URL_BYTES: path and query) is a 414 problem+json
naming the limit, on the fast reads' paths, Flask's and an unknown path alike, before anything is read."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from web.security import MAX_URL_BYTES


def padded(path: str, length: int) -> str:
    """The path with a query that makes the URL `length` bytes long."""
    query = "?search="
    return path + query + "x" * (length - len(path) - len(query))


@pytest.mark.parametrize(
    "path",
    ["/api/v1/employees", f"/api/v1/employees/{BUDI}/timeline", "/api/v1/audits/promotions", "/api/v1/nowhere"],
)
def test_a_url_over_the_limit_is_a_414_problem_naming_the_limit(world: World, path: str) -> None:
    answer = world.get(padded(path, MAX_URL_BYTES + 1), who="inspector")
    assert answer.status_code == 414
    assert answer.mimetype == "application/problem+json"
    problem = answer.get_json()
    assert problem["status"] == 414
    assert f"{MAX_URL_BYTES:,} bytes" in problem["detail"]
    assert problem["instance"] == path


def test_a_url_at_the_limit_is_read(world: World) -> None:
    answer = world.get(padded("/api/v1/employees", MAX_URL_BYTES), who="inspector")
    assert answer.status_code == 422  # read: a search that long is refused as such
    assert set(answer.get_json()["errors"]) == {"search"}

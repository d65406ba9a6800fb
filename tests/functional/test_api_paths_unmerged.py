"""A path under /api/ holding `//` or ending in `/` is a 404 problem+json, as any path no route takes: never
werkzeug's 308 redirect (an HTML body) to the path with its slashes merged, which a client would follow, a POST with
its body too, to a path it never wrote (docs/api.md, 404)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

PATHS = [
    "/api/v1//employees",
    "/api//v1/employees",
    f"/api/v1/employees//{BUDI}/timeline",
    f"/api/v1/employees/{BUDI}//timeline",
    "/api/v1/employees/",
    f"/api/v1/employees/{BUDI}/timeline/",
    f"/api/v1/employees/{BUDI}/",
    "/api//openapi.json",
    "/api/openapi.json/",
    "/api//docs",
    "/api/docs/",
]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        *(("GET", path) for path in PATHS),
        ("POST", "/api/v1//employees"),
        ("POST", "/api/v1/employees/"),
        ("POST", f"/api/v1/employees/{BUDI}/events/"),
    ],
)
def test_a_path_with_a_double_or_trailing_slash_is_a_404_problem(world: World, method: str, path: str) -> None:
    answer = world.call(method, path, json={} if method == "POST" else None)
    assert answer.status_code == 404, answer.headers.get("Location")
    assert answer.mimetype == "application/problem+json"
    assert "Location" not in answer.headers
    assert answer.json is not None
    assert answer.json["instance"] == path


def test_a_double_slash_records_nothing(world: World) -> None:
    before = world.log()
    answer = world.post(f"/api/v1/employees//{BUDI}/events", json={"kind": "training"})
    assert answer.status_code == 404
    assert world.log() == before

"""The 404 of a path no route of the API has and the 405 of a method its route does not take were problems of type
`about:blank`, where every other refusal of the API names a careerlog problem type: they are
`urn:careerlog:problem:unknown-path` and `urn:careerlog:problem:method-not-allowed`, still application/problem+json
(docs/api.md, "Errors")."""

from __future__ import annotations

from tests.functional.conftest import BUDI, World
from web.errors import PROBLEM_TYPES


def test_a_path_of_no_route_is_an_unknown_path_problem(world: World) -> None:
    answer = world.call("GET", "/api/v1/no-such-route", "hr")
    assert (answer.status_code, answer.mimetype) == (404, "application/problem+json")
    assert answer.get_json()["type"] == "urn:careerlog:problem:unknown-path"


def test_a_method_the_route_does_not_take_is_a_method_not_allowed_problem(world: World) -> None:
    answer = world.call("DELETE", f"/api/v1/employees/{BUDI}/events", "hr")
    assert (answer.status_code, answer.mimetype) == (405, "application/problem+json")
    assert answer.get_json()["type"] == "urn:careerlog:problem:method-not-allowed"
    assert "POST" in answer.headers["Allow"]


def test_the_routing_problem_types_are_listed_with_the_others() -> None:
    listed = {(slug, status) for slug, status, _ in PROBLEM_TYPES}
    assert {("unknown-path", 404), ("method-not-allowed", 405)} <= listed

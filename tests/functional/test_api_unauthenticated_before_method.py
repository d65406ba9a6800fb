"""A request under /api/ without a valid token whose method its route does not take was a 405 naming the methods it
does (Allow), and one to no route a 404: anyone could map the API's routes and methods without a token. It is a 401,
as a request to a route of the API is; with a valid token the 405 with its Allow (or the 404) is answered as before.
The public documents (/api/openapi.json, /api/docs) answer as before."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", EVENTS),
        ("PUT", f"/api/v1/employees/{BUDI}"),
        ("POST", f"/api/v1/employees/{BUDI}/timeline"),
        ("HEAD", "/api/v1/imports"),
        ("PATCH", "/api/v1/me"),
        ("GET", "/api/v1/no-such-route"),
        ("OPTIONS", "/api/v1/no-such-route"),
        ("GET", "/api/v2/employees"),
    ],
)
def test_an_unauthenticated_request_is_401_whatever_its_method_or_path(world: World, method: str, path: str) -> None:
    answer = world.call(method, path, who=None)
    assert answer.status_code == 401
    assert "Allow" not in answer.headers
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    bad = world.call(method, path, who=None, headers={"Authorization": "Bearer nope"})
    assert (bad.status_code, "Allow" in bad.headers) == (401, False)


def test_an_authenticated_request_of_a_wrong_method_is_405_with_allow(world: World) -> None:
    answer = world.call("DELETE", EVENTS, "hr")
    assert answer.status_code == 405
    assert set(answer.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    assert world.call("GET", "/api/v1/no-such-route", "hr").status_code == 404


def test_the_public_documents_answer_a_wrong_method_as_before(world: World) -> None:
    assert world.call("POST", "/api/openapi.json", who=None).status_code == 405
    assert world.call("DELETE", "/api/docs", who=None).status_code == 405

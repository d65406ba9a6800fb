"""OPTIONS under /api/ is answered 204 No Content with an `Allow` naming the path's methods (sorted), not Flask's
default 200 with an empty text/html body; no CORS headers (the API has no cross-origin clients). The token is
checked first, as for any method (docs/api.md)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

CORS = ("Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers")


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/api/v1/employees", "GET, HEAD, OPTIONS, POST"),
        (f"/api/v1/employees/{BUDI}", "GET, HEAD, OPTIONS"),
        (f"/api/v1/employees/{BUDI}/events", "GET, HEAD, OPTIONS, POST"),
    ],
)
def test_options_on_an_api_path_answers_204_with_its_methods(world: World, path: str, allow: str) -> None:
    answer = world.call("OPTIONS", path)
    assert answer.status_code == 204
    assert answer.headers["Allow"] == allow
    assert answer.get_data() == b""
    assert "Content-Type" not in answer.headers
    assert not any(name in answer.headers for name in CORS)


@pytest.mark.parametrize("path", ["/api/openapi.json", "/api/docs"])
def test_options_on_the_openapi_document_and_docs_page_answers_204(world: World, path: str) -> None:
    answer = world.call("OPTIONS", path, who=None)
    assert (answer.status_code, answer.headers["Allow"]) == (204, "GET, HEAD, OPTIONS")
    assert "Content-Type" not in answer.headers
    assert not any(name in answer.headers for name in CORS)


def test_options_without_a_token_is_refused_as_any_api_request(world: World) -> None:
    answer = world.call("OPTIONS", "/api/v1/employees", who=None)
    assert (answer.status_code, answer.mimetype) == (401, "application/problem+json")

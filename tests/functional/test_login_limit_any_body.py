"""The log-in reads a form's fields alone, the fields its limit (5 attempts a minute per address and user name)
counts. Flask-WTF reads a JSON body as a form's data too: such attempts were counted under no user name, apart
from the form's, so that after 5 failed attempts by the form the right password sent as JSON logged in, and a
user name sent as a number, a list or an object was a 500. A JSON body is now a log-in form sent empty: refused,
never logged in (docs/security.md, "Forms, sizes and log-in")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def as_json(world: World, username: Any, password: Any) -> int:
    token = csrf_token(world.client)
    body = {"username": username, "password": password, "csrf_token": token}
    return world.client.post("/pages/login", json=body).status_code


def test_after_five_failed_attempts_by_the_form_the_right_password_as_json_does_not_log_in(world: World) -> None:
    for _ in range(5):
        assert log_in(world, "employee", password="salah").status_code == 400
    assert as_json(world, "employee-web", PASSWORD) == 400
    assert world.client.get("/pages/").status_code == 401
    assert log_in(world, "employee").status_code == 429  # (the form's attempts still counted)


def test_a_json_body_never_logs_in(world: World) -> None:
    log_in(world, "hr")  # (the web account made, then logged out of)
    world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client, "/pages/")})
    assert as_json(world, "hr-web", PASSWORD) == 400
    assert world.client.get("/pages/").status_code == 401


@pytest.mark.parametrize("username", [123, ["hr-web", "x"], {"a": 1}, True, 1.5], ids=repr)
def test_a_json_body_of_other_values_is_refused_not_a_server_error(world: World, username: Any) -> None:
    assert as_json(world, username, {"x": 1}) == 400

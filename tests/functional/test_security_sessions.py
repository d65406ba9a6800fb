"""Logging out ends the session on the server, not only in the browser that logged out.

The session is Flask's signed cookie. Logging out told the browser to drop it, but a copy taken before (another
browser profile, a proxy's log, a shared office computer's cookie store) kept working for the cookie's whole
life (31 days from the log-in): the store knew nothing of sessions. Each log-in now names its session (a random
id in the cookie) and a log-out writes that id into the store's ended sessions, which every page checks; a
cookie naming no session (one signed before this release) is not a session at all. Both stores."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def copy_of(world: World) -> FlaskClient:
    """Another client holding the same session cookie as the world's client."""
    copy = world.app.test_client()
    copy.set_cookie("session", world.client.get_cookie("session").value)  # type: ignore[union-attr]
    return copy


def log_out(client: FlaskClient) -> None:
    answer = client.post("/pages/logout", data={"csrf_token": csrf_token(client, "/pages/")})
    assert answer.status_code == 302


def test_a_session_cookie_copied_before_log_out_is_refused_after_it(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    copy = copy_of(world)
    assert copy.get(f"/pages/employees/{BUDI}").status_code == 200
    log_out(world.client)
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 401
    assert copy.get(f"/pages/employees/{BUDI}").status_code == 401
    assert copy.get("/pages/").status_code == 401


def test_logging_out_ends_that_session_only(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    elsewhere = copy_of(world)
    log_out(world.client)  # the world's client forgot the session; log in again: a new one
    assert log_in(world, "hr").status_code == 302
    other = world.app.test_client()
    other.set_cookie("session", world.client.get_cookie("session").value)  # type: ignore[union-attr]
    assert elsewhere.get("/pages/").status_code == 401
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 200
    assert other.get(f"/pages/employees/{BUDI}").status_code == 200


def test_each_log_in_is_a_new_session(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    first = world.client.get_cookie("session").value  # type: ignore[union-attr]
    assert log_in(world, "hr").status_code == 302
    assert world.client.get_cookie("session").value != first  # type: ignore[union-attr]


def test_a_signed_cookie_naming_no_session_is_not_signed_in(world: World) -> None:
    with world.client.session_transaction() as session:
        session["username"] = "hr"  # as a cookie signed before sessions were named carries it
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 401


def test_a_log_in_over_a_live_session_ends_the_session_it_replaces(world: World) -> None:
    """A browser still in a session (its user left without logging out) logged in again, by another account or the
    same: the session replaced is ended on the server too, as a log-out ends it, so a copy of its cookie is refused.
    Before, only the browser forgot it: a copy stayed signed in until its idle or longest life ran out."""
    assert log_in(world, "hr").status_code == 302
    copy = copy_of(world)
    assert log_in(world, "employee").status_code == 302
    assert copy.get(f"/pages/employees/{BUDI}").status_code == 401
    assert copy.get("/pages/").status_code == 401
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 200  # the new session goes on


def test_a_failed_log_in_leaves_the_session_as_it_was(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    copy = copy_of(world)
    assert log_in(world, "employee", password="salah").status_code == 400
    assert copy.get(f"/pages/employees/{BUDI}").status_code == 200

"""A page session ends when it is not used for a while, and at the latest some hours after its log-in.

It lasted 31 days from the log-in (Flask's default), used or not: too long for a government system holding
personal data (UU 27/2022 PDP). A session not used for CAREERLOG_SESSION_IDLE_MINUTES (30) ends (Flask's
PERMANENT_SESSION_LIFETIME: each request renews the signed cookie), and one used all along ends
CAREERLOG_SESSION_HOURS (12) after its log-in. The visitor lands on the log-in page, told the session ended,
and after logging in is taken back to the page asked for: a path on this site only, never another host.
Both stores (the ended sessions are kept in the store)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask.testing import FlaskClient

from careerlog.config import ConfigurationError
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in
from tests.functional.test_security_sessions import copy_of, log_out
from web.config import WebSettings

PAGE = f"/pages/employees/{BUDI}"
ENDED_ID = "Sesi Anda telah berakhir"
ENDED_EN = "Your session ended"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move the clock `minutes` on from now (the cookie's signature and the log-in time both read it)."""
    real = time.time

    def move(minutes: float) -> None:
        monkeypatch.setattr(time, "time", lambda: real() + minutes * 60)

    return move


def test_the_settings_are_read_from_the_environment() -> None:
    default = WebSettings.from_env({}).flask_config()
    assert default["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    assert default["CAREERLOG_SESSION_HOURS"] == 12
    chosen = WebSettings.from_env({"CAREERLOG_SESSION_IDLE_MINUTES": "45", "CAREERLOG_SESSION_HOURS": "8"})
    assert chosen.flask_config()["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=45)
    assert chosen.flask_config()["CAREERLOG_SESSION_HOURS"] == 8
    for name in ("CAREERLOG_SESSION_IDLE_MINUTES", "CAREERLOG_SESSION_HOURS"):
        with pytest.raises(ConfigurationError, match=name):
            WebSettings.from_env({name: "0"})


def test_a_session_not_used_for_the_idle_time_ends_on_the_log_in_page_saying_so(
    world: World, later: Callable[[float], None]
) -> None:
    world.app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=30)
    assert log_in(world, "hr").status_code == 302
    assert world.client.get(PAGE).status_code == 200
    later(31)
    answer = world.client.get(PAGE + "?lang=id")
    assert answer.status_code == 302
    where = urlsplit(answer.headers["Location"])
    assert (where.path, parse_qs(where.query)) == ("/pages/login", {"next": [PAGE + "?lang=id"]})
    login = world.client.get(answer.headers["Location"])
    assert login.status_code == 200
    assert ENDED_ID in login.get_data(as_text=True)
    assert ENDED_ID not in world.client.get("/pages/login").get_data(as_text=True)  # said once
    assert world.client.get(PAGE).status_code == 401  # the session is over: nobody is signed in


def test_the_message_is_in_the_language_of_the_ended_session(world: World, later: Callable[[float], None]) -> None:
    world.client.get("/pages/login?lang=en")
    assert log_in(world, "hr").status_code == 302
    later(31)
    answer = world.client.get(PAGE)
    assert answer.status_code == 302
    assert ENDED_EN in world.client.get(answer.headers["Location"]).get_data(as_text=True)


def test_a_session_in_use_outlives_the_idle_time(world: World, later: Callable[[float], None]) -> None:
    assert log_in(world, "hr").status_code == 302
    for minutes in (20, 40, 60, 80):
        later(minutes)
        assert world.client.get(PAGE).status_code == 200, minutes


def test_a_session_in_use_ends_its_hours_after_the_log_in(world: World, later: Callable[[float], None]) -> None:
    world.app.config["CAREERLOG_SESSION_HOURS"] = 1
    assert log_in(world, "hr").status_code == 302
    for minutes in (25, 50):
        later(minutes)
        assert world.client.get(PAGE).status_code == 200, minutes
    later(75)
    answer = world.client.get(PAGE)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/pages/login?next=")
    assert ENDED_ID in world.client.get(answer.headers["Location"]).get_data(as_text=True)


def log_in_at(client: FlaskClient, path: str, username: str) -> str:
    """Log in on the log-in page at `path` and answer where it sends the browser."""
    token = csrf_token(client, path)
    answer = client.post(path, data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return answer.headers["Location"]


def test_after_the_log_in_the_page_asked_for_opens(world: World, later: Callable[[float], None]) -> None:
    assert log_in(world, "hr").status_code == 302
    later(31)
    login = world.client.get(PAGE + "?x=1").headers["Location"]
    assert log_in_at(world.client, login, "hr-web") == PAGE + "?x=1"
    assert world.client.get(PAGE).status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/pages/",
        "https://evil.example/pages/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "javascript:alert(1)",
        "/pages/\r\nSet-Cookie: x=1",
        "pages/",
    ],
)
def test_after_the_log_in_only_a_path_on_this_site_is_opened(world: World, target: str) -> None:
    log_in(world, "hr")  # (makes the account)
    world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client, "/pages/")})
    login = "/pages/login?" + urlencode({"next": target})
    assert log_in_at(world.client, login, "hr-web") == "/pages/"


def test_nobody_signed_in_is_still_a_401_not_a_session_that_ended(world: World) -> None:
    assert world.client.get(PAGE).status_code == 401


def test_a_logged_out_copy_of_the_cookie_is_still_refused_not_sent_to_log_in(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    copy = copy_of(world)
    log_out(world.client)
    assert copy.get(PAGE).status_code == 401


def test_an_error_page_shows_no_menu_for_a_session_that_was_logged_out(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    copy = copy_of(world)
    assert 'class="logout"' in copy.get("/pages/nothing-here").get_data(as_text=True)
    log_out(world.client)
    page = copy.get("/pages/nothing-here")
    assert page.status_code == 404
    assert 'class="logout"' not in page.get_data(as_text=True)
    assert not re.search(r'class="who">[^<]+<', page.get_data(as_text=True))


def test_an_error_page_shows_no_menu_for_a_session_that_timed_out(world: World, later: Callable[[float], None]) -> None:
    assert log_in(world, "hr").status_code == 302
    world.app.config["CAREERLOG_SESSION_HOURS"] = 1
    later(61)
    page = world.client.get("/pages/nothing-here")
    assert page.status_code == 404
    assert 'class="logout"' not in page.get_data(as_text=True)


def test_a_live_session_of_a_disabled_account_is_refused_not_told_it_timed_out(world: World) -> None:
    assert log_in(world, "hr").status_code == 302
    world.services.accounts.disable("hr-web")
    assert world.client.get(PAGE).status_code == 401


def test_only_a_page_renews_the_session_cookie_never_a_cached_file_or_the_api(world: World) -> None:
    """A year-cacheable stylesheet answered with Set-Cookie could hand a shared cache someone's session; the API
    varies on Accept and Authorization only (docs/security.md)."""
    assert log_in(world, "hr").status_code == 302
    assert "Set-Cookie" in world.client.get(PAGE).headers
    for path in ("/static/pages.css", "/api/openapi.json", "/health"):
        with world.client.get(path) as answer:  # (the stylesheet is a file: closed)
            assert answer.status_code == 200, path
            assert "Set-Cookie" not in answer.headers, path
            assert "Cookie" not in answer.headers.get("Vary", ""), path

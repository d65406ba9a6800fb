"""CAREERLOG_SECURE_COOKIES is read as the other web settings are (web.config): `on` (or 1, true, yes) sends the
pages' session cookie Secure, `off` (or 0, false, no; unset) not, and anything else stops the server at start naming
the variable. Before, it was read apart, as 1, true or yes alone: `on`, as CAREERLOG_FAST_READS is written, or a
typo, left the cookie without Secure behind https, silently (docs/security.md, "Page sessions")."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from careerlog.config import ConfigurationError, Settings
from tests.functional.conftest import TEST_CONFIG
from web import create_app
from web.config import WebSettings


@pytest.fixture
def make_app(sqlite_url: str) -> Iterator[Callable[[str | None], Flask]]:
    made: list[Flask] = []

    def build(value: str | None) -> Flask:
        env = {} if value is None else {"CAREERLOG_SECURE_COOKIES": value}
        app = create_app(Settings(database_url=sqlite_url), web=WebSettings.from_env(env), test_config=TEST_CONFIG)
        made.append(app)
        return app

    yield build
    for app in made:
        app.extensions["careerlog"].close()


def session_cookie(app: Flask) -> str:
    """The session cookie the log-in page sets (its form's token is the session's first value)."""
    (cookie,) = [c for c in app.test_client().get("/pages/login").headers.getlist("Set-Cookie") if "session=" in c]
    return cookie


@pytest.mark.parametrize("value", ["on", "ON", "1", "true", "yes"])
def test_on_sends_the_session_cookie_secure(make_app: Callable[[str | None], Flask], value: str) -> None:
    assert "; Secure" in session_cookie(make_app(value))


@pytest.mark.parametrize("value", [None, "", "off", "0", "false", "no"])
def test_off_or_unset_sends_it_over_http_too(make_app: Callable[[str | None], Flask], value: str | None) -> None:
    assert "; Secure" not in session_cookie(make_app(value))


@pytest.mark.parametrize("value", ["enabled", "2", "secure"])
def test_anything_else_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_SECURE_COOKIES"):
        WebSettings.from_env({"CAREERLOG_SECURE_COOKIES": value})

"""A page log-in holds on every worker of `careerlog serve`, with or without CAREERLOG_SECRET_KEY.

Flask signs the pages' session cookie (and the log-in form's CSRF token) with the secret key.
Unset, each gunicorn worker drew its own: a log-in form served by one worker was refused by
the other (400) and a session begun on one was unknown to the other (401), so `make run` and a
plain `careerlog serve` logged people out at random. The key `careerlog serve` draws reaches its
workers' apps through the app factory, not the environment every child process inherits.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from careerlog.config import Settings
from tests.integration.conftest import PASSWORD, SERVED_GROUP, TwoWorkers
from web.cli import Server, serve

pytestmark = SERVED_GROUP  # (`two_workers`: the server shared with the other modules of the group, conftest.py)


def _opener() -> urllib.request.OpenerDirector:
    # a fresh connection per request, so gunicorn's workers take turns at them
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _status(opener: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None = None) -> int:
    body = None if data is None else urllib.parse.urlencode(data).encode()
    try:
        request = urllib.request.Request(url, body, {"Connection": "close"})  # noqa: S310
        with opener.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def test_a_page_log_in_holds_on_every_worker_without_a_configured_secret_key(two_workers: TwoWorkers) -> None:
    url = two_workers.url
    outcomes = []
    for _ in range(3):
        opener = _opener()
        with opener.open(f"{url}/pages/login", timeout=10) as page:
            found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode())
        assert found, "the log-in form has no CSRF token"
        form = {"csrf_token": found.group(1), "username": "siti", "password": PASSWORD}
        logged_in = _status(opener, f"{url}/pages/login", form)  # the redirect to the home page is followed
        reads = [_status(opener, f"{url}/pages/") for _ in range(6)]
        outcomes.append((logged_in, reads))
    assert outcomes == [(200, [200] * 6)] * 3


def test_the_key_drawn_by_serve_reaches_every_workers_app_and_not_the_environment(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    monkeypatch.setenv("CAREERLOG_SECRET_KEY", "")  # so that the test leaves the environment as it found it
    monkeypatch.delenv("CAREERLOG_SECRET_KEY")
    started: list[Server] = []
    monkeypatch.setattr(Server, "run", lambda server: started.append(server))  # the master, without forking
    serve(Settings(database_url=sqlite_url), "127.0.0.1:0", workers=2)
    assert "CAREERLOG_SECRET_KEY" not in os.environ
    first, second = started[0].load(), started[0].load()  # what each forked worker does
    try:
        assert first.secret_key == second.secret_key
        assert len(str(first.secret_key)) >= 32
    finally:
        first.extensions["careerlog"].close()
        second.extensions["careerlog"].close()

"""A page log-in holds on every worker of `careerlog serve`, with or without CAREERLOG_SECRET_KEY.

Flask signs the pages' session cookie (and the log-in form's CSRF token) with the secret key.
Unset, each gunicorn worker drew its own: a log-in form served by one worker was refused by
the other (400) and a session begun on one was unknown to the other (401), so `make run` and a
plain `careerlog serve` logged people out at random. The key `careerlog serve` draws reaches its
workers' apps through the app factory, not the environment every child process inherits.
"""

from __future__ import annotations

import os

import pytest

from careerlog.config import Settings
from tests.integration.conftest import PASSWORD, SERVED_GROUP, TwoWorkers, cookie_client, log_in_form, status
from web.cli import Server, serve

pytestmark = SERVED_GROUP  # (`two_workers`: the server shared with the other modules of the group, conftest.py)


def test_a_page_log_in_holds_on_every_worker_without_a_configured_secret_key(two_workers: TwoWorkers) -> None:
    url = two_workers.url
    outcomes = []
    for _ in range(3):
        opener = cookie_client()
        form = log_in_form(opener, url, "siti", PASSWORD)
        logged_in = status(opener, f"{url}/pages/login", form)  # the redirect to the home page is followed
        reads = [status(opener, f"{url}/pages/") for _ in range(6)]
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

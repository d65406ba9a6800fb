"""A `careerlog serve --workers 2` shared by the modules whose tests only need one running with its counts cleared.

Starting and stopping one costs about 4 s of wall here (Python's start, the imports of the pages and statistics
libraries before gunicorn forks, two workers' apps, the master's stop). test_serve_log_in_any_worker,
test_serve_log_in_limit_across_workers (its test of the address's limit) and test_serve_api_rate_limit_across_workers
each started one per test and store, all alike but for CAREERLOG_API_RATE_LIMIT, which only the API's requests count
under: they now share one server per store (`two_workers`), their modules in one xdist group so that one pytest worker
starts it. Each test starts from no counts (rate_limits emptied: the page log-in limits by address and by user name,
the API's per token, all counted in the store, web.login_limit). A test that needs another configuration (a log-in
failure limit of 3 an hour) starts its own with `serving_two_workers`.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from careerlog.accounts import open_accounts
from careerlog.config import Settings
from tests.conftest import fresh_schema
from tests.processes import serve, wait_until

PASSWORD = "a-long-enough-password-2026"  # siti's, an administrator who logs in to the pages
SERVED_GROUP = pytest.mark.xdist_group("two_workers")  # the modules sharing `two_workers`, on one pytest worker


@dataclass(frozen=True)
class TwoWorkers:
    """A running `careerlog serve --workers 2 --threads 1` with no CAREERLOG_SECRET_KEY: its base URL, its store,
    and two API tokens of its account bi-client (siti logs in with PASSWORD)."""

    url: str
    database_url: str
    tokens: tuple[str, str]


def cookie_client() -> urllib.request.OpenerDirector:
    """A client of its own (its cookies); each request it makes on a fresh connection (`status`), so that gunicorn's
    workers take turns at them."""
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def log_in_form(
    client: urllib.request.OpenerDirector, url: str, username: str, password: str, query: str = ""
) -> dict[str, str]:
    """The log-in form to post, its CSRF token read from the log-in page the client opened (`query`: "?lang=en")."""
    with client.open(f"{url}/pages/login{query}", timeout=10) as page:
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode())
    assert found, "the log-in form has no CSRF token"
    return {"csrf_token": found.group(1), "username": username, "password": password}


def status(client: urllib.request.OpenerDirector, url: str, data: dict[str, str] | None = None) -> int:
    """The status of a GET of `url` (a POST of the form `data`) on a connection of its own; 0 when nothing answered."""
    body = None if data is None else urllib.parse.urlencode(data).encode()
    try:
        request = urllib.request.Request(url, body, {"Connection": "close"})  # noqa: S310
        with client.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


@contextmanager
def serving_two_workers(database_url: str, log_path: Path, **settings: str) -> Iterator[TwoWorkers]:
    """`careerlog serve --workers 2 --threads 1` on the store, with `settings` and no CAREERLOG_SECRET_KEY, once both
    workers have booted (a fixed second did not ensure it on a loaded machine: the requests could all have gone to
    the one worker up, and a test passed with no second worker to disagree with)."""
    accounts = open_accounts(Settings(database_url=database_url))
    try:
        accounts.create("siti", display_name="Siti", role="admin", password=PASSWORD)
        accounts.create("bi-client", display_name="Reporting", role="admin", password=None)
        tokens = (accounts.issue_token("bi-client").token, accounts.issue_token("bi-client").token)
    finally:
        accounts.store.close()
    env: dict[str, str | None] = {"CAREERLOG_SECRET_KEY": None, **settings}
    server, url = serve(database_url, log_path, "--workers", "2", "--threads", "1", env=env)
    try:
        assert wait_until(lambda: status(cookie_client(), f"{url}/pages/login") == 200, timeout=120), server.output()
        assert wait_until(lambda: server.output().count("Booting worker with pid") >= 2, timeout=120), server.output()
        yield TwoWorkers(url, database_url, tokens)
    finally:
        server.close()


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_workers_of_the_session(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TwoWorkers]:
    """The shared server of each store: its API limited to 5 requests a minute per token (CAREERLOG_API_RATE_LIMIT),
    the rest as configured by default."""
    directory = tmp_path_factory.mktemp("two-workers")
    if request.param == "sqlite":
        with serving_two_workers(f"sqlite:///{directory}/careerlog.db", directory / "serve.log", **LIMITED) as served:
            yield served
        return
    with fresh_schema() as url, serving_two_workers(url, directory / "serve.log", **LIMITED) as served:
        yield served


# One connection per pool, two at most (each worker's ledger and views): the server stays up for the rest of its pytest
# worker's session, and at the default 4 + 8 its two workers held 20 of PostgreSQL's 100 connections all along; the
# CI run of 2026-12-06 (fifth session) ran out of them ("sorry, too many clients already") in test_schema_creation.
LIMITED = {"CAREERLOG_API_RATE_LIMIT": "5/minute", "CAREERLOG_DB_POOL_SIZE": "1", "CAREERLOG_DB_MAX_OVERFLOW": "1"}


@pytest.fixture
def two_workers(two_workers_of_the_session: TwoWorkers) -> TwoWorkers:
    """The shared server of the test's store, no request counted: its rate_limits rows (every count of the page
    log-in limits and the API's limit) deleted. (Each worker also keeps its API tokens' counts in memory,
    web.api.ratelimit: the two tokens are test_serve_api_rate_limit_across_workers' alone.)"""
    accounts = open_accounts(Settings(database_url=two_workers_of_the_session.database_url))
    try:
        accounts.forget_hits()
    finally:
        accounts.store.close()
    return two_workers_of_the_session

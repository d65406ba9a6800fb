"""When the database could not be used, the API's 503 and the pages' say to try again after the configured connect
timeout (the URL's ?connect_timeout=, else 5 s: Settings.connect_timeout), about as long as the pool waits for a
connection: until 2026-12-06 they sent `Retry-After: 5` whatever the URL gave, so a deployment waiting 30 s for a
connection had its clients come back while it still waited."""

from __future__ import annotations

import dataclasses

import pytest
from eventsourcing.persistence import OperationalError

from careerlog.config import DEFAULT_CONNECT_TIMEOUT
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def unusable(*args: object, **kwargs: object) -> None:
    raise OperationalError("the database is locked")


@pytest.fixture
def waiting_nine_seconds(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """The world's server configured with a connect timeout of 9 s, its headcount meeting a database it cannot use."""
    url = "postgresql://postgres@127.0.0.1:5432/test?connect_timeout=9"
    settings = dataclasses.replace(world.services.settings, database_url=url)
    assert settings.connect_timeout == 9
    monkeypatch.setattr(world.services, "settings", settings)
    monkeypatch.setattr(world.services, "headcount", unusable)
    return world


def test_the_apis_503_retry_after_is_the_connect_timeout(waiting_nine_seconds: World) -> None:
    answer = waiting_nine_seconds.get("/api/v1/reports/headcount?by=agency", who="reporter")
    assert answer.status_code == 503, answer.text
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["Retry-After"] == "9"


def test_the_pages_503_retry_after_is_the_connect_timeout(waiting_nine_seconds: World) -> None:
    log_in(waiting_nine_seconds, "reporter")
    answer = waiting_nine_seconds.client.get("/pages/reports/headcount")
    assert answer.status_code == 503
    assert answer.mimetype == "text/html"
    assert answer.headers["Retry-After"] == "9"


def test_without_a_connect_timeout_the_retry_after_is_five_seconds(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.services, "headcount", unusable)
    answer = world.get("/api/v1/reports/headcount?by=agency", who="reporter")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == str(DEFAULT_CONNECT_TIMEOUT) == "5"

"""The API's rate limit per token (CAREERLOG_API_RATE_LIMIT, web.api.ratelimit): past it a token is answered 429
problem+json with Retry-After, the fast reads and the Flask path counting together, every process of a store
together (the counts are in the store), another token unaffected. On both stores.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_babel import force_locale
from limits import parse

from careerlog.config import ConfigurationError
from tests.functional.conftest import BUDI, RINA, TEST_CONFIG, World, served_app
from web.api.ratelimit import TOO_MANY_REQUESTS, BatchedStoreCounts, limit_words
from web.config import WebSettings
from web.fastreads import FastReads
from web.languages import worded

PROBLEM_JSON = "application/problem+json"
TIMELINE = f"/api/v1/employees/{BUDI}/timeline"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_API_RATE_LIMIT": "5/minute"}


def test_the_sixth_request_of_a_token_in_its_minute_is_refused_with_retry_after(world: World) -> None:
    world.catch_up()
    assert isinstance(world.app.wsgi_app, FastReads)  # the timeline and roster reads answered in front of Flask
    paths = [TIMELINE, "/api/v1/me", "/api/v1/employees?per_page=1", f"{TIMELINE}?format=csv", "/api/v1/me"]
    assert [world.get(p, "hr").status_code for p in paths] == [200] * 5
    for path in (TIMELINE, "/api/v1/me", "/api/v1/employees?colour=red"):
        refused = world.get(path, "hr")
        assert refused.status_code == 429, path
        assert refused.mimetype == PROBLEM_JSON
        problem = refused.get_json()
        assert problem["type"] == "urn:careerlog:problem:rate-limited"
        assert "at most 5 per 1 minute" in problem["detail"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert world.get("/api/v1/me", "inspector").status_code == 200  # another token counts on its own
    assert world.get("/api/v1/me", None).status_code == 401  # no token: refused as before, not counted


def test_the_429_says_its_limit_and_wait_in_indonesian_when_asked(world: World) -> None:
    """(Until 2026-12-08 "Too many requests with this token (at most 5 per 1 minute): ..." whatever was asked.)"""
    for _ in range(5):
        world.get("/api/v1/me", "hr")
    told = world.get("/api/v1/me", "hr", headers={"Accept-Language": "id"})
    said = world.get("/api/v1/me", "hr", headers={"Accept-Language": "en"})
    assert (told.status_code, told.headers["Content-Language"], said.headers["Content-Language"]) == (429, "id", "en")
    wait = told.headers["Retry-After"]
    assert (told.get_json()["title"], told.get_json()["detail"]) == (
        "Terlalu Banyak Permintaan",
        f"Terlalu banyak permintaan dengan token ini (paling banyak 5 per 1 menit): coba lagi dalam {wait} detik.",
    )
    wait = said.headers["Retry-After"]
    assert said.get_json()["detail"] == (
        f"Too many requests with this token (at most 5 per 1 minute): try again in {wait} seconds."
    )


def test_a_limit_of_thousands_per_hour_is_written_as_each_language_writes_a_number(world: World) -> None:
    reason = TOO_MANY_REQUESTS.reason(limit=limit_words(parse("3000/2 hours")), wait=1200)
    assert reason == "Too many requests with this token (at most 3000 per 2 hour): try again in 1200 seconds."
    with world.app.test_request_context(), force_locale("id"):
        assert worded(reason) == (
            "Terlalu banyak permintaan dengan token ini (paling banyak 3.000 per 2 jam): coba lagi dalam 1.200 detik."
        )


NOBODY = "/api/v1/employees/199001012026011999"


@pytest.mark.parametrize(
    ("who", "paths", "status"),
    [
        (  # records outside the HR office's scope, and one that does not exist
            "hr",
            [f"/api/v1/employees/{RINA}/timeline", f"/api/v1/employees/{RINA}/eligibility", f"{NOBODY}/timeline"],
            404,
        ),
        ("reporter", ["/api/v1/employees?per_page=1"], 403),  # a role without the roster
    ],
)
def test_reads_the_flask_app_answers_after_the_fast_path_count_once_against_the_rate_limit(
    world: World, who: str, paths: list[str], status: int
) -> None:
    """A fast read the Flask app answers after all (an error) counts once: the fast path and the guard counted it
    both, so a nightly client reading NIPs moved out of its scope reached its limit at half the requests."""
    world.catch_up()
    five = [paths[turn % len(paths)] for turn in range(5)]
    assert [world.get(path, who).status_code for path in five] == [status] * 5  # five requests of a limit of five
    assert world.get(paths[0], who).status_code == 429  # the sixth


def test_every_process_of_a_store_counts_a_tokens_requests_together(world: World, store_url: str) -> None:
    with served_app(store_url, {**TEST_CONFIG, "CAREERLOG_API_RATE_LIMIT": "5/minute"}) as other:
        client = other.test_client()
        headers = {"Authorization": f"Bearer {world.tokens['hr']}"}
        answered = []
        for turn in range(8):
            if turn % 2:
                answered.append(client.get("/api/v1/me", headers=headers).status_code)
            else:
                answered.append(world.get("/api/v1/me", "hr").status_code)
        assert answered == [200] * 5 + [429] * 3


def test_a_process_adds_its_hits_to_the_store_in_batches_and_the_limit_still_holds(world: World) -> None:
    accounts = world.services.accounts
    writes = []
    hit = accounts.hit

    def counted_hit(key: str, seconds: int, amount: int = 1) -> int:
        writes.append(amount)
        return hit(key, seconds, amount)

    accounts.hit = counted_hit  # type: ignore[method-assign]
    workers = [BatchedStoreCounts(accounts, 1000), BatchedStoreCounts(accounts, 1000)]
    allowed = 0
    for turn in range(1400):
        if workers[turn % 2].incr("LIMITER/api-token/x/1000/1/minute", 60) <= 1000:
            allowed += 1
    assert 1000 <= allowed <= 1000 + workers[0].batch  # the other process's hits not yet added, at most
    assert len(writes) < 250  # batches of 10 hits but within a batch below the limit (every hit), then 10 again
    assert accounts.hits("LIMITER/api-token/x/1000/1/minute")[0] >= 1000


@pytest.mark.parametrize("test_config", [{**TEST_CONFIG, "CAREERLOG_API_RATE_LIMIT": None}])
def test_off_sets_no_limit(app: Flask, world: World) -> None:
    assert all(world.get("/api/v1/me", "hr").status_code == 200 for _ in range(30))


def test_the_limit_is_3000_a_minute_by_default_and_a_bad_one_is_refused_at_start() -> None:
    assert WebSettings.from_env({}).api_rate_limit == "3000/minute"
    assert WebSettings.from_env({"CAREERLOG_API_RATE_LIMIT": "off"}).api_rate_limit is None
    assert WebSettings.from_env({"CAREERLOG_API_RATE_LIMIT": "50 per second"}).api_rate_limit == "50 per second"
    for bad in ("lots", "0/minute", "10/fortnight", "-5/minute"):
        with pytest.raises(ConfigurationError, match="CAREERLOG_API_RATE_LIMIT"):
            WebSettings.from_env({"CAREERLOG_API_RATE_LIMIT": bad})


def test_the_default_app_has_the_default_limit(store_url: str) -> None:
    with served_app(store_url, dict(TEST_CONFIG)) as app:
        limit = app.extensions["careerlog_rate_limit"]
        assert limit.item is not None
        assert str(limit.item) == "3000 per 1 minute"

"""A page by number whose OFFSET passes what the database's 64-bit integers hold is a 422 naming `page`, on every
list read by page number, whatever window the app was given: the window is at most 1,000,000,000 rows
(web.config.MAX_WINDOW; CAREERLOG_MAX_PAGE_OFFSET above it stops the server at start). Before, an app given a wider
window answered page 10^17 of 500 rows with a 500 (PostgreSQL's bigint overflowed) or a 503 (SQLite could not take the
number). Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.config import ConfigurationError
from tests.functional.conftest import World, own_client
from web.config import WebSettings

LISTS = [
    "/api/v1/employees",
    "/api/v1/employees/past-retirement",
    "/api/v1/audits/promotions",
    "/api/v1/audits/posts",
    "/api/v1/audits/appointments",
    "/api/v1/audits/grade-inflation",
    "/api/v1/audits/awards",
    "/api/v1/audits/study-leaves",
    "/api/v1/access-log",
    "/api/v1/account-changes",
]


# Each test only reads or is refused: one world per store for the module (world_of_each_store), on one worker
pytestmark = pytest.mark.xdist_group("test_page_offset_past_64_bits")
WORLD_CONFIG: dict[str, Any] = {"CAREERLOG_MAX_PAGE_OFFSET": 10**40}  # (as an app configured otherwise than from env)


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


def test_every_list_documented_by_page_is_here(world: World) -> None:
    document = world.get("/api/openapi.json").get_json()
    paged = {
        path
        for path, operations in document["paths"].items()
        for operation in operations.values()
        if isinstance(operation, dict) and "page" in {p.get("name") for p in operation.get("parameters", [])}
    }
    assert paged == set(LISTS)


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(("page", "per_page"), [("1000000001", "1"), ("99999999999999999", "500"), (str(2**63), "1")])
def test_a_page_past_64_bits_is_422_naming_page(world: World, path: str, page: str, per_page: str) -> None:
    answer = world.get(path, query_string={"page": page, "per_page": per_page})
    assert answer.status_code == 422, (path, answer.status_code, answer.get_data(as_text=True)[:300])
    assert answer.mimetype == "application/problem+json"
    assert set(answer.get_json()["errors"]) == {"page"}


def test_a_window_past_a_billion_rows_stops_the_server_naming_it() -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_MAX_PAGE_OFFSET: at most 1,000,000,000 rows"):
        WebSettings.from_env({"CAREERLOG_MAX_PAGE_OFFSET": "1000000001"})
    assert WebSettings.from_env({"CAREERLOG_MAX_PAGE_OFFSET": "1000000000"}).max_page_offset == 10**9

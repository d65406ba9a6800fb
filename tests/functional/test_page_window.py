"""The window of pages by number (CAREERLOG_MAX_PAGE_OFFSET): a page inside it is read, a page past it
is a 422 naming `page`, the roster reads on past it by cursor, and the HTML pagers link no page past it."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.config import ConfigurationError
from careerlog.domain.errors import InvalidInput
from tests.functional.conftest import TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in
from web.config import WebSettings
from web.pages.inspector import page_number

ROSTER_PATH = "/api/v1/employees"
# Every list read by page number, who may read it, and what its refusal past the window says to do instead: each
# reads on after a cursor too (tests/functional/test_api_list_cursors.py, test_api_grade_inflation_cursor.py).
BY_CURSOR = "`next` as `after`"
NUMBERED_LISTS = [
    ("/api/v1/audits/promotions", "inspector", BY_CURSOR),
    ("/api/v1/audits/posts", "inspector", BY_CURSOR),
    ("/api/v1/audits/grade-inflation", "inspector", BY_CURSOR),
    ("/api/v1/audits/awards", "inspector", BY_CURSOR),
    ("/api/v1/access-log", "inspector", BY_CURSOR),
    ("/api/v1/account-changes", "admin", BY_CURSOR),
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    """A window of two rows: the world's three employees reach past it."""
    return {**TEST_CONFIG, "CAREERLOG_MAX_PAGE_OFFSET": 2}


def test_a_roster_page_inside_the_window_is_read(world: World) -> None:
    answer = world.get(f"{ROSTER_PATH}?sort=name&per_page=1&page=2")
    assert answer.status_code == 200
    body = answer.get_json()
    assert (body["page"], body["total"], len(body["items"])) == (2, 3, 1)
    assert body["next"] is not None


def test_a_roster_page_past_the_window_is_a_422_naming_page_and_the_cursor(world: World) -> None:
    answer = world.get(f"{ROSTER_PATH}?sort=name&per_page=1&page=3")
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    reasons = answer.get_json()["errors"]
    assert list(reasons) == ["page"]
    reason = " ".join(reasons["page"])
    assert "first 2 rows" in reason
    assert "the last page is 2" in reason
    assert "`next` as `after`" in reason


def test_page_one_is_read_whatever_its_size(world: World) -> None:
    answer = world.get(f"{ROSTER_PATH}?per_page=50")
    assert answer.status_code == 200
    assert len(answer.get_json()["items"]) == 3


def test_following_next_cursors_reaches_the_rows_past_the_window(world: World) -> None:
    everyone = [i["nip"] for i in world.get(f"{ROSTER_PATH}?sort=name&per_page=50").get_json()["items"]]
    answer = world.get(f"{ROSTER_PATH}?sort=name&per_page=1").get_json()
    read = [i["nip"] for i in answer["items"]]
    while answer["next"] is not None:
        answer = world.get(f"{ROSTER_PATH}?sort=name&per_page=1&after={answer['next']}").get_json()
        read += [i["nip"] for i in answer["items"]]
    assert read == everyone
    assert len(read) > 2  # past the window


@pytest.mark.parametrize(("path", "who", "instead"), NUMBERED_LISTS)
def test_every_list_by_page_number_has_the_same_window(world: World, path: str, who: str, instead: str) -> None:
    inside = world.get(f"{path}?per_page=1&page=2", who)
    assert inside.status_code == 200, inside.get_json()
    past = world.get(f"{path}?per_page=1&page=3", who)
    assert past.status_code == 422
    reason = " ".join(past.get_json()["errors"]["page"])
    assert "first 2 rows" in reason
    assert instead in reason


def test_the_setting_sets_the_window() -> None:
    assert WebSettings.from_env({}).max_page_offset == 10_000
    assert WebSettings.from_env({"CAREERLOG_MAX_PAGE_OFFSET": "500"}).flask_config()["CAREERLOG_MAX_PAGE_OFFSET"] == 500
    for bad in ("0", "-1", "2.5", "many"):
        with pytest.raises(ConfigurationError, match="CAREERLOG_MAX_PAGE_OFFSET"):
            WebSettings.from_env({"CAREERLOG_MAX_PAGE_OFFSET": bad})


def test_a_wider_window_reads_the_page_a_narrower_one_refuses(world: World) -> None:
    assert world.get(f"{ROSTER_PATH}?per_page=1&page=3").status_code == 422
    world.app.config["CAREERLOG_MAX_PAGE_OFFSET"] = 3
    assert world.get(f"{ROSTER_PATH}?per_page=1&page=3").status_code == 200
    assert world.get(f"{ROSTER_PATH}?per_page=1&page=4").status_code == 422


def render_pager(world: World, found: dict[str, int]) -> str:
    template = world.app.jinja_env.from_string(
        '{% from "pages/macros.html" import pager %}{{ pager(found, "pages.audits", query) }}'
    )
    with world.app.test_request_context("/pages/audits?lang=en"):
        return template.render(found=found, query={})


def test_the_pager_links_no_page_past_the_window_and_says_why(world: World) -> None:
    world.app.config["CAREERLOG_MAX_PAGE_OFFSET"] = 100
    inside = render_pager(world, {"total": 1000, "page": 1, "per_page": 50})
    last = render_pager(world, {"total": 1000, "page": 2, "per_page": 50})
    assert "page=2" in inside
    assert "narrow the filters" not in inside
    assert "page=3" not in last
    assert "page=1" in last
    assert "Only the first 100 rows are listed page by page: narrow the filters to see the rest." in last


def test_the_pager_on_the_last_page_of_the_list_has_no_note(world: World) -> None:
    world.app.config["CAREERLOG_MAX_PAGE_OFFSET"] = 100
    end = render_pager(world, {"total": 100, "page": 2, "per_page": 50})
    assert "page=3" not in end
    assert "narrow the filters" not in end


def test_a_page_number_past_the_window_reads_the_windows_last_page(world: World) -> None:
    world.app.config["CAREERLOG_MAX_PAGE_OFFSET"] = 100
    for asked, read in (("999", 2), ("2", 2), ("1", 1), ("", 1)):
        with world.app.test_request_context(f"/pages/audits?page={asked}"):
            assert page_number() == read
    with world.app.test_request_context("/pages/audits?page=x"), pytest.raises(InvalidInput):
        page_number()  # refused naming page (test_pages_inspector_numbers), not read as page 1


@pytest.mark.parametrize("path", ["/pages/audits", "/pages/audits/awards"])
def test_the_pages_answer_a_page_number_past_the_window(world: World, path: str) -> None:
    world.app.config["CAREERLOG_MAX_PAGE_OFFSET"] = 100
    log_in(world, "inspector")
    answer = world.client.get(f"{path}?lang=en&page=999")
    assert answer.status_code == 200
    assert "page=999" not in answer.get_data(as_text=True)

"""Errors of page addresses are HTML pages in the visitor's language; the API keeps problem+json."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def test_pages_answer_401_as_html_with_a_link_to_log_in(world: World) -> None:
    answer = world.client.get("/pages/audits")
    assert answer.status_code == 401
    assert answer.mimetype == "text/html"
    page = answer.get_data(as_text=True)
    assert "Silakan masuk" in page
    assert 'href="/pages/login"' in page


def test_unknown_page_addresses_answer_404_as_html_in_english_on_request(world: World) -> None:
    answer = world.client.get("/pages/no/such/page?lang=en")
    assert answer.status_code == 404
    assert answer.mimetype == "text/html"
    assert "Page not found" in answer.get_data(as_text=True)


def test_403_page_keeps_the_navigation_of_the_signed_in_account(world: World) -> None:
    log_in(world, "reporter")
    answer = world.client.get("/pages/record?lang=en")
    assert answer.status_code == 403
    page = answer.get_data(as_text=True)
    assert "You may not open this page" in page
    assert 'href="/pages/reports"' in page  # the reporter's own menu
    assert "Log out" in page


def test_the_api_still_answers_problem_json(world: World) -> None:
    # (without a token a path under /api/ is a 401 before it is judged no route's: web.api.guard)
    answer = world.client.get("/api/v1/no-such-thing")
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    answer = world.get("/api/v1/no-such-thing", "admin")
    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"


def test_the_site_root_leads_to_the_pages(world: World) -> None:
    answer = world.client.get("/")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/pages/")

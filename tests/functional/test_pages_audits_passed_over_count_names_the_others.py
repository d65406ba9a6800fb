"""The audited promotions' list filtered by colleagues passed over counts the regular (101) promotions alone (3 on the
500 demo of seed 3, where `careerlog audit passed-over` and GET /api/v1/audits/passed-over list 7 pairs: the 202
promotions and post appointments are compared on their own pages). Beside its count the page says so, names the
command and the API that list every kind, and links to the lists of 202 promotions and post appointments in its place
and period; an inspector read its count as the whole number. English and Indonesian. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_passed_over_verdict import passed
from tests.functional.test_pages_auth import log_in

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)

NOTE = "Regular (101) promotions only: the functional-post (202) promotions and managerial post appointments"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def inspected(passed: World) -> World:
    log_in(passed, "inspector")
    return passed


def test_the_passed_over_list_says_its_count_is_of_regular_promotions_and_links_to_the_others(
    inspected: World,
) -> None:
    page = inspected.client.get("/pages/audits?passed_over=yes&agency=KOTA-MEDAN&from=2018-01-01&lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "1 promotion" in text
    assert NOTE in text
    assert "careerlog audit passed-over and GET /api/v1/audits/passed-over" in text
    assert 'href="/pages/audits?kind=202&amp;agency=KOTA-MEDAN&amp;from=2018-01-01"' in text
    assert 'href="/pages/audits/posts?agency=KOTA-MEDAN&amp;from=2018-01-01"' in text


def test_the_note_is_in_indonesian_too_and_only_on_the_passed_over_choice(inspected: World) -> None:
    indonesian = inspected.client.get("/pages/audits?passed_over=true&lang=id").get_data(as_text=True)
    assert "Hanya kenaikan pangkat reguler (101)" in indonesian
    assert NOTE not in indonesian
    for query in ("", "passed_over=false&", "verdict=findings&"):
        assert NOTE not in inspected.client.get(f"/pages/audits?{query}lang=en").get_data(as_text=True), query

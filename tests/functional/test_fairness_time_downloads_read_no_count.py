"""The fairness page's downloads are linked with the arguments each reads: the selection rates' with the page's query
(`count=person` too), the time-to-promotion ones without `count`, which time to promotion does not read (it counts
rank spells, no pool). Those took the page's `count=person` and answered as without it; they now refuse it, 422
naming it, as the API's /audits/time-to-promotion refuses it as an unknown field."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

QUERY = "by=sex&min_cell=1&count=person&lang=en"
LINK = re.compile(r'href="(/pages/(?:fairness|time-to-promotion)\.(?:csv|xlsx)\?[^"]*)"')


def download_links(world: World, query: str) -> dict[str, str]:
    page = world.client.get(f"/pages/fairness?{query}")
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    links = [html.unescape(link) for link in LINK.findall(page.get_data(as_text=True))]
    return {link.split("?", 1)[0]: link.split("?", 1)[1] for link in links}


def test_each_download_is_linked_with_the_arguments_it_reads_and_answers(world: World) -> None:
    log_in(world, "inspector")
    links = download_links(world, QUERY)
    assert links == {
        "/pages/fairness.csv": QUERY,
        "/pages/fairness.xlsx": QUERY,
        "/pages/time-to-promotion.csv": "by=sex&min_cell=1&lang=en",
        "/pages/time-to-promotion.xlsx": "by=sex&min_cell=1&lang=en",
    }
    for path, query in links.items():
        assert world.client.get(f"{path}?{query}").status_code == 200, path
    # the other arguments kept as the page's address wrote them, in its order
    written = "agency=KOTA-MEDAN&by=sex&count=round&by=education&min_cell=1"
    assert download_links(world, written)["/pages/time-to-promotion.csv"] == (
        "agency=KOTA-MEDAN&by=sex&by=education&min_cell=1"
    )


@pytest.mark.parametrize("path", ["/pages/time-to-promotion.csv", "/pages/time-to-promotion.xlsx"])
@pytest.mark.parametrize("count", ["person", "round", "people"])
def test_a_time_to_promotion_download_refuses_count_naming_it(world: World, path: str, count: str) -> None:
    log_in(world, "inspector")
    response = world.client.get(f"{path}?by=sex&min_cell=1&count={count}&lang=en")
    assert response.status_code == 422
    assert "count is not a filter of this page" in response.get_data(as_text=True)
    # the selection rates' downloads read it
    assert world.client.get(f"{path.replace('time-to-promotion', 'fairness')}?by=sex&count={count}").status_code == (
        422 if count == "people" else 200
    )


def test_the_api_refuses_count_on_time_to_promotion_alike(world: World) -> None:
    response = world.get("/api/v1/audits/time-to-promotion?by=sex&count=person", "inspector")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == {"count"}

"""The career page's timeline reads newest first, as an HR system shows a long record (thirty years, some forty facts:
what happened last on top), with a link to the other order (`order=oldest`); an order the page does not know is a 422
naming the argument, not a page in an order its reader did not ask for; so is `order` given twice (the first won) and
an argument the page does not read (`sort=oldest` was ignored: newest first at 200), as the reports pages refuse them.
The API's timeline keeps its order."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores (PostgreSQL too, with CI=true)."""
    return database_url


def timeline_versions(page: str) -> list[int]:
    """The versions of the timeline's facts, top to bottom."""
    table = page.split('id="h-timeline"', 1)[1].split("</table>", 1)[0]
    return [int(v) for v in re.findall(r'<tr id="event-(\d+)"', table)]


@pytest.fixture
def rated(world: World) -> World:
    """Budi's record: appointed 2010 (v1), promoted 2014 (v2), rated for 2012 (v3, recorded later, in effect before
    the promotion) and 2016 (v4)."""
    for year in (2012, 2016):
        world.services.ledger.record(BUDI, "performance_rating", f.rating(year), actor="test")
    world.catch_up()
    return world


def test_the_timeline_reads_newest_first_with_a_link_to_the_oldest_first(rated: World) -> None:
    log_in(rated, "hr")
    page = rated.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert timeline_versions(page) == [4, 2, 3, 1]  # by effective date: 2016, 2014, 2012, 2010
    assert "Newest first." in page
    assert f'<a href="/pages/employees/{BUDI}?order=oldest#h-timeline">Show the oldest first</a>' in page
    api = rated.get(f"/api/v1/employees/{BUDI}/timeline", "hr").get_json()
    assert [i["version"] for i in api["items"]] == [1, 3, 2, 4]  # the API's order is unchanged


def test_the_oldest_first_when_asked_with_a_link_back(rated: World) -> None:
    log_in(rated, "employee")
    page = rated.client.get(f"/pages/employees/{BUDI}?order=oldest&lang=id").get_data(as_text=True)
    assert timeline_versions(page) == [1, 3, 2, 4]
    assert "Terlama lebih dahulu." in page
    assert f'<a href="/pages/employees/{BUDI}#h-timeline">Tampilkan yang terbaru lebih dahulu</a>' in page
    newest = rated.client.get(f"/pages/employees/{BUDI}?order=newest").get_data(as_text=True)
    assert timeline_versions(newest) == [4, 2, 3, 1]


@pytest.mark.parametrize("value", ["newer", "NEWEST", "date"])
def test_an_order_the_page_does_not_know_is_a_422_naming_the_argument(world: World, value: str) -> None:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}?order={value}&lang=en")
    assert answer.status_code == 422
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))
    assert f"Order: Must be one of newest, oldest; got '{value}'." in text
    indonesian = world.client.get(f"/pages/employees/{BUDI}?order={value}&lang=id")
    assert f"Urutan: Harus salah satu dari newest, oldest; yang diberikan {value!r}." in shown_text(indonesian)


def shown_text(answer: Any) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.get_data(as_text=True))))


@pytest.mark.parametrize("query", ["order=oldest&order=bogus", "order=oldest&order=oldest", "order=&order=oldest"])
def test_an_order_given_twice_is_a_422_naming_it(world: World, query: str) -> None:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}?{query}&lang=en")
    assert answer.status_code == 422
    assert "Order: Given more than once: give it once." in shown_text(answer)
    indonesian = world.client.get(f"/pages/employees/{BUDI}?{query}&lang=id")
    assert "Urutan: Diberikan lebih dari sekali: berikan sekali saja." in shown_text(indonesian)


@pytest.mark.parametrize("name", ["sort", "per_page", "nip"])
def test_an_argument_the_career_page_does_not_read_is_a_422_naming_it(world: World, name: str) -> None:
    """(`page` is read since 2026-12-05: the page of the readers' list, test_pages_career_readers_paged.)"""
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}?{name}=oldest&lang=en")
    assert answer.status_code == 422
    assert f"{name} is not a filter of this page; its filters are order, wait_for." in shown_text(answer)
    assert world.client.get(f"/pages/employees/{BUDI}?order=oldest&lang=id").status_code == 200  # lang is read

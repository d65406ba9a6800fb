"""A reporting client reads the whole roster as CSV page by page: each CSV page names the next one (its
`Link: <...>; rel="next"`, the cursor a JSON page carries as `next`, and in the same Link), on both stores."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of

ROSTER_PATH = "/api/v1/employees"
NEXT_LINK = re.compile(r'^<(?P<url>[^>]+)>; rel="next"$')


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def staffed(world: World) -> World:
    """Nine more employees: twelve in all, some sharing a name (ties broken by NIP)."""
    for n in range(9):
        nip = f.nip(date(1984 + n % 3, 6, 6), date(2011, 1, 1), "F", sequence=820 + n)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, name=f"Rekan {n % 4}"), actor="test")
    world.catch_up()
    return world


def csv_nips(text: str) -> list[str]:
    return [row["nip"] for row in csv.DictReader(io.StringIO(text))]


def json_pages(world: World, query: str) -> list[str]:
    answer = world.get(f"{ROSTER_PATH}?{query}").get_json()
    found = [i["nip"] for i in answer["items"]]
    while answer["next"] is not None:
        answer = world.get(f"{ROSTER_PATH}?{query}&after={answer['next']}").get_json()
        found += [i["nip"] for i in answer["items"]]
    return found


@pytest.mark.parametrize("sort", ["name", "-name", "rank", "-birth_date"])
def test_following_each_csv_pages_next_link_reads_every_employee_once_as_the_json_cursor_does(
    staffed: World, sort: str
) -> None:
    url: str | None = f"{ROSTER_PATH}?sort={sort}&per_page=5&page=1&format=csv"
    found, pages = [], 0
    while url is not None:
        response = staffed.get(url)
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert response.headers["X-Total-Count"] == "12"
        found += csv_nips(response.get_data(as_text=True))
        pages += 1
        link = response.headers.get("Link")
        if link is None:
            url = None
            continue
        matched = NEXT_LINK.match(link)
        assert matched, link
        url = matched["url"]
        assert url.startswith(f"{ROSTER_PATH}?")
        assert "page=" not in url.replace("per_page=", "")  # read after the cursor, not by number

    assert pages == 3
    assert len(found) == len(set(found)) == 12
    assert found == json_pages(staffed, f"sort={sort}&per_page=5")


def test_a_csv_pages_next_link_keeps_its_filters_and_asks_for_csv_by_accept_as_it_was_asked(
    staffed: World,
) -> None:
    first = staffed.get(f"{ROSTER_PATH}?agency=KOTA-MEDAN&sort=-name&per_page=2", headers={"Accept": "text/csv"})
    link = first.headers["Link"]

    url = NEXT_LINK.match(link)["url"]  # type: ignore[index]
    second = staffed.get(url, headers={"Accept": "text/csv"})

    assert {"agency=KOTA-MEDAN", "sort=-name", "per_page=2"} <= set(url.split("?")[1].split("&"))
    expected = json_pages(staffed, "agency=KOTA-MEDAN&sort=-name&per_page=2")
    assert csv_nips(first.get_data(as_text=True)) + csv_nips(second.get_data(as_text=True)) == expected[:4]


def test_the_last_page_carries_no_link_and_a_json_page_links_its_next_as_csv_does(staffed: World) -> None:
    last = staffed.get(f"{ROSTER_PATH}?per_page=500&format=csv")
    as_json = staffed.get(f"{ROSTER_PATH}?sort=name&per_page=5")
    as_csv = staffed.get(f"{ROSTER_PATH}?sort=name&per_page=5", headers={"Accept": "text/csv"})

    assert len(csv_nips(last.get_data(as_text=True))) == 12
    assert "Link" not in last.headers
    assert "Link" not in staffed.get(f"{ROSTER_PATH}?per_page=500").headers
    cursor = as_json.get_json()["next"]
    assert as_json.headers["Link"] == as_csv.headers["Link"]  # the JSON page carries `next` in its body too
    assert as_json.headers["Link"] == f'<{ROSTER_PATH}?sort=name&per_page=5&after={cursor}>; rel="next"'
    url: str | None = f"{ROSTER_PATH}?sort=name&per_page=5"
    found = []
    while url is not None:  # a client following links alone reads the roster whole
        page = staffed.get(url)
        found += [i["nip"] for i in page.get_json()["items"]]
        matched = NEXT_LINK.match(page.headers.get("Link", ""))
        url = matched["url"] if matched else None
    assert found == json_pages(staffed, "sort=name&per_page=5")
    assert len(set(found)) == 12

"""The audited post appointments (list, CSV and page) show the rank of a post taken on the day of the appointment
itself (most first pelaksana posts): the rank that appointment gives. The 'Rank' cell was blank, the decision
keeping the rank held the day before (none). Both stores."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_posts import STRONGER, ready_colleague
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def appointed(world: World) -> World:
    """A colleague appointed III/a on 2010-03-01 in a pelaksana post of that day."""
    ready_colleague(world)
    world.catch_up()
    log_in(world, "inspector")
    return world


def test_a_post_of_the_appointment_day_shows_the_rank_in_the_list_csv_and_page(appointed: World) -> None:
    """The lists filter by no employee (`nip` is refused, as the API's lists refuse it): the colleague's row is
    found by its nip column."""
    answer = appointed.client.get("/pages/audits/posts.csv")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    rows = [r for r in rows if r["nip"] == STRONGER]
    assert [(r["kind"], r["tmt"], r["rank_before"]) for r in rows] == [("PELAKSANA", "2010-03-01", "III/a")]
    listed = appointed.client.get("/pages/audits/posts?lang=en").get_data(as_text=True)
    assert "<td>III/a</td>" in listed
    version = rows[0]["version"]
    page = appointed.client.get(f"/pages/audits/posts/{STRONGER}/{version}?lang=en").get_data(as_text=True)
    assert "<dd>III/a</dd>" in page

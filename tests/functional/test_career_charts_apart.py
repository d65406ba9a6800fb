"""The career page's two charts (rank over the years, JP per year) are images of their own requests: the page's HTML no
longer waits for matplotlib, which was about two thirds of a first open (0.8 s of a 1.3 s median under load, 500
demo employees). Each chart's address is answered only within the reader's scope (else the page's own 404), only to
the reader the page gave it (a keyed digest of the reader and what the chart is drawn from: no read of its own, so
no access-log row and no way around the page's), 304 once the browser holds it (its ETag), and a new one once the
record draws another chart. Before, both charts were drawn into the page at its first open."""

from __future__ import annotations

import html
import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_access_log_every_personal_read import logged
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import CHART_IMAGE, corrected_and_trained, drawn_charts
from web.pages import charts


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores: the roster's row and the views are read as on SQLite)


def main(page: str) -> str:
    found = re.search(r"<main.*</main>", page, re.S)
    assert found is not None
    return found.group(0)


def chart_addresses(world: World, lang: str = "en") -> list[str]:
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    return [html.unescape(src) for src, _alt in CHART_IMAGE.findall(page)]


def test_the_page_is_answered_without_drawing_a_chart(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")

    def not_drawn(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page drew a chart")

    monkeypatch.setattr(charts, "rank_chart", not_drawn)
    monkeypatch.setattr(charts, "jp_chart", not_drawn)
    answer = world.client.get(f"/pages/employees/{BUDI}?lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert len(CHART_IMAGE.findall(page)) == 2
    assert "<svg" not in page


def test_a_chart_is_answered_304_once_held_and_kept_by_the_browser_alone(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    rank, jp = chart_addresses(world)
    first = world.client.get(rank)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "private, no-cache"
    etag = first.headers["ETag"]
    again = world.client.get(rank, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert world.client.get(jp, headers={"If-None-Match": etag}).status_code == 200  # (another chart, another tag)


def test_a_chart_out_of_scope_or_not_given_to_the_reader_is_the_pages_404(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    addresses = chart_addresses(world)
    log_in(world, "hr_karo")  # (another agency's HR: Budi is not in their scope)
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en")
    assert page.status_code == 404
    for address in addresses:
        answer = world.client.get(address)
        assert answer.status_code == 404
        assert main(answer.get_data(as_text=True)) == main(page.get_data(as_text=True))  # (the links but its language)
    log_in(world, "admin")  # (in scope, but the address was given to the HR officer's page, not read by the admin)
    for address in addresses:
        assert world.client.get(address).status_code == 404
    assert world.client.get(re.sub(r"v=\w+", "v=0", chart_addresses(world)[0])).status_code == 404
    assert world.client.get(f"/pages/employees/{BUDI}/charts/other.svg?v=0&lang=en").status_code == 404


def test_a_chart_read_logs_nothing_more_than_its_page(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    addresses = chart_addresses(world)
    assert len(addresses) == 2
    before = logged(world)
    count = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["total"]
    assert all(world.client.get(a).status_code == 200 for a in addresses)
    assert logged(world) == before
    assert world.get("/api/v1/access-log?per_page=100", "admin").get_json()["total"] == count


def test_a_record_changed_draws_a_new_chart_at_a_new_address(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    old_rank, old_jp = chart_addresses(world)
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/d", "2018-04-01"), actor="test")
    world.catch_up()
    rank, jp = chart_addresses(world)
    assert rank != old_rank
    assert jp == old_jp  # (its training unchanged)
    assert world.client.get(old_rank).status_code == 404
    drawn_rank, _drawn_jp = drawn_charts(
        world.client, world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    )
    assert ">III/d<" in drawn_rank

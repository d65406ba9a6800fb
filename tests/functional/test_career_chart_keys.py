"""A career page chart's address (`v`, web.pages.career.chart_key) opens that record's chart alone: the key of one
employee's page opened another's chart whenever the two looked alike (the same day's CPNS cohort: the same single
rank step), an unlogged read of the other's record. A `v` not ASCII was a 500 (hmac.compare_digest refuses such a
text), not the 404 of a wrong key. And the rank chart's key held today (its last step runs to it), so a page loaded
before the day turned showed a broken image after it."""

from __future__ import annotations

import html
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_access_log_every_personal_read import logged
from tests.functional.test_career_charts_apart import chart_addresses, main
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_career import CHART_IMAGE, corrected_and_trained

ONE = f.nip(date(1992, 2, 2), date(2019, 3, 1), "M", sequence=801)
TWO = f.nip(date(1993, 3, 3), date(2019, 3, 1), "M", sequence=802)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def addresses_of(world: World, nip: str) -> list[str]:
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    return [html.unescape(src) for src, _alt in CHART_IMAGE.findall(page)]


def test_a_charts_key_opens_no_other_records_chart_drawn_alike(world: World) -> None:
    for nip, name in ((ONE, "Andi Lubis"), (TWO, "Dedi Nainggolan")):  # (a cohort: one rank step on the same day)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, name=name), actor="test")
        world.services.ledger.record(nip, "training", f.training("2023-06-30", hours=24, start="2023-06-27"), actor="t")
    world.catch_up()
    log_in(world, "hr")
    addresses = addresses_of(world, ONE)
    assert len(addresses) == 2  # (rank, JP)
    before = logged(world)
    for address in addresses:
        assert world.client.get(address).status_code == 200
        assert world.client.get(address.replace(ONE, TWO)).status_code == 404
    assert logged(world) == before  # (and TWO's record was read by no one)
    assert all(world.client.get(a).status_code == 200 for a in addresses_of(world, TWO))  # (its own page's open it)


def test_a_key_not_ascii_is_the_404_of_a_wrong_key(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    wrong = world.client.get(f"/pages/employees/{BUDI}/charts/rank.svg?v=0&lang=en")
    assert wrong.status_code == 404
    for v in ("%C3%A9", "%E2%82%AC" * 16):
        answer = world.client.get(f"/pages/employees/{BUDI}/charts/rank.svg?v={v}&lang=en")
        assert answer.status_code == 404
        assert main(answer.get_data(as_text=True)) == main(wrong.get_data(as_text=True))


def test_a_rank_charts_address_outlives_the_day_and_is_drawn_to_the_new_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrected_and_trained(world)
    log_in(world, "hr")
    view = world.services.eligibility_view
    monkeypatch.setattr(view, "_today", date(2026, 12, 5))
    rank, _jp = chart_addresses(world)
    first = world.client.get(rank)
    assert first.status_code == 200
    monkeypatch.setattr(view, "_today", date(2026, 12, 6))  # (the day turned in Jayapura: 15:00 UTC)
    again = world.client.get(rank, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200  # (still the page's chart; drawn to the new day, under a new ETag)
    assert again.headers["ETag"] != first.headers["ETag"]
    assert chart_addresses(world)[0] == rank  # (the same record, the same address)
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/d", "2018-04-01"), actor="test")
    world.catch_up()
    assert world.client.get(rank).status_code == 404  # (the record draws another chart: the key stops working)

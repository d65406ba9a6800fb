"""A colleague's transfer recorded after a decision but effective before its TMT (a back-dated placement)
changes where the final record places them, not where the record known before the decision did. The lists
judge colleagues as known before the decision (merit view 13, `earlier_rounds`); the decision's page looked for
colleagues where the final record places them (`unit_spells`): a colleague moved out of the unit by such a
transfer was passed over in the list and missing from the page, and one moved in was dropped from the page
without a word. The page now compares the colleagues of the unit as known before the decision, as the list
does, and names those the final record places in the unit only by something recorded after it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed, passing_over, promotion_of
from tests.functional.test_api_posts import STRONGER, record
from tests.functional.test_pages_auth import log_in

PROMOTIONS = "/api/v1/audits/promotions"
__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def transfer(unit: str, day: str) -> dict[str, Any]:
    return {"agency": "KOTA-MEDAN", "unit": unit, "region": "12.71", "effective_date": day, "reference": "MUT-9"}


def listed_and_page(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    [listed] = promotion_of(world)
    page: dict[str, Any] = world.get(f"{PROMOTIONS}/{listed['id']}", "inspector").get_json()
    return listed, page


def test_a_colleague_moved_out_by_a_transfer_recorded_later_is_passed_over_on_the_page_as_in_the_list(
    passed: World,
) -> None:
    record(passed, STRONGER, "placement", transfer("Dinas Pendidikan", "2017-07-01"))  # after the decision
    passed.catch_up()
    listed, page = listed_and_page(passed)
    assert (listed["verdict"], listed["passed_over_count"]) == ("findings", 1)
    assert (page["verdict"], page["passed_over_count"]) == ("findings", 1)
    assert [p["colleague"] for p in page["passed_over"]] == [STRONGER]
    assert page["recorded_later"] == [{"colleague": STRONGER, "placed": "elsewhere"}]


def test_a_colleague_moved_in_by_a_transfer_recorded_later_is_named_on_the_page_not_compared(world: World) -> None:
    # Dewi was in Dinas Pendidikan as known before the decision; a transfer recorded since places her in Budi's
    # unit from 2017: as known then she was no colleague, in the list as on the page, and the page says so
    passing_over(world, unit="Dinas Pendidikan")
    record(world, STRONGER, "placement", transfer("BKPSDM", "2017-07-01"))  # after the decision
    world.catch_up()
    listed, page = listed_and_page(world)
    assert (listed["verdict"], listed["passed_over_count"]) == ("compliant", 0)
    assert (page["verdict"], page["passed_over_count"], page["passed_over"]) == ("compliant", 0, [])
    assert page["recorded_later"] == [{"colleague": STRONGER, "placed": "here"}]
    log_in(world, "inspector")
    html = world.client.get(f"/pages/audits/{BUDI}/{page['version']}?lang=en").get_data(as_text=True)
    assert "Placed in this unit at this rank only by a record made after the decision" in html
    indonesian = world.client.get(f"/pages/audits/{BUDI}/{page['version']}?lang=id").get_data(as_text=True)
    assert "Ditempatkan di unit ini pada pangkat ini hanya oleh catatan yang dibuat setelah keputusan" in indonesian
    assert f'<a href="/pages/employees/{STRONGER}">{STRONGER}</a>' in html


def test_a_colleague_whose_transfer_was_recorded_in_time_is_not_named(passed: World) -> None:
    _listed, page = listed_and_page(passed)
    assert (page["passed_over_count"], page["recorded_later"]) == (1, [])

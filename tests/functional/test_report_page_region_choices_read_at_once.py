"""A report page asked where an agency's reader's staff are or were placed once per region it might offer
(web.pages.inspector.regions_within_reach: `Queries.staffs`, the roster's then the spells', for each region with
staff beyond the agency's seat), so a page of a KOTA-MEDAN reader whose staff are placed in five provinces sent five
statements more than one whose staff are placed in one. Now the regions its staff are or were placed in are read by
one statement (`Queries.staffed_regions`) for the whole list, which is the same. Both stores."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from careerlog.sqlstore import Sql
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_headcount_page_filters_by_region import region_field
from tests.functional.test_pages_auth import log_in
from web.kept import kept

PROVINCES = ["31", "32", "33", "34", "35"]  # (beyond KOTA-MEDAN's seat, 12.71: each asked of where its staff are)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def placed(world: World, regions: list[str], first: int) -> None:
    """A KOTA-MEDAN employee placed now in each of the regions."""
    for n, region in enumerate(regions):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=first + n)
        outside = ("region.outside_seat",)  # (staff placed outside the agency's seat: rule agency.region_seat)
        world.services.ledger.record(
            nip, "appointment", appointment_of(nip, region=region), actor="test", confirmed=outside
        )
    world.catch_up()


def page_statements(world: World, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The statements this thread sends while KOTA-MEDAN's HR opens the headcount page (its region choices read
    anew), and the regions offered."""
    with world.app.app_context():
        kept().regions.clear()
        kept().agencies.clear()
    sent: list[str] = []
    read = Sql.query
    here = threading.get_ident()

    def noted(self: Sql, statement: str, params: Any = ()) -> Any:
        if threading.get_ident() == here:
            sent.append(f"{statement} {list(params)}")
        return read(self, statement, params)

    monkeypatch.setattr(Sql, "query", noted)
    answer = world.client.get("/pages/reports/headcount?lang=en")
    monkeypatch.undo()
    assert answer.status_code == 200
    return sent, region_field(answer.get_data(as_text=True))[0]


def test_an_agencys_readers_report_page_reads_where_its_staff_are_placed_once_for_every_region(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_in(world, "hr")  # (KOTA-MEDAN)
    placed(world, PROVINCES[:1], 960)
    one, offered = page_statements(world, monkeypatch)
    assert offered == ["", "12", "12.71", "31"]
    placed(world, PROVINCES[1:], 961)
    five, offered = page_statements(world, monkeypatch)
    assert offered == ["", "12", "12.71", *PROVINCES]  # (the same list as each region asked alone gave)
    # (the guard on view reads, at most once a second, may check the views' schemas in one load and not the other)
    five, one = ([s for s in sent if "view_schemas" not in s] for sent in (five, one))
    assert len(five) == len(one), "\n".join(five)  # (was 4 more: one per province more)
    assert len([s for s in five if "FROM spells" in s and "KOTA-MEDAN" in s]) == 1, "\n".join(five)

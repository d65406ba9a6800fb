"""The agency filter of the inspector pages offers the agencies the inspector reaches: those with staff where the
inspector's scope reaches (a region's inspector: the agencies with someone working in the region, a national
agency too), not every agency of the reference. A region-12 inspector was offered all 38 (BKN, KemenPANRB ...),
whose lists then read empty, as if nothing had been found. Both stores."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

PAGES = ("/pages/audits", "/pages/audits/posts", "/pages/audits/awards", "/pages/audits/passed-over", "/pages/fairness")
IN_MEDAN = f.nip(date(1985, 5, 5), date(2012, 3, 1), "M", sequence=741)  # BKN, working in Kota Medan (12.71)
IN_JAKARTA = f.nip(date(1984, 4, 4), date(2011, 3, 1), "F", sequence=742)  # LAN, working in DKI Jakarta (31)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def staffed(world: World) -> World:
    """Beside Budi and Sari (KOTA-MEDAN, 12.71) and Rina (KAB-KARO, 12.06): a BKN employee in Medan and a LAN
    employee in Jakarta."""
    for nip, agency, region in ((IN_MEDAN, "BKN", "12.71"), (IN_JAKARTA, "LAN", "31")):
        world.services.ledger.record(
            nip, "appointment", appointment_of(nip, agency=agency, region=region, unit="Sekretariat"), actor="test"
        )
    world.catch_up()
    return world


def offered(world: World, path: str) -> list[str]:
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    found = re.search(r'<select id="f-agency" name="agency"[^>]*>(.*?)</select>', response.get_data(as_text=True), re.S)
    assert found
    return re.findall(r'<option value="([^"]*)"', found.group(1))


@pytest.mark.parametrize("path", PAGES)
def test_a_region_inspector_is_offered_the_agencies_with_staff_in_the_region(staffed: World, path: str) -> None:
    log_in(staffed, "inspector")  # region 12
    # BKN's seat is in Jakarta (31) but it has staff in Medan; PROV-SUMUT's seat is in 12 but it has no staff here
    assert offered(staffed, path) == ["", "BKN", "KAB-KARO", "KOTA-MEDAN"]


def test_an_agency_inspector_is_offered_their_agency(staffed: World) -> None:
    log_in(staffed, "inspector_medan")
    assert offered(staffed, "/pages/audits") == ["", "KOTA-MEDAN"]


def test_the_agency_asked_for_stays_in_the_form_though_outside_the_scope(staffed: World) -> None:
    log_in(staffed, "inspector")
    assert offered(staffed, "/pages/audits?agency=LAN") == ["", "BKN", "LAN", "KAB-KARO", "KOTA-MEDAN"]


def test_the_choices_are_kept_for_a_while_not_counted_on_every_page(
    staffed: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[object] = []
    headcount = staffed.services.queries.headcount
    monkeypatch.setattr(staffed.services.queries, "headcount", lambda *a, **k: counted.append(a) or headcount(*a, **k))
    log_in(staffed, "inspector")
    for path in PAGES:
        assert offered(staffed, path) == ["", "BKN", "KAB-KARO", "KOTA-MEDAN"]
    assert len(counted) == 1

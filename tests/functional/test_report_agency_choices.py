"""The agency filter of the report pages offers the agencies the reader reaches, as the inspector pages do
(tests/functional/test_pages_inspector_agency_choices.py): Kota Medan's HR administrator was offered all 38
agencies of the reference, and one outside the scope read "Total 0", as if it had no staff (now refused, 403,
beside the field it stays chosen in). Both stores."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_inspector_agency_choices import offered, staffed

__all__ = ["staffed"]  # (the fixture, used by name)

REPORTS = ("headcount", "training", "programmes", "mentoring")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("name", REPORTS)
def test_an_agencys_hr_is_offered_their_agency_in_every_report(staffed: World, name: str) -> None:
    log_in(staffed, "hr")  # KOTA-MEDAN
    assert offered(staffed, f"/pages/reports/{name}") == ["", "KOTA-MEDAN"]


def test_a_region_reader_is_offered_the_agencies_with_staff_in_the_region(staffed: World) -> None:
    log_in(staffed, "policy")  # region 12: BKN has staff in Medan; LAN only in Jakarta
    assert offered(staffed, "/pages/reports/headcount") == ["", "BKN", "KAB-KARO", "KOTA-MEDAN"]


def test_a_national_reporter_is_offered_every_agency_with_staff(staffed: World) -> None:
    log_in(staffed, "reporter")
    assert offered(staffed, "/pages/reports/training") == ["", "BKN", "LAN", "KAB-KARO", "KOTA-MEDAN"]


def test_the_agency_asked_for_stays_in_the_form(staffed: World) -> None:
    log_in(staffed, "hr")
    assert offered(staffed, "/pages/reports/headcount?agency=KOTA-MEDAN") == ["", "KOTA-MEDAN"]
    # one outside the scope too, refused beside it (403: tests/functional/test_reports_refuse_filters_outside_...)
    response = staffed.client.get("/pages/reports/headcount?agency=KAB-KARO&lang=en")
    assert response.status_code == 403
    found = re.search(r'<select id="f-agency" name="agency"[^>]*>(.*?)</select>', response.get_data(as_text=True), re.S)
    assert found
    assert re.findall(r'<option value="([^"]*)"', found.group(1)) == ["", "KAB-KARO", "KOTA-MEDAN"]
    assert "Agency KAB-KARO is outside your scope (agency KOTA-MEDAN)." in response.get_data(as_text=True)

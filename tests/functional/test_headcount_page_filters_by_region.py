"""The headcount page takes the API's `region` filter: a reporting client's tester, 2026-12-06, was answered 422
"region is not a filter on this page" for /pages/reports/headcount?...&region=11, while /api/v1/reports/headcount
takes it. Its form offers the regions with staff within the reader's scope (until 2026-12-06 it had no region field, and
a region's error was said above the report); its downloads carry it; a region that is no code, or one outside the
scope, is refused beside the field, as an agency is."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in


def region_field(page: str) -> tuple[list[str], list[str], str]:
    """The headcount form's region select: its options' values, those selected, and the error beside it."""
    found = re.search(r'<select id="f-region" name="region"([^>]*)>(.*?)</select>\s*(.*?)</div>', page, re.S)
    assert found, page
    options = re.findall(r'<option value="([^"]*)"', found.group(2))
    chosen = re.findall(r'<option value="([^"]*)" selected', found.group(2))
    return options, chosen, found.group(3).strip()


def test_the_headcount_page_counts_the_region_asked(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/reports/headcount?by=agency&region=12.06&lang=en")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    table = answer.get_data(as_text=True).split("<table>")[1]
    assert "<td>KAB-KARO</td><td>1</td>" in table
    assert "KOTA-MEDAN" not in table
    csv = world.client.get("/pages/reports/headcount.csv?by=agency&region=12.06&lang=en")
    assert csv.status_code == 200
    assert "KAB-KARO" in csv.get_data(as_text=True)
    assert "KOTA-MEDAN" not in csv.get_data(as_text=True)


def test_a_region_that_is_no_code_is_refused_on_the_headcount_page(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/reports/headcount?by=agency&region=99.99&lang=en")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    _, _, beside = region_field(page)
    said = (
        "Not a known code: &#39;99.99&#39;; write a region&#39;s code, such as 12 (a province) or 12.71 (a regency "
        "or city in it)."
    )
    assert beside == f'<span class="error" id="region-error">{said}</span>'
    assert 'aria-describedby="region-error"' in page
    assert "region: Not a known code" not in page  # (no longer said above the report)


@pytest.mark.parametrize(
    ("who", "offered"),
    [
        ("inspector", ["", "12", "12.06", "12.71"]),  # (region 12: its province and its cities with staff)
        ("inspector_medan", ["", "12", "12.71"]),  # (KOTA-MEDAN's staff: in 12.71, within its seat's province)
        ("reporter", ["", "12", "12.06", "12.71"]),  # (national: every region with staff)
    ],
)
def test_the_headcount_form_offers_the_regions_with_staff_within_the_scope(
    world: World, who: str, offered: list[str]
) -> None:
    log_in(world, who)
    answer = world.client.get("/pages/reports/headcount?lang=en")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert region_field(answer.get_data(as_text=True))[:2] == (offered, [])
    chosen = world.client.get(f"/pages/reports/headcount?region={offered[-1]}&lang=en")
    assert chosen.status_code == 200
    assert region_field(chosen.get_data(as_text=True))[1] == [offered[-1]]


def test_a_region_outside_the_scope_is_refused_beside_the_field_it_stays_chosen_in(world: World) -> None:
    log_in(world, "inspector")  # (region 12)
    answer = world.client.get("/pages/reports/headcount?region=13&lang=en")
    assert answer.status_code == 403
    options, chosen, beside = region_field(answer.get_data(as_text=True))
    assert options == ["", "12", "12.06", "12.71", "13"]
    assert chosen == ["13"]
    assert beside.startswith('<span class="error" id="region-error">Region 13 is outside your scope'), beside


def test_the_other_reports_have_no_region_field_and_refuse_one_as_no_filter(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/reports/training?region=99.99&lang=en")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'id="f-region"' not in page
    assert "region is not a filter of this page" in page


def test_an_agencys_reader_is_offered_the_regions_its_staff_are_placed_in_and_no_other(world: World) -> None:
    """A KOTA-MEDAN employee placed in Jakarta (31) is within KOTA-MEDAN's HR's scope (its profile read), so the
    region is offered and read, of them (until 2026-12-06 refused by the seat's province alone, as a region scope
    refused an agency staffed there); a region where none of its staff is placed, 12.07 of the seat's province too,
    is refused, so not offered (until 2026-12-06 read, an empty report)."""
    nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=990)
    outside = ("region.outside_seat",)  # (outside the agency's seat: rule agency.region_seat)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, region="31"), actor="test", confirmed=outside)
    world.catch_up()
    log_in(world, "hr")
    answer = world.client.get("/pages/reports/headcount?lang=en")
    assert region_field(answer.get_data(as_text=True))[0] == ["", "12", "12.71", "31"]
    assert world.client.get("/pages/reports/headcount?region=31&lang=en").status_code == 200
    for region in ("12.07", "13"):
        assert world.client.get(f"/pages/reports/headcount?region={region}&lang=en").status_code == 403, region

"""A cell of a filtered report is withheld from a reader of aggregates when the same report asked without one of
its filters, less the cell, leaves a small group: the headcount of BKPSDM by unit is 9, filtered to men 7, so the
2 women, whom the table by unit and sex withholds, were 9 - 7 (one step of differencing). The total alike. Training
compliance too. Inspectors see every count; a complement of at least the minimum leaves the cell as it was. Both
stores, the API, its CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.functional.conftest import World, appointment_of
from tests.functional.test_suppression import HEADCOUNT, f, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")

COMPLIANCE = "/api/v1/reports/training-compliance?year=2020"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def women_in_bkpsdm(world: World, how_many: int) -> None:
    """Women appointed to KOTA-MEDAN's BKPSDM beside Budi and his 6 colleagues (men), PNS a year later."""
    for n in range(how_many):
        nip = f.nip(date(1990, 5, 5), date(2016, 3, 1), "F", sequence=800 + n)
        record(world, nip, "appointment", appointment_of(nip))
        record(world, nip, "confirmation", f.confirmation(f.a_year_after(date(2016, 3, 1))))
    world.catch_up()


def units(body: dict[str, Any]) -> dict[str, tuple[Any, bool]]:
    return {item["unit"]: (item["count"], item["suppressed"]) for item in body["items"]}


def test_a_cell_filtered_to_men_is_withheld_when_without_the_filter_it_leaves_two_women(staffed: World) -> None:
    women_in_bkpsdm(staffed, 2)
    assert units(staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN", "inspector").get_json())["BKPSDM"] == (9, False)
    men = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&sex=M", "reporter").get_json()
    # (BKPSDM was 7: 9 - 7 = the 2 women; until 2026-12-06 listed, withheld: the men withheld as the table by sex
    # withholds them, the complement of its 3 women, no group of them is listed)
    assert units(men) == {}
    assert men["total"] is None  # was 7: the agency's 10 less 7
    csv = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&sex=M&format=csv", "reporter").get_data(as_text=True)
    assert csv.splitlines() == ["unit,count,suppressed"]
    exact = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&sex=M", "inspector").get_json()
    assert (units(exact)["BKPSDM"], exact["total"]) == ((7, False), 7)


def test_a_cell_whose_complement_is_no_small_group_is_shown_as_before(staffed: World) -> None:
    women_in_bkpsdm(staffed, 5)
    men = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&unit=BKPSDM&sex=M", "reporter").get_json()
    # (was 7: 12 - 7 = 5 women, no small group beside the 12; but `by=sex&agency=KOTA-MEDAN&unit=BKPSDM` withholds
    # those 5 women, the agency's 6 without the unit filter leaving one woman elsewhere, Sari, Bappeda's one person,
    # and its 7 men as their complement: the 7 shown here gave her sex away. Since 2026-12-06 the table by the
    # filter's field is judged as its report withholds it, its cells differenced against it without each filter)
    assert (units(men), men["total"]) == ({}, None)
    exact = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&unit=BKPSDM&sex=M", "inspector").get_json()
    assert (units(exact)["BKPSDM"], exact["total"]) == ((7, False), 7)
    # (of the whole agency, since 2026-12-06 withheld as the table by unit and sex withholds it: Sari alone in
    # Bappeda, the 5 women of BKPSDM her complement among the women, its 7 men theirs; the sex filter is a slice)
    men = staffed.get(f"{HEADCOUNT}?by=unit&agency=KOTA-MEDAN&sex=M", "reporter").get_json()
    assert units(men) == {}  # (no group of people withheld listed, since 2026-12-06: BKPSDM was, withheld)


def test_training_compliance_filtered_to_men_withholds_what_the_unfiltered_report_would_give_away(
    staffed: World,
) -> None:
    women_in_bkpsdm(staffed, 2)
    body = staffed.get(f"{COMPLIANCE}&by=unit&agency=KOTA-MEDAN&sex=M", "policy").get_json()
    # (BKPSDM listed, withheld, until 2026-12-06: the men withheld as the table by sex withholds them, no group of
    # them is listed, as the headcount's above)
    assert body["items"] == []
    exact = staffed.get(f"{COMPLIANCE}&by=unit&agency=KOTA-MEDAN&sex=M", "inspector").get_json()
    [shown] = [item for item in exact["items"] if item["unit"] == "BKPSDM"]
    assert shown["staff"] > 0

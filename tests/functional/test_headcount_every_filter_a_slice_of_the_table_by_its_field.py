"""A headcount filtered by any field is a slice of the headcount by that field under its other filters, each of its
cells a cell of the table by its fields and that field: a figure shown under a filter is one that table shows too.
A tester, 2026-12-06 (demo 500 seed 3, a national reporter): in KOTA-MEDAN's RSUD dr. Pirngadi `by=status` showed
ACTIVE 16, `&sex=F` ACTIVE 7 and `&sex=M` withheld ACTIVE and RETIRED of 10, so the active men were 16 - 7 = 9 and the
retired man 10 - 9 = 1, withheld when asked `by=sex&status=RETIRED`; and `by=sex&status=ACTIVE` withheld the 7
active women that `by=status&sex=F` printed. Until then only `status`, `unit` and `region` were judged as slices, as
a whole report (the table by sex alone: women 7, men 10, neither small). Inspectors see every figure. Both stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.functional.conftest import World, own_client
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import headcount as read
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import staffed

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = [
    pytest.mark.disclosure("withhold"),
    pytest.mark.xdist_group("test_headcount_every_filter_a_slice_of_the_table_by_its_field"),
]

HEADCOUNT = "/api/v1/reports/headcount?agency=KOTA-MEDAN&"  # (the other unit's)
UNIT = "unit=RSUD%20dr.%20Pirngadi"
# (RSUD dr. Pirngadi: women 4 active and 4 deceased, men 5 active and 1 retired; 3 active women and 3 active men more
# in each of Bappeda, beside Sari, and BKPSDM, beside Budi, so that no unit's slice is small)
HOSPITAL = [("F", None)] * 4 + [("F", "DECEASED")] * 4 + [("M", None)] * 5 + [("M", "RETIRED")]
OFFICE = [("F", None)] * 3 + [("M", None)] * 3


@pytest.fixture(scope="module")
def staff(request: pytest.FixtureRequest, shared_database_url: str) -> Iterator[World]:
    """The staff above; a minimum cell of 3: by status in the hospital RETIRED 1 withheld and DECEASED 4 with it (its
    complement), ACTIVE 9 shown; by status and sex, the retired man withheld, and the active men, the active women
    and the deceased women each as the complement of a line. In a store of each kind, recorded once: the module's
    tests only read it."""
    people = [(sex, status, {"unit": "RSUD dr. Pirngadi"}) for sex, status in HOSPITAL]
    people += [(sex, status, {"unit": unit}) for unit in ("Bappeda", "BKPSDM") for sex, status in OFFICE]
    with staffed(request.node, shared_database_url, people, 851) as world:
        yield world


@pytest.fixture
def hospital(staff: World) -> World:
    return own_client(staff)


def headcount(world: World, query: str, who: str = "reporter") -> dict[str, Any]:
    """The cells and total of the hospital's headcount (`query` added)."""
    found = read(world, f"agency=KOTA-MEDAN&{UNIT}&{query}", who)
    return {"cells": found["cells"], "total": found["total"]}


def test_the_active_women_shown_by_status_are_withheld_as_the_table_by_status_and_sex_withholds_them(
    hospital: World,
) -> None:
    # the tester's three answers: the first as it was, the other two no longer giving the retired man away
    # (its ACTIVE 9 shown until 2026-12-07: withheld since as KOTA-MEDAN's table by unit and status withholds it, whose
    # slice the hospital's is, the agency's units complemented beside KAB-KARO's Rina alone)
    assert headcount(hospital, "by=status")["cells"] == {("ACTIVE",): None, ("DECEASED",): None, ("RETIRED",): None}
    women = headcount(hospital, "by=status&sex=F")  # (was ACTIVE 4 and DECEASED 4 shown: 9 - 4 the active men)
    assert set(women["cells"].values()) == {None}
    men = headcount(hospital, "by=status&sex=M")  # (ACTIVE and RETIRED withheld, of 6: 6 - 5 the retired man)
    assert men["cells"] == {("ACTIVE",): None, ("RETIRED",): None}


@pytest.mark.parametrize(("status", "sex"), [("ACTIVE", "F"), ("ACTIVE", "M"), ("RETIRED", "M"), ("DECEASED", "F")])
def test_a_cell_is_shown_under_a_filter_only_as_the_table_by_that_field_shows_it(
    hospital: World, status: str, sex: str
) -> None:
    by_status = headcount(hospital, f"by=status&sex={sex}")["cells"].get((status,))
    by_sex = headcount(hospital, f"by=sex&status={status}")["cells"].get((sex,))
    both = headcount(hospital, "by=status,sex")["cells"].get((status, sex))
    assert by_status == by_sex == both  # (was: by status and sex=F ACTIVE 4, by sex and status=ACTIVE F withheld)


def test_a_filter_of_a_field_the_report_is_by_withholds_each_row_the_table_by_its_fields_withholds(
    hospital: World,
) -> None:
    # by status and sex, filtered to women: its rows are the cells of the table by status and sex (was 4 and 4)
    assert headcount(hospital, "by=status,sex&sex=F")["cells"] == {("ACTIVE", "F"): None, ("DECEASED", "F"): None}
    # another unit, no group of it small: its men (PNS 4) shown until 2026-12-07, withheld since as the table by agency
    # and unit withholds BKPSDM (the complement of KAB-KARO's Rina, alone in her agency and unit), whose slice it is
    shown = hospital.get(f"{HEADCOUNT}unit=BKPSDM&by=employment_kind&sex=M", "reporter").get_json()
    assert (shown["items"], shown["total"]) == ([], None)
    exact = hospital.get(f"{HEADCOUNT}unit=BKPSDM&by=employment_kind&sex=M", "inspector").get_json()
    assert [(i["employment_kind"], i["count"]) for i in exact["items"]] == [("PNS", 4)]


def test_an_inspector_sees_every_cell_exactly(hospital: World) -> None:
    assert headcount(hospital, "by=status&sex=F", "inspector") == {
        "cells": {("ACTIVE",): 4, ("DECEASED",): 4},
        "total": 8,
    }

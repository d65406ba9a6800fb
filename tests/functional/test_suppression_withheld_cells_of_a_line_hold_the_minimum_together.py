"""The withheld cells of every line of a headcount (its rows beside its total, a row or column of a table by two
fields) together hold at least the minimum, or no one: else the smallest shown cell is withheld with them (the
standard secondary-suppression condition). A tester, 2026-12-06 (demo 500 seed 3, minimum 5):
`by=status&agency=KOTA-MEDAN&unit=RSUD dr. Pirngadi` showed a total of 20 and ACTIVE 16, withholding RETIRED 3 and
DECEASED 1: 20 - 16 = the 4 people of the unit not active, a group under the minimum, which the headcount by unit
withholds. Inspectors see every figure. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_headcount_counts_the_active_staff import store_url
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import appointed, headcount

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")

__all__ = ["store_url"]  # (both stores)

UNIT = "RSUD dr. Pirngadi"
ASKED = "by=status&agency=KOTA-MEDAN&unit=RSUD%20dr.%20Pirngadi"
# (eleven of the unit: 8 active, 2 retired, 1 deceased: the 3 not active a group under the minimum of 5)
PEOPLE = [None] * 8 + ["RETIRED"] * 2 + ["DECEASED"]


# (and a larger unit beside it, 20 active, 6 retired and 5 deceased, so that the agency's statuses are shown, and 6
# more active of Bappeda, which holds one already)
OTHERS = [None] * 20 + ["RETIRED"] * 6 + ["DECEASED"] * 5


@pytest.fixture
def hospital(world: World) -> World:
    appointed(world, [("MF"[i % 2], status, {"unit": UNIT}) for i, status in enumerate(PEOPLE)], 841)
    appointed(world, [("MF"[i % 2], status, {"unit": "BKPSDM"}) for i, status in enumerate(OTHERS)], 861)
    appointed(world, [("MF"[i % 2], None, {"unit": "Bappeda"}) for i in range(6)], 901)
    world.services.min_cell = 5
    return world


def test_a_units_active_staff_is_withheld_when_the_rest_of_its_total_is_a_small_group(hospital: World) -> None:
    found = headcount(hospital, ASKED)
    active = found["cells"][("ACTIVE",)]
    # never the total beside the active staff (was 11 and 8: the unit's 3 not active by subtraction)
    assert active is None or found["total"] is None
    assert found["cells"][("RETIRED",)] is None
    assert found["cells"][("DECEASED",)] is None
    assert active is None  # (the smallest shown non-empty cell of the line, taken with the withheld ones)


def test_the_inspector_still_reads_every_status_of_the_unit(hospital: World) -> None:
    found = headcount(hospital, ASKED, "inspector")
    assert found["cells"] == {("ACTIVE",): 8, ("DECEASED",): 1, ("RETIRED",): 2}
    assert found["total"] == 11

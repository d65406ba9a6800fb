"""A filtered headcount is a slice of the headcount by the filter's field (and of the cross table by its own fields
and that field): a reader of aggregates gets none of its figures that those tables' answers withhold. A tester,
2026-12-07 (a national reporter, the demo of 1,000 employees, seed 1, PostgreSQL): `by=sex&agency=KOTA-BINJAI` withheld
F and M (the table by sex and status complemented both), yet `by=unit&sex=F&agency=KOTA-BINJAI` showed its total 24,
the women's cell, every unit withheld; with it `by=agency&sex=F` (its total less the agencies shown) gave KAB-KARO's
women, `by=agency` its men, and `by=status&sex=M&agency=KAB-KARO` its retired men (3), which `by=sex,status` withholds.
On the demo of 4,000 (seed 2) `by=employment_kind&agency=PROV-SUMUT` withheld PNS and PPPK while
`by=unit&employment_kind=PNS&agency=PROV-SUMUT` showed the PNS total. The filter's value was judged from the slices of
the table by the report's fields and the filter's field (its small cells and its differences), not from the answer to
the table by that field, with that answer's own status crossing and filters' checks. Inspectors see every figure.
Both stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.functional.conftest import World, own_client
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import headcount as read
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import staffed

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = [
    pytest.mark.disclosure("withhold"),
    pytest.mark.xdist_group("test_headcount_filtered_shows_nothing_its_cross_table_withholds"),
]

MEDAN = "agency=KOTA-MEDAN"
# KOTA-MEDAN (with Sari, an active woman of Bappeda, and Budi, an active man of BKPSDM): women 6 active (3 in each
# unit) and 3 retired; men 6 active (3 in each), 3 retired and 1 deceased. By sex and status, the deceased man is
# withheld, the retired man his line's complement, the retired women theirs, and so both active cells: the table by
# sex (the active staff) withholds F and M, though neither sex's active staff differs from its every status by a small
# group (3 women, 4 men not active) nor from the nation's (KAB-KARO's 5 active women and 4 active men)
MEDAN_PEOPLE = (
    [("F", None, {"unit": "Bappeda"})] * 2
    + [("F", None, {"unit": "BKPSDM"})] * 3
    + [("F", "RETIRED", {"unit": "Bappeda"})] * 3
    + [("M", None, {"unit": "Bappeda"})] * 3
    + [("M", None, {"unit": "BKPSDM"})] * 2
    + [("M", "RETIRED", {"unit": "Bappeda"})] * 3
    + [("M", "DECEASED", {"unit": "Bappeda"})]
)
KARO = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
KARO_PEOPLE = [("F", None, KARO)] * 4 + [("M", None, KARO)] * 4


@pytest.fixture(scope="module")
def staff(request: pytest.FixtureRequest, shared_database_url: str) -> Iterator[World]:
    """The staff above, a minimum cell of 3, in a store of each kind: recorded once, the module's tests only read."""
    with staffed(request.node, shared_database_url, MEDAN_PEOPLE + KARO_PEOPLE, 861) as world:
        yield world


@pytest.fixture
def medan(staff: World) -> World:
    return own_client(staff)


def test_the_table_by_sex_withholds_both_sexes(medan: World) -> None:
    exact = read(medan, f"by=sex&{MEDAN}", "inspector")
    assert (exact["cells"], exact["total"]) == ({("F",): 6, ("M",): 6}, 12)
    assert read(medan, f"by=sex&{MEDAN}")["cells"] == {("F",): None, ("M",): None}


@pytest.mark.parametrize("by", ["unit", "rank", "employment_kind"])
def test_a_report_filtered_to_a_sex_the_table_by_sex_withholds_is_withheld(medan: World, by: str) -> None:
    # (was: `by=unit&sex=F` the women's 6 as its total, Bappeda 3 and BKPSDM 3)
    assert read(medan, f"by={by}&sex=F&{MEDAN}") == {"cells": {}, "total": None, "every": None}
    exact = read(medan, f"by={by}&sex=F&{MEDAN}", "inspector")
    assert (exact["total"], exact["every"]) == (6, 9)


def test_an_inspector_sees_every_cell_exactly(medan: World) -> None:
    assert read(medan, f"by=unit&sex=F&{MEDAN}", "inspector")["cells"] == {("BKPSDM",): 3, ("Bappeda",): 3}


@pytest.mark.parametrize("by", ["unit", "status", "rank"])
@pytest.mark.parametrize("sex", ["F", "M"])
def test_every_figure_shown_under_a_filter_is_shown_by_the_tables_by_its_field(medan: World, by: str, sex: str) -> None:
    # (hierarchical consistency: the report filtered to a sex is the column of that sex of the cross table by its
    # field and sex, and its total that sex's cell of the table by sex, of the same statuses)
    statuses = "" if by == "status" else "&status=ACTIVE"
    filtered = read(medan, f"by={by}&sex={sex}&{MEDAN}{statuses}")
    cross = read(medan, f"by={by},sex&{MEDAN}{statuses}")["cells"]
    for (value,), count in filtered["cells"].items():
        if count is not None:
            assert cross[(value, sex)] == count, (value, cross)
    if filtered["total"] is not None:
        assert by != "status"  # (of every status: the table by sex counts the active staff)
        assert read(medan, f"by=sex&{MEDAN}")["cells"][(sex,)] == filtered["total"]

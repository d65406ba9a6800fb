"""A withheld small cell is not the difference of published figures across lines of the table (a review,
2026-12-07, the demo of 2,000 employees, seed 1: docs/security.md "Complementary suppression"). A national reporter
had KAB-KARO's 4 deceased women exactly from ten figures: `by=agency&sex=F` (every status 1,091, active 851, the
three large agencies' active), `by=agency&sex=F&status=RETIRED` (199 and the three's), `by=status&agency=<each of
the three>&sex=F` (their totals), and KOTA-BINJAI's statuses listing no deceased (an empty cell: a structural zero):
(1,091 - 285 - 333 - 305) - (851 - 219 - 258 - 242) - (199 - 53 - 61 - 53) = 4. The zero and the other agencies'
totals of every status merged KAB-KARO's and KOTA-BINJAI's lines into one, in which the deceased stood withheld
alone, and `suppression.along_margins` judged each line alone. The same shape on a world of some 70 employees (a
minimum cell of 3): KAB-KARO's 2 deceased women. The attack is run as a reader would run it, in general: every figure
the headcounts by agency and by status (each filtered to the other field's values and to women) publish, each empty
cell a listed table leaves out taken as 0, bound each cell of the table by agency and status by linear programs; no
cell an inspector sees small, withheld, is pinned to one value. Both stores."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from scipy.optimize import linprog

from tests.functional.conftest import World, own_client
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import headcount as read
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import staffed

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = [
    pytest.mark.disclosure("withhold"),
    pytest.mark.xdist_group("test_headcount_small_cell_not_recovered_across_agencies_lines"),
]

AGENCIES = {
    "KOTA-MEDAN": {"agency": "KOTA-MEDAN", "region": "12.71"},
    "KAB-DELISERDANG": {"agency": "KAB-DELISERDANG", "region": "12.07"},
    "PROV-SUMUT": {"agency": "PROV-SUMUT", "region": "12"},
    "KAB-KARO": {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"},
    "KOTA-BINJAI": {"agency": "KOTA-BINJAI", "region": "12.75"},
}
STATUSES = ("ACTIVE", "DECEASED", "RETIRED", "STUDY_LEAVE")
# The women of each agency by status (None: active), beside the world's Sari (KOTA-MEDAN) and Rina (KAB-KARO), both
# active: the three large agencies' study leave and deceased small or withheld with them, their active and retired
# shown; KAB-KARO's 2 deceased withheld, its retired their complement, KOTA-BINJAI's retired that one's, and so
# KOTA-BINJAI's active and KAB-KARO's active; KOTA-BINJAI has no deceased, KAB-KARO no one on study leave
WOMEN = {
    "KOTA-MEDAN": {None: 8, "RETIRED": 4, "DECEASED": 1, "STUDY_LEAVE": 2},
    "KAB-DELISERDANG": {None: 8, "RETIRED": 4, "DECEASED": 2, "STUDY_LEAVE": 1},
    "PROV-SUMUT": {None: 8, "RETIRED": 4, "DECEASED": 2, "STUDY_LEAVE": 1},
    "KAB-KARO": {None: 6, "RETIRED": 4, "DECEASED": 2},
    "KOTA-BINJAI": {None: 6, "RETIRED": 3},
}
# The men alike (with the world's Budi, KOTA-MEDAN, active): KAB-KARO's 1 deceased man withheld
MEN = {
    "KOTA-MEDAN": {None: 7, "RETIRED": 5, "DECEASED": 2, "STUDY_LEAVE": 1},
    "KAB-DELISERDANG": {None: 8, "RETIRED": 5, "DECEASED": 1, "STUDY_LEAVE": 2},
    "PROV-SUMUT": {None: 8, "RETIRED": 5, "DECEASED": 2, "STUDY_LEAVE": 1},
    "KAB-KARO": {None: 5, "RETIRED": 4, "DECEASED": 1},
    "KOTA-BINJAI": {None: 5, "RETIRED": 3},
}
PEOPLE = [
    (sex, status, AGENCIES[agency])
    for sex, people in (("F", WOMEN), ("M", MEN))
    for agency, counts in people.items()
    for status, count in counts.items()
    for _ in range(count)
]
CELLS = [(agency, status) for agency in AGENCIES for status in STATUSES]


@pytest.fixture(scope="module")
def staff(request: pytest.FixtureRequest, shared_database_url: str) -> Iterator[World]:
    """The women above, a minimum cell of 3, in a store of each kind: recorded once, the module's tests only read."""
    with staffed(request.node, shared_database_url, PEOPLE, 801) as world:
        yield world


@pytest.fixture
def women(staff: World) -> World:
    return own_client(staff)


def published(
    world: World,
) -> tuple[list[tuple[list[int], int]], set[tuple[str, str]], set[tuple[str, str]]]:
    """Every figure a reporter is given of the women by agency and status, as (the table's cells it adds up, its
    value), the cells the listed tables leave out (none of those people) and the cells they list, shown or withheld
    (a group listed counts someone: at least 1)."""
    index = {c: i for i, c in enumerate(CELLS)}
    figures: list[tuple[list[int], int]] = []

    def given(cells: list[tuple[str, str]], value: int | None) -> None:
        if value is not None:
            figures.append(([index[c] for c in cells], value))

    by_agency = read(world, "by=agency&sex=F")
    given(CELLS, by_agency["every"])
    given([(a, "ACTIVE") for a in AGENCIES], by_agency["total"])
    for (agency,), count in by_agency["cells"].items():
        given([(agency, "ACTIVE")], count)
    for status in STATUSES:
        column = read(world, f"by=agency&sex=F&status={status}")
        given([(a, status) for a in AGENCIES], column["total"])
        for (agency,), count in column["cells"].items():
            given([(agency, status)], count)
    empty: set[tuple[str, str]] = set()
    counted: set[tuple[str, str]] = set()
    for agency in AGENCIES:
        row = read(world, f"by=status&agency={agency}&sex=F")
        given([(agency, s) for s in STATUSES], row["total"])
        for (status,), count in row["cells"].items():
            given([(agency, status)], count)
            counted.add((agency, status))
        for query in (f"by=status&agency={agency}&sex=F", f"by=status&agency={agency}"):
            listed = read(world, query)["cells"]
            if listed:
                empty |= {(agency, s) for s in STATUSES if (s,) not in listed}
    return figures, empty, counted


def bounds(
    figures: list[tuple[list[int], int]],
    empty: set[tuple[str, str]],
    listed: set[tuple[str, str]],
    cell: tuple[str, str],
) -> tuple[int, float]:
    """The least and the most people the figures leave `cell`, each cell a whole number, an empty cell 0 and a cell
    listed at least 1 (integer programs: as a reader who knows all that would bound it)."""
    equations = np.zeros((len(figures), len(CELLS)))
    for row, (cells, _) in enumerate(figures):
        equations[row, cells] = 1
    values = np.array([value for _, value in figures], dtype=float)
    limits = [(0, 0) if c in empty else (1, None) if c in listed else (0, None) for c in CELLS]
    whole = np.ones(len(CELLS))
    cost = np.zeros(len(CELLS))
    cost[CELLS.index(cell)] = 1
    least = linprog(cost, A_eq=equations, b_eq=values, bounds=limits, method="highs", integrality=whole)
    most = linprog(-cost, A_eq=equations, b_eq=values, bounds=limits, method="highs", integrality=whole)
    assert least.status == 0
    assert most.status in (0, 3)  # (3: unbounded, no figure holds the cell)
    return round(least.fun), round(-most.fun) if most.status == 0 else float("inf")


def exact(world: World) -> dict[tuple[str, str], int]:
    return {
        (agency, status): count
        for agency in AGENCIES
        for (status,), count in read(world, f"by=status&agency={agency}&sex=F", "inspector")["cells"].items()
    }


def test_no_withheld_small_cell_is_pinned_by_the_figures_published(women: World) -> None:
    figures, empty, listed = published(women)
    truth = exact(women)
    small = [c for c, count in truth.items() if 0 < count < 3]
    assert ("KAB-KARO", "DECEASED") in small  # (the cell the review recovered)
    for cell in small:
        least, most = bounds(figures, empty, listed, cell)
        assert least <= truth[cell] <= most
        assert least < most, (cell, truth[cell])  # (was: KAB-KARO's deceased women 2 exactly)


def test_the_reviewers_chain_of_differences_gives_no_withheld_cell(women: World) -> None:
    by_agency = read(women, "by=agency&sex=F")
    retired = read(women, "by=agency&sex=F&status=RETIRED")
    large = ("KOTA-MEDAN", "KAB-DELISERDANG", "PROV-SUMUT")
    totals = [read(women, f"by=status&agency={a}&sex=F")["total"] for a in large]
    figures = [by_agency["every"], by_agency["total"], retired["total"], *totals]
    figures += [by_agency["cells"][(a,)] for a in large] + [retired["cells"][(a,)] for a in large]
    if None not in figures:
        every, active, retired_total, *rest = figures
        differences = (every - sum(rest[:3])) - (active - sum(rest[3:6])) - (retired_total - sum(rest[6:9]))
        assert differences != exact(women)[("KAB-KARO", "DECEASED")]


def test_an_inspector_sees_the_deceased_women_exactly(women: World) -> None:
    assert exact(women)[("KAB-KARO", "DECEASED")] == 2
    assert read(women, "by=agency&sex=F", "inspector")["every"] == sum(map(sum, map(dict.values, WOMEN.values()))) + 2

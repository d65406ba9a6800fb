"""A unit's active staff is shown, and its count of every status withheld, when the two would give away its other
statuses (`suppression.Opening`, web.services.STATUS_OPENING): a reporter of KOTA-MEDAN read 1 of 22 units of
`by=unit` (2026-12-06), each unit of 6 to 16 active withheld because its 1 to 4 people of other statuses were its
count of every status less its active staff. The lead's decision: the active staff is what a headcount is for, so the
count of every status (the margin of the table by unit and status) goes first, while two or more units' counts are
withheld (one alone would be the agency's count of every status less the others'). Here: RSUD dr. Pirngadi 16 active,
3 retired, 1 deceased; Dinas Kesehatan 12 active, 2 retired, 1 deceased; BKPSDM 21 active, 6 retired, 5 deceased;
Bappeda 7 active. Both stores. And a subtraction attack on every figure published of the agency's table by unit and
status (each line's figures, shown or withheld, bounded by linear programming) recovers no small cell."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from scipy.optimize import linprog

from tests.functional.conftest import World
from tests.functional.test_headcount_counts_the_active_staff import store_url
from tests.functional.test_headcount_status_filter_a_slice_of_the_table_by_status import appointed
from tests.functional.test_pages_reports_say_why_a_figure_is_withheld import page_of

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")

__all__ = ["store_url"]  # (both stores)

HEADCOUNT = "/api/v1/reports/headcount"
HOSPITAL = "RSUD dr. Pirngadi"
HEALTH = "Dinas Kesehatan"
UNITS = (HOSPITAL, HEALTH, "BKPSDM", "Bappeda")
STATUSES = ("ACTIVE", "RETIRED", "DECEASED")
EVERY = "&".join(f"status={s}" for s in STATUSES)


@pytest.fixture
def medan(world: World) -> World:
    """KOTA-MEDAN as above (BKPSDM holding Budi, Bappeda Sari); and 6 more of KAB-KARO beside Rina."""
    hospital = [None] * 16 + ["RETIRED"] * 3 + ["DECEASED"]
    appointed(world, [("MF"[i % 2], status, {"unit": HOSPITAL}) for i, status in enumerate(hospital)], 701)
    health = [None] * 12 + ["RETIRED"] * 2 + ["DECEASED"]
    appointed(world, [("MF"[i % 2], status, {"unit": HEALTH}) for i, status in enumerate(health)], 731)
    bkpsdm = [None] * 20 + ["RETIRED"] * 6 + ["DECEASED"] * 5
    appointed(world, [("MF"[i % 2], status, {"unit": "BKPSDM"}) for i, status in enumerate(bkpsdm)], 751)
    appointed(world, [("MF"[i % 2], None, {"unit": "Bappeda"}) for i in range(6)], 791)
    karo = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
    appointed(world, [("MF"[i % 2], None, karo) for i in range(6)], 831)
    world.services.min_cell = 5
    return world


def answer(world: World, query: str, who: str = "reporter") -> dict[str, Any]:
    found = world.get(f"{HEADCOUNT}?{query}", who)
    assert found.status_code == 200, found.get_json()
    body: dict[str, Any] = found.get_json()
    return body


def cells(body: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {tuple(str(item[b]) for b in body["by"]): item["count"] for item in body["items"]}


def test_a_units_active_staff_is_shown_and_its_count_of_every_status_withheld(medan: World) -> None:
    by_unit = cells(answer(medan, "by=unit&agency=KOTA-MEDAN"))
    # (was None: 20 of every status less 16 gave its 3 retired and 1 deceased)
    assert by_unit[(HOSPITAL,)] == 16
    assert by_unit[(HEALTH,)] == 12
    body = answer(medan, f"by=status&agency=KOTA-MEDAN&unit={quote(HOSPITAL)}")
    assert cells(body) == {("ACTIVE",): 16, ("DECEASED",): None, ("RETIRED",): None}
    assert body["total"] is None
    every = cells(answer(medan, f"by=unit&agency=KOTA-MEDAN&{EVERY}"))
    assert every[(HOSPITAL,)] is None
    assert every[(HEALTH,)] is None
    table = cells(answer(medan, "by=unit,status&agency=KOTA-MEDAN"))
    assert table[(HOSPITAL, "ACTIVE")] == 16
    assert [table[(HOSPITAL, s)] for s in ("RETIRED", "DECEASED")] == [None, None]


def test_the_page_and_the_csv_show_the_active_staff_too(medan: World) -> None:
    query = "by=unit&agency=KOTA-MEDAN"
    csv = medan.get(f"{HEADCOUNT}?{query}&format=csv", "reporter").get_data(as_text=True)
    assert f"{HOSPITAL},16,false" in csv.splitlines()
    page = page_of(medan, "reporter", f"/pages/reports/headcount?{query}&lang=en")
    row = page[page.index(f"<td>{HOSPITAL}</td>") :]
    assert row[: row.index("</tr>")].count("<td>16</td>") == 1
    downloaded = medan.client.get(f"/pages/reports/headcount.csv?{query}").get_data(as_text=True)
    assert any(line.startswith(f"{HOSPITAL},16,false,") for line in downloaded.splitlines())


def test_the_inspector_reads_every_cell(medan: World) -> None:
    body = answer(medan, f"by=status&agency=KOTA-MEDAN&unit={quote(HOSPITAL)}", "inspector")
    assert cells(body) == {("ACTIVE",): 16, ("DECEASED",): 1, ("RETIRED",): 3}
    assert body["total"] == 20


def published(world: World) -> list[tuple[list[tuple[str, str]], int]]:
    """Every sum a reporter reads of the agency's table by unit and status: each a set of its cells and a figure
    (its rows by unit, by status and by unit and status; each unit's statuses and their total, each status's units,
    each unit's count of every status; the agency's totals)."""
    sums: list[tuple[list[tuple[str, str]], int]] = []
    everything = [(u, s) for u in UNITS for s in STATUSES]

    def add(body: dict[str, Any], of: Any) -> None:
        for item in body["items"]:
            if item["count"] is not None:
                sums.append((of(item), item["count"]))
        if body["total"] is not None:
            sums.append(([c for item in body["items"] for c in of(item)], body["total"]))

    add(answer(world, "by=unit,status&agency=KOTA-MEDAN"), lambda i: [(i["unit"], i["status"])])
    add(answer(world, "by=status&agency=KOTA-MEDAN"), lambda i: [(u, i["status"]) for u in UNITS])
    add(answer(world, f"by=unit&agency=KOTA-MEDAN&{EVERY}"), lambda i: [(i["unit"], s) for s in STATUSES])
    for status in STATUSES:
        add(answer(world, f"by=unit&agency=KOTA-MEDAN&status={status}"), lambda i, s=status: [(i["unit"], s)])
    for unit in UNITS:
        add(answer(world, f"by=status&agency=KOTA-MEDAN&unit={quote(unit)}"), lambda i, u=unit: [(u, i["status"])])
        body = answer(world, f"by=sex&agency=KOTA-MEDAN&unit={quote(unit)}")
        if body["total_all_statuses"] is not None:
            sums.append(([(unit, s) for s in STATUSES], body["total_all_statuses"]))
    body = answer(world, "by=unit&agency=KOTA-MEDAN")
    if body["total_all_statuses"] is not None:
        sums.append((everything, body["total_all_statuses"]))
    return sums


def test_a_subtraction_attack_recovers_no_small_cell(medan: World) -> None:
    truth = cells(answer(medan, "by=unit,status&agency=KOTA-MEDAN", "inspector"))
    variables = [(u, s) for u in UNITS for s in STATUSES if (u, s) in truth]
    sums = published(medan)
    rows = [[1.0 if v in of else 0.0 for v in variables] for of, _ in sums]
    figures = [float(n) for _, n in sums]
    # (a cell listed counts one person at least)
    bounds = [(1, None)] * len(variables)
    small = [k for k, v in enumerate(variables) if 0 < truth[v] < 5]
    assert small
    for k in small:
        goal = [0.0] * len(variables)
        goal[k] = 1.0
        low = linprog(goal, A_eq=rows, b_eq=figures, bounds=bounds)
        high = linprog([-g for g in goal], A_eq=rows, b_eq=figures, bounds=bounds)
        assert low.status == 0  # (the true table is a solution: the figures published are consistent)
        # (unbounded above, or at least two values apart: neither is the cell's one value)
        assert high.status == 3 or -high.fun - low.fun >= 1, (variables[k], low.fun, -high.fun)

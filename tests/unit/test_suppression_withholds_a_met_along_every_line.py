"""Training compliance's `met` (the staff meeting the yearly JP) withheld where it or the rest of its row's staff is 1
to the minimum less 1 (`suppression.attribute_withheld`, `COMPLIANCE_MET`), with complements along every line of a
table by several fields (the rows alike in all fields but one add up to a row of the table by the others), so that no
line holds a lone `met` withheld: a table by agency and rank is the agencies' rows by rank and the ranks' by agency."""

from __future__ import annotations

from typing import Any

from projections import suppression

MIN = 5


def row(agency: str, rank: str, staff: int, met: int) -> dict[str, Any]:
    return {"agency": agency, "rank": rank, "staff": staff, "met": met, "share": met / staff, "hours": 20 * met}


# (A III/a's 2 of 10 tells who met it; every other cell tells no one)
TABLE = [
    row("A", "II/a", 12, 6),
    row("A", "III/a", 10, 2),
    row("A", "III/b", 9, 9),
    row("B", "II/a", 11, 5),
    row("B", "III/a", 14, 7),
    row("B", "III/b", 8, 0),
]


def judged(rows: list[dict[str, Any]], by: tuple[str, ...]) -> list[dict[str, Any]]:
    shown = suppression.suppress(rows, suppression.COMPLIANCE, MIN, complementary=True, margins=by)
    return suppression.attribute_withheld(rows, shown, suppression.COMPLIANCE_MET, MIN, margins=by)


def test_a_met_of_a_few_is_withheld_with_its_share_and_hours_its_staff_shown() -> None:
    [a_iii_a] = [r for r in judged(TABLE, ("agency", "rank")) if (r["agency"], r["rank"]) == ("A", "III/a")]
    assert (a_iii_a["met"], a_iii_a["share"], a_iii_a["staff"], a_iii_a["hours"]) == (None, None, 10, None)
    assert (a_iii_a["suppressed"], a_iii_a["met_suppressed"]) == (False, True)


def test_no_line_of_the_table_holds_a_lone_met_withheld() -> None:
    found = judged(TABLE, ("agency", "rank"))
    for field in ("agency", "rank"):
        other = "rank" if field == "agency" else "agency"
        for value in {r[other] for r in found}:
            line = [r for r in found if r[other] == value]
            withheld = [r for r in line if r["met_suppressed"]]
            assert len(withheld) != 1, (value, withheld)
            rows = [r for r in TABLE if r[other] == value and any(w[field] == r[field] for w in withheld)]
            for held in (sum(r["met"] for r in rows), sum(r["staff"] - r["met"] for r in rows)):
                assert not suppression.small(held, MIN), (value, held)  # (their sum no small group either)


def test_a_table_of_no_telling_met_withholds_none() -> None:
    untold = [r for r in TABLE if r["rank"] != "III/a"]
    assert not any(r["met_suppressed"] for r in judged(untold, ("agency", "rank")))


def test_a_row_withheld_whole_says_its_met_is_withheld_too() -> None:
    found = judged([*TABLE, row("B", "IV/a", 3, 1)], ("agency", "rank"))
    [small] = [r for r in found if r["rank"] == "IV/a"]
    assert (small["staff"], small["met"], small["suppressed"], small["met_suppressed"]) == (None, None, True, True)

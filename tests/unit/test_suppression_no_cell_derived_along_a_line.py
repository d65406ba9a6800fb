"""For random small tables, no cell a headcount withholds is worked out from one line of the figures published beside
it: a row or column of a table by two fields (its sum the same headcount by the other field, as that report shows it),
the whole table (its total, as the headcount shows it), or a table by one field (the status slices: their total).
Along such a line the cells withheld add up to the line's sum less the cells shown; each counts at least one person
(zero is shown) and, read as a small group, at most the minimum less one; a withheld cell is worked out when those
bounds leave it one value (alone in its line; several of one person each; several each one short of the minimum).
Independent of `suppression.exposed`: the bounds are worked out here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from projections import suppression

MIN_CELL = 5
COUNTS = st.one_of(st.integers(0, 6), st.integers(0, 30))  # (mostly small groups and empty ones)


def tables(fields: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    """A table by `fields` fields (each of 1 to 4 values), every combination a row with a count."""
    shapes = st.lists(st.integers(1, 4), min_size=fields, max_size=fields)

    def filled(shape: list[int]) -> st.SearchStrategy[list[dict[str, Any]]]:
        keys: list[dict[str, Any]] = [{}]
        for n, size in enumerate(shape):
            keys = [{**key, f"f{n}": value} for key in keys for value in range(size)]
        return st.lists(COUNTS, min_size=len(keys), max_size=len(keys)).map(
            lambda counts: [{**key, "count": count} for key, count in zip(keys, counts, strict=True)]
        )

    return shapes.flatmap(filled)


def headcount(rows: Sequence[Mapping[str, Any]], by: Sequence[str]) -> tuple[list[dict[str, Any]], int | None]:
    """The headcount's cells and total as Services.headcount publishes them (no filter: no other layer applies)."""
    items = suppression.suppress(rows, suppression.HEADCOUNT, MIN_CELL, complementary=True, margins=by)
    hidden = {i for i, item in enumerate(items) if item[suppression.FLAG]}
    total = sum(row["count"] for row in rows)
    exposed = suppression.exposed(rows, suppression.HEADCOUNT, hidden, MIN_CELL)
    return items, None if exposed else suppression.total(total, MIN_CELL)


def summed(rows: Sequence[Mapping[str, Any]], field: str) -> list[dict[str, Any]]:
    """The same people by one field: the table by it."""
    counts: dict[Any, int] = {}
    for row in rows:
        counts[row[field]] = counts.get(row[field], 0) + row["count"]
    return [{field: value, "count": count} for value, count in counts.items()]


def fixed(line_sum: int, items: Sequence[Mapping[str, Any]], counts: Sequence[int]) -> list[int]:
    """The small groups withheld in a line (their true `counts`) whose value its published sum less the cells shown
    leaves one way only, and rightly: the bounds read every withheld cell of the line alike, and a reader who takes
    withheld cells of 6 and 2 for small groups reads 4 and 4, wrong for both (nothing given away; 2, 4 and 6 read as
    4 each: right for one, but which is not told)."""
    withheld = [i for i, item in enumerate(items) if item[suppression.FLAG]]
    rest = line_sum - sum(item["count"] for item in items if not item[suppression.FLAG])
    k = len(withheld)
    lowest = max(1, rest - (k - 1) * (MIN_CELL - 1))  # (each of the others at most the minimum less one)
    highest = min(MIN_CELL - 1, rest - (k - 1))  # (each of the others at least one)
    value = rest if k == 1 else lowest if lowest == highest else None
    if value is None or any(counts[i] != value for i in withheld):
        return []
    return [i for i in withheld if suppression.small(counts[i], MIN_CELL)]


def derived(rows: list[dict[str, Any]], by: list[str]) -> list[tuple[str, Any, list[int]]]:
    """Every line of the headcount by `by` whose published sum fixes a withheld cell (empty: none)."""
    items, total = headcount(rows, by)
    found = []
    counts = [row["count"] for row in rows]
    if total is not None and fixed(total, items, counts):
        found.append(("total", None, fixed(total, items, counts)))
    for field in by if len(by) > 1 else ():
        [other] = [f for f in by if f != field]
        sums, _ = headcount(summed(rows, other), [other])
        for line_sum in sums:
            if line_sum[suppression.FLAG]:
                continue  # (that report withholds it: no published sum)
            line = [i for i, row in enumerate(rows) if row[other] == line_sum[other]]
            if not any(counts[i] and not items[i][suppression.FLAG] for i in line):
                continue  # (no group left to complement with: a gap docs/security.md tells)
            cells = fixed(line_sum["count"], [items[i] for i in line], [counts[i] for i in line])
            if cells:
                found.append((other, line_sum[other], [line[i] for i in cells]))
    return found


@settings(max_examples=400, deadline=None)
@given(tables(1))
def test_no_withheld_slice_is_the_total_less_the_slices_shown(rows: list[dict[str, Any]]) -> None:
    assert derived(rows, ["f0"]) == []


@settings(max_examples=400, deadline=None)
@given(tables(2))
def test_no_withheld_cell_is_its_row_or_column_or_the_total_less_the_cells_shown(rows: list[dict[str, Any]]) -> None:
    assert derived(rows, ["f0", "f1"]) == []


def test_a_lone_small_cell_beside_its_row_sum_is_what_the_check_finds() -> None:
    """The check can fail: a table withheld with no complement leaves its small cell as its row's sum less the rest."""
    rows = [{"f0": 0, "f1": 0, "count": 2}, {"f0": 0, "f1": 1, "count": 9}]
    shown = [{**row, suppression.FLAG: row["count"] < MIN_CELL} for row in rows]
    assert fixed(11, shown, [2, 9]) == [0]
    assert fixed(11, [{**row, suppression.FLAG: True} for row in rows], [2, 9]) == []  # (complemented)
    assert fixed(8, [{**row, suppression.FLAG: True} for row in rows], [4, 4]) == [0, 1]  # (each one short)

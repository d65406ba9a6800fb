"""Of groups tied at the highest selection rate, the reference every other group is tested against is the one with
the largest pool, not the first by name. On the demo, by education and sex, D-II / M (22 of 22 promoted) was the
reference over S-1 / M (93 of 93): each group's z, Fisher p, interval and CMH test were taken against the smallest
of the groups all promoted, because its label sorts first (pandas' idxmax takes the first of equal maxima), so
renaming a code could change every test. The impact ratios are the same either way."""

from __future__ import annotations

import pandas as pd
import pytest

from projections.merit.fairness import compare, selection_rates


def pooled(*cells: tuple[str, int, int]) -> pd.DataFrame:
    """One round's counts: (group, pool, promoted)."""
    return pd.DataFrame(
        [{"round_date": "2024-04-01", "group": g, "pool": n, "promoted": s, "out_of_rule": 0} for g, n, s in cells]
    )


@pytest.mark.parametrize(
    ("cells", "reference"),
    [
        ((("A", 6, 6), ("B", 50, 50), ("C", 40, 20)), "B"),  # all promoted: the larger
        ((("A", 8, 4), ("B", 60, 30), ("C", 40, 10)), "B"),  # the same rate in other counts
        ((("A", 10, 10), ("B", 10, 10), ("C", 40, 20)), "A"),  # the same pool too: the first by name
        ((("A", 6, 6), ("B", 50, 49), ("C", 40, 20)), "A"),  # the highest rate still wins over a larger pool
    ],
)
def test_the_reference_of_groups_tied_at_the_highest_rate_is_the_largest(
    cells: tuple[tuple[str, int, int], ...], reference: str
) -> None:
    result = selection_rates(pooled(*cells))
    assert result["reference"] == reference
    assert [g["group"] for g in result["groups"] if g["reference"]] == [reference]


def test_the_tests_are_against_the_largest_of_the_tied_groups() -> None:
    result = selection_rates(pooled(("A", 6, 6), ("B", 50, 50), ("C", 40, 20)))
    c = next(g for g in result["groups"] if g["group"] == "C")
    expected = compare(20, 40, 50, 50)
    assert c["p_fisher"] == pytest.approx(expected.p_fisher, rel=1e-3)
    assert c["z"] == pytest.approx(expected.z, abs=1e-4)
    assert c["impact_ratio"] == 0.5

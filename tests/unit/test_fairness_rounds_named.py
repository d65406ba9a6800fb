"""The selection rates say which rounds they pool: the first and the last round counted, beside their number. The
answer said "rounds: 65" and its period `from`/`to` as asked (null when not asked), so a page or report read
"Rounds: 65" without the dates an inspector's report must name (the demo of 2026-12-02: 1 Apr 2000 to 1 Dec 2026)."""

from __future__ import annotations

import pandas as pd

from projections.merit.fairness import selection_rates
from tests.unit.test_fairness import rounds


def test_the_selection_rates_name_the_first_and_last_round_counted() -> None:
    result = selection_rates(
        rounds(("2024-10-01", "F", 20, 5), ("2023-04-01", "M", 20, 10), ("2024-04-01", "F", 20, 6)), min_cell=1
    )
    assert (result["rounds"], result["first_round"], result["last_round"]) == (3, "2023-04-01", "2024-10-01")


def test_no_round_counted_names_none() -> None:
    empty = pd.DataFrame(columns=["round_date", "group", "pool", "promoted", "out_of_rule"])
    result = selection_rates(empty, min_cell=1)
    assert (result["rounds"], result["first_round"], result["last_round"]) == (0, None, None)

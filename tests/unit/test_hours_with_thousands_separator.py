"""JP written with a point as a thousands separator ("1.200" in a file separated by semicolons, as a spreadsheet in
Indonesian groups 1200) are refused saying so, the number it reads as and the JP to write: until 2026-12-06 as "Not
a whole number of lesson hours ... (24, not 24,5)", which said nothing of the point. Never read as 1200."""

from __future__ import annotations

import pytest

from careerlog.domain.payload import Unreadable
from careerlog.textfiles import WRITTEN, read_cells


@pytest.mark.parametrize("indonesian", [True, False])
@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (
            "1.200",
            "JP written with a point as a thousands separator, which JP do not take: read as a number, 1.200 is 1.2; "
            "write the whole number of JP without separators: 1200.",
        ),
        (  # (until 2026-12-06 decimal.InvalidOperation: an HTTP 500 on the record form)
            "1.200.000",
            "JP written with points as thousands separators, which JP do not take: 1.200.000 is no number as written; "
            "write the whole number of JP without separators: 1200000.",
        ),
    ],
)
def test_jp_with_thousands_separators_are_refused_saying_what_they_read_as(
    indonesian: bool, typed: str, reason: str
) -> None:
    row = {"kind": "training", "hours": typed}
    read_cells(row, indonesian=indonesian)
    assert type(row["hours"]) is Unreadable
    assert row["hours"].reason == reason
    assert row[WRITTEN] == {"hours": typed}


@pytest.mark.parametrize("typed", ["24", "24.5", "1200", "20 JP"])
def test_other_jp_are_read_as_before(typed: str) -> None:
    row = {"kind": "training", "hours": typed}
    read_cells(row, indonesian=True)
    assert type(row["hours"]) is not Unreadable

"""Scorecard indicators: each one says what it counts and links to the rows behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode


@dataclass(frozen=True)
class Indicator:
    """One measured value: `numerator` / `denominator`, with the API path listing the rows counted."""

    id: str
    title: str
    definition: str
    agency: str
    year: int
    numerator: float | None
    denominator: float | None
    value: float | None
    link: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


JP_SHARE = "training.jp_share"
JP_SHARE_TITLE = "Staff meeting the yearly 20 JP"
JP_SHARE_DEFINITION = (
    "Staff in post at the end of the year (31 December, or today in the current year) whose training that "
    "year reached the yearly JP target, divided by all staff in post on that day. No value before 2017."
)


def jp_share(row: dict[str, Any]) -> Indicator:
    """The JP-share indicator from one `TrainingQueries.compliance` row grouped by agency."""
    query = urlencode({"year": row["year"], "agency": row["agency"]})
    return Indicator(
        id=JP_SHARE,
        title=JP_SHARE_TITLE,
        definition=JP_SHARE_DEFINITION,
        agency=row["agency"],
        year=row["year"],
        numerator=row["met"],
        denominator=row["staff"],
        value=row["share"],
        link=f"/api/v1/training/compliance?{query}",
    )

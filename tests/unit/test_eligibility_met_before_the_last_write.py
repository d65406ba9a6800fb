"""An offer judged after a correction tells the earliest promotion date the corrected record meets every requirement
on, when that date is before the record's last write (`met_on`, merit view 48).

An HR writer corrected a 2024 rating to Baik on 5 December 2026 (it had been the one requirement not met): the
eligibility judged on 1 February 2027, the first promotion date after the correction, and listed "SKP 2026" missing,
a year not rated yet; with the corrected rating every requirement was met on the dates before, which the page never
said. `met_on` is the earliest date of the run of dates met that ends at the last date before `judged_on`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from projections.merit.audit import MeritProjection
from projections.merit.eligibility import met_before, met_from
from projections.merit.rules import PromotionJudge
from tests import factories as f

T = "T00:00:00+00:00"


def rated(corrected: bool, below: str = "KURANG") -> Any:
    """An S-1 CPNS of 2020-03-01 at III/a, confirmed 2021, trained and rated Baik every year to 2025 but 2024 rated
    `below` (recorded 2025-01-15); `corrected`: that rating corrected to Baik on 2026-12-05."""
    builder = f.CareerBuilder(appointed=date(2020, 3, 1), education="S-1")
    builder.confirmed("2021-03-01")
    version = 0
    for year in range(2020, 2026):
        builder.add("training", f.training(f"{year}-06-05", hours=10, start=f"{year}-06-01"), f"{year}-06-06{T}")
        builder.add("performance_rating", f.rating(year, below if year == 2024 else "BAIK"), f"{year + 1}-01-15{T}")
        version = builder.employee.version if year == 2024 else version
    if corrected:
        builder.add("correction", f.correction(version, "2026-12-05", predicate="BAIK"), f"2026-12-05{T}")
    return builder.record()


def offer(record: Any) -> dict[str, Any]:
    rows: list[dict[str, Any]] = MeritProjection().rows(record)["eligibility"]
    [row] = rows
    return row


def test_a_record_corrected_after_its_dates_tells_the_first_date_it_met_every_requirement() -> None:
    row = offer(rated(corrected=True))
    assert (row["earliest_date"], row["judged_on"]) == ("2024-04-01", "2027-02-01")
    assert "promotion.performance" in row["missing"]  # (the 2026 rating, not due yet on 2027-02-01)
    assert row["met_on"] == "2024-04-01"  # every date since met, as now recorded


def test_no_date_is_told_while_the_last_date_before_the_judged_one_is_not_met() -> None:
    """Before the correction the 2024 rating bars every date of 2025 and 2026 that reads it: none told, though
    1 April 2024 (reading 2022 and 2023) was met."""
    row = offer(rated(corrected=False))
    assert row["judged_on"] == "2027-02-01"  # the first date past the 2024 rating (merit 62; was 2026-02-01, barred)
    assert row["met_on"] is None


def test_the_run_of_dates_met_is_walked_back_to_its_first() -> None:
    record = rated(corrected=True)
    judge = PromotionJudge(record)
    assert met_before(judge, "101", "III/b", date(2024, 4, 1), date(2027, 2, 1)) == date(2024, 4, 1)
    assert met_before(judge, "101", "III/b", date(2026, 6, 1), date(2027, 2, 1)) == date(2026, 6, 1)
    assert met_before(judge, "101", "III/b", date(2027, 2, 1), date(2027, 2, 1)) is None  # (no date before)


def test_met_on_is_the_day_every_requirement_was_met_with_nothing_missing_too() -> None:
    """Nothing missing on judged_on: `met_on` is the first date of the run met that ends on it (merit view 55; it was
    NULL, and filled only once something not due yet was missing)."""
    builder = f.CareerBuilder(appointed=date(2020, 3, 1), education="S-1")
    builder.confirmed("2021-03-01")
    for year in range(2020, 2026):
        builder.add("training", f.training(f"{year}-06-05", hours=10, start=f"{year}-06-01"), f"{year}-06-06{T}")
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    row = offer(builder.record())
    assert (row["judged_on"], json.loads(row["missing"])) == ("2026-02-01", [])
    assert row["met_on"] == "2024-04-01"  # every date since the earliest met, as now recorded


def test_met_on_is_the_date_judged_when_no_date_before_it_is_met() -> None:
    """Nothing missing on judged_on, the date before it barred (the 2024 rating): the run begins on judged_on."""
    judge = PromotionJudge(rated(corrected=False))
    assert met_from(judge, "101", "III/b", date(2024, 4, 1), date(2027, 2, 1), []) == date(2027, 2, 1)
    assert met_from(judge, "101", "III/b", date(2027, 2, 1), date(2027, 2, 1), []) == date(2027, 2, 1)

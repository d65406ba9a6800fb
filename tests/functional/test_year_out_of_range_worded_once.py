"""A year out of range is worded one way by every query taking one: training compliance's, the programmes', the
scorecard's and grade inflation's `year` below 1900 is "Must be between 1900 and <this year>, got 1800.", as a year
after this one is. Until 2026-12-06 one below 1900 was "Must be greater than or equal to 1900." (marshmallow's
Range) where the same field refused 2030 as "Must be between 1900 and 2026, got 2030.", and grade inflation took
any year up to 9999."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_time_to_promotion_from_after_today import this_year

QUERIES = {
    "compliance": "/api/v1/reports/training-compliance?year={year}",
    "programmes": "/api/v1/reports/programmes?year={year}",
    "scorecard": "/api/v1/reports/scorecard?agency=KOTA-MEDAN&years=1&year={year}",
    "grade inflation": "/api/v1/audits/grade-inflation?year={year}",
}


@pytest.mark.parametrize("after", [None, 4], ids=["1800", "4-years-after-this"])  # (ids alike in every worker)
@pytest.mark.parametrize("query", QUERIES.values(), ids=list(QUERIES))
def test_a_year_out_of_range_is_worded_one_way_everywhere(world: World, query: str, after: int | None) -> None:
    latest = this_year()
    year = 1800 if after is None else latest + after
    answer = world.get(query.format(year=year), "admin")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["year"] == [f"Must be between 1900 and {latest}, got {year}."]

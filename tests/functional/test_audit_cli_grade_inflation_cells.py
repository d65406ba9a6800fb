"""`careerlog audit grade-inflation` gives each exceeded cap's staff, allowance and excess, as the API's list does, and
writes a unit-year's counts and caps as JSON. Found on the demo (600 employees): its CSV cells read
`{'BAIK': 51, 'SANGAT_BAIK': 5}` and `[{'predicate': 'BAIK', 'share': 0.9107, 'max_share': 0.7}]` (Python's
repr, which no JSON reader reads), without the `count`, `allowed` and `excess` the API's answer gives for the same
unit-year (web.services added them; projections.merit.distribution.with_excess now, for both). SQLite world: the
store matters not."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_api_posts import inflated

__all__ = ["inflated"]  # Bappeda of Kota Medan rated Baik for 2023, 5 of its 6 staff Baik and 1 Sangat Baik

EXCEEDED = [
    {"predicate": "SANGAT_BAIK", "share": 0.1667, "max_share": 0.1, "count": 1, "allowed": 0, "excess": 1},
    {"predicate": "BAIK", "share": 0.8333, "max_share": 0.7, "count": 5, "allowed": 4, "excess": 1},
]


def test_the_csv_and_json_give_the_excess_over_each_cap_as_the_api_does(inflated: World, store_url: str) -> None:
    def audit(fmt: str) -> str:
        result = CliRunner().invoke(
            main, ["audit", "grade-inflation", "--format", fmt], env={"CAREERLOG_DATABASE_URL": store_url}
        )
        assert result.exit_code == 0, result.output
        return result.output

    [row] = csv.DictReader(io.StringIO(audit("csv")))
    assert json.loads(row["counts"]) == {"BAIK": 5, "SANGAT_BAIK": 1}
    assert json.loads(row["exceeded"]) == EXCEEDED
    [unit] = json.loads(audit("json"))["units"]
    assert unit["exceeded"] == EXCEEDED
    [api] = inflated.get("/api/v1/audits/grade-inflation", "inspector").get_json()["items"]
    assert api["exceeded"] == unit["exceeded"]

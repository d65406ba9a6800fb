"""`careerlog audit ... --region 12` covers the province's regencies and cities (12.71, 12.06...), as the API's region
filter and an account's scope do: Budi's promotion (KOTA-MEDAN, 12.71) is listed, and the statistics count the
province's staff. Before, the option matched the code exactly and listed nothing (nobody works in the province's own
offices), while the API and `careerlog report scorecard --region 12` covered the province."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.functional.conftest import BUDI, World


def audit(url: str, *args: str) -> Result:
    result = CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return result


def subjects(result: Result) -> set[str]:
    return {r["nip"] for r in csv.DictReader(io.StringIO(result.output))}


def test_the_audited_promotions_of_a_province_cover_its_regencies_and_cities(world: World, store_url: str) -> None:
    assert subjects(audit(store_url, "promotions", "--region", "12", "--format", "csv")) == {BUDI}
    assert subjects(audit(store_url, "promotions", "--region", "12.06", "--format", "csv")) == set()


def test_a_statistic_of_a_province_covers_its_regencies_and_cities(world: World, store_url: str) -> None:
    found = json.loads(audit(store_url, "fairness", "--by", "sex", "--region", "12", "--format", "json").output)
    assert {"12", "12.06", "12.71"} <= set(found["scope"]["region"])

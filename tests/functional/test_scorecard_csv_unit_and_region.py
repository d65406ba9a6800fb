"""The scorecard's CSV names the unit and region its trend rows are of (docs/scorecard.md, API).

Until 2026-12-05 the CSV of a unit's scorecard (`&unit=Bappeda`) or a region's (`&region=12.71`) was headed
`indicator,scope,agency,year,...`: a file downloaded read as the agency's values, which unit or region they were of
lost with the address. The columns `unit` and `region` follow `agency`: a trend row's are the scorecard's, empty for
the whole agency's, and a comparison row's are empty (each agency's whole staff). `careerlog report scorecard
--format csv` has the same columns. SQLite world: the store matters not."""

from __future__ import annotations

import csv
import io

from tests.functional.conftest import World
from tests.functional.test_scorecard_api import MEDAN_2020, trained

__all__ = ["trained"]  # Budi (KOTA-MEDAN, BKPSDM, 12.71) completes 24 JP in 2020, Sari (KOTA-MEDAN, Bappeda) none

# (as written)
HEADER = "indicator,scope,agency,unit,region,year,group,numerator,denominator,value,rows,suppressed,untested"


def rows_of(world: World, query: str) -> list[dict[str, str]]:
    response = world.get(MEDAN_2020 + query + "&format=csv", "inspector")
    assert response.status_code == 200, response.get_data(as_text=True)
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == HEADER
    return list(csv.DictReader(io.StringIO(text)))


def test_a_units_csv_names_the_unit_on_its_trend_rows(trained: World) -> None:
    rows = rows_of(trained, "&unit=Bappeda")
    trend = [r for r in rows if r["scope"] == "trend"]
    assert trend
    assert {(r["agency"], r["unit"], r["region"]) for r in trend} == {("KOTA-MEDAN", "Bappeda", "")}
    [jp] = [r for r in trend if (r["indicator"], r["year"], r["group"]) == ("training.jp_share", "2020", "")]
    assert (jp["numerator"], jp["denominator"]) == ("0.0", "1.0")  # Sari alone: the unit's value, named so
    comparison = [r for r in rows if r["scope"] == "comparison"]
    assert comparison
    assert {(r["unit"], r["region"]) for r in comparison} == {("", "")}


def test_a_regions_csv_names_the_region_on_its_trend_rows(trained: World) -> None:
    rows = rows_of(trained, "&region=12.71")
    trend = [r for r in rows if r["scope"] == "trend"]
    assert trend
    assert {(r["unit"], r["region"]) for r in trend} == {("", "12.71")}
    assert {(r["unit"], r["region"]) for r in rows if r["scope"] == "comparison"} == {("", "")}


def test_the_agencys_csv_leaves_both_empty(trained: World) -> None:
    rows = rows_of(trained, "")
    assert rows
    assert {(r["unit"], r["region"]) for r in rows} == {("", "")}

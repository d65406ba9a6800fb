"""A scorecard's impact ratio of a group compared with no one says so, as /audits/fairness does.

The scorecard's `merit.impact_ratio_by_sex` of an agency whose promotion pool held women alone (or the men withheld
under min_cell) read value 1.0, `reference: true`, `adverse_impact: false`: compared with no one, where
/audits/fairness says `untested: "fewer_than_two_groups"`. Now the value is null, `reference` and `adverse_impact`
null, and `details.untested` names the reason; the CSV's value is empty and the page says the reason under the
table. Two groups compared are read as before (`untested` null)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from careerlog.sqlstore import SqlStore
from projections.merit.cli import csv_text
from projections.merit.fairness import FEWER_THAN_TWO_GROUPS
from projections.scorecard import ScorecardQueries
from projections.scorecard.cli import COLUMNS, flat_rows
from projections.scorecard.merit import BELOW_MIN_CELL
from tests import factories as f
from tests.unit.test_scorecard_indicators import views_of
from web.api.scorecard import ScorecardRowsSchema

pytestmark = pytest.mark.xdist_group("test_scorecard_impact_ratio_untested")

TODAY = date(2026, 6, 30)


def women(promoted: int, pool: int, sex: str = "F") -> list[Any]:
    """`pool` PNS of KOTA-MEDAN of the sex, each III/a eligible in the rounds of 2023 (rated BAIK in 2021 and
    2022), `promoted` of them promoted on 2023-04-01."""
    found = []
    for i in range(pool):
        built = f.CareerBuilder(date(1985, 1, 1 + i), date(2015, 3, 1), sex).confirmed()
        for year in (2021, 2022):
            built = built.add("performance_rating", f.rating(year, "BAIK"))
        if i < promoted:
            built = built.add("rank_promotion", f.promotion("III/b", "2023-04-01"))
        found.append(built.record())
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    views = views_of(women(3, 8), tmp_path_factory.mktemp("untested") / "views.db")
    yield views
    views.close()


def test_a_lone_group_has_no_impact_ratio_and_says_why(store: SqlStore) -> None:
    card = ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2023, years=1)
    [item] = card["indicators"]["merit.impact_ratio_by_sex"]["trend"]
    assert item["group"] == {"sex": "F"}
    assert (item["numerator"], item["denominator"]) == (3, 13)  # (a person once per round: April, October)
    assert item["value"] is None  # (was 1.0)
    assert item["details"]["untested"] == FEWER_THAN_TWO_GROUPS
    assert item["details"]["reference"] is None  # (was true)
    assert item["details"]["adverse_impact"] is None  # (was false)
    assert "reference_group" not in item["details"]  # (was itself)
    assert not [x for x in card["findings"] if x["indicator"] == "merit.impact_ratio_by_sex"]
    rows = [r for r in flat_rows(card) if r["indicator"] == "merit.impact_ratio_by_sex" and r["scope"] == "trend"]
    assert [r["value"] for r in rows] == [None]  # (the CSV's value empty, not 1.0)
    assert [r["untested"] for r in rows] == [FEWER_THAN_TWO_GROUPS]  # (the CSV's last column says why)
    # as the API's CSV (ScorecardRowSchema) and `careerlog report scorecard --format csv` (COLUMNS) write the row
    assert ScorecardRowsSchema().dump({"items": rows})["items"][0]["untested"] == FEWER_THAN_TWO_GROUPS
    header, line = csv_text(rows, COLUMNS).splitlines()[:2]
    assert (header.split(",")[-2:], line.split(",")[-1]) == (["suppressed", "untested"], FEWER_THAN_TWO_GROUPS)


def ratios_by_sex(records: list[Any], tmp_path: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 2023 scorecard of KOTA-MEDAN over the records: its impact ratios by sex, by group, and the scorecard."""
    views = views_of(records, tmp_path / "views.db")
    try:
        card = ScorecardQueries(views, today=TODAY).scorecard("KOTA-MEDAN", 2023, years=1)
    finally:
        views.close()
    return {i["group"]["sex"]: i for i in card["indicators"]["merit.impact_ratio_by_sex"]["trend"]}, card


def test_two_groups_compared_are_read_as_before(tmp_path: Any) -> None:
    ratios, card = ratios_by_sex(women(3, 8) + women(4, 8, "M"), tmp_path)
    assert (ratios["M"]["value"], ratios["F"]["value"]) == (1.0, 0.6923)
    assert ratios["M"]["details"]["reference"] is True
    assert ratios["F"]["details"]["untested"] is None
    rows = [r for r in flat_rows(card) if r["indicator"] == "merit.impact_ratio_by_sex" and r["scope"] == "trend"]
    assert sorted((r["value"], r["untested"]) for r in rows) == [(0.6923, None), (1.0, None)]  # (the CSV's cell empty)


def test_a_group_under_min_cell_says_why_its_selection_rate_is_null(tmp_path: Any) -> None:
    """Men 2 of 2 (a pool of 2, under min_cell 5) beside women 3 of 8: the men's counts are shown and their
    rate is null, as /audits/fairness withholds it; `selection_rate_withheld` says why (it read null with no reason,
    beside the indicator's `suppressed: false`). The women's rate is given, with no reason."""
    ratios, _card = ratios_by_sex(women(3, 8) + women(2, 2, "M"), tmp_path)
    men, women_ = ratios["M"], ratios["F"]
    assert (men["numerator"], men["denominator"]) == (2, 2)
    assert men["details"]["selection_rate"] is None
    assert men["details"]["selection_rate_withheld"] == BELOW_MIN_CELL
    assert women_["details"]["selection_rate"] is not None
    assert women_["details"]["selection_rate_withheld"] is None
    # nothing withheld from this reader: no `details.suppressed` true beside the indicator's false (until 2026-12-06)
    assert "suppressed" not in men["details"]

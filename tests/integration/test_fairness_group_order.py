"""The fairness and time-to-promotion groups of an ordinal grouping (age band, education) are listed in their own
order, youngest band and lowest level first, as an inspector reads an age or education table, where the selection
rates listed them by the size of their pool (26-30 before 0-25, S-1 before SLTA). A small cell stays in its place.
The reference group is chosen as before (the highest rate; the largest group for the Cox model); a grouping of no
order (sex, agency) is listed as before, the largest pool first. Both stores."""

from __future__ import annotations

import pytest

from careerlog.reference import reference
from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries
from projections.queries import AGE_BANDS, age_band_label
from tests.integration.test_fairness_demo import TODAY, store  # noqa: F401  (the demo, recorded once here)

pytestmark = pytest.mark.xdist_group("test_fairness_group_order")

BANDS = {label: place for place, label in enumerate([*(age_band_label(lo, hi) for lo, hi in AGE_BANDS), "unknown"])}
LEVELS = {level.code: int(level["order"]) for level in reference().education} | {"unknown": 99}  # S-1 as D-IV


def placed(groups: list[dict], order: dict[str, int]) -> list[int]:
    return [order[g["group"]] for g in groups]


@pytest.mark.parametrize(("by", "order"), [("age_band", BANDS), ("education", LEVELS)])
@pytest.mark.parametrize("min_cell", [1, 5, 40])
def test_the_selection_rates_of_an_ordinal_grouping_are_listed_in_its_order(
    store: SqlStore,  # noqa: F811
    by: str,
    order: dict[str, int],
    min_cell: int,
) -> None:
    result = FairnessQueries(store, today=TODAY).fairness(by, min_cell=min_cell)
    groups = result["groups"]
    assert len(groups) >= 3
    assert placed(groups, order) == sorted(placed(groups, order))
    shown = [g for g in groups if not g["suppressed"]]
    if shown:  # the reference: the highest rate shown, as before
        best = max(g["promoted"] / g["eligible"] for g in shown)
        reference_group = next(g for g in groups if g["reference"])
        assert reference_group["group"] == result["reference"]
        assert reference_group["promoted"] / reference_group["eligible"] == best


def test_an_intersection_with_an_ordinal_dimension_is_listed_by_each_in_turn(store: SqlStore) -> None:  # noqa: F811
    groups = FairnessQueries(store, today=TODAY).fairness("sex,age_band", min_cell=1)["groups"]
    keys = [(g["group"].split(" / ")[0], BANDS[g["group"].split(" / ")[1]]) for g in groups]
    assert keys == sorted(keys)
    assert len({sex for sex, _ in keys}) == 2


def test_a_grouping_of_no_order_is_still_listed_by_its_pool(store: SqlStore) -> None:  # noqa: F811
    groups = FairnessQueries(store, today=TODAY).fairness("agency", min_cell=1)["groups"]
    assert [g["eligible"] for g in groups] == sorted((g["eligible"] for g in groups), reverse=True)


@pytest.mark.parametrize(("by", "order"), [("age_band", BANDS), ("education", LEVELS)])
def test_the_time_to_promotion_of_an_ordinal_grouping_is_listed_in_its_order(
    store: SqlStore,  # noqa: F811
    by: str,
    order: dict[str, int],
) -> None:
    result = FairnessQueries(store, today=TODAY).time_to_promotion(by, min_cell=5)
    groups = result["groups"]
    assert len(groups) >= 3
    assert placed(groups, order) == sorted(placed(groups, order))
    if result["cox"]:  # the Cox model's reference: the largest group shown, as before
        shown = [g for g in groups if not g["suppressed"]]
        assert (
            result["cox"]["reference_group"]
            == max(sorted(shown, key=lambda g: g["group"]), key=lambda g: g["n"])["group"]
        )

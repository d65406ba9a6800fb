"""The scorecard's yearly-JP indicators are about PNS: the 20 JP a year is "every PNS"'s (PP 11/2017 art. 203(4)),
not a PPPK's (PP 49/2018 art. 39: at most 24 JP a year of the contract). A PPPK in post with little training was
counted among the staff short of 20 JP (training.jp_share's denominator) and among the least trained before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from careerlog.sqlstore import SqlStore
from projections.scorecard import ScorecardQueries
from tests import factories as f
from tests.unit.test_scorecard_indicators import TODAY, careers, values, views_of


def pppk_with_4_jp_in_2022() -> f.CareerBuilder:
    """A PPPK of KOTA-MEDAN since 2019, no training in 2020 or 2021, 4 JP in 2022."""
    builder = f.pppk_builder(date(2019, 3, 1))
    return builder.add("training", f.training("2022-07-01", 4))


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    store: SqlStore = views_of(
        [*careers(), pppk_with_4_jp_in_2022().record()], tmp_path_factory.mktemp("pppk") / "v.db"
    )
    yield ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=1)
    store.close()


def test_a_pppk_is_not_among_the_staff_judged_by_the_yearly_jp(card: dict[str, Any]) -> None:
    assert values(card, "training.jp_share") == [({}, 1, 5, 0.2)]  # the five PNS, as without the PPPK
    assert values(card, "training.hours_per_employee") == [({}, 36, 5, 7.2)]


def test_a_pppk_is_not_among_the_least_trained_before(card: dict[str, Any]) -> None:
    assert values(card, "training.least_trained_reached") == [({}, 3, 5, 0.6)]

"""The scorecard's training outcomes compare the PNS of training.jp_share: the 20 JP is a PNS's, not a PPPK's
(PP 49/2018 art. 39) nor a CPNS's (Latsar), and a PPPK is never promoted in rank. A trained PPPK was counted among
the trained staff (outcomes.promotion_trained's and post_appointment_trained's denominator) and a CPNS of a trained
PNS's rank among the comparable untrained: KOTA-MEDAN's 2025 demo scorecard had 94 PNS meeting the 20 JP but 114
trained staff."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from projections.scorecard import ScorecardQueries
from tests import factories as f
from tests.unit.test_scorecard_indicators import TODAY, careers, values, views_at


@pytest.fixture
def card(database_url: str) -> Any:
    # a PPPK (grade IX) with 24 JP in 2022
    pppk = f.pppk_builder(date(2019, 3, 1)).add("training", f.training("2022-07-04", 24, "2022-07-01"))
    cpns = f.CareerBuilder(date(1995, 6, 6), date(2022, 3, 1), "M")  # III/a, never confirmed: a CPNS, no training
    store = views_at([*careers(), pppk.record(), cpns.record()], database_url)
    yield ScorecardQueries(store, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=1)
    store.close()


def test_the_training_outcomes_compare_the_pns_of_the_jp_share(card: dict[str, Any]) -> None:
    assert values(card, "training.jp_share") == [({}, 1, 5, 0.2)]
    assert values(card, "outcomes.promotion_trained") == [({}, 1, 1, 1.0)]  # ani alone, not the PPPK
    assert values(card, "outcomes.promotion_untrained") == [({}, 0, 4, 0.0)]  # bayu, citra, dedi, eka: not the CPNS
    assert values(card, "outcomes.post_appointment_trained") == [({}, 0, 1, 0.0)]
    assert values(card, "outcomes.post_appointment_untrained") == [({}, 0, 4, 0.0)]

"""Facts recorded before today's checks refused them still rebuild every view, on both stores.

Until 2026-12-01 (f78af5a) a unit could be rated for the year -10^12 and a training could cost
1e400 rupiah. Those events stay in a store's log forever: the views must still be built from it.
Before this, on PostgreSQL every rebuild failed on the unit rating (its year does not fit the
views' INTEGER column), and the programmes report answered `Infinity` (not JSON) for the cost.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careerlog.application import CareerLog
from careerlog.domain import employee, unit
from projections.framework import Projector
from projections.training import TrainingQueries
from tests import factories as f
from tests.integration.test_projections import BUDI, clock, dump, ledger, projector

__all__ = ["clock", "ledger", "projector"]  # the fixtures of test_projections, used here too


def record_as_before_the_checks(ledger: CareerLog, clock: f.Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A career with a training of 1e400 rupiah and a unit rated for -10^12, as the code before f78af5a took them."""
    with monkeypatch.context() as old_code:
        old_code.setattr(employee, "MAX_COST", Decimal("Infinity"))
        old_code.setattr(unit, "EARLIEST_RATED_YEAR", -(10**15))
        clock.set("2010-03-20T02:00:00+00:00")
        ledger.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        clock.set("2016-01-10T02:00:00+00:00")
        old = f.training("2016-01-08", programme_id="PRG-1", cost="1e400")
        ledger.record(BUDI, "training", old, actor="hr", confirmed=("training.cost",))  # (asked since 2026-12-06)
        ledger.record(BUDI, "training", f.training("2016-01-09", programme_id="PRG-1", cost=2_500_000), actor="hr")
        for year in (-(10**12), 2015):
            rating = f.rating(year, effective_date="2016-01-10")
            ledger.rate_unit("KOTA-MEDAN", "BKPSDM", rating, actor="hr")


def test_a_rebuild_takes_a_unit_year_and_a_training_cost_no_view_column_can_hold(
    ledger: CareerLog, clock: f.Clock, projector: Projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_as_before_the_checks(ledger, clock, monkeypatch)
    projector.rebuild()
    views = dump(projector.views.sql)
    assert [r["year"] for r in views["unit_ratings"]] == [2015]  # no year any question can ask for
    assert sorted((r["cost"] is None, r["cost"]) for r in views["training"]) == [(False, 2_500_000.0), (True, None)]
    [programme] = TrainingQueries(projector.views.sql).programmes()
    assert programme["total_cost"] == 2_500_000.0  # not Infinity, which is not JSON

"""`careerlog projections run` says how many events it applied: the events of the batches it committed, not of a
batch another worker on the same views committed first (its own rolled back, StaleBatch). Until 2026-12-06 it counted
every batch it read: two workers each claimed the whole log (on SQLite 15,895 and 17,895 of a 17,895-event log)."""

from __future__ import annotations

from datetime import date

from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=81)


def test_a_batch_another_worker_committed_first_is_read_but_not_counted_as_applied(settings: Settings) -> None:
    first = Projector(settings, all_projections())
    second = Projector(settings, all_projections(), app=first.app)
    try:
        first.app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        first.app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
        looked = second.positions([p.name for p in second.projections])  # the second's step looks first
        second.positions = lambda names: {n: looked[n] for n in names if n in looked}  # type: ignore[method-assign]
        assert first.catch_up() == 2
        assert first.applied == 2
        assert second.step() == 2  # read, and rolled back: the first committed the batch
        assert second.applied == 0
    finally:
        second.close()
        first.close()

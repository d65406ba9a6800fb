"""`careerlog projections rebuild` while a projection worker keeps the same views (docs/operations.md: "stop that
view's workers first, or let them run"). The worker used to find the rebuilt views' positions forgotten and apply the
log from 0 into the new tables beside the rebuild, whose own rows then collided: the rebuild stopped with a traceback
(StaleBatch from a duplicate key of `decisions`, seen on PostgreSQL by ops) and left the view marked rebuilding. Now a
worker leaves a view alone while it is being rebuilt (checked again inside each batch's transaction), and takes it up
from the position the rebuild records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f
from tests.processes import view_tables

PEOPLE = [f.nip(date(1980 + i, 3, 3), date(2006, 3, 1), "M", sequence=870 + i) for i in range(4)]


def test_a_worker_running_beside_a_rebuild_leaves_its_views_alone(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(database_url=database_url)
    ledger = CareerLog.from_settings(settings)
    worker = Projector(settings, all_projections(), app=ledger, batch_size=2)
    rebuilder = Projector(settings, all_projections(), app=ledger)
    try:
        for nip in PEOPLE[:3]:
            born = date(int(nip[:4]), 3, 3)
            ledger.record(nip, "appointment", f.appointment(born, date(2006, 3, 1), "M"), actor="hr")
        worker.catch_up()
        ledger.record(PEOPLE[3], "appointment", f.appointment(date(1983, 3, 3), date(2006, 3, 1), "M"), actor="hr")
        stepped: list[int] = []
        rebuild_range = rebuilder.rebuild_range

        def beside_the_worker(*args: Any, **kwargs: Any) -> int:
            stepped.append(worker.catch_up())  # the worker wakes while the rebuild is under way
            return rebuild_range(*args, **kwargs)

        monkeypatch.setattr(rebuilder, "rebuild_range", beside_the_worker)
        rebuilder.rebuild()
        assert stepped == [0]
        assert {s.state for s in rebuilder.status()} == {"ready"}
        rebuilt = view_tables(settings)

        worker.catch_up()  # after the rebuild the worker goes on from its positions
        assert view_tables(settings) == rebuilt
        ledger.record(PEOPLE[0], "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
        assert worker.catch_up() == 1
        assert {s.lag for s in worker.status()} == {0}
    finally:
        rebuilder.close()
        worker.close()
        ledger.close()

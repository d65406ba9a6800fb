"""A step of the views (Projector.step: the web process's follower's, five times a second when idle, and each
`careerlog projections run` batch's) reads every view's position in one statement: until 2026-12-08 one read per view,
seven, each step. Both stores."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.sqlstore import Sql
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=83)
POSITION = "MAX(notification_id)"


def statements_of_step(projector: Projector, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    sent: list[str] = []
    query = Sql.query
    here = threading.get_ident()

    def noted(self: Sql, statement: str, params: Any = ()) -> Any:
        if threading.get_ident() == here:  # (the step's own: not another thread's of the pool or the store)
            sent.append(statement)
        return query(self, statement, params)

    monkeypatch.setattr(Sql, "query", noted)
    read = projector.step()
    monkeypatch.undo()
    return read, sent


def test_a_step_reads_every_views_position_in_one_statement(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    projector = Projector(settings, all_projections())
    try:
        projector.catch_up()
        idle, sent = statements_of_step(projector, monkeypatch)
        assert idle == 0
        assert sum(POSITION in s for s in sent) == 1
        projector.app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        read, sent = statements_of_step(projector, monkeypatch)
        assert read == 1
        assert sum(POSITION in s for s in sent) == 1
        assert projector.positions([p.name for p in projector.projections]) == {
            p.name: projector.position(p) for p in projector.projections
        }
        assert len({projector.position(p) for p in projector.projections}) == 1  # every view at the event
    finally:
        projector.close()

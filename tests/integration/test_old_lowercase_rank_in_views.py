"""An appointment recorded before 2026-12-05 kept its starting rank as typed ("iii/a"; a correction of it then, "ii/c",
likewise); since then the rank is recorded as its code. The views read such a rank as its code: the roster, the
headcount by rank (one group III/a, not "iii/a" beside it), the spells the fairness pools read, the training and
mentoring rows' rank held, the audited appointment's rank_after. Before, each kept the spelling stored, a group of
its own (found in review, 2026-12-05); the views' versions changed (roster 8, training 3, mentoring 2, merit 41), so
a store refills them on start. The history keeps the text stored. On both stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

import careerlog.domain.payload as payload
from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import Projector
from projections.queries import Queries
from projections.registry import all_projections
from tests import factories as f

pytestmark = pytest.mark.made_store

OLD, NEW, CORRECTED = f.nip(sequence=751), f.nip(sequence=752), f.nip(sequence=753)


@pytest.fixture
def projector(settings: Settings, app: CareerLog) -> Iterator[Projector]:
    worker = Projector(settings, all_projections(), app=app)
    yield worker
    worker.close()


def recorded_as_before(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    """OLD appointed at "iii/a" and CORRECTED's rank corrected to "ii/c", as a release before 2026-12-05 recorded
    them (the spelling typed); NEW appointed at III/a since."""
    with monkeypatch.context() as before:
        before.setattr(payload, "_rank_as_its_code", lambda event_cls, values: values)
        app.record(OLD, "appointment", f.appointment(rank="iii/a"), actor="hr")
        app.record(CORRECTED, "appointment", f.appointment(), actor="hr")
        app.record(CORRECTED, "correction", f.correction(1, "2010-04-01", rank="ii/c"), actor="hr")
    app.record(NEW, "appointment", f.appointment(rank="III/a"), actor="hr")
    app.record(NEW, "training", f.training("2011-05-10"), actor="hr")
    app.record(OLD, "training", f.training("2011-05-10"), actor="hr")
    assert app.get_history(OLD)[0]["rank"] == "iii/a"  # (the history: as stored)
    assert app.get_history(CORRECTED)[1]["corrected_fields"] == {"rank": "ii/c"}


def test_the_views_read_an_old_lowercase_rank_as_its_code(
    app: CareerLog, projector: Projector, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded_as_before(app, monkeypatch)
    projector.catch_up()
    sql = projector.views.sql
    queries = Queries(sql, today=date(2026, 1, 1))
    assert [(r["rank"], r["count"]) for r in queries.headcount(["rank"])] == [("II/c", 1), ("III/a", 2)]
    assert queries.employee(OLD)["rank"] == "III/a"
    assert queries.employee(CORRECTED)["rank"] == "II/c"
    assert queries.roster({"rank": "III/a"}).total == 2
    assert {r["rank"] for r in sql.query("SELECT DISTINCT rank FROM spells", [])} == {"II/c", "III/a"}
    assert {r["rank"] for r in sql.query("SELECT DISTINCT rank FROM training", [])} == {"III/a"}
    appointed = sql.query("SELECT subject, rank_after FROM decisions WHERE decision = 'appointment'", [])
    assert {(r["subject"], r["rank_after"]) for r in appointed} == {(OLD, "III/a"), (NEW, "III/a"), (CORRECTED, "II/c")}

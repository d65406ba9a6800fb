"""The training view counts a probable duplicate training's JP once (rule training.counted_once: a training that is
one recorded before it as rule training.duplicate reads two trainings, not confirmed as attended twice), on each store:
its row is kept (its programme, cost and feedback count) with 0 JP in `counted_hours`, and the yearly JP, the
compliance report, the scorecard's JP and the mentoring comparison's JP, all summed from that column, count its JP
once; a training confirmed as attended again counts twice, as confirmed. Until 2026-12-06 a training migrated twice
made 12 JP read 24, meeting the 20 JP; then (view version 4) its row was left out, its programme and cost with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from careerlog.application import CareerLog, Migration
from careerlog.config import Settings
from projections.framework import Projector
from projections.mentoring import YEARLY_JP, yearly_values
from projections.merit.fairness import FairnessQueries
from projections.registry import all_projections
from projections.scorecard.competency import yearly_hours
from projections.training import TrainingQueries
from tests import factories as f

TODAY = date(2026, 6, 30)
ONCE = f.nip(date(1990, 1, 1), date(2015, 3, 1), "F", sequence=61)
AGAIN = f.nip(date(1989, 2, 2), date(2014, 3, 1), "M", sequence=62)
MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}


@pytest.fixture
def views(settings: Settings) -> Iterator[TrainingQueries]:
    clock = f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))
    with CareerLog.from_settings(settings, clock=clock) as app:
        for nip, (birth, tmt, sex) in {
            ONCE: (date(1990, 1, 1), date(2015, 3, 1), "F"),
            AGAIN: (date(1989, 2, 2), date(2014, 3, 1), "M"),
        }.items():
            app.record(nip, "appointment", f.appointment(birth, tmt, sex, **MEDAN), actor="hr")
            confirmation = f.confirmation(f.a_year_after(tmt))
            app.record(nip, "confirmation", confirmation, actor="hr", migration=f.as_stored(app))
            training = f.training("2024-03-06", hours=12, start="2024-03-05")
            migration = Migration(app.clock(), "legacy")  # (a migration is never asked training.duplicate)
            app.record(nip, "training", training, actor="legacy", migration=migration)
            again = {**training, "reference": f"{training['reference']}-2"}
            if nip == ONCE:  # (the later record names its programme: kept, with its cost)
                again["programme_id"] = "PRG-LATER"
            if nip == AGAIN:  # attended twice, as confirmed
                app.record(nip, "training", again, actor="hr", confirmed=("training.duplicate",))
            else:
                app.record(nip, "training", again, actor="legacy", migration=migration)
        worker = Projector(settings, all_projections(), app=app, batch_size=3)
        try:
            worker.catch_up()
            yield TrainingQueries(worker.views.sql, today=TODAY)
        finally:
            worker.close()


def test_a_duplicate_keeps_its_row_and_its_jp_count_once_in_the_year(views: TrainingQueries) -> None:
    rows = views.store.query(
        "SELECT subject, hours, counted_hours, programme_id FROM training ORDER BY subject, version"
    )
    found = sorted((r["subject"], r["hours"], r["counted_hours"], r["programme_id"]) for r in rows)
    assert found == sorted(
        [(ONCE, 12, 12, None), (ONCE, 12, 0, "PRG-LATER"), (AGAIN, 12, 12, None), (AGAIN, 12, 12, None)]
    )
    years = {y["year"]: (y["hours"], y["met"]) for y in views.jp_by_year(ONCE)["years"]}
    assert years[2024] == (12, False)  # (was 24, met)
    assert {y["year"]: y["hours"] for y in views.jp_by_year(AGAIN)["years"]}[2024] == 24


def test_the_compliance_report_counts_a_duplicates_jp_once(views: TrainingQueries) -> None:
    [row] = views.compliance(2024, filters={"agency": "KOTA-MEDAN"})
    assert (row["staff"], row["met"], row["hours"]) == (2, 1, 36)  # (12 once and 24 confirmed; was 2 met of 48 JP)


def test_every_yearly_jp_read_of_the_view_counts_a_duplicates_jp_once(views: TrainingQueries) -> None:
    """The scorecard's JP, the mentoring comparison's and the fairness comparison's training JP read the view's
    `counted_hours`: with the duplicate's row kept (version 5), its `hours` would count it twice."""
    scorecard = SimpleNamespace(store=views.store, kept=lambda _key, read: read())
    assert {nip: yearly_hours(scorecard, 2024)[nip] for nip in (ONCE, AGAIN)} == {ONCE: 12, AGAIN: 24}
    with views.store.transaction(commit=False) as sql:
        assert yearly_values(sql, YEARLY_JP, [ONCE, AGAIN]) == {(ONCE, 2024): 12, (AGAIN, 2024): 24}
    courses = FairnessQueries(views.store, today=TODAY)._training()
    by_subject = courses.assign(subject=courses["subject"].astype(str)).groupby("subject")["hours"].sum()
    assert {nip: int(by_subject[nip]) for nip in (ONCE, AGAIN)} == {ONCE: 12, AGAIN: 24}

"""The training view holds a probable duplicate training once (rule training.counted_once: the same last day, title,
organiser and JP as a training recorded before it, not confirmed as attended again), on each store: the yearly JP, the
compliance report, the scorecard's JP and the mentoring comparison's JP, all summed from its rows, count its JP once;
a training confirmed as attended again counts twice, as confirmed. Until 2026-12-06 a training migrated twice made
12 JP read 24, meeting the 20 JP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from careerlog.application import CareerLog, Migration
from careerlog.config import Settings
from projections.framework import Projector
from projections.registry import all_projections
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


def test_a_duplicate_holds_one_row_and_its_jp_count_once_in_the_year(views: TrainingQueries) -> None:
    rows = views.store.query("SELECT subject, hours FROM training ORDER BY subject, version")
    assert sorted((r["subject"], r["hours"]) for r in rows) == sorted([(ONCE, 12), (AGAIN, 12), (AGAIN, 12)])
    years = {y["year"]: (y["hours"], y["met"]) for y in views.jp_by_year(ONCE)["years"]}
    assert years[2024] == (12, False)  # (was 24, met)
    assert {y["year"]: y["hours"] for y in views.jp_by_year(AGAIN)["years"]}[2024] == 24


def test_the_compliance_report_counts_a_duplicates_jp_once(views: TrainingQueries) -> None:
    [row] = views.compliance(2024, filters={"agency": "KOTA-MEDAN"})
    assert (row["staff"], row["met"], row["hours"]) == (2, 1, 36)  # (12 once and 24 confirmed; was 2 met of 48 JP)

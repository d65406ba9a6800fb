"""The merit view's promotion rounds are, round date by round date, what `eligible_101` and the
record's regular promotions say: every permitted date after the appointment up to the separation
or the record's horizon on which the employee was eligible or promoted (a demo's records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.reference import rules
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.merit.audit import REGULAR, eligible_101, horizon, promotion_rounds, round_row
from projections.merit.rules import PromotionJudge, round_dates

TABLE = "stored_events"


def rounds_by_definition(record: CareerRecord) -> list[dict[str, Any]]:
    start = record.appointed_on
    if start is None:
        return []
    promoted = {f.effective_date: f for f in record.promotions() if str(f.get("promotion_kind")) == REGULAR}
    judge = PromotionJudge(record, rules())
    rows = []
    for day in round_dates(start, record.separated_on or horizon(record)):
        held = record.rank_before(day)
        eligible = eligible_101(judge, day)
        if held is not None and (eligible or day in promoted):
            rows.append(round_row(record, day, held, eligible, promoted.get(day)))
    return rows


def test_the_promotion_rounds_are_each_round_dates_eligibility_and_regular_promotion(tmp_path: Any) -> None:
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/rounds.db"))
    try:
        load_demo(app, employees=80, seed=11, today=date(2026, 11, 23))
        with SqlStore(app.recorder.datastore).statements() as sql:
            subjects = [r["originator_id"] for r in sql.query(f"SELECT DISTINCT originator_id FROM {TABLE}")]
        events = app.events_of(sorted(subjects))
    finally:
        app.close()
    records = [CareerRecord.from_events(s, found) for s, found in events.items() if not s.startswith("UNIT:")]
    found = [promotion_rounds(record) for record in records]
    assert found == [rounds_by_definition(record) for record in records]
    rows = [row for rows in found for row in rows]
    assert any(r["eligible"] and not r["promoted"] for r in rows)
    assert any(r["promoted"] and not r["eligible"] for r in rows)
    assert any(record.separated_on for record in records)
    assert any(record.employment_kind != "PNS" for record in records)

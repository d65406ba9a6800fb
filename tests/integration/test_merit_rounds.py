"""The merit view's promotion rounds are, round date by round date, what `eligible_101` and the
record's regular promotions say: every permitted date after the appointment up to the separation
or the record's horizon and rule merit.rounds_reach's years past it (`rounds_end`, merit view 40)
on which the employee was eligible or promoted (a demo's records). A 101 whose TMT is off a
round date is promoted in the last round before it (merit view 34: until then it was in no round, and the demo's
197304242004032001, promoted on 2008-03-01, had no round row at all)."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.reference import rules
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.merit.audit import REGULAR, eligible_101, promotion_rounds, round_row, rounds_end
from projections.merit.rules import PromotionJudge, counted_round, round_dates

TABLE = "stored_events"


def rounds_by_definition(record: CareerRecord) -> list[dict[str, Any]]:
    start = record.appointed_on
    if start is None:
        return []
    book = rules()
    promoted: dict[date, Any] = {}
    for f in record.promotions():  # (in TMT order: one on the round date comes before one after it)
        if str(f.get("promotion_kind")) == REGULAR:
            promoted.setdefault(counted_round(book, f.effective_date, REGULAR), f)
    judge = PromotionJudge(record, book)
    rows = []
    for day in round_dates(start, rounds_end(record, book)):
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
    assert any(r["promoted"] and r["tmt"] > r["round_date"] for r in rows)  # a TMT off a round date
    assert any(record.separated_on for record in records)

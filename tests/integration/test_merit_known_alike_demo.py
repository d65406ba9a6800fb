"""Every promotion and definitive post appointment of a demo's records is audited as on the record as known before
it, most of them with the final record's judge (projections/merit/known_alike.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.reference import rules
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.merit.audit import post_tuples, promotion_tuples
from projections.merit.known_alike import KnownBefore
from projections.merit.posts import is_judged_post
from projections.merit.rules import PromotionJudge


def test_each_promotion_of_a_demo_is_audited_as_known_before_it_mostly_on_the_final_record(tmp_path: Any) -> None:
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/alike.db"))
    try:
        load_demo(app, employees=80, seed=5, today=date(2026, 11, 23))
        with SqlStore(app.recorder.datastore).statements() as sql:
            subjects = [r["originator_id"] for r in sql.query("SELECT DISTINCT originator_id FROM stored_events")]
        events = app.events_of(sorted(subjects))
    finally:
        app.close()
    book, judged, on_final, posts, posts_on_final = rules(), 0, 0, 0, 0
    for subject, found in events.items():
        if subject.startswith("UNIT:"):
            continue
        record = CareerRecord.from_events(subject, found)
        judge = PromotionJudge(record, book)
        judges = KnownBefore(judge)
        for fact in record.promotions():
            assert promotion_tuples(record, fact, book, judges) == promotion_tuples(record, fact, book), fact
            judged += 1
            on_final += judges.judge_of(fact) is judge
        for fact in filter(is_judged_post, record.of_kind("post_appointment")):
            assert post_tuples(record, fact, book, judges) == post_tuples(record, fact, book), fact
            posts += 1
            posts_on_final += judges.post_judge_of(fact).record is record
    assert judged > 100
    assert judged > on_final > 0.7 * judged  # and some judged as known (late facts, corrections)
    assert posts > 50
    assert posts > posts_on_final > 0.7 * posts

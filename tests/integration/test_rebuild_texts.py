"""What a rebuild takes from the stored rows instead of making it again: an entry's effective date and
recorded time as their stored ISO text when it is the text `isoformat()` gives (the timeline and
decisions rows), and the supporting facts recorded after a decision told without going through them."""

from __future__ import annotations

from datetime import date, timedelta

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from projections.career import CareerRecord
from projections.framework import Projector
from projections.merit.rules import EVIDENCE_KINDS
from projections.registry import select
from projections.stored_entries import stored_entry
from projections.timeline import TimelineProjection
from tests import factories as f
from tests.integration.test_projections import BUDI, clock, ledger

__all__ = ["clock", "ledger"]  # the fixtures of test_projections, used here too

CANONICAL = ("2021-03-04", "2021-03-04T05:06:07+00:00")


@pytest.mark.parametrize(
    ("day", "stamp"),
    [
        CANONICAL,
        ("20210304", "2021-03-04T05:06:07Z"),  # forms the parsers read that isoformat writes otherwise
        ("2021-W09-4", "2021-03-04T05:06:07.500000+00:00"),
        ("2021-03-04", "2021-03-04T12:06:07+07:00"),
        ("2021-03-04", "2021-03-04 05:06:07+00:00"),
        ("2021-03-04", "2021-03-04T05:06:07.000000+00:00"),
    ],
)
def test_the_timeline_shows_the_isoformat_of_the_stored_values_whatever_their_stored_text(
    ledger: CareerLog, day: str, stamp: str
) -> None:
    ledger.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    stored = ledger.recorder.select_events(BUDI)[0]  # type: ignore[attr-defined]
    state = orjson.loads(stored.state)
    state["effective_date"], state["timestamp"] = day, stamp
    entry = stored_entry(stored.originator_version, stored.topic, orjson.dumps(state))
    assert entry is not None
    assert entry.effective_date == date(2021, 3, 4)
    (row,) = TimelineProjection().tuples(CareerRecord(BUDI, [entry]))["timeline"]
    assert row[3:5] == (entry.effective_date.isoformat(), entry.recorded_at.isoformat())
    if (day, stamp) == CANONICAL:  # taken as stored
        assert (entry.day_text, entry.stamp_text) == CANONICAL


def test_supporting_facts_recorded_after_a_moment_are_those_of_the_facts_in_effect(settings: Settings) -> None:
    app = CareerLog.from_settings(settings)
    load_demo(app, employees=20, seed=3, today=date(2026, 11, 23))
    projector = Projector(settings, select(None), app=app)
    try:
        records = list(projector.iter_records(app.max_notification_id()))
    finally:
        projector.close()
        app.close()
    compared = late = 0
    for record in records:
        facts = record.of_kind(*EVIDENCE_KINDS)
        moments = sorted({e.recorded_at + timedelta(seconds=s) for e in record.entries for s in (-1, 0, 1)})
        for day in sorted({x.effective_date for x in facts} | {date(1900, 1, 1)}):
            for moment in moments[:: max(len(moments) // 20, 1)]:
                found = record.recorded_after(EVIDENCE_KINDS, day, moment)
                assert found == [x for x in record.of_kind(*EVIDENCE_KINDS, until=day) if x.entry.recorded_at > moment]
                compared, late = compared + 1, late + bool(found)
    assert late  # some facts recorded after the moment, and some not
    assert compared > late

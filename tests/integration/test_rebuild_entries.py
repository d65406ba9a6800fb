"""The projector reads a record's entries straight from the stored rows (no event made) when the
store neither encrypts nor compresses them, and through the decoded events otherwise: the same
entries either way, on both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from eventsourcing.cipher import AESCipher

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import load_demo
from projections.career import CareerRecord
from projections.framework import Projector
from projections.registry import select


def _records(settings: Settings, monkeypatch: pytest.MonkeyPatch, *, decoding: bool) -> tuple[Any, Any, Any]:
    """The demo's records read by the projector (rebuild and catch-up) and from its decoded events."""
    app = CareerLog.from_settings(settings)
    load_demo(app, employees=20, seed=3, today=date(2026, 11, 23))
    projector = Projector(settings, select(None), app=app)
    try:
        head = app.max_notification_id()
        subjects = sorted({str(n.originator_id) for n in app.recorder.select_notifications(start=1, limit=head)})
        decoded = {s: CareerRecord.from_events(s, evs) for s, evs in app.events_of(subjects).items()}
        if not decoding:  # a plain store's rows are read without making their events
            monkeypatch.setattr(CareerLog, "decode", lambda self, row: pytest.fail("an event was decoded"))
        rebuilt = {r.subject: r for r in projector.iter_records(head)}
        caught_up = projector.load_records(subjects, head)
        return decoded, rebuilt, caught_up
    finally:
        projector.close()
        app.close()


def _same(decoded: dict[str, CareerRecord], *read: dict[str, CareerRecord]) -> None:
    for records in read:
        assert set(records) == set(decoded)
        for subject, record in decoded.items():  # repr: the same values of the same types
            assert repr(records[subject].entries) == repr(record.entries)
            assert repr(records[subject].active) == repr(record.active)


def test_a_plain_stores_rows_are_read_into_entries_without_their_events(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded, rebuilt, caught_up = _records(Settings(database_url=database_url), monkeypatch, decoding=False)
    _same(decoded, rebuilt, caught_up)


def test_an_encrypted_stores_rows_are_read_through_their_events(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(database_url=database_url, encryption_key=AESCipher.create_key(32))
    decoded, rebuilt, caught_up = _records(settings, monkeypatch, decoding=True)
    _same(decoded, rebuilt, caught_up)

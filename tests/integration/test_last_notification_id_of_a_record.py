"""CareerLog.last_notification_id: the log position of one record's last event, on both stores (SQLite numbers the
log by rowid, PostgreSQL by notification_id), for the correction form to wait for its own record alone."""

from __future__ import annotations

from careerlog.application import CareerLog
from tests import factories as f

NIP, OTHER = f.nip(), f.nip()


def test_the_last_position_of_a_record_is_its_own_last_events(app: CareerLog) -> None:
    assert app.last_notification_id(NIP) == 0
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", f.training("2016-01-08"), actor="hr")
    own = app.max_notification_id()
    app.record(OTHER, "appointment", f.appointment(), actor="hr")
    assert app.last_notification_id(NIP) == own
    assert app.last_notification_id(OTHER) == app.max_notification_id() > own

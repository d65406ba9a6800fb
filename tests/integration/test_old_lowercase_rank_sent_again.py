"""An appointment recorded before 2026-12-05 kept its starting rank as typed ("iii/a"); since then the rank is
recorded as its code (III/a). The same appointment sent again (the record page's retry under its client key, a
workbook run again without one, a migration log imported again) is the one recorded: its rank is compared by its
code, the stored text kept. Found in review (2026-12-05): all three were refused, naming rank."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

import careerlog.domain.payload as payload
from careerlog.application import CareerLog, Migration
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store

NIP = f.nip(sequence=741)
BODY = f.appointment(rank="iii/a")


def recorded_as_before(app: CareerLog, monkeypatch: pytest.MonkeyPatch, **how: object) -> None:
    """The appointment as a release before 2026-12-05 recorded it: its rank as typed."""
    with monkeypatch.context() as before:
        before.setattr(payload, "_rank_as_its_code", lambda event_cls, values: values)
        app.record(NIP, "appointment", BODY, actor="hr", **how)  # type: ignore[arg-type]
    assert app.get_history(NIP)[0]["rank"] == "iii/a"


def test_sent_again_under_its_client_key(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded_as_before(app, monkeypatch, client_key="form-1")
    again = app.record(NIP, "appointment", BODY, actor="hr", client_key="form-1")
    assert (again.version, again.created) == (1, False)
    assert app.get_history(NIP)[0]["rank"] == "iii/a"


def test_sent_again_without_a_key(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded_as_before(app, monkeypatch)
    again = app.record(NIP, "appointment", BODY, actor="hr")
    assert (again.version, again.created) == (1, False)


def test_a_migration_imported_again(app: CareerLog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    recorded_as_before(app, monkeypatch, migration=Migration(datetime(2010, 3, 5, 2, tzinfo=UTC), "admin"))
    row = {"kind": "appointment", "nip": NIP, **BODY, "recorded_at": "2010-03-05T02:00:00+00:00"}
    (tmp_path / "old.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(app, tmp_path / "old.jsonl", actor="admin", migration=True)
    assert (report.recorded, report.already_recorded, report.rejected) == (0, 1, [])


def test_another_rank_is_still_a_conflict(app: CareerLog, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded_as_before(app, monkeypatch, client_key="form-1")
    with pytest.raises(Exception, match=r"different values \(rank\)"):
        app.record(NIP, "appointment", {**BODY, "rank": "iii/b"}, actor="hr", client_key="form-1")

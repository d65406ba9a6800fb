"""A migration import reproduces a log as it was, even a fact recorded twice (once under a client key).

Before 2026-12-01 the same fact could be recorded twice, once with a client key and once
without (the record page's key, then an import). Live recordings now take the second as
already recorded; a store holding such a pair must still export and import to the same log.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def rows() -> list[dict[str, Any]]:
    training = {"kind": "training", "nip": NIP, **f.training("2016-01-08", reference="CERT-TWICE")}
    return [
        {"kind": "appointment", "nip": NIP, **f.appointment(), "recorded_at": "2010-03-05T02:00:00+00:00"},
        {**training, "client_key": "form-1", "recorded_at": "2016-01-10T02:00:00+00:00"},
        {**training, "recorded_at": "2016-02-10T02:00:00+00:00"},
    ]


def write(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in items))
    return path


def exported(app: CareerLog) -> bytes:
    out = io.BytesIO()
    export_events(app, out)
    return out.getvalue()


def test_a_fact_recorded_twice_survives_export_and_migration(app: CareerLog, tmp_path: Path) -> None:
    report = import_file(app, write(tmp_path / "old.jsonl", rows()), actor="admin", migration=True)
    assert (report.recorded, report.already_recorded, report.rejected) == (3, 0, [])
    first = exported(app)
    (tmp_path / "export.jsonl").write_bytes(first)
    other = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/other.db"))
    try:
        again = import_file(other, tmp_path / "export.jsonl", actor="admin", migration=True)
        assert (again.recorded, again.rejected) == (3, [])
        assert exported(other) == first
    finally:
        other.close()


def test_an_ordinary_import_records_the_fact_once(app: CareerLog, tmp_path: Path) -> None:
    plain = [{k: v for k, v in row.items() if k != "recorded_at"} for row in rows()]
    report = import_file(app, write(tmp_path / "rows.jsonl", plain), actor="hr")
    assert (report.recorded, report.already_recorded, report.rejected) == (2, 1, [])


def test_a_migration_rows_unreadable_recorded_at_is_quoted_cut(app: CareerLog, tmp_path: Path) -> None:
    long, short = {**rows()[0], "recorded_at": "9" * 3000}, {**rows()[0], "recorded_at": "yesterday"}
    report = import_file(app, write(tmp_path / "old.jsonl", [long, short]), actor="admin", migration=True)
    assert report.recorded == 0
    assert [r.errors for r in report.rejected] == [
        {"recorded_at": [f"Not a valid date and time: '{'9' * 39}…'."]},
        {"recorded_at": ["Not a valid date and time: 'yesterday'."]},
    ]

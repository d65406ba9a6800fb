"""A reference a log holds as a stand-in for none ("-", "0", "tidak ada"), recorded before such a number was refused
(2026-12-05), or corrected to one: the record still loads (a later recording is taken), the views catch up and
rebuild, and a migration import keeps the log as it was; a live recording or correction is still refused. Review of
04a70ff: the refusal sat in the parsers, which read stored corrections back too, so every later write to such an
employee was a 422 and a migration refused the log's rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from careerlog.importing import import_file
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

NIP = f.nip()


def old_log() -> list[dict[str, Any]]:
    return [
        {"kind": "appointment", "nip": NIP, **f.appointment(), "recorded_at": "2010-03-05T02:00:00+00:00"},
        {"kind": "training", "nip": NIP, **f.training("2016-01-08", reference="-")},  # v2
        {"kind": "training", "nip": NIP, **f.training("2017-01-08", reference="CERT-7")},  # v3
        {"kind": "correction", "nip": NIP, **f.correction(3, "2017-02-01", reference="tidak ada")},  # v4
        {"kind": "correction", "nip": NIP, **f.correction(2, "2017-03-01", reference="0")},  # v5
    ]


def migrated(app: CareerLog, tmp_path: Path) -> None:
    rows = [{"recorded_at": "2017-03-05T02:00:00+00:00", **row} for row in old_log()]
    path = tmp_path / "old.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    report = import_file(app, path, actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (5, [])


def test_a_stand_in_reference_a_log_holds_is_kept_and_its_record_still_loads(database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        migrated(app, tmp_path)
        assert [row.get("reference") for row in app.get_history(NIP)][1:3] == ["-", "CERT-7"]
        later = f.training("2019-05-01", reference="CERT-9")  # (a later write to the employee is taken)
        assert app.record(NIP, "training", later, actor="hr").version == 6
        worker = Projector(settings, all_projections(), app=app)
        try:
            worker.catch_up()
            worker.rebuild()
            rows = worker.views.sql.query("SELECT version FROM timeline WHERE subject = ? ORDER BY version", (NIP,))
            assert [row["version"] for row in rows][-1] == 6
        finally:
            worker.close()


def test_a_stand_in_reference_is_still_refused_of_live_input(database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url)
    with CareerLog.from_settings(settings) as app:
        migrated(app, tmp_path)
        with pytest.raises(InvalidInput) as recorded:
            app.record(NIP, "training", f.training("2019-05-01", reference="n/a"), actor="hr")
        assert "'n/a' is not a reference number but a stand-in for none" in recorded.value.errors["reference"][0]
        with pytest.raises(InvalidInput) as corrected:
            app.record(NIP, "correction", f.correction(3, "2019-06-01", reference="-"), actor="hr")
        assert "stand-in for none" in corrected.value.errors["corrected_fields.reference"][0]
        assert len(app.get_history(NIP)) == 5

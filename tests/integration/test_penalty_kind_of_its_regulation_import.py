"""An import row of a penalty whose kind is not of its day's discipline regulation (rule penalty.kinds) is rejected
beside penalty_kind, as the API and the form refuse it; a migration keeps its log's penalty as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def rows(path: Path, day: str, **log: Any) -> Path:
    """One penalty row (`log`: a migration's recorded time, `recorded_at`)."""
    penalty = {
        "level": "SEVERE",
        "penalty_kind": "PENURUNAN_PANGKAT_3",
        "effective_date": day,
        "reference": f"HD-{day}",
    }
    items: list[dict[str, Any]] = [{"kind": "penalty", "nip": NIP, **penalty, **log}]
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in items))
    return path


def test_an_imported_pp_53_2010_kind_dated_2026_is_rejected_and_a_migration_keeps_it(
    app: CareerLog, tmp_path: Path
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    report = import_file(app, rows(tmp_path / "hukuman.jsonl", "2026-03-02"), actor="hr")
    assert report.recorded == 0
    [rejected] = report.rejected
    assert "is not a penalty kind of PP 94/2021" in rejected.errors["penalty_kind"][0]
    late = import_file(app, rows(tmp_path / "lama.jsonl", "2015-05-04"), actor="hr")  # an old decision, late
    assert (late.recorded, late.rejected) == (1, [])
    log = rows(tmp_path / "migrasi.jsonl", "2026-03-02", recorded_at="2026-03-05T02:00:00+00:00")
    migrated = import_file(app, log, actor="hr", migration=True)  # a log of before the check, kept as it is
    assert migrated.rejected == []
    kinds = [
        (fact.values.get("penalty_kind"), str(fact.effective_date)) for fact in app.get_employee(NIP).facts.values()
    ]
    assert ("PENURUNAN_PANGKAT_3", "2026-03-02") in kinds

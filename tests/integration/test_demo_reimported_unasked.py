"""The demo's facts, written without their recorded times (as an HR officer's file, not a migration's), import into an
empty store with no row refused and none asked to be confirmed: the demo keeps every rule the recording path enforces
on a live writer (training.daily_jp, training.duplicate, penalty.kinds, confirmation.latsar, ...). Until 2026-12-06
it held about 92 over-full training days at 2,000 employees (a Latsar or leadership training sharing days with a
course, the same short course picked twice), and a three-year demotion (PENURUNAN_PANGKAT_3) before PP 53/2010 had
one, each refused on such an import."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import write_demo
from careerlog.importing import import_file

RECORDING = ("recorded_at", "recorded_by", "migrated")  # what only a migration keeps


@pytest.mark.parametrize(("employees", "seed"), [(200, 1), (150, 3)])
def test_the_demos_facts_import_live_with_nothing_refused_nor_asked(tmp_path: Path, employees: int, seed: int) -> None:
    written = tmp_path / "demo.jsonl"
    write_demo(written, employees=employees, seed=seed, today=datetime.now(UTC).date())
    rows = [json.loads(line) for line in written.read_text().splitlines()]
    live = tmp_path / "live.jsonl"
    live.write_text("".join(json.dumps({k: v for k, v in row.items() if k not in RECORDING}) + "\n" for row in rows))
    app = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/x.db"))
    try:
        report = import_file(app, live, actor="hr", dry_run=True)
    finally:
        app.close()
    refused = [f"line {r.line}: {r.errors}" for r in report.rejected]
    assert refused == [], "\n".join(refused[:10])
    assert report.recorded == len(rows)

"""Unit rating rows naming one unit in several letter cases or spacings ("Dinas Kesehatan", "dinas kesehatan ")
are recorded in one unit's record, in one batch or after a unit recorded before, its name as first recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def rows(path: Path, *units: tuple[str, int]) -> Path:
    lines = [
        json.dumps({"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": unit, **f.rating(year)})
        for unit, year in units
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rows_naming_a_unit_in_other_cases_go_into_one_record(app: CareerLog, tmp_path: Path) -> None:
    report = import_file(
        app, rows(tmp_path / "a.jsonl", ("Dinas Kesehatan", 2022), ("dinas kesehatan ", 2023)), actor="hr"
    )
    assert (report.recorded, report.rejected) == (2, [])
    report = import_file(app, rows(tmp_path / "b.jsonl", ("DINAS  KESEHATAN", 2024)), actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    units = [s for s in app.unit_subjects() if s.startswith("UNIT:KOTA-MEDAN:") and "esehatan" in s.casefold()]
    assert units == ["UNIT:KOTA-MEDAN:Dinas Kesehatan"]
    years = [e.year for e in app.get_events(units[0], ["unit_rating"])]  # type: ignore[attr-defined]
    assert years == [2022, 2023, 2024]

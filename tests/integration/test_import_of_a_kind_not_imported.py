"""A file of unit registrations (`--kind unit_registration`, a kind the import does not take) is refused row by row
as an unknown kind, its true reason, not as a header leaving out `nip` (until 2026-12-06: "leaves out required
columns of unit_registration: nip ..."). Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_a_file_of_unit_registrations_is_refused_as_an_unknown_kind(app: CareerLog, tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("agency,unit,effective_date,reference\r\nKOTA-MEDAN,Bidang Arsip,2024-01-02,REG-1\r\n")
    report = import_file(app, path, actor="hr", kind="unit_registration")
    assert report.recorded == 0
    [problem] = report.rejected
    said = " ".join(reason for reasons in problem.errors.values() for reason in reasons)
    assert "Unknown kind 'unit_registration'" in said, said
    assert "leaves out required columns" not in said, said

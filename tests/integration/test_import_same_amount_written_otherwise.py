"""A training's cost is an amount: the same amount written with another number of decimals is the same value.
Imported from an Indonesian spreadsheet (`1.500.000,00`, recorded as 1500000.00) and again from a copy saved with the
cost as General (`1500000`), the row was refused as `Reference 'C-1' was already recorded ... with different values
(cost); record a correction instead.`, and that correction was recorded, changing nothing but marking the fact
corrected. The row is now already recorded, and such a correction is refused as changing no value."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import UNCHANGED
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()


def sheet(tmp_path: Path, name: str, separator: str, cost: str) -> Path:
    header = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]
    row = [NIP, "TEKNIS", "Arsip", "BKPSDM", "8", "2020-05-08", "2020-05-10"]
    path = tmp_path / name
    lines = [[*header, "No Sertifikat", "Biaya"], [*row, "C-1", cost]]
    path.write_text("".join(separator.join(line) + "\r\n" for line in lines), encoding="utf-8")
    return path


def test_the_same_cost_written_with_other_decimals_is_already_recorded(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = import_file(app, sheet(tmp_path, "pelatihan.csv", ";", "1.500.000,00"), actor="hr")
    assert (first.recorded, first.rejected) == (1, [])
    again = import_file(app, sheet(tmp_path, "training.csv", ",", "1500000"), actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 1, [])
    with pytest.raises(InvalidInput) as refused:
        app.record(
            NIP,
            "correction",
            {
                "target_version": 2,
                "reason": "Biaya",
                "corrected_fields": {"cost": "1500000.0"},
                "effective_date": "2024-01-02",
                "reference": "RALAT-C-1",
            },
            actor="hr",
        )
    assert refused.value.errors == {"corrected_fields.cost": [UNCHANGED.reason(value="1500000.00")]}
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [str(x.values["cost"]) for x in employee.active_facts() if x.kind == "training"] == ["1500000.00"]

"""A training workbook of 19 rows with a column "Unit Kerja" (no field of a training) is recorded, the column left
out with a note; until 2026-12-05 the report said "line 1 / rejected 1" and nothing was read. Both stores."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]


def test_a_workbooks_column_of_no_field_is_left_out_and_its_rows_recorded(app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    book.active.append([*HEADER, "Unit Kerja"])
    for i in range(19):
        book.active.append(
            # (each on a day of its own: rule training.daily_jp asks of more than 12 JP a day across trainings)
            [
                nip,
                "TEKNIS",
                f"Arsip {i}",
                "BKPSDM",
                8,
                date(2024, 3, 1 + i),
                date(2024, 3, 1 + i),
                f"UK-{i}",
                "Bagian Umum",
            ]
        )
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(saved.getvalue())
    report = import_file(app, path, actor="hr")
    assert (report.rows, report.recorded, report.rejected) == (19, 19, [])
    [reason] = report.notes[0].errors["Unit Kerja"]
    assert reason.startswith("Not a column of training: its cells were left out of every row")
    employee = app.get_employee(nip)
    assert employee is not None
    assert sum(1 for fact in employee.active_facts() if fact.kind == "training") == 19

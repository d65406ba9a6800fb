"""A date typed as text in a workbook is read day first, as a CSV separated by semicolons reads it and as Indonesia
writes dates (textfiles.read_cells' `day_first`). Until 2026-12-05 a workbook's text was read as a comma file's, so
in a filled appointment template a text cell "01/03/2025" was refused as "reads two ways" while "17/08/2025" was read
day first and "31/02/2025" refused as no day read day first: every date of a day of 12 or less was refused. A date
cell is read as before. Both stores."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from tests import factories as f
from tests.integration.test_cli import run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = [
    "NIP",
    "Jenis Diklat",
    "Nama Diklat",
    "Penyelenggara",
    "JP",
    "Tanggal Mulai",
    "Tanggal Selesai",
    "No Sertifikat",
]


def test_a_text_date_in_a_workbook_is_read_day_first(database_url: str, app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    for row in [
        HEADER,
        [nip, "Teknis", "Arsip", "BKPSDM", 8, "05/12/2020", "07/12/2020", "C-1"],
        [nip, "Teknis", "Keuangan", "BKPSDM", 8, datetime(2020, 12, 5), datetime(2020, 12, 7), "C-2"],
        [nip, "Teknis", "Kepegawaian", "BKPSDM", 8, "13/12/2020", "15 Desember 2020", "C-3"],
        [nip, "Teknis", "Hukum", "BKPSDM", 8, "31/02/2021", "01/03/2021", "C-4"],
    ]:
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(saved.getvalue())
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert "recorded 3, already recorded 0, rejected 1" in result.output
    assert "line 5: start_date: No such day in the calendar, read day first" in result.output
    assert "two ways" not in result.output
    employee = app.get_employee(nip)
    assert employee is not None
    trainings = {
        fact.values["reference"]: (str(fact.values["start_date"]), str(fact.values["effective_date"]))
        for fact in employee.active_facts()
        if fact.kind == "training"
    }
    assert trainings == {
        "C-1": ("2020-12-05", "2020-12-07"),
        "C-2": ("2020-12-05", "2020-12-07"),
        "C-3": ("2020-12-13", "2020-12-15"),
    }

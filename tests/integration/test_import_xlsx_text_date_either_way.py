"""A date typed as text in a workbook that reads either way round (05/12/2020: 5 December, or May 12) is refused
naming its field with the cures a workbook has: write it YYYY-MM-DD, or type it into a date cell
(careerlog.workbooks.EITHER_WAY_IN_A_WORKBOOK). It was refused with a CSV file's wording, telling HR to save the file
from a spreadsheet in Indonesian, separated by semicolons, which a workbook is not. The row is refused, the other
rows recorded, nothing of it recorded; a date cell and a text date of one reading are read as before. Both stores."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import EITHER_WAY
from careerlog.workbooks import EITHER_WAY_IN_A_WORKBOOK
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


def test_a_text_date_of_two_readings_in_a_workbook_is_refused_naming_a_workbooks_cures(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    for row in [
        HEADER,
        [nip, "Teknis", "Arsip", "BKPSDM", 8, "05/12/2020", "07/12/2020", "C-1"],
        [nip, "Teknis", "Keuangan", "BKPSDM", 8, datetime(2020, 12, 5), datetime(2020, 12, 7), "C-2"],
        [nip, "Teknis", "Kepegawaian", "BKPSDM", 8, "13/12/2020", "15 Desember 2020", "C-3"],
    ]:
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(saved.getvalue())
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    refusal = EITHER_WAY_IN_A_WORKBOOK.reason()
    assert f"line 2: start_date: {refusal} (typed: '05/12/2020'); effective_date: {refusal}" in result.output
    assert EITHER_WAY not in result.output
    assert "recorded 2, already recorded 0, rejected 1" in result.output
    employee = app.get_employee(nip)
    assert employee is not None
    assert [fact.values["reference"] for fact in employee.active_facts() if fact.kind == "training"] == ["C-2", "C-3"]

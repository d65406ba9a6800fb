"""A workbook whose text dates a program set to English (United States) wrote month first: since 17e5567 every text
date was read day first, so "05/06/2024" was recorded as 5 June where the column means May 6 (review). A column
one of whose text dates reads month first alone ("12/31/2024": no month 31) now has its dates reading either way
round refused, naming the column and that date (MONTH_FIRST_COLUMN); a column without one is read day first as
before (test_import_xlsx_text_date_day_first). Both stores."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from tests import factories as f
from tests.integration.test_cli import run
from tests.integration.test_import_xlsx_text_date_day_first import HEADER

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_a_text_date_reading_either_way_in_a_column_written_month_first_is_refused(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    for row in [
        HEADER,
        [nip, "Teknis", "Arsip", "BKPSDM", 8, "05/06/2024", "2024-06-07", "US-1"],
        [nip, "Teknis", "Keuangan", "BKPSDM", 8, "12/13/2024", "2024-12-14", "US-2"],
        [nip, "Teknis", "Hukum", "BKPSDM", 8, "13/05/2024", "05/14/2024", "US-3"],
    ]:
        book.active.append(row)
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "pelatihan.xlsx"
    path.write_bytes(saved.getvalue())
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert (
        "line 2: start_date: This date reads two ways, day first or month first ('05/06/2024'), and column 'Tanggal "
        "Mulai' writes another date month first ('12/13/2024')"
    ) in " ".join(result.output.split())
    employee = app.get_employee(nip)
    assert employee is not None
    recorded = {fact.values["reference"] for fact in employee.active_facts() if fact.kind == "training"}
    assert "US-1" not in recorded

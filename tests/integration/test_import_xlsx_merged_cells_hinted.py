"""A required cell left empty because it lies in a workbook's merged cells (a title merged over F13:F14, as HR merge
a training two employees attended) is refused naming the merge and the cure, as an empty NIP's row was already told
of merged cells: until 2026-12-05 row 14 was refused only as "title: Missing data for required field." A required
cell empty outside any merge is refused as before; the rows below the merge are recorded once the merge is
undone. Both stores."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.domain.payload import MISSING
from careerlog.importing import MERGED_MISSING, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = ["NIP", "Jenis Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Nama Diklat", "Tanggal Selesai", "No SK"]


def test_a_required_cell_inside_merged_cells_is_refused_naming_the_merge(app: CareerLog, tmp_path: Path) -> None:
    budi, sari = f.nip(), f.nip()
    for nip in (budi, sari):
        app.record(nip, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for _ in range(11):  # (rows 2 to 12: other employees' rows, left empty here)
        sheet.append([])
    sheet.append([budi, "TEKNIS", "BKPSDM", 8, date(2024, 3, 4), "Arsip", date(2024, 3, 6), "M-1"])  # row 13
    sheet.append([sari, "TEKNIS", "BKPSDM", 8, date(2024, 3, 4), None, date(2024, 3, 6), "M-2"])  # row 14
    sheet.append([sari, "TEKNIS", "BKPSDM", 8, date(2024, 4, 4), None, date(2024, 4, 6), "M-3"])  # row 15: no merge
    sheet.merge_cells("F13:F14")
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "diklat.xlsx"
    path.write_bytes(saved.getvalue())
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    merged, plain = report.rejected
    assert (merged.line, plain.line) == (14, 15)
    [reason] = merged.errors["title"]
    assert reason == MERGED_MISSING.reason(cell="F14", cells="F13:F14", first="F13")
    assert reason.startswith("Missing data for required field: cell F14 lies in the merged cells F13:F14")
    assert plain.errors["title"] == [MISSING]

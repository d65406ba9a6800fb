"""A CSV row ending in empty cells past the header's last column (`...,MORE-2,,`, as Excel writes a row whose cells
beyond the data were once touched) is read as its columns; a cell holding something past the header is refused naming
where it is and what it holds, as a cell under a column with no name is. Before, both were refused "line: More cells
than header columns.", naming neither column nor cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import UNNAMED_COLUMN, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference"


def row(reference: str) -> str:
    # (titled apart; 4 JP, so that three of them on the day stay within rule training.daily_jp's 12 JP a day)
    return f"{NIP},TEKNIS,Judul {reference},BKPSDM,4,2026-11-10,2026-11-10,{reference}"


def test_empty_cells_past_the_header_are_no_cells(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "training.csv"
    lines = [HEADER, row("MORE-1") + ",,", row("MORE-2") + ", ,", row("MORE-3") + ",,x", row("MORE-4") + ",extra"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, [p.line for p in report.rejected]) == (2, [4, 5])
    assert report.rejected[0].errors == {"line": [UNNAMED_COLUMN.reason(letter="J", number=10, cell="'x'")]}
    assert report.rejected[1].errors == {"line": [UNNAMED_COLUMN.reason(letter="I", number=9, cell="'extra'")]}
    assert str(report.rejected[1].errors["line"][0]).startswith(
        "The cell 'extra' is in column I (column 9 from the left), which has no name in the header"
    )


def test_a_workbook_row_past_its_header_alike(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append([*row("WB-1").split(","), None, " "])
    book.active.append([*row("WB-2").split(","), None, "x"])
    book.save(tmp_path / "training.xlsx")
    report = import_file(app, tmp_path / "training.xlsx", actor="hr")
    assert report.recorded == 1
    assert [(p.line, p.errors) for p in report.rejected] == [
        (3, {"line": [UNNAMED_COLUMN.reason(letter="J", number=10, cell="'x'")]})
    ]

"""A workbook's cell holding a formula whose result was never saved (a file written by a program) is refused naming
the cell, and shown with nothing typed: there is no text to show. Its typed cell was the reason's own object, written
`(typed: '"Unreadable(\\'Cell E2 holds a formula wh…')` on the command line (and in the report's values)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from careerlog.cli import main

HEADER = ["nip", "effective_date", "reference", "training_kind", "title", "organiser", "hours", "start_date"]


def test_a_formula_never_calculated_is_refused_with_nothing_shown_as_typed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["198609262010031001", "2016-01-08", "C-1", "KURSUS", "=A1", "BKD", "=10+10", "2016-01-04"])
    book.save(tmp_path / "training.xlsx")
    env = {"CAREERLOG_DATABASE_URL": f"sqlite:///{tmp_path / 'careerlog.db'}"}
    result = CliRunner().invoke(main, ["import", "--dry-run", str(tmp_path / "training.xlsx")], env=env)
    assert result.exit_code == 1, result.output
    assert "Unreadable" not in result.output
    never = "holds a formula whose result was never saved (the file was written by a program, not by a spreadsheet): "
    again = "open the workbook in Excel, save it, and import it again."
    # (no full stop before a field's "; ": careerlog.domain.errors.fields_joined)
    assert f"; title: Cell E2 {never}{again[:-1]}; hours: Cell G2 {never}{again}\n" in result.output

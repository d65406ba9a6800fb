"""A SIASN code of fixed width written without its leading zero, as a spreadsheet shows a column of codes read as
numbers (a legal status, kedudukanHukum, `2` for `02` CLTN), is read as that code: it was refused as an unknown code
in an import (a CSV's cell, a workbook's number cell), by `careerlog record` and the API alike. Only an unambiguous
spelling is read: one no other code or alias of the table is written as (careerlog.reference.Table). Both stores."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.reference import reference
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("2", "UNPAID_LEAVE"), ("1", "ACTIVE"), ("3", "STUDY_LEAVE"), ("4", "SUSPENDED"), ("02", "UNPAID_LEAVE")],
)
def test_a_legal_status_code_without_its_leading_zero_is_its_code(typed: str, code: str) -> None:
    assert reference().statuses.normalise(typed) == code


def test_a_code_with_no_leading_zero_is_not_read_otherwise() -> None:
    """Only a code written with a leading zero is read without it: `5` is no status; `2` is no recruitment path but
    Honorer's own SIASN code; a golongan code (`32`) is read as before."""
    assert "5" not in reference().statuses
    assert reference().table("recruitment_paths").normalise("2") == "HONORER"
    assert reference().ranks.normalise("32") == "III/b"


def status_sheet(tmp_path: Path, nip: str, cell: object, suffix: str) -> Path:
    header = ["NIP", "Kedudukan Hukum", "TMT", "Nomor SK"]
    row = [nip, cell, "2024-03-01", "ST-0001"]
    path = tmp_path / f"status.{suffix}"
    if suffix == "csv":
        path.write_text(";".join(header) + "\r\n" + ";".join(str(c) for c in row) + "\r\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        book.active.append(header)
        book.active.append(row)
        saved = io.BytesIO()
        book.save(saved)
        path.write_bytes(saved.getvalue())
    return path


@pytest.mark.parametrize(("cell", "suffix"), [("2", "csv"), (2, "xlsx")])
def test_an_imported_status_without_its_leading_zero_is_recorded_as_its_code(
    app: CareerLog, tmp_path: Path, cell: object, suffix: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    report = import_file(app, status_sheet(tmp_path, nip, cell, suffix), actor="hr", kind="status_change")
    assert (report.recorded, report.rejected) == (1, [])
    employee = app.get_employee(nip)
    assert employee is not None
    [changed] = [fact for fact in employee.active_facts() if fact.kind == "status_change"]
    assert changed.values["status"] == "UNPAID_LEAVE"


def test_a_status_recorded_without_its_leading_zero_is_its_code(app: CareerLog) -> None:
    """`careerlog record` hands the ledger the text typed, as an import's cell."""
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    app.record(nip, "status_change", f.status("2", "2024-03-01"), actor="hr")
    employee = app.get_employee(nip)
    assert employee is not None
    assert [fact.values["status"] for fact in employee.active_facts() if fact.kind == "status_change"] == [
        "UNPAID_LEAVE"
    ]

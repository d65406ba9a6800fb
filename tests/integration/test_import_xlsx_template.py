"""Each kind's template workbook (careerlog.workbook_template), filled in by hand and imported as it is, records its
rows: an 18-digit NIP typed into its Text-formatted column stays text, a date typed into its date column is read as
its day, and the guide sheet Petunjuk is neither read nor named in a note. Both stores."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.workbook_template import template_name, template_workbook
from tests import factories as f

pytestmark = pytest.mark.made_store


def filled(tmp_path: Path, kind: str, *rows: dict[str, Any]) -> Path:
    """The kind's template with `rows` typed under its header, each by column name, the rest of a row left empty."""
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(kind)))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for at, row in enumerate(rows, start=2):
        for name, value in row.items():
            sheet.cell(row=at, column=header.index(name) + 1).value = value
    path = tmp_path / template_name(kind)
    book.save(path)
    return path


def test_filled_templates_of_an_appointment_and_a_training_are_recorded_without_a_note(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    assert len(nip) == 18
    appointment = {**f.appointment(), "nip": nip}
    appointment["birth_date"] = date.fromisoformat(appointment["birth_date"])
    appointment["effective_date"] = date.fromisoformat(appointment["effective_date"])
    report = import_file(app, filled(tmp_path, "appointment", appointment), actor="hr")
    assert (report.rows, report.recorded, report.rejected, report.notes) == (1, 1, [], [])
    training = {**f.training("2021-11-19", start="2021-11-15"), "nip": nip}
    training["start_date"], training["effective_date"] = date(2021, 11, 15), date(2021, 11, 19)
    report = import_file(app, filled(tmp_path, "training", training), actor="hr")
    assert (report.rows, report.recorded, report.rejected, report.notes) == (1, 1, [], [])
    employee = app.get_employee(nip)
    assert employee is not None
    assert [x.kind for x in employee.active_facts()] == ["appointment", "training"]
    assert [x.values["effective_date"] for x in employee.active_facts()] == [date(2010, 3, 1), date(2021, 11, 19)]


def typed(payload: dict[str, Any]) -> dict[str, Any]:
    """A payload as typed into the template: each day as a date cell (the column is formatted as a date)."""
    return {
        name: date.fromisoformat(value) if isinstance(value, str) and name.endswith("date") else value
        for name, value in payload.items()
    }


FILLED = {
    "rank_promotion": lambda: f.promotion("III/b", "2014-04-01"),
    "performance_rating": lambda: f.rating(2012),
    "award": lambda: f.award("SLKS_10", "2020-08-17"),
    "status_change": lambda: f.status("UNPAID_LEAVE", "2015-01-01"),
    "retraction": lambda: f.retraction(2, "2011-06-01"),
    "exam": lambda: {"exam": "UD_I", "effective_date": "2012-05-01", "reference": "E-TPL"},
}


@pytest.mark.parametrize("kind", FILLED)
def test_a_filled_template_of_a_later_fact_is_recorded_without_a_note(
    app: CareerLog, tmp_path: Path, kind: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    app.record(nip, "training", f.training("2011-05-20"), actor="hr")
    report = import_file(app, filled(tmp_path, kind, {"nip": nip, **typed(FILLED[kind]())}), actor="hr")
    assert (report.rows, report.recorded, report.rejected, report.notes) == (1, 1, [], [])


def test_a_sheet_of_data_named_petunjuk_alone_in_its_workbook_is_recorded(app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    training = f.training("2021-11-19", start="2021-11-15")
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["nip", *training])
    book.active.append([nip, *training.values()])
    path = tmp_path / "training.xlsx"
    book.save(path)
    report = import_file(app, path, actor="hr")
    assert (report.rows, report.recorded, report.rejected, report.notes) == (1, 1, [], [])
    assert [x.kind for x in app.get_employee(nip).active_facts()] == ["appointment", "training"]


def test_the_retraction_template_voids_a_record_with_the_nip_typed_again_in_its_confirm_nip_column(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    template = openpyxl.load_workbook(io.BytesIO(template_workbook("retraction")))
    sheet, guide = template.worksheets
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["confirm", "confirm_nip"]  # (the column the import reads a void's confirmation from)
    assert not sheet.cell(row=1, column=len(header)).font.bold  # (not required: a void only)
    assert sheet.cell(row=2, column=len(header)).number_format == "@"  # (a NIP typed stays text)
    described = {row[0]: row[4] for row in guide.iter_rows(min_row=2, max_row=len(header) + 1, values_only=True)}
    assert described["confirm_nip"].startswith(
        "A void only (a retraction of the record's appointment: target_version 1"
    )
    assert "never be appointed again" not in described["confirm_nip"]  # (a voided NIP is appointed afresh)
    assert "tidak akan pernah dapat diangkat lagi" not in described["confirm_nip"]
    void = {"nip": nip, **typed(f.retraction(1, "2011-06-01")), "reference": "BATAL-NIP", "confirm_nip": nip}
    report = import_file(app, filled(tmp_path, "retraction", void), actor="hr")
    assert (report.rows, report.recorded, report.rejected, report.notes) == (1, 1, [], [])
    assert app.get_employee(nip).voided_by == 2

"""An Excel Workbook (.xlsx) is imported as the CSV file it would be saved as (careerlog.workbooks): the same rows
record the same facts, a row's refusal names its row in the sheet, a NIP stored as a number is refused naming its
column and cell, and `careerlog import` reads it with --dry-run, --workers and --refused (the refused rows written
as CSV UTF-8). Before, a workbook was refused as a whole, HR told to save it as CSV UTF-8 first. Both stores."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.workbooks import BOOLEAN_CELL
from tests import factories as f
from tests.integration.test_cli import last_position, run
from tests.unit.test_import_xlsx_cells import saved_as

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

COLUMNS = [
    "kind",
    "nip",
    "name",
    "birth_date",
    "sex",
    "education",
    "agency",
    "unit",
    "region",
    "employment_kind",
    "recruitment_path",
    "rank",
    "training_kind",
    "title",
    "organiser",
    "hours",
    "start_date",
    "effective_date",
    "reference",
]


def rows(nip: str) -> list[list[Any]]:
    """An appointment and two trainings of `nip`, each cell as Excel holds it (dates as dates, hours as numbers)."""
    appointment = f.appointment(reference=f"SK-{nip}")
    cells = {**appointment, "kind": "appointment", "nip": nip}
    cells["birth_date"] = date.fromisoformat(appointment["birth_date"])
    cells["effective_date"] = date.fromisoformat(appointment["effective_date"])
    trainings = [
        {"kind": "training", "nip": nip, **f.training("2021-11-19", start="2021-11-15", reference=f"T1-{nip}")},
        {
            "kind": "training",
            "nip": nip,
            **f.training("2022-03-04", hours=24, start="2022-03-01", reference=f"T2-{nip}"),
        },
    ]
    for training in trainings:
        training["start_date"] = date.fromisoformat(training["start_date"])
        training["effective_date"] = date.fromisoformat(training["effective_date"])
    return [[row.get(name) for name in COLUMNS] for row in [cells, *trainings]]


def xlsx(path: Path, *data: list[Any]) -> Path:
    book = openpyxl.Workbook()
    for row in data:
        book.active.append(row)
    book.save(path)
    return path


def as_csv(path: Path, *data: list[Any]) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in data:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def facts(app: CareerLog, nip: str) -> list[tuple[str, dict[str, Any]]]:
    employee = app.get_employee(nip)
    assert employee is not None
    return [
        (x.kind, {k: v.replace(nip, "NIP") if isinstance(v, str) else v for k, v in x.values.items()})
        for x in employee.active_facts()
    ]


def test_an_xlsx_of_appointments_and_trainings_records_what_the_same_csv_records(
    app: CareerLog, tmp_path: Path
) -> None:
    by_csv, by_xlsx = f.nip(), f.nip()
    csv_report = import_file(app, as_csv(tmp_path / "data.csv", COLUMNS, *rows(by_csv)), actor="hr")
    xlsx_report = import_file(app, xlsx(tmp_path / "data.xlsx", COLUMNS, *rows(by_xlsx)), actor="hr")
    assert (xlsx_report.rows, xlsx_report.recorded, xlsx_report.rejected) == (3, 3, [])
    assert csv_report.recorded == 3
    assert len(facts(app, by_xlsx)) == 3
    assert facts(app, by_xlsx) == facts(app, by_csv)


def test_a_nip_stored_as_a_number_is_refused_naming_the_column_and_the_row(app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    header = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai", "No SK"]
    good = [nip, "TEKNIS", "Arsip", "BKPSDM", 8, date(2021, 10, 1), date(2021, 10, 2), "X-1"]
    as_number = [float(nip), "TEKNIS", "Arsip B", "BKPSDM", 8, date(2021, 11, 1), date(2021, 11, 2), "X-2"]
    path = xlsx(tmp_path / "pelatihan.xlsx", header, good, as_number)
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected
    assert problem.line == 3
    [reason] = problem.errors["nip"]
    assert reason.startswith("Cell A3 holds the NIP as a number")
    assert "format the column nip as Text in Excel" in reason


def test_an_xlsx_with_workers_records_what_one_process_records(app: CareerLog, tmp_path: Path) -> None:
    nips = [f.nip() for _ in range(4)]
    path = xlsx(tmp_path / "data.xlsx", COLUMNS, *(row for nip in nips for row in rows(nip)))
    report = import_file(app, path, actor="hr", workers=2)
    assert (report.rows, report.recorded, report.rejected) == (12, 12, [])
    assert all(len(facts(app, nip)) == 3 for nip in nips)


def test_the_command_line_imports_an_xlsx_dry_run_first_and_writes_its_refused_rows_as_csv(
    database_url: str, tmp_path: Path
) -> None:
    nip = f.nip()
    good = rows(nip)
    bad = list(good[1])
    bad[COLUMNS.index("training_kind")] = True  # (a TRUE/FALSE cell)
    bad[COLUMNS.index("reference")] = "T3-bad"
    path = xlsx(tmp_path / "data.xlsx", COLUMNS, *good, bad)
    dry = run(database_url, "import", "--dry-run", str(path))
    assert dry.exit_code == 1, dry.output
    assert last_position(database_url) == 0
    refused = tmp_path / "data-ditolak.csv"
    result = run(database_url, "import", "--workers", "2", "--refused", str(refused), str(path))
    assert result.exit_code == 1, result.output
    assert "4 rows: recorded 3, already recorded 0, rejected 1" in result.output
    assert "line 5: training_kind: Cell M5 holds TRUE or FALSE" in result.output
    lines = list(csv.reader(io.StringIO(refused.read_bytes().decode("utf-8-sig"), newline="")))
    assert lines[0] == [*COLUMNS, "Refusal reasons (careerlog)"]
    [row] = lines[1:]
    assert row[:3] == ["training", nip, ""]
    assert row[COLUMNS.index("training_kind")] == "TRUE"
    assert row[COLUMNS.index("start_date")] == "2021-11-15"
    assert "Cell M5 holds TRUE or FALSE" in row[-1]


def test_a_workbooks_refused_rows_are_written_as_a_workbook_to_a_file_so_named(
    database_url: str, tmp_path: Path
) -> None:
    """(Until 2026-12-05 a workbook's refused rows were CSV alone, `--refused ditolak.xlsx` refused: an Excel in
    Indonesian, whose list separator is ';', opened that CSV as one column.)"""
    nip = f.nip()
    good = rows(nip)
    bad = list(good[1])
    bad[COLUMNS.index("training_kind")] = True  # (a TRUE/FALSE cell)
    bad[COLUMNS.index("reference")] = "T3-bad"
    path = xlsx(tmp_path / "data.xlsx", COLUMNS, *good, bad)
    refused = tmp_path / "ditolak.xlsx"
    result = run(database_url, "import", "--refused", str(refused), str(path))
    assert result.exit_code == 1, result.output
    sheet = openpyxl.load_workbook(refused).active
    header, row = ([cell.value for cell in cells] for cells in sheet.iter_rows())
    assert header == [*COLUMNS, "Refusal reasons (careerlog)"]
    assert row[:2] == ["training", nip]
    assert row[COLUMNS.index("training_kind")] == "TRUE"
    assert row[COLUMNS.index("start_date")] == "2021-11-15"
    assert "Cell M5 holds TRUE or FALSE" in row[-1]
    assert sheet.cell(2, 2).number_format == "@"  # (a NIP typed over stays text)
    other = run(database_url, "import", "--refused", str(tmp_path / "ditolak.txt"), str(path))
    assert other.exit_code == 2
    assert "a workbook's refused rows are written as an Excel workbook or as CSV: name the file .xlsx or .csv" in (
        other.output
    )


def test_the_command_line_refuses_a_zip_bomb_before_openpyxl_opens_it_in_one_line(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_import_xlsx_bombs import strings_bomb

    path = tmp_path / "Diklat2024.xlsx"
    path.write_bytes(strings_bomb().getvalue())

    def opened(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl opened a workbook that was to be refused before it")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)
    result = run(database_url, "import", "--kind", "training", str(path))
    assert result.exit_code == 1, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: file: The workbook 'Diklat2024.xlsx' is refused: its part xl/sharedStrings.xml")
    assert last_position(database_url) == 0


TRAINING_COLUMNS = [
    "kind",
    "nip",
    "name",
    "training_kind",
    "title",
    "organiser",
    "hours",
    "start_date",
    "effective_date",
    "reference",
    "cost",
    "client_key",
    "confirm",
]


def training_cells(subject: str, reference: str, **cells: Any) -> list[Any]:
    row = {
        "kind": "training",
        "nip": subject,
        "training_kind": "TEKNIS",
        "title": "Arsip",
        "organiser": "BKPSDM",
        "hours": 8,
        "start_date": date(2021, 11, 15),
        "effective_date": date(2021, 11, 19),
        "reference": reference,
        **cells,
    }
    return [row.get(name) for name in TRAINING_COLUMNS]


# Each a cell that is no value (a logical value, a formula's error, a formula never calculated) in a column of no
# payload field: until 2026-12-04 read on as text (a client_key recorded as "Unreadable('Cell K2 ...')").
UNREAD_CELLS = [
    ("kind", True),
    ("kind", "#N/A"),
    ("nip", "=VLOOKUP(C2,Data!A:B,2,0)"),
    ("nip", True),
    ("client_key", True),
    ("client_key", "#N/A"),
    ("client_key", "=CONCAT(B2,I2)"),
    ("confirm", "#N/A"),
    ("confirm", "=IF(A2,1,0)"),
    ("name", True),
    ("name", "#REF!"),
    ("title", True),  # (a payload field: refused with the row's other cells judged)
]


def test_a_cell_that_is_no_value_refuses_its_row_naming_its_column_and_nothing_of_it_is_recorded(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    data = [training_cells(nip, f"U-{i}", **{column: value}) for i, (column, value) in enumerate(UNREAD_CELLS)]
    path = xlsx(tmp_path / "pelatihan.xlsx", TRAINING_COLUMNS, training_cells(nip, "OK-1", client_key="k-1"), *data)
    report = import_file(app, path, actor="hr")
    assert (report.recorded, len(report.rejected)) == (1, len(UNREAD_CELLS))
    for problem, (column, _) in zip(report.rejected, UNREAD_CELLS, strict=True):
        letter = "ABCDEFGHIJKLM"[TRAINING_COLUMNS.index(column)]
        assert list(problem.errors) == [column], problem
        assert problem.errors[column][0].startswith(f"Cell {letter}{problem.line} holds "), problem
        assert problem.kind in (None, "training")
    [recorded] = [values for kind, values in facts(app, nip) if kind == "training"]
    assert recorded["reference"] == "OK-1"
    employee = app.get_employee(nip)
    assert employee is not None
    assert "Unreadable" not in repr([x.values for x in employee.active_facts()])


def test_the_json_report_of_a_workbook_with_a_logical_kind_cell_is_written_naming_the_column(
    database_url: str, tmp_path: Path
) -> None:
    nip = f.nip()
    path = xlsx(tmp_path / "k.xlsx", TRAINING_COLUMNS, training_cells(nip, "K-1", kind=True))
    report = tmp_path / "r.json"
    result = run(database_url, "import", "--report", str(report), str(path))
    assert result.exit_code == 1, result.output
    assert "line 2: kind: Cell A2 holds TRUE or FALSE" in result.output
    [problem] = json.loads(report.read_text())["rejected"]
    assert (problem["line"], problem["kind"], problem["subject"]) == (2, None, nip)
    assert problem["errors"] == {"kind": [BOOLEAN_CELL.reason(cell="A2")]}
    assert last_position(database_url) == 0


def test_a_formulas_hours_and_cost_are_recorded_as_excel_shows_them(app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    path = xlsx(tmp_path / "pelatihan.xlsx", TRAINING_COLUMNS, training_cells(nip, "F-1", hours=7771, cost=7772))
    path.write_bytes(
        saved_as(saved_as(io.BytesIO(path.read_bytes()), 7771, "20.000000000000004"), 7772, "1650000.0000000002").read()
    )
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    [recorded] = [values for kind, values in facts(app, nip) if kind == "training"]
    assert (recorded["hours"], str(recorded["cost"])) == (20, "1650000")

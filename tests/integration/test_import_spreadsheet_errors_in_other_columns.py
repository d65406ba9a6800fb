"""A CSV cell holding a spreadsheet formula's error (#N/A, #REF!, ...) or a narrow column's hashes was refused in a
field of the row's kind and in a NIP column alone (test_import_spreadsheet_error_cells). In any other column it was
read as text: two rows of one employee whose client_key is "#N/A" (a VLOOKUP that found nothing) shared that one key,
the first recorded with it and the second refused as a conflict naming the reference (or, the same values, taken for
a repeat of the first); a migration's recorded_by "#N/A" was recorded as the fact's author. Each such cell now refuses
its row as it is read, naming its column and the reason (careerlog.textfiles.FORMULA_ERROR, TOO_NARROW), and nothing
of the row is recorded; the rows around it are recorded as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from careerlog.textfiles import FORMULA_ERROR, TOO_NARROW
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

COLUMNS = ["kind", "nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference"]


def training(nip: str, reference: str, title: str = "Arsip", **more: str) -> dict[str, str]:
    return {
        "kind": "training",
        "nip": nip,
        "training_kind": "TEKNIS",
        "title": title,
        "organiser": "BKPSDM",
        "hours": "8",
        "start_date": "2021-11-15",
        "effective_date": "2021-11-19",
        "reference": reference,
        **more,
    }


def csv_file(path: Path, rows: list[dict[str, str]], separator: str = ",") -> Path:
    header = list(dict.fromkeys(name for row in rows for name in row))
    lines = [separator.join(header), *(separator.join(row.get(name, "") for name in header) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def trainings(app: CareerLog, nip: str) -> dict[str, dict[str, object]]:
    employee = app.get_employee(nip)
    assert employee is not None
    return {x.values["reference"]: dict(x.values) for x in employee.active_facts() if x.kind == "training"}


def test_two_rows_whose_client_key_is_a_formulas_n_a_are_both_refused_not_taken_for_one(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [
        training(nip, "K-1", client_key="#N/A"),
        training(nip, "K-1", client_key="#N/A"),  # (the same values: was taken for a repeat of the first)
        training(nip, "K-2", title="Kearsipan", client_key="#N/A"),  # (was refused as a conflict of reference K-1)
        training(nip, "K-3", client_key="k-3"),
    ]
    report = import_file(app, csv_file(tmp_path / "t.csv", rows), actor="hr")
    assert (report.recorded, report.already_recorded) == (1, 0)
    refused = {p.line: (p.errors, p.values, p.subject, p.kind) for p in report.rejected}
    one = ({"client_key": [FORMULA_ERROR]}, {"client_key": "#N/A"}, nip, "training")
    assert refused == {2: one, 3: one, 4: one}
    assert list(trainings(app, nip)) == ["K-3"]
    again = import_file(app, csv_file(tmp_path / "t.csv", rows), actor="hr")  # (nothing of them kept: refused again)
    assert (again.recorded, again.already_recorded, [p.line for p in again.rejected]) == (0, 1, [2, 3, 4])


# Each a cell in a column of no field of the row's kind: (column, cell, the row's other cells)
CELLS = [
    ("kind", "#N/A", {}),
    ("kind", "#NAME?", {}),
    ("client_key", "#N/A", {}),
    ("client_key", "#REF!", {}),
    ("client_key", "#GETTING_DATA", {}),
    ("confirm", "#N/A", {}),
    ("version", "#VALUE!", {}),
    ("version", "#DIV/0!", {}),
    ("name", "#N/A", {}),  # (the employee's name beside the NIP: was refused as not the name recorded)
    ("name", "#SPILL!", {}),
    ("client_key", "#NULL!", {}),
    ("client_key", "#NUM!", {}),
    ("client_key", "#CALC!", {}),
    ("client_key", "#n/a", {}),
    ("client_key", " Err:502 ", {}),
    ("version", "#######", {}),
]


@pytest.mark.parametrize("separator", [",", ";"], ids=["commas", "semicolons"])
def test_a_spreadsheet_error_in_a_column_of_no_field_refuses_its_row_naming_the_column(
    app: CareerLog, tmp_path: Path, separator: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [training(nip, "OK-1", client_key="k-ok")]
    rows += [training(nip, f"E-{i}", **{column: cell}, **more) for i, (column, cell, more) in enumerate(CELLS)]
    report = import_file(app, csv_file(tmp_path / "t.csv", rows, separator), actor="hr")
    assert report.recorded == 1
    refused = {p.line: p for p in report.rejected}
    assert sorted(refused) == list(range(3, 3 + len(CELLS)))
    for line, (column, cell, _) in enumerate(CELLS, start=3):
        reason = TOO_NARROW if cell.startswith("##") else FORMULA_ERROR
        problem = refused[line]
        assert (problem.errors, problem.values) == ({column: [reason]}, {column: cell}), problem
        assert problem.kind == (None if column == "kind" else "training")
    assert list(trainings(app, nip)) == ["OK-1"]


def test_a_spreadsheet_error_beside_one_in_a_field_names_both_and_a_nips_as_none(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [training(nip, "B-1", title="#N/A", client_key="#N/A"), training("#N/A", "B-2", client_key="#REF!")]
    report = import_file(app, csv_file(tmp_path / "t.csv", rows), actor="hr")
    assert report.recorded == 0
    first, second = report.rejected
    assert first.errors == {"title": [FORMULA_ERROR], "client_key": [FORMULA_ERROR]}
    assert (first.subject, first.values) == (nip, {"title": "#N/A", "client_key": "#N/A"})
    assert second.errors == {"nip": [FORMULA_ERROR], "client_key": [FORMULA_ERROR]}
    assert (second.subject, second.values) == (None, {"nip": "#N/A", "client_key": "#REF!"})
    assert trainings(app, nip) == {}


@pytest.mark.parametrize(("column", "cell"), [("recorded_by", "#N/A"), ("recorded_at", "#REF!"), ("migrated", "#N/A")])
def test_a_migrations_spreadsheet_error_in_its_columns_refuses_the_row_naming_the_column(
    app: CareerLog, tmp_path: Path, column: str, cell: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    when = {"recorded_at": "2021-11-20T08:00:00+07:00", "recorded_by": "ops"}
    rows = [training(nip, "M-1", **when), training(nip, "M-2", **{**when, column: cell})]
    report = import_file(app, csv_file(tmp_path / "m.csv", rows), actor="admin", migration=True)
    assert report.recorded == 1
    [problem] = report.rejected
    assert (problem.line, problem.errors, problem.values) == (3, {column: [FORMULA_ERROR]}, {column: cell})
    assert list(trainings(app, nip)) == ["M-1"]

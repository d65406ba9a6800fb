"""A CSV import reads a date written with its month's name first, as English writes it ("Aug 17, 2021", Indonesian
"Agt 17, 2021", and "Aug 3,2026", the comma enough to part the day from the year): one way alone, the month named.
A year of two digits, a month without its day and an English day of the week before the date stay refused naming
the field, as written; a JSON Lines file reads YYYY-MM-DD alone and refuses it saying so."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import IMPORT_DATE, IMPORT_DATE_JSONL, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip()
HEADER = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]


def appoint(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": BUDI, **f.appointment()}
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1


def trained(app: CareerLog, tmp_path: Path, written: str) -> object:
    """A training imported from a comma-separated file, ended on the date as `written` (quoted as a CSV writes it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*HEADER, "No Sertifikat"])
    writer.writerow([BUDI, "TEKNIS", "Arsip", "BKPSDM", "8", "2021-08-02", written, "M-1"])
    path = tmp_path / "training.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return import_file(app, path, actor="hr")


@pytest.mark.parametrize(("written", "read"), [("Aug 17, 2021", "2021-08-17"), ("Agt 17, 2021", "2021-08-17")])
def test_a_date_with_its_months_name_first_is_read(app: CareerLog, tmp_path: Path, written: str, read: str) -> None:
    appoint(app, tmp_path)
    report = trained(app, tmp_path, written)
    assert (report.recorded, report.rejected) == (1, []), report.rejected
    employee = app.get_employee(BUDI)
    assert employee is not None
    [training] = [x for x in employee.active_facts() if x.kind == "training"]
    assert training.effective_date.isoformat() == read


def test_a_comma_without_a_space_parts_the_day_from_the_year(app: CareerLog, tmp_path: Path) -> None:
    """("Aug 3,2026" reads one way alone: the month named, the year of four digits after the comma.)"""
    appoint(app, tmp_path)
    report = trained(app, tmp_path, "Aug 3,2021")
    assert (report.recorded, report.rejected) == (1, []), report.rejected
    employee = app.get_employee(BUDI)
    assert employee is not None
    assert [x.effective_date.isoformat() for x in employee.active_facts() if x.kind == "training"] == ["2021-08-03"]


@pytest.mark.parametrize("written", ["Aug 3, 26", "May 2026", "Monday, Aug 3, 2026", "Aug 32026"])
def test_a_month_first_date_it_cannot_read_one_way_is_refused_naming_the_field(
    app: CareerLog, tmp_path: Path, written: str
) -> None:
    appoint(app, tmp_path)
    report = trained(app, tmp_path, written)
    assert report.recorded == 0
    [problem] = report.rejected
    assert problem.errors == {"effective_date": [IMPORT_DATE]}
    assert problem.values == {"effective_date": written}


def test_a_json_lines_file_refuses_a_month_first_date_naming_the_form_it_reads(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    row = {"kind": "training", "nip": BUDI, **f.training("2021-08-16"), "effective_date": "Aug 17, 2021"}
    (tmp_path / "training.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    [problem] = import_file(app, tmp_path / "training.jsonl", actor="hr").rejected
    assert problem.errors == {"effective_date": [IMPORT_DATE_JSONL]}

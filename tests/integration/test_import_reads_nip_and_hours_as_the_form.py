"""An import reads a NIP and a training's hours as the record form reads them, with the same functions
(careerlog.domain.nip.unlabelled_nip, careerlog.textfiles.lesson_hours): a NIP pasted after its label as a decree
prints it ("NIP. 19840122 200812 1 001"), which the form took, was refused by a CSV import and shown as
"NIP198401222008121001". Now it is recorded in that NIP's record, the cell kept as typed for the report; a label
with anything else about the digits is still refused, quoting the cell as typed. Both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.domain.ledger import Fact
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def shown(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def test_a_nip_after_its_label_is_read_by_an_import_as_the_form_reads_it(app: CareerLog, tmp_path: Path) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    lines = [
        HEADER,
        f"NIP. {shown(nip)};TEKNIS;Arsip;BKPSDM;24 JP;04/03/2024;06/03/2024;LBL-1",
        f"NIP: {nip};TEKNIS;Keuangan;BKPSDM;8;04/04/2024;06/04/2024;LBL-2",
        f"No. {shown(nip)};TEKNIS;Hukum;BKPSDM;8;04/05/2024;06/05/2024;LBL-3",
    ]
    path = tmp_path / "diklat.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 2, report.rejected
    [problem] = report.rejected
    assert problem.line == 4
    assert problem.errors["nip"] == [f"Must be 18 digits, got 'No. {shown(nip)}'."]
    employee = app.get_employee(nip)
    assert employee is not None
    hours = {
        fact.values["reference"]: fact.values["hours"] for fact in employee.active_facts() if fact.kind == "training"
    }
    assert hours == {"LBL-1": 24, "LBL-2": 8}


def training_after_importing(app: CareerLog, path: Path, nip: str, row: dict[str, Any]) -> Fact:
    """The record's one training after importing `row` alone from the JSON Lines file at `path`, recorded."""
    path.write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, []), report.rejected
    employee = app.get_employee(nip)
    assert employee is not None
    [fact] = [fact for fact in employee.active_facts() if fact.kind == "training"]
    return fact


def test_a_json_lines_rows_hours_written_with_their_unit_are_read_as_the_other_formats_read_them(
    app: CareerLog, tmp_path: Path
) -> None:
    """Found by an HR tester: until 2026-12-06 "24 JP" recorded by the form, a CSV and a workbook was refused in a JSON
    Lines import as no whole number ("24, not 24,5"); a correction's corrected hours alike."""
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "diklat.jsonl"
    training = {"kind": "training", "nip": nip, **f.training("2024-03-06", start="2024-03-04"), "hours": "24 JP"}
    fact = training_after_importing(app, path, nip, training)
    assert fact.values["hours"] == 24
    correction = {"kind": "correction", "nip": nip, **f.correction(fact.version, "2024-04-01", hours="20 jp")}
    assert training_after_importing(app, path, nip, correction).values["hours"] == 20

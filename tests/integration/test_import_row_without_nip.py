"""A row of an employee's fact with no NIP: a spreadsheet whose NIP (and name) cells are merged over the rows of one
employee saves them on the first of those rows alone, the others empty. Such a row was refused as `nip: Missing data
for required field (or agency and unit for a unit).` alone, its other problems (a JP that does not read) named only
once the NIP was written: the row came back twice. It is now refused naming every problem at once, the NIP's reason
saying what a merged cell does and the cure; the row with its NIP is recorded. A file separated by semicolons and a
JSON Lines file alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.application import NO_NIP, CareerLog
from careerlog.domain.payload import HOURS_NOT_WHOLE
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def test_rows_below_a_merged_nip_cell_are_refused_naming_every_problem_at_once(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(name="Budi Siregar"), actor="hr")
    lines = [
        HEADER,
        f"{NIP};Budi Siregar;TEKNIS;Arsip A;BKPSDM;8;01/10/2021;02/10/2021;M-1",
        ";;TEKNIS;Arsip B;BKPSDM;8;01/11/2021;02/11/2021;M-2",  # (the NIP and name merged from the row above)
        ";;TEKNIS;Arsip C;BKPSDM;delapan;01/12/2021;02/12/2021;M-3",
    ]
    path = tmp_path / "pelatihan.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    assert [(p.line, p.errors, p.values) for p in report.rejected] == [
        (3, {"nip": [NO_NIP]}, {}),
        (4, {"nip": [NO_NIP], "hours": [HOURS_NOT_WHOLE]}, {"hours": "delapan"}),
    ]
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [x.values["reference"] for x in employee.active_facts() if x.kind == "training"] == ["M-1"]


def test_a_json_lines_row_without_a_nip_is_refused_with_its_other_problems(app: CareerLog, tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"kind": "training", "title": "Arsip", "hours": "delapan"}\n', encoding="utf-8")
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert problem.errors["nip"] == [NO_NIP]
    assert problem.errors["hours"] == [HOURS_NOT_WHOLE]
    assert "reference" in problem.errors  # (a required field left out, named with them)


@pytest.mark.parametrize("kind", ["appointment", "placement"])
def test_an_appointment_or_placement_row_without_a_nip_is_refused_naming_nip(
    app: CareerLog, tmp_path: Path, kind: str
) -> None:
    """An appointment's or a placement's row names its agency and unit, as a unit's row does: without a NIP it was read
    as a row of the unit `UNIT:agency:unit`, refused as 'A unit records a unit rating (unit_rating), ... not placement.'
    beside kind (an appointment, since bcc6108a: 'nip: must be 18 digits, got 'UNIT:KAB-KARO:Dinas Kesehatan'', a NIP
    never typed). It is refused naming the NIP missing, as any employee's row without one."""
    placement = {"agency": "KOTA-MEDAN", "unit": "Inspektorat", "region": "12.71", "effective_date": "2021-01-04"}
    values = f.appointment(name="Budi Siregar") if kind == "appointment" else {**placement, "reference": "MUT-1"}
    row = {"kind": kind, **values}
    assert {"agency", "unit"} <= set(row)
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    before = app.recorder.max_notification_id()
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert problem.errors.get("nip") == [NO_NIP], problem.errors
    assert "kind" not in problem.errors
    assert app.recorder.max_notification_id() == before

"""A row whose NIP a spreadsheet saved as a number (`1.98609E+17`, or widened to 18 digits ending in 000) or as a
formula's error (`#N/A`) is refused naming every problem at once, as a row of no NIP or of a NIP of no identity
number's form is (docs/import-format.md: "A row is refused once, naming every problem the import can tell at
once"). Until 2026-12-04 it was refused as it was read, naming the NIP alone: its unknown training kind, a first day
after its last and a JP that does not read were named only once the NIP column was mended and the file imported
again, so the row came back twice. A mentor's NIP so saved alike. Nothing of such a row is recorded; both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.domain.payload import HOURS_NOT_WHOLE
from careerlog.importing import import_file
from careerlog.textfiles import AS_NUMBER, AS_SCIENTIFIC, FORMULA_ERROR
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


@pytest.mark.parametrize("cell", ["1.98609E+17", "1,98609E+17", "198609262010031000", "#N/A"])
def test_a_nip_a_spreadsheet_saved_otherwise_is_named_with_the_rows_other_problems(
    app: CareerLog, tmp_path: Path, cell: str
) -> None:
    app.record(NIP, "appointment", f.appointment(name="Budi Siregar"), actor="hr")
    written = f'"{cell}"' if "," in cell else cell
    lines = [
        HEADER,
        f"{NIP};Budi Siregar;TEKNIS;Arsip A;BKPSDM;8;01/10/2021;02/10/2021;N-1",
        f"{written};Budi Siregar;XX;Arsip B;BKPSDM;delapan;19/11/2021;15/11/2021;N-2",
    ]
    path = tmp_path / "pelatihan.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected
    assert problem.line == 3
    nip_reason = (
        FORMULA_ERROR
        if cell == "#N/A"
        else AS_NUMBER.reason(value=cell, column="'NIP'")
        if cell.isdigit()
        else AS_SCIENTIFIC.reason(value=cell, digits=6, column="'NIP'")  # (the digits the file holds: 1.98609)
    )
    assert problem.errors["nip"] == [nip_reason]
    assert list(problem.errors) == ["nip", "start_date", "training_kind", "hours"]
    assert problem.errors["hours"] == [HOURS_NOT_WHOLE]
    assert "is after the end date" in problem.errors["start_date"][0]
    assert problem.values["nip"] == cell
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [x.values["reference"] for x in employee.active_facts() if x.kind == "training"] == ["N-1"]


def test_a_mentors_nip_saved_as_a_number_is_named_with_the_rows_other_problems(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(name="Budi Siregar"), actor="hr")
    path = tmp_path / "mentoring_start.csv"
    path.write_text(
        f"nip,mentor_nip,focus,effective_date,reference\n{NIP},1.98609E+17,,2031-05-02,M-1\n", encoding="utf-8"
    )
    report = import_file(app, path, actor="hr")
    [problem] = report.rejected
    assert problem.errors["mentor_nip"] == [AS_SCIENTIFIC.reason(value="1.98609E+17", digits=6, column="'mentor_nip'")]
    assert set(problem.errors) == {"mentor_nip", "focus", "effective_date"}
    assert app.get_employee(NIP).version == 1  # type: ignore[union-attr]

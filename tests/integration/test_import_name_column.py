"""A spreadsheet exported from another system carries the employee's name beside the NIP ("Nama"), a row number
("No") and remarks ("Keterangan"). The import reads the name to catch the classic mistake, a NIP of someone else,
and refuses that row naming both names; it takes the number and the remarks as notes, not recorded, and says so.
A column it does not know is still refused, named."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip()  # appointed by f.appointment() as "Budi Siregar"
HEADER = "No;NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Keterangan"


def appoint(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": BUDI, **f.appointment()}
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1


def test_the_name_beside_the_nip_is_checked_and_the_number_and_remarks_are_notes(
    app: CareerLog, tmp_path: Path
) -> None:
    appoint(app, tmp_path)
    lines = [
        HEADER,
        f"1;{BUDI};Budi Siregar, S.Kom.;TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;C-1;lulus",  # gelar: the same
        f"2;{BUDI};Siti Aminah;TEKNIS;Arsip;BKPSDM;8;05/03/2024;05/03/2024;C-2;",  # her row, typed with his NIP
        f"3;{BUDI};BUDI SIREGAR;TEKNIS;Arsip;BKPSDM;8;06/03/2024;06/03/2024;C-3;",
    ]
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert (report.recorded, len(report.rejected)) == (2, 1)
    [problem] = report.rejected
    assert (problem.line, problem.subject) == (3, BUDI)
    assert problem.errors == {
        "name": [f"'Siti Aminah' is not the name recorded for NIP {BUDI} ('Budi Siregar'): check the NIP, or the name."]
    }
    notes = {name: reasons for note in report.notes for name, reasons in note.errors.items()}
    assert [note.line for note in report.notes] == [1]
    assert set(notes) == {"No", "Nama", "Keterangan"}
    assert notes["No"] == ["A column of notes: read, not recorded."]
    assert notes["Nama"] == [
        "Checked against the name recorded for each row's NIP (a row of another name is refused); not recorded."
    ]
    assert report.to_dict()["notes"][0]["line"] == 1
    [recorded] = [x for x in app.repository.get(BUDI).active_facts() if x.values.get("reference") == "C-1"]
    assert "name" not in recorded.values


def test_a_jsonl_row_may_carry_the_name_to_check_too(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    rows = [
        {"kind": "training", "nip": BUDI, "name": "Budi Siregar", **f.training("2016-01-08")},
        {"kind": "training", "nip": BUDI, "name": "Andi Lubis", **f.training("2016-01-09")},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected
    assert (problem.line, list(problem.errors)) == (2, ["name"])


def test_a_column_the_import_does_not_know_is_left_out_with_a_note(app: CareerLog, tmp_path: Path) -> None:
    """(Until 2026-12-05 it refused the whole file at line 1; docs/import-format.md, "Columns of no field".)"""
    appoint(app, tmp_path)
    path = tmp_path / "training.csv"
    row = f"1;{BUDI};Budi Siregar;TEKNIS;A;B;8;04/03/2024;04/03/2024;C-9;;x\r\n"
    path.write_text(HEADER + ";Jabatan Lama\r\n" + row)
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (1, [])
    [reason] = report.notes[0].errors["Jabatan Lama"]
    assert reason.startswith("Not a column of training: its cells were left out of every row")


def test_the_command_prints_each_note_and_the_refused_name(app: CareerLog, database_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from careerlog.cli import main

    appoint(app, tmp_path)
    path = tmp_path / "training.csv"
    path.write_text(HEADER + "\r\n" + f"1;{BUDI};Andi Lubis;TEKNIS;A;B;8;04/03/2024;04/03/2024;C-7;\r\n")
    result = CliRunner().invoke(main, ["import", str(path)], env={"CAREERLOG_DATABASE_URL": database_url})
    assert result.exit_code == 1
    assert "note: line 1: No: A column of notes: read, not recorded.\n" in result.output
    assert "note: line 1: Keterangan: A column of notes: read, not recorded.\n" in result.output
    assert f"line 2: name: 'Andi Lubis' is not the name recorded for NIP {BUDI}" in result.output

"""The import report speaks to the administrator: a line of a JSON Lines file it cannot read says where it goes
wrong and what to do (not the parser's "invalid literal, expected 'null'"), and a date it cannot read names the
forms a file may write it in (06.05.2024 stays refused, as an earlier decision keeps it: day and month by
dots or dashes are not read), not "expected YYYY-MM-DD" alone."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file
from tests import factories as f

BUDI = f.nip()
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def appoint(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": BUDI, **f.appointment()}
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1


def test_a_line_of_broken_json_says_where_and_what_to_do(app: CareerLog, tmp_path: Path) -> None:
    path = tmp_path / "training.jsonl"
    path.write_bytes(b'{"kind": training}\n')
    [problem] = import_file(app, path, actor="hr").rejected
    [reason] = problem.errors["line"]
    assert reason.startswith("This line is no JSON object careerlog can read (it goes wrong at character 10 ")
    assert "export the file again as JSON Lines" in reason
    assert "invalid literal" not in reason


@pytest.mark.parametrize("typed", ["06.05.2024", "06-05-2024"])
def test_a_date_with_dots_or_dashes_is_refused_naming_the_forms_read(
    app: CareerLog, tmp_path: Path, typed: str
) -> None:
    appoint(app, tmp_path)
    path = tmp_path / "training.csv"
    path.write_text(f"{HEADER}\r\n{BUDI};TEKNIS;Arsip;BKPSDM;8;04/03/2024;{typed};D-1\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 0
    [problem] = report.rejected
    [reason] = problem.errors["effective_date"]
    assert reason.startswith(f"Not a date the import can read: '{typed}'. Write dates as YYYY-MM-DD (2024-05-06)")
    assert "dd/mm/yyyy (06/05/2024) is read too" in reason


def test_a_refused_date_of_a_json_lines_file_names_the_forms_too(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    path = tmp_path / "training.jsonl"
    path.write_bytes(orjson.dumps({"kind": "training", "nip": BUDI, **f.training("2024-13-01")}) + b"\n")
    [problem] = import_file(app, path, actor="hr").rejected
    assert problem.errors["effective_date"][0].startswith("Not a date the import can read: '2024-13-01'.")

"""The import report speaks to the administrator: a line of a JSON Lines file it cannot read says where it goes
wrong and what to do (not the parser's "invalid literal, expected 'null'"), and a date it cannot read names the
forms a file may write it in, not "expected YYYY-MM-DD" alone; a date written day first that does not exist, or
that a comma-separated file writes either way round, says so. The cell shows once, as written, beside the reason."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import (
    EITHER_WAY,
    IMPORT_DATE_JSONL,
    NO_SUCH_DAY,
    NO_SUCH_ISO_DAY,
    import_file,
)
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

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


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_a_json_line_cut_short_is_said_to_end_before_its_object_not_to_go_wrong_at_its_first_character(
    app: CareerLog, tmp_path: Path, ending: bytes
) -> None:
    """(Found by an HR tester: a line without its closing brace "goes wrong at character 1 of the line", the parser's
    column on the line after its line break.)"""
    path = tmp_path / "training.jsonl"
    line = b'{"kind":"training","nip":"198201192011011001", "effective_date":"2026-10-20"'
    path.write_bytes(line + ending)
    [problem] = import_file(app, path, actor="hr").rejected
    [reason] = problem.errors["line"]
    assert reason.startswith("This line ends before its JSON object does (after its 76 characters): "), reason
    assert "character 1 " not in reason


@pytest.mark.parametrize("typed", ["31.02.2024", "31-02-2024", "31/02/2024", "30 Februari 2024"])
def test_a_day_written_day_first_that_does_not_exist_is_refused_saying_so(
    app: CareerLog, tmp_path: Path, typed: str
) -> None:
    appoint(app, tmp_path)
    path = tmp_path / "training.csv"
    path.write_text(f"{HEADER}\r\n{BUDI};TEKNIS;Arsip;BKPSDM;8;04/03/2024;{typed};D-1\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 0
    [problem] = report.rejected
    assert problem.errors == {"effective_date": [NO_SUCH_DAY]}
    assert problem.values == {"effective_date": typed}
    assert problem.describe().count(typed) == 1  # (once: as written, beside the reason)


def test_a_date_a_comma_file_writes_either_way_round_is_refused_saying_so(app: CareerLog, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    path = tmp_path / "training.csv"
    header = HEADER.replace(";", ",")
    path.write_text(f"{header}\r\n{BUDI},TEKNIS,Arsip,BKPSDM,8,17.02.2024,06.05.2024,D-1\r\n", encoding="utf-8")
    [problem] = import_file(app, path, actor="hr").rejected
    assert problem.errors == {"effective_date": [EITHER_WAY]}
    assert problem.values == {"effective_date": "06.05.2024"}


def test_a_refused_date_of_a_json_lines_file_names_its_one_form(app: CareerLog, tmp_path: Path) -> None:
    """A JSON Lines file reads YYYY-MM-DD alone: a date of another form is told that form, not a CSV file's forms too
    (until 2026-12-05 it was IMPORT_DATE); one of that form that is no day (month 13), NO_SUCH_ISO_DAY."""
    appoint(app, tmp_path)
    path = tmp_path / "training.jsonl"
    rows = [{"kind": "training", "nip": BUDI, **f.training(day)} for day in ("2024-13-01", "17 Agustus 2021")]
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    first, second = import_file(app, path, actor="hr").rejected
    assert first.errors["effective_date"] == [NO_SUCH_ISO_DAY]
    assert first.values is not None
    assert first.values["effective_date"] == "2024-13-01"
    assert second.errors["effective_date"] == [IMPORT_DATE_JSONL]
    assert "CSV" not in IMPORT_DATE_JSONL

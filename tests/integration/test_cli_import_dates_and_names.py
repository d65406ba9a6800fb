"""`careerlog import` of a spreadsheet as an Indonesian HR office keeps it: dates day first with slashes, dots,
dashes or the month's name, names with titles and honorifics. The good rows are recorded; a refused row is named
once with every problem the import can tell, each cell shown once, as written in the file; what was recorded
before is left as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.importing import EITHER_WAY, NO_SUCH_DAY, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

SITI = f.nip(sex="F")
HEADER = "No;NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def appoint(app: CareerLog, tmp_path: Path) -> None:
    row = {"kind": "appointment", "nip": SITI, **f.appointment(sex="F", name="Siti Rahma")}
    (tmp_path / "appointment.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    assert import_file(app, tmp_path / "appointment.jsonl", actor="hr").recorded == 1


def sheet(tmp_path: Path, *rows: str, separator: str = ";") -> Path:
    path = tmp_path / "training.csv"
    lines = [HEADER, *rows]
    path.write_text("\r\n".join(line.replace(";", separator) for line in lines) + "\r\n", encoding="utf-8")
    return path


def run(database_url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", *args], env={"CAREERLOG_DATABASE_URL": database_url})
    return result.exit_code, result.output


def test_day_first_dates_and_names_with_titles_are_recorded(app: CareerLog, database_url: str, tmp_path: Path) -> None:
    appoint(app, tmp_path)
    path = sheet(
        tmp_path,
        f"1;{SITI};Dr. Siti Rahma, S.E., M.M.;TEKNIS;Arsip;BKPSDM;8;16.08.2021;17.08.2021;C-1",
        f"2;{SITI};Hj. SITI RAHMA;TEKNIS;Arsip Dinamis;BKPSDM;8;16-08-2021;17-08-2021;C-2",  # (not C-1's training)
        f"3;{SITI};Siti Rahma;TEKNIS;Arsip;BKPSDM;8;6/8/2021;7/8/2021;C-3",
        f"4;{SITI};Siti Rahma;TEKNIS;Arsip Statis;BKPSDM;8;16 Agustus 2021;17 Agustus 2021;C-4",
    )
    code, output = run(database_url, str(path))
    summary = ["4 rows: recorded 4, already recorded 0, rejected 0", "recorded, by kind:", "  Training  4"]
    assert (code, summary) == (0, output.strip("\n").splitlines()[-3:])
    days = {
        x.values["reference"]: (x.values["start_date"], x.values["effective_date"])
        for x in app.get_employee(SITI).active_facts()
        if x.kind == "training"
    }
    assert days == {
        "C-1": (date(2021, 8, 16), date(2021, 8, 17)),
        "C-2": (date(2021, 8, 16), date(2021, 8, 17)),
        "C-3": (date(2021, 8, 6), date(2021, 8, 7)),
        "C-4": (date(2021, 8, 16), date(2021, 8, 17)),
    }


def test_a_refused_row_names_every_problem_once_with_the_cells_as_written(
    app: CareerLog, database_url: str, tmp_path: Path
) -> None:
    appoint(app, tmp_path)
    before = [x.values for x in app.get_employee(SITI).active_facts()]
    path = sheet(
        tmp_path,
        f"1;{SITI};Siti Aminah;TEKNIS;;;8;17/08/2031;17/08/2031;R-1",  # another's name, no title, future
        f"2;{SITI};Siti Rahma;TEKNIS;Arsip;BKPSDM;8;01.02.2021;31.02.2021;R-2",
    )
    report = tmp_path / "report.json"
    code, output = run(database_url, "--report", str(report), str(path))
    assert code == 1
    [first, second] = [line for line in output.splitlines() if line.startswith("line ")]
    assert first.startswith("line 2: name: 'Siti Aminah' is not the name recorded for NIP ")
    assert first.index("name:") < first.index("effective_date:") < first.index("title:") < first.index("organiser:")
    assert "effective_date: 2031-08-17 is in the future. (typed: '17/08/2031')" in first
    assert first.count("17/08/2031") == 1
    assert second == f"line 3: effective_date: {NO_SUCH_DAY} (typed: '31.02.2021')"
    rejected = orjson.loads(report.read_bytes())["rejected"]
    assert [problem["values"] for problem in rejected] == [
        {"effective_date": "17/08/2031"},
        {"effective_date": "31.02.2021"},
    ]
    assert [x.values for x in app.get_employee(SITI).active_facts()] == before


def test_a_comma_file_refuses_a_date_that_reads_both_ways_and_reads_the_others(
    app: CareerLog, database_url: str, tmp_path: Path
) -> None:
    appoint(app, tmp_path)
    path = sheet(
        tmp_path,
        f"1;{SITI};Siti Rahma;TEKNIS;Arsip;BKPSDM;8;17.08.2021;17.08.2021;K-1",
        f"2;{SITI};Siti Rahma;TEKNIS;Arsip;BKPSDM;8;06/05/2021;06/05/2021;K-2",
        separator=",",
    )
    code, output = run(database_url, str(path))
    assert code == 1
    assert f"line 3: start_date: {EITHER_WAY} (typed: '06/05/2021'); effective_date: {EITHER_WAY}" in output
    summary = ["2 rows: recorded 1, already recorded 0, rejected 1", "recorded, by kind:", "  Training  1"]
    assert output.strip("\n").splitlines()[-3:] == summary

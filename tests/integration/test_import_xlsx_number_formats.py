"""A workbook's number cells are imported as Excel shows them (careerlog.workbooks.shown_number): a rating's score of
0.85 formatted as a percentage (shown 85%) is a score of 85, a reference typed 007 in a column formatted 000 (the
number 7) is "007", a region 12.10 formatted 0.00 (the number 12.1) is 12.10; a CSV's score written "85%" (as Excel
saves that cell, or as typed) is 85 too. The score was refused as outside its band (0.85, typed: '0.85'; the CSV's
"Not a valid number."), the reference recorded as "7". Both stores."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from tests import factories as f
from tests.integration.test_cli import run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = ["NIP", "Tahun", "Predikat", "Nilai", "TMT", "Nomor SK"]


def ratings(app: CareerLog, nip: str) -> list[dict[str, object]]:
    employee = app.get_employee(nip)
    assert employee is not None
    return [dict(fact.values) for fact in employee.active_facts() if fact.kind == "performance_rating"]


def saved_workbook(path: Path, rows: list[list[object]], formats: dict[str, str]) -> Path:
    """A workbook of the rows, its cells named in `formats` given those number formats, saved at `path`."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for cell, number_format in formats.items():
        book.active[cell].number_format = number_format
    saved = io.BytesIO()
    book.save(saved)
    path.write_bytes(saved.getvalue())
    return path


def test_a_score_formatted_as_a_percentage_and_a_reference_formatted_with_zeros_are_recorded_as_shown(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [HEADER, [nip, 2019, "Baik", 0.85, "2019-12-31", 7]]
    path = saved_workbook(tmp_path / "penilaian_kinerja.xlsx", rows, {"D2": "0%", "F2": "000"})
    result = run(database_url, "import", str(path))
    assert result.exit_code == 0, result.output
    [rating] = ratings(app, nip)
    assert (str(rating["score"]), rating["reference"]) == ("85", "007")


@pytest.mark.parametrize(("cell", "score"), [("85%", "85"), ("85,5 %", "85.5")])
def test_a_csv_score_written_with_a_percent_sign_is_recorded_as_its_number(
    database_url: str, app: CareerLog, tmp_path: Path, cell: str, score: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "penilaian_kinerja.csv"
    lines = [HEADER, [nip, "2019", "Baik", cell, "31/12/2019", "SKP-2019-1"]]
    path.write_text("".join(";".join(line) + "\r\n" for line in lines), encoding="utf-8")
    result = run(database_url, "import", str(path))
    assert result.exit_code == 0, result.output
    [rating] = ratings(app, nip)
    assert str(rating["score"]) == score


def test_a_cost_written_with_a_percent_sign_is_refused_naming_the_cost(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "pelatihan.csv"
    header = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]
    lines = [
        [*header, "No Sertifikat", "Biaya"],
        [nip, "Teknis", "Arsip", "BKPSDM", "8", "01/02/2021", "02/02/2021", "C-1", "85%"],
    ]
    path.write_text("".join(";".join(line) + "\r\n" for line in lines), encoding="utf-8")
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1
    assert "line 2: cost: Not a valid number. (typed: '85%')" in result.output
    assert app.get_employee(nip).version == 1  # type: ignore[union-attr]


def test_a_whole_number_in_a_cell_formatted_with_decimals_is_read_without_them(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    """A status code 2 (CLTN's SIASN 02) in a cell formatted 0.00 (shown 2.00) was read as "2.00", refused as an
    unknown code; a golongan 32 as "32.00", a region 12 as "12.00" alike. No decimals are put on a whole number."""
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    rows = [["NIP", "status", "effective_date", "reference"], [nip, 2, "2024-03-01", "ST-1"]]
    result = run(database_url, "import", str(saved_workbook(tmp_path / "status_change.xlsx", rows, {"B2": "0.00"})))
    assert result.exit_code == 0, result.output
    employee = app.get_employee(nip)
    assert employee is not None
    [changed] = [fact for fact in employee.active_facts() if fact.kind == "status_change"]
    assert changed.values["status"] == "UNPAID_LEAVE"


def rating_workbook(tmp_path: Path, *nips: str) -> Path:
    rows = [HEADER, *([nip, 2019, "Baik", 85, "2019-12-31", 7] for nip in nips)]
    formats = {f"F{row}": "000" for row in range(2, len(nips) + 2)}
    return saved_workbook(tmp_path / "penilaian_kinerja.xlsx", rows, formats)


def test_a_workbook_imported_again_finds_the_reference_an_earlier_import_recorded_bare(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    """A reference typed 7 in a column formatted 000 was recorded as '7' by an import before 2026-12-05, and is read
    '007' since: the same workbook imported again recorded each such row a second time ('7' and '007'). The row now
    names the fact recorded under the bare number, when the record holds one: already recorded. A record holding
    none records '007'."""
    earlier, other = f.nip(), f.nip()
    for nip in (earlier, other):
        app.record(nip, "appointment", f.appointment(), actor="hr")
    before = {"year": 2019, "predicate": "BAIK", "score": "85", "effective_date": "2019-12-31", "reference": "7"}
    app.record(earlier, "performance_rating", before, actor="hr")  # (as the import read the cell before)
    result = run(database_url, "import", str(rating_workbook(tmp_path, earlier, other)))
    assert result.exit_code == 0, result.output
    assert "recorded 1, already recorded 1, rejected 0" in result.output
    assert [r["reference"] for r in ratings(app, earlier)] == ["7"]
    assert [r["reference"] for r in ratings(app, other)] == ["007"]
    again = run(database_url, "import", str(rating_workbook(tmp_path, earlier, other)))
    assert "recorded 0, already recorded 2, rejected 0" in again.output, again.output

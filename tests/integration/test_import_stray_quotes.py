"""A stray quote mark in a CSV file (an earlier session's gap): Python's csv module read `Pelatihan "Arsip` as the
text `Pelatihan "Arsip` and recorded it, and a cell opened by a quote mark never closed took the lines after it into
that one cell (the rows on them lost, the row named by its last line, or recorded with the other rows in one cell).
The import now refuses such a row at its own line, naming the column and why, records nothing of it, and reads the
lines after it as rows of their own; a header breaking the rules refuses the file. The command and a dry run alike,
with one process or two (the page and the API: tests/functional/test_import_page_stray_quotes.py)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.importing import (
    HEADER_QUOTE,
    QUOTATION_OPENS_CELL,
    QUOTED_CELL_QUOTE,
    ROWS_RUN_TOGETHER,
    STRAY_QUOTE,
    UNCLOSED_QUOTE,
    import_file,
)
from tests.integration.test_cli import APPOINTMENT, NIP, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "NIP,Jenis Diklat,Nama Diklat,Penyelenggara,JP,Tanggal Mulai,Tanggal Selesai,No Sertifikat,Keterangan"


def row(reference: str, title: str = "Pengelolaan Arsip", note: str = "") -> str:
    # (each row's organiser its own, no training recorded twice: rule training.duplicate)
    return f"{NIP},TEKNIS,{title},BKPSDM Kota Medan {reference},8,2015-05-01,2015-05-02,{reference},{note}"


def appointed(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "appointment.jsonl"
    path.write_bytes(orjson.dumps(APPOINTMENT) + b"\n")
    assert run(database_url, "import", str(path)).exit_code == 0


def sheet(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "training.csv"
    path.write_text("\r\n".join([HEADER, *lines]) + "\r\n", encoding="utf-8")
    return path


def titles(database_url: str) -> dict[str, str]:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        employee = app.get_employee(NIP)
        assert employee is not None
        facts = employee.active_facts()
    return {x.values["reference"]: x.values["title"] for x in facts if x.kind == "training"}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_quote_mark_inside_a_cell_not_opened_by_one_refuses_its_row_naming_line_and_column(
    database_url: str, tmp_path: Path, workers: str
) -> None:
    appointed(database_url, tmp_path)
    path = sheet(tmp_path, row("Q-1"), row("Q-2", title='Pelatihan "Arsip'), row("Q-3"))
    result = run(database_url, "import", "--workers", workers, str(path))
    assert result.exit_code == 1, result.output
    assert f"line 3: title: {STRAY_QUOTE} (typed: 'Pelatihan \"Arsip')" in result.output
    assert "3 rows: recorded 2, already recorded 0, rejected 1" in result.output
    assert titles(database_url) == {"Q-1": "Pengelolaan Arsip", "Q-3": "Pengelolaan Arsip"}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("closed", ["never", "by a later cell's quote"])
def test_a_quote_mark_never_closed_refuses_its_line_and_the_lines_after_it_are_read_as_rows(
    database_url: str, tmp_path: Path, workers: str, closed: str
) -> None:
    appointed(database_url, tmp_path)
    last = row("Q-4", note='"lihat SK"') if closed != "never" else row("Q-4")
    path = sheet(tmp_path, row("Q-1"), row("Q-2", title='"Pelatihan Arsip'), row("Q-3"), last)
    result = run(database_url, "import", "--workers", workers, str(path))
    assert result.exit_code == 1, result.output
    reason = UNCLOSED_QUOTE.reason(first=3, last=5)
    assert f"line 3: title: {reason} (typed: '\"Pelatihan Arsip')" in result.output
    assert "4 rows: recorded 3, already recorded 0, rejected 1" in result.output
    assert sorted(titles(database_url)) == ["Q-1", "Q-3", "Q-4"]


def test_a_quote_closed_lines_later_by_a_stray_quote_records_nothing_of_the_lines_between(
    database_url: str, tmp_path: Path
) -> None:
    """`"Pelatihan Arsip` closed by `Q-4"` two lines later reads by the csv rules as one cell over three lines, a
    row of fewer cells than the header: refused as never closed, not recorded with the other rows in its title."""
    appointed(database_url, tmp_path)
    path = sheet(tmp_path, row("Q-2", title='"Pelatihan Arsip'), row("Q-3"), f'{NIP},TEKNIS,Arsip,B,8,2015-05-01"')
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert f"line 2: title: {UNCLOSED_QUOTE.reason(first=2, last=4)}" in result.output
    assert "line 4: " in result.output  # (read as a row of its own: its stray quote refused)
    assert sorted(titles(database_url)) == ["Q-3"]


@pytest.mark.parametrize("separator", [",", "\t"], ids=["commas", "tabs"])
def test_a_stray_quote_closed_by_another_in_the_same_column_lines_later_loses_no_row(
    database_url: str, tmp_path: Path, separator: str
) -> None:
    """`"Pelatihan Arsip` on line 3 closed by `Arsip Digital"` on line 5, in the same column: read by the csv rules
    as one record of the header's width, its title taking in line 3's other cells, a line break and line 4's whole
    row, its other cells line 5's. It was read as a row and recorded as Q-5 with that title: the rows of lines 3
    and 4 lost without a word. Now line 3 is refused naming the lines run together and why, and the lines after it
    are read as rows of their own: line 4 recorded, line 5's stray quote refused. No row vanishes."""
    appointed(database_url, tmp_path)
    lines = [row("Q-1"), row("Q-3", title='"Pelatihan Arsip'), row("Q-4"), row("Q-5", title='Arsip Digital"')]
    path = sheet(tmp_path, *lines)
    path.write_text(path.read_text(encoding="utf-8").replace(",", separator), encoding="utf-8")
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    reason = ROWS_RUN_TOGETHER.reason(first=3, last=5, next=4)
    assert f"line 3: title: {reason} (typed: '\"Pelatihan Arsip')" in result.output
    assert f"line 5: title: {STRAY_QUOTE}" in result.output
    assert "4 rows: recorded 2, already recorded 0, rejected 2" in result.output
    assert titles(database_url) == {"Q-1": "Pengelolaan Arsip", "Q-4": "Pengelolaan Arsip"}


def test_a_quote_closed_lines_later_in_a_record_wider_than_the_header_names_its_first_line(
    app: CareerLog, tmp_path: Path
) -> None:
    """`"Arsip` on line 2 closed by `lanjutan"` at the start of line 3 (a line of one cell fewer than the header)
    reads as one record of more cells than the header: it was refused as `line 3: line: More cells than header
    columns.`, line 2's row named nowhere. Line 2 is now refused at its own line and line 3 read as a row of its
    own (its stray quote refused): each line is named."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    lines = [row("Q-1", title='"Arsip'), 'lanjutan",TEKNIS,Arsip,BKPSDM Kota Medan,8,2015-05-01,2015-05-02,Q-2']
    report = import_file(app, sheet(tmp_path, *lines), actor="hr", dry_run=True)
    assert [(p.line, p.errors) for p in report.rejected] == [
        (2, {"title": [UNCLOSED_QUOTE.reason(first=2, last=3)]}),
        (3, {"nip": [STRAY_QUOTE]}),
    ]


def test_a_dry_run_reports_the_stray_quote_and_records_nothing(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    before = app.max_notification_id()
    path = sheet(tmp_path, row("Q-1"), row("Q-2", title='"Pelatihan Arsip'), row("Q-3", title='Arsip "Digital'))
    report = import_file(app, path, actor="hr", dry_run=True)
    assert [(p.line, p.errors) for p in report.rejected] == [
        (3, {"title": [UNCLOSED_QUOTE.reason(first=3, last=4)]}),
        (4, {"title": [STRAY_QUOTE]}),
    ]
    assert (report.rows, report.recorded) == (3, 1)
    assert app.max_notification_id() == before


def test_a_header_breaking_the_quoting_rules_refuses_the_file(database_url: str, tmp_path: Path) -> None:
    appointed(database_url, tmp_path)
    path = tmp_path / "training.csv"
    path.write_text(HEADER.replace("Nama Diklat", '"Nama Diklat') + "\r\n" + row("Q-1") + "\r\n", encoding="utf-8")
    result = run(database_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert f"line 1: line: {HEADER_QUOTE}" in result.output
    assert titles(database_url) == {}


def test_quote_marks_as_the_csv_rules_write_them_are_read_and_recorded(database_url: str, tmp_path: Path) -> None:
    """A cell between quote marks holding doubled quote marks, separators and a line break (a remark typed over two
    lines), as a spreadsheet saves it, is read as it always was: no false alarm."""
    appointed(database_url, tmp_path)
    note = '"baris satu,\r\nbaris ""dua"""'
    path = sheet(tmp_path, row("Q-1", title='"Pelatihan ""Smart ASN"", Angkatan I"  ', note=note), row("Q-2"))
    result = run(database_url, "import", str(path))
    assert result.exit_code == 0, result.output
    assert titles(database_url) == {"Q-1": 'Pelatihan "Smart ASN", Angkatan I', "Q-2": "Pengelolaan Arsip"}


def test_a_cell_over_lines_in_a_row_short_of_cells_is_refused_saying_to_write_its_empty_cells_out(
    app: CareerLog, tmp_path: Path
) -> None:
    """A row over two lines that leaves its empty last cells out reads as a quote closed lines later by a stray one
    (the two differ only in the row's width): refused, its reason saying how to write the row so that it is read;
    with its empty cell's separator written out it is read and recorded."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    short = f'{NIP},TEKNIS,"Arsip\r\nlanjutan",BKPSDM Kota Medan,8,2015-05-01,2015-05-02,Q-1'
    reason = UNCLOSED_QUOTE.reason(first=2, last=3)
    assert "write out the separators of its empty cells" in reason
    report = import_file(app, sheet(tmp_path, short), actor="hr", dry_run=True)
    assert (report.rejected[0].line, report.rejected[0].errors) == (2, {"title": [reason]})
    assert report.recorded == 0
    report = import_file(app, sheet(tmp_path, short + ","), actor="hr")
    assert (report.rejected, report.recorded) == ([], 1)
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [x.values["title"] for x in employee.active_facts() if x.kind == "training"] == ["Arsip\r\nlanjutan"]


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("separator", [",", ";"], ids=["commas", "semicolons"])
def test_quote_marks_in_pairs_within_a_cell_not_opened_by_one_are_read_as_written(
    database_url: str, tmp_path: Path, workers: str, separator: str
) -> None:
    """`Pelatihan "Kepemimpinan" Tingkat III` typed in a cell not written between quote marks (a hand-written CSV, a
    spreadsheet's text typed so) was refused as breaking the CSV rules, where the same title in curly quotes was
    recorded: the reader takes a quote mark within such a cell as a letter, and a pair of them can open no cell over
    the separators or lines after it. Read and recorded as written; a lone one is still refused (test above)."""
    appointed(database_url, tmp_path)
    title = 'Pelatihan "Kepemimpinan" Tingkat III'
    path = sheet(tmp_path, row("Q-1", title=title), row("Q-2", title="Pelatihan “Kepemimpinan” Tingkat III"))
    path.write_text(path.read_text(encoding="utf-8").replace(",", separator), encoding="utf-8")
    result = run(database_url, "import", "--workers", workers, str(path))
    assert result.exit_code == 0, result.output
    assert titles(database_url) == {"Q-1": title, "Q-2": "Pelatihan “Kepemimpinan” Tingkat III"}


def test_a_cell_between_quote_marks_holding_quote_marks_not_doubled_says_how_to_write_it(
    app: CareerLog, tmp_path: Path
) -> None:
    """`"Pelatihan "Kepemimpinan" Tingkat III"`: the reader would take the quote mark before Kepemimpinan as the
    cell's end and keep the others as letters (`Pelatihan Kepemimpinan" Tingkat III"`). Refused, the reason saying
    both ways to write it: each quote mark within doubled, or the cell without the quote marks around it."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    path = sheet(tmp_path, row("Q-1", title='"Pelatihan "Kepemimpinan" Tingkat III"'))
    report = import_file(app, path, actor="hr", dry_run=True)
    assert [(p.line, p.errors) for p in report.rejected] == [(2, {"title": [QUOTED_CELL_QUOTE]})]
    assert '"Pelatihan ""Smart ASN"" Angkatan I"' in str(QUOTED_CELL_QUOTE)
    assert 'remove the quote marks around it (Pelatihan "Smart ASN" Angkatan I' in str(QUOTED_CELL_QUOTE)


@pytest.mark.parametrize("title", ['"Smart ASN" Angkatan I', ' "Smart ASN" Angkatan I'], ids=["first", "spaced"])
def test_a_cell_opening_with_a_quotation_says_how_to_write_it(app: CareerLog, tmp_path: Path, title: str) -> None:
    """`"Smart ASN" Angkatan I`: no quote marks surround the cell, and one opened by a quote mark is never read
    unquoted, so the advice of a cell between quote marks (remove the quote marks around it) was wrong (until
    2026-12-07). Refused saying to quote the whole cell, its own quote marks doubled, or not to open it with the
    quotation."""
    app.record(NIP, "appointment", {k: v for k, v in APPOINTMENT.items() if k not in ("kind", "nip")}, actor="hr")
    report = import_file(app, sheet(tmp_path, row("Q-1", title=title)), actor="hr", dry_run=True)
    assert [(p.line, p.errors) for p in report.rejected] == [(2, {"title": [QUOTATION_OPENS_CELL]})]
    assert '"""Smart ASN"" Angkatan I"' in str(QUOTATION_OPENS_CELL)
    assert "remove the quote marks around it" not in str(QUOTATION_OPENS_CELL)


def test_a_lone_quote_mark_is_refused_saying_to_remove_it_or_add_its_pair() -> None:
    assert "without its pair" in str(STRAY_QUOTE)
    assert 'Remove it, or close the quotation with a second one (Pelatihan "Smart ASN" Angkatan I' in str(STRAY_QUOTE)

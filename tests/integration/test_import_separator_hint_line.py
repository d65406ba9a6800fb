"""A CSV file whose first line names its separator for a spreadsheet (`sep=;`, `sep=,`, `sep=<tab>`: Excel reads
and writes it, and so do some exporters, so that Excel splits the columns whatever its locale) is read with the
separator it names, its rows numbered by their own lines in the file. Until 2026-12-04 the line was taken for the
header and refused as a title ("Line 1 holds one cell, 'sep='"): nothing was read. The hint wins over the separator
the header shows; the refused rows come back by those lines (`careerlog import --refused`). Found by helper
hunt-hr. Both stores."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file, read_csv
from careerlog.refused_rows import csv_lines
from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference"]


def lines(separator: str, nip: str) -> list[str]:
    return [
        separator.join(COLUMNS),
        separator.join([nip, "TEKNIS", "Arsip", "BKPSDM", "8", "2021-10-01", "2021-10-02", "SEP-1"]),
        separator.join([nip, "TEKNIS", "Arsip dinamis", "BKPSDM", "delapan", "2021-11-01", "2021-11-02", "SEP-2"]),
    ]


@pytest.mark.parametrize("separator", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_a_separator_hint_line_names_the_separator_and_the_rows_keep_their_lines(
    app: CareerLog, tmp_path: Path, separator: str
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(), actor="hr")
    path = tmp_path / "pelatihan.csv"
    path.write_bytes(("\r\n".join([f"sep={separator}", *lines(separator, nip)]) + "\r\n").encode("utf-8-sig"))
    report = import_file(app, path, actor="hr")
    assert report.recorded == 1
    [problem] = report.rejected
    assert (problem.line, list(problem.errors)) == (4, ["hours"])  # (line 4 of the file: the hint is line 1)
    employee = app.get_employee(nip)
    assert employee is not None
    assert [fact.values["reference"] for fact in employee.active_facts() if fact.kind == "training"] == ["SEP-1"]


def test_the_hint_wins_over_the_separator_the_header_shows() -> None:
    # a header with a comma in a column's name (careerlog's reasons column, read in any punctuation) and semicolons
    header = ";".join([*COLUMNS, '"Alasan penolakan, careerlog"'])
    text = f"sep=;\r\n{header}\r\n{lines(';', NIP)[1]};\r\n"
    [(line, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))[1:]  # (after the reasons column's note)
    assert line == 3
    assert isinstance(row, dict)
    assert (row["nip"], row["title"], row["reference"]) == (NIP, "Arsip", "SEP-1")


def test_a_title_below_the_hint_is_refused_at_its_own_line() -> None:
    [(line, problem, _)] = list(read_csv(io.BytesIO(b"sep=;\r\nDAFTAR DIKLAT 2021;;;\r\n"), "training"))
    assert line == 2
    assert "Line 2 holds one cell, 'DAFTAR DIKLAT 2021': a title" in str(problem)


def test_the_refused_rows_of_a_file_with_a_hint_come_back_by_their_lines(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "appointment.jsonl", APPOINTMENT))).exit_code == 0
    source, refused = tmp_path / "diklat.csv", tmp_path / "diklat-ditolak.csv"
    source.write_bytes(("\r\n".join(["sep=;", *lines(";", NIP)]) + "\r\n").encode())
    result = run(database_url, "import", "--kind", "training", "--refused", str(refused), str(source))
    assert result.exit_code == 1, result.output
    assert "line 4: hours:" in result.output
    written = refused.read_bytes().decode("utf-8-sig").split("\r\n")
    assert written[0] == ";".join(COLUMNS) + ";Refusal reasons (careerlog)"  # (no hint line: the header first)
    [row] = list(csv.reader(written[1:-1], delimiter=";"))
    assert row[:-1] == [f'="{NIP}"' if cell == NIP else cell for cell in lines(";", NIP)[2].split(";")]  # (="...")


@pytest.mark.parametrize(
    ("hint", "separator"),
    [
        ("sep=;;;", ";"),  # the hint with the row's empty cells, as a spreadsheet that took it for a cell saves it
        ("sep=;;;;;;;", ";"),
        ('"sep=;";;;', ";"),  # the cell between quote marks, as it holds the separator
        ("sep=,,,", ","),
        ("sep=\t\t", "\t"),
        ("sep=;,,,", ","),  # read as one cell in a file of commas, and saved with commas: its cells say the file's
        ("sep=; ", ";"),
    ],
    ids=["semicolons", "many-semicolons", "quoted", "commas", "tabs", "saved-with-commas", "trailing-space"],
)
def test_a_separator_hint_with_empty_cells_after_it_is_read_as_the_hint(hint: str, separator: str) -> None:
    text = "\r\n".join([hint, *lines(separator, NIP)]) + "\r\n"
    [(line, row, _), (next_line, next_row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert (line, next_line) == (3, 4), row
    assert isinstance(row, dict)
    assert isinstance(next_row, dict)
    assert (row["nip"], row["title"], row["reference"]) == (NIP, "Arsip", "SEP-1")
    assert (next_row["hours"], next_row["reference"]) == ("delapan", "SEP-2")


def test_the_refused_rows_of_a_file_with_a_hint_and_empty_cells_start_at_the_header() -> None:
    text = "\r\n".join(["sep=;;;;;;;", *lines(";", NIP)]) + "\r\n"
    header, records, delimiter = csv_lines(io.StringIO(text, newline=""), {4})
    assert (header, delimiter) == (COLUMNS, ";")
    assert records == {4: lines(";", NIP)[2].split(";")}

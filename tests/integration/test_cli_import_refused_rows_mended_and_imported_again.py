"""`careerlog import FILE --refused OUT` writes the refused rows to OUT as the import page's download writes them
(careerlog.refused_rows): a CSV file's own header, separator, cells and order, with careerlog's reasons column
("Refusal reasons (careerlog)", the command's English), UTF-8 with a byte-order mark; a JSON Lines file's refused
lines as written. HR mends OUT and imports it again: its rows are recorded and no refused file is written. Before,
the command line gave the refused rows only as messages and a JSON report, to pick out of a large file by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = "No;NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat;Keterangan"
GOOD = f"1;'{NIP};TEKNIS;Arsip;BKPSDM;8;15/11/2021;19/11/2021;CLI-GOOD-1;baik"
BAD_DAY = f"2;'{NIP};TEKNIS;Arsip dinamis;BKPSDM;8;15/11/2021;31/11/2021;CLI-BAD-1;cek tanggal"
NO_TITLE = f'3;\'{NIP};TEKNIS;;"BKPSDM; Medan";8;01/03/2022;04/03/2022;CLI-BAD-2;'


def appointed(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "appointment.jsonl", APPOINTMENT))).exit_code == 0


def test_csv_refused_rows_written_mended_and_imported_again_are_recorded(database_url: str, tmp_path: Path) -> None:
    appointed(database_url, tmp_path)
    source, refused = tmp_path / "diklat.csv", tmp_path / "diklat-ditolak.csv"
    source.write_bytes(("\r\n".join([HEADER, GOOD, BAD_DAY, NO_TITLE]) + "\r\n").encode())
    result = run(database_url, "import", "--kind", "training", "--refused", str(refused), str(source))
    assert result.exit_code == 1, result.output
    assert "3 rows: recorded 1, already recorded 0, rejected 2" in result.output
    assert f"refused rows: written to {refused}" in result.output
    data = refused.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, as the page's download
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == HEADER + ";Refusal reasons (careerlog)"
    rows = list(csv.reader(lines[1:-1], delimiter=";"))
    assert [r[:-1] for r in rows] == list(csv.reader([BAD_DAY, NO_TITLE], delimiter=";"))  # the cells as written
    assert "effective_date:" in rows[0][-1]
    assert "'31/11/2021'" in rows[0][-1]  # (the reason says what was typed)
    assert "title:" in rows[1][-1]

    mended = io.StringIO(newline="")  # as HR fixes them in the spreadsheet, careerlog's column left in
    writer = csv.writer(mended, delimiter=";", lineterminator="\r\n")
    writer.writerow(lines[0].split(";"))
    writer.writerow([cell.replace("31/11/2021", "30/11/2021") for cell in rows[0]])
    writer.writerow([*rows[1][:3], "Kearsipan", *rows[1][4:]])
    again, refused_again = tmp_path / "diklat-diperbaiki.csv", tmp_path / "diklat-diperbaiki-ditolak.csv"
    again.write_bytes(b"\xef\xbb\xbf" + mended.getvalue().encode())
    before = last_position(database_url)
    result = run(database_url, "import", "--kind", "training", "--refused", str(refused_again), str(again))
    assert result.exit_code == 0, result.output
    assert "2 rows: recorded 2, already recorded 0, rejected 0" in result.output
    assert f"refused rows: no row was refused; {refused_again} not written." in result.output
    assert not refused_again.exists()
    assert last_position(database_url) == before + 2


def test_jsonl_refused_lines_written_mended_and_imported_again_are_recorded(database_url: str, tmp_path: Path) -> None:
    good = {"kind": "training", "nip": NIP, **f.training("2015-05-02", start="2015-05-01")}
    bad = {"kind": "training", "nip": NIP, **f.training("2016-05-02", start="2016-05-01", hours="delapan")}
    source, refused = tmp_path / "events.jsonl", tmp_path / "ditolak.jsonl"
    source.write_bytes(
        orjson.dumps(APPOINTMENT) + b"\n" + orjson.dumps(good) + b"\n\n" + b'{"kind": "training",\n' + orjson.dumps(bad)
    )  # (a blank line, a line that is no JSON, the last line without its newline)
    result = run(database_url, "import", "--refused", str(refused), str(source))
    assert result.exit_code == 1, result.output
    assert "rejected 2" in result.output
    assert refused.read_bytes() == b'{"kind": "training",\n' + orjson.dumps(bad) + b"\n"  # as written, one a line

    mended = tmp_path / "diperbaiki.jsonl"
    mended.write_bytes(orjson.dumps({**bad, "hours": 8}) + b"\n")
    before = last_position(database_url)
    result = run(database_url, "import", "--refused", str(tmp_path / "again.jsonl"), str(mended))
    assert result.exit_code == 0, result.output
    assert "no row was refused" in result.output
    assert not (tmp_path / "again.jsonl").exists()
    assert last_position(database_url) == before + 1


@pytest.mark.parametrize("same", ["input", "report"])
def test_refused_rows_that_would_overwrite_the_input_or_report_are_refused_naming_the_option(
    database_url: str, tmp_path: Path, same: str
) -> None:
    source = tmp_path / "diklat.csv"
    source.write_text(HEADER + "\n" + BAD_DAY + "\n")
    report = tmp_path / "report.json"
    out = source if same == "input" else report
    result = run(
        database_url, "import", "--kind", "training", "--report", str(report), "--refused", str(out), str(source)
    )
    assert result.exit_code == 2, result.output
    assert "Invalid value for --refused: the refused rows would overwrite the" in result.output
    assert source.read_text() == HEADER + "\n" + BAD_DAY + "\n"
    assert last_position(database_url) == 0


def test_refused_rows_into_no_directory_are_refused_before_anything_is_recorded(
    database_url: str, tmp_path: Path
) -> None:
    result = run(
        database_url,
        "import",
        "--refused",
        str(tmp_path / "none" / "ditolak.jsonl"),
        str(write(tmp_path / "a.jsonl", APPOINTMENT)),
    )
    assert result.exit_code == 1, result.output
    assert "ditolak.jsonl: no such directory." in result.output
    assert last_position(database_url) == 0

"""`careerlog import` of files in the encodings Windows tools save: what is recorded and what is said.

A UTF-16 file is refused with a message naming the file and exit 1, nothing recorded, with one
process or several; a JSON Lines file with a UTF-8 byte-order mark is imported whole; a CSV row
with a Windows-1252 byte is rejected at its own line and column while the other rows are
recorded (tests/unit/test_import_encodings.py has the reading itself); a CSV an Indonesian spreadsheet
saved with semicolons records its costs and dates as written there ("1.500.000,50", "06/05/2024").
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def lines(*items: dict[str, object]) -> bytes:
    return b"".join(orjson.dumps(i) + b"\n" for i in items)


TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=8, start="2015-05-01")}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_utf16_file_is_refused_with_its_name_and_exit_1_and_nothing_is_recorded(
    database_url: str, tmp_path: Path, workers: str
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(lines(APPOINTMENT, TRAINING).decode().encode("utf-16"))
    result = run(database_url, "import", "--workers", workers, str(path))
    assert result.exit_code == 1, result.output
    assert "file: The file is UTF-16 text" in result.output
    assert "Traceback" not in result.output
    assert last_position(database_url) == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_json_lines_file_with_a_utf8_byte_order_mark_is_imported_whole(
    database_url: str, tmp_path: Path, workers: str
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + lines(APPOINTMENT, TRAINING))
    result = run(database_url, "import", "--workers", workers, str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows: recorded 2" in result.output


def day(n: int) -> bytes:
    """The `n`th day from 2015-05-01, as a CSV's cell."""
    return (date(2015, 5, 1) + timedelta(days=n)).isoformat().encode()


def imported_with_a_title(database_url: str, tmp_path: Path, title: bytes, at: int, rows: int) -> str:
    """The command's output importing `rows` trainings of NIP, the row numbered `at` titled `title`, the others
    "Pelatihan Café" in UTF-8 (a file of Windows-1252 throughout is read so: test_a_windows_1252_file_is_read_whole)."""
    assert run(database_url, "import", str(_write(tmp_path / "a.jsonl", lines(APPOINTMENT)))).exit_code == 0
    header = b"nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    body = b"".join(  # (each of its own title and day: rules training.duplicate and training.daily_jp)
        b"%s,TEKNIS,%s,BPSDM,2,%s,%s,W-%d\n"
        % (NIP.encode(), title if i == at else "Pelatihan Café %d".encode() % i, *[day(i)] * 2, i)
        for i in range(1, rows + 1)
    )
    result = run(database_url, "import", str(_write(tmp_path / "training.csv", header + body)))
    assert result.exit_code == 1
    return result.output


def test_a_windows_1252_csv_row_is_rejected_at_its_line_and_column_and_the_others_recorded(
    database_url: str, tmp_path: Path
) -> None:
    output = imported_with_a_title(database_url, tmp_path, b"Pelatihan Caf\xe9", 300, 400)
    assert "400 rows: recorded 399, already recorded 0, rejected 1" in output
    assert "line 301: title: Not UTF-8 text: 'Pelatihan Caf\\xe9'; save the file as UTF-8" in output


def test_a_csv_row_holding_the_replacement_character_is_rejected_at_its_line_and_column_and_the_others_recorded(
    database_url: str, tmp_path: Path
) -> None:
    output = imported_with_a_title(database_url, tmp_path, "Pelatihan Caf\ufffd".encode(), 2, 3)
    assert "3 rows: recorded 2, already recorded 0, rejected 1" in output
    assert "line 3: title: 'Pelatihan Caf\ufffd' holds the replacement character (U+FFFD)" in output
    assert "the file was saved in another encoding (such as Windows-1252)" in output


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_a_semicolon_csv_records_the_cost_and_dates_as_the_indonesian_spreadsheet_wrote_them(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(_write(tmp_path / "a.jsonl", lines(APPOINTMENT)))).exit_code == 0
    header = "nip;training_kind;title;organiser;hours;start_date;effective_date;reference;cost\r\n"
    cells = f"{NIP};TEKNIS;Pelatihan;BPSDM;16;01/05/2015;2/5/2015;SEMI-1;1.500.000,50\r\n"
    result = run(database_url, "import", str(_write(tmp_path / "training.csv", (header + cells).encode("utf-8-sig"))))
    assert result.exit_code == 0, result.output
    exported = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(exported)).exit_code == 0
    [training] = [row for row in map(orjson.loads, exported.read_bytes().splitlines()) if row["kind"] == "training"]
    assert (training["cost"], training["start_date"], training["effective_date"]) == (
        "1500000.50",
        "2015-05-01",
        "2015-05-02",
    )


def test_a_csv_row_with_a_cell_of_200000_characters_is_rejected_naming_it_and_the_next_row_recorded(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(_write(tmp_path / "a.jsonl", lines(APPOINTMENT)))).exit_code == 0
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    titles = ["A", "x" * 200_000, "B"]
    rows = "".join(f"{NIP},TEKNIS,{title},BPSDM,2,2015-05-01,2015-05-02,HUGE-{i}\n" for i, title in enumerate(titles))
    result = run(database_url, "import", str(_write(tmp_path / "training.csv", (header + rows).encode())))
    assert result.exit_code == 1
    assert "3 rows: recorded 2, already recorded 0, rejected 1" in result.output
    assert "line 3: title: Longer than 500 characters." in result.output


def test_a_row_refused_as_read_keeps_its_nip_and_kind_in_the_report(database_url: str, tmp_path: Path) -> None:
    # (an unreadable cell, or a correction's corrected_fields that is no JSON: the report named neither)
    header = "nip,target_version,reason,corrected_fields,effective_date,reference\n"
    # (a file of two encodings: the first row's é in UTF-8, the second's in Windows-1252, refused as not UTF-8)
    rows = f"{NIP},2,Salah é,{{hours: 9}},2015-06-01,RALAT-1\n".encode() + f"{NIP},2,Salah ketik \xe9,".encode("cp1252")
    report = tmp_path / "report.json"
    path = _write(tmp_path / "correction.csv", header.encode() + rows + b'"{""hours"": 9}",2015-06-01,RALAT-2\n')
    assert run(database_url, "import", "--report", str(report), str(path)).exit_code == 1
    rejected = orjson.loads(report.read_bytes())["rejected"]
    assert [(r["line"], r["subject"], r["kind"], list(r["errors"])) for r in rejected] == [
        (2, NIP, "correction", ["corrected_fields"]),
        (3, NIP, "correction", ["reason"]),
    ]


def test_a_windows_1252_file_is_read_whole_and_said_so(database_url: str, tmp_path: Path) -> None:
    """Found by an HR writer's pass of 2026-12-05: a CSV Excel saved as Windows-1252 had its rows holding an en-dash
    (the byte 0x96) refused as not UTF-8 while its other rows were recorded. A file of Windows-1252 throughout is read
    so, whole, and the report says so; one of two encodings is read row by row as before (above)."""
    assert run(database_url, "import", str(_write(tmp_path / "a.jsonl", lines(APPOINTMENT)))).exit_code == 0
    header = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
    rows = [
        f"{NIP},TEKNIS,Pelatihan Arsip,BPSDM,2,2015-05-01,2015-05-02,W-1\n",
        f"{NIP},TEKNIS,Pelatihan Arsip \u2013 Tahap II,BPSDM,2,2015-05-03,2015-05-04,W-2\n",
    ]
    path = _write(tmp_path / "training.csv", "".join([header, *rows]).encode("cp1252"))
    result = run(database_url, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows: recorded 2, already recorded 0, rejected 0" in result.output
    assert "note: line 1: file: The file is not UTF-8 text: it was read whole as Windows-1252" in result.output
    exported = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(exported)).exit_code == 0
    titles = [
        row["title"] for row in map(orjson.loads, exported.read_bytes().splitlines()) if row["kind"] == "training"
    ]
    assert titles == ["Pelatihan Arsip", "Pelatihan Arsip \u2013 Tahap II"]


def test_the_refused_rows_of_a_windows_1252_file_are_utf8_throughout(database_url: str, tmp_path: Path) -> None:
    # (the row's Windows-1252 byte 0xE9 was written as it was after the UTF-8 byte-order mark: a file of two
    # encodings, which a spreadsheet showed as "Caf�"; it is the letter é now, and the file imported again records it)
    imported_with_a_title(database_url, tmp_path, b"Pelatihan Caf\xe9", 2, 3)
    refused = tmp_path / "training-ditolak.csv"
    result = run(database_url, "import", "--refused", str(refused), str(tmp_path / "training.csv"))
    assert result.exit_code == 1, result.output
    written = refused.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    [_, row, _] = written.decode("utf-8").split("\r\n")  # (UTF-8 throughout: it decodes)
    assert row.startswith(f'"=""{NIP}""",TEKNIS,Pelatihan Café,BPSDM,')  # (its NIP kept as text: ="...")
    again = tmp_path / "training-lagi.csv"
    again.write_bytes(written)
    assert run(database_url, "import", "--kind", "training", str(again)).exit_code == 0

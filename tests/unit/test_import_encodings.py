"""An imported file saved in another encoding than UTF-8 is reported at the line and cell at fault.

Found by the administrator's acceptance pass of 2026-12-02: a CSV saved by Excel as
"CSV (Comma delimited)" on Windows is Windows-1252, not UTF-8. One 'é' on line 301 of a
400-row file was reported as "line 298: line: Not UTF-8 text ('utf-8' codec can't decode
byte 0xe9 in position 248 ...)": the line was the start of the 8 KB block the decoder had
read, the position one within that block, and every row after it went unread. A file saved
as UTF-16 ("Unicode text") gave one confusing reason per line; a JSON Lines file with a
UTF-8 byte-order mark (as Windows PowerShell writes one) had its first line rejected.
"""

from __future__ import annotations

import io

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.importing import ColumnNotes, read_csv, read_jsonl
from careerlog.textfiles import READ_AS_WINDOWS_1252, REPLACED, SAVE_AS_UTF8

NIP = "199001012015031002"
HEADER = b"nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"


def row(number: int, title: bytes = b"Pelatihan Keuangan") -> bytes:
    return b"%s,TEKNIS,%s,BPSDM,2,2024-05-01,2024-05-02,REF-%d\n" % (NIP.encode(), title, number)


def csv_rows(content: bytes) -> list[tuple[int, dict[str, object] | InvalidInput]]:
    return [(line, found) for line, found, _ in read_csv(io.BytesIO(content), "training")]


UTF8_ROW = row(0, "Pelatihan Café".encode())  # (a letter in UTF-8: a file holding it is of two encodings with 0xE9)


def test_a_windows_1252_cell_is_reported_at_its_line_and_column_and_the_rest_of_the_file_is_read() -> None:
    # (a file of two encodings: a file of Windows-1252 throughout is read so, whole, below)
    body = b"".join(row(i, b"Pelatihan Caf\xe9" if i == 300 else b"Pelatihan Keuangan") for i in range(2, 401))
    found = csv_rows(HEADER + UTF8_ROW + body)
    assert len(found) == 400
    problems = [(line, problem) for line, problem in found if isinstance(problem, InvalidInput)]
    [(line, problem)] = problems
    assert line == 301  # the header is line 1
    [reason] = problem.errors["title"]
    assert "Not UTF-8 text" in reason
    assert "Caf\\xe9" in reason  # the cell, its undecodable byte spelled out
    assert "UTF-8" in reason.split(";")[-1]  # and how to save the file
    assert [line for line, good in found if isinstance(good, dict)] == [n for n in range(2, 402) if n != 301]
    assert found[-1][1] == {
        "nip": NIP,
        "training_kind": "TEKNIS",
        "title": "Pelatihan Keuangan",
        "organiser": "BPSDM",
        "hours": "2",
        "start_date": "2024-05-01",
        "effective_date": "2024-05-02",
        "reference": "REF-400",
        "kind": "training",
    }


def test_a_cell_over_two_lines_with_a_windows_1252_byte_names_the_line_the_row_ends_on() -> None:
    found = csv_rows(HEADER + UTF8_ROW + row(2, b'"Pelatihan\nCaf\xe9"') + row(3))
    assert [(line, isinstance(item, InvalidInput)) for line, item in found] == [(2, False), (4, True), (5, False)]


@pytest.mark.parametrize("letters", [b"Caf\xe9", b"Arsip \x96 Tahap II", b"Caf\xe9 \x93Baru\x94 \x80"])
def test_a_file_of_windows_1252_throughout_is_read_whole_as_it_and_said_so(letters: bytes) -> None:
    """Found by an HR writer's pass of 2026-12-05: the rows of a CSV saved as Windows-1252 (Excel's default on
    Windows) holding an en-dash were refused as not UTF-8 and the others recorded. Read whole as Windows-1252 now,
    its first item the report's note (at the header's line) saying so; nothing of it read as UTF-8."""
    found = csv_rows(HEADER + row(1) + row(2, b"Pelatihan " + letters) + row(3))
    assert [line for line, _ in found] == [1, 2, 3, 4]
    note = found[0][1]
    assert isinstance(note, ColumnNotes)
    assert note.errors == {"file": [READ_AS_WINDOWS_1252.reason(save=SAVE_AS_UTF8)]}
    assert all(isinstance(item, dict) for _, item in found[1:])
    assert found[2][1]["title"] == "Pelatihan " + letters.decode("cp1252")  # type: ignore[index]


@pytest.mark.parametrize(
    "content",
    [
        HEADER + row(1, "Pelatihan Café".encode()) + row(2, b"Caf\xe9"),  # (two encodings: é in UTF-8 and in 1252)
        b"\xef\xbb\xbf" + HEADER + row(1, b"Caf\xe9"),  # (a UTF-8 byte-order mark)
        HEADER + row(1, b"Caf\x81"),  # (a byte Windows-1252 does not define)
        HEADER + row(1, b"Caf\xe9\x00"),  # (a control character: no text)
    ],
    ids=["two-encodings", "utf8-mark", "undefined-byte", "control"],
)
def test_a_file_not_of_windows_1252_throughout_is_read_as_utf8_row_by_row(content: bytes) -> None:
    found = csv_rows(content)
    assert not any(isinstance(item, ColumnNotes) for _, item in found)
    assert isinstance(found[-1][1], InvalidInput)
    assert "Not UTF-8 text" in str(found[-1][1].errors)


def test_a_file_that_cannot_seek_is_read_as_utf8_row_by_row() -> None:
    class Unseekable(io.BytesIO):
        def seekable(self) -> bool:
            return False

    found = [(line, item) for line, item, _ in read_csv(Unseekable(HEADER + row(1, b"Caf\xe9")), "training")]
    [(line, problem)] = found
    assert line == 2
    assert isinstance(problem, InvalidInput)


@pytest.mark.parametrize("title", ["Pelatihan Caf\ufffd", "Pelatihan Caf\ufffd\ufffd Baru"], ids=["one", "two"])
def test_a_cell_holding_the_replacement_character_is_refused_at_its_line_and_column_saying_the_encoding(
    title: str,
) -> None:
    # a Windows-1252 file read as UTF-8 by a program that saved it again: its "é" became U+FFFD (or two of them)
    found = csv_rows(HEADER + row(1) + row(2, title.encode()) + row(3))
    assert [(line, isinstance(item, InvalidInput)) for line, item in found] == [(2, False), (3, True), (4, False)]
    problem = found[1][1]
    assert isinstance(problem, InvalidInput)
    [reason] = problem.errors["title"]  # the column, named by its field; the row by its line
    assert reason == REPLACED.reason(text="Pelatihan Caf\ufffd", save=SAVE_AS_UTF8)
    assert "holds the replacement character (U+FFFD)" in reason
    assert "the file was saved in another encoding" in reason


def test_a_header_that_is_not_utf8_is_one_rejected_line_and_nothing_more_is_read() -> None:
    found = csv_rows(HEADER.replace(b"title", b"judul\xe9") + UTF8_ROW + row(2))
    [(line, problem)] = found
    assert line == 1
    assert isinstance(problem, InvalidInput)
    assert "Not UTF-8 text" in problem.errors["line"][0]


def test_utf8_text_with_a_byte_order_mark_is_read_as_before() -> None:
    found = csv_rows(b"\xef\xbb\xbf" + HEADER + row(1, "Pelatihan Café ✓".encode()))
    assert [item["title"] for _, item in found if isinstance(item, dict)] == ["Pelatihan Café ✓"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_utf16_csv_is_refused_as_a_file_before_any_row(encoding: str) -> None:
    content = (HEADER + row(1)).decode().encode(encoding)
    if encoding != "utf-16":
        content = "\ufeff".encode(encoding) + content
    with pytest.raises(InvalidInput) as refused:
        csv_rows(content)
    [reason] = refused.value.errors["file"]
    assert "UTF-16" in reason
    assert "UTF-8" in reason


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_utf16_text_without_a_byte_order_mark_is_refused_as_utf16_before_any_row(encoding: str, fmt: str) -> None:
    """(It was refused as a header of unknown columns, 'n\\x00i\\x00p\\x00', ..., or a JSON Lines file's lines as
    no JSON, the encoding not named.)"""
    read, text = (csv_rows, HEADER + row(1)) if fmt == "csv" else (jsonl_rows, LINE + LINE)
    with pytest.raises(InvalidInput) as refused:
        read(text.decode().encode(encoding))
    assert refused.value.errors["file"] == [
        f"The file is UTF-16 text (without a byte-order mark: a zero byte beside each letter of its first line): "
        f"{SAVE_AS_UTF8}. Nothing was imported."
    ]


def jsonl_rows(content: bytes) -> list[tuple[int, dict[str, object] | InvalidInput]]:
    return [(line, found) for line, found, _ in read_jsonl(io.BytesIO(content))]


LINE = b'{"kind": "training", "nip": "%s", "reference": "R-1"}\n' % NIP.encode()


def test_a_json_lines_file_with_a_utf8_byte_order_mark_reads_its_first_line() -> None:
    found = jsonl_rows(b"\xef\xbb\xbf" + LINE + LINE)
    assert [line for line, item in found if isinstance(item, dict)] == [1, 2]
    assert found[0][1] == found[1][1]


@pytest.mark.parametrize("mark", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"])
def test_a_first_line_of_a_byte_order_mark_alone_is_blank(mark: bytes) -> None:
    """(An editor saving an empty file as UTF-8 writes the mark alone: it was refused as no JSON object.)"""
    assert jsonl_rows(mark) == []
    first = mark if mark.endswith(b"\n") else mark + b"\n"
    assert [line for line, item in jsonl_rows(first + LINE) if isinstance(item, dict)] == [2]


def test_a_utf16_json_lines_file_is_refused_as_a_file_before_any_row() -> None:
    with pytest.raises(InvalidInput) as refused:
        jsonl_rows((LINE + LINE).decode().encode("utf-16"))
    assert "UTF-16" in refused.value.errors["file"][0]


def test_a_json_lines_file_read_from_a_later_line_is_not_checked_for_a_byte_order_mark() -> None:
    # (the parallel import reads runs of lines from the middle of a file: only the file's start has a mark)
    found = [(line, item) for line, item, _ in read_jsonl(io.BytesIO(LINE), start=7)]
    assert [line for line, _ in found] == [7]


def test_a_cell_longer_than_the_csv_modules_default_limit_is_read_and_the_rest_of_the_file_too() -> None:
    # (the csv module stops at 131,072 characters a cell: the row was "Not readable as CSV" and every later
    # row went unread; read, the ledger rejects the cell by its own limit, naming the field)
    found = csv_rows(HEADER + row(1) + row(2, b"x" * 200_000) + row(3))
    assert [line for line, _ in found] == [2, 3, 4]
    assert all(isinstance(item, dict) for _, item in found)
    assert len(found[1][1]["title"]) == 200_000  # type: ignore[arg-type, index]


def test_a_row_refused_as_read_travels_to_another_process_with_its_nip_and_kind() -> None:
    import pickle

    [_, (_, problem)] = csv_rows(HEADER + UTF8_ROW + row(1, b"Caf\xe9"))
    assert isinstance(problem, InvalidInput)
    copy = pickle.loads(pickle.dumps(problem))  # noqa: S301  # (its own bytes, just made)
    assert (copy.errors, copy.subject, copy.kind) == (problem.errors, NIP, "training")  # type: ignore[attr-defined]

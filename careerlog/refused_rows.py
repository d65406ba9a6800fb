"""The refused rows of an imported file as a file to fix and import again: the import page's download
(web.pages.refused_rows) and `careerlog import --refused OUT` write them here, alike.

A CSV file's refused rows come back under its own header, with its separator and its cells as written, with
careerlog's column of the reasons (careerlog.textfiles.REASONS_COLUMNS: "Alasan penolakan (careerlog)", "Refusal
reasons (careerlog)"), which an import reads as no data; UTF-8 with a byte-order mark. A JSON Lines file's refused
lines come back as written, one a line (their reasons are the report's: a line carries no column of them)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import IO, Any

from careerlog.importing import CSV_CELL_LIMIT, CsvRecords, header_of
from careerlog.spreadsheet import defused, kept_as_text
from careerlog.textfiles import TEXT_NIP_COLUMNS, column_name, reasons_column

# The digits a spreadsheet keeps of a number: a longer one (an 18-digit NIP) opened from a CSV cell loses the rest
SPREADSHEET_DIGITS = 15


def csv_lines(text: IO[str], wanted: Collection[int]) -> tuple[list[str], dict[int, list[str]], str]:
    """The header's cells, the cells of each record whose line is `wanted` by the line the importer numbers it by
    (careerlog.importing.CsvRecords: the line a record ends on, the first line of one breaking the quoting rules,
    whose cells are given as written), and the separator. `text` is the file as the importer decodes it (UTF-8,
    a byte-order mark dropped, surrogateescape, newline=""); only the wanted records are kept."""
    if csv.field_size_limit() < CSV_CELL_LIMIT:
        csv.field_size_limit(CSV_CELL_LIMIT)
    header, delimiter, at = header_of(text.readline(), text)  # (as the importer reads it: below a `sep=;` line)
    read = CsvRecords(itertools.chain([header], text), delimiter, at)
    _, first, _ = read.header()
    records = {line: cells for line, cells, _ in read if line in wanted}
    return first, records, delimiter


def refused_csv(
    text: IO[str], rejected: Iterable[Mapping[str, Any]], column: str, reasons: Callable[[Mapping[str, Any]], str]
) -> str | None:
    """The refused rows (`rejected`, an import report's problems as dicts) of the CSV file `text` as written, under
    its header, with their reasons (`reasons` of each problem) in careerlog's reasons column named `column`; UTF-8
    with a byte-order mark. A file that has that column already (a refused-rows file imported again) has its
    reasons written anew in its place, in its first such column, any other dropped: the earlier import's reasons
    are stale. Every other column is the file's own, HR's notes among them, and its cells are given back exactly as
    written, even one a spreadsheet would run as a formula: they are the uploader's own, already in the file they
    sent, and an apostrophe put before them would be recorded as part of the value when the fixed file is imported
    again ("'- Angkatan II"); only the reasons, careerlog's text, are defused. But a NIP's cell of bare digits (a
    column the import reads as a NIP, careerlog.textfiles.TEXT_NIP_COLUMNS) longer than a spreadsheet keeps
    (SPREADSHEET_DIGITS) is written as the career record's CSV writes a NIP (careerlog.spreadsheet.kept_as_text,
    ="198609262010031001"), which a spreadsheet shows as its digits and the import reads back as the NIP
    (textfiles.nips_marked_as_text): until 2026-12-06 it was written bare, and Excel opening the file showed it as
    1,97607E+17 and saved it back with its last three digits lost. None when no refused row is a row of the file (a
    header refused, say)."""
    problems = [p for p in rejected if p["line"] > 1]
    try:
        header, records, delimiter = csv_lines(text, {p["line"] for p in problems})
    except csv.Error:  # (the importer said where: the report names the line)
        return None
    refused = [(records[p["line"]], p) for p in problems if p["line"] in records]
    if not refused:
        return None
    ours = [i for i, name in enumerate(header) if reasons_column(name)]
    at = ours[0] if ours else len(header)
    dropped = set(ours[1:])
    width = max(len(header), at + 1)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")

    def row(cells: list[str], reason: str) -> list[str]:
        padded = cells + [""] * (width - len(cells))
        padded[at] = reason
        return [cell for i, cell in enumerate(padded) if i not in dropped]

    nips = {i for i, name in enumerate(header) if column_name(name) in TEXT_NIP_COLUMNS}
    writer.writerow(row(header, column))
    for cells, problem in refused:  # the file's own cells, as its uploader wrote them, a NIP kept as text
        kept = [kept_as_text(c) if i in nips and len(c) > SPREADSHEET_DIGITS else c for i, c in enumerate(cells)]
        writer.writerow(row(kept, defused(reasons(problem))))
    return "\ufeff" + as_utf8(out.getvalue())


_OLD_BYTES = re.compile("[\udc80-\udcff]+")  # the bytes UTF-8 could not read, as surrogateescape keeps them


def as_utf8(text: str) -> str:
    """A CSV file's text with the bytes of another encoding it held (kept by surrogateescape: a Windows-1252 `é`,
    0xE9) as the Windows-1252 letters they are, as Excel's "CSV (Comma delimited)" on Windows writes them (a byte
    that encoding leaves undefined as the Latin-1 one): the refused rows are then UTF-8 throughout, as their
    byte-order mark says, where those bytes were written as they were after it, a file of two encodings."""
    if text.isascii():
        return text
    return _OLD_BYTES.sub(lambda found: _cp1252(found.group().encode("utf-8", "surrogateescape")), text)


def _cp1252(raw: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


def refused_jsonl(stream: IO[bytes], lines: Collection[int]) -> bytes | None:
    """The lines of the JSON Lines file `stream` numbered `lines` (as careerlog.importing.read_jsonl numbers them,
    from 1), as written, each ending in a newline; None when there are none. The file's last line, written with no
    line end, ends in the one the line before it ends in (CRLF in a file written with CRLF, as Windows tools write
    it; LF in a file of one line): until 2026-12-08 in LF, a CRLF file's refused lines given back with two line
    ends."""
    kept = []
    end = b"\n"
    for number, raw in enumerate(stream, 1):
        if raw.endswith(b"\n"):
            end = b"\r\n" if raw.endswith(b"\r\n") else b"\n"
            if number in lines:
                kept.append(raw)
        elif number in lines:  # (the last line, of no line end; one ending in a CR alone ends in CRLF)
            kept.append(raw + (b"\n" if raw.endswith(b"\r") else end))
    return b"".join(kept) or None

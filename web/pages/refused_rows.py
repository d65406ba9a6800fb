"""The refused rows of an imported CSV file as a file to fix and import again: the file's own header, separator and
cells as written, with a column of the reasons the importer reads and does not record (a note column, Keterangan:
careerlog.textfiles.NOTE_COLUMNS). The import page offers it as a download beside its report."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _

from careerlog.importing import CSV_CELL_LIMIT, CsvRecords, delimiter_of
from careerlog.spreadsheet import defused
from careerlog.textfiles import column_name, note_column
from web.pages.labels import field_label
from web.pages.messages import reason_text

# The reasons' column: the first of these note columns the file does not have already (its name as HR reads it).
REASON_COLUMNS = ("Keterangan", "Catatan", "Ket")


def lines_of(data: bytes) -> tuple[list[str], dict[int, list[str]], str]:
    """The header's cells, each record's cells by the line the importer numbers it by (careerlog.importing.CsvRecords:
    the line a record ends on, the first line of one breaking the quoting rules, whose cells are given as written),
    and the separator."""
    if csv.field_size_limit() < CSV_CELL_LIMIT:
        csv.field_size_limit(CSV_CELL_LIMIT)
    text = io.StringIO(data.decode("utf-8-sig", errors="surrogateescape"), newline="")
    header = text.readline()
    delimiter = delimiter_of(header)  # (as the importer reads it)
    read = CsvRecords(itertools.chain([header], text), delimiter)
    _, first, _ = read.header()
    records = {line: cells for line, cells, _ in read}
    return first, records, delimiter


def reasons_text(problem: Mapping[str, Any]) -> str:
    """A refused row's reasons in the page's language, each field named as the report names it."""
    typed = problem.get("values") or {}
    return "; ".join(
        f"{field_label(name, problem.get('kind'))}: {' '.join(reason_text(r) for r in reasons)}"
        + (f" ({_('typed: %(value)s', value=typed[name])})" if name in typed else "")
        for name, reasons in problem["errors"].items()
    )


def refused_csv(data: bytes, rejected: Iterable[Mapping[str, Any]]) -> str | None:
    """The refused rows of the CSV file `data` as written, under its header, with their reasons in a last note
    column; UTF-8 with a byte-order mark. The file's own cells are given back exactly as written, even one a spreadsheet
    would run as a formula: they are the uploader's own, already in the file they sent, and an apostrophe put before
    them would be recorded as part of the value when the fixed file is imported again ("'- Angkatan II"); only the
    reasons, careerlog's text, are defused. None when no refused row is a row of the file (a header refused, say)."""
    try:
        header, records, delimiter = lines_of(data)
    except csv.Error:  # (the importer said where: the report names the line)
        return None
    refused = [(records[p["line"]], p) for p in rejected if p["line"] in records and p["line"] > 1]
    if not refused:
        return None
    taken = {column_name(c) for c in header}
    column = next((c for c in REASON_COLUMNS if column_name(c) not in taken and note_column(column_name(c))), "")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*header, column])
    for cells, problem in refused:
        padded = cells + [""] * (len(header) - len(cells))
        writer.writerow([*padded, defused(reasons_text(problem))])  # the file's own cells, as its uploader wrote them
    return "\ufeff" + out.getvalue()

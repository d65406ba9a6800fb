"""Bulk import of career events from JSON Lines or CSV, with a report for every rejected row.

The format is in docs/import-format.md: one event per JSON line (or one CSV file per
kind), the subject (`nip`, or `agency` and `unit` for a unit's rating), the `kind`, and
the payload fields of that kind. A migration import may also carry `recorded_at`,
`recorded_by` and `migrated` from a legacy system or a careerlog export; `version`,
when given, must be the version the row gets, which keeps corrections pointing at the
facts they were written for.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import gc
import io
import itertools
import os
import re
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, cast

import orjson

from careerlog.application import (
    CONFIRMABLE,
    CONFIRMING_KINDS,
    LEAVES_SCOPE,
    NEW_UNIT,
    NOT_APPOINTED,
    RECORDABLE_KINDS,
    SET_BACK,
    Batch,
    CareerLog,
    Command,
    Guard,
    Migration,
    UnitOfWork,
    WritingAhead,
    confirmations,
    filled_in,
    unit_subject,
)
from careerlog.config import WRITE_AHEAD_ENV, switch_setting
from careerlog.domain.employee import (
    AFTER_SEPARATION,
    ALREADY_HELD,
    CONFERRED,
    CONFIRMED,
    CORRECTION_JUMP,
    CORRECTION_JUMP_REFUSED,
    DATED_AFTER,
    DAY_FULL_SAID,
    ENDED_POST,
    ENDS_POST,
    ENDS_POST_UNCONFIRMED,
    FACT_DUPLICATE,
    FACT_REPEATED,
    FACT_REPEATED_SAID,
    FEEDBACK_GIVEN,
    LATSAR_RESTS,
    NOT_BELOW,
    NOT_MOVED,
    ON_SEPARATION_DAY,
    ONE_STEP,
    POST_ENDED,
    RANK_JUMP,
    RANK_JUMP_REFUSED,
    RETRACTION_JUMP,
    RETRACTION_JUMP_REFUSED,
    SAME_TMT,
    SEPARATED,
    SEPARATION_DAY_HELD,
    SESSION_AFTER_END,
    STANDING_FACT,
    TRAINING_COST,
    TRAINING_DAILY_JP,
    TRAINING_DAY_FULL,
    TRAINING_DUPLICATE,
    TRAINING_REPEATED,
    VERSION,
    VOIDED,
    Employee,
    post_end_named,
)
from careerlog.domain.errors import CareerlogError, IdempotencyConflict, InvalidInput, NotFound, fields_joined, quoted
from careerlog.domain.events import BY_KIND, LedgerEvent
from careerlog.domain.latsar import LATSAR_ONCE
from careerlog.domain.ledger import (
    CORRECTED_TO,
    KEY_CLASHES,
    KEY_RETRACTED,
    KEY_REUSED,
    KEY_USED,
    NO_FACT,
    RATED,
    RECORDED_AS,
    RECORDED_WITH,
    REFERENCE_USED,
    RESENT_RETRACTED,
    LedgerAggregate,
    Outcome,
    resent_retracted,
)
from careerlog.domain.nip import nip_as_typed, normalise_nip
from careerlog.domain.payload import (
    MISSING,
    NOT_DATE,
    NOT_INTEGER,
    UNKNOWN_FIELD,
    Unreadable,
    payload_fields,
    whole_number,
)
from careerlog.domain.quick import quick_init
from careerlog.domain.seat import OUTSIDE_SEAT
from careerlog.domain.starting_rank import STARTING_RANK
from careerlog.domain.tmt import TMT_FIRST
from careerlog.domain.wording import (
    CONFIRMS,
    IMPORT_NAMED,
    IMPORT_WORDED,
    ISO_FORM,
    NO_SUCH_ISO_DAY,
    Reason,
    Refusal,
    confirmable,
    reason_of,
)
from careerlog.jsontext import name_given_twice
from careerlog.reference import name_spellings, reference
from careerlog.textfiles import (
    DATE_AND_TIME,
    DAY_FIRST,
    KIND_HEADER_ALIASES,
    KIND_WORD_NAMES,
    NIP_COLUMNS,
    NOT_UTF8_HEADER,
    NOTE_COLUMNS,
    READ_AS_WINDOWS_1252,
    SAVE_AS_UTF8,
    WORKBOOK,
    WRITTEN,
    GivenKind,
    Written,
    aliases_of,
    career_download,
    column_name,
    corrected_object_refused,
    header_spelling,
    lesson_hours,
    nips_marked_as_text,
    not_utf8,
    note_column,
    read_cells,
    read_corrected_fields,
    read_corrected_json,
    read_exponents,
    read_lesson_hours,
    reasons_column,
    refuse_not_text,
    shown,
    spreadsheet_dates,
    spreadsheet_errors,
    spreadsheet_errors_elsewhere,
    spreadsheet_nips,
    texts_written_as_formulas,
    undecodable,
    windows_1252,
    workbook_name,
    wrote,
)

# A CSV cell is read up to 64 MiB (more than an upload may hold) and judged by the ledger, which names
# the field (a title over 500 characters): the csv module's default, 131,072, stopped the whole file there.
CSV_CELL_LIMIT = 64 << 20
META_KEYS = (
    "kind",
    "nip",
    "version",
    "recorded_at",
    "recorded_by",
    "migrated",
    "client_key",
    "confirm",
    "confirm_nip",  # (a void's confirmation: the record's NIP given again, application.void_confirmed)
    WRITTEN,
)
MIGRATION_KEYS = ("recorded_at", "recorded_by", "migrated")
NOTE_NAMES = ", ".join(name.replace("_", " ").title() for name in NOTE_COLUMNS)  # as a header may spell them
# The refusals a later row of the same file may lift, when the import tries its row again after the rest of the
# file (import_rows: held_back): a rank jump (promotion.one_step) of a promotion, or of a correction or retraction
# (a promotion between, or the correction that lifts it, may come later in the file), and a correction's or
# retraction's target not recorded yet (the row recording it, or a promotion held back, may come later).
JUMP_REFUSALS = frozenset(
    (RANK_JUMP, RANK_JUMP_REFUSED, CORRECTION_JUMP, CORRECTION_JUMP_REFUSED, RETRACTION_JUMP, RETRACTION_JUMP_REFUSED)
)
HELD_KINDS = frozenset(("rank_promotion", "correction", "retraction"))
CONFIRMABLE_CHECKS = frozenset(CONFIRMABLE)
# the kinds with a `name` field (the appointment): elsewhere a row's name is the employee's, checked (careerlog.names)
NAMED_KINDS = frozenset(kind for kind, cls in BY_KIND.items() if any(s.name == "name" for s in payload_fields(cls)))
# the kinds whose subject is a NIP alone (a unit's rating, and a correction or retraction, may name a unit instead)
NIP_KINDS = frozenset(BY_KIND) - {"unit_rating", "unit_registration", "correction", "retraction"}
# The refusals of a file and its rows (careerlog.domain.wording); those of a row's payload are the ledger's.
NO_ROWS = Refusal("{name} holds no rows (it is empty, blank, or a CSV header alone): nothing was imported.")
WHICH_FORMAT = Refusal("Cannot tell the format of {name}: use .jsonl, .csv or .xlsx, or --format.")
NOT_JSON = Refusal(
    "This line is no JSON object careerlog can read (it goes wrong at character {column} of the line): each line "
    "holds one whole record between braces, with each text in double quotes. Correct the line (a quote, comma or "
    "brace left out, or a line cut short), or export the file again as JSON Lines.",
    numbers=("column",),
)
# A line ending before its object does (a closing brace or quote left out, the line cut short): said so, not as going
# wrong at character 1 (the parser's column on the line after its line break, until 2026-12-07)
JSON_CUT_SHORT = Refusal(
    "This line ends before its JSON object does (after its {length} characters): each line holds one whole record "
    "between braces, with each text in double quotes. Correct the line (a closing quote or brace left out, or a line "
    "cut short), or export the file again as JSON Lines.",
    numbers=("length",),
)
LINE_NOT_OBJECT = Refusal("Each line must be a JSON object.").reason()
NOT_CSV = Refusal(
    "This line cannot be read as CSV, so neither it nor the rest of the file was read: a cell may hold a stray "
    'quote mark (") or a line break, or the file is not a spreadsheet saved as CSV. Correct this line in the '
    "spreadsheet, save it again as CSV and import it again (the reader's words: {error})."
)
# A cell breaking the quoting rules of CSV (RFC 4180, as a spreadsheet saves CSV): csv.reader reads any text, the
# quote mark of `Pelatihan "Arsip` as a letter, and a cell opened by a quote mark never closed on its line takes the
# lines after it into that cell (CsvRecords). A lone quote mark within a cell not opened by one is refused (a typo, or
# half of a quotation a later line closes); quote marks in pairs within such a cell (`Pelatihan "Kepemimpinan"
# Tingkat III`, typed by hand or in a spreadsheet's text) are read as written, as the reader and the curly quotes
# always were (until 2026-12-07 refused as STRAY_QUOTE: split_cells).
STRAY_QUOTE = Refusal(
    'This cell holds a quote mark (") without its pair, which breaks the CSV rules, so the row is not read as '
    "written: a lone quote mark may open a quotation taking in the separators and lines after it. Remove it, or close "
    'the quotation with a second one (Pelatihan "Smart ASN" Angkatan I: quote marks in pairs within a cell are read '
    "as written), and import this row again. Nothing of this row was recorded."
).reason()
# A cell opened by a quote mark holding another before its end, not doubled (`"Pelatihan "Smart" ASN"`): the reader
# takes it as the cell's end and the rest as letters (`Pelatihan Smart" ASN"`)
QUOTED_CELL_QUOTE = Refusal(
    'This cell is written between quote marks (") and holds another before its end, which breaks the CSV rules, so '
    "the row is not read as written: within a cell between quote marks each of its own quote marks is doubled "
    '("Pelatihan ""Smart ASN"" Angkatan I"), as a spreadsheet saves it. Double each quote mark within it, or '
    'remove the quote marks around it (Pelatihan "Smart ASN" Angkatan I is read as written), and import this row '
    "again. Nothing of this row was recorded."
).reason()

# A cell opened by a quotation not ending it (`"Smart ASN" Angkatan I`): no quote marks surround it to remove, and a
# cell opened by a quote mark is never read unquoted (until 2026-12-07 given QUOTED_CELL_QUOTE's advice)
QUOTATION_OPENS_CELL = Refusal(
    'This cell opens with a quotation (") that does not end it, which breaks the CSV rules, so the row is not read as '
    "written: a cell opened by a quote mark is read as written between quote marks, up to the one closing it. Write "
    'the whole cell between quote marks, each of its own quote marks doubled ("""Smart ASN"" Angkatan I"), as a '
    "spreadsheet saves it, or do not open the cell with the quotation, and import this row again. Nothing of this row "
    "was recorded."
).reason()


def quote_fault(cell: str) -> Reason:
    """The reason a cell (as written between its separators) breaks the quoting rules within its line: written
    between quote marks, holding one not doubled (QUOTED_CELL_QUOTE), opened by a quotation not ending it
    (QUOTATION_OPENS_CELL), or holding a lone one (STRAY_QUOTE)."""
    text = cell.strip(" \t")
    if not text.startswith('"'):
        return STRAY_QUOTE
    return QUOTED_CELL_QUOTE if len(text) > 1 and text.endswith('"') else QUOTATION_OPENS_CELL


UNCLOSED_QUOTE = Refusal(
    'A quote mark (") opens this cell and is not closed on its line, so lines {first} to {last} would read as one '
    "row: nothing of line {first} was recorded, and the lines after it were read as rows of their own. Remove the "
    "quote mark (or close the cell with one), save the file again as CSV and import this row again. A cell written "
    "over several lines is read as one only in a row holding every column of the header: write out the separators "
    "of its empty cells too.",
)
# A cell opened by a stray quote mark and closed by another lines later, in a record of the header's width: the rows
# of the lines between read as one row, one of them lost in that cell (CsvRecords)
ROWS_RUN_TOGETHER = Refusal(
    'A quote mark (") opens this cell and is not closed on its line but on line {last}, so lines {first} to {last} '
    "would read as one row, this cell taking in a line break and the row written after it (line {next} holds as "
    "many cells as the header: a row of its own). Nothing of line {first} was recorded, and the lines after it were "
    "read as rows of their own. Remove the quote mark (or close the cell on its line), save the file again as CSV "
    "and import this row again.",
)
HEADER_QUOTE = Refusal(
    "A quote mark (\") in the header breaks the CSV rules, so its columns cannot be told apart: a column's name "
    "holding a quote mark, a separator or a line break is written between quote marks, each of its own quote marks "
    "doubled. Correct the header and import the file again. Nothing was read."
).reason()
# A date cell of a file the payload refused (careerlog.domain.payload.NOT_DATE), with the forms a file may use
# (careerlog.textfiles.read_day_first_dates: each example it gives reads). The cell itself is shown once, as written,
# beside the reason (the report's values), not quoted in it again. Until 2026-12-07 it named the month's Indonesian
# name after the day alone, where the import reads its English name, abbreviations, and the name before the day too.
IMPORT_DATE = Refusal(
    "Not a date the import can read. Write dates as YYYY-MM-DD (2021-08-17); in a CSV file or a workbook, day first "
    "too: dd/mm/yyyy, dd.mm.yyyy or dd-mm-yyyy (17/08/2021, 17.08.2021, 7-8-2021), or with the month's name or its "
    "abbreviation, Indonesian or English, after the day (17 Agustus 2021, 17-Agt-2021, 17 Aug 2021) or before it "
    "(Agustus 17, 2021; Aug 17, 2021); the year in four digits."
).reason()
# A date of a JSON Lines file (which reads YYYY-MM-DD alone) that does not read: IMPORT_DATE without a CSV's forms
IMPORT_DATE_JSONL = Refusal("Not a date the import can read. Write dates as YYYY-MM-DD (2021-08-17).").reason()
# A date of digits written day first that is no day of the calendar (31/02/2021, 31.04.2021)
NO_SUCH_DAY = Refusal(
    "No such day in the calendar, read day first (day, month, year): check the day and the month."
).reason()
# A date of digits a file separated by commas or tabs writes either way round (06/05/2024: 6 May, or June 5?)
EITHER_WAY = Refusal(
    "This date reads two ways, day first or month first (06/05/2024: 6 May, or June 5), and a file separated by "
    "commas or tabs may come from a spreadsheet that writes the month first. Write it as YYYY-MM-DD (2024-05-06), "
    "or save the file from a spreadsheet in Indonesian (separated by semicolons), whose dates are read day first."
).reason()
# A header (the file's line of column names, not a row) naming columns that are no fields of the kind, when it names
# neither the subject (NIP) nor any field of the kind: no header of the kind (a title above it, a file of another kind)
UNKNOWN_COLUMNS = Refusal(
    "The header (the line of column names, not a row of data) names columns {columns} that are no fields of {kind}; "
    "its columns are {fields} (as its template heads them), or by their Indonesian names {aliases}, besides the "
    "employee's name (Nama) and columns of notes ({notes}). Correct the header and import the file again. Nothing "
    "was read.",
    kinds=("kind",),
)
# ... when it names the subject (NIP) but leaves out required columns of the kind: those named too, so that one
# correction of the header does (until 2026-12-06 a post appointment's file without Jenis Penugasan beside a column
# "Nama Diklat" was told of 'Nama Diklat' alone; with Jenis Penugasan added, that column is only left out with a note)
UNKNOWN_COLUMNS_MISSING = Refusal(
    "The header (the line of column names, not a row of data) names columns {columns} that are no fields of {kind}, "
    "and leaves out its required columns {missing}: add those (were one of the columns of no field meant for one, name "
    "it so) and import the file again. Its columns are {fields} (as its template heads them), or by their Indonesian "
    "names {aliases}, besides the employee's name (Nama) and columns of notes ({notes}). Nothing was read.",
    kinds=("kind",),
)
# ... when it names no column of no field but leaves out required columns of the kind: every row was refused for each,
# "Missing data for required field", read as a cell left empty (until 2026-12-06: a training's file of no
# Penyelenggara column), where the header is to be mended once
MISSING_COLUMNS = Refusal(
    "The header (the line of column names, not a row of data) leaves out required columns of {kind}: {missing}. "
    "Every row needs them: add those columns, each filled in, and import the file again. Nothing was read.",
    kinds=("kind",),
)
# ... and the nearest name the kind takes for each column near one (NEAREST_COLUMN): "Tanggal Mulia", Tanggal Mulai. A
# column so near a known one is taken for it misspelt, whose cells would be left out: the file is refused
UNKNOWN_COLUMNS_NEAR = Refusal(
    "The header (the line of column names, not a row of data) names columns {columns} that are no fields of {kind} "
    "(did you mean {near}?): a column misspelt would be left out of every row, so nothing was read. Its columns are "
    "{fields} (as its template heads them), or by their Indonesian names {aliases}, besides the employee's name (Nama) "
    "and columns of notes ({notes}). Correct the header and import the file again.",
    kinds=("kind",),
)
# A column of a header naming the kind's columns that is no field of the kind and near none ("Eselon", "Unit Kerja" in
# a file of trainings): its cells are left out of every row, the rows read, said in the report's notes
IGNORED_COLUMN = Refusal(
    "Not a column of {kind}: its cells were left out of every row and nothing of them was recorded; the rows were "
    "read without it. If it was to be read, name it as the import names the columns of {kind}: {fields} (as its "
    "template heads them), or by their Indonesian names {aliases}.",
    kinds=("kind",),
)
# A column of no field near none beside a header that leaves out a column of the kind the ledger fills in when a row
# leaves it out (application.FILLED_IN, the table `complete` fills them from: a penalty's end, from its kind's
# months): the column may be that one under another name ("Tanggal Berakhir" before its alias), and left out its rows
# would be recorded with the default in place of what they say, so the file is refused, as before 2026-12-05, naming
# the column and the field
UNKNOWN_MAY_BE_DEFAULTED = Refusal(
    "The header (the line of column names, not a row of data) names columns {columns} that are no fields of {kind}, "
    "and leaves out its column {field} ({aliases}), which is filled in for a row that leaves it out: were one of "
    "these columns meant for it, every row would be recorded with the value filled in instead of its own, so "
    "nothing was read. Name that column {field} (or {aliases}), or remove the columns of no field, and import the "
    "file again.",
    kinds=("kind",),
)
# A required cell of a workbook left empty because it lies in merged cells below or beside their first (a title merged
# over F13:F14 is kept in F13 alone): the payload's MISSING, told of the merge (careerlog.workbooks.merged_cells) as a
# row of no NIP is (application.NO_NIP)
MERGED_MISSING = Refusal(
    "Missing data for required field: cell {cell} lies in the merged cells {cells}, whose value a spreadsheet keeps "
    "in their first cell ({first}) alone: unmerge them and write the value on every row."
)
# The columns of another kind that change what a file of a kind means, by the name a file of that kind reads them as
# (careerlog.textfiles.column_name), each with the kind they are of: a correction's corrected values (Isian Yang
# Dikoreksi) and its version corrected (Versi Yang Dikoreksi) in a file imported as retractions, which read without
# them would retract, for good, the facts the file meant to correct; a retraction's version retracted (Versi Yang
# Dibatalkan) in a file imported as corrections. Such a header is refused as a whole (OTHER_KINDS_HEADER): until
# 2026-12-06 a file of corrections imported as retractions (chosen, or named pembatalan.csv) left its corrected values
# out with a note, read its version corrected as the version to retract, and retracted every fact it named.
OTHER_KINDS_COLUMNS: dict[str, dict[str, str]] = {
    "retraction": {"corrected_fields": "correction", "versi_yang_dikoreksi": "correction"},
    "correction": {"versi_yang_dibatalkan": "retraction"},
}
OTHER_KINDS_HEADER = Refusal(
    "The header (the line of column names, not a row of data) names columns {columns} of a {other}, not of a "
    "{kind}: the file is one of {other} rows. Read as {kind} rows without them, each row would record a {kind} the "
    "file does not mean, which a later import cannot undo, so nothing was read. Import the file as {other} (choose "
    "that kind, or name the file after it), or, if its rows are each a {kind}, remove these columns and import it "
    "again.",
    kinds=("kind", "other"),
)
# The career record's CSV download (careerlog.textfiles.career_download) imported as corrections or retractions: its
# columns are the fact's (its TMT and decree number, its values under the page's labels) and the download's own, no
# file of corrections as they stand. Refused naming each column to rename to what, to add and to remove (until
# 2026-12-06 the refusal named its columns as no fields of the kind, "did you mean Nomor Sertifikat ('Nomor SK atau
# sertifikat')?", which renamed would have recorded each correction under the fact's own decree number). Its field
# columns are not read as corrected values: the correction names each value it changes (Isian yang dikoreksi).
CAREER_DOWNLOAD_CORRECTIONS = Refusal(
    "The header is the career record's download, which is no file of corrections as it stands, so nothing was read. "
    "To import its rows as corrections: keep {nip} and {version}; rename {date} to Tanggal and {reference} to Nomor "
    "SK, each holding the correction's own date and decree number (in the download they are the fact's TMT and "
    "decree); add the columns Alasan (the reason) and Isian yang dikoreksi (each value changed, by its field, as "
    "JSON: {example}, an edited cell of the download is not read); and remove the columns {removed}.",
)
CAREER_DOWNLOAD_RETRACTIONS = Refusal(
    "The header is the career record's download, which is no file of retractions as it stands, so nothing was read. "
    "To import its rows as retractions: keep {nip} and {version}; rename {date} to Tanggal and {reference} to Nomor "
    "SK, each holding the retraction's own date and decree number (in the download they are the fact's TMT and "
    "decree); add the column Alasan (the reason); and remove the columns {removed}.",
)
CAREER_DOWNLOAD_HEADERS = {"correction": CAREER_DOWNLOAD_CORRECTIONS, "retraction": CAREER_DOWNLOAD_RETRACTIONS}
# ... imported with no kind chosen (none named by the file's name, no kind column): said in a few words, pointing to the
# download that imports again (the career page's facts as JSON Lines: web.pages.career.events_jsonl) and to the kind
# that makes it a file of corrections, which then names each column to change (until 2026-12-06 the whole guidance of
# the corrections after the kind to choose, one long paragraph)
CAREER_DOWNLOAD_UNCHOSEN = Refusal(
    "This is the career record's download, for reading: no file to import as it is, so nothing was read. To import "
    "an employee's facts again, download them from the career page as JSON Lines (\"Download the facts to import "
    'again"); to correct facts with this file, choose {correction} and import it again: the refusal then names '
    "each column to change.",
    kinds=("correction",),
)
NEAREST_COLUMN = 0.8  # difflib's ratio at least (NIP Lama is 0.62 from nip_baru: an old NIP is no new one)
# The notes of a header's columns that are read but never recorded (the report's notes, at line 1)
NOTE = Refusal("A column of notes: read, not recorded.").reason()
# careerlog's reasons column of a refused-rows file (textfiles.REASONS_COLUMNS) imported again
REASONS_NOTE = Refusal(
    "The reasons an earlier import gave for refusing the row (careerlog's column): not read as data, not recorded."
).reason()
NAME_CHECKED = Refusal(
    "Checked against the name recorded for each row's NIP (a row of another name is refused); not recorded."
).reason()
# A row refused for the reference (or client key) of an earlier row of the same file, with other values
REPEATED_REFERENCE = Refusal(
    "Reference {reference} was already recorded as version {version} with different values ({fields}) "
    "by line {line} of this file; keep one of the two rows, or record a correction instead.",
)
# ... when that row of the file recorded nothing, the fact recorded before the file (it was found already recorded)
REPEATED_REFERENCE_FOUND = Refusal(
    "Reference {reference} was already recorded as version {version} with different values ({fields}) before this "
    "file (line {line} of this file repeats it unchanged); keep one of the two rows, or record a correction instead.",
)
REPEATED_KEY = Refusal(
    "Key {key} was already used for the {kind} recorded as version {version} by line {line} of this file: a new fact "
    "needs a new key; keep one of the two rows, or give this one a client_key not used before.",
    kinds=("kind",),
)
REPEATED_KEY_VALUES = Refusal(
    "Key {key} was already used for the {kind} recorded as version {version} with different values ({fields}) by "
    "line {line} of this file: a new fact needs a new key (or the same values to repeat it); keep one of the two "
    "rows, or give this one a client_key not used before.",
    kinds=("kind",),
)
# A training the ledger refused as one the record seems to hold already (TRAINING_REPEATED), that training recorded by
# an earlier row of the same file: named by that row's line; worded for an import by `import_worded` (a training row's
# yes, or the check's name on a correction row: until 2026-12-07 a correction row too was told its yes confirmed it,
# which it does not)
TRAINING_REPEATED_IN_FILE, _ = confirmable(
    "Line {line} of this file recorded a training (version {version}) of the same days ({start} to {end}) and JP "
    "({hours}), and {same} (rule training.duplicate): if it is this training, remove this row; if the employee did "
    "attend it twice, ",
    TRAINING_DUPLICATE,
    ".",
    named=True,
    dates=("start", "end"),
    numbers=("hours",),
)
# A penalty, exam, post appointment or degree the ledger asked about as one the record seems to hold already under its
# reference written otherwise (FACT_REPEATED), that fact recorded by an earlier row of the same file: named by that
# row's line, as a training is (TRAINING_REPEATED_IN_FILE; until 2026-12-06 by its version alone, a version a dry run
# never gave); worded for an import by `import_worded` (a yes, or the check's name on a correction row)
FACT_REPEATED_IN_FILE, _ = confirmable(
    "Line {line} of this file recorded a {kind} (version {version}) "
    + FACT_REPEATED_SAID
    + "remove this row; if the record does hold two, ",
    FACT_DUPLICATE,
    ".",
    named=True,
    dates=("day",),
)
# A training the ledger asked about as making a day too full (TRAINING_DAY_FULL), the heaviest training of that day
# recorded by a row of the same file: named by that row's line, not by a version (a dry run's is only what the row
# would get; until 2026-12-06 "the heaviest recorded as version 4"); worded for an import by `import_worded` (a yes, or
# the check's name on a correction row). One recorded before the file is named by its title and days.
TRAINING_DAY_FULL_IN_FILE, _ = confirmable(
    "With the trainings of the same days (the heaviest {title}, of {start} to {end}, on line {line} of this file), "
    + DAY_FULL_SAID,
    TRAINING_DAILY_JP,
    ".",
    named=True,
    dates=("day", "start", "end"),
    numbers=("total", "per_day"),
)
# A row of a fact recorded and since retracted, its values and no new client key (the file run again): the ledger's
# RESENT_RETRACTED (kept for the API's clients) advises a new client key, which a file's user gives as a column
RERUN_RETRACTED = Refusal(
    "Reference {reference} was {recorded}: a file run again does not record it again. "
    "If it stays retracted, remove this row from the file; to record the fact again, give the row a client_key (a "
    "column of that name) not used before, or the values it should have.",
)
# ... and a row of such a fact under its own client_key (the key's fact retracted, the same values): the ledger's
# KEY_RETRACTED (kept for the API's clients) advises sending it under a new key, which would record the retracted fact
# again; a file run again whose rows give the retraction too (the career page's download imported again) is already
# recorded
KEY_RERUN_RETRACTED = Refusal(
    "Key {key} was already used for the {kind} {recorded}: a file run again does not "
    "record it again. If it stays retracted, remove this row from the file; a new fact needs a new client_key.",
    kinds=("kind",),
)
NIP_AS_NUMBER = Refusal(
    "{value} is a NIP written as a number, which keeps only some of its 18 digits: write it as text, in quotes "
    '("198609262015051001").'
)
NO_KIND = Refusal(
    "The kind of the file's rows is not known: choose it (--kind, the import page's kind or the API's kind "
    "parameter), name the file after it (training.csv), or add a kind column. Nothing was read."
).reason()
# A header line of one cell that is no field: a spreadsheet's title above its table ("DAFTAR DIKLAT PEGAWAI 2021")
HEADER_CELL_LIMIT = 200  # the characters a header's cell may hold: no column's name is near as long
HEADER_CELL_TOO_LONG = Refusal(
    "Column {column} of the header on line {line} is {length} characters long, longer than a column's name may be "
    "({limit} characters): the header names each column (NIP and the kind's columns) in a cell of its own. "
    "Correct it, save the file again and import it. Nothing was read.",
    numbers=("column", "length", "limit"),
)
TITLE_ROW = Refusal(
    "Line {line} holds one cell, {cell}: a title, not the header naming each column. The file's first line must be "
    "its header (NIP and the kind's columns): delete the lines above the header (a title, blank lines), save the "
    "file again (as CSV, or as an Excel Workbook) and import it. Nothing was read.",
    quotes=("cell",),
)
# A header of one cell whose column names are separated by a character the import reads only below a first line
# naming it (`sep=|`: header_of): a file separated by "|" was refused as a title (TITLE_ROW), the separator not named
SEPARATED_OTHERWISE = Refusal(
    "Line {line} holds one cell, {cell}: its column names are separated by '{separator}', which the import reads "
    "only when a line sep={separator} above the header names it. Save the file as CSV (its cells separated by "
    "commas or semicolons), or write sep={separator} on a line of its own above the header, and import it again. "
    "Nothing was read.",
    quotes=("cell",),
)
_OTHER_SEPARATORS = "|:~^#!/"  # (a header's names hold none of them)
# Lines of a title above the header, the header found below them (a title of several cells: "DAFTAR DIKLAT;;;2021")
TITLE_ROWS = Refusal(
    "The header naming each column is line {header}, not line {line}: the lines above it ({cells}) are a title, not "
    "a header. The file's first line must be its header (NIP and the kind's columns): delete the lines above the "
    "header (a title, blank lines), save the file again (as CSV, or as an Excel Workbook) and import it. Nothing was "
    "read.",
)
# A header of two rows (a merged "Tanggal" above "Mulai" and "Selesai"; the columns' numbers 1, 2, 3 below the
# names): the import reads one, and every row of the file would be refused for the other
TWO_ROW_HEADER = Refusal(
    "Lines {line} and {next} are a header of two rows (line {next}: {cells}), which the import cannot read: it reads "
    "the header from one line, and every line below it as a row of data. Make the header one row naming each column "
    "(Tanggal Mulai and Tanggal Selesai, not Tanggal above Mulai and Selesai), delete the other row, save the file "
    "again (as CSV, or as an Excel Workbook) and import it. Nothing was read.",
)
COLUMN_NUMBERS = Refusal(
    "Line {next} numbers the columns ({cells}): a second row of the header of line {line}, not a row of data. "
    "Delete line {next}, save the file again (as CSV, or as an Excel Workbook) and import it. Nothing was read.",
)
SAME_FIELD = Refusal("Columns {columns} all name {field}; keep one. Nothing was read.")
# A header's refusals of columns of no field, which a header of two rows (the columns' names on the line below) explains
MISNAMED_COLUMNS = (UNKNOWN_COLUMNS, UNKNOWN_COLUMNS_NEAR, UNKNOWN_COLUMNS_MISSING)
# The refusals of a CSV file's or a workbook's header (its line of column names, not a row of data), refusing the file
# as a whole: the import page shows such a refusal as the header's, apart from the refused rows (header_refused)
HEADER_REFUSALS = frozenset(
    (
        UNKNOWN_COLUMNS,
        UNKNOWN_COLUMNS_NEAR,
        UNKNOWN_COLUMNS_MISSING,
        MISSING_COLUMNS,
        OTHER_KINDS_HEADER,
        SAME_FIELD,
        HEADER_CELL_TOO_LONG,
        TITLE_ROW,
        TITLE_ROWS,
        TWO_ROW_HEADER,
        COLUMN_NUMBERS,
        SEPARATED_OTHERWISE,
        HEADER_QUOTE.refusal,
        NO_KIND.refusal,
        CAREER_DOWNLOAD_UNCHOSEN,
        NOT_UTF8_HEADER,
    )
)


def header_refused(problem: Mapping[str, Any]) -> bool:
    """Whether a report's refused row (a dict: RowProblem.to_dict) is the refusal of a file's header
    (HEADER_REFUSALS), which is no row of data: nothing of the file was read."""
    reasons = [reason for found in problem["errors"].values() for reason in found]
    return bool(reasons) and all(getattr(reason, "refusal", None) in HEADER_REFUSALS for reason in reasons)


# A row holding the header's names again: two files put together (`cat a.csv b.csv`), or a table's header repeated
# on each printed page. Refused as itself, not as a row of every field wrong ('\ufeffNIP' no NIP, 'Tanggal Mulai' no
# date, 'JP' no number, ...); the rows after it are read.
HEADER_AGAIN = Refusal(
    "This line repeats the header (two files put together, or the header repeated on each page): it is no row of "
    "data, and nothing of it was recorded. Delete it; the rows after it are read as rows."
).reason()
# A row whose kind column names another kind than the one chosen for the file (--kind, the import page's, the API's),
# each kind by its code (the pages name it: Kenaikan pangkat); the cell as typed ("Kenaikan Pangkat") shows beside it
OTHER_KIND_CHOSEN = Refusal(
    "The row's kind, {row}, is not {chosen}, the kind chosen for the file's rows: import it as a file of its own "
    "kind, or leave the file's kind to its kind column.",
    kinds=("row", "chosen"),
)
# A cell under a column the header leaves unnamed (a remark typed beside the table): no field, and no column to name
UNNAMED_COLUMN = Refusal(
    "The cell {cell} is in column {letter} (column {number} from the left), which has no name in the header, so it "
    "is no field: name the column in the header (Keterangan, for remarks, which are read and not recorded) or empty "
    "the cell.",
    numbers=("number",),
    quotes=("cell",),
)
MAX_NESTING = 16  # objects or lists within one another in a JSON cell or a JSON Lines field: far past any field's
NESTED_TOO_DEEP = Refusal(
    "Objects or lists nested more than {levels} levels deep: no field holds a value nested so deeply (a correction's "
    "corrected_fields holds one object of the corrected fields' values).",
    numbers=("levels",),
).reason(levels=MAX_NESTING)
# The fields of a JSON Lines row (an export's) whose texts hold colons (2024-05-03T02:00:00+00:00, demo:kota-medan),
# counted first when a line is judged for a name given twice (careerlog.jsontext.name_given_twice)
COLONED = ("recorded_at", "recorded_by")
# A name a JSON Lines line or a corrected_fields cell gives twice in one object (as the API refuses it)
GIVEN_TWICE = Refusal("Given more than once: give it once.").reason()
JSON_TOO_DEEP = "depth limit exceeded"  # (orjson's message for a document nested past its 1,024 levels)
MISSING_SUBJECT = Refusal("Missing data for required field (or agency and unit for a unit).").reason()
# A row's `version` below 1: a record's versions count its events from 1, the appointment (a negative one was refused
# as "Not a valid integer.", and 0 as "Would be version 28 ..., not 0", as if another version could have been meant)
FIRST_VERSION = Refusal("Must be 1 or more: a record's versions count its events from 1, its appointment.").reason()
MIGRATION_ONLY = Refusal("Only a migration import (--migration, administrators) may carry recorded times.").reason()
NOT_DATE_TIME = Refusal("Not a valid date and time: {value}.")
# A `confirm` (Konfirmasi) cell as HR fills it: yes confirms what the import asks of the row (YES_CONFIRMS), no
# confirms nothing; check names are read as the API's (application.confirmations). The yes words in the order
# NOT_A_CONFIRMATION names them (ya first), every one of them (until 2026-12-06 its text listed them again, without
# the check mark)
CONFIRM_YES = ("ya", "iya", "y", "yes", "ok", "1", "x", "v", "\u2713", "true")  # (\u2713: a check mark)
CONFIRM_NO = frozenset(("tidak", "tdk", "no", "n", "0", "false"))
# A Konfirmasi cell of neither a yes, a no nor checks' names (an unknown word), refused naming what it may hold: until
# 2026-12-05 as the API refuses a check's name, "Iya is no check to confirm; one of: promotion.one_step, ...", which
# said nothing of ya
NOT_A_CONFIRMATION = Refusal(
    "{given} is neither a yes nor a check to confirm: write {yes} (or {also_yes}) to confirm what is asked of the "
    "row, tidak (or no) to confirm nothing, or the names of checks: {known}."
)
# a placement's yes: the decree does move the employee there (out of the scope, ending a managerial post held, in a
# unit new in its agency); an appointment's or a post appointment's: the unit it names is a new one (unit.new); a
# training's: it is another training than the one the record seems to hold (training.duplicate); a rank promotion's: its
# rank jump (promotion.one_step); a correction's or a retraction's: what a rank jump or a placement's move asks of it
# (promotion.one_step, placement.ends_post: until 2026-12-05 promotion.one_step alone, and a retraction asked
# placement.ends_post was refused with "ya"), never unit.new nor training.duplicate, which a correction names: questions
# of the data's quality, which a yes meant for another must not let through (a confirmation the row does not need is not
# stored: docs/events.md, `confirmed`)
PLACEMENT_YES = frozenset((LEAVES_SCOPE, ENDS_POST, NEW_UNIT, OUTSIDE_SEAT))
UNIT_YES = frozenset((NEW_UNIT, OUTSIDE_SEAT))
APPOINTMENT_YES = UNIT_YES | {TMT_FIRST, STARTING_RANK}
AMENDMENT_YES = frozenset((ONE_STEP, ENDS_POST))
# what a yes in a row's Konfirmasi cell confirms, by kind (every confirming kind is here: CONFIRMING_KINDS)
YES_CONFIRMS = {
    "rank_promotion": frozenset((ONE_STEP,)),
    "correction": AMENDMENT_YES,
    "retraction": AMENDMENT_YES,
    "placement": PLACEMENT_YES,
    "appointment": APPOINTMENT_YES,
    "post_appointment": frozenset((NEW_UNIT, FACT_DUPLICATE)),
    "training": frozenset((TRAINING_COST, TRAINING_DUPLICATE, TRAINING_DAILY_JP, LATSAR_ONCE)),
    "penalty": frozenset((FACT_DUPLICATE,)),  # (a fact the record seems to hold already: its yes, another one)
    "exam": frozenset((FACT_DUPLICATE,)),
    "education": frozenset((FACT_DUPLICATE,)),
    "unit_rating": frozenset((NEW_UNIT,)),  # (a unit new in its agency, near a known one: since 2026-12-07)
}
NOTHING_TO_CONFIRM = Refusal(
    "A row of this kind has nothing to confirm: the Konfirmasi (confirm) column confirms a rank jump "
    "(promotion.one_step) of a rank promotion, a correction or a retraction, or a placement leaving your scope or "
    "ending a managerial post held in the agency left (placement.leaves_scope, placement.ends_post), or an "
    "appointment, placement, post appointment or unit's rating in a unit new in its agency (unit.new), or an "
    "appointment or placement in a region outside its agency's seat region or province (region.outside_seat), or a "
    "CPNS's TMT not on the 1st of a month (appointment.tmt_first_day) or rank above the start of the entry education "
    "(appointment.starting_rank), or a training the record seems to hold already (training.duplicate), "
    "making its days hold more JP than a day does (training.daily_jp) "
    "or of a cost outside the plausible range (training.cost), or a second basic training (training.latsar_once), "
    "or a penalty, exam, post appointment or degree the record seems to hold already under its reference written "
    "otherwise (fact.duplicate). Leave the cell empty."
).reason()
APPOINTED_LATER = Refusal(
    "No employee with NIP {nip} had been appointed at this row: line {line} of this file appoints them; "
    "put the appointment first, or import the file again.",
)
# A row of a record an earlier line of the file transferred out of the importer's scope (a placement in another
# agency, which the releasing agency records: docs/security.md), refused as the record is no longer found: the row
# dated before the transfer, listed after it (in date order it would have been recorded), or on or after it
MOVED_OUT_BEFORE = Refusal(
    "Line {line} of this file transferred this employee out of your scope (a placement in {agency} from {moved}), "
    "so the rows after it are no longer yours to record. This row's date, {day}, is before the transfer: in date "
    "order it comes before line {line}. A national administrator can record it now; list an employee's rows in "
    "date order, the transfer last.",
    dates=("moved", "day"),
    codes=(("agency", "agencies"),),
)
MOVED_OUT_AFTER = Refusal(
    "Line {line} of this file transferred this employee out of your scope (a placement in {agency} from {moved}): "
    "this row, dated {day}, on or after the transfer, is {agency}'s to record, not yours.",
    dates=("moved", "day"),
    codes=(("agency", "agencies"),),
)
# A promotion refused as one of the same TMT (employee.SAME_TMT) a row of this file gave (recorded, or would have in
# a dry run, where its version is none yet): named by that row's line, as the other rows of the file it repeats are
SAME_TMT_LINE = Refusal(
    "Line {line} of this file is a promotion of this employee with the same TMT; keep one of the two rows.",
)
# A rank promotion refused as not below the rank of a later promotion (employee.NOT_BELOW) a row of this file gave:
# named by that row's line, as SAME_TMT_LINE
NOT_BELOW_LINE = Refusal(
    "{new_rank} is not below {later}, the later promotion of {day} on line {line} of this file: check the rank and "
    "the TMT of both rows.",
    dates=("day",),
)
# A rank promotion refused as to the rank already held (employee.ALREADY_HELD) that a row of this file promoted the
# employee to: two rows of one promotion, one TMT mended (a stream records the first before it reads the second). Named
# by that row's line, its version and both TMTs, saying how to keep the row whose TMT the decree gives; until
# 2026-12-07 refused as ALREADY_HELD, naming no line nor the mend. PROMOTED_TWICE_JUDGED adds what the audit found of
# the first (shown beside its line too), the reason a file gives the same promotion twice.
PROMOTED_TWICE_IN_FILE = Refusal(
    "Line {line} of this file recorded this employee's promotion to {new_rank} (version {version}, TMT {first}), "
    "and this row promotes them to {new_rank} again, TMT {tmt}: a promotion to a rank is recorded once, so this row "
    "is not. Keep the row whose TMT the decree gives: if it is this row's, correct version {version}'s TMT to {tmt} "
    "(a correction row: target_version {version}, corrected_fields effective_date {tmt}) and remove this row; if it "
    "is line {line}'s, remove this row.",
    dates=("first", "tmt"),
)
# ... in a dry run, which records neither: keep one of the two rows (no version to correct)
PROMOTED_TWICE_IN_DRY_RUN = Refusal(
    "Line {line} of this file promotes this employee to {new_rank} (TMT {first}), and this row promotes them to "
    "{new_rank} again, TMT {tmt}: a promotion to a rank is recorded once, so this row would not be. Keep the row "
    "whose TMT the decree gives and remove the other before importing the file.",
    dates=("first", "tmt"),
)
PROMOTED_TWICE_JUDGED = Refusal(
    "Line {line}'s promotion (TMT {first}), as said beside that line: {found}",
    dates=("first",),
)
# ... and each other refusal of a version a row of the file gave, the same way: a second confirmation, rating of the
# year, award of the kind, separation of the record, feedback on the programme or end of the post, a fact dated after
# a separation, or on its day (either row first: the later one is refused), a session after a mentoring's end
CONFIRMED_LINE = Refusal(
    "Already confirmed as PNS on {day} (line {line} of this file); keep one of the two rows.",
    dates=("day",),
)
RATED_LINE = Refusal("{year} is already rated (line {line} of this file); keep one of the two rows.")
CONFERRED_LINE = Refusal(
    "{award} was already conferred on {day} (line {line} of this file); keep one of the two rows.",
    dates=("day",),
)
SEPARATED_LINE = Refusal(
    "Already separated ({status}) on {day} (line {line} of this file); keep one of the two rows.",
    dates=("day",),
    codes=(("status", "statuses"),),
)
AFTER_SEPARATION_LINE = Refusal(
    "{day} is after the separation on {separated} (line {line} of this file, {status}).",
    dates=("day", "separated"),
    codes=(("status", "statuses"),),
)
DATED_AFTER_LINE = Refusal(
    "Line {line} of this file ({kind}) is dated {day}, after this separation.",
    dates=("day",),
    kinds=("kind",),
)
ON_SEPARATION_DAY_LINE = Refusal(
    "{day} is the day of the separation (line {line} of this file, {status}): from that day no other status takes "
    "effect. Date the status change before it, or correct the separation.",
    dates=("day",),
    codes=(("status", "statuses"),),
)
SEPARATION_DAY_HELD_LINE = Refusal(
    "Line {line} of this file ({status}) takes effect on {day}: from the day of a separation no other status takes "
    "effect. Date that row's status change earlier, or date the separation later.",
    dates=("day",),
    codes=(("status", "statuses"),),
)
FEEDBACK_GIVEN_LINE = Refusal(
    "Feedback on {programme} is already recorded (line {line} of this file); keep one of the two rows.",
)
POST_ENDED_LINE = Refusal("That post already ended (line {line} of this file); keep one of the two rows.")
SESSION_AFTER_END_LINE = Refusal(
    "A mentoring session with {mentor} is recorded on {day} (line {line} of this file), after this end: end the "
    "mentoring on or after {day}, or correct that row's session.",
    dates=("day",),
)
# ... a placement in another agency ending a post a row of the file appointed (rule placement.ends_post): confirmed
# in the row, as the ledger's words say, and the row imported again
ENDS_POST_LINE = Refusal(
    "{nip} holds {title} ({kind}, line {line} of this file) in {agency}; a placement in another agency ends it on "
    "{day} (rule placement.ends_post). If the decree does move the employee to {new_agency}, confirm it (confirm: "
    "placement.ends_post) and import the row again: the post's end is recorded with the placement, under its "
    "reference; if not, write the agency it names.",
    dates=("day",),
    codes=(("kind", "post_kinds"),),
)
# ... and the worded parts citing one: a post among several a placement ends (ENDS_POSTS), a period's start or end, a
# fact still standing when the appointment is retracted (FACTS_STANDING)
ENDED_POST_LINE = Refusal("{title} ({kind}, line {line} of this file)", codes=(("kind", "post_kinds"),))
VERSION_LINE = Refusal("line {line} of this file")
STANDING_FACT_LINE = Refusal("line {line} of this file ({kind})", kinds=("kind",))
# ... and a row of a record a row of the file voided (the retraction of its appointment)
VOIDED_LINE = Refusal(
    "The record of NIP {nip} was voided: its appointment was retracted by line {line} of this file. Nothing more is "
    "recorded in it until the NIP is appointed afresh, by an ordinary appointment (as a new employee is).",
)
# ... and a retraction of a promotion leaving a later one a row of the file gave too many ranks above the rank then held
RETRACTION_JUMP_LINE = Refusal(
    "Retracting it leaves the promotion of {day} (line {line} of this file) to {new_rank} {moved} ranks above {held}, "
    "held since {since}, and a {kind} promotion moves up by at most {allowed} (rule promotion.one_step). Correct that "
    "promotion first; if its decree does promote this far, confirm it (confirm: promotion.one_step) and import the "
    "row again.",
    dates=("day", "since"),
    numbers=("moved", "allowed"),
    codes=(("kind", "promotion_kinds"),),
)
# ... and a placement into the unit an appointment or placement a row of the file gave already places the employee in
# (employee.NOT_MOVED): named by that row's line (until 2026-12-07 by "version 3 of the record", a version a dry run
# never gives, and advised a correction of that version)
NOT_MOVED_LINE = Refusal(
    "Already placed in {unit} ({agency}, region {region}) since {since}, by line {line} of this file: a placement "
    "there on {day} moves no one. Write the unit, agency or region the decree places the employee in; a decree "
    "amending that row's decree is written into that row (or, once it is recorded, as its correction), not as "
    "another placement.",
    dates=("since", "day"),
    quotes=("unit",),
)
# ... and a retraction of a Latsar training a confirmation as PNS a row of the file gave rests on
LATSAR_RESTS_LINE = Refusal(
    "The confirmation as PNS of {day} (line {line} of this file) rests on this Latsar (certificate {certificate}): "
    "retract or correct the confirmation first.",
    dates=("day",),
)
# Each refusal of the ledger's citing a version (its {version}) that the import words naming the line of this file
# whose row gave that version (_in_file), before or after the row refused (a row held back is tried after the rest):
# a dry run's version is only what the row would get, and a real import's is found in the file by its line
IN_FILE = {
    SAME_TMT: SAME_TMT_LINE,
    TRAINING_REPEATED: TRAINING_REPEATED_IN_FILE,
    FACT_REPEATED: FACT_REPEATED_IN_FILE,
    TRAINING_DAY_FULL: TRAINING_DAY_FULL_IN_FILE,
    NOT_BELOW: NOT_BELOW_LINE,
    CONFIRMED: CONFIRMED_LINE,
    RATED: RATED_LINE,
    CONFERRED: CONFERRED_LINE,
    SEPARATED: SEPARATED_LINE,
    AFTER_SEPARATION: AFTER_SEPARATION_LINE,
    DATED_AFTER: DATED_AFTER_LINE,
    ON_SEPARATION_DAY: ON_SEPARATION_DAY_LINE,
    SEPARATION_DAY_HELD: SEPARATION_DAY_HELD_LINE,
    FEEDBACK_GIVEN: FEEDBACK_GIVEN_LINE,
    POST_ENDED: POST_ENDED_LINE,
    SESSION_AFTER_END: SESSION_AFTER_END_LINE,
    ENDS_POST_UNCONFIRMED: ENDS_POST_LINE,
    ENDED_POST: ENDED_POST_LINE,
    VERSION: VERSION_LINE,
    STANDING_FACT: STANDING_FACT_LINE,
    VOIDED: VOIDED_LINE,
    RETRACTION_JUMP: RETRACTION_JUMP_LINE,
    LATSAR_RESTS: LATSAR_RESTS_LINE,
    NOT_MOVED: NOT_MOVED_LINE,
}
# The rows found already recorded are listed by line, the first LISTED of them (the count says how many in all).
LISTED = 20
DEFAULT_BATCH = 2000


@quick_init
@dataclass(frozen=True)
class RowProblem:
    """A rejected row: its line, whose record, and the reason per field."""

    line: int
    subject: str | None
    kind: str | None
    errors: dict[str, list[str]]
    values: dict[str, str] | None = None  # the cell of each refused field as it was typed (see `typed`)
    # judged against the record it names, which exists (a fact held, an earlier fact's values): a refusal that may
    # show the record's facts, logged as a read by the web's imports (docs/security.md); not one refused as read
    judged: bool = field(default=False, compare=False)

    def describe(self) -> str:
        return f"line {self.line}: {described(self.errors, self.values)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "subject": self.subject,
            "kind": self.kind,
            "errors": self.errors,
            "values": self.values or {},
        }


def described(errors: Mapping[str, list[str]], values: Mapping[str, str] | None) -> str:
    """A refused row's reasons as the command line gives them (`field: reason (typed: 'cell')`, each field)."""
    values = values or {}
    return fields_joined(
        f"{name}: {' '.join(msgs)}" + (f" (typed: {quoted(values[name])})" if name in values else "")
        for name, msgs in errors.items()
    )


TYPED_LENGTH = 40  # characters of a refused cell the report shows (a longer one is cut, ending in "…")


def typed(errors: Iterable[str], row: Mapping[str, Any]) -> dict[str, str]:
    """The cell of each refused field as the row's file has it ("delapan" for hours), to show beside the reason: a
    text as it is, any other JSON value as JSON, cut to TYPED_LENGTH characters. Only for refused rows (the
    rows recorded pay nothing). A cell the import read otherwise than written ("17/08/2031" read as 2031-08-17,
    refused as a future date) shows as written (the row's WRITTEN); a field of a correction's corrected_fields
    ("corrected_fields.hours") shows its cell there."""
    values = {}
    written = row.get(WRITTEN)
    if type(written) is not Written:  # (none, or a JSON row's own key)
        written = {}
    for name in errors:
        if name == "kind" and type(row.get("kind")) is GivenKind:  # (the kind chosen, or the file's name: no cell)
            continue
        if name in written:
            value = written[name]
        elif name in row:
            value = row[name]
        elif name.startswith("corrected_fields.") and isinstance(changes := row.get("corrected_fields"), Mapping):
            if (key := name.partition(".")[2]) not in changes:
                continue
            value = changes[key]
        else:
            continue
        if type(value) is Unreadable:  # (a cell of no text: a workbook's formula never calculated; its reason says so)
            continue
        text = value if type(value) is str else orjson.dumps(value, default=str).decode()
        values[name] = text if len(text) <= TYPED_LENGTH else text[: TYPED_LENGTH - 1] + "…"
    return values


def command_typed(errors: Iterable[str], command: Command) -> dict[str, str]:
    """`typed` for a refused command: its payload, with its NIP (or unit) and kind."""
    key = "unit" if command.subject.startswith("UNIT:") else "nip"
    subject = {key: command.subject} if command.subject else {}  # (a row of no NIP: no cell to show)
    return typed(errors, {**command.payload, **subject, "kind": command.kind, WRITTEN: command.written})


@quick_init
@dataclass(frozen=True)
class RowSeen:
    """A row already recorded (an earlier row of the file, or a recording before it): its line, whose record,
    the version it has there, and the earlier line of this file it repeats (None when it repeats no line of it)."""

    line: int
    subject: str
    kind: str
    version: int
    repeats: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "subject": self.subject,
            "kind": self.kind,
            "version": self.version,
            "repeats_line": self.repeats,
        }


class FirstLines:
    """The first line of the file that gave each version of each record (recorded it, or found it recorded):
    a later row given the same version repeats that line.

    A line number per version, in an array per record (4 or 8 bytes a version, 0 for a version no row gave),
    not the rows: a file of a million rows keeps a few megabytes. Each is kept doubled, plus 1 when the line found
    the version recorded before (`found`) rather than recording it.
    """

    def __init__(self) -> None:
        self.lines: dict[str, array[int]] = {}

    def first(self, subject: str, version: int, line: int, found: bool = False) -> int | None:
        """The earlier line that gave this version, or None (and `line` is noted as its first; `found`: it found the
        version recorded before, as already recorded)."""
        lines = self.lines.get(subject)
        if lines is None:
            lines = self.lines[subject] = array("L")
        known = len(lines)
        kept = 2 * line + found
        if version > known:
            if version > known + 1:
                lines.extend(bytes(version - known - 1))
            lines.append(kept)
            return None
        earlier = lines[version - 1]
        if earlier:
            return earlier >> 1
        lines[version - 1] = kept
        return None

    def earlier(self, subject: str, version: int) -> int | None:
        """The line that gave this version, if any."""
        lines = self.lines.get(subject)
        return (lines[version - 1] >> 1 or None) if lines is not None and 0 < version <= len(lines) else None

    def found(self, subject: str, version: int) -> bool:
        """Whether the line that gave this version found it recorded before the file (recorded nothing)."""
        lines = self.lines.get(subject)
        return lines is not None and 0 < version <= len(lines) and bool(lines[version - 1] & 1)


# The field a recorded row's warning (Outcome.warnings) is named beside, by the row's kind: a mentor's transfer's, the
# agency moved to (MENTEES_LEFT_OPEN); a penalty ending early, its end (PENALTY_SHORTENED), a correction's as corrected
WARNED_BESIDE = {"placement": "agency", "penalty": "end_date", "correction": "corrected_fields.end_date"}
# A unit new in its agency near a known one (rule unit.new) that a row's yes in the Konfirmasi column let through
# (Outcome.new_unit), said among the report's warnings beside the row's unit, once for each unit (the rows after the
# first naming it are asked nothing): until 2026-12-06 a misspelt unit so confirmed was recorded with no trace in the
# report (HR tester: "Dinas Pendidikn" beside Dinas Pendidikan)
NEW_UNIT_CONFIRMED = Refusal(
    "{unit} is a unit new in {agency}, confirmed by the yes in the Konfirmasi column (unit.new); it is near {near}, "
    "known there. If it is that unit misspelt, correct this row's unit (in the file, or by a correction once recorded)."
)
# ... of a unit's rating, whose unit no correction changes (since 2026-12-07)
NEW_UNIT_RATED_CONFIRMED = Refusal(
    "{unit} is a unit new in {agency}, confirmed by the yes in the Konfirmasi column (unit.new); it is near {near}, "
    "known there. If it is that unit misspelt, correct this row's unit in the file (once recorded, retract the rating "
    "and rate that unit)."
)

# The questions a recorded row was asked that its Konfirmasi cell confirmed (Outcome.asked: a yes confirms only those
# of YES_CONFIRMS the row is asked), said among the report's warnings beside `confirm`, on every row that needed it:
# until 2026-12-06 the report said nothing of what a yes approved (of region.outside_seat, appointment.tmt_first_day,
# placement.leaves_scope and a placement's placement.ends_post, not stored, nothing was kept anywhere); a unit new in
# its agency it let through is named by NEW_UNIT_CONFIRMED instead
YES_ANSWERED = Refusal("Confirmed in the Konfirmasi column, each asked of this row: {checks}.")


@dataclass
class ImportReport:
    """Counts of rows recorded, already recorded and rejected, with every rejection."""

    rows: int = 0
    recorded: int = 0
    already_recorded: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    workers_cpu: list[float] = field(default_factory=list)  # CPU seconds of each worker of a parallel import
    already_listed: list[RowSeen] = field(default_factory=list)  # the first LISTED rows already recorded, by line
    recorded_listed: list[RowSeen] = field(default_factory=list)  # the first LISTED rows recorded, by line
    appointed: dict[str, int] = field(default_factory=dict)  # the line of each appointment this import recorded
    notes: list[RowProblem] = field(default_factory=list)  # columns read but not recorded (line 1), by column
    # what a row recorded is answered with beside it, recording nothing (Outcome.warnings: a placement of a mentor in
    # another agency leaving mentorings open, careerlog.application.MENTEES_LEFT_OPEN), by line
    warnings: list[RowProblem] = field(default_factory=list)
    recorded_by_kind: Counter[str] = field(default_factory=Counter)  # the rows recorded (would be: a dry run), by kind
    # every rank promotion, and correction of one (promotion_row), recorded live (a dry run's: that it would record;
    # not migrated: its log's), by line: each judged by the audit's rules (CareerLog.findings_of, a ledger extension's:
    # careerlog reads no audit), a finding said among the warnings (a dry run's "Would be recorded; ...": on the record
    # as the run would leave it, its events not stored; until 2026-12-05 a dry run said nothing of it)
    promotions: list[RowSeen] = field(default_factory=list)

    def seen(self, rows: Iterable[RowSeen], recorded: Iterable[RowSeen] = ()) -> None:
        """Keep the first LISTED of the rows already recorded, and of the rows recorded, by line."""
        for kept, more in ((self.already_listed, rows), (self.recorded_listed, recorded)):
            kept += more
            kept.sort(key=attrgetter("line"))
            del kept[LISTED:]

    def take_unread(self, line: int, problem: InvalidInput) -> None:
        """A row refused as it was read, or the header's notes (which are no row)."""
        if isinstance(problem, ColumnNotes):
            self.rows -= 1
            self.notes.append(RowProblem(line, None, None, problem.errors))
        else:
            self.rejected.append(unread(line, problem))

    def point_at_appointments(self) -> None:
        """A row refused as its employee was not appointed, whom a later line of the file appointed, names
        that line: the file holds the appointment after the row (importing it again records the row).

        Over the refused rows only: the rows recorded pay nothing."""
        appointed = self.appointed
        for i, problem in enumerate(self.rejected):
            errors = problem.errors
            changed = {}
            for name, reasons in errors.items():
                later = [_appointed_later(r, problem.line, appointed) for r in reasons]
                if later != reasons:
                    changed[name] = later
            if changed:
                self.rejected[i] = replace(problem, errors={**errors, **changed})

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def file_refused(self) -> bool:
        """Whether the file was refused as a whole (its header, or its kind not known: HEADER_REFUSALS), no row of it
        read: its report counts no rows (until 2026-12-06 the summary said "1 row: ... rejected 1")."""
        return (
            len(self.rejected) == 1
            and not self.recorded
            and not self.already_recorded
            and header_refused({"errors": self.rejected[0].errors})
        )

    def summary(self) -> str:
        """The command line's first line of the summary: the rows read, recorded (would be: a dry run), already
        recorded and rejected, each count grouped in thousands as the lines by kind below it (kind_lines); of a file
        refused as a whole, that it was (`file_refused`), no count."""
        if self.file_refused:
            return "file refused as a whole: no row of it was read, nothing recorded"
        verb = "would record" if self.dry_run else "recorded"
        return (
            f"{self.rows:,} row{'' if self.rows == 1 else 's'}: {verb} {self.recorded:,}, "
            f"already recorded {self.already_recorded:,}, "
            f"rejected {len(self.rejected):,}"
        )

    def kind_lines(self) -> list[str]:
        """The rows recorded (a dry run: that would be) of each kind, as the command line shows them after its summary:
        a heading, then each kind's English name as the import page gives it (KIND_NAMES) and its count grouped in
        thousands, aligned, in the order of `to_dict` and the page. Nothing when no row was recorded."""
        counts = [(KIND_NAMES.get(kind, kind), f"{n:,}") for kind, n in sorted(self.recorded_by_kind.items()) if n]
        if not counts:
            return []
        wide, digits = max(len(name) for name, _ in counts), max(len(n) for _, n in counts)
        heading = "would record, by kind:" if self.dry_run else "recorded, by kind:"
        return [heading, *(f"  {name:<{wide}}  {n:>{digits}}" for name, n in counts)]

    def already_lines(self) -> str | None:
        """The lines of the rows already recorded, as the command line shows them (the first LISTED)."""
        if not self.already_recorded:
            return None
        lines = ", ".join(
            f"{seen.line} (repeats line {seen.repeats})" if seen.repeats else str(seen.line)
            for seen in self.already_listed
        )
        more = self.already_recorded - len(self.already_listed)
        return f"already recorded: line{'s' if self.already_recorded > 1 else ''} {lines}" + (
            f" and {more:,} more" if more else ""
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "recorded": self.recorded,
            "already_recorded": self.already_recorded,
            "rejected": [p.to_dict() for p in self.rejected],
            "already_recorded_rows": [seen.to_dict() for seen in self.already_listed],
            "recorded_rows": [row.to_dict() for row in self.recorded_listed],
            "notes": [note.to_dict() for note in self.notes],
            "warnings": [warning.to_dict() for warning in self.warnings],
            "recorded_by_kind": dict(sorted(self.recorded_by_kind.items())),
            "dry_run": self.dry_run,
            "file_refused": self.file_refused,
        }


def _date_forms(
    errors: dict[str, list[str]], written: Mapping[str, str] | None, payload: Mapping[str, Any] | None = None
) -> dict[str, list[str]]:
    """A payload's "Not a valid date (expected YYYY-MM-DD)" in a file, reworded to name the forms it may take (the
    cell as written is the report's, beside it); a date a CSV wrote day first (the row's WRITTEN: see
    textfiles.read_day_first_dates) that does not exist, or that a comma file writes either way round, said so, and
    one written YYYY-MM-DD that does not exist (2026-11-31, in `payload`) too. Only for refused rows."""
    changed = None
    for name, reasons in errors.items():
        if any(getattr(reason, "refusal", None) is NOT_DATE for reason in reasons):
            value = (payload or {}).get(name)
            if type(value) is str and ISO_FORM.fullmatch(value.strip()):  # (of the form, not of the calendar)
                form: str = NO_SUCH_ISO_DAY
            else:
                form = _date_form((written or {}).get(name))
            changed = changed or {}
            changed[name] = [form if getattr(r, "refusal", None) is NOT_DATE else r for r in reasons]
    return {**errors, **changed} if changed else errors


def _nips_quoted(errors: dict[str, list[str]], written: Mapping[str, str] | None) -> dict[str, list[str]]:
    """A NIP of no identity number's form quoted as typed (`must be 18 digits, got '1986 0926 2015'`), not as read
    without its separators (the row's WRITTEN: _nips_as_typed). Only for refused rows."""
    if not written:
        return errors
    changed = {
        name: nip_as_typed(errors[name], written[name]) for name in _NIP_CELLS if name in errors and name in written
    }
    return {**errors, **changed} if changed else errors


def _merged_missing(errors: dict[str, list[str]], written: Mapping[str, str] | None) -> dict[str, list[str]]:
    """A required field missing whose cell lies in a workbook's merged cells (the row's Written.merged), said so
    (MERGED_MISSING). Only for refused rows."""
    merged = written.merged if type(written) is Written else None
    if not merged:
        return errors
    changed = {
        name: [
            MERGED_MISSING.reason(cell=cell, cells=cells, first=first) if reason == MISSING else reason
            for reason in errors[name]
        ]
        for name, (cell, cells, first) in merged.items()
        if name in errors
    }
    return {**errors, **changed} if changed else errors


def _date_form(cell: str | None) -> str:
    if cell is None:  # (not a date the CSV reader took for one written day first)
        return IMPORT_DATE
    text = cell.strip()
    if timed := DATE_AND_TIME.fullmatch(text):  # ("06/05/2024 00.00": the date before its time)
        text = timed[1]
    found = DAY_FIRST.fullmatch(text)
    if found is not None and int(found[1]) <= 12 and int(found[3]) <= 12 and found[1] != found[3]:
        return EITHER_WAY  # (a semicolon file reads it day first: only a comma or tab file leaves it)
    return NO_SUCH_DAY


def _appointed_later(reason: str, line: int, appointed: dict[str, int]) -> str:
    """A refusal for an employee not appointed, reworded when a later line appointed them."""
    if getattr(reason, "refusal", None) is not NOT_APPOINTED:
        return reason
    nip = dict(reason.params)["nip"]  # type: ignore[attr-defined]
    later = appointed.get(nip)
    return reason if later is None or later < line else APPOINTED_LATER.reason(nip=nip, line=later)


def jsonl_dates(report: ImportReport) -> ImportReport:
    """The report of a JSON Lines file, its dates that do not read told the form it reads (YYYY-MM-DD), not a CSV
    file's day-first forms too (IMPORT_DATE: every row is refused so, whatever its file)."""
    told = str(IMPORT_DATE)
    for problem in report.rejected:
        for name, reasons in problem.errors.items():
            if any(str(r) == told for r in reasons):
                problem.errors[name] = [IMPORT_DATE_JSONL if str(r) == told else r for r in reasons]
    return report


def refuse_no_rows(rows: int, name: str) -> None:
    """A file that held no row at all is refused: empty, blank lines or a CSV header alone is the wrong file."""
    if rows == 0:
        raise InvalidInput(NO_ROWS.reason(name=quoted(name)), "file")


# ------------------------------------------------------------------------- reading


def detect_format(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):  # (an Excel Workbook: careerlog.workbooks; .xls, .xlsm and .ods refused)
        return "xlsx"
    if workbook_name(name):
        raise InvalidInput(WORKBOOK.reason(), "file")
    raise InvalidInput(WHICH_FORMAT.reason(name=quoted(name)), "file")


# Each kind's name in English as the pages give it (web.pages.labels.KIND_LABELS, untranslated), which the command
# line's import summary names the kinds by, as the import page does (ImportReport.kind_lines):
# tests/unit/test_import_summary_by_kind.py checks that the two agree (careerlog does not import the pages).
KIND_NAMES: dict[str, str] = {
    "appointment": "Appointment",
    "confirmation": "Confirmation as PNS",
    "rank_promotion": "Rank promotion",
    "post_appointment": "Post appointment",
    "post_end": "End of post",
    "placement": "Placement",
    "training": "Training",
    "training_feedback": "Training feedback",
    "education": "Education",
    "study_leave_start": "Study leave started",
    "study_leave_end": "Study leave ended",
    "mentoring_start": "Mentoring started",
    "mentoring_end": "Mentoring ended",
    "mentoring_session": "Mentoring session",
    "mentee_assigned": "Mentee assigned",
    "mentee_released": "Mentee released",
    "performance_rating": "Performance rating (SKP)",
    "penalty": "Disciplinary penalty",
    "status_change": "Status change",
    "exam": "Exam passed",
    "award": "Award",
    "correction": "Correction",
    "retraction": "Retraction",
    "unit_rating": "Unit rating",
    "unit_registration": "Unit registration",
}

# Each kind's name in Indonesian as the pages give it (web.pages.labels.KIND_LABELS in the Indonesian catalogue, its
# words lower case and joined by underscores, a parenthesis left out), so that a file named as the page names its rows
# (pelatihan.csv, kenaikan_pangkat.csv) is read as them: tests/unit/test_import_kind_from_indonesian_name.py checks
# that the two agree (careerlog does not import the pages).
INDONESIAN_KIND_NAMES: dict[str, str] = {
    "appointment": "pengangkatan",
    "confirmation": "pengangkatan_sebagai_pns",
    "rank_promotion": "kenaikan_pangkat",
    "post_appointment": "pengangkatan_dalam_jabatan",
    "post_end": "berakhirnya_jabatan",
    "placement": "penempatan",
    "training": "pelatihan",
    "training_feedback": "umpan_balik_pelatihan",
    "education": "pendidikan",
    "study_leave_start": "tugas_belajar_dimulai",
    "study_leave_end": "tugas_belajar_selesai",
    "mentoring_start": "pembimbingan_dimulai",
    "mentoring_end": "pembimbingan_selesai",
    "mentoring_session": "sesi_pembimbingan",
    "mentee_assigned": "penugasan_peserta_bimbingan",
    "mentee_released": "pelepasan_peserta_bimbingan",
    "performance_rating": "penilaian_kinerja",
    "penalty": "hukuman_disiplin",
    "status_change": "perubahan_kedudukan_hukum",
    "exam": "lulus_ujian",
    "award": "penghargaan",
    "correction": "koreksi",
    "retraction": "pembatalan",
    "unit_rating": "penilaian_unit",
    "unit_registration": "pendaftaran_unit",
}
# The other names Indonesian HR give a kind's file or cell (as BKD/BKPSDM offices and SIASN name their lists: "Diklat",
# "Riwayat Jabatan", "Mutasi", "SKP", "Hukdis"), beside INDONESIAN_KIND_NAMES, the pages' names. Until 2026-12-05
# diklat.csv (README's own example) was of no kind: "Choose the kind of event ...". A name of several kinds (tugas
# belajar: its start or end; pembimbingan) is none of them.
COMMON_KIND_NAMES: dict[str, str] = {
    "diklat": "training",
    "riwayat_diklat": "training",
    "pelatihan_teknis": "training",
    "kp": "rank_promotion",
    "naik_pangkat": "rank_promotion",
    "riwayat_pangkat": "rank_promotion",
    "jabatan": "post_appointment",
    "riwayat_jabatan": "post_appointment",
    "pengangkatan_jabatan": "post_appointment",
    "pemberhentian_jabatan": "post_end",
    "mutasi": "placement",
    "riwayat_mutasi": "placement",
    "pindah_tugas": "placement",
    "skp": "performance_rating",
    "penilaian_skp": "performance_rating",
    "kinerja": "performance_rating",
    "hukdis": "penalty",
    "hukuman": "penalty",
    "riwayat_hukdis": "penalty",
    "riwayat_hukuman_disiplin": "penalty",
    "riwayat_pendidikan": "education",
    "cpns": "appointment",
    "pengangkatan_cpns": "appointment",
    "pengangkatan_pns": "confirmation",
    "sk_pns": "confirmation",
    "ujian_dinas": "exam",
    "ujian": "exam",
    "kedudukan_hukum": "status_change",
    "tanda_jasa": "award",
    "satyalancana": "award",
}
# every name of each kind: its code, its Indonesian name as the pages give it, and its common names
_KIND_NAMES = [
    *((kind, kind) for kind in BY_KIND),
    *((name, kind) for kind, name in INDONESIAN_KIND_NAMES.items()),
    *COMMON_KIND_NAMES.items(),
]
# (a file name's stem beginning with a kind's name, its words joined by underscores, spaces or dashes, no letter
# after it (a digit may be: hukdis2); the kind) for every name of every kind, the longest name first
_NAMED_KINDS = [
    (re.compile("[ _-]+".join(map(re.escape, name.split("_"))) + r"(?![^\W\d_])"), kind)
    for name, kind in sorted(dict(_KIND_NAMES).items(), key=lambda named: len(named[0]), reverse=True)
]


# A kind column's cell as people write a kind: any of its names (_KIND_NAMES), in any case, words joined by spaces,
# underscores or dashes ("Training", "PELATIHAN", "Kenaikan Pangkat", "Diklat"); read_kind_cell
_KIND_CELLS = dict(_KIND_NAMES)


def read_kind_cell(row: dict[str, Any]) -> None:
    """A CSV row's kind cell written as a person names a kind (_KIND_CELLS) read as its code, in place (kept as
    written); a cell naming no kind is left for the ledger to refuse as written."""
    cell = row["kind"]
    if cell not in BY_KIND and (kind := _KIND_CELLS.get("_".join(cell.replace("-", " ").lower().split()))):
        row["kind"] = kind
        wrote(row, "kind", cell)


def kind_from_name(name: str) -> str | None:
    """A CSV file named after a kind, by its code, its Indonesian name (INDONESIAN_KIND_NAMES) or a common name
    (COMMON_KIND_NAMES: diklat.csv, mutasi.xlsx, SKP 2024.csv), holds that kind,
    whatever the case of its name and its words joined by underscores, spaces or dashes (kenaikan_pangkat.csv,
    "Kenaikan Pangkat.csv"), the name going on after anything but a letter: a year (rank_promotion-2024.csv,
    training 2024.csv), a browser's second download (pelatihan (1).csv), a Windows copy (training - Copy.csv), a
    number written on (hukdis2.csv, training2.csv: until 2026-12-05 of no kind). The
    longest name first (training_feedback.csv is no training, pengangkatan_dalam_jabatan.csv no appointment)."""
    stem = Path(name).stem.lower()
    return next((kind for pattern, kind in _NAMED_KINDS if pattern.match(stem)), None)


def read_jsonl(stream: IO[bytes], start: int = 1) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
    """(line number, row or the reason it is unreadable, bytes read) for each non-blank line, numbered from `start`."""
    loads = orjson.loads
    lines: Iterable[bytes] = stream
    if start == 1:  # the file's start: a UTF-16 file or a workbook is refused before any row
        first = stream.readline()
        refuse_not_text(first)
        # (a first line of a UTF-8 byte-order mark alone, as an editor saves an empty file, is blank: it was refused
        # as no JSON object, where an empty file holds no rows)
        lines = itertools.chain([b"" if bom_alone(first) else first], stream)
    for number, raw in enumerate(lines, start=start):
        if raw and not raw.isspace():  # not blank (raw.strip() without copying the line)
            try:  # parse_jsonl_line(raw) for an object, without the call; anything else goes there
                row = loads(raw)
            except orjson.JSONDecodeError:
                row = None
            yield number, row_checked(raw, row) if type(row) is dict else parse_jsonl_line(raw), len(raw)


def bom_alone(line: bytes) -> bool:
    """Whether a file's first line is a UTF-8 byte-order mark and nothing else but spaces: a blank line."""
    return line.startswith(codecs.BOM_UTF8) and line[3:].strip() == b""


def parse_jsonl_line(raw: bytes) -> dict[str, Any] | InvalidInput:
    """One line of a JSON Lines file as a row, or the reason it is unreadable."""
    text = raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw  # (a mark orjson refuses)
    try:
        row = orjson.loads(text)
    except orjson.JSONDecodeError as e:
        if e.msg == JSON_TOO_DEEP:
            return InvalidInput(NESTED_TOO_DEEP, "line")
        line = text.rstrip(b"\r\n").decode("utf-8", "replace")
        if e.pos >= len(line):  # (at its end, or past it on the next line: cut short)
            return InvalidInput(JSON_CUT_SHORT.reason(length=len(line)), "line")
        return InvalidInput(NOT_JSON.reason(column=e.colno), "line")
    if not isinstance(row, dict):
        return InvalidInput(LINE_NOT_OBJECT, "line")
    return row_checked(text, row)


def row_checked(raw: bytes, row: dict[str, Any]) -> dict[str, Any] | InvalidInput:
    """A JSON Lines row read from `raw`, or its refusal: a field nested too deeply (nesting_checked), or a name its
    line gives twice in one object (`"hours": 2, ..., "hours": 4`), named (`hours`, `corrected_fields.hours`) as the
    API names it: orjson keeps the last value and the other was dropped unseen, until 2026-12-05 recorded so."""
    # (a line with one brace and no bracket, nearly every one, nests nothing: two searches of its bytes in C instead
    # of a look at each value's type, about 0.5 us a row)
    if raw.count(b"{") != 1 or b"[" in raw:
        checked = nesting_checked(row)
        if checked is not row:
            return checked
    twice = name_given_twice(raw, row, COLONED)
    if twice is None:
        return jsonl_hours(row)
    field = twice.partition(".")[0]
    return RowRefused({twice: [GIVEN_TWICE]}, {k: v for k, v in row.items() if k != field})


def jsonl_hours(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON Lines row whose hours are a text written with their unit ("24 JP", in the row or its corrected_fields)
    read as the number, in place, as a CSV's or a workbook's cell and the record form's input are (textfiles.
    lesson_hours; until 2026-12-06 refused as no whole number, "24, not 24,5"); the row."""
    if type(row.get("hours")) is str:  # (read_lesson_hours asks nothing else: most rows hold no text of hours)
        read_lesson_hours(row)
    changes = row.get("corrected_fields")
    if type(changes) is dict and type(cell := changes.get("hours")) is str and (number := lesson_hours(cell)):
        changes["hours"] = number
        wrote(row, "corrected_fields.hours", cell)
    return row


def nesting_checked(row: dict[str, Any]) -> dict[str, Any] | InvalidInput:
    """A JSON Lines row, or its refusal naming the first field whose value nests objects or lists more than
    MAX_NESTING levels deep: such a value reached what reads, checks and reports a row (each walks it level by level,
    and orjson writes at most 254 levels) and the import answered 500."""
    for name, value in row.items():
        if type(value) in (dict, list) and nested_too_deep(value):
            return RowRefused({name: [NESTED_TOO_DEEP]}, {k: v for k, v in row.items() if k != name})
    return row


def nested_too_deep(value: Any) -> bool:
    """Whether a JSON value nests objects or lists more than MAX_NESTING levels deep (an object is one level), found
    without recursion (the value may be nested a thousand levels)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if type(item) is dict else item if type(item) is list else None
        if children is None:
            continue
        if level > MAX_NESTING:
            return True
        stack.extend((child, level + 1) for child in children)
    return False


def read_csv(
    stream: IO[bytes], kind: str | None, *, chosen: bool = False
) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
    """Rows of a CSV file with a header; empty cells are absent fields. Progress counts rows. `kind` is the kind of
    a row without a kind column's cell; `chosen`, the kind the importer chose for every row (a kind column's cell of
    another kind refuses its row), not one read from the file's name.

    Cells are separated as a first line `sep=;` names them (header_of: the header is then line 2), or by commas, or
    by semicolons when the header has semicolons and no comma:
    a spreadsheet in Indonesian (where the comma is the decimal mark) saves CSV so, and its decimal
    cells as "1.500.000,50" and its dates day first, "06/05/2024" (textfiles.read_decimal_commas and
    read_day_first_dates). A record breaking the quoting rules is refused at its line (CsvRecords).
    """
    if csv.field_size_limit() < CSV_CELL_LIMIT:  # (the csv module's one setting, for the whole process)
        csv.field_size_limit(CSV_CELL_LIMIT)
    cp1252 = windows_1252(stream)  # (a file of Windows-1252 throughout read so, whole: never some rows of it)
    encoding = "cp1252" if cp1252 else "utf-8-sig"
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")  # textfiles.py
    records: CsvRecords | None = None
    try:
        first = text.readline()
        refuse_not_text(first)
        header, delimiter, at = header_of(first, text)
        if undecodable(header):
            yield at, InvalidInput(NOT_UTF8_HEADER.reason(text=shown(header), save=SAVE_AS_UTF8), "line"), 1
            return
        if cp1252:
            yield at, ColumnNotes({"file": [READ_AS_WINDOWS_1252.reason(save=SAVE_AS_UTF8)]}), 1
        records = CsvRecords(itertools.chain([header], text), delimiter, at)
        _, typed, fault = records.header()
        if fault is not None:
            yield at, InvalidInput(HEADER_QUOTE, "line"), 1
            return
        names, unknown = _read_header(typed, kind, at)
        rows = iter(records)
        below, ahead = _lines_ahead(rows)
        if unknown is not None and not isinstance(unknown, ColumnNotes):
            misnamed = getattr(unknown.errors.get("line", [""])[0], "refusal", None) in MISNAMED_COLUMNS
            yield at, (misnamed and _header_below(typed, kind, at, below)) or unknown, 1
            return
        # (a header of no row below it is said to hold none: refuse_no_rows)
        second = _second_header_row(typed, names, at, below[:1]) or (columns_left_out(names, kind) if below else None)
        if second is not None:
            yield at, second, 1
            return
        if unknown is not None:
            yield at, unknown, 1
        rows = itertools.chain(ahead, rows)
        yield from _csv_rows(rows, typed, names, kind, indonesian=delimiter == ";", chosen=chosen, short=True)
    except csv.Error as e:
        line = records.last() + 1 if records is not None else 1
        yield line, InvalidInput(NOT_CSV.reason(error=e), "line"), 1
    finally:
        text.detach()  # the caller closes the file


class ColumnNotes(InvalidInput):
    """The header's columns read but never recorded (a row number, remarks, the name checked), each with why:
    the report's notes, at line 1; the rows are read on."""


# A CSV file's first line naming its separator for a spreadsheet, above the header: "sep=;", "sep=,", "sep=<tab>"
# (Excel reads it and writes it, and so do some exporters, so that Excel splits the columns whatever its locale);
# as a spreadsheet that took it for a cell saves it again, the row's empty cells after it ("sep=;;;;", "sep=;,,,")
# or the cell between quote marks ('"sep=;";;;'), those cells' separator being the one the file was saved with
_SEPARATOR_HINT = re.compile(
    r'(?P<quote>"?)sep=(?P<named>[!#-/:-@\[-^`{-~]|\t)(?P=quote)(?P<saved>[;,\t]?)(?P=saved)*[ \t]*(?:\r\n|\n|\r)?',
    re.IGNORECASE,
)


def header_of(first: str, text: IO[str]) -> tuple[str, str, int]:
    """The header of a CSV file whose first line (read) is `first` and whose lines after it are `text`, its cells'
    separator and its line: the first line and the separator it shows (delimiter_of), or, below a first line naming
    the separator (`sep=;`, _SEPARATOR_HINT), the second line and the separator named, whatever the header shows
    (until 2026-12-04 the hint was refused as a title line), or, when the hint is followed by empty cells (`sep=;;;`,
    as a spreadsheet that took it for a cell saves it again), the separator of those cells (until 2026-12-04 such a
    line was refused as a title). The lines keep their numbers in the file."""
    hint = _SEPARATOR_HINT.fullmatch(first)
    if hint is None:
        return first, delimiter_of(first), 1
    return text.readline(), hint["saved"] or hint["named"], 2


# Every name a header's column may read as (a field of some kind, the subject's, a key of a row)
HEADER_NAMES = frozenset(
    [
        *META_KEYS,
        "name",
        "agency",
        "unit",
        *(spec.name for cls in BY_KIND.values() for spec in payload_fields(cls)),
        *KIND_WORD_NAMES,  # (a kind's own words for a field: "Nama Diklat", a header of no kind reads as itself)
    ]
)
_LOOK_AHEAD = 5  # the lines with a cell below a header read before its rows: a title's, or a header's second row
_SHOWN_CELLS = 4  # the cells of a header's second row a refusal shows
_COLUMN_NUMBER = re.compile(r"[(\[]?(\d{1,3})[)\]]?\.?")  # "1", "(1)", "[1]", "1." below a column's name


def _lines_ahead(
    records: Iterator[tuple[int, list[str], Fault | None]],
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, list[str], Fault | None]]]:
    """The first records below a header that have a cell (up to _LOOK_AHEAD, none breaking the quoting rules), each
    with its line, and every record read for them, to be read again as rows."""
    ahead: list[tuple[int, list[str], Fault | None]] = []
    below: list[tuple[int, list[str]]] = []
    for record in records:
        ahead.append(record)
        line, cells, fault = record
        if fault is not None:
            break
        if any(cell.strip() for cell in cells):
            below.append((line, cells))
            if len(below) == _LOOK_AHEAD:
                break
    return below, ahead


def _header_below(
    typed: list[str], kind: str | None, at: int, below: list[tuple[int, list[str]]]
) -> InvalidInput | None:
    """For a first line of columns that are no fields of the kind: the refusal of a title above the header (a
    later line reads as the header, TITLE_ROWS) or of a header of two rows (the next line names columns this one
    leaves unnamed, TWO_ROW_HEADER); None when the lines below say neither."""
    for line, cells in below:
        if sum(1 for cell in cells if cell.strip()) > 1 and _is_header(cells, kind):
            cells_above = ", ".join(quoted(cell.strip()) for cell in typed if cell.strip())
            return InvalidInput(TITLE_ROWS.reason(header=line, line=at, cells=cells_above), "line")
    return _second_header_row(typed, [column_name(name) for name in typed], at, below[:1])


def _download_refusal(kind: str, typed: list[str], names: list[str], date: str, reference: str) -> Reason:
    """CAREER_DOWNLOAD_HEADERS' refusal of the career record's download as a file of `kind`: its NIP and version
    columns as typed, its fact's TMT and decree number columns, and every other column (a note's kept) to remove."""
    shown = [name.strip().lstrip("\ufeff") for name in typed]
    nip = next((t for t, n in zip(shown, names, strict=True) if n == "nip"), "NIP")
    version = next((t for t, n in zip(shown, names, strict=True) if n == "target_version"), "Versi")
    kept = {nip, version, date, reference}
    removed = [t for t, n in zip(shown, names, strict=True) if t and t not in kept and not n.startswith("#note")]
    return CAREER_DOWNLOAD_HEADERS[kind].reason(
        nip=quoted(nip),
        version=quoted(version),
        date=quoted(date),
        reference=quoted(reference),
        example='{"hours": 16}',
        removed=", ".join(quoted(t) for t in removed),
    )


def _is_header(cells: list[str], kind: str | None) -> bool:
    """Whether a line's cells read as a header of the kind, each naming a field, a note or nothing."""
    _, unknown = _read_header(cells, kind)
    return unknown is None or isinstance(unknown, ColumnNotes)


def _second_header_row(
    typed: list[str], names: list[str], at: int, below: list[tuple[int, list[str]]]
) -> InvalidInput | None:
    """The refusal of the line below the header (`below`: it, or nothing) when it is the header's second row: the
    columns' numbers (1, 2, 3, ... or (1), (2), (3), ..., one a column: COLUMN_NUMBERS), or names, no cell holding a
    digit (a row of data has its NIP), under columns the header leaves unnamed or each a column's name
    (TWO_ROW_HEADER)."""
    if not below:
        return None
    line, cells = below[0]
    filled = [(i, cell.strip()) for i, cell in enumerate(cells) if cell.strip()]
    shown = ", ".join([quoted(cell) for _, cell in filled[:_SHOWN_CELLS]] + ["…"] * (len(filled) > _SHOWN_CELLS))
    numbers = [found[1] for _, cell in filled if (found := _COLUMN_NUMBER.fullmatch(cell))]
    named = sum(1 for name in names if name)
    if len(filled) >= max(3, named) and numbers == [str(n) for n in range(1, len(filled) + 1)]:
        return InvalidInput(COLUMN_NUMBERS.reason(line=at, next=line, cells=shown), "line")
    if any(c.isdigit() for _, cell in filled for c in cell):
        return None
    unnamed = any(i >= len(names) or not names[i] for i, _ in filled)
    names_again = len(filled) > 1 and all(
        column_name(cell) in HEADER_NAMES or note_column(column_name(cell)) for _, cell in filled
    )
    if unnamed or names_again:
        return InvalidInput(TWO_ROW_HEADER.reason(line=at, next=line, cells=shown), "line")
    return None


def names_kind_column(data: bytes) -> bool:
    """Whether a CSV file's header (below a `sep=;` line) has a `kind` column, which gives each row its kind (the
    import page asks a file of no kind column, named after no kind, its kind)."""
    text = io.StringIO(data[:CSV_HEADER_PEEK].decode("utf-8-sig", errors="surrogateescape"), newline="")
    header, delimiter, _ = header_of(text.readline(), text)
    return "kind" in (column_name(cell) for cell in next(csv.reader([header], delimiter=delimiter), []))


def unchosen_download(data: bytes) -> Reason | None:
    """CAREER_DOWNLOAD_UNCHOSEN of a CSV file whose header is the career record's download (the import page asks a
    file of no kind, named after none, its kind: the download is told which, and how to make it a file of it), else
    None."""
    text = io.StringIO(data[:CSV_HEADER_PEEK].decode("utf-8-sig", errors="surrogateescape"), newline="")
    header, delimiter, _ = header_of(text.readline(), text)
    typed = next(csv.reader([header], delimiter=delimiter), [])
    _, refused = _read_header(typed, None)
    if isinstance(refused, InvalidInput) and (said := refused.errors.get("kind")):
        found = said[0]
        return found if isinstance(found, Reason) and found.refusal is CAREER_DOWNLOAD_UNCHOSEN else None
    return None


CSV_HEADER_PEEK = 1 << 16  # the bytes of a CSV file read for its header's kind column (names_kind_column)


def delimiter_of(header: str) -> str:
    """The cells' separator a header shows: a semicolon when it has semicolons and no comma (a spreadsheet in
    Indonesian), a tab when it has tabs and neither (a "Text (Tab delimited)" file renamed .csv), else a comma."""
    if "," in header:
        return ","
    return ";" if ";" in header else "\t" if "\t" in header else ","


Fault = tuple[int, Reason]  # a record breaking the quoting rules: the cell at fault (its index), and why


class CsvRecords:
    """The records of a CSV file's lines, as csv.reader reads them, each with the line it is numbered by, its cells,
    and None, or the fault of a record breaking the quoting rules of CSV (RFC 4180, as a spreadsheet saves CSV).

    csv.reader reads any text: a quote mark within a cell not opened by one (`Pelatihan "Arsip`) as a letter, and a
    cell opened by a quote mark not closed on its line takes the lines after it into that cell, up to the next quote
    mark of the file (or its end). Such a record is given with its fault and the cells of its first line as written
    (`cells_as_written`), numbered by that line; the lines after it are read again, as records of their own. A
    record over several lines of fewer cells than the header (a quote closed lines later by another stray one) is
    one too. Any other record is numbered by the line it ends on (csv.reader's line_num), a blank one skipped.

    Only a record with a quote mark pays for the check: a line without one is handed on as it is."""

    def __init__(self, lines: Iterable[str], delimiter: str, first: int = 1) -> None:
        self.delimiter = delimiter
        self.kept: list[str] = []  # the lines of the record read last, from its first line holding a quote mark
        self.width = 0  # the header's cells
        # the lines before those the reader reads: above the header (its line is `first`: header_of), and read
        # again after a record at fault
        self.base = first - 1
        cell = cell_pattern(delimiter).pattern
        self.whole = re.compile(f"(?:{cell})(?:{re.escape(delimiter)}(?:{cell}))*(?:\r\n|\n|\r)?")
        self.source = iter(lines)
        self.reader = csv.reader(self._lines(self.source), delimiter=delimiter)

    def _lines(self, source: Iterator[str]) -> Iterator[str]:
        kept = self.kept
        for line in source:
            if kept or '"' in line:
                kept.append(line)
            yield line

    def header(self) -> tuple[int, list[str], Fault | None]:
        """The first record, even a blank one: the header."""
        cells = next(self.reader, [])
        found = self._checked(cells)
        self.width = len(found[1])
        return found

    def __iter__(self) -> Iterator[tuple[int, list[str], Fault | None]]:
        kept = self.kept
        while True:
            for cells in self.reader:
                if kept:
                    yield self._checked(cells)
                    if kept:  # (a record at fault: its lines after the first are read again)
                        break
                elif cells:
                    yield self.base + self.reader.line_num, cells, None
            else:
                return
            first, again = self.last() - len(kept) + 1, kept[1:]
            kept.clear()
            self.base = first
            self.reader = csv.reader(self._lines(itertools.chain(again, self.source)), delimiter=self.delimiter)

    def last(self) -> int:
        """The number of the line read last."""
        return self.base + self.reader.line_num

    def _checked(self, cells: list[str]) -> tuple[int, list[str], Fault | None]:
        """A record read: checked against the quoting rules if it holds a quote mark (`kept` is then cleared, unless
        it is at fault: the caller reads its lines again)."""
        kept = self.kept
        last = self.last()
        if not kept:
            return last, cells, None
        if len(kept) == 1 and self.whole.fullmatch(kept[0]) is not None:  # (a line keeping the rules: one match)
            kept.clear()
            return last, cells, None
        text = "".join(kept)
        first = last - len(kept) + 1
        as_read, at = split_cells(text.rstrip("\r\n"), self.delimiter)
        wide = len(as_read) >= self.width
        whole = self._whole_row(kept) if at is None and wide and len(kept) > 1 else None
        if at is None and whole is None and (len(kept) == 1 or len(as_read) == self.width):  # (more: no row either)
            kept.clear()
            return last, cells, None
        if at is not None and len(kept) > 1 and (stray := self._stray_after_breaks(kept, text, at)) is not None:
            kept.clear()  # (a cell over lines on purpose, then a stray quote: one record, its lines not read again)
            return stray
        if at is None:  # (over several lines, short, or a line after its first a row of its own: the cell holding
            # the line break took the lines after it)
            at = next(i for i, cell in enumerate(as_read) if "\n" in cell or "\r" in cell)
        if len(kept) == 1:
            cells = split_cells(text.rstrip("\r\n"), self.delimiter, as_written=True)[0]
            return first, cells, (at, quote_fault(cells[at]))
        if whole is not None:  # (of the header's width: one row lost in that cell)
            reason = ROWS_RUN_TOGETHER.reason(first=first, last=last, next=first + whole)
        else:
            reason = UNCLOSED_QUOTE.reason(first=first, last=last)
        return first, split_cells(kept[0].rstrip("\r\n"), self.delimiter, as_written=True)[0], (at, reason)

    def _stray_after_breaks(self, lines: list[str], text: str, at: int) -> tuple[int, list[str], Fault] | None:
        """A record of several lines at fault in cell `at` after its first line, that line of fewer cells than the
        header (_whole_row): cells written over lines on purpose (a title typed on two lines, between quote marks), then
        a stray quote mark in a later cell. Refused as STRAY_QUOTE in that cell, numbered by the line holding it,
        its cells as written, the record's lines not read again (they were refused as the cell taking the lines after
        its line, in the column of that index on the first line, and the line after it read as a row of its own).
        None for any other record: a quote mark opened on the first line and closed lines later (UNCLOSED_QUOTE)."""
        start, pattern, delimiter = 0, cell_pattern(self.delimiter), self.delimiter
        for _ in range(at):  # (the cells before the one at fault keep the rules: split_cells)
            found = pattern.match(text, start)
            assert found is not None
            start = found.end() + 1
        if start < len(lines[0]) or lines[0].count(delimiter) + 1 >= self.width:
            return None  # (at fault on the first line; or a first line that is a whole row: the quote opened on it)
        line = self.last() - len(lines) + 1
        for length in itertools.accumulate(len(each) for each in lines):
            if start < length:
                break
            line += 1
        cells = split_cells(text.rstrip("\r\n"), delimiter, as_written=True)[0]
        return line, cells, (at, quote_fault(cells[at]))

    def _whole_row(self, lines: list[str]) -> int | None:
        """The first of a record's lines after its first that holds a row of its own, as many cells as the header
        split at every separator (its quote marks read as letters), by its place in the record (1 for the second);
        None when none does. A cell written over several lines (a remark typed on two lines) has lines of fewer
        cells, the separators of its row on its first and last lines; a stray quote mark closed by another lines
        later takes whole rows into one cell, and the record may still have the header's width (the two quote
        marks in one column), one row lost in that cell. Such a stray quote's first line is a row of its own too (the
        quote opened in a row written whole on it), where a cell broken over lines on purpose ends its first line
        inside the cell: a first line of fewer cells finds none, whatever separators the cell's later lines hold as
        text ("angkatan I, II, III, IV, V, VI")."""
        separator = self.delimiter
        if lines[0].count(separator) + 1 < self.width:
            return None
        return next((at for at, line in enumerate(lines[1:], 1) if line.count(separator) + 1 >= self.width > 1), None)


_CELLS: dict[str, re.Pattern[str]] = {}  # a cell as the quoting rules write it, by separator (split_cells)


def cell_pattern(delimiter: str) -> re.Pattern[str]:
    """A cell as the quoting rules write it (split_cells), its text between quote marks as group 1."""
    pattern = _CELLS.get(delimiter)
    if pattern is None:
        spaces = " \t".replace(delimiter, "")
        letters = f'[^"{re.escape(delimiter)}\\r\\n]*'
        quoted = f'"([^"]*(?:""[^"]*)*)"[{spaces}]*'
        plain = f'(?:(?![{spaces}]*"){letters}(?:"{letters}"{letters})*)?'  # (not opened by one: quote marks in pairs)
        formula = f'[{spaces}]*="[^"\\r\\n]*"[{spaces}]*'  # (`="1986..."`: a NIP as text: nips_marked_as_text)
        pattern = _CELLS[delimiter] = re.compile(f"{quoted}|{formula}|{plain}")
    return pattern


def split_cells(text: str, delimiter: str, *, as_written: bool = False) -> tuple[list[str], int | None]:
    """The cells of a record's text (without its last line break) by the quoting rules of CSV, and the index of the
    first cell breaking them (None when none does): a cell is written between quote marks, each quote mark within it
    doubled (spaces after the closing one are let be, as csv.reader reads them), or holds no quote mark, or is text
    written as a formula for a spreadsheet (`="198609262010031001"`, as the import reads a NIP so). With
    `as_written`, the cell at fault and the rest of the text are given as written between the separators, quote
    marks and all, as the refused rows' file gives them back (web.pages.refused_rows)."""
    pattern = cell_pattern(delimiter)
    cells: list[str] = []
    start, end = 0, len(text)
    while True:
        found = pattern.match(text, start)
        assert found is not None  # (a cell holding no quote mark matches, empty)
        stop = found.end()
        if stop != end and text[stop] != delimiter:
            at = len(cells)
            if as_written:
                cells += text[start:].split(delimiter)
            return cells, at
        quoted = found.group(1)
        cells.append(found.group() if quoted is None else quoted.replace('""', '"'))
        if stop == end:
            return cells, None
        start = stop + 1


def _read_header(typed: list[str], kind: str | None, line: int = 1) -> tuple[list[str], InvalidInput | None]:
    """The header's column names whatever their case and spaces ("NIP" is nip); for a file of one kind (no `kind`
    column), the columns that are no field of it, named at once rather than row by row.

    Columns of notes ("No", "Keterangan": textfiles.NOTE_COLUMNS) and careerlog's reasons column of a refused-rows
    file (textfiles.REASONS_COLUMNS) are left out of the rows (named `#note` and their place) and said in
    ColumnNotes, as is a name column beside the NIP of a kind without a name, read to check each row's NIP
    (careerlog.names). A cell longer than HEADER_CELL_LIMIT (its text without a BOM and the spaces around it) is
    refused at once, before any other reading of it (a header cell of megabytes was read for minutes as a column's
    name, and its near names sought); but the line's one filled cell is a title above the header, refused as the
    shorter ones are (TITLE_ROW, the cell quoted cut short as always; until 2026-12-07 a title of 222 characters was
    refused as a column too long, not told to delete the lines above the header)."""
    lengths = [len(_header_text(t)) for t in typed]
    if (longest := next(((i, n) for i, n in enumerate(lengths, 1) if n > HEADER_CELL_LIMIT), None)) is not None:
        column, length = longest
        if sum(1 for n in lengths if n) == 1:  # (a spreadsheet's title above the table, its one cell)
            return ["" for _ in typed], _title_row(_header_text(typed[column - 1]), line)
        too_long = HEADER_CELL_TOO_LONG.reason(column=column, line=line, length=length, limit=HEADER_CELL_LIMIT)
        return ["" for _ in typed], InvalidInput(too_long, "line")
    own = kind if kind and not any(column_name(name) == "kind" for name in typed) else None
    names = [column_name(name, own) for name in typed]
    noted = [
        REASONS_NOTE if reasons_column(t) else NOTE if note_column(name) else None
        for t, name in zip(typed, names, strict=True)
    ]
    notes: dict[str, list[str]] = {t.strip(): [note] for t, note in zip(typed, noted, strict=True) if note}
    if notes:
        names = [f"#note{i}" if note else name for i, (name, note) in enumerate(zip(names, noted, strict=True), 1)]
    counted = Counter(names)  # (names.count(name) for each name was quadratic in the columns: a DoS by header)
    twice = next((name for name in names if name and counted[name] > 1), None)
    if twice is not None:  # two columns of one field (tanggal_selesai and TMT): which one would be read?
        columns = ", ".join(quoted(t.strip()) for t, name in zip(typed, names, strict=True) if name == twice)
        return names, InvalidInput(SAME_FIELD.reason(columns=columns, field=twice), "line")
    if not kind and "kind" not in names:  # (each row would be rejected for it)
        if career_download(typed) is not None:  # (the download: the one that imports again, the kind to correct)
            return names, InvalidInput(CAREER_DOWNLOAD_UNCHOSEN.reason(correction="correction"), "kind")
        return names, InvalidInput(NO_KIND, "kind")
    if not kind or kind not in RECORDABLE_KINDS or "kind" in names:  # (a kind not imported: each row refused for it)
        return names, ColumnNotes(notes) if notes else None
    other_kinds = OTHER_KINDS_COLUMNS.get(kind, {})
    if others := [(t.strip(), other_kinds[name]) for t, name in zip(typed, names, strict=True) if name in other_kinds]:
        columns = ", ".join(quoted(column) for column, _ in others)
        return names, InvalidInput(OTHER_KINDS_HEADER.reason(columns=columns, kind=kind, other=others[0][1]), "line")
    subject = ["agency", "unit"] if kind == "unit_rating" else ["nip"]
    fields = [*subject, *(spec.name for spec in payload_fields(BY_KIND[kind]))]
    named = subject == ["nip"] and kind not in NAMED_KINDS  # (a name beside the NIP is checked)
    allowed = {*META_KEYS, *fields, *(["name"] if named else []), *(n for n in names if n.startswith("#note"))}
    unknown = [name.strip() for name, known in zip(typed, names, strict=True) if known and known not in allowed]
    if not unknown:  # (the required columns it leaves out: columns_left_out, once a second header row is ruled out)
        if named and "name" in names:
            notes[typed[names.index("name")].strip()] = [NAME_CHECKED]
        return names, ColumnNotes(notes) if notes else None
    if kind in CAREER_DOWNLOAD_HEADERS and (download := career_download(typed)) is not None:
        return names, InvalidInput(_download_refusal(kind, typed, names, *download[:2]), "line")
    if len(unknown) == 1 and sum(1 for name in typed if name.strip()) == 1:  # (a title above the table)
        return names, _title_row(unknown[0], line)
    columns = ", ".join(quoted(name) for name in unknown)
    aliases = aliases_of(fields, kind)
    spelled = ", ".join(dict.fromkeys(header_spelling(alias) for alias in aliases))
    said = {"columns": columns, "kind": kind, "fields": ", ".join(fields), "aliases": spelled}
    near = nearest_columns(unknown, [*fields, *aliases], kind)
    if near:
        return names, InvalidInput(UNKNOWN_COLUMNS_NEAR.reason(**said, near=near, notes=NOTE_NAMES), "line")
    if missing := missing_columns(kind, subject, names):
        if any(name in names for name in subject):  # (a header of the kind: the required columns it leaves out too)
            reason = UNKNOWN_COLUMNS_MISSING.reason(**said, missing=missing, notes=NOTE_NAMES)
            return names, InvalidInput(reason, "line")
        # (no header of the kind, or an unknown column may be a field misnamed)
        return names, InvalidInput(UNKNOWN_COLUMNS.reason(**said, notes=NOTE_NAMES), "line")
    left_out = next((name for name in filled_in(kind) if name not in names), None)
    if left_out is not None:  # (a column of no field may be it, misnamed: its rows would hold the default)
        by_name = ", ".join(header_spelling(alias) for alias in aliases_of([left_out], kind))
        said = {"columns": columns, "kind": kind, "field": left_out, "aliases": by_name}
        return names, InvalidInput(UNKNOWN_MAY_BE_DEFAULTED.reason(**said), "line")
    # (a header naming the subject and every required field of the kind, with columns of no field near none: the rows
    # read, each such column left out and said in the notes)
    ignored = ignored_column(kind)
    for i, (t, name) in enumerate(zip(typed, names, strict=True)):
        if name and name not in allowed:
            names[i] = f"#note{i + 1}"
            notes[t.strip()] = [ignored]
    if named and "name" in names:
        notes[typed[names.index("name")].strip()] = [NAME_CHECKED]
    return names, ColumnNotes(notes)


def missing_columns(kind: str, subject: list[str], names: list[str]) -> str:
    """The subject's and the kind's required columns a header leaves out, each with its Indonesian names ("organiser
    (Penyelenggara)"), or empty (the columns filled in for a row that leaves them out, FILLED_IN, are not missing)."""
    required = [spec.name for spec in payload_fields(BY_KIND[kind]) if spec.required]
    return ", ".join(
        f"{name} ({', '.join(dict.fromkeys(header_spelling(alias) for alias in aliases_of([name], kind)))})"
        for name in [*subject, *required]
        if name not in names and name not in filled_in(kind)
    )


def columns_left_out(names: list[str], kind: str | None) -> InvalidInput | None:
    """The refusal of a header of one kind (no `kind` column) naming no column of no field but leaving out required
    columns of the kind (MISSING_COLUMNS), or None: asked once the header is known to be one row (_second_header_row:
    "Tanggal" above "Mulai" and "Selesai" is said so, not as a header leaving out the days). None for a kind the
    import does not take (unit_registration, mentee_assigned ...: not RECORDABLE_KINDS), each row refused as an
    unknown kind, its true reason (until 2026-12-06 a header of unit registrations left out `nip`)."""
    if not kind or kind not in RECORDABLE_KINDS or "kind" in names:
        return None
    subject = ["agency", "unit"] if kind == "unit_rating" else ["nip"]
    missing = missing_columns(kind, subject, names)
    return InvalidInput(MISSING_COLUMNS.reason(missing=missing, kind=kind), "line") if missing else None


def ignored_column(kind: str) -> str:
    """The note of a column read as no field of `kind`, its cells left out of the kind's rows (IGNORED_COLUMN)."""
    fields = [
        *(["agency", "unit"] if kind == "unit_rating" else ["nip"]),
        *(s.name for s in payload_fields(BY_KIND[kind])),
    ]
    spelled = ", ".join(dict.fromkeys(header_spelling(alias) for alias in aliases_of(fields, kind)))
    return IGNORED_COLUMN.reason(kind=kind, fields=", ".join(fields), aliases=spelled)


def _header_text(cell: str) -> str:
    """A header cell's text as its length is measured: without a BOM and the spaces around it."""
    return cell.strip().lstrip("\ufeff").strip()


def _title_row(cell: str, line: int) -> InvalidInput:
    """The refusal of a header line whose one filled cell, `cell`, names no column: a title above the header
    (TITLE_ROW), or column names separated by a character the import reads only when named (SEPARATED_OTHERWISE);
    the cell quoted cut short (Refusal.quotes)."""
    if separator := _separated_otherwise(cell):
        said = {"line": line, "cell": quoted(cell), "separator": separator}
        return InvalidInput(SEPARATED_OTHERWISE.reason(**said), "line")
    return InvalidInput(TITLE_ROW.reason(line=line, cell=quoted(cell)), "line")


def _separated_otherwise(cell: str) -> str | None:
    """The separator (_OTHER_SEPARATORS) a header of one cell shows between two or more names of columns, if any."""
    for separator in _OTHER_SEPARATORS:
        names = [column_name(part) for part in cell.split(separator) if part.strip()]
        if sum(name in HEADER_NAMES for name in names) >= 2:
            return separator
    return None


def nearest_columns(unknown: list[str], known: list[str], kind: str | None = None) -> str:
    """The known name nearest each unknown column that has one close (difflib, NEAREST_COLUMN), as a header writes it
    (header_spelling): the name alone for one column ("Tanggal Mulai"), each with its column after it for several
    ("JP ('JP2'), Judul ('Judull')"); empty when none is close. Each column is read as a file of `kind` reads it
    (a study leave's "Tanggal Selesai" no field, not the effective date a training's is)."""
    pairs = [
        (column, header_spelling(found[0]))
        for column in unknown
        if (found := difflib.get_close_matches(column_name(column, kind), known, n=1, cutoff=NEAREST_COLUMN))
    ]
    if len(unknown) == 1:
        return pairs[0][1] if pairs else ""
    return ", ".join(f"{name} ({quoted(column)})" for column, name in pairs)


class RowRefused(InvalidInput):
    """A CSV row refused as it was read, with the NIP and kind it names (where readable) for the report."""

    def __init__(self, errors: dict[str, list[str]], row: dict[str, Any]):
        super().__init__(errors)
        self.subject, self.kind = (_readable(row.get(name)) for name in ("nip", "kind"))
        # (each cell as typed: the row's WRITTEN, a kind cell "Kenaikan Pangkat" read as rank_promotion)
        self.values = typed(errors, {k: v for k, v in row.items() if k == WRITTEN or _readable(v) is not None})

    def __reduce__(self) -> tuple[Any, ...]:  # (as it was made, should it travel to another process)
        return RowRefused, (self.errors, {**self.values, "nip": self.subject, "kind": self.kind})


def _readable(value: Any) -> str | None:
    return value if type(value) is str and not undecodable(value) else None


def refused_for_cells(errors: dict[str, list[str]], row: dict[str, Any]) -> RowRefused:
    """A row refused as it was read for its cells that are no value, a spreadsheet's in place of a value in a column
    of no field of its kind (a CSV file's #N/A: textfiles.spreadsheet_errors_elsewhere; a workbook's TRUE or #N/A
    cell: careerlog.workbooks), each named in its column (`errors`); `row` its cells as read. Its NIP and kind for the
    report are none where such a cell is its NIP or its kind: none is read from a cell that is no value."""
    refused = RowRefused(errors, row)
    if "nip" in errors:
        refused.subject = None
    if "kind" in errors:
        refused.kind = None
    return refused


def unread(line: int, problem: InvalidInput) -> RowProblem:
    """The report's entry for a row refused as it was read (a RowRefused names its NIP and kind)."""
    if isinstance(problem, RowRefused):
        return RowProblem(line, problem.subject, problem.kind, problem.errors, problem.values)
    return RowProblem(line, None, None, problem.errors)


def _csv_rows(
    records: Iterable[tuple[int, list[str], Fault | None]],
    typed: list[str],
    names: list[str],
    kind: str | None,
    *,
    indonesian: bool = False,
    day_first: bool | None = None,
    chosen: bool = False,
    short: bool = False,
) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
    """The rows of a CSV file's records (or a workbook's rows) below its header: `short`, a row of fewer cells than
    the header missing required ones refused as short (SHORT_ROW: a CSV file's; a workbook's row ends where its
    cells do)."""
    names = [name.strip() for name in names]
    width = len(names)
    notes = [name for name in names if name.startswith("#note")]  # (left out of every row)
    # (a file of several kinds, its header read as no one kind's: the columns a kind names otherwise, by the field
    # the header read and the kind's own, for each row of that kind: a penalty's "Tanggal Selesai" its end_date)
    by_kind = {
        own: {name: field for t, name in zip(typed, names, strict=False) if (field := column_name(t, own)) != name}
        for own in (KIND_HEADER_ALIASES if "kind" in names else ())
    }
    # (... and the columns a kind reads as no field of it, by the name the remap gives them, each with its header as
    # typed: a study leave's start's "Tanggal Selesai", its end planned. Left out of that kind's rows and said in the
    # notes, once for each kind, as a file of one kind leaves such a column out: until 2026-12-06 refused as an
    # unknown field)
    no_field = {
        own: {
            field: t.strip()
            for t, name in zip(typed, names, strict=False)
            if (field := column_name(t, own)) != name and KIND_HEADER_ALIASES[own].get(field) == field
        }
        for own in by_kind
    }
    nip_columns = {name: t.strip() for t, name in zip(typed, names, strict=False) if name in NIP_COLUMNS}
    noted: set[tuple[str, str]] = set()
    for line, cells, fault in records:
        if fault is not None:  # (a cell breaking the quoting rules: named by its field, a note's by its header)
            at, reason = fault
            column = "line" if at >= width else typed[at].strip() if names[at].startswith("#note") else names[at]
            written = dict(zip(names, cells, strict=False))
            written[column] = cells[at] if at < len(cells) else ""
            if kind and "kind" not in written:
                written["kind"] = kind
            yield line, RowRefused({column: [reason]}, written), 1
            continue
        if _repeats_header(cells, typed):  # (before a count of its cells: empty ones after its names are no row)
            yield line, RowRefused({"line": [HEADER_AGAIN]}, dict(zip(names, cells, strict=False))), 1
            continue
        if len(cells) > width:  # (cells past the header's last column: empty ones, as Excel writes, are no cells)
            extra = next((at for at in range(width, len(cells)) if cells[at].strip()), None)
            if extra is not None:  # (named as a cell under a column with no name: where it is, what it holds)
                cell = quoted(cells[extra].strip())
                reason = UNNAMED_COLUMN.reason(letter=column_letter(extra), number=extra + 1, cell=cell)
                yield line, RowRefused({"line": [reason]}, dict(zip(names, cells, strict=False))), 1
                continue
            cells = cells[:width]
        cleaned: dict[str, Any] = {k: v for k, v in zip(names, cells, strict=False) if v.strip() != ""}
        texts_written_as_formulas(cleaned)  # (="198609262010031001": the refused rows' NIP, read as its text anywhere)
        for name in notes:
            cleaned.pop(name, None)
        if not cleaned:  # (cells all empty, or notes alone: a spreadsheet's formatted rows below its data)
            continue
        given = bool(kind) and "kind" not in cleaned  # (no cell of the file: a refusal quotes none, GivenKind)
        if given:
            cleaned["kind"] = kind
        if "" in cleaned:  # (a cell under a column the header leaves unnamed: refused naming it, not as field "")
            at = next(i for i, (name, cell) in enumerate(zip(names, cells, strict=False)) if not name and cell.strip())
            reason = UNNAMED_COLUMN.reason(letter=column_letter(at), number=at + 1, cell=quoted(cells[at].strip()))
            yield line, RowRefused({"line": [reason]}, cleaned), 1
            continue
        if (bad := not_utf8(cleaned)) is not None:
            yield line, RowRefused(bad.errors, cleaned), 1
            continue
        if "kind" in cleaned:
            read_kind_cell(cleaned)  # ("Training", "Pelatihan": as --kind and the file's name are read)
            if chosen and kind and cleaned["kind"] != kind and cleaned["kind"] in BY_KIND:  # (another kind than chosen)
                reason = OTHER_KIND_CHOSEN.reason(row=cleaned["kind"], chosen=kind)
                yield line, RowRefused({"kind": [reason]}, cleaned), 1
                continue
            if remap := by_kind.get(cleaned["kind"]):
                moved = {remap.get(name, name): value for name, value in cleaned.items()}
                if len(moved) < len(cleaned):  # (TMT and Tanggal Mulai: both a penalty's effective date)
                    field = next(f for f in remap.values() if sum(remap.get(n, n) == f for n in cleaned) > 1)
                    columns = ", ".join(
                        quoted(t.strip()) for t, n in zip(typed, names, strict=False) if remap.get(n, n) == field
                    )
                    yield line, RowRefused({"line": [SAME_FIELD.reason(columns=columns, field=field)]}, cleaned), 1
                    continue
                cleaned = moved
                row_kind = moved["kind"]
                left_out = [column for name, column in no_field[row_kind].items() if moved.pop(name, None) is not None]
                if fresh := [column for column in left_out if (row_kind, column) not in noted]:
                    noted.update((row_kind, column) for column in fresh)
                    ignored = ignored_column(row_kind)
                    yield line, ColumnNotes({column: [ignored] for column in fresh}), 1
        if short and (shortened := _short_row(line, cells, typed, names, cleaned, by_kind)) is not None:
            yield line, RowRefused({"line": [shortened]}, cleaned), 1
            continue
        if unread := spreadsheet_errors_elsewhere(cleaned):  # (#N/A as a client_key, a kind: the row refused as read)
            yield line, refused_for_cells(unread, cleaned), 1
            continue
        # (a NIP saved as a number, 1.98609E+17, or #N/A: unreadable, the rest named with it, by its column as typed)
        spreadsheet_nips(cleaned, nip_columns)
        nips_marked_as_text(cleaned)  # ('198609262010031001, as personnel systems export NIPs for spreadsheets)
        spreadsheet_dates(cleaned)  # (a day count: unreadable, the row's other problems named with it)
        spreadsheet_errors(cleaned)  # (a formula's #N/A, a narrow column's ####: unreadable alike)
        read_exponents(cleaned)  # ("1,5E+06": a long number a spreadsheet showed rounded, refused after its bounds)
        read_cells(cleaned, indonesian=indonesian, day_first=day_first)  # ("20 JP", "Rp1.500.000,00", "06/05/2024")
        if "corrected_fields" in cleaned:
            try:  # ({“unit”: “Dinas Pendidikan”}, as autocorrect quotes it: read as with straight quotes)
                changes, text = read_corrected_json(cleaned["corrected_fields"], orjson.loads)
            except orjson.JSONDecodeError as e:
                reason = NESTED_TOO_DEEP if e.msg == JSON_TOO_DEEP else corrected_object_refused()
                yield line, RowRefused({"corrected_fields": [reason]}, cleaned), 1
                continue
            if nested_too_deep(changes):  # (named with the cell as typed: a 500 before)
                yield line, RowRefused({"corrected_fields": [NESTED_TOO_DEEP]}, cleaned), 1
                continue
            if type(changes) is not dict:  # ("32", "[...]": the form an object takes, by example)
                yield line, RowRefused({"corrected_fields": [corrected_object_refused()]}, cleaned), 1
                continue
            twice = name_given_twice(text, changes)  # ({"hours": 20, "hours": 16}: the API's)
            if twice is not None:
                yield line, RowRefused({f"corrected_fields.{twice}": [GIVEN_TWICE]}, cleaned), 1
                continue
            cleaned["corrected_fields"] = changes
            read_corrected_fields(cleaned, indonesian=indonesian, day_first=day_first)  # ({"cost": "3.500.000"})
        if given:  # (once its cells are read: as a cell of the file until then)
            cleaned["kind"] = GivenKind(cleaned["kind"])
        yield line, cleaned, 1


# A CSV row of two or more cells fewer than the header, a required one among those left out (a line broken in two, its
# separators left out): refused once, as short, naming the columns it leaves out (until 2026-12-06 each required field
# was refused as "Missing data for required field", which hid why), and the required ones among them, to be filled in
# (until 2026-12-07 it advised only an empty cell between two separators, which a required column refuses too). A row
# leaving out one cell, or optional ones alone, is read as before: its cells left out are empty ones
SHORT_ROW = Refusal(
    "Line {line} has {cells} cells where the header has {width}: the cells of {columns} are left out (a line broken "
    "in two, or separators left out), so nothing of the row was read. Of those, {required} must be filled in: an "
    "empty cell there is refused too. Write the row with a cell for each column of the header, the required ones "
    "filled in, and import it again.",
    numbers=("cells", "width"),
)


def _short_row(
    line: int,
    cells: list[str],
    typed: list[str],
    names: list[str],
    cleaned: Mapping[str, Any],
    by_kind: Mapping[str, Mapping[str, str]],
) -> Reason | None:
    """SHORT_ROW for a row of its kind (`cleaned`, its fields as read) leaving out two or more of the header's
    columns, one of them a required field of the kind (named, as typed, beside all left out); None otherwise."""
    width = len(names)
    kind = cleaned.get("kind")
    if width - len(cells) < 2 or kind not in BY_KIND:
        return None
    remap = by_kind.get(kind, {})
    left_out = range(len(cells), width)
    required = {spec.name for spec in payload_fields(BY_KIND[kind]) if spec.required} - set(filled_in(kind))
    needed = [at for at in left_out if remap.get(names[at], names[at]) in required]
    if not needed:
        return None
    columns = ", ".join(quoted(typed[at].strip()) for at in left_out)
    named = ", ".join(quoted(typed[at].strip()) for at in needed)
    return SHORT_ROW.reason(line=line, cells=len(cells), width=width, columns=columns, required=named)


def _repeats_header(cells: list[str], typed: list[str]) -> bool:
    """Whether a row's cells are the header's names again (whatever their case, spacing and a byte-order mark before
    them, as a second file's header starts), beyond columns both leave empty."""

    def names(texts: list[str]) -> list[str]:
        read = [text.replace("\ufeff", "").strip().casefold() for text in texts]
        while read and not read[-1]:
            read.pop()
        return read

    header = names(typed)
    return bool(header) and names(cells) == header


def column_letter(index: int) -> str:
    """A column's name in a spreadsheet by its index from 0: A, B, ..., Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, last = divmod(index - 1, 26)
        letters = chr(ord("A") + last) + letters
    return letters


# ------------------------------------------------------------------------- rows to commands


def row_to_command(line: int, row: dict[str, Any], *, migration: bool) -> Command:
    """A command from one row; InvalidInput names the field at fault."""
    payload = payload_of(row)
    kind = row.get("kind")
    if not isinstance(kind, str) or not kind:
        raise InvalidInput(MISSING, "kind")
    named = None
    unread_nip = None
    if "nip" in row and type(row["nip"]) is Unreadable:  # (a NIP a spreadsheet saved as a number: named so, with the
        unread_nip = row["nip"].reason  # row's other problems, as a row of no NIP is; its subject the cell as typed)
        subject = str((row.get(WRITTEN) or {}).get("nip", "")).strip()
        if "name" in payload and kind not in NAMED_KINDS:
            payload.pop("name")  # (a name beside no NIP read: nothing to check it against)
    elif "nip" in row:
        nip = row["nip"]
        # digits only: nothing to take out (the common case, without the regular expression)
        subject = nip if type(nip) is str and nip.isascii() and nip.isdigit() else normalise_nip(nip)
        if type(nip) is float:  # (a JSON number with a fraction or an exponent: digits lost; a number, unquoted)
            raise InvalidInput(NIP_AS_NUMBER.reason(value=repr(nip)), "nip")
        if "name" in payload and kind not in NAMED_KINDS and type(payload["name"]) is str:
            named = payload.pop("name")  # the employee's name beside the NIP: checked, not recorded
    elif "agency" in row and "unit" in row and kind not in NIP_KINDS:  # (a unit's row: an appointment's or a
        # placement's names its agency and unit too, and without a NIP is refused below naming nip)
        subject = unit_subject(str(payload.pop("agency")), str(payload.pop("unit")))
    elif kind in NIP_KINDS:  # (no NIP: refused by the ledger with what the row's own cells tell, named at once)
        subject = ""
        if "name" in payload and kind not in NAMED_KINDS:
            payload.pop("name")  # (a name beside no NIP: nothing to check it against)
    else:
        raise InvalidInput(MISSING_SUBJECT, "nip")
    written = row.get(WRITTEN)
    if written is not None and type(written) is not Written:  # (a JSON row's own "#written": no field)
        raise InvalidInput(UNKNOWN_FIELD, WRITTEN)
    if "mentor_nip" in row or not (
        type(nip := row.get("nip")) is str and nip.isascii() and nip.isdigit()
    ):  # (else none to keep)
        written = _nips_as_typed(row, written)
    if not migration:
        carried = [k for k in MIGRATION_KEYS if k in row]
        if carried:
            raise InvalidInput(MIGRATION_ONLY, carried[0])
    version = row.get("version")
    expected = None
    if version is not None:
        if isinstance(version, bool) or not isinstance(version, int | str):
            raise InvalidInput(NOT_INTEGER, "version")
        try:  # (str() of an int and int() of a text of more digits than they read, 4,300, raise ValueError)
            text = str(version).strip()
            if not whole_number(text.removeprefix("-")):
                raise ValueError(text)
            expected = int(text)
        except ValueError:
            raise InvalidInput(NOT_INTEGER, "version") from None
        if expected < 1:
            raise InvalidInput(FIRST_VERSION, "version")
    client_key = row.get("client_key")
    return Command(  # subject, kind, payload, client_key, migration, expected_version, line, named, written, ...
        subject,
        kind,
        payload,
        str(client_key) if client_key else None,
        _migration(row) if migration and "recorded_at" in row else None,
        expected,
        line,
        named,
        written,
        confirmed(row["confirm"], kind) if "confirm" in row else frozenset(),  # (a rank jump the decree does make)
        unread_nip,
        confirm_nip=row.get("confirm_nip"),
    )


_NIP_CELLS = ("nip", "mentor_nip")  # the cells of a NIP, read without the separators typed (normalise_nip)


def _nips_as_typed(row: dict[str, Any], written: Written | None) -> Written | None:
    """The row's cells as written (WRITTEN) with each NIP cell typed otherwise than the NIP read from it (' 1986.0926
    2015-05 1001', its spaces, dots and dashes taken out), for a refusal to show it as typed."""
    for name in _NIP_CELLS:
        cell = row.get(name)
        if type(cell) is str and not (cell.isascii() and cell.isdigit()) and normalise_nip(cell) != cell:
            written = written if written is not None else Written()
            written.setdefault(name, cell)
    return written


def named_checks(kind: str) -> list[str]:
    """The checks a row of `kind` may be asked to confirm, in CONFIRMABLE's order, as a refused Konfirmasi cell names
    them: what a yes confirms of it (YES_CONFIRMS), and of a correction or a retraction (asked what its target's kind
    is) or a kind that confirms nothing, every check (but fact.duplicate of a retraction: asked of a new fact and of a
    correction making one so, since later on 2026-12-06, never of a retraction; fact.changed_since of a retraction:
    asked of a correction alone; and region.outside_seat, appointment.tmt_first_day and appointment.starting_rank of
    a retraction: asked of a new fact and of a correction changing what they read, since 2026-12-07). Until
    2026-12-06 every check, whatever the kind (a post appointment's "oke" was told of promotion.one_step and
    placement.leaves_scope)."""
    if kind == "retraction":
        own = CONFIRMABLE_CHECKS - {FACT_DUPLICATE, SET_BACK, OUTSIDE_SEAT, TMT_FIRST, STARTING_RANK}
    elif kind == "correction":
        own = CONFIRMABLE_CHECKS
    else:
        own = YES_CONFIRMS.get(kind, CONFIRMABLE_CHECKS)
    return [check for check in CONFIRMABLE if check in own]


def confirmed(value: Any, kind: str) -> frozenset[str]:
    """The checks a row's `confirm` (Konfirmasi) cell confirms: a yes (CONFIRM_YES, any case; JSON true)
    every check a row of its kind may be asked but a question of the data's quality on a correction (YES_CONFIRMS: a
    rank promotion's promotion.one_step; a correction's or retraction's promotion.one_step and placement.ends_post,
    its unit.new and training.duplicate named; a placement's placement.leaves_scope, placement.ends_post and unit.new,
    what its decree moving the employee is asked; an appointment's or a post appointment's unit.new; a training's
    training.duplicate, that it is another training), a no (CONFIRM_NO; JSON false) none, else the names of checks
    (any other word refused naming the yes: NOT_A_CONFIRMATION); a cell confirming anything on a kind that confirms
    nothing (an education) is refused, not ignored."""
    word = value.strip().casefold() if type(value) is str else value if type(value) is bool else None
    if word is True or word in CONFIRM_YES:  # (what the import asks of a row of the kind: YES_CONFIRMS)
        checks = YES_CONFIRMS.get(kind, frozenset((ONE_STEP,)))  # (a kind confirming nothing: refused below)
    elif word is False or word in CONFIRM_NO:
        checks = frozenset()
    else:
        checks = confirmations(value)
        unknown = sorted(checks - CONFIRMABLE_CHECKS)
        if unknown:
            given = ", ".join(unknown)
            yes = {"yes": CONFIRM_YES[0], "also_yes": ", ".join(CONFIRM_YES[1:])}  # (every yes word, ya first)
            refused = NOT_A_CONFIRMATION.reason(given=given, **yes, known=", ".join(named_checks(kind)))
            raise InvalidInput(refused, "confirm")
    if checks and kind not in CONFIRMING_KINDS:
        raise InvalidInput(NOTHING_TO_CONFIRM, "confirm")
    return checks


def payload_of(row: dict[str, Any]) -> dict[str, Any]:
    """The row without its META_KEYS, in the row's order (a copy: the row is left as it is).

    A copy with the few meta keys taken out, rather than a comprehension testing every key
    of every row: about 5x less CPU per row (0.5 against 2.6 us for a demo appointment).
    """
    payload = row.copy()
    pop = payload.pop
    for key in META_KEYS:
        pop(key, None)
    return payload


def _migration(row: dict[str, Any]) -> Migration:
    raw = row["recorded_at"]
    try:
        recorded_at = datetime.fromisoformat(raw if type(raw) is str else str(raw))
    except ValueError:
        raise InvalidInput(NOT_DATE_TIME.reason(value=quoted(raw)), "recorded_at") from None
    migrated = row.get("migrated", True)
    if migrated is not True:  # (as a careerlog export writes it: nothing to convert)
        if isinstance(migrated, str):
            migrated = migrated.strip().lower() in ("true", "1", "yes")
        migrated = bool(migrated)
    recorded_by = row.get("recorded_by")
    if type(recorded_by) is not str:
        recorded_by = str(recorded_by) if recorded_by else None
    return Migration(recorded_at, recorded_by or None, migrated)


# ------------------------------------------------------------------------- importing


def import_rows(
    app: CareerLog,
    rows: Iterable[tuple[int, dict[str, Any] | InvalidInput, int]],
    *,
    actor: str,
    dry_run: bool = False,
    migration: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    guard: Guard | None = None,
    counted: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Record every good row in batches (one transaction each) and report the rest; `counted` is given the report
    so far after each batch (an import job's progress: web.import_jobs).

    `guard` checks each existing record a row writes, on that record as the row's batch finds it (a scope:
    careerlog.application.Guard); a row it refuses is reported with its reason, as any other refusal.

    Where chosen (see `writes_ahead`) each batch is written while the next one is read and
    decided (`WritingAhead`), with the results, report and store of batches recorded one
    after the other; the progress counts a batch's bytes once it is written.
    """
    name_spellings()  # (a names file that does not read stops the import before its first row: careerlog.names)
    report = ImportReport(dry_run=dry_run)
    uow = UnitOfWork(app, guard=guard)  # a dry run's for the whole run; else each batch's, carried on (next_batch)
    ahead = WritingAhead(app, actor, guard) if not dry_run and writes_ahead() else None
    batch: list[Command] = []
    size = 0

    appointed = report.appointed
    listed: list[RowSeen] = []  # (while fewer than LISTED: the rows already recorded come in the file's order)
    made: list[RowSeen] = []  # (likewise the rows recorded: line, record, the version recorded there)
    first = FirstLines()  # a row given the version an earlier row was given repeats that row's line
    # rows refused for a reason a later row of the file may lift (held_back), tried again after the rest of the file
    held: list[tuple[Command, Exception]] = []
    # rows refused as a retracted fact's values sent again: already recorded if a row of the file found its retraction
    # recorded before it (the file run again), else refused
    resent: list[tuple[Command, Exception]] = []
    progressed: set[str] | None = None  # while they are tried again: the records a row was recorded in
    # A row's confirmation of a rank jump (`confirm`) is used once its record's rows can go no further without it, so
    # that it is stored only where the rows in TMT order need it (confirmed_later): the confirmations of the rows
    # tried without them, by line, and the records whose rows held back are tried with them
    confirming: dict[int, frozenset[str]] = {}
    confirmed: set[str] = set()

    by_kind = report.recorded_by_kind
    placed: dict[str, Command] = {}  # the last placement this import recorded of each record (a transfer out?)
    placements: list[RowSeen] = []  # every placement recorded (a dry run's: that it would record), for post_end_notes
    # the event of each CPNS appointment recorded (Outcome.appointed), its starting rank judged from it alone
    appointed_events: dict[tuple[str, int], LedgerEvent] = {}
    # the records a retraction or correction of the file was recorded in (or found recorded): their appointment's
    # event alone may no longer say what the record holds (voided, or corrected to a PPPK's), so they are read whole
    # (until 2026-12-06 an appointment voided in the same file was still warned of its starting rank)
    amended: set[str] = set()
    # each rank promotion the file recorded, by record and rank (a second row to that rank: PROMOTED_TWICE_IN_FILE),
    # the last one recorded, none once a row of the file retracts it (until 2026-12-07 the first, named though
    # retracted), and the rows refused so, by the line that recorded the rank (told what the audit finds of that
    # line's, below)
    promoted: dict[tuple[str, str], tuple[int, int]] = {}
    twice: list[tuple[RowProblem, int, str]] = []

    def tally(done: list[Batch]) -> None:
        for written in done:
            recorded = replayed = 0  # counted here and added once per batch
            for command, result in zip(written.commands, written.results, strict=True):
                if isinstance(result, Outcome):
                    repeats = first.first(command.subject, result.version, command.line, not result.created)
                    if progressed is not None:  # (a row tried again: listed by line with the file's, in `seen`)
                        progressed.add(command.subject)
                    if command.kind in ("retraction", "correction"):
                        amended.add(command.subject)
                    if result.created:
                        recorded += 1
                        by_kind[command.kind] += 1
                        if len(made) < LISTED or progressed is not None:
                            made.append(RowSeen(command.line, command.subject, command.kind, result.version))
                        if command.migration is None and promotion_row(command, result):  # (a log's: not judged)
                            report.promotions.append(
                                RowSeen(command.line, command.subject, command.kind, result.version)
                            )
                            if result.appointed is not None:  # (judged from it alone: no record read again)
                                appointed_events[command.subject, result.version] = result.appointed
                        if command.kind == "rank_promotion":  # (a rank given again: its earlier promotion retracted)
                            promoted[rank_of(command)] = (command.line, result.version)
                        elif command.kind in ("retraction", "correction"):
                            unpromoted(promoted, command)
                        if command.kind == "appointment":
                            appointed[command.subject] = command.line
                        elif command.kind == "placement":
                            placed[command.subject] = command
                            placements.append(RowSeen(command.line, command.subject, command.kind, result.version))
                        if result.warnings:  # (beside the field the warning is of: the agency moved to, the end)
                            warned = {WARNED_BESIDE.get(command.kind, "agency"): list(result.warnings)}
                            report.warnings.append(RowProblem(command.line, command.subject, command.kind, warned))
                        if result.new_unit is not None:  # (a unit new in its agency the row's yes let through)
                            unit, agency, near = result.new_unit
                            told = NEW_UNIT_RATED_CONFIRMED if command.kind == "unit_rating" else NEW_UNIT_CONFIRMED
                            said: dict[str, list[str]] = {
                                "corrected_fields.unit" if command.kind == "correction" else "unit": [
                                    told.reason(unit=unit, agency=agency, near=near)
                                ]
                            }
                            report.warnings.append(RowProblem(command.line, command.subject, command.kind, said))
                        # (what the row's Konfirmasi cell confirmed, each question it was asked: unit.new named above)
                        asked = [c for c in result.asked if not (c == NEW_UNIT and result.new_unit is not None)]
                        if asked:
                            answered: dict[str, list[str]] = {"confirm": [YES_ANSWERED.reason(checks=", ".join(asked))]}
                            report.warnings.append(RowProblem(command.line, command.subject, command.kind, answered))
                    else:
                        replayed += 1
                        if len(listed) < LISTED or progressed is not None:
                            seen = RowSeen(command.line, command.subject, command.kind, result.version, repeats)
                            listed.append(seen)
                elif held_back(command, result):
                    held.append((command, result))
                elif retracted_params(result) is not None:  # (judged once the file's retractions are known)
                    resent.append((command, result))
                else:
                    problem = _rejection(command, result, first, placed.get(command.subject))
                    report.rejected.append(promoted_twice(problem, command, result, promoted, twice, dry_run))
            report.recorded += recorded
            report.already_recorded += replayed
            if progress:
                progress(written.tag)
            if counted:
                counted(report)

    def flush() -> None:
        nonlocal batch, size, uow
        if ahead is not None:
            tally(ahead.add(batch, size))
        else:
            results = app.record_batch(batch, actor=actor, dry_run=dry_run, uow=uow) if batch else []
            if not dry_run:
                uow = uow.next_batch([batch[-1].subject] if batch else [])
            tally([Batch(batch, size, results)])
        batch, size = [], 0

    try:
        for line, row, nbytes in rows:
            report.rows += 1
            size += nbytes
            if isinstance(row, InvalidInput):
                report.take_unread(line, row)
                continue
            try:
                command = row_to_command(line, row, migration=migration)
            except InvalidInput as e:
                report.rejected.append(
                    RowProblem(line, _subject_of(row, e.errors), row.get("kind"), e.errors, typed(e.errors, row))
                )
                continue
            if command.confirmed and not migration and confirmed_later(command):  # (tried first without it)
                confirming[line] = command.confirmed  # (its other checks, placement.ends_post's, asked at once)
                command = replace(command, confirmed=command.confirmed - JUMP_CHECK)
            batch.append(command)
            if len(batch) >= batch_size:
                flush()
        flush()
        if ahead is not None:
            tally(ahead.finish())
        again = held
        while again:  # (each record's other rows of the file are in by now)
            again.sort(key=lambda row: in_tmt_order(row[0]))
            held, progressed = [], set()
            for start in range(0, len(again), batch_size):
                batch = [
                    replace(command, confirmed=confirming[command.line])
                    if command.subject in confirmed and command.line in confirming
                    else command
                    for command, _ in again[start : start + batch_size]
                ]
                flush()
            if ahead is not None:
                tally(ahead.finish())
            # a record none of whose rows went in this time is as it will stay: its rows held are refused as they
            # were; those of a record that took a row are tried again (a correction of a promotion now recorded),
            # and those of a record held back with a confirmation not used yet, with their confirmations now
            stuck = {c.subject for c, _ in held if c.subject not in progressed and c.line in confirming} - confirmed
            confirmed |= stuck
            again = [row for row in held if row[0].subject in progressed or row[0].subject in stuck]
            for command, result in held:
                if command.subject not in progressed and command.subject not in stuck:
                    problem = _rejection(command, result, first)
                    report.rejected.append(promoted_twice(problem, command, result, promoted, twice, dry_run))
        # a row of a retracted fact is already recorded only in a file run again, one a row of which found the
        # retraction recorded before it (until later on 2026-12-07 also when a row of this file recorded the
        # retraction: a first run of a fact, its retraction and the fact again said the last already recorded,
        # "repeats line 2" even under the reference a correction gave it, and recorded nothing, refused nothing)
        for command, result in resent:
            params = retracted_params(result) or {}
            if not first.found(command.subject, int(params["by"])):
                report.rejected.append(_rejection(command, result, first))
                continue
            version = int(params["version"])  # (the file recorded the fact and its retraction: run again)
            report.already_recorded += 1
            # (a row of its values as corrected repeats no row of the values first recorded: named by its line alone)
            repeats = None if params.get("corrected") else first.first(command.subject, version, command.line)
            listed.append(RowSeen(command.line, command.subject, command.kind, version, repeats))
    finally:
        if ahead is not None:
            ahead.close()
    report.warnings += post_end_notes(app, uow if dry_run else None, placements)
    judge = app.findings_of  # (each promotion recorded against a rule the audit judges: said so beside it)
    by_record: dict[str, list[RowSeen]] = {}  # (a record read once for all its promotions)
    for seen in report.promotions if judge is not None else ():
        by_record.setdefault(seen.subject, []).append(seen)
    for subject, rows_seen in by_record.items():
        written = [(seen.kind, seen.version) for seen in rows_seen]
        alone = [appointed_events.get((subject, seen.version)) for seen in rows_seen]
        if all(alone) and subject not in amended:  # (a CPNS appointment's rows alone: judged from their events, the
            # record not read again)
            judged = judge(subject, written, [] if dry_run else None, alone)  # type: ignore[misc, arg-type]
        else:
            # (a dry run's on the record as it would leave it: the events the run made of it, not stored, after the
            # stored)
            unsaved = _unsaved(uow, subject) if dry_run else None
            judged = judge(subject, written, unsaved, None)  # type: ignore[misc]
        for seen, found in zip(rows_seen, judged, strict=True):
            if found:
                beside = JUDGED_BESIDE.get(seen.kind, "target_version")
                report.warnings.append(RowProblem(seen.line, seen.subject, seen.kind, {beside: list(found)}))
    for problem, line, tmt in twice:  # (what the audit found of the promotion the refused row repeats: said with it)
        for found in [r for w in report.warnings if w.line == line for r in w.errors.get("new_rank", ())]:
            problem.errors["new_rank"].append(PROMOTED_TWICE_JUDGED.reason(line=line, first=tmt, found=found))
    report.rejected.sort(key=lambda p: p.line)
    report.warnings.sort(key=lambda p: p.line)
    report.seen(listed, made)
    report.point_at_appointments()
    return report


# the field beside which an import's report says a row's findings (a correction's: its target_version)
JUDGED_BESIDE = {"rank_promotion": "new_rank", "appointment": "rank", "post_appointment": "post_kind"}


def _unsaved(uow: UnitOfWork, subject: str) -> list[LedgerEvent]:
    """The events a dry run's unit of work made of a record (its rows' as it would record them: uow.note), not
    stored."""
    aggregate = uow.loaded.get(subject)
    return [cast(LedgerEvent, e) for e in aggregate.pending_events] if aggregate is not None else []


# A placement an import recorded with the end of a managerial post held in the agency left (rule placement.ends_post,
# confirmed: CareerLog._placement_ending_posts), said beside its agency as the record form says it (until 2026-12-05
# the import's report said nothing of the post end); a dry run's, of what it would record
POST_ENDED_WITH = Refusal(
    "The post {title} ({kind}) ended with this placement on {day} (rule placement.ends_post): its end is recorded as "
    "version {version}.",
    dates=("day",),
    codes=(("kind", "post_kinds"),),
)
POST_WOULD_END_WITH = Refusal(
    "The post {title} ({kind}) would end with this placement on {day} (rule placement.ends_post): its end would be "
    "recorded as version {version}.",
    dates=("day",),
    codes=(("kind", "post_kinds"),),
)


def post_end_notes(app: CareerLog, dry: UnitOfWork | None, placements: list[RowSeen]) -> list[RowProblem]:
    """A note beside `agency` for each placement recorded (`placements`) with the end of a post it ended (the version
    after it: Employee.post_end_with), read from the store, or from a dry run's unit of work `dry` (nothing stored):
    the post's title, kind and day, and the post end's version. From the store, only the records holding a post end
    right after a placement recorded (their post ends read first, alone) are read whole, as a note needs one: until
    2026-12-06 every record an import placed was read back and replayed for it (the bench's migration of 2,000
    employees: 610 records, 33,134 events, 0.47 s of CPU, about an eighth of the import's; now 0.012 s)."""
    if not placements:
        return []
    subjects = list(dict.fromkeys(row.subject for row in placements))
    records: Mapping[str, LedgerAggregate | None]
    if dry is not None:
        records = {s: dry.loaded.get(s) for s in subjects}
    else:
        ends = {(s, e.originator_version) for s, found in app.events_of(subjects, ["post_end"]).items() for e in found}
        subjects = list(dict.fromkeys(row.subject for row in placements if (row.subject, row.version + 1) in ends))
        records = app.get_aggregates(subjects) if subjects else {}
    said = POST_WOULD_END_WITH if dry is not None else POST_ENDED_WITH
    notes = []
    for row in placements:
        employee = records.get(row.subject)
        placement = employee.facts.get(row.version) if isinstance(employee, Employee) else None
        if placement is None or not isinstance(employee, Employee):
            continue
        ended = employee.post_end_with(placement)
        if ended is None or ended.version != row.version + 1:
            continue
        title, kind = post_end_named(employee.current_context(), ended)
        reason = said.reason(title=title, kind=kind or "", day=ended.effective_date, version=ended.version)
        notes.append(RowProblem(row.line, row.subject, row.kind, {"agency": [reason]}))
    return notes


def retracted_params(result: Exception) -> dict[str, Any] | None:
    """The values of a refusal of a retracted fact's values sent again (careerlog.domain.ledger RESENT_RETRACTED, or
    KEY_RETRACTED under the fact's own client key: its version and the retraction's, `by`, and `corrected`: the values
    sent are the fact's as corrected, CORRECTED_TO), or None for any other result."""
    reason = resent_retracted(result)
    if reason is None:
        return None
    params = dict(reason.params)
    part = params["recorded"]  # (the part naming the fact, its version: RECORDED_WITH, RECORDED_AS or CORRECTED_TO)
    if type(part) is not Reason:
        return params
    return {**params, **dict(part.params), "corrected": part.refusal is CORRECTED_TO}


def rank_of(command: Command) -> tuple[str, str]:
    """A rank promotion's record and new rank, as written in any case or spacing (III/b, iii/B)."""
    return command.subject, "".join(str(command.payload.get("new_rank", "")).split()).upper()


def unpromoted(promoted: dict[tuple[str, str], tuple[int, int]], command: Command) -> None:
    """Forget the file's promotion (`promoted`: its line and version by record and rank) a recorded retraction, or
    correction of its new rank, targets: it holds that rank no more, so a later row to the rank is not told of it."""
    changes = command.payload.get("corrected_fields")
    if command.kind == "correction" and not (isinstance(changes, Mapping) and "new_rank" in changes):
        return
    try:  # (as written: a CSV cell's text, a JSON number)
        target = int(str(command.payload.get("target_version")).strip())
    except ValueError:
        return
    for key in [k for k, (_, version) in promoted.items() if k[0] == command.subject and version == target]:
        del promoted[key]


def promoted_twice(
    problem: RowProblem,
    command: Command,
    result: Exception,
    promoted: Mapping[tuple[str, str], tuple[int, int]],
    twice: list[tuple[RowProblem, int, str]],
    dry_run: bool = False,
) -> RowProblem:
    """A rank promotion's refusal as to the rank already held (ALREADY_HELD), that rank recorded by an earlier row of
    this file (`promoted`: its line and version), worded naming that row and both TMTs and how to keep the right one
    (PROMOTED_TWICE_IN_FILE; a dry run's, which records neither, PROMOTED_TWICE_IN_DRY_RUN), kept in `twice` to be
    told what the audit finds of that row's; any other, as it is."""
    if command.kind != "rank_promotion" or not isinstance(result, InvalidInput):
        return problem
    earlier = promoted.get(rank_of(command))
    tmt = command.payload.get("effective_date")
    if earlier is None or type(tmt) is not str or "new_rank" not in problem.errors:
        return problem
    raws = result.errors.get("new_rank", ())
    at = next((i for i, raw in enumerate(raws) if _to_a_rank_of_the_file(raw)), None)
    if at is None:
        return problem
    line, version = earlier
    params = dict(raws[at].params)  # type: ignore[attr-defined]
    since = str(params["since" if raws[at].refusal is ALREADY_HELD else "day"])  # type: ignore[attr-defined]
    rank = params["new_rank"]
    reason = (
        PROMOTED_TWICE_IN_DRY_RUN.reason(line=line, new_rank=rank, first=since, tmt=tmt)
        if dry_run
        else PROMOTED_TWICE_IN_FILE.reason(line=line, new_rank=rank, version=version, first=since, tmt=tmt)
    )
    errors = dict(problem.errors)
    errors["new_rank"] = [reason if i == at else r for i, r in enumerate(errors["new_rank"])]  # (in the same order)
    problem = replace(problem, errors=errors)
    twice.append((problem, line, since))
    return problem


def _to_a_rank_of_the_file(raw: object) -> bool:
    """Whether a promotion's refusal beside new_rank is one of a rank another row may have promoted to: the rank held
    since its TMT (ALREADY_HELD), or, this row's TMT before it, the same rank not below that later promotion."""
    refusal, params = getattr(raw, "refusal", None), dict(getattr(raw, "params", ()))
    return refusal is ALREADY_HELD or (refusal is NOT_BELOW and params.get("later") == params.get("new_rank"))


def held_back(command: Command, result: Exception) -> bool:
    """Whether a row refused with `result` is held back and tried again once the rest of its file is in (import_rows),
    so that the order of the file's rows does not change what is recorded: a rank promotion, correction or
    retraction refused for a rank jump (rule promotion.one_step), as the promotion between, if the file holds it,
    may come later in it (a career page's order, newest first), and a correction or retraction refused as its target
    is not recorded yet (its target_version alone), as the row recording it may come later, or be held back itself.
    A row refused for other reasons with a jump is held back too: it is then refused naming what is still wrong
    once the rest of the file is in. A row with its `version` is not: another row would then get that version."""
    if command.kind not in HELD_KINDS or command.expected_version is not None or not isinstance(result, InvalidInput):
        return False
    errors = result.errors
    for reasons in errors.values():
        for reason in reasons:
            if getattr(reason, "refusal", None) in JUMP_REFUSALS:
                return True
    if command.kind == "rank_promotion" or len(errors) != 1:
        return False
    target = errors.get("target_version")
    return target is not None and len(target) == 1 and getattr(target[0], "refusal", None) is NO_FACT


def promotion_row(command: Command, result: Outcome) -> bool:
    """Whether a row recorded is kept in ImportReport.promotions, its findings judged once the file is in: a rank
    promotion, or a correction of one or of a CPNS appointment's starting rank (Outcome.corrects_judged: a correction
    of a training or rating is not, its record not read again for it), or a CPNS appointment (its starting rank, rule
    appointment.starting_rank: since 2026-12-06), or a post appointment (its definitive ones judged by the post rules,
    post.rank_range ...: since 2026-12-06). A PPPK's appointment (a grade) is not judged, so not kept: its record
    is not read again (until 2026-12-06 every appointment was, an initial load's N reads of records for no finding)."""
    kind = command.kind
    if kind == "appointment":
        return cpns_appointment(command.payload)
    return kind in ("rank_promotion", "post_appointment") or (kind == "correction" and result.corrects_judged)


def cpns_appointment(payload: Mapping[str, Any]) -> bool:
    """Whether an appointment's payload is a CPNS's (employment kind PNS, as written: "PNS", "cpns" ...)."""
    written = payload.get("employment_kind")
    try:
        return isinstance(written, str) and reference().employment_kinds.normalise(written.strip()) == "PNS"
    except KeyError:
        return False


JUMP_CHECK = frozenset((ONE_STEP,))  # the confirmation a row tries without first (confirmed_later)


def confirmed_later(command: Command) -> bool:
    """Whether a row's confirmation of a rank jump (its `confirm`) waits: the row is tried without it first, and,
    refused for a rank jump, held back (held_back) and tried with it once its record's other rows can go no further
    without it (import_rows). A confirmation is stored only with a recording that needs it, and the rows of the file
    in TMT order (a III/b of 2014 before a III/c of 2018 confirmed) need none where a row between bridges the jump:
    listed newest first, the III/c recorded at its place, before the III/b, was stored confirmed, a jump the decrees
    never made. A row of another kind, with its `version`, confirming no rank jump (a correction or retraction of a
    placement confirming placement.ends_post alone: asked at once, as it is on its own) or confirming a check
    careerlog does not know (refused naming it) is recorded as it is."""
    return (
        command.kind in HELD_KINDS
        and command.expected_version is None
        and ONE_STEP in command.confirmed
        and command.confirmed <= CONFIRMABLE_CHECKS
    )


def in_tmt_order(command: Command) -> tuple[str, date, int]:
    """The order the rows held back are tried again in: each record's by TMT (a correction's or retraction's by its
    own), then by line."""
    day = command.payload.get("effective_date")
    try:
        when = date.fromisoformat(day.strip()) if type(day) is str else day if type(day) is date else date.max
    except ValueError:
        when = date.max
    return command.subject, when, command.line


# CAREERLOG_IMPORT_WRITE_AHEAD (careerlog.config.WRITE_AHEAD_ENV), on or off (careerlog.config.switch_setting:
# also 1 or 0, true or false, yes or no; anything else refused naming it): whether each batch is written while
# the next is decided (WritingAhead). Off unless
# chosen: on this 2-core machine the writing thread cost 15-25% more CPU and gave no wall time back, on
# either store, loaded or quiet (quiet pairs on PostgreSQL, one process, 10,000 employees: 15.7 / 16.4 s
# with it against 14.3 / 15.5 s without; docs/performance.md). It may pay where the database server runs
# on cores of its own (another machine); measure with bench.ingest before turning it on.
def writes_ahead() -> bool:
    """Whether an import (each worker of a parallel one) writes each batch while it decides the next.

    See WRITE_AHEAD_ENV. ConfigurationError naming it for a value neither on nor off (Settings.from_env refuses it
    first, at the start of every command)."""
    return switch_setting(os.environ, WRITE_AHEAD_ENV)


def subject_shown(command: Command, errors: Mapping[str, list[str]]) -> str:
    """The NIP a refused row's report shows in its NIP column: as typed when the NIP is itself refused ("Agus Salim",
    until 2026-12-06 shown "AgusSalim", as the NIP read with its spaces left out), else the NIP the row was read as."""
    written = command.written
    if "nip" in errors and written is not None and "nip" in written:
        return written["nip"].strip()
    return command.subject


def _rejection(
    command: Command, error: Exception, first: FirstLines | None = None, placed: Command | None = None
) -> RowProblem:
    """The report's entry for a command refused with an error: a conflict of its reference or client key
    names that field (and the earlier line of the file that recorded it, if one did), any other refusal without
    a field (never appointed, already appointed) the record's; a record not found that an earlier line of the file
    placed (`placed`, the last placement recorded of it) was transferred out of the scope there: said so."""
    judged = not isinstance(error, NotFound)  # (never appointed, or outside the importer's scope: no record read)
    if not judged and placed is not None and placed.line < command.line:
        moved = _moved_out(command, placed)
        if moved is not None:
            return RowProblem(command.line, command.subject, command.kind, {"nip": [moved]}, judged=False)
    if isinstance(error, InvalidInput):
        errors = file_worded(command, error.errors, first)
        typed_ = command_typed(errors, command)
        return RowProblem(command.line, subject_shown(command, errors), command.kind, errors, typed_, judged)
    reason = reason_of(error)
    refusal = reason.refusal if isinstance(reason, Reason) else None
    if refusal in KEY_CLASHES:  # (found by the row's own client_key: named by it, whatever the reference)
        field = "client_key"
    elif refusal in (REFERENCE_USED, RESENT_RETRACTED):
        field = "reference"
    else:
        field = "unit" if command.subject.startswith("UNIT:") else "nip"
    if refusal in (KEY_USED, REFERENCE_USED, KEY_REUSED) and first is not None:
        reason = _repeated(reason, command.subject, first)
    elif refusal in RERUN_WORDS and isinstance(reason, Reason):
        reason = rerun_worded(reason)
    errors = {field: [reason]}
    if first is not None:  # (a record voided by a row of this file: VOIDED)
        errors = _in_file(errors, command.subject, first, _mentor_of(command))
    errors = {name: [import_worded(r, command.kind) for r in found] for name, found in errors.items()}
    if isinstance(error, IdempotencyConflict) and error.own_fields:
        # (a retracted fact's row: told so first, then the fields to mend to record it anew)
        for name, found in file_worded(command, error.own_fields, first).items():
            errors.setdefault(name, []).extend(found)
    typed_ = command_typed([field], command)
    return RowProblem(command.line, subject_shown(command, errors), command.kind, errors, typed_, judged)


def file_worded(
    command: Command, errors: Mapping[str, list[str]], first: FirstLines | None = None
) -> dict[str, list[str]]:
    """A refused row's reasons as an import words them, of the cells as the file wrote them: a date that does not read
    told the forms it may take, or that it is no day of the calendar (`_date_forms`), a NIP quoted as typed, a cell
    of merged cells said so, an earlier line of the file named (`first`) and a confirmable refusal told the Konfirmasi
    column (`import_worded`). The one wording of a row refused by the ledger and of one a scoped import judges as if
    its record did not exist (web.scoping.ScopedRows.as_if_missing: until 2026-12-07 a NIP not in the records left
    31/09/2026 "Not a valid date (expected YYYY-MM-DD)", where a known one was told there is no such day)."""
    worded = _nips_quoted(_date_forms(dict(errors), command.written, command.payload), command.written)
    if first is not None:
        worded = _in_file(worded, command.subject, first, _mentor_of(command))
    worded = _merged_missing(worded, command.written)
    return {name: [import_worded(r, command.kind) for r in found] for name, found in worded.items()}


# A retracted fact's row as a file run again is told of it (RERUN_RETRACTED, KEY_RERUN_RETRACTED)
RERUN_WORDS = {RESENT_RETRACTED: RERUN_RETRACTED, KEY_RETRACTED: KEY_RERUN_RETRACTED}


def rerun_worded(reason: Reason) -> Reason:
    """A refusal of a retracted fact's row run again (RERUN_WORDS) as an import says it: the fact its own client_key
    found named as recorded with the row's values (RECORDED_WITH, the key's refusal saying recorded alone), unless
    they are its values as corrected (CORRECTED_TO, kept)."""
    params = dict(reason.params)
    part = params["recorded"]
    if type(part) is Reason and part.refusal is RECORDED_AS:
        params["recorded"] = RECORDED_WITH.reason(**dict(part.params))
    return RERUN_WORDS[reason.refusal].reason(**params)


def import_worded(reason: Any, kind: str) -> Any:
    """A row's reason as an import words it: a refusal a row of the kind may confirm by a yes (YES_CONFIRMS: its check,
    careerlog.domain.wording.CONFIRMS) saying that ya in the row's Konfirmasi column confirms it too (IMPORT_WORDED),
    in a worded part too (a refusal joined to others); a confirmable refusal its yes does not confirm (a correction's
    unit.new or training.duplicate) saying to write the check's name in that column (IMPORT_NAMED); any other reason
    as it is."""
    if type(reason) is not Reason:
        return reason
    params = tuple((name, import_worded(value, kind)) for name, value in reason.params)
    yes = CONFIRMS.get(reason.refusal) in YES_CONFIRMS.get(kind, frozenset())
    refusal = (IMPORT_WORDED if yes else IMPORT_NAMED).get(reason.refusal, reason.refusal)
    if refusal is reason.refusal and params == reason.params:
        return reason
    return Reason(refusal, params, reason.kind)


def _moved_out(command: Command, placed: Command) -> Reason | None:
    """The refusal of a row of a record the placement `placed` (an earlier line, recorded) took out of the importer's
    scope, by the row's date against the transfer's; None when either date does not read."""
    try:
        day = date.fromisoformat(str(command.payload.get("effective_date")))
        moved = date.fromisoformat(str(placed.payload.get("effective_date")))
    except ValueError:
        return None
    said = {"line": placed.line, "agency": str(placed.payload.get("agency")), "moved": moved.isoformat()}
    refusal = MOVED_OUT_BEFORE if day < moved else MOVED_OUT_AFTER
    return refusal.reason(**said, day=day.isoformat())


def _file_line(first: FirstLines, subject: str, version: int) -> int | None:
    """The line of this file whose row gave `subject` the version `version` (recorded it, or would have in a dry
    run); None when no row did, or the row that did found it recorded before the file (recorded nothing)."""
    line = first.earlier(subject, version)
    return None if line is None or first.found(subject, version) else line


MENTOR_SIDE = "mentor_nip ("  # the start of the keys of a refusal by the mentor's record (a version of the mentor's)


def _mentor_of(command: Command) -> str | None:
    """The mentor's NIP a row names (its own mentor_nip, or a correction's corrected one), or None."""
    corrected = command.payload.get("corrected_fields")
    mentor = corrected.get("mentor_nip") if isinstance(corrected, dict) else command.payload.get("mentor_nip")
    return mentor if type(mentor) is str else None


def _in_file(
    errors: dict[str, list[str]], subject: str, first: FirstLines, mentor: str | None = None
) -> dict[str, list[str]]:
    """`errors` with each refusal citing a version a row of this file gave (IN_FILE: a promotion of the same TMT, one
    not below a later promotion, a training recorded already ...), or holding a worded part that does (a post among
    several, a period's start or end), reworded to name that row's line (_file_line); one citing a version recorded
    before the file, and any other reason, as it is. A version cited under a key naming the mentor's side
    (`mentor_nip (effective_date)`: the mentor's separation) is the mentor's record's, `mentor` (the NIP the row
    names): looked up among the mentor's rows, and left as it is when the row names none (a correction of another
    field: the mentor is the corrected fact's)."""

    def named(reason: str, record: str) -> str:
        if type(reason) is not Reason:
            return reason
        parts = tuple(
            [(name, named(value, record)) for name, value in reason.params]
        )  # (a worded part: itself a Reason)
        if any(part is not value for (_, part), (_, value) in zip(parts, reason.params, strict=True)):
            reason = Reason(reason.refusal, parts, reason.kind)
        if (in_file := IN_FILE.get(reason.refusal)) is None:
            return reason
        params = dict(reason.params)
        # (a version of the record it names: a mentor's voided one, by a row of the mentor's)
        line = _file_line(first, params.get("nip", record), int(params["version"]))
        return reason if line is None else in_file.reason(**params, line=line).about(reason.kind)

    def record_of(name: str) -> str | None:
        return (mentor if name.startswith(MENTOR_SIDE) else subject) if type(name) is str else subject

    return {
        name: reasons if (record := record_of(name)) is None else [named(reason, record) for reason in reasons]
        for name, reasons in errors.items()
    }


def _repeated(reason: Any, subject: str, first: FirstLines) -> Any:
    """A conflict with the version an earlier line of this file gave, reworded to name that line."""
    params = dict(reason.params)
    version = int(params["version"])
    line = first.earlier(subject, version)
    if line is None:
        return reason
    if first.found(subject, version):  # (that line recorded nothing: the fact was recorded before this file)
        if reason.refusal is REFERENCE_USED:
            return REPEATED_REFERENCE_FOUND.reason(**params, line=line).about(reason.kind)
        return reason
    again = {KEY_USED: REPEATED_KEY, KEY_REUSED: REPEATED_KEY_VALUES}.get(reason.refusal, REPEATED_REFERENCE)
    return again.reason(**params, line=line).about(reason.kind)


def _subject_of(row: dict[str, Any], errors: Mapping[str, list[str]] | None = None) -> str | None:
    """The NIP a refused row's report shows in its NIP column: as typed when the NIP is itself refused ("Agus Salim",
    until 2026-12-06 shown "AgusSalim", as read with its spaces left out) or unreadable, else as read."""
    nip = row.get("nip")
    if type(nip) is Unreadable or (errors and "nip" in errors and "nip" in (row.get(WRITTEN) or {})):
        return str((row.get(WRITTEN) or {}).get("nip", "")).strip() or None
    return str(nip) if nip is not None else None


GC_YOUNG_THRESHOLD = 100_000  # allocations between collections of the youngest generation while importing a file
_gc_lock = threading.Lock()
_gc_users: list[tuple[int, int, int]] = []  # the thresholds before the first running import, once per import


@contextlib.contextmanager
def fewer_collections(young: int = GC_YOUNG_THRESHOLD) -> Iterator[None]:
    """Collect cyclic garbage less often while a file is imported (or views rebuilt): the youngest
    generation at most every `young` allocations.

    An import keeps many objects alive (records, facts, events of a batch) and frees few:
    the default threshold (700 allocations) had the collector scan them over and over,
    some 15% of an import's CPU. Nothing is left uncollected, only collected later; the
    thresholds are put back when the last user running in the process ends.
    """
    with _gc_lock:
        before = gc.get_threshold()
        _gc_users.append(before)
        gc.set_threshold(max(before[0], young), before[1], before[2])
    try:
        yield
    finally:
        with _gc_lock:
            first = _gc_users[0]
            _gc_users.pop()
            if not _gc_users:
                gc.set_threshold(*first)


class AnExport(CareerlogError):
    """A JSON Lines file whose first row carries its recorded time (`careerlog export`'s), imported without
    --migration: refused whole, before any row is recorded (the import page and POST /api/v1/imports too, as a 422
    naming the file)."""


AN_EXPORT = Refusal(
    "{name} is an export (its rows carry their recorded times): an administrator restores it with `careerlog import "
    "--migration {name}`, which keeps them; without --migration each of its rows would be refused for its recorded "
    "time. Nothing was imported."
)
# (the API's import of a file sent without a name: "  is an export", "--migration  ", named nothing)
AN_EXPORT_UNNAMED = Refusal(
    "The file is an export (its rows carry their recorded times): an administrator restores it with `careerlog "
    "import --migration` and the file's name, which keeps them; without --migration each of its rows would be "
    "refused for its recorded time. Nothing was imported."
)


def refuse_an_export(
    rows: Iterable[tuple[int, dict[str, Any] | InvalidInput, int]], name: str
) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
    """The rows of a JSON Lines file imported without --migration, refused whole (AnExport) when its first row
    carries recorded_at: an export, whose every row an import without --migration refused for its recorded time, the
    same line once per row (21,854 times for a 21,854-row export), exit 1. A file of rows with none but a later one
    is imported as it was, such a row refused (MIGRATION_ONLY)."""
    rows = iter(rows)
    for item in rows:
        if not isinstance(item[1], InvalidInput):
            if "recorded_at" in item[1]:
                raise AnExport(AN_EXPORT.reason(name=name) if name.strip() else AN_EXPORT_UNNAMED.reason())
            yield item
            break
        yield item
    yield from rows


def import_file(
    app: CareerLog,
    path: Path,
    *,
    actor: str,
    fmt: str | None = None,
    kind: str | None = None,
    dry_run: bool = False,
    migration: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> ImportReport:
    """Import one file (see import_rows); with workers > 1, split by record over that many processes.

    A parallel import leaves every record as a serial one would and reports the same rows
    (careerlog/import_workers.py); only the order of different records' events in the log
    may differ, and which of two rows of different records under one client key is refused
    (the key used for another record): the one whose worker's write commits second.
    """
    fmt = fmt or detect_format(path.name)
    csv_kind = kind or kind_from_name(path.name)
    name_spellings()  # (a names file that does not read stops the import before its workers start)

    def read(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any] | InvalidInput, int]]:
        if fmt == "xlsx":
            from careerlog.workbooks import read_xlsx

            return read_xlsx(stream, csv_kind, chosen=kind is not None, name=path.name)
        if fmt != "jsonl":
            return read_csv(stream, csv_kind, chosen=kind is not None)
        return read_jsonl(stream) if migration else refuse_an_export(read_jsonl(stream), path.name)

    if workers > 1:
        from careerlog.import_workers import import_parallel

        if fmt != "xlsx":  # (a workbook's rows are read by read_xlsx, in the main process, as a CSV's are)
            with path.open("rb") as stream:  # (its readers split the file without read_jsonl's look at its start)
                refuse_not_text(stream.read(8))
        if fmt == "jsonl" and not migration:  # (its first row looked at before the workers start: an export?)
            with path.open("rb") as stream:
                next(iter(read(stream)), None)
        options = {"actor": actor, "dry_run": dry_run, "migration": migration, "batch_size": batch_size}
        report: ImportReport = import_parallel(
            app, path, read, fmt=fmt, workers=workers, options=options, progress=progress
        )
    else:
        with fewer_collections(), path.open("rb") as stream:
            report = import_rows(
                app,
                read(stream),
                actor=actor,
                dry_run=dry_run,
                migration=migration,
                batch_size=batch_size,
                progress=progress,
            )
    return jsonl_dates(report) if fmt == "jsonl" else report

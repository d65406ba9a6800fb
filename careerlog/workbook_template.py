"""An Excel workbook (.xlsx) to fill in by hand and import as it is: one kind of event's template.

HR filling a workbook by hand had rows refused that need not be: Excel turns a typed 18-digit NIP into a number
(refused: its last digits are lost, careerlog.workbooks.NIP_AS_NUMBER), a date typed oddly, a column misnamed. The
template's first sheet holds, in row 1, the kind's columns as the import reads them (`nip`, then the kind's payload
fields by their names, then `confirm` for a kind a row may confirm a check of, and a retraction's `confirm_nip`, a
void's NIP typed again), the required ones in bold; below it,
TEMPLATE_ROWS rows formatted for what they hold: a NIP column as Text (@) so that a typed NIP stays text, a date
column as a date (yyyy-mm-dd), and a column of codes with a drop-down of the allowed codes where their list is short
(an inline list of at most 255 characters, as Excel takes it). A second sheet, GUIDE_SHEET, says of each column,
in English and Indonesian, whether it is required, its format and its codes; the import reads the first sheet alone
and does not name GUIDE_SHEET among the sheets it left unread (careerlog.workbooks.Workbook), so a template filled
in and imported as it is gets neither a note nor a refusal for its guide. The file is named after its kind
(`template_name`), so the import takes the kind from the name (careerlog.importing.kind_from_name).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.utils import quote_sheetname

from careerlog.application import CONFIRMABLE, CONFIRMING_KINDS, LEAVES_SCOPE, NEW_UNIT, SET_BACK, STORED_CHECKS
from careerlog.domain.employee import (
    ENDS_POST,
    FACT_DUPLICATE,
    ONE_STEP,
    TRAINING_COST,
    TRAINING_DAILY_JP,
    TRAINING_DUPLICATE,
)
from careerlog.domain.events import BY_KIND, EMPLOYEE_EVENTS
from careerlog.domain.latsar import LATSAR_ONCE
from careerlog.domain.payload import filled_fields
from careerlog.domain.seat import OUTSIDE_SEAT
from careerlog.domain.starting_rank import STARTING_RANK
from careerlog.domain.tmt import TMT_FIRST
from careerlog.reference import reference
from careerlog.workbooks import GUIDE_SHEET, nip_column

TEMPLATE_ROWS = 1000  # the rows below the header formatted (Text for a NIP, a date, a drop-down of codes)
TEMPLATE_KINDS = tuple(cls.KIND for cls in EMPLOYEE_EVENTS if cls.RECORDABLE)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LIST_LIMIT = 255  # the longest inline list of a data validation Excel opens (formula1, quotes left out)
_FORMATS = {
    date: "date yyyy-mm-dd (e.g. 2024-05-06) / tanggal yyyy-mm-dd",
    int: "whole number / bilangan bulat",
    Decimal: "number / angka",
    str: "text / teks",
    dict: "JSON object / objek JSON",
}


class Column:
    """One column of a kind's template: its name as the import reads it, whether it is required, its cells' format
    (`number_format`), its allowed codes (None for any value) and its format in words."""

    def __init__(self, name: str, required: bool, kind_of: type, codes: list[str] | None, doc: str = "") -> None:
        self.name = name
        self.required = required
        self.codes = codes
        self.doc = doc
        self.number_format = "@" if nip_column(name) else "yyyy-mm-dd" if kind_of is date else None
        self.format = "NIP, 18 digits, as text / NIP 18 digit sebagai teks" if nip_column(name) else _FORMATS[kind_of]


def template_name(kind: str) -> str:
    """The template's file name: the kind's, read back as its kind by an import (training.xlsx)."""
    return f"{kind}.xlsx"


def template_columns(kind: str) -> list[Column]:
    """A kind's columns (KeyError for no kind a template is made of)."""
    if kind not in TEMPLATE_KINDS:
        raise KeyError(kind)
    ref = reference()
    columns = [Column("nip", True, str, None, "The employee's NIP / NIP pegawai")]
    for spec in filled_fields(BY_KIND[kind]):
        codes = [c.code for c in ref.table(spec.table)] if spec.table else None
        if (kind, spec.name) == ("post_appointment", "level"):  # (eselon or functional level: as the form offers)
            codes = ref.post_levels()
        columns.append(Column(spec.name, spec.required, spec.type, codes, described(kind, spec.name, spec.doc)))
    if kind in CONFIRMING_KINDS:
        columns.append(Column("confirm", False, str, None, confirm_description(kind)))
    if kind == "retraction":  # (a void's confirmation, which the import reads: application.void_confirmed)
        columns.append(Column("confirm_nip", False, str, None, VOID_CONFIRMATION))
    return columns


# A field meaning another thing in a kind, as the record form names it (web.pages.labels.KIND_FIELD_LABELS): the
# effective date is a decree's TMT, but a training's last day, a graduation's day, a rating's or an exam's day; until
# 2026-12-05 the guide called a training's last day "The date the fact took effect (TMT)."
KIND_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("training", "effective_date"): "Last day of the training",
    ("training_feedback", "effective_date"): "Date of the feedback",
    ("education", "effective_date"): "Graduation date",
    ("performance_rating", "effective_date"): "Date of the rating",
    ("exam", "effective_date"): "Date the exam was passed",
    ("mentoring_session", "effective_date"): "Date of the session",
}


def described(kind: str, name: str, doc: str) -> str:
    """A field's description on the guide, in English: the kind's own (KIND_DESCRIPTIONS), else its doc."""
    return KIND_DESCRIPTIONS.get((kind, name), doc)


# What a yes in a kind's `confirm` (Konfirmasi) column confirms (the guide gives it in English and Indonesian, the
# import page in the reader's language: web.pages.hr.kind_columns), made from the checks themselves: each check a yes
# confirms on a row of the kind (careerlog.importing.YES_CONFIRMS), in CONFIRMABLE's order, by its description here
# and its name, and on a correction the checks it is asked by name (those stored with a fact: STORED_CHECKS, and
# SET_BACK, OUTSIDE_SEAT, TMT_FIRST and STARTING_RANK, never stored), which a yes does not confirm. A check made
# confirmable is described here once (a KeyError until it is), and every kind's text names it: until 2026-12-06 each
# kind's text was written by hand, and a training's named training.duplicate alone, not training.daily_jp (until
# 2026-12-05 the page named an appointment's a rank jump's, and a correction's or retraction's yes was described as a
# rank jump's alone).
CHECK_DESCRIPTIONS = {
    ONE_STEP: "a rank jump, when the decree does promote that far",
    LEAVES_SCOPE: "a placement moving the employee out of your scope",
    ENDS_POST: "the end of a managerial post held in the agency left, recorded with a placement",
    NEW_UNIT: "a unit new in its agency, near one known there",
    TRAINING_DUPLICATE: "a training the record seems to hold already, the employee having attended it twice",
    TRAINING_DAILY_JP: "trainings of the same days holding more JP a day together than a training day holds",
    TRAINING_COST: "a training cost holding a fraction of a rupiah, or outside the plausible range",
    FACT_DUPLICATE: "a penalty, exam, post or degree the record seems to hold already, the record holding two",
    SET_BACK: "a correction setting a field back to its value before another writer's correction of it",
    TMT_FIRST: "a CPNS's TMT on another day than the 1st of a month, the decree dating it so",
    STARTING_RANK: "a CPNS's rank above the start of the entry education, the decree appointing at it",
    OUTSIDE_SEAT: "a region outside the agency's seat region or province, the decree placing the employee there",
    LATSAR_ONCE: "a second basic training (Latsar), the employee having taken it again",
}
YES_FRAME = "ya: confirms {checks}"
NAMED_FRAME = "written by name (a yes does not confirm it on this row): {checks}"
CONFIRM_FRAMES = (YES_FRAME, NAMED_FRAME)


def confirm_description(kind: str, translate: Callable[[str], str] = str) -> str:
    """What a yes in a row's `confirm` column confirms (KeyError for a kind that confirms nothing): in English, or by
    `translate` (a catalogue's gettext) in another language, each part translated and the checks' names kept."""
    from careerlog.importing import YES_CONFIRMS

    yes = YES_CONFIRMS[kind]
    # (the checks stored with a fact; SET_BACK, asked of a correction alone, and a region outside the seat, a TMT off
    # the 1st and a rank above the education's start, asked of a correction changing them since 2026-12-07: never
    # stored)
    by_name = frozenset().union(*STORED_CHECKS.values(), (SET_BACK, OUTSIDE_SEAT, TMT_FIRST, STARTING_RANK))
    named = [check for check in CONFIRMABLE if check in by_name and check not in yes] if kind == "correction" else []

    def listed(checks: list[str]) -> str:
        return "; ".join(f"{translate(CHECK_DESCRIPTIONS[check])} ({check})" for check in checks)

    text = translate(YES_FRAME).format(checks=listed([check for check in CONFIRMABLE if check in yes]))
    return f"{text}; {translate(NAMED_FRAME).format(checks=listed(named))}" if named else text


CONFIRM_DESCRIPTIONS = {kind: confirm_description(kind) for kind in CONFIRMING_KINDS}  # (in English)


# The guide's description of a retraction's `confirm_nip` column (formatted as Text, as any NIP column)
VOID_CONFIRMATION = (
    "A void only (a retraction of the record's appointment: target_version 1, or an appointment made afresh): the "
    "record's NIP typed again; a void cannot be undone, and the NIP is recorded again only by a new appointment row "
    "(an appointment afresh). Leave it empty in any other row. / Hanya untuk pembatalan catatan (pencabutan "
    "pengangkatan catatan itu: target_version 1, atau pengangkatan ulang): NIP catatan ini diketik lagi; pembatalan "
    "tidak dapat diurungkan, dan NIP itu hanya dicatat lagi lewat baris appointment baru (pengangkatan ulang). "
    "Kosongkan pada baris lain."
)


def _inline_list(codes: list[str] | None) -> str | None:
    """The codes as a data validation's inline list, None when there are none or the list is too long (or a code
    holds a comma or a quote, which an inline list cannot)."""
    if not codes or any("," in c or '"' in c for c in codes):
        return None
    joined = ",".join(codes)
    return f'"{joined}"' if len(joined) <= _LIST_LIMIT else None


GUIDE_HEADER = [
    "Column / Kolom",
    "Required / Wajib",
    "Format",
    "Allowed codes / Kode yang boleh",
    "Description / Keterangan",
]


def _listed_on_guide(guide: Any, column: Column, at: int) -> str:
    """A long list of codes written down the guide sheet's column `at` (headed by the column's name, right of the
    guide's table), and the data validation's reference to it (Petunjuk!$G$2:$G$28), which Excel 2010 on reads."""
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(at)
    guide.cell(row=1, column=at, value=column.name)
    for row, code in enumerate(column.codes or [], start=2):
        guide.cell(row=row, column=at, value=code)
    return f"{quote_sheetname(GUIDE_SHEET)}!${letter}$2:${letter}${len(column.codes or []) + 1}"


def in_two_languages(text: str, indonesian: Callable[[str], str] | None) -> str:
    """A column's description as the guide gives it, "English / Indonesian" (`indonesian`: the text's translation,
    careerlog's catalogue's, which the web app hands in); in English alone where it has none (or is both already)."""
    said = indonesian(text) if indonesian is not None and text else text
    return f"{text} / {said}" if said != text else text


def template_workbook(kind: str, indonesian: Callable[[str], str] | None = None) -> bytes:
    """The kind's template as the bytes of an .xlsx file (KeyError for an unknown kind); each column's description on
    the guide in English and, by `indonesian`, in Indonesian (in_two_languages)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = template_columns(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = kind[:31]
    guide = book.create_sheet(GUIDE_SHEET)
    guide.append(GUIDE_HEADER)
    lists: list[str] = []
    bold = Font(bold=True)
    for at, column in enumerate(columns, start=1):
        letter = get_column_letter(at)
        head = sheet.cell(row=1, column=at, value=column.name)
        if column.required:
            head.font = bold
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        if column.number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=at).number_format = column.number_format
            if column.number_format == "@":
                sheet.column_dimensions[letter].width = 22
        listed = _inline_list(column.codes)
        if listed is None and column.codes:  # (a long list: its codes in a column of the guide sheet, named there)
            listed = _listed_on_guide(guide, column, len(lists) + 1 + len(GUIDE_HEADER) + 1)
            lists.append(column.name)
        if listed is not None:
            check = DataValidation(type="list", formula1=listed, allow_blank=True)
            check.error = "Choose one of the codes of sheet Petunjuk / Pilih salah satu kode di lembar Petunjuk"
            check.errorTitle = column.name
            check.showErrorMessage = True
            check.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    for cell in guide[1]:
        cell.font = bold
    for row, column in enumerate(columns, start=2):  # (by row: the lists' columns beside them are written first)
        required = "yes / ya (bold / tebal)" if column.required else "no / tidak"
        codes = ", ".join(column.codes) if column.codes else ""
        description = in_two_languages(column.doc, indonesian)
        if column.name == "confirm" and indonesian is not None:  # (made of parts: each translated, names kept)
            said = confirm_description(kind, indonesian)
            description = f"{column.doc} / {said}" if said != column.doc else column.doc
        for at, value in enumerate([column.name, required, column.format, codes, description], start=1):
            guide.cell(row=row, column=at, value=value)
    guide.cell(
        row=len(columns) + 3,
        column=1,
        value="Only the first sheet is imported; this sheet is not read. Leave row 1 as it is. / Hanya lembar pertama "
        "yang diimpor; lembar ini tidak dibaca. Jangan ubah baris 1.",
    )
    for letter, width in zip("ABCDE", (18, 22, 40, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

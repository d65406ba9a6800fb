"""The text of an imported file, as a spreadsheet or an editor may have saved it.

Imports read UTF-8 (with or without a byte-order mark). A CSV is decoded with
`surrogateescape`, so a byte UTF-8 cannot read (Excel's "CSV (Comma delimited)" on Windows
writes Windows-1252: 'é' is the byte 0xE9) stays in its cell as a lone surrogate and is
reported at its own line and column (`not_utf8`), instead of failing the block of the file
the decoder had read. A file saved as UTF-16 (its first bytes a UTF-16 byte-order mark) is
refused as a whole before any row (`refuse_utf16`), and so is a spreadsheet's own workbook read as text (by its
first bytes, `refuse_workbook`), which is no text at all, and one of a kind the import does not read (an Excel .xls
or .xlsm, an OpenDocument .ods: by its name). An Excel Workbook named .xlsx is read (careerlog.workbooks).

A CSV separated by semicolons comes from a spreadsheet in a locale whose decimal mark is the
comma (Indonesian), which writes its numbers and dates so: its decimal cells (a training's
`cost`) are read that way (`read_decimal_commas`), its date cells day first, as its short date
shows them (06/05/2024: `read_day_first_dates`, which reads 17.08.2021, 17-08-2021 and 17 Agustus 2021 too, and
in any other CSV such a date when it can be read one way alone). A cell read otherwise than written keeps its text
as written for the report (`WRITTEN`).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import IO, Any

from babel.numbers import NumberFormatError, parse_decimal

from careerlog.domain.errors import InvalidInput, cut, quoted
from careerlog.domain.events import BY_KIND
from careerlog.domain.nip import display_form, eighteen_digits, nip_rules, normalise_nip, unlabelled_nip
from careerlog.domain.payload import (
    Unreadable,
    WrittenWithExponent,
    ascii_number,
    payload_fields,
    whole_number,
    with_exponent,
)
from careerlog.domain.wording import Reason, Refusal
from careerlog.reference import reference

SAVE_AS_UTF8 = Refusal("save the file as UTF-8 (in a spreadsheet: CSV UTF-8)").reason()
# The refusals of a file's encoding (careerlog.domain.wording), each ending with SAVE_AS_UTF8
UTF16 = Refusal("The file is UTF-16 text (it starts with a UTF-16 byte-order mark): {save}. Nothing was imported.")
UTF16_UNMARKED = Refusal(
    "The file is UTF-16 text (without a byte-order mark: a zero byte beside each letter of its first line): {save}. "
    "Nothing was imported."
)
NOT_UTF8 = Refusal("Not UTF-8 text: '{text}'; {save}.")
NOT_UTF8_HEADER = Refusal("Not UTF-8 text: '{text}'; {save}. Nothing was read.")  # (careerlog.importing)
# A cell holding U+FFFD, the replacement character a program writes for bytes it could not decode: a file saved in
# another encoding (Windows-1252), read as UTF-8 by a program that saved it again, its letters lost for good
REPLACED = Refusal(
    "'{text}' holds the replacement character (U+FFFD), which a program writes in place of a letter it could not "
    "read: the file was saved in another encoding (such as Windows-1252), then read as UTF-8 and saved again, and "
    "that letter is lost. Open the file as it was first saved, {save}, and import it again."
)
# A CSV file that is no UTF-8 text but Windows-1252 throughout (`windows_1252`: Excel's "CSV (Comma delimited)" on
# Windows, an en-dash the byte 0x96, an 'é' 0xE9) is read whole as Windows-1252, said in the report's notes (until
# 2026-12-05 each row holding such a byte was refused as not UTF-8 and the others recorded)
READ_AS_WINDOWS_1252 = Refusal(
    "The file is not UTF-8 text: it was read whole as Windows-1252, as Excel saves a CSV file on Windows (CSV "
    "(Comma delimited)), its letters beyond ASCII (é, \u2013) read so; to be sure of them, "
    "{save}."
)
WINDOWS_1252_SCAN = 1 << 20  # the bytes read at a time while a CSV file is checked for UTF-8 (windows_1252)
# The bytes no Windows-1252 text holds: the control characters but tab, line feed and carriage return (a binary
# file's), and the five Windows-1252 leaves undefined
_NOT_1252 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]")
# A letter beyond ASCII written in UTF-8: a file holding one and bytes UTF-8 cannot read is of two encodings, and is
# read as UTF-8, each row of another encoding refused (`not_utf8`), never partly misread as Windows-1252 ("Ã©")
_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # (UTF-32 LE starts with the first)
WORKBOOK = Refusal(
    "The file is a spreadsheet workbook the import does not read: it reads an Excel Workbook named .xlsx, a CSV or "
    "a JSON Lines file, but no .xls, .xlsm or .ods workbook, nor a workbook named otherwise. Open it in the "
    "spreadsheet, save it as Excel Workbook (.xlsx) or as CSV UTF-8 and import that file. Nothing was imported."
)
# A workbook's first bytes: a ZIP archive (.xlsx, .xlsm, .ods) and an OLE2 compound file (Excel 97-2003 .xls)
_WORKBOOK_MARKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
WORKBOOK_SUFFIXES = (".xlsm", ".xls", ".ods")  # (the workbooks refused by name; an .xlsx is read: careerlog.workbooks)
# Each row's reason names its NIP column as the header writes it ('NIP Pegawai', 'NIP Mentor': careerlog.importing
# passes them) and the steps that mend it: the digits are lost from the file, so the NIP is typed again, not just
# reformatted (until 2026-12-07 "format the column as Text and type the NIPs again", naming no column)
RETYPE_NIP = (
    "In the spreadsheet, format column {column} as Text, type this NIP again as the decree writes it, save the file "
    "again as CSV and import this row again."
)
AS_NUMBER = Refusal(
    "{value} is a NIP a spreadsheet stored as a number, which keeps only 15 of its 18 digits (its last ones written "
    "000): the NIP's last digits are lost. " + RETYPE_NIP
)
# ... while rule nip.sequence_nonzero is off (a NIP may end 000): a cell of 18 digits ending 000 is refused all the
# same, as a NIP the column read may hold is one a spreadsheet widened (nip_mismatches compares only digits 1-15, so an
# appointment would record a new employee under it); one that ends 000 is imported written as text, as the form and the
# API take it
AS_NUMBER_OR_000 = Refusal(
    "{value} may be a NIP a spreadsheet stored as a number, which keeps only 15 of its 18 digits (its last ones "
    "written 000). If so, " + RETYPE_NIP[0].lower() + RETYPE_NIP[1:] + " If the NIP does end 000 (rule "
    "nip.sequence_nonzero is off), write it marked as text ('{value}) or with its spaces ({display})."
)
# A NIP cell a spreadsheet wrote in scientific notation (1.99607E+17): only the digits before the E are in the file,
# not 15 as AS_NUMBER says of a number widened to 18 digits
AS_SCIENTIFIC = Refusal(
    "{value} is a NIP a spreadsheet wrote in scientific notation (as Excel shows a long number), which keeps only "
    "{digits} of its 18 digits: the NIP's digits are lost. " + RETYPE_NIP,
    numbers=("digits",),
)
NIP_COLUMNS = ("nip", "mentor_nip")
# The columns whose NIP a CSV cell may write as text for a spreadsheet ('1986..., ="1986...": nips_marked_as_text), as
# careerlog's refused-rows file writes them (careerlog.refused_rows); a mentee's NIP read so since 2026-12-06
TEXT_NIP_COLUMNS = (*NIP_COLUMNS, "mentee_nip", "confirm_nip")
# A cell a spreadsheet saved in place of its value: a formula's error (Excel, LibreOffice and Google Sheets write
# #N/A for a lookup that found nothing, #REF!, #VALUE!, ...; LibreOffice also Err:502), or the hashes it shows in a
# column too narrow for a number or a date, which Excel's CSV writes as shown. Never a value: refused, not recorded
# as a training's title "#N/A" (`spreadsheet_error`).
FORMULA_ERROR = Refusal(
    "The error of a spreadsheet formula, not a value: the formula that fills this cell failed (a lookup that finds "
    "nothing gives #N/A). Correct the formula, or type the value, save the file again and import this row again."
).reason()
TOO_NARROW = Refusal(
    "The hashes (####) a spreadsheet shows in a column too narrow for its value, saved in the file instead of the "
    "value: widen the column, save the file again and import this row again."
).reason()
_FORMULA_ERROR = re.compile(
    r"#(?:N/A|NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!"
    r"|GETTING_DATA)|Err:\d{3}",
    re.IGNORECASE,
)
_TOO_NARROW = re.compile(r"#{2,}")
AS_DAY_COUNT = Refusal(
    "A date a spreadsheet stored as a number ({day} in its usual 1900 date system): format the column "
    "as a date (dd/mm/yyyy in an Indonesian spreadsheet, or yyyy-mm-dd) and save again.",
    dates=("day",),
)
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of a spreadsheet's 1900 date system (day 60 is its 29 February 1900)
# The Indonesian column names a BKD spreadsheet heads its columns with, and the field each one names
# (docs/import-format.md lists them). A header's name is read whatever its case, and with its spaces and dashes
# as underscores ("Tanggal Mulai" is tanggal_mulai); a field's own name is always read too.
HEADER_ALIASES: dict[str, str] = {
    "nip_baru": "nip",
    "nip_mentor": "mentor_nip",
    "nip_peserta": "mentee_nip",
    "tmt": "effective_date",
    "tanggal": "effective_date",
    "tgl": "effective_date",  # (Tgl: the usual abbreviation of Tanggal, here and below)
    "nomor_sk": "reference",
    "no_sk": "reference",
    "nomor_sertifikat": "reference",
    "no_sertifikat": "reference",
    "jenis_diklat": "training_kind",
    "jenis_pelatihan": "training_kind",
    "penyelenggara": "organiser",
    "jp": "hours",
    "jam_pelajaran": "hours",
    "tanggal_mulai": "start_date",
    "tgl_mulai": "start_date",
    "tanggal_selesai": "effective_date",  # (a header's of no kind: each kind reads it as KIND_HEADER_ALIASES says)
    "tgl_selesai": "effective_date",
    "kode_program": "programme_id",
    "biaya": "cost",
    "pangkat_baru": "new_rank",
    "golongan_baru": "new_rank",
    "gol_baru": "new_rank",  # (Gol: the usual abbreviation of Golongan, as Tgl of Tanggal)
    "jenis_kenaikan_pangkat": "promotion_kind",
    "jenis_kp": "promotion_kind",
    "tahun": "year",
    "predikat": "predicate",
    "nilai": "score",
    "nilai_skp": "score",
    "nilai_dp3": "score",
    "nilai_prestasi_kerja": "score",
    "nama": "name",
    "nama_pegawai": "name",
    "nama_lengkap": "name",
    "nama_asn": "name",
    "tanggal_lahir": "birth_date",
    "tgl_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "pendidikan": "education",
    "instansi": "agency",
    "unit_kerja": "unit",
    "wilayah": "region",
    "jenis_kepegawaian": "employment_kind",
    "jalur_pengadaan": "recruitment_path",
    "pangkat": "rank",
    "golongan": "rank",
    "gol": "rank",
    "alasan": "reason",
    "isian_yang_dikoreksi": "corrected_fields",
    "konfirmasi": "confirm",  # (a rank jump the decree does make: promotion.one_step)
    "konfirmasi_nip": "confirm_nip",  # (a void: the record's NIP given again)
    # the other fields by the names the record form and the import page give them in Indonesian
    "ujian": "exam",
    "jenis_jabatan": "post_kind",
    "jenjang": "level",
    "jenis_penugasan": "assignment",
    "cara_pengisian": "selection",
    "nomor_sk_pengangkatan": "appointment_reference",
    "no_sk_pengangkatan": "appointment_reference",
    "sertifikat_latsar": "latsar_certificate",
    "jurusan": "field_of_study",
    "lembaga_pendidikan": "institution",
    "kedudukan_hukum": "status",
    "jenis_hukuman": "penalty_kind",
    "tanggal_berakhir": "end_date",  # (a penalty's end; a training's last day and an end's date: KIND_HEADER_ALIASES)
    "tgl_berakhir": "end_date",
    "tmt_berakhir": "end_date",
    "tanggal_akhir": "end_date",
    "tgl_akhir": "end_date",
    "tanggal_berakhir_hukuman": "end_date",
    "tmt_berakhir_hukuman": "end_date",
    "akhir_hukuman": "end_date",
    "biaya_diklat": "cost",
    "biaya_pelatihan": "cost",
    "jenis_penghargaan": "award_kind",
    "pemberi_penghargaan": "awarding_body",
    "tanggal_keputusan": "decree_date",
    "tgl_keputusan": "decree_date",
    "tanggal_sk": "decree_date",
    "tgl_sk": "decree_date",
    "versi": "target_version",
    "versi_yang_dikoreksi": "target_version",
    "versi_yang_dibatalkan": "target_version",
    "no_catatan": "target_version",  # the career record's download's last column, "No. catatan" (ENGLISH_NAMES)
    "fokus": "focus",
    "topik": "topic",
    "menit": "minutes",
    "penilaian": "rating",
    "relevansi": "relevance",
    "komentar": "comment",
}
# English column names of no field an import reads as one: the career record's download's last column in English,
# "Record no." (the fact's record number, as the page names it: the version a correction of it corrects)
ENGLISH_NAMES = {"record_no": "target_version"}
# The Indonesian column names whose field depends on the kind of the file's rows, read before HEADER_ALIASES for a
# file of that kind (and for its rows in a file of several kinds): the names of a start ("Tanggal Mulai") and of an
# end ("Tanggal Selesai", "Tanggal Berakhir") date a fact by its start or its end as its event is one or the other.
# Every kind reads them (KIND_HEADER_ALIASES has each kind of BY_KIND); HEADER_ALIASES' own reading of them ("Tanggal
# Selesai" the effective date, "Tanggal Mulai" start_date, "Tanggal Berakhir" end_date) is a header's of no kind.
_MULAI = ("tanggal_mulai", "tgl_mulai", "tmt_mulai")  # (a start)
_SELESAI = ("tanggal_selesai", "tgl_selesai", "tmt_selesai")  # (an end: a training's last day)
_BERAKHIR = ("tanggal_berakhir", "tgl_berakhir", "tmt_berakhir", "tanggal_akhir", "tgl_akhir")  # (an end)
_END_NAMES = (*_SELESAI, *_BERAKHIR)


def _no_field(names: tuple[str, ...]) -> dict[str, str]:
    """Names that are no field of a kind, each read as itself: its column left out of the kind's rows with a note (a
    file of one kind refused when its header names no column of the kind's date), never read as another date."""
    return {name: name for name in names}


# A kind whose event is a start dates it by its start: its "Tanggal Mulai" is its effective date (its TMT), and its
# "Tanggal Selesai" or "Tanggal Berakhir" (the end planned, or the end of an acting post, an unpaid leave: which its
# own end, a later event, records) names no field of it. Until 2026-12-05 a study leave's or a mentoring's start read
# its "Tanggal Selesai" as its effective date, and until 2026-12-06 every other start did (a post appointment, a
# status change, a placement ...), the start recorded on the end's day, its "Tanggal Mulai" left out.
_STARTING = {**dict.fromkeys(_MULAI, "effective_date"), **_no_field(_END_NAMES)}
# A kind whose event is an end (or a completion, dated by its last day) dates it by its end, "Tanggal Selesai" or
# "Tanggal Berakhir"; its "Tanggal Mulai" names no field of it.
_ENDING = {**dict.fromkeys(_END_NAMES, "effective_date"), **_no_field(_MULAI)}
# A kind whose event is neither (an exam passed, an award, a rating, a session, a correction ...) is dated by its own
# day, which neither a start's nor an end's name names.
_NEITHER = _no_field((*_MULAI, *_END_NAMES))
STARTING_KINDS = (
    "appointment",
    "confirmation",
    "rank_promotion",
    "post_appointment",
    "placement",
    "study_leave_start",
    "mentoring_start",
    "mentee_assigned",
    "status_change",
)
ENDING_KINDS = ("study_leave_end", "mentoring_end", "mentee_released", "post_end", "education")
# The TMT (terhitung mulai tanggal) an appointment's, a confirmation's, a promotion's or a post's decree names by
# what it starts: TMT CPNS (an appointment's, NIP digits 9-14), TMT PNS, TMT Pangkat or TMT Golongan, TMT Jabatan
_TMT_OF = {
    "appointment": {"tmt_cpns": "effective_date", "tmt_pppk": "effective_date"},
    "confirmation": {"tmt_pns": "effective_date"},
    "rank_promotion": {"tmt_pangkat": "effective_date", "tmt_golongan": "effective_date"},
    "post_appointment": {"tmt_jabatan": "effective_date"},
}
# The names of a field several kinds have that are one kind's words alone (a training's title is its Nama Diklat, a
# post's its Nama Jabatan; a degree's level its Jenjang Pendidikan, a penalty's its Tingkat Hukuman), each read as
# that field by its kinds alone, and as no field by a kind of the field that names it otherwise (a training's "Nama
# Jabatan", the employee's post as an HR list carries it, is no title of it: left out with its note). Until
# 2026-12-06 they were HEADER_ALIASES', read as the field for every kind: a training file's "Nama Jabatan" was
# recorded as the training's title, beside its "Judul Pelatihan" (which named no field), and "Jenjang Pendidikan" was
# a post's and a penalty's level.
KIND_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {
        "training": ("nama_diklat", "nama_pelatihan", "judul", "judul_pelatihan", "judul_diklat"),
        "post_appointment": ("nama_jabatan", "jabatan"),
    },
    "level": {
        "post_appointment": ("jenjang_jabatan",),
        "education": ("jenjang_pendidikan",),
        "study_leave_start": ("jenjang_pendidikan",),
        "penalty": ("tingkat_hukuman", "tingkat_hukuman_disiplin"),
    },
}


def _kind_words(kind: str) -> dict[str, str]:
    """A kind's own words for its fields (KIND_WORDS), each read as the field, and the other kinds' words for a field
    it has, each read as no field."""
    read: dict[str, str] = {}
    for field, by_kind in KIND_WORDS.items():
        if kind in by_kind:
            others = {name for other, names in by_kind.items() if other != kind for name in names}
            read.update(_no_field(tuple(sorted(others - set(by_kind[kind])))))
            read.update(dict.fromkeys(by_kind[kind], field))
    return read


# Every kind's word of KIND_WORDS, as a header of no kind reads it (itself: no field until a row's kind is read)
KIND_WORD_NAMES = frozenset(name for by_kind in KIND_WORDS.values() for names in by_kind.values() for name in names)
KIND_HEADER_ALIASES: dict[str, dict[str, str]] = {
    **dict.fromkeys(BY_KIND, _NEITHER),
    **{kind: {**_STARTING, **_TMT_OF.get(kind, {})} for kind in STARTING_KINDS},
    **dict.fromkeys(ENDING_KINDS, _ENDING),
    # a training is dated by its last day, "Tanggal Selesai" (HEADER_ALIASES) or "Tanggal Berakhir"; its "Tanggal
    # Mulai" is its start_date (HEADER_ALIASES)
    "training": dict.fromkeys(_BERAKHIR, "effective_date"),
    # a penalty is dated by its start (TMT) and ends on its end_date: until 2026-12-05 its "Tanggal Selesai" was read
    # as its start, and its "Tanggal Mulai" refused as a training's
    "penalty": {**dict.fromkeys(_MULAI, "effective_date"), **dict.fromkeys(_SELESAI, "end_date")},
    # a correction's version by its own name ("Versi Yang Dikoreksi", the version corrected) and a retraction's by its
    # ("Versi Yang Dibatalkan"): each is no field of the other kind, whose file naming it is refused
    # (careerlog.importing.OTHER_KINDS_COLUMNS). Until 2026-12-06 a file of corrections imported as retractions read
    # its "Versi Yang Dikoreksi" as the version to retract, and retracted the facts it meant to correct.
    "correction": {**_NEITHER, **_no_field(("versi_yang_dibatalkan",))},
    "retraction": {**_NEITHER, **_no_field(("versi_yang_dikoreksi",))},
}
for _kind in {kind for by_kind in KIND_WORDS.values() for kind in by_kind}:
    KIND_HEADER_ALIASES[_kind] = {**KIND_HEADER_ALIASES[_kind], **_kind_words(_kind)}
# The columns of notes a spreadsheet carries beside the fields (a row number, remarks), by their name without its
# dots ("No." is no): read, never recorded, and named in the report's notes (docs/import-format.md).
NOTE_COLUMNS = ("no", "no_urut", "nomor_urut", "keterangan", "ket", "catatan")
# careerlog's own column of a refused-rows file (web.pages.refused_rows): the reasons an import gave for refusing
# each row, named in each language of the pages. An import of either language reads it as no data
# (careerlog.importing), and a new download of the rows still refused writes it anew, in its place; HR's own notes
# (NOTE_COLUMNS) are theirs and come back as written.
REASONS_COLUMNS = {"id": "Alasan penolakan (careerlog)", "en": "Refusal reasons (careerlog)"}
# an 18-digit number as a spreadsheet writes it: 1.96701E+17 (1,96701E+17 in Indonesian), or widened to 18
# digits of which only the first 15 are kept (196701111991032000: a NIP's sequence is never 000)
_SCIENTIFIC = re.compile(r"\d[.,]\d+[Ee]\+?\d+", re.ASCII)
# A NIP written so that a spreadsheet opening the CSV keeps it as text: behind an apostrophe ('198609262010031001, as
# exports from personnel systems write it, and as a spreadsheet shows it again in the saved file) or as a formula of
# text (="198609262010031001")
_MARKED_AS_TEXT = re.compile(r"'\s*(?P<a>.+)|=\s*\"(?P<f>.+)\"\s*", re.DOTALL)
# a date written day first, its parts separated by slashes, dots or dashes alike (17/08/2021, 17.08.2021, 17-08-2021,
# 7/8/2021): an Indonesian spreadsheet's short date, or the way a clerk types one. These patterns are re.ASCII: in a
# str pattern \d is any script's digit, and a date or number written in Arabic-Indic digits is refused as written.
DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)
# a date written with its month's Indonesian name (17 Agustus 2021, 17-Agu-2021, 1 Jan. 2022)
_LONG_DATE = re.compile(r"(\d{1,2})[ -]+([^\W\d_]+)\.?[ -]+(\d{4})", re.ASCII)
# ... and with its month's name first, as English writes it (Aug 3, 2026; August 3 2026; Aug 3,2026, the comma
# enough to part the day from the year): one way alone, the month named (until 2026-12-07 left as written and refused,
# where 3 Aug 2026 read). A year of two digits (Aug 3, 26), a month without its day (May 2026) and an English day of
# the week before it (Monday, Aug 3, 2026) stay refused as written.
_MONTH_FIRST = re.compile(r"([^\W\d_]+)\.?[ ]+(\d{1,2})(?:,[ ]*|[ ]+)(\d{4})", re.ASCII)
# the Indonesian months' names and the abbreviations a spreadsheet or a clerk writes, by their lower case
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "pebruari", "feb", "peb"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "ags", "agust"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "des"),
        ),
        start=1,
    )
    for name in names
}
# ... and in English, as a spreadsheet in English writes a date of its month's name (01-Oct-2021, 1 December 2021):
# the names that differ from the Indonesian ones (no name is another month's in the other language)
MONTHS.update(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "aug": 8,
        "august": 8,
        "oct": 10,
        "october": 10,
        "dec": 12,
        "december": 12,
    }
)
# The Indonesian days of the week, by their lower case (Monday 0, as date.weekday counts), before a date as a
# spreadsheet in Indonesian writes its long date: "Jumat, 01 Oktober 2021"
WEEKDAYS: dict[str, int] = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_WITH_WEEKDAY = re.compile(r"([^\W\d_]+(?:'[^\W\d_]+)?),\s*(\S.*)", re.ASCII)
OTHER_WEEKDAY = Refusal(
    "{day} was a {actual}, not a {written} as written beside it: check the date.",
    dates=("day",),
)
_ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes surrogateescape could not decode
_REPLACEMENT = re.compile("\ufffd")  # the replacement character (REPLACED)
_CONTEXT = 30  # characters shown before the first byte that is not UTF-8


# A template's marks after a column's name, which name no field: the asterisk of a required column ("NIP*", "Jenis
# Diklat *") and the form of its dates in parentheses, day first or as YYYY-MM-DD, in English or Indonesian letters
# ("Tanggal Mulai (dd/mm/yyyy)", "TMT (hh-bb-tttt)", "Tahun (yyyy)"). A form of the month first ("(mm/dd/yyyy)") is
# no mark: its column is refused as before, as a file separated by semicolons would read its dates the other way
_DATE_FORM = r"d+\s*[-/.]\s*m+\s*[-/.]\s*y+|h+\s*[-/.]\s*b+\s*[-/.]\s*t+|y+-m+-d+|t+-b+-h+|y+|t+"
_DATE_MARK = re.compile(rf"\s*(?:{_DATE_FORM})\s*", re.IGNORECASE | re.ASCII)  # within a mark's parentheses
_ASCII_SPACE = frozenset(" \t\n\r\f\v")  # (the regular expressions' \s of ASCII)


def without_marks(typed: str) -> str:
    """A column's name without the template's marks after it (asterisks, a date's form in parentheses: "NIP *" is
    "NIP", "Tanggal Mulai (dd/mm/yyyy)" "Tanggal Mulai"), or as typed when it is nothing but marks or has none. Read
    from its end, in time linear in its length (until 2026-12-07 a regular expression searched from every position,
    quadratic: a header cell of 30,000 spaces before a letter held the server a minute)."""
    end = len(typed)
    while end and typed[end - 1] in _ASCII_SPACE:
        end -= 1
    cut = None
    while end:
        if typed[end - 1] == "*":
            while end and typed[end - 1] == "*":
                end -= 1
        elif typed[end - 1] == ")":
            opened = typed.rfind("(", 0, end - 1)
            if opened < 0 or _DATE_MARK.fullmatch(typed, opened + 1, end - 1) is None:
                break
            end = opened
        else:
            break
        while end and typed[end - 1] in _ASCII_SPACE:
            end -= 1
        cut = end
    return typed[:cut] or typed if cut is not None else typed


def column_name(typed: str, kind: str | None = None) -> str:
    """The field a CSV header's column names: its name whatever its case, spaces and dashes (" Training Kind" is
    training_kind), or the field its Indonesian name names (HEADER_ALIASES: "Tanggal Mulai" is start_date), an
    abbreviation's dot read as a space ("No. SK", "Nomor SK." are no_sk, nomor_sk: the reference), without a
    template's marks after it (`without_marks`: "NIP*" is nip, "Tanggal Mulai (dd/mm/yyyy)" start_date). For a
    file of one `kind`, the names that kind reads otherwise first (KIND_HEADER_ALIASES: a penalty's "Tanggal
    Selesai" is end_date)."""
    typed = without_marks(typed)
    name = "_".join(typed.replace("-", " ").lower().split())
    own = KIND_HEADER_ALIASES.get(kind or "", {})
    if "." in name and name not in HEADER_ALIASES:  # (until 2026-12-04 kept: "no._sk" named no field, and refused)
        dotless = "_".join(typed.replace("-", " ").replace(".", " ").lower().split())
        name = dotless if dotless in HEADER_ALIASES or dotless in own or dotless in ENGLISH_NAMES else name
    if name in own:
        return own[name]
    return HEADER_ALIASES.get(name, ENGLISH_NAMES.get(name, name))


def note_column(name: str) -> bool:
    """Whether a column (by `column_name`) is one of notes: a row number or remarks (NOTE_COLUMNS)."""
    return name.replace(".", "") in NOTE_COLUMNS


def _letters(typed: str) -> str:
    return "".join(c for c in typed.casefold() if c.isalnum())


_REASONS_LETTERS = frozenset(_letters(name) for name in REASONS_COLUMNS.values())


# The career record's CSV download's own columns (web.pages.career.record_table), by language, that are no field of a
# correction: the fact's TMT and decree number (its own, not a correction's), when it was recorded (the time zone after
# it left out: "Dicatat pada (WIB)"), its event, when it was corrected or retracted, and the corrections', the
# retraction's and the confirmations' columns. A header naming the download's event and recorded-at columns is the
# download (`career_download`), refused as a file of corrections or retractions naming the columns to rename, add and
# remove (careerlog.importing.CAREER_DOWNLOAD_HEADER); the field columns between are the page's labels. A test keeps
# them the download's (tests/functional/test_career_csv_imported_as_corrections_refused_naming_columns.py).
CAREER_DOWNLOAD_FACT = {  # the fact's TMT and decree number, by language
    "id": ("Tanggal berlaku (TMT)", "Nomor SK atau sertifikat"),
    "en": ("Effective date (TMT)", "Reference (decree or certificate number)"),
}
CAREER_DOWNLOAD_OWN = {  # the download's own columns, by language (its event and recorded-at first)
    "id": (
        "Peristiwa",
        "Dicatat pada",
        "Dikoreksi pada",
        "Dibatalkan pada",
        "Nomor SK koreksi",
        "Alasan koreksi",
        "Nomor SK pembatalan",
        "Alasan pembatalan",
        "Dikonfirmasi oleh",
    ),
    "en": (
        "Event",
        "Recorded at",
        "Corrected on",
        "Retracted on",
        "Correction references",
        "Correction reasons",
        "Retraction reference",
        "Retraction reason",
        "Confirmed by",
    ),
}


_TIME_ZONE = re.compile(r"\([A-Za-z]{3,4}\)\s*$")  # (searched from each "(" alone: no spaces before it, quadratic)


def _unzoned(typed: str) -> str:
    """A column's letters without a time zone after it ("Dicatat pada (WIB)": dicatatpada)."""
    return _letters(_TIME_ZONE.sub("", typed.strip().lstrip("\ufeff")))


def career_download(typed: list[str]) -> tuple[str, str, list[str]] | None:
    """The career record's download (CAREER_DOWNLOAD_OWN) in the language a header names its event and recorded-at
    columns in: the fact's TMT and decree number columns (CAREER_DOWNLOAD_FACT, as typed when the header names them,
    matched as the download's own columns are: whatever their case and spacing; until 2026-12-06 always as the
    download names them, so a refusal said to rename a column the header did not have and to remove the one it had)
    and the download's own columns the header names, as typed; None for another header."""
    letters = {_unzoned(name): name.strip().lstrip("\ufeff") for name in typed if name.strip()}
    for lang, own in CAREER_DOWNLOAD_OWN.items():
        if _letters(own[0]) in letters and _letters(own[1]) in letters:
            date, reference = (letters.get(_unzoned(column), column) for column in CAREER_DOWNLOAD_FACT[lang])
            return date, reference, [letters[_letters(c)] for c in own if _letters(c) in letters]
    return None


def reasons_column(typed: str) -> bool:
    """Whether a header's column, as typed, is careerlog's reasons column (REASONS_COLUMNS), in either language,
    whatever its case, spaces and punctuation ("ALASAN PENOLAKAN careerlog")."""
    return _letters(typed) in _REASONS_LETTERS


def aliases_of(fields: list[str], kind: str | None = None) -> list[str]:
    """The Indonesian column names of these fields, in the table's order, for a file of `kind` those it reads
    otherwise (KIND_HEADER_ALIASES) read as that kind reads them."""
    own = KIND_HEADER_ALIASES.get(kind or "", {})
    read = [*((alias, name) for alias, name in HEADER_ALIASES.items() if alias not in own), *own.items()]
    return [alias for alias, name in read if name in fields]


SHORT_WORDS = frozenset(("nip", "jp", "tmt", "sk", "kp", "asn", "skp", "dp3"))  # written in capitals in a column's name


def header_spelling(alias: str) -> str:
    """An Indonesian column name as a spreadsheet heads it: tanggal_selesai as Tanggal Selesai, jp as JP, nomor_sk as
    Nomor SK (the import page's list of columns, and a refusal of a header naming them)."""
    return " ".join(w.upper() if w in SHORT_WORDS else w.capitalize() for w in alias.split("_"))


def windows_1252(stream: IO[bytes]) -> bool:
    """Whether a CSV file is Windows-1252 text, not UTF-8: bytes UTF-8 cannot read, none that Windows-1252 does not
    hold (_NOT_1252: a binary file's) and no letter written in UTF-8 (_UTF8_LETTER: a file of two encodings). Read
    whole (UTF-8 checked first, in blocks: a UTF-8 file is read once more, no more), the stream put back where it
    was; one that cannot seek (or a file of one encoding not known) is read as UTF-8, row by row, as before."""
    if not stream.seekable():
        return False
    start = stream.tell()
    try:
        utf8 = codecs.getincrementaldecoder("utf-8")()
        try:
            while block := stream.read(WINDOWS_1252_SCAN):
                utf8.decode(block)
            utf8.decode(b"", final=True)
            return False  # (UTF-8 text: the common case)
        except UnicodeDecodeError:
            pass
        stream.seek(start)
        tail = b""  # (the last bytes of the block before: a letter written in UTF-8 over two blocks)
        while block := stream.read(WINDOWS_1252_SCAN):
            if _NOT_1252.search(block) or _UTF8_LETTER.search(tail + block[:3]) or _UTF8_LETTER.search(block):
                return False
            tail = block[-3:]
        return True
    finally:
        stream.seek(start)


def refuse_utf16(start: bytes | str) -> None:
    """Refuse a file whose first bytes (or its first line decoded with surrogateescape) are a UTF-16 mark, or UTF-16
    text without one: its first two characters each a letter's byte beside a zero byte (little- or big-endian), which
    no UTF-8 text starts with. (Such a file was refused as a header of unknown columns, 'n\\x00i\\x00p\\x00', ...)"""
    first = (start[:4].encode("utf-8", "surrogateescape") if isinstance(start, str) else start)[:4]
    if first[:2] in _UTF16_MARKS:
        raise InvalidInput(UTF16.reason(save=SAVE_AS_UTF8), "file")
    if len(first) == 4 and any(first[i] == first[i + 2] == 0 and first[1 - i] and first[3 - i] for i in (0, 1)):
        raise InvalidInput(UTF16_UNMARKED.reason(save=SAVE_AS_UTF8), "file")


def refuse_workbook(start: bytes | str) -> None:
    """Refuse a file whose first bytes (or its first line decoded with surrogateescape) are a workbook's."""
    first = start[:8].encode("utf-8", "surrogateescape") if isinstance(start, str) else start[:8]
    if first.startswith(_WORKBOOK_MARKS):
        raise InvalidInput(WORKBOOK.reason(), "file")


def refuse_not_text(start: bytes | str) -> None:
    """Refuse a file that is no text an import reads, by its start: UTF-16 text, or a spreadsheet workbook."""
    refuse_utf16(start)
    refuse_workbook(start)


def workbook_name(name: str) -> bool:
    """Whether a file is named as a spreadsheet workbook (report.xlsx, data.XLS)."""
    return name.lower().endswith(WORKBOOK_SUFFIXES)


def undecodable(text: str) -> bool:
    """True when `text`, decoded with surrogateescape, holds bytes that are not UTF-8."""
    return not text.isascii() and _ESCAPED.search(text) is not None


def shown(text: str, mark: re.Pattern[str] | None = None) -> str:
    """`text` with its undecodable bytes spelled \\xNN, cut to the part before the first of them (or of `mark`)."""
    at = (mark or _ESCAPED).search(text)
    start = max(0, at.start() - _CONTEXT) if at else 0
    part = text[start : at.end() if at else None]
    return ("..." if start else "") + part.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def not_utf8(row: dict[str, Any]) -> InvalidInput | None:
    """The cells of a CSV row that are not UTF-8 text, or hold the replacement character U+FFFD (the text of another
    encoding read as UTF-8 and saved again: REPLACED), each named by its column; None if there are none."""
    if all(map(str.isascii, row.values())):  # (the common case, without a call per cell)
        return None
    bad: dict[str, list[str]] = {
        column: [NOT_UTF8.reason(text=shown(value), save=SAVE_AS_UTF8)]
        if undecodable(value)
        else [REPLACED.reason(text=shown(value, _REPLACEMENT), save=SAVE_AS_UTF8)]
        for column, value in row.items()
        if type(value) is str and (undecodable(value) or "\ufffd" in value)
    }
    return InvalidInput(bad) if bad else None


@functools.cache
def typed_fields(kind: str, kind_of_value: type) -> tuple[str, ...]:
    """The fields of an event kind holding values of a type (none for a kind that is not one)."""
    cls = BY_KIND.get(kind)
    return tuple(spec.name for spec in payload_fields(cls) if spec.type is kind_of_value) if cls else ()


def decimal_fields(kind: str) -> tuple[str, ...]:
    """The decimal fields of an event kind (none for a kind that is not one)."""
    return typed_fields(kind, Decimal)


# A date with a time, as a personnel system's export or a spreadsheet's date-and-time format writes a day: its hours
# and minutes (and seconds) separated by colons, or by dots as the Indonesian way writes a time ("00.00", "13.30",
# "00.00.00"); at midnight (every digit a zero: "0:00", "0.00") the day itself
DATE_AND_TIME = re.compile(r"(.+?)[ T](\d{1,2}([:.])\d{2}(?:\3\d{2}(?:[.,]\d+)?)?)", re.ASCII)
TIME_OF_DAY = Refusal(
    "A date with a time of day ({time}): the import reads the day alone, and only a time of midnight (00:00, or 00.00 "
    "as written in Indonesian) as that day's, a date-and-time format's way of writing it. Write the date without the "
    "time.",
    quotes=("time",),
)


def read_day_first_dates(row: dict[str, Any], *, day_first: bool = True) -> None:
    """Spell the date cells of a row written day first as the ledger reads them ("2024-05-06"), in place, keeping
    each such cell as written in the row's WRITTEN (for the report, which says why one was not read); a cell that
    is no such date is left as it is, for the ledger to refuse as written (31/02/2024, 06/05/24).

    Read: dd/mm/yyyy, dd.mm.yyyy and dd-mm-yyyy, one or two digits for the day and the month (17/08/2021, 7.8.2021),
    and the month by its Indonesian or English name or abbreviation (17 Agustus 2021, 17-Agu-2021, 17-Aug-2021; first,
    as English writes it, Aug 17, 2021), any
    of these after a day of the week in Indonesian, as a long date ("Jumat, 01 Oktober 2021": WEEKDAYS; one not the
    date's own made unreadable saying so, `weekday_checked`); a date of digits (and one
    as the ledger reads it) with a time of midnight too ("2024-05-06 00:00:00", "06/05/2024 0:00", "06/05/2024 00.00"
    written the Indonesian way: DATE_AND_TIME, that day; another time, "13.30" or "13:30", made unreadable naming
    it, TIME_OF_DAY, once its date reads). `day_first` is whether the
    file is known to write its days first (a semicolon file, saved by a spreadsheet in Indonesian); otherwise (a
    comma-separated file, whose spreadsheet may have put the month first) a date of digits is read only when it can
    be read one way alone: its first part is after 12 (17/08/2021), or equal to the second (05/05/2021);
    06/05/2024 is left as written (6 May, or June 5?) and refused."""
    kind = row.get("kind")
    for name in typed_fields(kind, date) if type(kind) is str else ():
        cell = row.get(name)
        if type(cell) is not str:
            continue
        text = cell.strip()
        weekday, weekday_written = None, ""
        if "," in text and (named := _WITH_WEEKDAY.fullmatch(text)):  # ("Jumat, 01 Oktober 2021": a long date)
            weekday = WEEKDAYS.get(named[1].casefold())
            if weekday is not None:
                text, weekday_written = named[2], named[1]
        timed = DATE_AND_TIME.fullmatch(text) if " " in text or "T" in text else None
        time = None  # (a time of day other than midnight: "13.30", refused once its date reads)
        if timed is not None:  # ("2024-05-06 00:00:00", "06/05/2024 00.00": a day, as a date-and-time writes it)
            text = timed[1]
            time = None if timed[2].strip("0:.,") == "" else timed[2]
        if text[4:5] == "-" and text[:4].isdigit():  # (as the ledger reads it)
            if time is not None and _iso_day(text):
                wrote(row, name, cell)
                row[name] = Unreadable(TIME_OF_DAY.reason(time=quoted(time)))
            elif timed or weekday is not None:
                wrote(row, name, cell)
                row[name] = weekday_checked(text, weekday, weekday_written)
            continue
        if found := DAY_FIRST.fullmatch(text):
            day, month, year = int(found[1]), int(found[3]), int(found[4])
            one_way = day_first or day > 12 or day == month  # (else either way round: refused as written)
        elif (found := _LONG_DATE.fullmatch(text)) and (month := MONTHS.get(found[2].casefold(), 0)):
            day, year, one_way = int(found[1]), int(found[3]), True
        elif (found := _MONTH_FIRST.fullmatch(text)) and (month := MONTHS.get(found[1].casefold(), 0)):
            day, year, one_way = int(found[2]), int(found[3]), True
        else:
            continue
        wrote(row, name, cell)  # (a date read day first, or one left as written for the ledger to refuse: said so)
        if one_way:
            with contextlib.suppress(ValueError):  # (31/02/2024: the ledger refuses the cell as written)
                read = weekday_checked(date(year, month, day).isoformat(), weekday, weekday_written)
                row[name] = read if time is None else Unreadable(TIME_OF_DAY.reason(time=quoted(time)))


def read_either_way(typed: str) -> bool:
    """Whether a date typed as digits reads either way round (08/04/2026: 8 April, or August 4?), which a form that
    reads days first (as Indonesian writes them) says it read so (web.pages.hr `read_day_first`); with a time after
    it too (08/04/2026 00:00, a day as a date-and-time writes it: until 2026-12-07 read day first with no word)."""
    text = typed.strip()
    timed = DATE_AND_TIME.fullmatch(text) if " " in text or "T" in text else None
    found = DAY_FIRST.fullmatch(timed[1] if timed is not None else text)
    return found is not None and int(found[1]) <= 12 and int(found[3]) <= 12 and int(found[1]) != int(found[3])


def _iso_day(text: str) -> bool:
    """Whether a text is a day as the ledger reads it (YYYY-MM-DD)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def weekday_checked(day: str, weekday: int | None, written: str) -> str | Unreadable:
    """A date read (ISO), or made unreadable when the day of the week written before it (`weekday`, as `written`) is
    not its own ("Sabtu, 01 Oktober 2021": a Friday), so that neither is guessed."""
    if weekday is None:
        return day
    try:
        actual = date.fromisoformat(day).weekday()
    except ValueError:
        return day  # (no such day: the ledger refuses it as written)
    if actual == weekday:
        return day
    return Unreadable(OTHER_WEEKDAY.reason(day=day, actual=_WEEKDAY_NAMES[actual], written=written))


# The key of a row's cells that were read otherwise than written ("17/08/2021" read as 2021-08-17): the cells as
# written, by field, for the report of a refused row (careerlog.importing.typed); never a field.
WRITTEN = "#written"


class Written(dict[str, str]):
    """A row's cells as written, by field: made by the CSV reader alone (a JSON Lines row's own "#written" key, a
    plain dict or any other value, is an unknown field: careerlog.importing refuses it). `merged`: a workbook's empty
    cells that lie in merged cells (careerlog.workbooks), by field, each as (cell, the merged cells, their first
    cell): "F14", "F13:F14", "F13"."""

    merged: dict[str, tuple[str, str, str]] | None = None


class GivenKind(str):
    """A row's kind given by the import (the kind chosen, or the file's name), no cell of the file: a refusal quotes no
    cell for it (careerlog.importing.typed; until 2026-12-06 a PPPK's rank promotion refused in a file of no kind
    column ended "(typed: rank_promotion)", quoting the kind chosen on the page)."""


def wrote(row: dict[str, Any], name: str, cell: str) -> None:
    """Note that the cell of `name` was written `cell` (before it was read into the row)."""
    written = row.get(WRITTEN)
    if written is None:
        row[WRITTEN] = Written({name: cell})
    else:  # (a cell read in two steps, "Rp1.500.000,00" then "1.500.000,00", keeps the first: as written)
        written.setdefault(name, cell)


# a currency format's "Rp1.500.000,00", "Rp 2.500.000", and as Indonesians write an amount by hand, the sign followed
# by a dot ("Rp. 2.500.000") and the whole rupiah closed by ",-" ("Rp. 2.500.000,-", "2.500.000,-")
# ("IDR 1.500.000", the currency's ISO code, as a spreadsheet's currency format may write it, since 2026-12-06; no
# letter after it: "IDRX 5" was read as "X 5" until 2026-12-06)
# (rupiah_parts: read in code, in time linear in the text; until 2026-12-07 a regular expression,
# `\s*(rp\.?|idr(?![a-z]))?\s*(\S.*?)\s*(,-)?\s*`, whose spaces around its lazy amount took a cell of 2,000 spaces
# between two letters 36 seconds, cubic)
# A cost written as a dash alone, the usual way to write "no cost" in a table: read as an empty cell (until 2026-12-06
# refused as "Not a valid number")
NO_AMOUNT = frozenset(("-", "\u2013", "\u2014"))
# An amount whose thousands are separated by spaces ("1 500 000", a no-break or narrow no-break space too)
SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
# An amount written with commas between its thousands, as English writes it ("1,500,000"), in a file that writes
# numbers in Indonesian, where the comma is the decimal mark: refused naming why, not guessed; one group too ("1,500",
# "Rp 1,500": read as 1,5 rupiah until 2026-12-06)
COMMA_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
ENGLISH_GROUPING = Refusal(
    "{amount} separates its thousands with commas, as English writes numbers, but this file writes numbers in "
    "Indonesian, where the comma is the decimal mark: write the amount without separators (1500000) or with dots "
    "(1.500.000)."
)


# An amount after the rupiah sign that is one number with the dot or comma as decimal mark and another with it as
# the thousands separator ("Rp 1.500": 1.5, or 1500), in a file or on a page not known to write numbers in Indonesian
READS_TWO_WAYS = Refusal(
    "{amount} reads two ways, with a decimal mark or with a thousands separator: write the amount without a "
    "thousands separator (1500, or 1.5)."
)


class ReadsTwoWays(NumberFormatError):
    """An amount written with the rupiah sign that reads as two numbers (`rupiah_reading`)."""

    def __init__(self, amount: str) -> None:
        super().__init__(f"{amount!r} reads two ways")
        self.reason = READS_TWO_WAYS.reason(amount=cut(amount))


def rupiah_reading(amount: str, locale: Any) -> str:
    """The amount written after the rupiah sign (`rupiah_amount`), where it is not known to be written as Indonesians
    write numbers (a file separated by commas or tabs, a page in English), as the ledger writes it: read strictly
    (Babel) in `locale` and in Indonesian, since the sign says rupiah, which an Indonesian spreadsheet writes
    "2.500.000,50". The one number it is ("2.500.000", "1,500,000.50", "900000"); ReadsTwoWays when it is two
    ("1.500": 1.5, or 1500), not guessed; NumberFormatError when it is none. An amount without the sign that the
    ledger cannot read as written is read so too (`read_separated_amounts`: "1.500.000" in a workbook's text)."""
    readings = set()
    for each in (locale, "id"):
        with contextlib.suppress(NumberFormatError):
            readings.add(parse_decimal(amount, locale=each, strict=True))
    if len(readings) > 1:
        raise ReadsTwoWays(amount)
    if not readings or not ascii_number(amount):  # (Babel reads any script's digits: the ledger does not)
        raise NumberFormatError(f"{amount!r} is no number")
    return str(readings.pop())


def read_rupiah(row: dict[str, Any], *, indonesian: bool) -> None:
    """A training's cost written with the rupiah sign, as a spreadsheet's currency format shows it and saves it
    ("Rp1.500.000,00", "Rp 2.500.000", "rp. 750.000"), read without it, in place: in a file `indonesian` its amount
    then read as any other (read_decimal_commas), elsewhere as the one number it is in English or Indonesian
    (`rupiah_reading`), one that is two ("Rp 1.500") made unreadable naming why. A dash after the sign ("Rp -", an
    accounting format's zero) is no cost, as a dash alone is (until 2026-12-06 left for the ledger to refuse); a cell
    of no number is left for the ledger to refuse."""
    cell = row.get("cost")
    if type(cell) is not str:
        return
    if cell.strip() in NO_AMOUNT or signed_dash(cell):  # ("-", "Rp -": no cost, an empty cell)
        del row["cost"]
        return
    signed = (amount := rupiah_amount(cell)) is not None
    if amount is None:
        amount = cell.strip()
    if SPACE_GROUPED.fullmatch(amount):  # ("Rp 1 500 000", "1 500 000": its spaces the thousands separators)
        amount = re.sub(r"[ \u00a0\u202f]", "", amount)
    if indonesian and COMMA_GROUPED.fullmatch(amount):  # ("1,500,000" in a file of Indonesian numbers)
        row["cost"] = Unreadable(ENGLISH_GROUPING.reason(amount=cut(amount)))
        wrote(row, "cost", cell)
        return
    if not signed and amount == cell.strip():
        return  # (no sign, no spaces: read as any other decimal cell)
    if not indonesian and ("," in amount or "." in amount):
        try:
            amount = rupiah_reading(amount, "en")
        except ReadsTwoWays as e:
            row["cost"] = Unreadable(e.reason)
            wrote(row, "cost", cell)
            return
        except NumberFormatError:
            pass  # (the amount as written, for the ledger to refuse)
    row["cost"] = amount
    wrote(row, "cost", cell)


def read_separated_amounts(row: dict[str, Any]) -> None:
    """The decimal cells (a cost, a score) of a row not known to write numbers in Indonesian (a CSV file separated by
    commas or tabs, a workbook's text cell) that are no number as the ledger reads one, written with separators
    ("1.500.000", "1,500,000", "1.500.000,50", "85,5"), read as the one number each is in English or in Indonesian
    (`rupiah_reading`, as an amount after the rupiah sign is), in place, each kept as written; one that is two
    numbers ("1,500": 1500, or 1.5) made unreadable naming why. A number the ledger reads as written ("1.500", 1.5)
    is left as it is, and so is one that is none either way."""
    kind = row.get("kind")
    for name in decimal_fields(kind) if type(kind) is str else ():
        cell = row.get(name)
        if type(cell) is not str or ("," not in cell and "." not in cell):
            continue
        with contextlib.suppress(ArithmeticError):  # (decimal.InvalidOperation: no number as written)
            Decimal(cell.strip())
            continue  # (a number as the ledger reads it: judged as written)
        try:
            row[name] = rupiah_reading(cell.strip(), "en")
        except ReadsTwoWays as e:
            row[name] = Unreadable(e.reason)
        except NumberFormatError:
            continue  # (no number either way: the ledger refuses it as written)
        wrote(row, name, cell)


def _rupiah_signs(text: str) -> Iterator[str]:
    """The rupiah signs a text (stripped) may begin with, the longest first, then none ("")."""
    start = text[:3].casefold()
    if start == "rp.":
        yield text[:3]
    if start[:2] == "rp":
        yield text[:2]
    if start == "idr" and not text[3:4].isalpha():  # ("IDRX 5" is no rupiah)
        yield text[:3]
    yield ""


def rupiah_parts(text: str) -> tuple[str, str, str] | None:
    """A text's rupiah sign (or ""), amount and closing ",-" (or ""), spaces around each left out ("Rp. 1.500.000,-"
    is ("Rp.", "1.500.000", ",-")), or None when it holds no amount (spaces, a sign alone, an amount over two lines).
    The sign is the longest it may be that leaves an amount after it, the amount the shortest before ",-"."""
    stripped = text.strip()
    for sign in _rupiah_signs(stripped):
        rest = stripped[len(sign) :].lstrip()
        if not rest:
            continue
        amount, dash = rest, ""
        if rest.endswith(",-") and (bare := rest[:-2].rstrip()):
            amount, dash = bare, ",-"
        return (sign, amount, dash) if "\n" not in amount else None
    return None


def signed_dash(text: str) -> bool:
    """Whether a text is the rupiah sign followed by a dash alone ("Rp -", "IDR -", or an en or em dash): an
    accounting format's zero."""
    found = rupiah_parts(text)
    return found is not None and bool(found[0]) and found[1] in NO_AMOUNT


def rupiah_amount(text: str) -> str | None:
    """The amount of a text written with the rupiah sign or closed by ",-" ("Rp 1.500.000", "Rp. 1.500.000,-" ->
    "1.500.000"), or None: neither, or no amount ("Rp -")."""
    found = rupiah_parts(text)
    if found is None or not (found[0] or found[2]):
        return None
    return found[1] if found[1] != "-" else None


def read_decimal_commas(row: dict[str, Any]) -> None:
    """Spell the decimal cells of a row written with the comma as decimal mark ("1.500.000,50") as
    the ledger reads them ("1500000.50"), in place; a cell spelled otherwise is left for it to judge.

    Read as the Indonesian record form reads a decimal (web/pages/hr.py): Babel's strict
    `parse_decimal` in the `id` locale, which refuses a separator in the wrong place ("1.5").
    """
    kind = row.get("kind")
    for name in decimal_fields(kind) if type(kind) is str else ():
        cell = row.get(name)
        # (Babel reads any digits; a no-break space before or after, U+00A0 or U+202F, trimmed as a space)
        if type(cell) is str and ("," in cell or "." in cell) and ascii_number(text := cell.strip()):
            with contextlib.suppress(NumberFormatError):  # (then the ledger judges the cell as written)
                row[name] = str(parse_decimal(text, locale="id", strict=True))
                wrote(row, name, cell)


def spreadsheet_nips(row: dict[str, Any], columns: Mapping[str, str] | None = None) -> None:
    """The NIP cells of a CSV row that a spreadsheet stored as numbers, or saved as a formula's error or a column too
    narrow (`spreadsheet_error`), in place, each made unreadable naming why (the cell kept as written in the row's
    WRITTEN): the row's other cells are read and judged with it (a NIP's by careerlog.importing.row_to_command), so
    that the row is refused once, naming every problem (until 2026-12-04 it was refused naming the NIP alone). A NIP
    of 18 digits ending 000 is one a spreadsheet widened from a number, refused; while rule nip.sequence_nonzero
    admits the sequence 000 the refusal says to write such a NIP marked as text ('1986...000) or with its spaces,
    which this leaves to be read (AS_NUMBER_OR_000; on 2026-12-06, with the rule off, such a cell was read as the
    NIP, an appointment's row recording a new employee under a rounded NIP). The rules are read only for such a cell.
    Each reason names the column as the header writes it (`columns`: a field's column name as typed; else the
    field's name)."""
    for column in NIP_COLUMNS:
        cell = row.get(column)
        if type(cell) is not str or (cell.isdigit() and cell[-3:] != "000"):
            continue  # (the common case: no such column, or a NIP of digits alone, not rounded; no rules read)
        text = cell.strip()
        named = quoted((columns or {}).get(column, column))
        why: str | None
        if len(text) == 18 and text.endswith("000") and whole_number(text):  # (rules read only here: rare)
            rounded = nip_rules().sequence_nonzero  # (with it off, a NIP ending 000 is asked to be written as text)
            display = display_form(text)
            why = (
                AS_NUMBER.reason(value=text, column=named)
                if rounded
                else AS_NUMBER_OR_000.reason(value=text, column=named, display=display)
            )
        elif "E" in text.upper() and _SCIENTIFIC.fullmatch(text):
            digits = sum(c.isdigit() for c in text.upper().partition("E")[0])
            why = AS_SCIENTIFIC.reason(value=text, digits=digits, column=named)
        else:
            why = spreadsheet_error(text)
        if why is not None:
            row[column] = Unreadable(why)
            wrote(row, column, cell)


def spreadsheet_error(cell: str) -> str | None:
    """Why a cell is no value but what a spreadsheet saved in its place (a formula's error, #N/A; the hashes of a
    column too narrow, ####), or None."""
    if "#" not in cell and "Err:" not in cell:
        return None  # (the common case)
    text = cell.strip()
    if _FORMULA_ERROR.fullmatch(text):
        return FORMULA_ERROR
    if _TOO_NARROW.fullmatch(text):
        return TOO_NARROW
    return None


@functools.cache
def field_names(kind: str) -> frozenset[str]:
    """The payload fields of an event kind (none for a kind that is not one)."""
    cls = BY_KIND.get(kind)
    return frozenset(spec.name for spec in payload_fields(cls)) if cls else frozenset()


def spreadsheet_errors(row: dict[str, Any]) -> None:
    """The field cells of a CSV row that a spreadsheet saved in place of their values (`spreadsheet_error`: a
    formula's #N/A, a column too narrow's ####), in place, each made unreadable naming why (the cell kept as written
    in the row's WRITTEN): the row's other cells are judged with it, and nothing is recorded."""
    kind = row.get("kind")
    fields = field_names(kind) if type(kind) is str else frozenset()
    for name, cell in list(row.items()):
        if type(cell) is str and name in fields and (why := spreadsheet_error(cell)) is not None:
            row[name] = Unreadable(why)
            wrote(row, name, cell)


def spreadsheet_errors_elsewhere(row: dict[str, Any]) -> dict[str, list[str]]:
    """The cells of a CSV row a spreadsheet saved in place of their values (`spreadsheet_error`: a formula's #N/A, a
    column too narrow's ####), each named in its column with why, when one is in a column that is neither a field of
    the row's kind nor a NIP (`kind`, `client_key`, `confirm`, `version`, `name` beside a NIP, `recorded_by`, ...);
    else none. Such a row is refused as it is read, as a workbook's is (careerlog.importing.refused_for_cells, which
    careerlog.workbooks shares): a `client_key` "#N/A" was one key for every such row of an employee (the second
    refused as a conflict of another reference, or taken for a repeat of the first), a `recorded_by` "#N/A" was
    recorded as its author (until 2026-12-04)."""
    kind = row.get("kind")
    fields = field_names(kind) if type(kind) is str else frozenset()
    found: dict[str, list[str]] = {}
    elsewhere = False
    for name, cell in row.items():
        if type(cell) is str and (why := spreadsheet_error(cell)) is not None:
            found[name] = [why]
            elsewhere = elsewhere or (name not in fields and name not in NIP_COLUMNS)
    return found if elsewhere else {}


# A cell written as a spreadsheet's formula of a text alone (="198609262010031001", ="007"), as careerlog's own CSV
# files write a NIP (careerlog.spreadsheet.kept_as_text): the text between its quote marks, which hold no other
_FORMULA_OF_TEXT = re.compile(r"\s*=\s*\"(?P<text>[^\"]*)\"\s*")


def texts_written_as_formulas(row: dict[str, Any]) -> None:
    """The cells of a CSV row written as a formula of a text alone (="198609262010031001", as the refused rows' file
    writes a NIP: careerlog.refused_rows) read as that text, in place, in any column, as a spreadsheet shows them: the
    row is read, refused and reported as though the text were written bare (a NIP refused is shown as its digits, not
    as the formula); a cell of an empty text (="") is an empty cell. Until 2026-12-06 only a NIP's column read them,
    and only when the NIP was known (a refused NIP's row showed the formula in the report's NIP column)."""
    try:  # (the common case, no "=" in any cell: one look, 0.3 us a row of 9 cells, where one a cell took 2 us)
        if "=" not in "".join(row.values()):
            return
    except TypeError:  # (a cell of no text: each looked at)
        pass
    found = [(name, text) for name, text in row.items() if type(text) is str and "=" in text]
    for name, cell in found:
        if (formula := _FORMULA_OF_TEXT.fullmatch(cell)) is not None:
            if formula["text"].strip():
                row[name] = formula["text"]
            else:
                del row[name]


def nips_marked_as_text(row: dict[str, Any]) -> None:
    """The NIP cells of a CSV row written as text for a spreadsheet ('198609262010031001, ="198609262010031001") or
    after their label as a decree prints them ("NIP. 19840122 200812 1 001", read as the record form reads it:
    careerlog.domain.nip.unlabelled_nip) read as the NIP they hold, in place (the cell kept as written in the row's
    WRITTEN); a cell that holds no NIP so is left for the ledger to judge as written. A void's NIP typed again
    (confirm_nip) is read so too, as the form reads it."""
    for column in TEXT_NIP_COLUMNS:
        cell = row.get(column)
        if type(cell) is not str or cell[:1].isdigit():
            continue  # (the common case: no such column, or a NIP of digits; or one made Unreadable)
        found = _MARKED_AS_TEXT.fullmatch(cell.strip())
        nip = (found["a"] or found["f"]).strip() if found else unlabelled_nip(cell)  # ("NIP. 1984...": after its label)
        if nip != cell.strip() and eighteen_digits(normalise_nip(nip)):
            row[column] = nip
            wrote(row, column, cell)


def spreadsheet_dates(row: dict[str, Any]) -> None:
    """The date cells of a CSV row that a spreadsheet stored as its day count (42430), in place, each made
    unreadable naming the date it would be (the cell kept as written in the row's WRITTEN): the row's other cells
    are read and judged with it, and nothing is recorded. Not read as that date: a spreadsheet of the 1904 date
    system (older Mac Excel) counts from another day, four years apart."""
    kind = row.get("kind")
    for name in typed_fields(kind, date) if type(kind) is str else ():
        cell = row.get(name)
        if type(cell) is str and len(number := cell.strip()) == 5 and whole_number(number):
            day = _EXCEL_EPOCH + timedelta(days=int(number))
            row[name] = Unreadable(AS_DAY_COUNT.reason(day=day.isoformat()))
            wrote(row, name, cell)  # (the cell: beside the reason)


# A training's hours written with their unit: JP (with a full stop too, "2 Jp.", or a stop after each letter, "2 J.P."),
# or in full, "jam pelajaran" (lesson hours), a sentence's full stop after it too ("2 jam pelajaran."), in any letter
# case (until 2026-12-07 "JP" alone, and "2 jam pelajaran" refused as no whole number; until later that day "2 J.P."
# and "2 jam pelajaran." refused, their words not read)
_LESSON_HOURS = re.compile(r"(.*?\S)\s*(?:j\.?\s*p\.?|jam\s+pelajaran\.?)", re.IGNORECASE | re.DOTALL)


def lesson_hours(typed: str) -> str | None:
    """A training's hours written with their unit ("20 JP", "8jp", "2 Jp.", "2 J.P.", "2 jam pelajaran": as a BKD sheet
    and a certificate write them) as the number ("20"); None for a text written otherwise, for the ledger to judge. An
    import's cell (read_lesson_hours) and the record form's input (web.pages.hr.payload_from) are read with this one
    function: until 2026-12-05 the form refused "24 JP" that an import recorded."""
    found = _LESSON_HOURS.fullmatch(typed.strip())
    return found[1] if found else None


def read_lesson_hours(row: dict[str, Any]) -> None:
    """A training's hours written with their unit ("20 JP": lesson_hours) read as the number, in place; any other
    cell is left for the ledger to judge."""
    cell = row.get("hours")
    if type(cell) is str and (number := lesson_hours(cell)) is not None:
        row["hours"] = number
        wrote(row, "hours", cell)


# The decimal fields whose number is out of a hundred, which a spreadsheet's percentage format shows with its sign
# (a score of 0.85 formatted as a percentage, or typed "85%", which a spreadsheet stores as 0.85, is shown and saved
# as "85%"): a rating's score (nilai SKP, DP3), of 0 to 100
OUT_OF_A_HUNDRED = ("score",)


def read_percentages(row: dict[str, Any]) -> None:
    """A score (`OUT_OF_A_HUNDRED`) written with a percent sign ("85%", "85,5 %", as a spreadsheet's percentage format
    shows it) read as the number of a hundred it is, in place, kept as written; any other cell is left for the ledger
    to judge (a cost of "85%" is no number)."""
    for name in OUT_OF_A_HUNDRED:
        cell = row.get(name)
        if type(cell) is str and (text := cell.strip()).endswith("%") and (number := text[:-1].strip()):
            row[name] = number
            wrote(row, name, cell)


@functools.cache
def coded_fields(kind: str, table: str) -> tuple[str, ...]:
    """The fields of an event kind holding codes of a reference table (none for a kind that is not one)."""
    cls = BY_KIND.get(kind)
    return tuple(spec.name for spec in payload_fields(cls) if spec.table == table) if cls else ()


def read_region_numbers(row: dict[str, Any]) -> None:
    """A region cell a spreadsheet showed as a number, its code's last zero dropped ("12.1": 12.10, Kabupaten
    Labuhanbatu, typed into a column of General format, and so a workbook's number cell) read as that code, in place,
    kept as written (careerlog.reference.Table.shown_as_number). An import's cells alone: typed elsewhere (the API,
    `careerlog record`, the record form, a JSON Lines file), "12.1" is refused naming 12.10 and 12.01, which a SIASN
    code without its leading zero would be (careerlog.domain.payload.ZEROS_LEFT_OUT)."""
    kind = row.get("kind")
    for name in coded_fields(kind, "regions") if type(kind) is str else ():
        cell = row.get(name)
        if type(cell) is str and (code := reference().regions.shown_as_number(cell)) is not None:
            row[name] = code
            wrote(row, name, cell)


# A whole number a spreadsheet's number format wrote with zero decimals: "8,00" in a file in Indonesian, "8.00" else
_ZERO_DECIMALS = {True: re.compile(r"(\d+),0+", re.ASCII), False: re.compile(r"(\d+)\.0+", re.ASCII)}


def read_whole_numbers(row: dict[str, Any], *, indonesian: bool) -> None:
    """The whole-number cells of a row (a training's JP, a rating's year) a spreadsheet's number format wrote with
    zero decimals ("8,00" in a file `indonesian`, "8.00" elsewhere) read as the number, in place, each kept as
    written; any other cell ("8,50") is left for the ledger to refuse as written."""
    kind = row.get("kind")
    pattern = _ZERO_DECIMALS[indonesian]
    for name in typed_fields(kind, int) if type(kind) is str else ():
        cell = row.get(name)
        if type(cell) is str and ("," in cell or "." in cell) and (found := pattern.fullmatch(cell.strip())):
            row[name] = found[1]
            wrote(row, name, cell)


def read_exponents(row: dict[str, Any]) -> None:
    """The number cells of a row (whole numbers and decimals) written with an exponent, as a spreadsheet shows a long
    number, rounded ("1,5E+06", "1.5E+06", "2E+12"), handed on as WrittenWithExponent in place, each kept as written:
    the ledger refuses one naming the column, after its field's own bounds (careerlog.application: a cost of 1E+400
    is refused as more than any real cost)."""
    kind = row.get("kind")
    if type(kind) is not str:
        return
    for name in number_fields(kind):
        cell = row.get(name)
        if type(cell) is str and type(marked := exponent_marked(kind, name, cell)) is WrittenWithExponent:
            row[name] = marked
            wrote(row, name, cell)


def number_fields(kind: str) -> tuple[str, ...]:
    """The number fields of an event kind: whole numbers and decimals (none for a kind that is not one)."""
    return (*typed_fields(kind, int), *typed_fields(kind, Decimal))


def exponent_marked(kind: str | None, name: str, value: Any) -> Any:
    """A value of the field `name` of an event `kind` (None: a correction's corrected value, whatever fact it
    corrects, by the field's name: kind_with_field) as a client hands it to the ledger: a number field's text
    written with an exponent ("1e3", "1,5E+06") as WrittenWithExponent, which the ledger refuses after the field's
    own bounds (careerlog.application.CareerLog.execute); any other value as it is. The clients that read numbers
    as text mark them so: an import's CSV cells, the record form, `careerlog record`, a correction's values."""
    if type(value) is not str or not with_exponent(value):
        return value
    kind = kind_with_field(name) if kind is None else kind
    return WrittenWithExponent(value) if kind is not None and name in number_fields(kind) else value


def changes_marked(changes: Any) -> Any:
    """A correction's corrected_fields with each number written with an exponent marked (exponent_marked); anything
    that is no object as it is, for the ledger to refuse."""
    if not isinstance(changes, dict):
        return changes
    return {name: exponent_marked(None, name, value) for name, value in changes.items()}


# A correction's corrected values (corrected_fields) that read as no JSON object, on the record form and in an import's
# cell, refused showing the form they take ("hours=32", {'hours': 32} and "unit: Dinas Pendidikan" were refused as
# "Not valid JSON." or "Must be a JSON object." alone, which said nothing of what to write)
NOT_CORRECTED_OBJECT = Refusal(
    "Not a JSON object of the corrected fields: write each field's name, and each value that is text, between "
    "straight double quotes, a colon after the name, and the whole between braces, as {example}."
)
CORRECTED_EXAMPLE = '{"hours": 32, "start_date": "2024-06-11"}'
# Curly double quotes, as a word processor's or a spreadsheet's autocorrect types them ({“unit”: “Dinas Pendidikan”}):
# read as the straight ones JSON takes, when the text reads as JSON only so (read_corrected_json)
CURLY_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})


def corrected_object_refused() -> Reason:
    """Why a correction's corrected values are no JSON object, with an example of one."""
    return NOT_CORRECTED_OBJECT.reason(example=CORRECTED_EXAMPLE)


def read_corrected_json(text: str, loads: Callable[[str], Any]) -> tuple[Any, str]:
    """A correction's corrected values typed as JSON (the record form's field, an import's cell) read by `loads`,
    with the text read: as typed, or, when it reads as JSON only so, with its curly double quotes made straight
    (CURLY_QUOTES); the same object as its text written with straight quotes, so recorded alike. Raises loads'
    ValueError for the text as typed when neither reads."""
    try:
        return loads(text), text
    except ValueError:
        straight = text.translate(CURLY_QUOTES)
        if straight == text:
            raise
        with contextlib.suppress(ValueError):
            return loads(straight), straight
        raise


# JP written with points as thousands separators ("1.200", as a semicolon file's spreadsheet groups 1200): refused
# saying so (until 2026-12-06 as no whole number, "24, not 24,5", which said nothing of the point), never read as 1200
GROUPED_WHOLE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
HOURS_GROUPED = Refusal(
    "JP written with a point as a thousands separator, which JP do not take: read as a number, {value} is {decimal}; "
    "write the whole number of JP without separators: {whole}.",
    quotes=("value",),
)
# ("1.200.000": points grouping twice, no number as the ledger reads one; until 2026-12-06 an HTTP 500 on the form)
HOURS_GROUPED_TWICE = Refusal(
    "JP written with points as thousands separators, which JP do not take: {value} is no number as written; "
    "write the whole number of JP without separators: {whole}.",
    quotes=("value",),
)


def grouped_hours(row: dict[str, Any]) -> None:
    """A row's JP cell written with points as thousands separators ("1.200") made unreadable saying so (HOURS_GROUPED;
    HOURS_GROUPED_TWICE when it groups twice, "1.200.000", no number as written), the cell kept as written, in place."""
    cell = row.get("hours")
    if type(cell) is not str or not GROUPED_WHOLE.fullmatch(text := cell.strip()):
        return
    wrote(row, "hours", cell)
    whole = text.replace(".", "")
    if text.count(".") > 1:  # (no number as written: Decimal() refuses it, decimal.InvalidOperation)
        row["hours"] = Unreadable(HOURS_GROUPED_TWICE.reason(value=text, whole=whole))
        return
    decimal = format(Decimal(text).normalize(), "f")
    row["hours"] = Unreadable(HOURS_GROUPED.reason(value=text, decimal=decimal, whole=whole))


def read_cells(row: dict[str, Any], *, indonesian: bool, day_first: bool | None = None) -> None:
    """Read a CSV row's cells written as a spreadsheet writes them, in place, each kept as written (WRITTEN): hours
    with their unit ("20 JP"), a region shown as a number ("12.1": 12.10), whole numbers with zero decimals ("8,00"),
    a cost with the rupiah sign ("Rp 1.500.000"), and in a file `indonesian` (separated by semicolons, as a
    spreadsheet in Indonesian saves it) decimals with the decimal comma ("1.500.000,50") and dates day first;
    elsewhere only a date read one way alone (read_day_first_dates), unless `day_first` says the dates are written
    day first whatever the decimals (a workbook's text cells, typed by a person in Indonesia: careerlog.workbooks)."""
    if "hours" in row:
        read_lesson_hours(row)  # ("20 JP")
        grouped_hours(row)  # ("1.200": JP with a thousands separator)
    read_percentages(row)  # ("85%": a score as a percentage format shows it)
    read_region_numbers(row)  # ("12.1": a region 12.10 a spreadsheet showed as a number)
    read_whole_numbers(row, indonesian=indonesian)  # ("8,00": a number format's zero decimals)
    read_rupiah(row, indonesian=indonesian)  # ("Rp1.500.000,00": a cost as a currency format writes it)
    if indonesian:  # (a semicolon file: its decimals as an Indonesian spreadsheet writes them)
        read_decimal_commas(row)
    else:  # ("1.500.000" in a file of commas or a workbook's text: the one number it is in either language)
        read_separated_amounts(row)
    read_day_first_dates(row, day_first=indonesian if day_first is None else day_first)  # (else one way alone)


@functools.cache
def kind_with_field(name: str) -> str | None:
    """A kind having a field of that name, when every kind having one gives it the same type (each does, today), so
    that a value of it reads alike whatever the kind; None otherwise."""
    kinds = {kind: spec.type for kind, cls in BY_KIND.items() for spec in payload_fields(cls) if spec.name == name}
    return next(iter(kinds)) if len(set(kinds.values())) == 1 else None


def read_corrected_fields(row: dict[str, Any], *, indonesian: bool, day_first: bool | None = None) -> None:
    """Read a CSV correction's corrected values written as text in its JSON cell (corrected_fields: {"cost":
    "3.500.000"}) as the row's own cells of those fields are read (read_cells), in place, each kept as written under
    "corrected_fields.<field>" for the report. The target's kind is the ledger's to know; a field's name is enough
    (kind_with_field): a name no kind has, a value not text, or one that does not read is left for the ledger."""
    changes = row.get("corrected_fields")
    if type(changes) is not dict:
        return
    for name, cell in changes.items():
        if type(cell) is not str or (kind := kind_with_field(name)) is None:
            continue
        if type(marked := exponent_marked(kind, name, cell)) is WrittenWithExponent:  # ("1,5E+06": as its cells)
            changes[name] = marked
            wrote(row, f"corrected_fields.{name}", cell)
            continue
        cells: dict[str, Any] = {"kind": kind, name: cell}
        read_cells(cells, indonesian=indonesian, day_first=day_first)
        if WRITTEN in cells:
            changes[name] = cells[name]
            wrote(row, f"corrected_fields.{name}", cell)

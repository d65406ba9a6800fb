"""The refused rows of an imported CSV file as a file to fix and import again: the file's own header, separator and
cells as written, with careerlog's column of the reasons (careerlog.textfiles.REASONS_COLUMNS: "Alasan penolakan
(careerlog)", "Refusal reasons (careerlog)"), which an import reads as no data; such a file imported again gives a
download with that one column, its reasons new. The import page offers it as a download beside its report; the file
is written by careerlog.refused_rows, as `careerlog import --refused OUT` writes it on the command line.

The download is a route (`refused_rows_download`, POST /pages/import/refused.csv: text/csv, an attachment with its
file name), not a data: URL holding the file, which browsers refuse past a size (a Chrome URL holds 2 MB, and the
file percent-encoded, each separator and space as %XX, is 1.4 times its size: 1.0 MB for 3,000 rows of a training's
date refused, so some 6,000 would pass it). The page keeps no import it waited for on the server (it answers the
upload with its report: nothing to clean up, any worker or server answers), so the file travels with the page,
compressed and signed with the app's secret key for the account that imported it (`signed`; the reasons repeated row
after row compress well), sent back by the page's button and given back only to that account while it may import, within
REFUSED_ROWS_AGE (an hour). Past that, or once the key is drawn anew (a restart without CAREERLOG_SECRET_KEY), the
answer says to import the file again (a dry run records nothing). An import job's (a file of more rows than
CAREERLOG_IMPORT_JOB_ROWS: web.pages.import_jobs) is kept with the job and downloaded from its page, as long as the
job is kept (`refused_rows_file` answers both). A JSON Lines file's refused lines come back as written, one a line
(`refused_file`: a line has no column for the reasons, which the report gives)."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from babel.numbers import get_decimal_symbol
from flask import abort, current_app, request, send_file
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import HiddenField

from careerlog.access import Action
from careerlog.domain.errors import fields_joined
from careerlog.domain.wording import Reason
from careerlog.refused_rows import refused_csv as written_refused_csv
from careerlog.refused_rows import refused_jsonl
from careerlog.textfiles import REASONS_COLUMNS
from careerlog.workbook_template import XLSX_TYPE
from careerlog.workbooks import refused_rows_xlsx
from web.pages import local_number
from web.pages.common import allowed, blp
from web.pages.errors import error_page
from web.pages.labels import field_label
from web.pages.messages import reason_text
from web.scoping import NOT_IN_SCOPE

# A workbook's number cell as the import reads it (careerlog.workbooks.number_text: "24.5"), a decimal fraction
WORKBOOK_FRACTION = re.compile(r"-?[0-9]+\.[0-9]+", re.ASCII)
# A JSON Lines file's media type, as the career record's export (web.pages.career) gives it
JSONL_TYPE = "application/jsonl"


@blp.app_template_global()
def typed_cell(value: str, name: str | None) -> str:
    """A refused cell as the report shows it beside its reason: as written; a workbook's (`name` ending .xlsx)
    decimal number with the page's decimal mark, as Excel in the page's language shows the cell ("24,5", which the
    import reads as 24.5). Only the mark is changed, no digit grouped: a cell of digits alone (a NIP, a code) stays."""
    if name and name.lower().endswith(".xlsx") and WORKBOOK_FRACTION.fullmatch(value):
        return value.replace(".", get_decimal_symbol(get_locale() or "en"))
    return value


@blp.app_template_global()
def notes_apart(notes: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """An import report's notes as the page says them: those on the file as a whole (its encoding, named "file":
    careerlog.importing) in a notice of their own, apart from the columns read but not recorded (name, reasons), under
    which an Indonesian page listed "file: Berkas ini bukan teks UTF-8 ..." until 2026-12-06."""
    on_file: list[str] = []
    columns: list[tuple[str, list[str]]] = []
    for note in notes:
        for name, reasons in note["errors"].items():
            if name == "file":
                on_file.extend(reasons)
            else:
                columns.append((name, reasons))
    return on_file, columns


# The refused rows an import page lists of each reason (the rest counted, every one in the refused rows' download): a
# file of another agency listed 5,259 rows "Tidak ada pegawai ... cakupan Anda" (some 2 MB) until 2026-12-06
ROWS_OF_A_REASON = 20


def reasons_key(problem: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A refused row's reasons as the page groups them: each field with its reasons' templates (a NIP's refusal of
    any NIP alike), a reason of no template as its text."""
    return tuple(
        (name, tuple(r.refusal.text if type(r) is Reason else str(r) for r in reasons))
        for name, reasons in problem["errors"].items()
    )


@blp.app_template_global()
def rejected_grouped(rejected: list[Mapping[str, Any]], recorded: int = 0, dry_run: bool = False) -> dict[str, Any]:
    """The refused rows as the import page lists them: `shown`, in line order, at most ROWS_OF_A_REASON of each reason
    (`reasons_key`); `more`, each reason of more rows as (rows not shown, its first row, its reasons); `hint`, said
    once above them when one reason refuses nine in ten of them (ten or more); every one (two or more) refused for a
    NIP not in the writer's scope asks whether the file is another agency's and says nothing of it was recorded, when
    nothing was (`recorded` 0, not a `dry_run`); else that none of these rows was (until 2026-12-06 it said "Nothing
    of it was recorded" beside rows recorded, and on a dry run)."""
    counts: dict[Any, list[Any]] = {}
    shown = []
    for problem in rejected:
        group = counts.setdefault(reasons_key(problem), [0, problem])
        group[0] += 1
        if group[0] <= ROWS_OF_A_REASON:
            shown.append(problem)
    more = [(n - ROWS_OF_A_REASON, first, reasons_text(first)) for n, first in counts.values() if n > ROWS_OF_A_REASON]
    hint = None
    if counts:
        key, (top, first) = max(counts.items(), key=lambda item: item[1][0])
        total = local_number(len(rejected))
        if key == (("nip", (NOT_IN_SCOPE.text,)),) and top == len(rejected) and top > 1:
            if recorded == 0 and not dry_run:
                hint = _(
                    "None of the %(count)s refused rows' NIPs is in your scope's records: is this another agency's "
                    "file? Nothing of it was recorded.",
                    count=total,
                )
            else:
                hint = _(
                    "None of the %(count)s refused rows' NIPs is in your scope's records. None of these rows was "
                    "recorded.",
                    count=total,
                )
        elif top >= 10 and top * 10 >= len(rejected) * 9:
            hint = _(
                "%(count)s of the %(rejected)s refused rows are refused for one reason, as line %(line)s is: "
                "%(reason)s",
                count=local_number(top),
                rejected=total,
                line=first["line"],
                reason=reasons_text(first),
            )
    return {"shown": shown, "more": more, "hint": hint, "per_reason": ROWS_OF_A_REASON}


def reasons_text(problem: Mapping[str, Any], name: str | None = None) -> str:
    """A refused row's reasons in the page's language, each field named as the report names it; `name`, the
    imported file's (`typed_cell`)."""
    typed = problem.get("values") or {}
    return fields_joined(
        f"{field_label(field, problem.get('kind'))}: {' '.join(reason_text(r, problem.get('kind')) for r in reasons)}"
        + (f" ({_('typed: %(value)s', value=typed_cell(typed[field], name))})" if field in typed else "")
        for field, reasons in problem["errors"].items()
    )


@blp.app_template_global()
def reasons_column_name() -> str:
    """careerlog's reasons column by its name in the page's language (careerlog.textfiles.REASONS_COLUMNS)."""
    return REASONS_COLUMNS.get(str(get_locale() or ""), REASONS_COLUMNS["id"])


# A JSON Lines file's names, as the import reads them (careerlog.importing.detect_format)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def refused_rows_name(name: str) -> str:
    """The download's name of the refused rows of the file `name` (its folders and .csv, .xlsx or JSON Lines suffix
    left out), in the page's language: diklat.csv's "diklat-rejected.csv" in English, "diklat-ditolak.csv" in
    Indonesian; a workbook's refused rows are a workbook, diklat.xlsx's "diklat-ditolak.xlsx" (refused_workbook); a
    JSON Lines file's (.jsonl, .ndjson, .json) are JSON Lines, diklat.json's "diklat-ditolak.jsonl" (refused_file)."""
    stem = name.rsplit("/", 1)[-1]
    for suffix in (".csv", ".xlsx", *JSONL_SUFFIXES):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    named = _("%(name)s-rejected.csv", name=stem)
    if name.lower().endswith(".xlsx"):
        return named[: -len(".csv")] + ".xlsx"
    return named[: -len(".csv")] + ".jsonl" if name.lower().endswith(JSONL_SUFFIXES) else named


def refused_csv(data: bytes, rejected: Iterable[Mapping[str, Any]]) -> str | None:
    """The refused rows of the CSV file `data` as careerlog.refused_rows.refused_csv writes them (as `careerlog
    import --refused` does), their reasons and careerlog's reasons column in the page's language (REASONS_COLUMNS);
    None when no refused row is a row of the file (a header refused, say)."""
    text = io.StringIO(data.decode("utf-8-sig", errors="surrogateescape"), newline="")
    return written_refused_csv(text, rejected, reasons_column_name(), reasons_text)


def refused_workbook(data: bytes, rejected: Iterable[Mapping[str, Any]]) -> bytes | None:
    """The refused rows of the Excel workbook `data` as an Excel workbook (careerlog.workbooks.refused_rows_xlsx: the
    cells as the import read them, as text cells; a NIP stored as a number as the cell held it), the reasons in the
    page's language as `refused_csv` gives them. Until 2026-12-05 CSV separated by commas, which an Excel in
    Indonesian opened as one column."""
    return refused_rows_xlsx(
        io.BytesIO(data), rejected, reasons_column_name(), lambda problem: reasons_text(problem, ".xlsx")
    )


def refused_file(data: bytes, name: str, rejected: list[Mapping[str, Any]]) -> tuple[bytes, str] | None:
    """The refused rows' file of the upload `data` named `name` and its download's name, as the import page and an
    import job's page (web.import_jobs) give it: a CSV file's rows as written (`refused_csv`, a byte not UTF-8 kept),
    a workbook's as a workbook (`refused_workbook`), a JSON Lines file's refused lines as written, one a line, as
    `careerlog import --refused` writes them (careerlog.refused_rows.refused_jsonl: a line carries no column of
    reasons, the report gives them; until 2026-12-07 none, while the page said the download held every refused row);
    None when there are none (no row refused, a header refused)."""
    lowered = name.lower()
    body: bytes | None = None
    if rejected and lowered.endswith(".csv"):  # (TRAINING.CSV too, as Windows tools name their files)
        text = refused_csv(data, rejected)
        body = text.encode("utf-8", "surrogateescape") if text else None
    elif rejected and lowered.endswith(".xlsx"):
        body = refused_workbook(data, rejected)
    elif rejected and lowered.endswith(JSONL_SUFFIXES):
        body = refused_jsonl(io.BytesIO(data), {int(p["line"]) for p in rejected})
    return (body, refused_rows_name(name)) if body else None


# Seconds a refused rows' download is given back after its import: the hour its form's token lasts (Flask-WTF's
# WTF_CSRF_TIME_LIMIT), past which the button is refused anyway (a page session left alone ends sooner: log-in)
REFUSED_ROWS_AGE = 3600
GONE = _l(
    "This download of refused rows has expired (an hour after its import, or once the server was started with "
    "another key): import the file again, as a dry run if you like, and download its refused rows from that report."
)
SALT = "careerlog.refused-rows"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


class RefusedRowsForm(FlaskForm):
    file = HiddenField("file")


def signed(text: str | bytes, name: str, username: str) -> str:
    """The refused rows' file (a CSV file's text, or a workbook's bytes), its name and the account that imported it,
    compressed and signed for the page to send back (`refused_rows_download`)."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")  # (a Windows-1252 byte kept)
    packed = zlib.compress(raw)
    return _serializer().dumps({"by": username, "name": name, "csv": base64.urlsafe_b64encode(packed).decode()})


@blp.app_template_global()
def refused_rows_form(refused: str | bytes | None, name: str | None) -> RefusedRowsForm | None:
    """The import page's form downloading its refused rows (`refused_rows_download`), for the file its view gives
    the page (`refused_csv`'s text), or None when there are none."""
    if not refused or not name:
        return None
    account = allowed(Action.IMPORT)
    return RefusedRowsForm(formdata=None, file=signed(refused, name, account.username))


@blp.route("/import/refused.csv", methods=["POST"])
def refused_rows_download() -> ResponseReturnValue:
    """The refused rows of the import the account just made, as the file the import page names (signed): a CSV
    file, a workbook or JSON Lines, as its upload was."""
    account = allowed(Action.IMPORT)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    request.max_form_memory_size = max(limit or 0, request.max_form_memory_size or 0) or None  # (the file travels)
    # (the page's form alone: Flask-WTF reads a JSON body as a form's data too, whose `file` need not be text, a 500)
    form = RefusedRowsForm(formdata=request.form)
    if not form.validate_on_submit():  # (its token expired, as a page left open an hour: say what to do)
        return error_page(400, detail=GONE)
    try:
        found = _serializer().loads(form.file.data or "", max_age=REFUSED_ROWS_AGE)
    except BadSignature:  # (a day gone, another key, or not the page's)
        return error_page(410, detail=GONE)
    if not isinstance(found, dict) or found.get("by") != account.username:
        abort(403)
    body = zlib.decompress(base64.urlsafe_b64decode(str(found.get("csv") or "")))  # (signed: the page's own)
    return refused_rows_file(body, str(found.get("name") or ""))


# A refused rows' file's media type by its name's suffix, else CSV's: a workbook's refused rows (refused_workbook), a
# JSON Lines file's as the career record's export gives it (web.pages.career)
DOWNLOAD_TYPES = {".xlsx": XLSX_TYPE, ".jsonl": JSONL_TYPE}


def refused_rows_file(body: bytes, name: str) -> ResponseReturnValue:
    """The refused rows' file `body` as a download named `name` (an import job's too: web.pages.import_jobs)."""
    # letters and digits of any script kept (no path, quote or control character): send_file names the file as
    # RFC 6266 has it, a name beyond ASCII in `filename*` (UTF-8, percent-encoded) beside an ASCII `filename`
    name = re.sub(r"[^\w.() -]+", "_", unicodedata.normalize("NFC", name)).strip()
    name = name or _("rejected.csv")
    lowered = name.lower()
    kind = next((media for suffix, media in DOWNLOAD_TYPES.items() if lowered.endswith(suffix)), "text/csv")
    answer = send_file(io.BytesIO(body), mimetype=kind, as_attachment=True, download_name=name, conditional=False)
    answer.headers["Cache-Control"] = "no-store"
    return answer

"""HR administrators: record one event through a form, or import a file and read its per-row report.

The form's fields come from the event class (careerlog.domain.payload), and the answer comes
from the same ledger validation the API uses: InvalidInput names each field and its reasons,
shown beside that field. A hidden client key makes a double submission record once.
"""

from __future__ import annotations

import io
import json
import sys
import uuid
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField

from careerlog.access import AccessDenied, Action, permits
from careerlog.accounts import Account
from careerlog.application import CONFIRMING_KINDS, LEAVES_SCOPE, LEAVES_UNCONFIRMED, NEW_UNIT, NEW_UNIT_UNCONFIRMED
from careerlog.domain.employee import (
    CORRECTION_JUMP,
    COST_IMPLAUSIBLE,
    ENDS_POST,
    ENDS_POST_RETRACTED,
    ENDS_POST_UNCONFIRMED,
    FACT_DUPLICATE,
    FACT_REPEATED,
    POST_END_REDATED_ALONE,
    POST_END_REPOINTED_ALONE,
    POST_END_RETRACTED_ALONE,
    RANK_JUMP,
    RECORDED_TWICE_FIELDS,
    RETRACTION_JUMP,
    TRAINING_COST,
    TRAINING_DAILY_JP,
    TRAINING_DAY_FULL,
    TRAINING_DUPLICATE,
    TRAINING_REPEATED,
    post_end_named,
)
from careerlog.domain.errors import Conflict, InvalidInput, NotFound, cut
from careerlog.domain.events import BY_KIND, EMPLOYEE_EVENTS, LedgerEvent
from careerlog.domain.latsar import LATSAR_AGAIN, LATSAR_ONCE
from careerlog.domain.ledger import FORM_WORDS, RESENT_RETRACTED
from careerlog.domain.nip import normalise_nip, parse_nip, unlabelled_nip
from careerlog.domain.payload import (
    FieldSpec,
    Unreadable,
    WrittenWithExponent,
    ascii_number,
    filled_fields,
    parse_payload,
    whole_number,
)
from careerlog.domain.seat import OUTSIDE_SEAT
from careerlog.domain.seat import OUTSIDE_SEAT_UNCONFIRMED as OUTSIDE_SEAT_ASKED
from careerlog.domain.starting_rank import ABOVE_START, STARTING_RANK
from careerlog.domain.tmt import TMT_FIRST, TMT_NOT_FIRST
from careerlog.domain.wording import FORM_WORDED, Reason, reason_of
from careerlog.importing import (
    NO_SUCH_DAY,
    header_refused,
    kind_from_name,
    names_kind_column,
    refuse_no_rows,
    unchosen_download,
)
from careerlog.jsontext import JSON_DEPTH_LIMIT, json_too_deep
from careerlog.reference import reference
from careerlog.textfiles import (
    WORKBOOK,
    WRITTEN,
    ReadsTwoWays,
    aliases_of,
    changes_marked,
    corrected_object_refused,
    exponent_marked,
    header_spelling,
    kind_with_field,
    lesson_hours,
    read_corrected_fields,
    read_corrected_json,
    read_day_first_dates,
    read_either_way,
    rupiah_amount,
    rupiah_reading,
    typed_fields,
    workbook_name,
)
from careerlog.workbook_template import confirm_description, template_columns
from careerlog.workbooks import header_names
from web.api.imports import template_answer
from web.errors import KEY_HEADER, OTHER_FACT, OTHER_FACT_RETRACTED, conflict_errors
from web.import_jobs import job_rows, may_be_a_job
from web.pages import LANGUAGES, local_date, local_number
from web.pages.common import allowed, blp, expired, page, services, whole
from web.pages.export import csv_download
from web.pages.import_jobs import start_job
from web.pages.inspector import AUDIT_CSV_LIMIT, filtered_by_nothing, page_number
from web.pages.labels import (
    KIND_FIELD_LABELS,
    english_page,
    field_label,
    kind_label,
    promotion_kind_label,
    reference_name,
)
from web.pages.messages import reason_text
from web.pages.refused_rows import refused_file
from web.scoping import in_scope_words, locate
from web.services import Written

RECORDABLE = tuple(cls.KIND for cls in EMPLOYEE_EVENTS if cls.RECORDABLE)


def event_class(kind: str | None) -> type[LedgerEvent] | None:
    return BY_KIND[kind] if kind in RECORDABLE else None


def post_levels() -> list[tuple[str, str]]:
    """A post appointment's levels as choices, the codes careerlog.reference's `post_levels` gives (those the audited
    posts' `level` filter takes): the managerial posts' eselon (Eselon II.a), then the functional levels by name
    (Ahli Pertama); the ledger judges which fits the post kind chosen."""
    ref = reference()
    named = ref.functional_levels.rows
    return [(c, named[c].name if c in named else f"{_('Echelon')} {c}") for c in ref.post_levels()]


def field_view(spec: FieldSpec, kind: str | None = None) -> dict[str, Any]:
    """What the template needs to draw one input of a `kind`'s field: its type and, for codes, the choices (a
    promotion kind by its name in the visitor's language beside its code; a post's level from post_levels)."""
    table = reference().table(spec.table) if spec.table else None
    kinds = spec.table == "promotion_kinds"
    codes = None
    if table is not None:  # each code's name in the visitor's language (Male on an English page, Laki-laki)
        codes = [(c.code, promotion_kind_label(c.code) if kinds else reference_name(table.name, c.code)) for c in table]
    if (kind, spec.name) == ("post_appointment", "level"):
        codes = post_levels()  # (free text before: 'Ahli Pertama', as HR writes it, was refused for AHLI_PERTAMA)
    doc = _(spec.doc) if spec.doc else ""  # translated: web.pages.labels.extract hands every description over
    if spec.name == "effective_date" and (kind, spec.name) in KIND_FIELD_LABELS:
        doc = ""  # its label says which day (a training's last day), which the TMT's description contradicted
    return {"name": spec.name, "type": spec.type_name, "required": spec.required, "doc": doc, "codes": codes}


def payload_from(
    form: Mapping[str, str], cls: type[LedgerEvent], unread: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The filled-in fields as plain data; objects (corrected fields) are read as JSON.

    A decimal is read in the page's language ("2,5" in Indonesian, "2.5" in English; strict, so a
    separator in the wrong place is refused rather than guessed) and handed on as the ledger writes it.
    A cell it cannot read is refused (InvalidInput), or, given `unread`, named there and left out. A number written
    with an exponent ("1e3", in any field of numbers) is handed on as the API hands it (exponent_marked): the ledger
    refuses it beside its field, after the field's own bounds.
    """
    payload: dict[str, Any] = {}
    for spec in filled_fields(cls):
        value = form.get(spec.name, "").strip()
        if not value:
            continue
        reason = None
        if type(marked := exponent_marked(cls.KIND, spec.name, value)) is WrittenWithExponent:
            payload[spec.name] = marked  # ("1e3": refused as the API refuses it, after the field's bounds)
        elif spec.type is dict and json_too_deep(value):  # (refused unread: json.loads recursed to Python's limit)
            reason = _(
                "Not valid JSON. Objects or lists nested more than %(levels)s levels deep.", levels=JSON_DEPTH_LIMIT
            )
        elif spec.type is dict:
            try:  # ({“unit”: “Dinas Pendidikan”}, as autocorrect quotes it: read as with straight quotes)
                changes, _text = read_corrected_json(value, json.loads)
                if not isinstance(changes, dict):  # ("32": the form an object takes, by example)
                    reason = corrected_object_refused()
                else:  # ("11/06/2024", "Rp 3.500.000": as an import reads them)
                    payload[spec.name] = corrected_read(changes_marked(changes))
            except json.JSONDecodeError:
                reason = corrected_object_refused()
            except ValueError:  # (a whole number of more digits than int() reads, 4,300: a 500 before)
                most = local_number(sys.get_int_max_str_digits())
                reason = _("Holds a number of more digits than any field takes (%(most)s at most).", most=most)
        elif spec.type is Decimal:
            try:
                payload[spec.name] = local_decimal(value, spec.name)
            except NumberFormatError as e:
                reason = unread_number(e)
        elif spec.name == "hours" and (hours := lesson_hours(value)) is not None:
            payload[spec.name] = hours  # ("24 JP", as an import reads the cell: careerlog.textfiles.lesson_hours)
        else:  # (a mentor's NIP pasted with its label, "NIP. 1975...", as the record's own: form_nip)
            payload[spec.name] = form_nip(value) if spec.name.endswith("_nip") else value
        if reason is not None and unread is None:
            raise InvalidInput(reason, spec.name)
        if reason is not None and unread is not None:
            unread[spec.name] = [reason]
    return day_first_dates(cls.KIND, payload)


def day_first_dates(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The fields of dates typed day first ("01/11/2026", "1.11.2026", "1 November 2026") as the ledger reads them,
    read as an import reads a file's (careerlog.textfiles.read_day_first_dates, one parser: the form took YYYY-MM-DD
    alone until 2026-12-05, refusing what the import read); a date that does not read so is handed on as typed, for
    the ledger to refuse beside its field; one of those forms that is no day of the calendar (31/02/2026) is refused
    as an import refuses it (NO_SUCH_DAY), not as not written YYYY-MM-DD (the form took dd/mm/yyyy)."""
    row = {**payload, "kind": kind}
    read_day_first_dates(row)
    written = row.pop(WRITTEN, None) or {}
    del row["kind"]
    for name, typed in written.items():  # (31/02/2026: no such day, said as an import says it, not "YYYY-MM-DD")
        if row.get(name) is typed:
            row[name] = Unreadable(NO_SUCH_DAY)
    return row


def corrected_read(changes: dict[str, Any]) -> dict[str, Any]:
    """A correction's corrected values typed on the form read as an import reads them (one function:
    careerlog.textfiles.read_corrected_fields; the form read their dates alone until 2026-12-06, refusing a cost
    "Rp 3.500.000" or hours "24 JP" the import read): dates day first as the form's own date fields, decimals in the
    page's language (a decimal comma on an Indonesian page). A date of those forms that is no day of the calendar
    (31/02/2026) is refused as the form's own date fields refuse it (day_first_dates: NO_SUCH_DAY)."""
    row: dict[str, Any] = {"corrected_fields": dict(changes)}
    read_corrected_fields(row, indonesian=not english_page(), day_first=True)
    read: dict[str, Any] = row["corrected_fields"]
    for key, typed in (row.get(WRITTEN) or {}).items():
        name = key.removeprefix("corrected_fields.")
        kind = kind_with_field(name)
        if kind is not None and name in typed_fields(kind, date) and read.get(name) is typed:
            read[name] = Unreadable(NO_SUCH_DAY)  # (31/02/2026: no such day, said as an import says it)
    return read


def local_decimal(value: str, name: str = "") -> str:
    """A decimal typed in the page's language ("2,5" in Indonesian), as the ledger writes it; NumberFormatError for a
    text that is none, or written in digits other than 0-9 (Babel reads any script's: the ledger and the API do not).
    A cost (`name`) may be typed with the rupiah sign ("Rp 1.500.000"), as an import reads it (read_rupiah): the sign
    says the amount may be written as Indonesians write it, so on a page in another language it is read as the one
    number it is in either language ("Rp 1.500.000", "Rp 1,500,000.50"), and refused when it is two (ReadsTwoWays:
    "Rp 1.500", 1.5 or 1500), not guessed."""
    rupiah = rupiah_amount(value) if name == "cost" else None
    value = value if rupiah is None else rupiah
    if not ascii_number(value):
        raise NumberFormatError(f"{value!r} is not written in digits 0-9")
    if rupiah is None or not english_page():
        return str(parse_decimal(value, locale=get_locale(), strict=True))
    return rupiah_reading(value, get_locale())


def unread_number(error: NumberFormatError) -> str:
    """Why a decimal typed on the form was not read, beside its field: naming the forms the page reads, in its
    language's own separators (until 2026-12-07 a bare "Not a valid number.", so that "1.500.000" refused on an
    English page said nothing of the "1,500,000" it reads)."""
    if isinstance(error, ReadsTwoWays):
        return error.reason  # (a Reason, shown in the page's language)
    whole, fraction = local_text(Decimal(1500000)), local_text(Decimal("1500000.5"))
    return _(
        "Not a valid number: write it in digits 0-9 as this page writes numbers, such as %(whole)s or %(fraction)s.",
        whole=whole,
        fraction=fraction,
    )


CORRECTED = "corrected."  # the correction form's input of a corrected fact's field: corrected.<field>
# beside it, hidden, the value it was filled with when the form was shown: shown.<field>. A field is corrected when
# its input differs from that value, not from the value as it stands when the form is sent: another correction
# recorded meanwhile is neither undone by the fields left as they were nor overwritten unseen by the one changed.
# The value is kept in no page's language (a decimal plainly, 1500000.5; a date YYYY-MM-DD; a code; a text with its
# line breaks as LF: canonical_value), so that a form sent after the reader changed the page's language reads it
# alike; SHOWN_LANGUAGE says the language the inputs were filled in, to tell an input left as shown.
SHOWN = "shown."
SHOWN_LANGUAGE = "shown_language"


def typed_value(spec: FieldSpec, value: Any) -> str:
    """A fact's value as the form's input holds it: a decimal in the page's language (as payload_from reads it
    back), anything else as the ledger keeps it (a date YYYY-MM-DD, a code, a number)."""
    if value is None:
        return ""
    if spec.type is Decimal:
        return local_text(Decimal(str(value)))
    return str(value)


def local_text(number: Decimal) -> str:
    """A decimal as the page writes it, in its language (1.500.000,5 in Indonesian, 1,500,000.5 in English)."""
    return str(format_decimal(number, locale=get_locale()))


def plain_decimal(text: str) -> Decimal | None:
    """A decimal kept in no page's language (canonical_value: 1500000.5), or None for a text that holds none."""
    try:
        number = Decimal(text.strip())
    except ArithmeticError:  # (InvalidOperation)
        return None
    return number if number.is_finite() else None


def one_line_break(text: str) -> str:
    """A text with each line break as LF: a browser sends a textarea's (and a hidden input's) as CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def canonical_value(spec: FieldSpec, value: Any) -> str:
    """A fact's value as the form keeps it beside its input (shown.<field>), in no page's language: a decimal as
    plain digits (1500000.5, never 1.500.000,5), a date YYYY-MM-DD, a code, a number, a text with its line breaks as
    LF (canonical_value of what comes back reads alike: same_value)."""
    if value is None:
        return ""
    if spec.type is Decimal:
        return format(Decimal(str(value)), "f")
    return one_line_break(str(value))


def same_value(kind: str, a: str, b: str) -> bool:
    """Whether two canonical values of a field of `kind` (FieldSpec.type_name) are one value: decimals by their
    number (1500000.5 is 1500000.50), anything else by its text, line breaks as LF."""
    if kind == "decimal" and (x := plain_decimal(a)) is not None and (y := plain_decimal(b)) is not None:
        return x == y
    return one_line_break(a) == one_line_break(b)  # (a decimal that reads as none: a form's tampered with)


def multiline(value: str) -> bool:
    """Whether a text input would lose a line break of `value`: the form shows it in a textarea instead (a training's
    title "Judul\nDua", recorded through the API or an import's cell of two lines), which sends it back whole."""
    return "\n" in value or "\r" in value


def left_as_shown(field: Mapping[str, Any], typed: str, shown: str, language: str) -> bool:
    """Whether an input was sent as the form filled it from `shown` (its canonical value) in `language`: what a
    browser sends for an input the writer did not touch. A text's line breaks come back as CRLF from a textarea, and
    dropped from a text input (a form opened before line breaks were shown in a textarea, or a script's)."""
    with force_locale(language):
        shown = shown_again(field, shown)
    typed, shown = one_line_break(typed).strip(), one_line_break(shown).strip()
    return typed == shown or (multiline(shown) and typed == shown.replace("\n", "").strip())


def shown_language(form: Mapping[str, str]) -> str:
    """The language the correction form's inputs were filled in (SHOWN_LANGUAGE), else the page's."""
    language = form.get(SHOWN_LANGUAGE, "")
    return language if language in LANGUAGES else str(get_locale())


def corrected_inputs(target: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The correction form's inputs: each field of the corrected fact, filled with its value as it stands (after
    earlier corrections), so that an HR administrator changes the wrong one in place instead of writing JSON; each
    with that value in no page's language (`canonical`), kept beside it, hidden."""
    cls = BY_KIND.get(target["kind"])
    if cls is None:
        return []
    return [
        {
            **field_view(spec, target["kind"]),
            "value": typed_value(spec, target["values"].get(spec.name)),
            "canonical": canonical_value(spec, target["values"].get(spec.name)),
        }
        for spec in filled_fields(cls)
    ]


def shown_again(field: Mapping[str, Any], canonical: str) -> str:
    """A canonical value of a field (shown.<field>) as the page shows it, in its language: for a refusal's words, and
    (in the form's language) for the value an input left as shown holds (`left_as_shown`)."""
    if field["type"] == "decimal" and (number := plain_decimal(canonical)) is not None:
        return local_text(number)
    return canonical


def read_typed(
    kind: str, field: Mapping[str, Any], typed: str, language: str
) -> str | WrittenWithExponent | Unreadable:
    """A correction form's input as the ledger takes it: a number written with an exponent marked (refused beside the
    field as the API refuses it), lesson hours ("24 JP") as a number, a decimal read in `language` (one that does
    not read: Unreadable), a date written day first as its ISO day, else the text."""
    name = field["name"]
    if type(marked := exponent_marked(kind, name, typed)) is WrittenWithExponent:
        return marked  # ("1e3": refused beside the field as the API refuses it, after the field's bounds)
    if name == "hours" and (hours := lesson_hours(typed)) is not None:
        return hours  # ("24 JP", as the record form and an import read it)
    if field["type"] == "decimal" and typed:
        try:  # read in the language the writer saw the form in, whatever the page's is now (it is theirs)
            with force_locale(language):
                return local_decimal(typed, name)
        except NumberFormatError as e:
            return Unreadable(unread_number(e))
    if field["type"] == "date" and typed:
        dated: str = day_first_dates(kind, {name: typed})[name]  # ("01/11/2026", as the fact's own form)
        return dated
    return typed


def holds(kind: str, now: str, typed: object) -> bool:
    """Whether a field of `kind` (FieldSpec.type_name) whose canonical value is `now` holds the value `typed` (as
    `read_typed` reads it: one marked or not read holds nothing)."""
    return type(typed) is str and same_value(kind, typed, now)


def corrected_fields(form: Mapping[str, str], target: Mapping[str, Any]) -> dict[str, Any] | Unreadable:
    """The corrected fields as the ledger takes them: the inputs changed from the value they were filled with (as
    `read_typed` reads them: a decimal in the language the form was shown in, one that does not read handed on as
    Unreadable; a text with its line breaks as LF), one corrected since the form was opened refused beside it unless
    it now holds just the value typed (the form sent twice: recorded once); none changed is Unreadable, refused
    beside the fact's fields. Either is refused by the ledger with every other problem of the form (a reason left
    out, another corrected field), so that one sending names every field to mend."""
    changed: dict[str, Any] = {}
    language = shown_language(form)
    for field in corrected_inputs(target):
        name, now = field["name"], field["canonical"]
        was = one_line_break(form.get(SHOWN + name, now))  # (a form sent without it, a script's: judged against now)
        sent = form.get(CORRECTED + name)
        if sent is None or left_as_shown(field, sent, was, language):
            continue  # left as shown: not corrected here, whatever a correction recorded meanwhile made it
        typed = read_typed(target["kind"], field, one_line_break(sent).strip(), language)
        # corrected since the form was opened: refused, unless to just the value typed (this form sent twice, its
        # first sending recorded): sent as typed, the ledger answers it under the same key as already recorded, under
        # another refuses it beside the field as holding that value already
        if not same_value(field["type"], was, now) and not holds(field["type"], now, typed):
            changed[name] = Unreadable(
                _(
                    "Corrected since this form was opened: it now holds %(now)s, not %(was)s. Check it, and send the"
                    " form again to correct it to %(typed)s.",
                    now=field["value"] or _("nothing"),
                    was=shown_again(field, was) or _("nothing"),
                    typed=one_line_break(sent).strip() or _("nothing"),
                )
            )
            continue
        changed[name] = typed
    if not changed:
        return Unreadable(_("Change at least one of the fact's fields: each still holds its value."))
    return changed


def corrected_typed(values: Mapping[str, str], corrected: list[dict[str, Any]]) -> dict[str, str]:
    """What each input of the correction form holds when it is shown again: the value typed where the writer
    changed it (from the value shown beside it), else the value as it stands now, which a correction recorded since
    the form was opened may have changed (sent again, the form then corrects only what the writer changed)."""
    typed: dict[str, str] = {}
    language = shown_language(values)
    for field in corrected:
        name, sent = field["name"], values.get(CORRECTED + field["name"])
        was = values.get(SHOWN + name)
        if sent is None or (was is not None and left_as_shown(field, sent, was, language)):
            typed[name] = field["value"]
        else:
            typed[name] = one_line_break(sent)
    return typed


def form_nip(typed: str) -> str:
    """A NIP input of the form (nip, confirm_nip, mentor_nip) as the ledger is to read it: without the label before it
    ("NIP. 19850101 201001 1 001"), as an import reads a NIP cell (careerlog.domain.nip.unlabelled_nip, shared)."""
    return unlabelled_nip(typed)


def readable_nip(typed: str) -> str | None:
    """The NIP typed, as the ledger reads it (spaces, dots and dashes between its digits; a label "NIP." before it:
    `form_nip`), for the form's link to the career record; None for one it refuses ("No. 1975...", "123"), whose
    link led to "Page not found"."""
    try:
        return str(parse_nip(form_nip(typed)))
    except InvalidInput:
        return None


def targeted_fact(account: Account, values: Mapping[str, str]) -> dict[str, Any] | None:
    """The fact a correction or retraction form names (NIP and target_version), as the career page's timeline
    shows it, for the form to show what it corrects or retracts; None when the form names none, or one the
    account may not read (which the ledger answers as not found when the form is sent). A read of the record,
    logged as the timeline's."""
    nip, version = form_nip(values.get("nip", "")), values.get("target_version", "").strip()
    if not nip or whole(version) is None:
        return None
    # Read your write: the views follow the log a moment after a write, so the form opened at once after a correction
    # showed the fact's values before it (and a correction sent from it was judged against them); it waits for the
    # views to show this record's last event, at most CAREERLOG_WAIT_SECONDS, as a page opened with wait_for does.
    # Not the whole log's: during another agency's import every correction form waited the whole time (review).
    # Not shown by then: the fact is shown as the views have it, saying so (`behind`).
    behind = False
    try:
        services().wait_for(services().ledger.last_notification_id(normalise_nip(nip)))
    except TimeoutError:
        behind = True
    try:
        timeline = services().timeline(account, nip, as_of=None, known_at=None)
    except (NotFound, InvalidInput, AccessDenied):
        return None
    found = next((item for item in timeline["items"] if item["version"] == whole(version)), None)
    return {**found, "behind": True} if found is not None and behind else found


def form_fact(form: Mapping[str, str]) -> dict[str, str]:
    """The NIP and version of the fact a correction or retraction form showed (its `shown.` inputs), when it names
    one."""
    return {name: form[SHOWN + name] for name in ("nip", "target_version") if form.get(SHOWN + name)}


def opened_on_fact(method: str, form: Mapping[str, str]) -> bool:
    """Whether a correction or retraction form naming a fact is to show it fixed (NIP and version read-only, its
    `shown.*` inputs; a correction's fields as inputs): opened on it (a GET naming it: the timeline's Correct and
    Retract links), or sent showing it (`form_fact`, which `other_fact_sent` holds the form to, or a correction's
    fields as inputs, `corrected.<field>`, which only a form showing its fact has). A blank form's
    sending (the NIP and version typed, no fact shown) is not: refused, it is shown again with the fact typed and
    its NIP and version still inputs, so that a version typed wrongly can be mended (until 2026-12-07 it was shown
    fixed on the fact typed). A forged sending gains nothing: without `shown.*` it is the blank form's already, and
    with them it is held to the fact they name."""
    return method != "POST" or len(form_fact(form)) == 2 or any(name.startswith(CORRECTED) for name in form)


# The fact a form names is the fact it shows, read-only (FACT_FIXED: a correction's and, since 2026-12-07, a
# retraction's, whose NIP and version were editable inputs until then, so that a retraction of one fact retracted
# another, another employee's too, unasked); a form sent naming another is refused so
FACT_FIXED = {"correction": OTHER_FACT, "retraction": OTHER_FACT_RETRACTED}


def other_fact_sent(kind: str, form: Mapping[str, str]) -> dict[str, list[Any]] | None:
    """OTHER_FACT (a retraction's OTHER_FACT_RETRACTED) beside the field sent otherwise (`nip`, else
    `target_version`) of a correction or retraction form whose NIP or version is not the fact's it showed; None when
    they are (or the form showed no fact: a script's POST, or the blank form's, its fact typed)."""
    shown = form_fact(form)
    if kind not in FACT_FIXED or len(shown) < 2:
        return None
    sent = {"nip": form_nip(form.get("nip", "")), "target_version": form.get("target_version", "").strip()}
    same_nip = normalise_nip(sent["nip"]) == normalise_nip(form_nip(shown["nip"]))
    if same_nip and sent["target_version"] == shown["target_version"].strip():
        return None
    said = FACT_FIXED[kind].reason(
        shown_version=shown["target_version"], shown_nip=shown["nip"], version=sent["target_version"], nip=sent["nip"]
    )
    return {"target_version" if same_nip else "nip": [said]}


def correction_example(fact: Mapping[str, Any]) -> str:
    """corrected_fields as the form takes it, naming one of the fact's own fields (its first after the date and
    reference, which every fact has) with its value as it stands: `{"training_kind": "TEKNIS"}`."""
    own = [name for name in fact["values"] if name not in ("effective_date", "reference")] or ["effective_date"]
    return json.dumps({own[0]: fact["values"].get(own[0])}, ensure_ascii=False)


def submit(
    account: Account, kind: str, nip: str, payload: dict[str, Any], key: str | None, as_read: bool = False
) -> Written:
    confirm = request.form.getlist("confirm")  # (the box beside a refusal the writer may confirm: RANK_JUMP)
    confirms: dict[str, Any] = {"confirm": confirm} if confirm else {}
    # (the form's client key is given to each page opened: the box below asks to record a retracted fact anew, of
    # every kind: until 2026-12-06 an appointment's new form recorded a retracted appointment's values anew, unsaid)
    anew = anew_ticked()
    if kind == "appointment":  # (its box: a unit new in the agency, NEW_UNIT)
        return services().appoint(account, {"nip": nip, **payload, **confirms}, key, key_anew=anew)
    if kind == "retraction" and request.form.get("confirm_nip", "").strip():  # (a void: the NIP typed again)
        confirms["confirm_nip"] = form_nip(request.form["confirm_nip"])
    # (`as_read`: a correction made on the fact as the form showed it, `shown_inputs_sent`, is never asked whether it
    # sets a field back: application.Command.as_read)
    return services().record(account, nip, {"kind": kind, **payload, **confirms}, key, key_anew=anew, as_read=as_read)


# A retracted fact's values sent again from a new form: refused naming the retraction (the ledger's RESENT_RETRACTED, in
# the form's words: FORM_WORDS), as an
# import's row run again is (careerlog.importing.RERUN_RETRACTED), unless the box below the fields asks to record it
# anew (as an import's new client_key does); until 2026-12-06 the form's own new key recorded it anew, unsaid
ANEW = "anew"


def anew_ticked() -> bool:
    """Whether the form's box asking to record a retracted fact's values anew was ticked (record_anew)."""
    return request.form.get("record_anew") == ANEW


# The refusals a writer may confirm: a promotion moving more ranks than its kind allows, and a retraction or
# correction leaving another promotion so (careerlog.domain.employee.later_jump)
CONFIRMABLE_REFUSALS = (RANK_JUMP, RETRACTION_JUMP, CORRECTION_JUMP)


def confirmable(errors: Mapping[str, list[str]]) -> str | None:
    """The field beside which the form shows a refusal the writer may confirm (CONFIRMABLE_REFUSALS, where the rules
    let a confirmation record it), or None: the form then offers the box to confirm it, described by that refusal."""
    return next(
        (
            name
            for name, found in errors.items()
            for r in found
            if any(getattr(r, "refusal", None) is refusal for refusal in CONFIRMABLE_REFUSALS)
        ),
        None,
    )


def in_form_words(errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The form's refusals with those the writer may confirm worded for the form: "tick the box below", not the
    API's "confirm it (confirm: promotion.one_step)" (careerlog.domain.wording.FORM_WORDED, each made with the
    refusal it words: a rank jump, a placement out of the scope)."""
    return {
        name: [
            Reason(FORM_WORDED[r.refusal], r.params) if type(r) is Reason and r.refusal in FORM_WORDED else r
            for r in found
        ]
        for name, found in errors.items()
    }


def field_errors(cls: type[LedgerEvent], nip: str = "") -> dict[str, list[str]]:
    """The reasons the posted fields of a kind are refused for, read as the ledger reads them: named beside a
    missing, malformed or unappointed NIP (no record to check them against), or a cell the form cannot read (a
    number, JSON), so that one sending names every field to mend: each cell left out or not read, and the checks of
    the fact's own fields (a mentor's NIP of no identity number's form, a training's first day after its last:
    CareerLog.problems_without_record)."""
    unread: dict[str, list[str]] = {}  # (a cell the form cannot read: named with the others)
    payload = payload_from(request.form, cls, unread)
    if cls.KIND != "appointment":  # (an appointment's NIP is its own record's: its cells are judged by the ledger)
        payload.update({name: Unreadable(reasons[0]) for name, reasons in unread.items()})
        return services().ledger.problems_without_record(nip, cls.KIND, payload)
    try:
        parse_payload(cls, payload)
    except InvalidInput as e:
        return {**e.errors, **unread}
    return unread


def shown_inputs_sent(form: Mapping[str, str]) -> bool:
    """Whether a correction form sent its per-field inputs (`corrected.<field>`), each with the value it showed
    (`shown.<field>`): only then is a field corrected since the form was opened refused (`corrected_fields`), so that
    the correction is made on the fact as read (application.Command.as_read). A correction typed in the form's
    `corrected_fields` box, or a script's POST of the inputs without the values shown, is not: it is asked whether it
    sets a field back (SET_BACK) as the API's without If-Match is (until 2026-12-06 every form's correction was taken
    as read, and the box's set another writer's correction back unasked)."""
    sent = [name.removeprefix(CORRECTED) for name in form if name.startswith(CORRECTED)]
    return all(SHOWN + name in form for name in sent)


def attempt(
    account: Account, kind: str, cls: type[LedgerEvent], target: Mapping[str, Any] | None = None
) -> tuple[Written | None, dict[str, list[str]]]:
    """Record the posted event; the errors per field when it is refused. A correction of a `target` shown with
    its fields as inputs corrects the fields changed there."""
    nip = form_nip(request.form.get("nip", ""))  # (a label "NIP." pasted before the number left out)
    if not nip:
        return None, {"nip": [_("Missing data for required field.")], **field_errors(cls, nip)}
    unread: dict[str, list[str]] = {}
    try:
        payload = payload_from(request.form, cls, unread)
        # A number or JSON the form cannot read is handed on as unreadable (the ledger refuses it, so nothing is
        # recorded), so that the ledger names it with every other problem of the form, the checks of the whole
        # fact made on the fields that did read (a training's first day after its last); its reason is the form's.
        payload.update({name: Unreadable(reasons[0]) for name, reasons in unread.items()})
        as_read = False
        if target is not None and any(name.startswith(CORRECTED) for name in request.form):
            payload["corrected_fields"] = corrected_fields(request.form, target)
            as_read = shown_inputs_sent(request.form)
        return submit(account, kind, nip, payload, request.form.get("client_key") or None, as_read), {}
    except InvalidInput as e:  # (an appointment's NIP of the wrong form is refused here, not as not found)
        return None, {**({**field_errors(cls, nip), **e.errors} if "nip" in e.errors else e.errors), **unread}
    except NotFound as e:
        try:  # a NIP of the wrong form is never appointed anywhere: its form is the reason to give
            parse_nip(nip)
        except InvalidInput as wrong:
            return None, {**wrong.errors, **field_errors(cls, nip)}
        return None, {"nip": [reason_of(e)], **field_errors(cls, nip)}
    except AccessDenied as e:  # an appointment to an agency outside the scope (others: NotFound)
        return None, {"agency" if kind == "appointment" else "nip": [reason_of(e)], **unread}
    except Conflict as e:  # (a reference recorded before with other values: beside the reference)
        named = conflict_errors(e) or {}
        named = {  # (a retracted fact's values: in the form's words, its box below the fields)
            name: [
                FORM_WORDS[RESENT_RETRACTED].reason(**dict(r.params))
                if type(r) is Reason and r.refusal is RESENT_RETRACTED
                else r
                for r in found
            ]
            for name, found in named.items()
        }
        if KEY_HEADER in named:  # (the form's own client key, a hidden input: above the fields, in the form's words)
            said = [r for r in named[KEY_HEADER] if type(r) is Reason and r.refusal in FORM_WORDS]
            named = {"_schema": [FORM_WORDS[r.refusal].reason(**dict(r.params)) for r in said] or named[KEY_HEADER]}
        return None, named or {"_schema": [reason_of(e)]}


MENTORS_SIDE = "mentor_nip ("  # a refusal of the mentor's side, named by the ledger `mentor_nip (<field>)`


def mentors_side_beside(kind: str, errors: Mapping[str, list[str]], corrected: list[str]) -> dict[str, list[str]]:
    """The form's refusals with those of the mentor's side of a mentoring (careerlog.application names them
    `mentor_nip (<field>)`, as the API answers them, quoting the mentor's record) beside an input: the mentor's NIP
    on a mentoring's own form; on a correction's, the corrected field's input (`corrected`: those shown), else the
    corrected fields' JSON; on a retraction's, the target version. Beside another input than the mentor's NIP they
    are led by "In the mentor's record:", which says whose record they quote. Until 2026-12-05 they were printed
    below the last field under their API name, beside no input, and the summary linked to none of them."""
    placed: dict[str, list[str]] = {}
    for name, reasons in errors.items():
        if not name.startswith(MENTORS_SIDE) or not name.endswith(")"):
            placed.setdefault(name, []).extend(reasons)
            continue
        field = name[len(MENTORS_SIDE) : -1]
        if "mentor_nip" in {spec.name for spec in filled_fields(BY_KIND[kind])}:
            placed.setdefault("mentor_nip", []).extend(reasons)
            continue
        if kind == "correction":  # (the mentor's side names the corrected field as its own correction does)
            field = field.removeprefix("corrected_fields.")
            into = f"corrected_fields.{field}" if field in corrected else "corrected_fields"
        else:
            into = "target_version"
        mine = placed.setdefault(into, [])
        mine.extend([_("In the mentor's record:"), *reasons])
    return placed


# A placement outside an HR administrator's scope takes the record out of their reach at once: the ledger refuses it
# unless confirmed (careerlog.application.LEAVES_UNCONFIRMED, the guard's `leaves`), as a rank jump; the form's box
# beside the field sends that confirmation (confirm: placement.leaves_scope), and the refusal is worded for it as a
# rank jump's is (in_form_words: LEAVES_SCOPE_TICKED, made with it); recorded, the page says who can undo it (a
# national administrator: the receiving agency may not retract or redate the placement that brought the employee in,
# docs/security.md "Moves between agencies") and links to no record the writer can no longer open.
# A placement in another agency ending a managerial post held in the agency left (rule placement.ends_post): refused
# unless confirmed (careerlog.domain.employee: ENDS_POST_UNCONFIRMED, naming the post, worded for the form as every
# confirmable refusal is: FORM_WORDED), the box beside the agency sending that confirmation (confirm:
# placement.ends_post); recorded, the page names the post whose end was recorded with it.


# A correction of a placement making it end such a post is asked alike (the same refusal, beside the corrected agency or
# date), and a retraction of a placement whose post end was recorded with it is refused naming the post end
# (ENDS_POST_RETRACTED): the same box, worded for each, retracts both. A retraction of a placement's post end alone, or
# a correction of its date away from the placement's day or of its post to another, is asked too
# (POST_END_RETRACTED_ALONE, POST_END_REDATED_ALONE, POST_END_REPOINTED_ALONE): the same box, worded for the post end
# (its date, or its post), records it as asked
ENDS_POST_KINDS = ("placement", "correction", "retraction")
ENDS_POST_REFUSALS = (
    ENDS_POST_UNCONFIRMED,
    ENDS_POST_RETRACTED,
    POST_END_RETRACTED_ALONE,
    POST_END_REDATED_ALONE,
    POST_END_REPOINTED_ALONE,
)


def ends_post_ticked(kind: str | None) -> bool:
    """Whether the form's box confirming a placement's ending of a post held (or a placement's retraction with the
    post end recorded with it) was ticked (confirm: ENDS_POST)."""
    return kind in ENDS_POST_KINDS and ENDS_POST in request.form.getlist("confirm")


def post_ended_with(outcome: Any) -> dict[str, Any] | None:
    """The post whose end was recorded with a placement, or a correction of one, just recorded (rule
    placement.ends_post: the placement's post end, Employee.post_end_with, when it is the version after the
    outcome's): its title, kind, the day and the post end's version; None when none was."""
    employee = services().ledger.get_employee(outcome.subject)
    made = employee.events.get(outcome.version)
    placement = employee.facts.get(getattr(made, "target_version", outcome.version))
    ended = employee.post_end_with(placement) if placement is not None else None
    if ended is None or ended.version != outcome.version + 1:
        return None
    title, post_kind = post_end_named(employee.current_context(), ended)
    return {
        "title": title,
        "post_kind": post_kind or "",
        "day": format_date(ended.effective_date, "medium"),
        "ended": ended.version,
    }


def end_retracted_with(outcome: Any) -> tuple[int, int] | None:
    """The post end retracted with a placement just retracted (rule placement.ends_post: the placement's post end as it
    stood before the retraction, Employee.post_end_with, retracted by the version after): its version and its
    retraction's; None otherwise."""
    employee = services().ledger.get_employee(outcome.subject)
    placement = employee.facts.get(getattr(employee.events.get(outcome.version), "target_version", 0))
    ended = employee.post_end_with(placement, stood_before=outcome.version) if placement is not None else None
    undone = outcome.version + 1
    return (ended.version, undone) if ended is not None and ended.retracted_by == undone else None


# The kinds whose forms show a training's confirm boxes (careerlog.application.TRAINING_JUDGED): a training, and a
# correction of one (careerlog.application.corrected_training)
TRAINING_CHECK_KINDS = ("training", "correction")


def training_ticked(kind: str | None, check: str) -> bool:
    """Whether the form's box confirming a training's `check` (training.duplicate, .daily_jp, .cost) was ticked: kept
    ticked on a training's form and a correction's alike while refused for another reason (until 2026-12-06 on a
    training's alone: a correction's came back unticked though the tick was sent and would be recorded)."""
    return kind in TRAINING_CHECK_KINDS and check in request.form.getlist("confirm")


def twice_ticked(kind: str | None) -> bool:
    """Whether the form's box confirming a fact the record seems to hold already (fact.duplicate) was ticked: kept
    ticked on a penalty's, exam's, post appointment's or degree's form and on a correction's (one making a fact so:
    careerlog.application.corrected_twice) while refused for another reason."""
    return (kind in RECORDED_TWICE_FIELDS or kind == "correction") and FACT_DUPLICATE in request.form.getlist("confirm")


def leaves_ticked(kind: str | None) -> bool:
    """Whether the form's box confirming a placement out of the writer's scope was ticked (confirm: LEAVES_SCOPE)."""
    return kind == "placement" and LEAVES_SCOPE in request.form.getlist("confirm")


# A recording's flashed messages are said on the page its form redirects to alone (the record form waiting for it,
# wait_for; `said` of a placement out of the writer's scope, which links to no record), by their category naming that
# position: any other page base.html shows drops them unsaid. Until
# 2026-12-06 they were left pending when that page was never opened (a script's POST not following the redirect), and
# said at the top of whatever page was opened next ("Tercatat: Penempatan, versi 83" above an import's page)
RECORD_FLASH = "record:"


def record_flash(position: int) -> str:
    """The category of a recording's flashed messages: the page waiting for `position` shows them (base.html)."""
    return f"{RECORD_FLASH}{position}"


def left_scope(account: Account, nip: str) -> str | None:
    """The agency a record just placed is in when that is outside the writer's scope (what they confirmed), or None."""
    place = locate(services().ledger, nip)
    return None if place is None or permits(account, Action.RECORD, place) else str(place.agency)


def read_day_first(kind: str, values: Mapping[str, str]) -> list[str]:
    """What the form says of each date typed as digits that reads either way round (08/04/2026: careerlog.textfiles
    .read_either_way): that it was read day first, as the form reads every such date (Indonesian usage, docs/pages.md),
    and as which day, so that a writer who meant the month first sees it and corrects it (until 2026-12-07 read so
    silently on the English page)."""
    said = []
    for name in typed_fields(kind, date):
        typed = values.get(name) or ""
        day = day_first_dates(kind, {name: typed})[name] if read_either_way(typed) else None
        if type(day) is str:  # (as the form recorded it: day_first_dates, one reading)
            said.append(
                _(
                    "%(field)s %(typed)s was read day first, as %(day)s: if the month was written first, record a "
                    "correction of it (a date written YYYY-MM-DD reads one way alone).",
                    field=field_label(name, kind),
                    typed=typed.strip(),
                    day=local_date(day),
                )
            )
    return said


@blp.route("/record", methods=["GET", "POST"])
def record() -> ResponseReturnValue:
    """Choose an event kind, fill in its fields, and record it; refusals are shown beside the fields."""
    account = allowed(Action.RECORD)
    kind = request.values.get("kind") or None
    cls = event_class(kind)
    form = FlaskForm()
    errors: dict[str, list[str]] = {}
    if cls is not None and kind is not None and request.method == "POST":
        if not form.validate_on_submit():
            errors = {"_schema": [expired()]}
        elif elsewhere := other_fact_sent(kind, request.form):
            errors = elsewhere  # (a NIP or version not the form's fact: nothing recorded, the form's fact shown again)
        else:
            shown = targeted_fact(account, request.form) if kind == "correction" else None
            written, errors = attempt(account, kind, cls, shown)
            if written is not None:
                o = written.outcome
                meant = record_flash(written.position)  # (said on the page redirected to alone: record_flash)
                said = {"kind": kind_label(o.kind), "version": o.version, "nip": o.subject}
                leaves = left_scope(account, o.subject) if o.created and leaves_ticked(kind) else None
                ended = post_ended_with(o) if o.created and ends_post_ticked(kind) else None
                undone = end_retracted_with(o) if o.created and kind == "retraction" else None
                if undone is not None:  # (the post end recorded with the placement, retracted with it)
                    flash(
                        _(
                            "The post end recorded with this placement (version %(ended)s) is retracted with it, as "
                            "version %(version)s: the post is held again.",
                            ended=undone[0],
                            version=undone[1],
                        ),
                        meant,
                    )
                if ended is not None:  # (recorded with the placement, named first: it is read before the rest)
                    flash(
                        _(
                            "The post %(title)s (%(post_kind)s) ended with this placement on %(day)s: its end is "
                            "recorded as version %(ended)s.",
                            **ended,
                        ),
                        meant,
                    )
                for warning in o.warnings:  # (the API's and an import's too: the mentees a mentor's transfer leaves
                    flash(reason_text(warning), meant)  # open, read on their side; ending nothing)
                if leaves is not None:  # (out of the writer's reach now: no link to it)
                    flash(
                        _(
                            "Recorded: %(kind)s, version %(version)s of %(nip)s. The record has left your scope (it "
                            "is now in %(agency)s): you can no longer open it or record anything in it. If this "
                            "placement is wrong, only a national administrator can retract or correct it: ask one, "
                            "naming NIP %(nip)s and version %(version)s.",
                            **said,
                            agency=leaves,
                        ),
                        meant,
                    )
                    return redirect(url_for("pages.record", kind=kind, said=written.position))  # (no record link)
                if o.created:
                    flash(_("Recorded: %(kind)s, version %(version)s of %(nip)s.", **said), meant)
                    for read in read_day_first(kind, request.form):
                        flash(read, meant)
                else:  # (the same decree sent before, from this form or another: the ledger recorded nothing)
                    flash(
                        _(
                            "Already recorded: %(kind)s, version %(version)s of %(nip)s; nothing was recorded again.",
                            **said,
                        ),
                        meant,
                    )
                for found in written.findings:  # (a promotion against a rule the audit judges: recorded, said so)
                    flash(reason_text(found), meant)
                # (the career record's link on the page it leads to waits for the views to show it: wait_for)
                return redirect(url_for("pages.record", kind=kind, nip=o.subject, wait_for=written.position))
    values: Mapping[str, str] = request.form if request.method == "POST" else request.args
    if request.method == "POST" and kind in FACT_FIXED:  # (the fact the form showed, whatever NIP or version came)
        values = {**dict(values.items()), **form_fact(values)}
    target = targeted_fact(account, values) if kind in ("correction", "retraction") else None
    # the form holds its fact fixed when it was opened on one (a GET naming it) or sent showing one (`shown.*`): a
    # blank form's refused sending shows the fact typed but keeps its NIP and version inputs (`opened_on_fact`)
    fixed = target is not None and opened_on_fact(request.method, request.form)
    corrected = corrected_inputs(target) if target and fixed and kind == "correction" else []  # (its fields as inputs)
    if errors and kind is not None and cls is not None:  # (the mentor's side's, beside an input)
        errors = mentors_side_beside(kind, errors, [f["name"] for f in corrected])
    errors = in_scope_words(account, errors)
    unknown = kind is not None and cls is None  # (an address naming no kind the form records: said, 400)
    if kind is not None and cls is None:
        offered = ", ".join(f"{kind_label(k)} ({k})" for k in RECORDABLE)
        unknown_kind = _("Unknown kind of event %(kind)s; the kinds offered: %(kinds)s.", kind=cut(kind), kinds=offered)
        errors = {"kind": [str(FORM_RECORDS_ELSEWHERE[kind]) if kind in FORM_RECORDS_ELSEWHERE else unknown_kind]}
    from web.pages.career import shown_label, shown_value  # (that module imports this one)

    return page(
        "pages/record.html",
        account,
        400 if unknown else 422 if errors else 200,
        form=form,
        kinds=[(k, kind_label(k)) for k in RECORDABLE],
        wait_for=request.args.get("wait_for") if whole_number(request.args.get("wait_for") or "") else None,
        # the career record the page links to, if the NIP reads and names a record: none beside a refused NIP, nor
        # on an appointment's form until it is recorded (a NIP never appointed linked to a 404 "Riwayat Karier")
        record_of=None
        if "nip" in errors or (kind == "appointment" and not request.args.get("wait_for"))
        else readable_nip(values.get("nip", "")),
        kind=kind if cls else None,
        fields=[field_view(s, kind) for s in filled_fields(cls)] if cls else [],
        values=values,
        errors=in_form_words(errors),
        client_key=request.form.get("client_key") if errors else uuid.uuid4().hex,
        target=target,  # the fact a correction or retraction names, shown above its fields
        # a void (the appointment retracted): warned of, and confirmed by the NIP typed again (confirm_nip)
        voids=kind == "retraction"
        and target is not None
        and target.get("kind") == "appointment"
        and not target.get("retracted"),
        target_nip=readable_nip(values.get("nip", "")) or values.get("nip", ""),
        corrected=corrected,  # a correction's fields as inputs
        # the fact shown is the fact corrected or retracted: its NIP and version read-only (FACT_FIXED)
        fact_fixed=bool(corrected) or (kind == "retraction" and fixed),
        beside_inputs=["corrected_fields", *(f"corrected_fields.{f['name']}" for f in corrected)],
        confirm=confirmable(errors),  # the box to confirm a rank jump the decree does make, beside that field's refusal
        confirmed=kind in CONFIRMING_KINDS and "promotion.one_step" in request.form.getlist("confirm"),  # (kept ticked)
        # the box confirming a placement out of the scope, beside the field the ledger refused so (LEAVES_UNCONFIRMED)
        leaves_scope=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is LEAVES_UNCONFIRMED),
            None,
        ),
        leaves_ticked=leaves_ticked(kind),  # (kept ticked while refused for another reason)
        leaves_check=LEAVES_SCOPE,
        # the box confirming a placement's ending of a post held, beside the field refused so (ENDS_POST_UNCONFIRMED)
        ends_post=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) in ENDS_POST_REFUSALS),
            None,
        ),
        ends_post_ticked=ends_post_ticked(kind),
        ends_post_check=ENDS_POST,
        # the box confirming a unit new in its agency near a known one (NEW_UNIT_UNCONFIRMED), beside the unit
        new_unit=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is NEW_UNIT_UNCONFIRMED),
            None,
        ),
        new_unit_ticked=NEW_UNIT in request.form.getlist("confirm"),  # (kept ticked while refused for another reason)
        new_unit_check=NEW_UNIT,
        # the box confirming a training the record seems to hold already (TRAINING_REPEATED), beside `reference`
        duplicate=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is TRAINING_REPEATED),
            None,
        ),
        duplicate_ticked=training_ticked(kind, TRAINING_DUPLICATE),
        # the box confirming a penalty, exam, post or degree the record seems to hold already (FACT_REPEATED)
        twice=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is FACT_REPEATED), None
        ),
        twice_ticked=twice_ticked(kind),
        twice_check=FACT_DUPLICATE,
        # the box confirming a region outside the agency's seat region or province (OUTSIDE_SEAT_UNCONFIRMED)
        outside_seat=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is OUTSIDE_SEAT_ASKED),
            None,
        ),
        outside_seat_ticked=kind in ("appointment", "placement", "correction")  # (a correction's: corrected_placing)
        and OUTSIDE_SEAT in request.form.getlist("confirm"),
        outside_seat_check=OUTSIDE_SEAT,
        # the box confirming a CPNS's TMT not on the 1st of a month (TMT_NOT_FIRST), beside effective_date
        tmt_asked=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is TMT_NOT_FIRST), None
        ),
        tmt_ticked=kind in ("appointment", "correction") and TMT_FIRST in request.form.getlist("confirm"),
        tmt_check=TMT_FIRST,
        # the box confirming a CPNS's rank above the start of the entry education (ABOVE_START), beside rank
        above_start=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is ABOVE_START), None
        ),
        above_start_ticked=kind in ("appointment", "correction") and STARTING_RANK in request.form.getlist("confirm"),
        above_start_check=STARTING_RANK,
        # the box confirming trainings of the same days holding more JP a day together than one may (TRAINING_DAY_FULL)
        day_full=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is TRAINING_DAY_FULL),
            None,
        ),
        day_full_ticked=training_ticked(kind, TRAINING_DAILY_JP),
        day_full_check=TRAINING_DAILY_JP,
        # the box confirming a training's cost that seems mistyped (COST_IMPLAUSIBLE: rule training.cost), beside cost
        cost_asked=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is COST_IMPLAUSIBLE),
            None,
        ),
        cost_ticked=training_ticked(kind, TRAINING_COST),
        cost_check=TRAINING_COST,
        # the box asking to record a retracted fact's values anew (RESENT_RETRACTED), beside that refusal's field
        anew=next(
            (
                n
                for n, found in errors.items()
                for r in found
                if getattr(r, "refusal", None) is FORM_WORDS[RESENT_RETRACTED]
            ),
            None,
        ),
        anew_ticked=anew_ticked(),
        anew_check=ANEW,
        duplicate_check=TRAINING_DUPLICATE,
        # the box confirming a second basic training (LATSAR_AGAIN: rule training.latsar_once), beside training_kind
        latsar_again=next(
            (n for n, found in errors.items() for r in found if getattr(r, "refusal", None) is LATSAR_AGAIN), None
        ),
        latsar_ticked=training_ticked(kind, LATSAR_ONCE),
        latsar_check=LATSAR_ONCE,
        corrected_prefix=CORRECTED,
        shown_prefix=SHOWN,
        shown_language=SHOWN_LANGUAGE,
        multiline=multiline,
        corrected_typed=corrected_typed(values, corrected),
        example=correction_example(target) if target else None,
        shown=shown_value,
        label=shown_label,
    )


def column_name(alias: str) -> str:
    """An Indonesian column name as a spreadsheet heads it: tanggal_selesai as Tanggal Selesai, jp as JP
    (careerlog.textfiles.header_spelling, as a refusal of a header names it)."""
    return header_spelling(alias)


def confirm_label(kind: str) -> str:
    """The import page's name of a row's `confirm` column (no field: what a yes in it confirms), the template guide's
    description of it (careerlog.workbook_template.confirm_description: one source) in the reader's language."""
    return confirm_description(kind, lambda text: str(_(text)))


def confirm_nip_label() -> str:
    """The import page's name of a retraction row's `confirm_nip` column (no field: what a void row confirms)."""
    return _("The record's NIP again, confirming a void (the appointment's retraction, which cannot be undone)")


def kind_columns() -> list[dict[str, Any]]:
    """The columns a CSV file of each kind takes, for the import page: each field by its label, its own name and
    the Indonesian column names a file of the kind reads as it (careerlog.textfiles.HEADER_ALIASES, and the kind's own
    KIND_HEADER_ALIASES: a penalty's "Tanggal Selesai" its end_date), and whether it is required."""
    columns = []
    for kind in RECORDABLE:  # (the template's columns: careerlog.workbook_template, one source for both)
        named = [(column.name, column.required) for column in template_columns(kind)]
        labels = {"nip": "NIP", "confirm_nip": confirm_nip_label()}
        if kind in CONFIRMING_KINDS:  # (no field: what a yes in the row's Konfirmasi column confirms)
            labels["confirm"] = confirm_label(kind)
        fields = [
            {
                "label": labels[name] if name in labels else field_label(name, kind),
                "name": name,
                "aliases": [column_name(a) for a in aliases_of([name], kind)],
                "required": required,
            }
            for name, required in named
        ]
        columns.append({"kind": kind, "fields": fields})
    return columns


# A kind careerlog knows which the record form does not record, and where it is recorded: the form called it unknown
# ("Jenis peristiwa unit_rating tidak dikenal") until 2026-12-06 (the API's: web.api.event_schemas.RECORDED_ELSEWHERE)
FORM_RECORDS_ELSEWHERE = {
    "unit_rating": _l(
        "A unit's own rating (unit_rating) is not recorded on this form, which records an employee's facts: import it "
        "on the Import page, in a file of unit ratings (penilaian_unit.csv: columns agency and unit in place of the "
        "NIP), or ask the HR office of the unit's agency to import it."
    ),
    "mentee_assigned": _l(
        "A mentor's side of a mentoring (mentee_assigned) is recorded by careerlog itself: record the mentoring's "
        "start (Mentoring started) in the mentee's record."
    ),
    "mentee_released": _l(
        "A mentor's side of a mentoring's end (mentee_released) is recorded by careerlog itself: record the "
        "mentoring's end (Mentoring ended) in the mentee's record."
    ),
    "unit_registration": _l(
        "A unit's registration (unit_registration) is recorded by careerlog itself, on the unit's first rating."
    ),
}


def header_refusal(header: list[dict[str, Any]]) -> list[str]:
    """A file's refused header (the import report's rows of it: careerlog.importing.header_refused) as the reasons the
    import page shows beside the file, in the visitor's language: nothing of the file was read."""
    said = [_("The header was refused: nothing was read") + "."]
    for problem in header:
        for reasons in problem["errors"].values():
            line = _("Header (line %(line)s)", line=problem["line"])
            said += [f"{line}: {reason_text(r)}" for r in reasons]
    return [
        *said,
        _("The header is the line of column names, not a row of data; correct it and import the file again."),
    ]


class ImportForm(FlaskForm):
    file = FileField("file", validators=[FileRequired(), FileAllowed(["jsonl", "csv", "json", "xlsx"])])
    dry_run = BooleanField("dry_run")


@blp.route("/import", methods=["GET", "POST"])
def import_file() -> ResponseReturnValue:
    """Upload a JSON Lines, CSV or Excel Workbook (.xlsx) file and show how many rows were recorded and why each
    rejected row was; a file of more rows than CAREERLOG_IMPORT_JOB_ROWS made a job (web.pages.import_jobs), its
    page the answer (303)."""
    account = allowed(Action.IMPORT)
    form = ImportForm()
    report = None
    # the refused rows to fix and import again (web.pages.refused_rows.refused_file)
    refused: bytes | None = None
    refused_name = None
    errors: dict[str, list[str]] = {}
    if form.validate_on_submit():
        upload = form.file.data
        name = upload.filename or ""
        kind = request.form.get("kind") if request.form.get("kind") in RECORDABLE else None
        csv_file = name.lower().endswith(".csv")  # (TRAINING.CSV too, as Windows tools name their files)
        xlsx_file = name.lower().endswith(".xlsx")  # (an Excel Workbook, read as a CSV file: careerlog.workbooks)
        data = upload.stream.read()  # (read again for the refused rows' download: web.pages.refused_rows)
        # (a workbook that cannot be read, or refused as a whole, has no header: the import says why, not "choose")
        names = header_names(data) if xlsx_file else None
        kind_column = names_kind_column(data) if csv_file else names is None or "kind" in names
        if (csv_file or xlsx_file) and not kind and not kind_from_name(name) and not kind_column:
            # (a kind column gives each row's; the career record's download is told which kind, and how)
            download = unchosen_download(data) if csv_file else None
            errors = {"kind": [download or _("Choose the kind of event the CSV file or workbook holds.")]}
        else:
            try:
                ahead = None
                if may_be_a_job(data, name):  # (a large file: a job, run in the background; its rows read first)
                    ahead = services().rows_read(account, data, name=name, kind=kind, most=job_rows())
                    if ahead.rows is None and not ahead.header:
                        return start_job(
                            account, data, name=name, kind=kind, dry_run=bool(form.dry_run.data), rows=ahead.count
                        )
                # (a refusal of the header, the file's line of column names: the whole file refused, as an empty one
                # is, beside the file, read or not; until 2026-12-06 a 200 with the refusal inside the report)
                header = ahead.header if ahead is not None else None
                if not header:
                    found = services().import_file(
                        account,
                        io.BytesIO(data),
                        name=name,
                        fmt=None,
                        kind=kind,
                        dry_run=bool(form.dry_run.data),
                        ahead=ahead,  # (the rows read above, not read again)
                    )
                    refuse_no_rows(found["rows"], name)
                    report = found
                    header = [p for p in found["rejected"] if header_refused(p)]
                if header:
                    report = None
                    errors = {"file": header_refusal(header)}
            except InvalidInput as e:
                errors = e.errors
            if report is not None and (found_file := refused_file(data, name, report["rejected"])):
                refused, refused_name = found_file
    elif form.is_submitted() and form.csrf_token.errors:  # (the page left open past its token: it said nothing)
        errors = {"_schema": [expired()]}
    elif form.file.errors:
        upload = form.file.data
        if upload and workbook_name(upload.filename or ""):  # (an Excel file: say how to make a CSV of it)
            errors = {"file": [WORKBOOK.reason()]}
        else:
            errors = {"file": [_("Choose a .jsonl, .csv or .xlsx file.")]}
    status = 422 if (form.is_submitted() and (form.errors or errors)) else 200
    kinds = [(k, kind_label(k)) for k in RECORDABLE]
    columns = kind_columns()  # (each kind's columns, in place of a documentation path HR cannot open)
    return page(
        "pages/import.html",
        account,
        status,
        form=form,
        report=report,
        errors=errors,
        kinds=kinds,
        columns=columns,
        refused=refused,
        refused_name=refused_name,
        job_rows=job_rows(),
    )


@blp.route("/import/templates/<kind>.xlsx")
def import_template(kind: str) -> ResponseReturnValue:
    """A kind's workbook to fill in and import as it is (careerlog.workbook_template): its columns in row 1, a NIP
    column as Text, dates as dates, drop-downs of short lists of codes, a guide sheet; the kind in any letter case
    (`Training`), as the import reads it; 404 for no recordable kind."""
    allowed(Action.IMPORT)
    known = kind.lower()
    if known not in RECORDABLE:
        abort(404)
    return template_answer(known)


# The columns of the records past the retirement day, as the API names them (GET /api/v1/employees/past-retirement)
PAST_RETIREMENT_COLUMNS = (
    "nip",
    "name",
    "birth_date",
    "agency",
    "unit",
    "region",
    "rank",
    "post_kind",
    "post_level",
    "post_title",
    "retirement_age",
    "expected_end",
    "rule",
    "rule_status",
    "rule_confirmed",
)


@blp.route("/past-retirement")
def past_retirement() -> ResponseReturnValue:
    """The PNS in service within the scope past their expected end of service (rule retirement.age, unconfirmed)
    with no separation recorded, by that day: a worklist for HR to record the retirement."""
    account = allowed(Action.LIST_EMPLOYEES)
    filtered_by_nothing(("page", "lang"))
    found = services().past_retirement(account, {}, page=page_number(), per_page=50)
    return page("pages/past_retirement.html", account, found=found, query={})


@blp.route("/past-retirement.csv")
def past_retirement_csv() -> ResponseReturnValue:
    """The page's records as CSV, the API's columns."""
    account = allowed(Action.LIST_EMPLOYEES)
    filtered_by_nothing(("page", "lang"))  # (the page's own arguments, as the audits' CSV takes its list's)
    found = services().past_retirement(account, {}, per_page=AUDIT_CSV_LIMIT)
    return csv_download(found.items, PAST_RETIREMENT_COLUMNS, "past-retirement.csv")

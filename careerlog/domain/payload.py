"""Read the payload of a recording from plain data (JSON, CSV cells) into typed values.

The event classes are the schema: each payload field's type, whether it may be omitted,
its description and its reference table come from the dataclass. Errors name the field
and the reason; unknown fields are rejected.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson

from careerlog.domain.errors import FieldErrors, InvalidInput, RecordedByNewerRelease, cut, quoted, quoted_apart
from careerlog.domain.events import LedgerEvent
from careerlog.domain.wording import ISO_FORM, NO_SUCH_ISO_DAY, Reason, Refusal, reason_of
from careerlog.reference import reference

# Fields every event carries that the system, not the payload, sets.
SYSTEM_FIELDS = frozenset(
    {
        "originator_id",
        "originator_version",
        "originator_topic",
        "timestamp",
        "recorded_by",
        "migrated",
        "client_key",
        "confirmed",  # the checks the writer confirmed (class version 2 of a promotion, correction, retraction)
    }
)
MAX_TEXT = 500

# The refusals of a payload's values (careerlog.domain.wording): the fixed ones made once.
MISSING = Refusal("Missing data for required field.").reason()
NULL = Refusal("Field may not be null.").reason()
EMPTY = Refusal("May not be empty.").reason()
UNKNOWN_FIELD = Refusal("Unknown field.").reason()
NOT_STRING = Refusal("Not a valid string.").reason()
NOT_INTEGER = Refusal("Not a valid integer.").reason()
# A training's JP (`hours`) that is no whole number ("24,5", "delapan"): named as JP, not as any integer
HOURS_NOT_WHOLE = Refusal(
    "Not a whole number of lesson hours: JP are counted in whole lesson hours (45 minutes each); write the JP as a "
    "whole number in digits (24, not 24,5)."
).reason()
# ... a whole number followed by words that are no unit read ("2 jam", "2 hours"; "24 JP", "2 Jp." and "2 jam
# pelajaran" read as the number: careerlog.textfiles.lesson_hours), and one written in digits other than 0-9 (full-width
# "\uff12", as an East Asian input method types it; no number reader of careerlog's reads them: `ascii_number`): until
# 2026-12-07 both were told "(24, not 24,5)", as if a fraction
HOURS_UNIT = Refusal(
    "Not a number of lesson hours: the words after the number are not read; write the JP as a whole number in digits, "
    "alone or followed by JP (24, 24 JP or 24 jam pelajaran)."
).reason()
HOURS_NOT_DIGITS = Refusal(
    "Not written in digits 0-9: write the JP as a whole number in digits 0-9 (24), not in full-width digits or "
    "another script's."
).reason()
_NUMBER_AND_WORDS = re.compile(r"[+-]?[0-9]+\s*[^\d\s.,].*", re.DOTALL)


def hours_refusal(value: Any) -> Reason:
    """Why a training's JP (`hours`) that is no whole number is refused: written in digits other than 0-9
    (HOURS_NOT_DIGITS), a number followed by words not read as its unit (HOURS_UNIT), else no whole number
    (HOURS_NOT_WHOLE: "24,5", "delapan")."""
    text = value.strip() if isinstance(value, str) else ""
    if any(c.isdigit() and not c.isascii() for c in text):
        return HOURS_NOT_DIGITS
    if _NUMBER_AND_WORDS.fullmatch(text):
        return HOURS_UNIT
    return HOURS_NOT_WHOLE


# An API event's whole number sent as no JSON number (docs/api.md: a JSON number alone), refused for what it is: a
# text ("2"), a boolean (true); until 2026-12-06 "Not a valid integer.", a training's JP a fraction's reason
TEXT_NOT_INTEGER = Refusal(
    'Not a valid integer: a whole number is sent as a JSON number, without quotes (2, not "2").'
).reason()
BOOLEAN_NOT_INTEGER = Refusal("Not a valid integer: true and false are no numbers.").reason()
NOT_NUMBER = Refusal("Not a valid number.").reason()
NOT_OBJECT = Refusal("Not a valid object.").reason()
NOT_BOOLEAN = Refusal("Not a valid boolean.").reason()
NUL = Refusal("May not contain a NUL character.").reason()
# The controls of the direction text runs in (U+202A-U+202E: embeddings and overrides, U+2066-U+2069: isolates): one in
# a name or a decree number reverses how the rest of it shows on the pages and in the downloads ("Test\u202eSatu" shows
# "TestutaS"), and no name or record needs one. Refused naming the character (until 2026-12-07 kept as given)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_CONTROL = Refusal(
    "May not contain the control character U+{code} ({name}), which changes the direction the text after it is "
    "shown in: delete it and send the text again."
)
DATE_AND_TIME = Refusal("Not a valid date (expected YYYY-MM-DD, got a date and time).").reason()
NOT_DATE = Refusal("Not a valid date (expected YYYY-MM-DD): {value}.")
UNKNOWN_CODE = Refusal("Unknown code {code}; see the {table} reference table.")
SEVERAL_CODES = Refusal(
    "{code} is the start of the names of several codes of the {table} reference table ({choices}): write the "
    "code or the whole name."
)
TOO_LONG = Refusal("Longer than {limit} characters.", numbers=("limit",))
# A reference written as a stand-in for none ("-", "0", "tidak ada", "n/a"), as HR writes it for a fact whose
# document bears no number (a coaching, a mentoring): no number, and the next such fact would be taken for the first
# one (the ledger tells facts apart by their reference: REFERENCE_USED)
PLACEHOLDER = Refusal(
    "{value} is not a reference number but a stand-in for none: write the number of the document that records this "
    "fact (its certificate, decree, letter or assignment number), so that it is told apart from other facts.",
    quotes=("value",),
)
# The fields holding a document's own number, in which a stand-in for none is refused (PLACEHOLDER)
NUMBER_FIELDS = frozenset({"reference", "latsar_certificate"})
# The words written for "none", compared without letter case, spaces or punctuation
_NONE_WORDS = frozenset(
    {"na", "none", "nil", "null", "nihil", "kosong", "tidakada", "tdkada", "tidak", "belumada", "tanpanomor"}
    | {"tidakadanomor", "notavailable", "notapplicable", "tba", "tbd", "xxx", "xx", "x", "nomor", "no"}
)

_NONZERO_DIGIT = re.compile("[1-9]")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def placeholder(text: str) -> bool:
    """Whether a number's text is a stand-in for none: no letter or digit in it ("-", "—", "..."), zeros alone ("0",
    "000"), or a word for none ("tidak ada", "n/a", "nihil"), in any letter case or punctuation."""
    if len(text) > 24 or _NONZERO_DIGIT.search(text):  # (no word for none is longer or holds a digit but 0: nearly
        return False  # every reference told at once)
    kept = _NOT_LETTER_OR_DIGIT.sub("", text.casefold())
    return not kept or kept.strip("0") == "" or kept in _NONE_WORDS


EXPONENT = Refusal(
    "{value} is written with an exponent (scientific notation), as a spreadsheet shows a long number: write the "
    "number out in full, in digits (the spreadsheet may have rounded it)."
)
# A code none is spelled, with the one it may be: a scope's agency not as its table writes it (careerlog.access), an
# agency with the nearest known (reference.Table.nearest: "Pemerintah Kota Meden", unknown_code)
UNKNOWN_NEAR = Refusal("Unknown code {code} (did you mean {near}?); see the {table} reference table.", either=("near",))
# A code of digits with a decimal point written without a zero of its code (a region "12.1": 12.10, as a spreadsheet's
# number drops it, or 12.01, as a SIASN code drops a leading zero): which one is not for the ledger to guess (an import
# reads a spreadsheet's cell as the first: careerlog.textfiles.read_region_numbers)
ZEROS_LEFT_OUT = Refusal(
    "Unknown code {code} (did you mean {near}? The digits after the point are written whole); see the {table} "
    "reference table.",
    either=("near",),
)
NEAREST_TABLES = ("agencies",)  # the tables whose unknown spelling is answered with the nearest codes
# A training's kind written as a leadership training's former name (Diklat PIM IV, Diklatpim III, PIM II): no code
# of training_kinds, and none read for it (a Diklatpim is STRUKTURAL in SIASN's list, and its successor's own kind
# since: which one the row means is not for the import to guess). Refused saying what to write.
OLD_LEADERSHIP_TRAINING = Refusal(
    "Unknown code {code}: a leadership training by its former name (Diklat PIM I to IV) is no training kind. "
    "Write the kind of training: STRUKTURAL (Diklat struktural / kepemimpinan), or the leadership training by its "
    "code or name since, PKN_I, PKN_II, PKA or PKP (Pelatihan Kepemimpinan Pengawas); the training's own name goes "
    "in its title (Nama Diklat)."
)
_OLD_LEADERSHIP = re.compile(r"(?:diklat\s*)?pim\b.*|diklatpim\b.*|diklat\s+kepemimpinan\s+tingkat\b.*", re.I)


@dataclass(frozen=True)
class FieldSpec:
    """One payload field of an event kind."""

    name: str
    type: type
    required: bool
    doc: str
    table: str | None

    @property
    def type_name(self) -> str:
        return {date: "date", int: "integer", str: "string", Decimal: "decimal", dict: "object"}.get(
            self.type, self.type.__name__
        )


def unwrap_optional(hint: Any) -> tuple[type, bool]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return unwrap_optional(args[0])[0], True
    if origin is dict:
        return dict, False
    return hint, False


_FIELDS: dict[type, tuple[FieldSpec, ...]] = {}


def payload_fields(event_cls: type[LedgerEvent]) -> tuple[FieldSpec, ...]:
    """The fields an HR administrator supplies for an event kind, in declaration order."""
    found = _FIELDS.get(event_cls)
    if found is None:
        found = _FIELDS[event_cls] = _read_fields(event_cls)
    return found


def _read_fields(event_cls: type[LedgerEvent]) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(event_cls)
    specs = []
    for f in dataclasses.fields(event_cls):
        if f.name in SYSTEM_FIELDS:
            continue
        kind, optional = unwrap_optional(hints[f.name])
        specs.append(FieldSpec(f.name, kind, not optional, f.metadata.get("doc", ""), f.metadata.get("table")))
    return tuple(specs)


# The fields a form asks before the effective date, by kind: days that come before it (a training's first day before
# its last, which is the training's effective date; an award's decree before its TMT), so that a form reads in the
# order a user fills it in.
ASKED_BEFORE_EFFECTIVE_DATE: dict[str, tuple[str, ...]] = {"training": ("start_date",), "award": ("decree_date",)}
_FILLED: dict[type, tuple[FieldSpec, ...]] = {}


def filled_fields(event_cls: type[LedgerEvent]) -> tuple[FieldSpec, ...]:
    """`payload_fields` in the order a user fills them in (the record form, the import page's columns, a refusal's
    fields): a training's first day before its last day (the effective date), an award's decree before its TMT. The
    stored order, the API's and `payload_fields`' stay the class's."""
    found = _FILLED.get(event_cls)
    if found is None:
        specs = payload_fields(event_cls)
        early = ASKED_BEFORE_EFFECTIVE_DATE.get(event_cls.KIND, ())
        moved = [spec for spec in specs if spec.name in early]
        rest = [spec for spec in specs if spec.name not in early]
        at = next((i for i, spec in enumerate(rest) if spec.name == "effective_date"), 0)
        found = _FILLED[event_cls] = (*rest[:at], *moved, *rest[at:])
    return found


_ABSENT: Any = object()  # a field not given


def parse_payload(event_cls: type[LedgerEvent], raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Typed payload values from plain data; InvalidInput names every bad field.

    With partial=True (corrections) only the given fields are read and none is required.
    Unknown fields are named first (in the order given), then the payload's fields in order.
    """
    if not partial:
        read = _READERS.get(event_cls) or _reader(event_cls)
        return _rank_as_its_code(event_cls, read(raw))
    return _parse_each(event_cls, raw, partial=partial)


def stand_ins(event_cls: type[LedgerEvent], raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """The number fields (NUMBER_FIELDS) of `event_cls` a payload writes as a stand-in for none, each with its
    refusal (PLACEHOLDER). Judged of live input alone (`parse_judged`): not by the parsers, which also read stored
    events and the corrections stored with them (a reference "-" recorded before the refusal still loads), nor of a
    migration, which keeps what a log holds."""
    found: dict[str, list[str]] = {}
    if not isinstance(raw, Mapping) or not NUMBER_FIELDS & raw.keys():
        return found
    names = {spec.name for spec in payload_fields(event_cls)}
    for name in NUMBER_FIELDS & names & raw.keys():
        value = raw[name]
        if type(value) is str and placeholder(text := value.strip()) and text:
            found[name] = [PLACEHOLDER.reason(value=quoted(text))]
    return in_field_order(event_cls, found)


def direction_controls(event_cls: type[LedgerEvent], raw: Mapping[str, Any]) -> dict[str, list[str]]:
    """The text fields of `event_cls` a payload writes with a control of the text's direction (BIDI_CONTROLS), each
    with its refusal naming the character. Judged of live input alone, as `stand_ins` are: a text recorded with one
    before 2026-12-07 still loads, and a migration keeps it."""
    if not isinstance(raw, Mapping):
        return {}
    found: dict[str, list[str]] = {
        spec.name: [control]
        for spec in payload_fields(event_cls)
        if type(value := raw.get(spec.name)) is str and not value.isascii() and (control := bidi_control(value))
    }
    return found  # (in the fields' order, as read)


def parse_judged(event_cls: type[LedgerEvent], raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """`parse_payload` of live input (a client's recording, or the changes of its correction): a number written as a
    stand-in for none refused too, and a text holding a control of its direction (`direction_controls`), named with
    the payload's other problems in its fields' order."""
    found = stand_ins(event_cls, raw)
    if controls := direction_controls(event_cls, raw):
        found = in_field_order(event_cls, {**found, **controls})
    try:
        values = parse_payload(event_cls, raw, partial=partial)
    except InvalidInput as e:
        if not found:
            raise
        raise InvalidInput(in_field_order(event_cls, {**e.errors, **found})) from None
    if found:
        raise InvalidInput(found)
    return level_as_its_code(event_cls, values)


def level_as_its_code(event_cls: type[LedgerEvent], values: dict[str, Any]) -> dict[str, Any]:
    """A post appointment's `level` as its code where it is a spelling of one level its post kind has (of any post
    kind's, for a correction that names no kind): a functional level by its name as the pages and the refusal give
    it ("Ahli Muda", "ahli  muda": AHLI_MUDA) or by its code in any case ("ahli_muda"), an eselon in any case
    ("iii.a": III.a). Any other value is left as typed for the appointment's checks to refuse (NOT_A_LEVEL). Of live
    input alone (`parse_judged`, and the cells of a refused recording that did read, careerlog.application
    `read_cells`): a stored level is read as recorded. Until 2026-12-05 only the code was read."""
    level = values.get("level")
    if type(level) is not str or event_cls.KIND != "post_appointment":
        return values
    ref = reference()
    kind = values.get("post_kind")
    spellings: dict[str, set[str]] = {}
    for code in ref.post_levels(kind if kind in ref.post_kinds.rows else None):
        names = [code, ref.functional_levels[code].name] if code in ref.functional_levels.rows else [code]
        for name in names:
            spellings.setdefault(_level_spelling(name), set()).add(code)
    codes = spellings.get(_level_spelling(level), set())
    if len(codes) == 1:
        values["level"] = codes.pop()
    return values


def _level_spelling(text: str) -> str:
    """A level's spelling compared in any letter case, spacing or underscore (AHLI_MUDA, Ahli Muda, "ahli  muda")."""
    return "".join(text.replace("_", " ").split()).casefold()


def in_field_order(event_cls: type[LedgerEvent], errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Errors named by field, the names no field of `event_cls` has first (as given), then its fields in order."""
    order = {spec.name: i for i, spec in enumerate(payload_fields(event_cls))}
    return dict(sorted(errors.items(), key=lambda item: order.get(item[0], -1)))


def _rank_as_its_code(event_cls: type[LedgerEvent], values: dict[str, Any]) -> dict[str, Any]:
    """An appointment's starting rank as its code: a golongan of the ranks table or a grade of the PPPK grades (the
    employment kind says which, so the field names no table and its text was kept as typed), where it is a spelling of
    one of them alone ("iii/a", "III - a": III/a; "ix": IX). Any other (unknown, or of the other kind) is left as
    typed for the appointment's checks to refuse. Until 2026-12-05 the spelling typed was recorded: an appointment at
    "ix" was a headcount group of its own beside IX (tests/functional/test_appointment_rank_recorded_as_its_code.py)."""
    if event_cls.KIND not in RANKED_AT_APPOINTMENT:  # (most kinds, asked first)
        return values
    rank = values.get("rank")
    if type(rank) is not str:
        return values
    values["rank"] = starting_rank_code(rank)
    return values


def starting_rank_code(rank: Any) -> Any:
    """A starting rank (an appointment's `rank`) as its code, as `_rank_as_its_code` records it: the code of the one
    table (ranks, pppk_grades) it is a spelling of; any other value as it is. The views read an appointment's rank so
    (projections.career `CareerRecord.rank_history`): one stored before 2026-12-05 holds the spelling typed ("iii/a"),
    which was a headcount group of its own beside III/a."""
    if type(rank) is not str:
        return rank
    ref = reference()
    if rank in ref.ranks.rows or rank in ref.pppk_grades.rows:
        return rank  # (a code already: every rank recorded since 2026-12-05, nearly every one before)
    tables = [table for table in (ref.ranks, ref.pppk_grades) if rank in table]
    return tables[0].normalise(rank) if len(tables) == 1 else rank


RANKED_AT_APPOINTMENT = ("appointment",)  # the kinds whose `rank` is the starting rank (AppointedAgain too)


def as_compared(event_cls: type[LedgerEvent], name: str, value: Any) -> Any:
    """A field's value as a recording of `event_cls` sent again is compared with the stored one: an appointment's
    rank as its code (`_rank_as_its_code`), since one stored before 2026-12-05 holds the spelling typed ("iii/a")
    and the same appointment parsed now holds its code ("III/a"); any other value as it is."""
    if name != "rank" or event_cls.KIND not in RANKED_AT_APPOINTMENT:
        return value
    return _rank_as_its_code(event_cls, {"rank": value})["rank"]


def stored_changes(event_cls: type[LedgerEvent], corrected_fields: Mapping[str, Any]) -> dict[str, Any]:
    """The typed changes of a stored correction of an `event_cls` fact. A field that class does not have here was
    written by a newer release (a later version of the class): RecordedByNewerRelease, not the InvalidInput (422) of
    a client's correction."""
    known = {spec.name for spec in payload_fields(event_cls)}
    unknown = [name for name in corrected_fields if name not in known]
    if unknown:
        raise RecordedByNewerRelease(
            f"a correction of {event_cls.__name__} sets {', '.join(unknown)}, which this release's "
            f"{event_cls.__name__} does not have"
        )
    return _parse_each(event_cls, corrected_fields, partial=True, as_stored=True)  # (a rank as typed before 2026-12-05)


def _parse_each(
    event_cls: type[LedgerEvent], raw: Mapping[str, Any], *, partial: bool = False, as_stored: bool = False
) -> dict[str, Any]:
    """`parse_payload` field by field (the reader `_reader` makes for a whole payload reads the same); `as_stored`: a
    stored correction's values, an appointment's rank kept as stored (_rank_as_its_code)."""
    errors: FieldErrors | None = None  # made at the first error
    values: dict[str, Any] = {}
    given = 0  # how many of the payload's fields are in raw
    for name, required, parse in _PARSERS.get(event_cls) or _parsers(event_cls):
        value = raw.get(name, _ABSENT)
        if value is not _ABSENT:
            given += 1
            try:
                values[name] = parse(value)
            except ValueError as e:
                if errors is None:
                    errors = FieldErrors()
                errors.add(name, reason_of(e))
        elif not partial:
            if required:
                if errors is None:
                    errors = FieldErrors()
                errors.add(name, MISSING)
            else:
                values[name] = None
    if given != len(raw):
        errors = _unknown_first(event_cls, raw, FieldErrors() if errors is None else errors)
    if errors is not None:
        errors.raise_if_any()
    return values if as_stored else _rank_as_its_code(event_cls, values)


def _unknown_first(event_cls: type[LedgerEvent], raw: Mapping[str, Any], errors: FieldErrors) -> FieldErrors:
    """The unknown fields of raw, then the errors of the payload's fields."""
    known = {spec.name for spec in payload_fields(event_cls)}
    found = FieldErrors()
    for name in raw:
        if name not in known:
            found.add(name, UNKNOWN_FIELD)
    found.errors.update(errors.errors)
    return found


Parser = Callable[[Any], Any]
_PARSERS: dict[type, tuple[tuple[str, bool, Parser], ...]] = {}


def _parsers(event_cls: type[LedgerEvent]) -> tuple[tuple[str, bool, Parser], ...]:
    """Each payload field's name, whether it is required, and how its value is read (as `parse_value`)."""
    found = _PARSERS.get(event_cls)
    if found is None:
        specs = payload_fields(event_cls)
        found = _PARSERS[event_cls] = tuple((spec.name, spec.required, field_parser(spec)) for spec in specs)
    return found


_READERS: dict[type, Callable[[Mapping[str, Any]], dict[str, Any]]] = {}


def _reader(event_cls: type[LedgerEvent]) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """A function reading a whole payload of a class as `_parse_each` does (not partial), written out field by field.

    Each field's common case (a code, a text, a date as a string, an integer) is read
    inline; anything else goes to the field's parser (`field_parser`), which gives the
    same values and errors. One function per class instead of a loop calling a parser per
    field: a bulk import reads every row's payload.
    """
    found = _READERS.get(event_cls)
    if found is not None:
        return found
    namespace: dict[str, Any] = {
        "ABSENT": _ABSENT,
        "FieldErrors": FieldErrors,
        "MISSING": MISSING,
        "reason_of": reason_of,
        "MAX": MAX_TEXT,
        "fromisoformat": date.fromisoformat,  # (of a text of iso_day's form, its test written out below)
        "utf8": utf8,
        "unknown_first": _unknown_first,
        "event_cls": event_cls,
    }
    lines = ["def read(raw):", "    get = raw.get", "    errors = None", "    values = {}", "    given = 0"]
    fields = zip(_parsers(event_cls), payload_fields(event_cls), strict=True)
    for i, ((name, required, parse), spec) in enumerate(fields):
        namespace[f"N{i}"], namespace[f"P{i}"] = name, parse
        lines += [f"    value = get(N{i}, ABSENT)", "    if value is ABSENT:"]
        if required:
            lines += ["        if errors is None:", "            errors = FieldErrors()"]
            lines += [f"        errors.add(N{i}, MISSING)"]
        else:
            lines += [f"        values[N{i}] = None"]
        lines += ["    else:", "        given += 1", "        try:"]
        text = (
            "type(value) is str and 0 < len(text := value.strip()) <= MAX and '\\x00' not in text"
            " and (text.isascii() or utf8(text))"
        )
        if spec.type is str and spec.table:
            aliases = reference().table(spec.table).aliases
            namespace[f"A{i}"], namespace[f"E{i}"] = aliases, exact_spellings(aliases)
            lines += [
                f"            if type(value) is str and (code := E{i}.get(value)):",  # (as written: most rows)
                f"                values[N{i}] = code",
                f"            elif {text} and (code := A{i}.get(text.upper())):",
                f"                values[N{i}] = code",
                "            else:",
                f"                values[N{i}] = P{i}(value)",
            ]
        elif spec.type is str:
            lines += [f"            if {text}:", f"                values[N{i}] = text", "            else:"]
            lines += [f"                values[N{i}] = P{i}(value)"]
        elif spec.type is date and not spec.table:
            lines += [
                # iso_day(value.strip()) without the call: a text not of its form goes to the parser, as its
                # ValueError sent it
                "            if (",
                "                type(value) is str",
                "                and len(day := value.strip()) == 10",
                "                and day[4] == '-'",
                "                and day[7] == '-'",
                "            ):",
                "                try:",
                f"                    values[N{i}] = fromisoformat(day)",
                "                except ValueError:",
                f"                    values[N{i}] = P{i}(value)",
                "            else:",
                f"                values[N{i}] = P{i}(value)",
            ]
        elif spec.type is int and not spec.table:
            lines += [f"            values[N{i}] = value if type(value) is int else P{i}(value)"]
        else:
            lines += [f"            values[N{i}] = P{i}(value)"]
        lines += [
            "        except ValueError as e:",
            "            if errors is None:",
            "                errors = FieldErrors()",
            f"            errors.add(N{i}, reason_of(e))",
        ]
    lines += [
        "    if given != len(raw):",
        "        errors = unknown_first(event_cls, raw, FieldErrors() if errors is None else errors)",
        "    if errors is not None:",
        "        errors.raise_if_any()",
        "    return values",
    ]
    exec("\n".join(lines) + "\n", namespace)  # noqa: S102 - built from the class's own field names
    read: Callable[[Mapping[str, Any]], dict[str, Any]] = namespace["read"]
    _READERS[event_cls] = read
    return read


def exact_spellings(aliases: Mapping[str, str]) -> dict[str, str]:
    """Each spelling a value may be written in exactly (an alias or a code, nothing to strip, no NUL, 1 to MAX_TEXT
    characters) with the code it reads as: for it `aliases.get(value.strip().upper())`, without the copies."""
    found = {}
    for spelling in (*aliases, *aliases.values()):
        if spelling == spelling.strip() and 0 < len(spelling) <= MAX_TEXT and "\x00" not in spelling:
            code = aliases.get(spelling.upper())
            if code:
                found[spelling] = code
    return found


def field_parser(spec: FieldSpec) -> Parser:
    """`parse_value` for one field, with the common cases read directly (the same values and errors).

    A string for a string or a date, and an integer for an integer, are read here; every
    other value goes through `parse_value`.
    """

    def generic(value: Any) -> Any:
        return parse_value(spec, value)

    required, table_name = spec.required, spec.table
    if spec.type is str:
        normalise: Callable[[str], str] | None = None  # the table's, taken at first use (reference() is loaded once)

        def text(value: Any) -> Any:
            nonlocal normalise
            if type(value) is not str:
                return parse_value(spec, value)
            converted = value.strip()
            if len(converted) > MAX_TEXT or "\x00" in converted or not (converted.isascii() or utf8(converted)):
                return parse_value(spec, value)
            if table_name:
                if normalise is None:
                    normalise = reference().table(table_name).normalise
                try:
                    converted = normalise(converted)
                except KeyError:
                    raise ValueError(unknown_code(converted, table_name)) from None
            if converted == "":
                if required:
                    raise ValueError(EMPTY)
                return None
            return converted

        return text
    if spec.type is date and not table_name:

        def day(value: Any) -> Any:
            if type(value) is not str:
                return parse_value(spec, value)
            stripped = value.strip()
            if not stripped:
                if required:
                    raise ValueError(NULL)
                return None
            try:
                return iso_day(stripped)
            except ValueError:
                raise ValueError(not_a_date(value)) from None

        return day
    if spec.type is int and not table_name:

        def integer(value: Any) -> Any:
            return value if type(value) is int else parse_value(spec, value)

        return integer
    return generic


def unknown_code(value: Any, table_name: str) -> str:
    """The refusal of a value no code of the table is spelled: the codes whose names it begins when it begins
    two or more ("Pilihan": 201, 202, 203, 206), else UNKNOWN_CODE."""
    words = str(value).casefold().split()
    if words:
        choices = [
            f"{code.code} {code.name}"
            for code in reference().table(table_name)
            if code.name.casefold().replace(":", " ").split()[: len(words)] == words
        ]
        if len(choices) > 1:
            return SEVERAL_CODES.reason(code=quoted(value), table=table_name, choices="; ".join(choices))
    if table_name == "training_kinds" and _OLD_LEADERSHIP.fullmatch(str(value).strip()):
        return OLD_LEADERSHIP_TRAINING.reason(code=quoted(value))
    if zeros := reference().table(table_name).zeros_left_out(str(value)):
        named = " or ".join(f"{code.code} ({code.name})" for code in zeros)
        return ZEROS_LEFT_OUT.reason(code=quoted(value), table=table_name, near=named)
    if table_name in NEAREST_TABLES and (near := reference().table(table_name).nearest(str(value))):
        named = " or ".join(f"{code.code} ({code.name})" for code in near)
        # (quoted whole up to 200 characters, from before where it parts from the nearest name past that: a name
        # typed in full, "Pemerintah Kabupaten Labuhanbatu Selatan", was cut at 40 until 2026-12-07)
        [typed, _] = quoted_apart(value, near[0].name)
        return UNKNOWN_NEAR.reason(code=typed, table=table_name, near=named)
    return UNKNOWN_CODE.reason(code=quoted(value), table=table_name)


class Unreadable:
    """A cell its client could not read (a date a spreadsheet stored as its day count, a number the record form
    cannot read), handed on in its place with the reason: whatever the field, it is refused with that reason, so
    that the rest of the recording is judged with it (careerlog.application: every problem at once) and nothing
    is recorded."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return Unreadable, (self.reason,)

    def __repr__(self) -> str:
        return f"Unreadable({self.reason!r})"


# A number written with an exponent, in digits 0-9, its decimal mark a point or (a spreadsheet in Indonesian) a comma
EXPONENT_FORM = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)[eE][+-]?[0-9]+")
WRITTEN_OUT_DIGITS = 30  # a number written with an exponent is written out in full up to so many digits


def with_exponent(text: str) -> bool:
    """Whether a number's text (spaces around it trimmed) is written with an exponent: "1e3", "1.5E+06", "1,5E+06"."""
    return EXPONENT_FORM.fullmatch(text.strip()) is not None


class WrittenWithExponent:
    """A number a client was sent written with an exponent ("1e3" as a JSON string, "1,5E+06" in an imported cell, as
    a spreadsheet shows a long number, rounded), handed on to the ledger in its place. The ledger judges the number
    first (careerlog.application.CareerLog.execute): one its field's own checks refuse (a training's cost of 1e400)
    is refused with their reason, any other with EXPONENT, so that it is never recorded. Only the clients make one
    (the API's number fields, an import's reader): a stored event never holds one, and the ledger's own reading of
    a number (`parse_value`) is as before, so no replay or rebuild ever meets it (parse_value refuses one)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text.strip()

    def __reduce__(self) -> tuple[Any, ...]:
        return WrittenWithExponent, (self.text,)

    def __repr__(self) -> str:
        return f"WrittenWithExponent({self.text!r})"

    def refusal(self) -> str:
        return EXPONENT.reason(value=quoted(self.text))

    def written_out(self) -> str:
        """The number written out in full in digits ("1e3": "1000"), as the ledger reads a number; past
        WRITTEN_OUT_DIGITS digits its text with a decimal point, which a decimal field reads and a whole number's
        refuses."""
        text = self.text.replace(",", ".")
        number = Decimal(text)
        return format(number, "f") if abs(number.adjusted()) <= WRITTEN_OUT_DIGITS else text


def parse_value(spec: FieldSpec, value: Any) -> Any:
    """One field's value, converted and checked against its reference table."""
    if type(value) is Unreadable:
        raise ValueError(value.reason)
    if type(value) is WrittenWithExponent:  # (the ledger judged its number first: CareerLog.execute)
        raise ValueError(value.refusal())
    if value is None or (isinstance(value, str) and not value.strip() and spec.type is not str):
        if spec.required:
            raise ValueError(NULL)
        return None
    try:
        converted = _CONVERTERS[spec.type](value)
    except ValueError as e:  # (a training's JP that is no whole number named as JP: HOURS_NOT_WHOLE)
        if spec.name == "hours" and reason_of(e) == NOT_INTEGER:
            raise ValueError(hours_refusal(value)) from None
        raise
    if spec.table and converted is not None:
        table = reference().table(spec.table)
        if converted not in table:
            raise ValueError(unknown_code(converted, spec.table))
        converted = table.normalise(converted)
    if spec.type is str and converted == "" and spec.required:
        raise ValueError(EMPTY)
    if spec.type is str and converted == "":
        return None
    return converted


def _to_str(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not utf8(str(value)):
        raise ValueError(NOT_STRING)
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(TOO_LONG.reason(limit=MAX_TEXT))
    if "\x00" in text:
        raise ValueError(NUL)  # PostgreSQL's text cannot hold one
    return text


def names_given_twice(pairs: list[tuple[str, Any]]) -> list[str]:
    """The names a JSON object read gives more than once (its pairs, as json.loads' object_pairs_hook has them), in the
    order of their second mention; none for nearly every object. json.loads keeps a name's last value and drops the
    other unseen: the API's bodies and `careerlog record`'s JSON fields refuse such a name instead."""
    if len({name for name, _ in pairs}) == len(pairs):
        return []
    seen: set[str] = set()
    return list(dict.fromkeys(name for name, _ in pairs if name in seen or seen.add(name)))  # type: ignore[func-returns-value]


def in_nfc(text: str) -> str:
    """A text in Unicode normalization form C (composed: é as one character, not e and a combining accent), the form
    a recording's texts are kept in from 2026-12-05 (`in_nfc_payload`). The same text in another form (NFD, as macOS
    file names and some input methods write it) looks the same and is the same text; NFKC is not taken: it changes
    what a text shows (a superscript ² becomes 2, a ligature ﬁ fi)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def in_nfc_payload(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """A payload as plain data with each text in it (a correction's changes' too) in NFC (`in_nfc`): itself when every
    text is (nearly every payload: ASCII). Until 2026-12-05 a text was recorded in the form sent, and the same
    training sent once with "Café" composed and once decomposed was recorded twice."""
    try:
        if orjson.dumps(payload).isascii():  # (every name and text ASCII, found at once: nearly every payload)
            return payload
    except TypeError:  # (a value orjson does not write, an unread cell's: judged value by value)
        pass
    changed: dict[str, Any] | None = None
    for name, value in payload.items():
        kind = type(value)
        if kind is str:
            if value.isascii():
                continue
            new: Any = in_nfc(value)
        elif kind is dict:
            new = in_nfc_payload(value)
        elif kind is list:
            new = [in_nfc(v) if type(v) is str else in_nfc_payload(v) if type(v) is dict else v for v in value]
            if new == value:  # (code point by code point: a text in another form differs)
                continue
        else:
            continue
        if new is value:
            continue
        if changed is None:
            changed = dict(payload)
        changed[name] = new
    return payload if changed is None else changed


def bidi_control(text: str) -> Reason | None:
    """The refusal of the first control of the text's direction a text holds (BIDI_CONTROLS), or None."""
    found = next((c for c in text if c in BIDI_CONTROLS), None)
    if found is None:
        return None
    return BIDI_CONTROL.reason(code=f"{ord(found):04X}", name=unicodedata.name(found))


def utf8(text: str) -> bool:
    """Whether a text can be written in UTF-8, as the log stores it: not when it holds a lone surrogate (a byte that
    is no UTF-8 in a command's argument, which Python's argv keeps as one; a JSON escape such as "\\ud800")."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def whole_number(text: str) -> bool:
    """Whether a text is digits 0-9 only (str.isdigit also takes other scripts' digits and "²", which int() refuses)."""
    return text.isascii() and text.isdigit()


def ascii_number(text: str) -> bool:
    """Whether a number's text is written in ASCII alone with no digit-group underscore, as careerlog documents its
    numbers (digits 0-9): int(), float() and Decimal() (and marshmallow's number fields, which call them) also read
    other scripts' digits (Arabic-Indic, full-width: 12 written in either) and '1_000' as 1000, which no client means
    to send and a person reading the request would not take for the number it becomes."""
    return text.isascii() and "_" not in text


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(NOT_INTEGER)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and whole_number(unsigned(text := value.strip())):
        try:
            return int(text)
        except ValueError:  # (more digits than int() reads: sys.get_int_max_str_digits, 4,300)
            raise ValueError(NOT_INTEGER) from None
    raise ValueError(NOT_INTEGER)


def iso_day(text: str) -> date:
    """The day written YYYY-MM-DD; ValueError for any other form. date.fromisoformat alone also reads ISO 8601's
    basic and week forms (20210817, 2021-W33-2), which no page or document offers, a reader would not take for the
    day they mean, and the API refuses (web/api/fields.PlainDate): until 2026-12-04 an import and `careerlog record`
    recorded them. A text of ten characters with dashes at the fifth and eighth that fromisoformat reads is no other
    form (the basic one has no dash, the week one a W after the first)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return date.fromisoformat(text)


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError(DATE_AND_TIME)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return iso_day(value.strip())
        except ValueError:
            raise ValueError(not_a_date(value)) from None
    raise ValueError(NOT_DATE.reason(value=cut(repr(value))))


def not_a_date(text: str) -> Any:
    """NOT_DATE of a text that is no date; NO_SUCH_ISO_DAY of one written YYYY-MM-DD that the calendar does not have
    (2014-02-30), as a recording's own date is refused (until 2026-12-06 a correction's corrected date was "Not a valid
    date (expected YYYY-MM-DD): '2014-02-30'.")."""
    return NO_SUCH_ISO_DAY if ISO_FORM.fullmatch(text.strip()) else NOT_DATE.reason(value=quoted(text))


def unsigned(text: str) -> str:
    """A number's text without its one sign, + or - (int() reads either, as the API's and the command line's
    numbers do: "+24" is 24; until 2026-12-04 a whole number of a payload refused the +, an amount took it)."""
    return text[1:] if text[:1] in ("+", "-") else text


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(NOT_NUMBER)
    text = str(value).strip()  # (str.strip trims a no-break space, U+00A0 or U+202F, as a space: a whole number too)
    if isinstance(value, str) and not ascii_number(text):
        raise ValueError(NOT_NUMBER)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(NOT_NUMBER) from None
    if not number.is_finite():
        raise ValueError(NOT_NUMBER)
    return number.copy_abs() if number.is_zero() else number  # ("-0" is 0, as a whole number's is: not kept "-0")


def _to_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(NOT_OBJECT)
    return dict(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise ValueError(NOT_BOOLEAN)


_CONVERTERS: dict[type, Any] = {
    str: _to_str,
    int: _to_int,
    date: _to_date,
    Decimal: _to_decimal,
    dict: _to_dict,
    bool: _to_bool,
}


def to_plain(value: Any) -> Any:
    """A typed payload value as plain JSON data (dates as ISO strings, decimals as strings)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def same_value(a: Any, b: Any) -> bool:
    """Whether two payload values are the same value: as plain data (to_plain), but an amount by its value whatever
    its decimals (1500000.00 is 1500000: a spreadsheet writes one amount either way), and a text whatever its
    Unicode normalization form ("Café" written with é or with e and a combining accent: `in_nfc`; one stored before
    2026-12-05 may be in either)."""
    if type(a) is str and type(b) is str:
        return a == b or (not (a.isascii() and b.isascii()) and in_nfc(a) == in_nfc(b))
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except InvalidOperation:
            return False
    return bool(to_plain(a) == to_plain(b))


def json_default(value: Any) -> Any:
    """What orjson cannot write itself: decimals, as strings (orjson writes dates and times as ISO strings)."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"Cannot store a {type(value).__name__}")


def plain_json(value: Any) -> bytes:
    """JSON of typed values, the same as `orjson.dumps(to_plain(value))` without copying them first."""
    return orjson.dumps(value, default=json_default)

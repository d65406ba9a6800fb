"""The API's problems in the client's language: Indonesian when its Accept-Language asks for it (`id`, `id-ID`), English
otherwise, by the pages' catalogue (web/translations).

A problem's `title` (its status's, web.errors.TITLES), its `detail` and each reason of its `errors` are translated as
the pages translate the ledger's refusals (web.pages.messages.wording_in_language): a Reason by its template's
translation, each value that is itself worded translated so too, each quantity (its template's `numbers`) as the
language writes it, every digit as given ("0,2 detik", "1.000.000.000.000 rupiah", "99,9999 rupiah"; until 2026-12-07 as
the English, "0.2 detik"), the other values as the English gives them (a code, a date, a field's name, an identifier:
a version, a year, careerlog.domain.wording.IDENTIFIERS; what a client may read them by); a plain text by
the catalogue's entry of it, or, when it is marshmallow's own wording with its values ("Must be one of: A, B."), by that
wording's (MARSHMALLOW). A text the catalogue has no entry of stays in English. What a client keys on is never
translated: `type`, the field names of `errors`, the problem type's own members. The answer says its language
(Content-Language) and varies by Accept-Language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import request
from flask_babel import force_locale, gettext
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from careerlog.domain.wording import Reason, Refusal, fill
from careerlog.reference import reference
from web.errors import TITLES, api_worded, table_path
from web.pages.messages import characters_named, number, wording_in_language

API_LANGUAGES = ("en", "id")  # English first: the answer to a client asking for neither (or for nothing)
DEFAULT_LANGUAGE = "en"

# marshmallow's own wordings of a field's refusal (its fields' and validators' default messages, marshmallow 4), as a
# schema of the API leaves them: each translated in the catalogue, and read back with its values from the English
# marshmallow gives (a Range's words as it puts them together: "Must be greater than or equal to {min}."); a bound
# or a length written as the language writes a number (a date's bound, no number, as it is)
MARSHMALLOW = tuple(
    Refusal(text, numbers=("min", "max", "equal"))
    for text in (
        "Missing data for required field.",
        "Field may not be null.",
        "Unknown field.",
        "Invalid input type.",
        "Invalid type.",
        "Invalid value.",
        "Invalid input.",
        "Not a valid string.",
        "Not a valid utf-8 string.",
        "Not a valid integer.",
        "Not a valid number.",
        "Number too large.",
        "Special numeric values (nan or infinity) are not permitted.",
        "Not a valid boolean.",
        "Not a valid date.",
        "Not a valid datetime.",
        "Not a valid list.",
        "Not a valid mapping type.",
        "Not a valid tuple.",
        "Not a valid UUID.",
        "Not a valid URL.",
        "Not a valid email address.",
        "String does not match expected pattern.",
        "Must be one of: {choices}.",
        "Must be equal to {other}.",
        "One or more of the choices you made was not in: {choices}.",
        "Length must be between {min} and {max}.",
        "Length must be {equal}.",
        "Longer than maximum length {max}.",
        "Shorter than minimum length {min}.",
        "Must be greater than or equal to {min}.",
        "Must be greater than {min}.",
        "Must be less than or equal to {max}.",
        "Must be less than {max}.",
        "Must be greater than or equal to {min} and less than or equal to {max}.",
    )
)
# A refusal naming the reference table to read the codes of ("see the {table} reference table.", "see the agencies
# reference table."), wherever in its text: the API names the table's path after it in `errors`, in either language
# (web.errors.api_worded, SEE_TABLE; until 2026-12-07 an Indonesian one only at the end of its text, and in `detail`
# too, where English names none); in the translation, after its words for the table (TABLE_NAMED), else at the end
SEES_TABLE = re.compile(r"see the (\{table\}|\w+) reference table\.")
TABLE_NAMED = re.compile(r"(?:tabel referensi|see the \w+ reference table)(?: [\w./-]*\w)?")


# a language range's tag as werkzeug reads it from Accept-Language (request.accept_languages; RFC 9110 12.5.4: a tag or
# `*`): its primary subtag, or none for a range unread (garbage: "???", "id; x=y")
LANGUAGE_TAG = re.compile(r"(?P<primary>\*|[A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*")


# a range's weight as RFC 9110 12.4.2 writes it, `q=` and a qvalue (0 to 1, at most three decimals), here quoted too (as
# werkzeug reads `q="0.5"`); a range naming a weight otherwise (`q= 0`, `q=0.0001`, `q=2`, `q=garbage`) is unread
WEIGHT_NAMED = re.compile(r"\s*q\s*=", re.IGNORECASE)
WEIGHT = re.compile(r'\s*q=("?)(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)\1\s*', re.IGNORECASE)


def readable_ranges(header: str) -> str:
    """An Accept-Language header's ranges whose weight is readable (or none is named, q=1): werkzeug reads a weight it
    cannot as none named, so `id;q= 0` asked for Indonesian at 1 (until 2026-12-07), where the range counts for none."""
    return ",".join(
        part
        for part in header.split(",")
        if all(WEIGHT.fullmatch(p) or not WEIGHT_NAMED.match(p) for p in part.split(";")[1:])
    )


def api_language() -> str:
    """The language the client asks for (Accept-Language, as werkzeug parses it), English by default: of the ranges
    whose primary subtag is one of API_LANGUAGES (`id-ID` is Indonesian, `en-AU` English), the one of the highest
    weight, the first of them in the header on a tie; a weight of 0 refuses its language, `*` (any language) asks for
    English by its weight, and a range unread (garbage, or its weight unread) for none. On a tie between `*` and a
    range naming a language, the language named, wherever it stands (`*, id` is Indonesian): werkzeug orders `*`
    after the ranges naming one, as RFC 9110 has `*` stand for the languages no other range names. (Until 2026-12-07
    the API read the header itself, and `*` first on a tie was English; before that werkzeug's best_match chose: exact
    tags first, primary subtags after, so `en-US, id;q=0.5` was answered in Indonesian. A weight werkzeug cannot read it
    takes for none named, q=1: `id;q= 0` was Indonesian until 2026-12-07; now such a range counts for none, as a weight
    of more than three decimals, `q=0.0001`: readable_ranges.)"""
    best, weight = DEFAULT_LANGUAGE, 0.0
    # werkzeug's order: the ranges naming a language by weight, in the header's order on a tie, then `*` by weight;
    # the first of the highest weight is kept; of the ranges whose weight is readable alone (`readable_ranges`)
    for tag, q in parse_accept_header(readable_ranges(request.headers.get("Accept-Language", "")), LanguageAccept):
        read = LANGUAGE_TAG.fullmatch(tag)
        if read is None:
            continue
        primary = read["primary"].lower().replace("*", DEFAULT_LANGUAGE)
        if primary in API_LANGUAGES and q > weight:
            best, weight = primary, q
    return best


def in_language(body: dict[str, Any], language: str) -> dict[str, Any]:
    """A problem's members with its title, detail and errors in `language` (English: as they always were)."""
    if language == DEFAULT_LANGUAGE:
        if "errors" in body:
            body["errors"] = api_worded(body["errors"])
        return body
    with force_locale(language):
        told = dict(body)
        if (title := TITLES.get(body["status"])) is not None:
            told["title"] = gettext(title.text)
        told["detail"] = worded(body["detail"], paths=False)  # (as English's: a table's path in `errors` alone)
        if "errors" in body:
            told["errors"] = worded(body["errors"])
        return told


def worded(reasons: Any, paths: bool = True) -> Any:
    """Reasons (a text, a list of them, fields' reasons by name, nested) in the current language; the names as they
    are. `paths`: a reference table a reason names followed by its path, as `errors` name it (not `detail`)."""
    if isinstance(reasons, Mapping):
        return {name: worded(value, paths) for name, value in reasons.items()}
    if isinstance(reasons, list | tuple):
        return [worded(value, paths) for value in reasons]
    if type(reasons) is Reason:
        return reason_words(reasons, paths)
    if isinstance(reasons, str) and reasons:
        found = marshmallows(reasons)
        if found is not None:
            return reason_words(found, paths)
        return api_worded(gettext(reasons)) if paths else gettext(reasons)
    return reasons


def reason_words(reason: Reason, paths: bool = True) -> str:
    """A refusal by its template's translation, a worded value by its own, a number as the language writes it, the
    other values as the English gives them, an invisible character a quote names named in the language
    (characters_named); with `paths`, a refusal naming a reference table naming the table's path
    (GET /api/v1/reference/TABLE) after the table's words (SEES_TABLE)."""
    numbers = reason.refusal.numbers
    values = {
        name: reason_words(value, paths)
        if type(value) is Reason
        else number(value)
        if name in numbers
        else characters_named(value)
        for name, value in reason.params
    }
    text = fill(wording_in_language(reason.refusal, dict(reason.params)), values)
    seen = SEES_TABLE.search(reason.refusal.text) if paths else None
    if seen is None:
        return text
    table = values["table"] if seen[1] == "{table}" else seen[1]
    if table not in reference().names:
        return text
    path = f" (GET {table_path(table)})"
    named = TABLE_NAMED.search(text)
    if named is not None:
        return f"{text[: named.end()]}{path}{text[named.end() :]}"
    return f"{text[:-1]}{path}." if text.endswith(".") else f"{text}{path}"


def marshmallows(text: str) -> Reason | None:
    """marshmallow's wording with its values, read back from its English (MARSHMALLOW; as careerlog.domain.wording.parse
    reads a stored finding); None for another text."""
    found = [(r, m) for r in MARSHMALLOW if (m := r.pattern.fullmatch(text)) is not None]
    if not found:
        return None
    # (the wording whose fixed words explain more of the text: "Must be greater than or equal to 1 and less than or
    # equal to 500." is the range's, not {min} "1 and less than ..." of its lower bound's)
    refusal, match = min(found, key=lambda rm: sum(len(v) for v in rm[1].groupdict().values()))
    return Reason(refusal, tuple((name, match[name]) for name in refusal.names))

"""The audit's findings, the eligibility requirements, the award findings and the ledger's refusals in the
visitor's language.

The views store each message in English, rendered from a template of careerlog/domain/wording.py.
A page recovers the template and its values from the stored text, shows the template's translation
(web/translations) and the values localised: dates and numbers in the visitor's language, codes as
they are. A text of no known template is shown as stored.

A refusal (careerlog.domain.wording.Reason) carries its template and values itself: the page shows the
template's translation with the values localised, reading nothing back from the English. `extract`
(babel.cfg) hands every template and every refusal to the translators.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Collection, Iterator, Mapping
from decimal import Decimal
from typing import IO, Any

from babel.numbers import format_decimal
from flask_babel import get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l

import careerlog
import projections
from careerlog.domain.errors import NAMED_CHARACTER
from careerlog.domain.ledger import FIELD_REASONS, FORM_KEY_REUSED, KEY_REUSED, REFERENCE_USED
from careerlog.domain.payload import UNKNOWN_CODE
from careerlog.domain.wording import REFUSALS, TEMPLATES, Reason, Refusal, Template, fill, parse
from careerlog.importing import REPEATED_KEY_VALUES, REPEATED_REFERENCE, REPEATED_REFERENCE_FOUND
from careerlog.reference import Table, reference
from projections.merit.audit import (
    APPOINTED_AGAINST,
    APPOINTMENT_WOULD_BE_AGAINST,
    LATE_EVIDENCE,
    POST_WOULD_BE_AGAINST,
    POSTED_AGAINST,
    RECORDED_AGAINST,
    WOULD_BE_AGAINST,
)
from projections.merit.queries import PASSED_OVER_FINDING
from projections.merit.rules import (
    EXAM_EXEMPT_EDUCATION,
    EXAM_EXEMPT_TRAINING,
    EXAM_MISSING,
    EXAM_PASSED,
    NO_PENALTY,
    PENALTY,
)
from web.pages import local_date, local_datetime
from web.pages.labels import (
    Extracted,
    field_label,
    kind_label,
    promotion_kind_in_text,
    promotion_kind_label,
    python_messages,
    reference_name,
    table_name,
)

OR = _l("or")

# Templates stored with a count and an "(s)", or in a developer's shorthand (the stored English stays as it is):
# the pages show the count's plural form, by the count's placeholder and the wording for that count (ngettext, so
# the extraction hands both forms to the translators).
PLURALS: dict[str, tuple[str, Callable[[int], str]]] = {
    LATE_EVIDENCE.text: (
        "count",
        lambda n: ngettext(
            "{count} supporting fact effective by {day} recorded after the decision ({moment})",
            "{count} supporting facts effective by {day} recorded after the decision ({moment})",
            n,
        ),
    ),
    PASSED_OVER_FINDING.text: (
        "count",
        lambda n: ngettext(
            "{count} eligible colleague of the same unit and rank clearly stronger, not chosen on {day}",
            "{count} eligible colleagues of the same unit and rank clearly stronger, not chosen on {day}",
            n,
        ),
    ),
    PENALTY.text: (  # (a met check is stored NO_PENALTY's "no blocking penalty served on ...")
        "count",
        lambda n: ngettext(
            "{count} disciplinary penalty barring promotion is in force on {day}",
            "{count} disciplinary penalties barring promotion are in force on {day}",
            n,
        ),
    ),
}


# Templates the pages word otherwise than the stored English, where a code the English gives is named in full: an exam
# is named "Service exam, level I (II/d to III/a)" ("Ujian dinas tingkat I (II/d ke III/a)"), which says it is an
# exam, where the stored "exam UD_I not passed by ..." read on the pages as "exam UD_I" / "ujian UD_I".
PAGE_WORDINGS: dict[str, Any] = {
    EXAM_MISSING.text: _l("{exams} not passed by {day}"),
    NO_PENALTY.text: _l("No disciplinary penalty bars a promotion on {day}"),
    EXAM_PASSED.text: _l("{exams} passed"),
    EXAM_EXEMPT_EDUCATION.text: _l("{exams} not needed: education {level} held"),
    EXAM_EXEMPT_TRAINING.text: _l("{exams} not needed: {training} completed on {day}"),
}


@functools.cache
def load_templates() -> dict[str, Template]:
    """Every template of the projections (each module imported, so each template has registered itself)."""
    for module in pkgutil.walk_packages(projections.__path__, "projections."):
        importlib.import_module(module.name)
    return TEMPLATES


@functools.cache
def load_refusals() -> dict[str, Refusal]:
    """Every refusal of careerlog, the projections, the services, the record form and the API's problems (each module
    imported, each registered)."""
    load_templates()
    for module in pkgutil.walk_packages(careerlog.__path__, "careerlog."):
        importlib.import_module(module.name)
    importlib.import_module("web.services")
    importlib.import_module("web.pages.hr")  # (the record form: its refusals are the ledger's and the scope's now)
    importlib.import_module("web.languages")  # (marshmallow's own wordings, as the API's problems translate them)
    return REFUSALS


def number(value: str) -> str:
    """A number as the English shows it (12, 31.25, 1,000,000, 99.9999) in the visitor's language, every digit as
    given, only its separators the language's ("99,9999", "1,50", "1.000.000"; until 2026-12-07 to three places, 99.9999
    read "100" and 0.0001 "0"); one that is none, or too long for Babel to format, as it is. A quantity's alone: an
    identifier (a version, a year) is never one (careerlog.domain.wording.IDENTIFIERS)."""
    if "e" in value.lower():  # (written with an exponent, 1e400: as it is, no quantity babel should spell out)
        return value
    try:
        exact = Decimal(value.replace(",", ""))
        if not exact.is_finite():
            return value
        places = max(0, -int(exact.as_tuple().exponent))
        pattern = "#,##0." + "0" * places if places else "#,##0"
        return str(format_decimal(exact, pattern, locale=get_locale(), decimal_quantization=False))
    except (ValueError, ArithmeticError):  # (decimal.InvalidOperation is an ArithmeticError)
        return value


# The refusals of a reference (or a client key) sent again with other values, naming those fields ({fields}): each by
# its label in the visitor's language, as the form and the report name fields (the API keeps the code names)
# by the label the fact's kind gives it (a training's effective date is "Last day of the training", as its form and
# timeline name it: labels.KIND_FIELD_LABELS), the kind the reason is of (`Reason.kind`, or its own {kind})
DIFFERING_FIELDS = (
    REFERENCE_USED,
    REPEATED_REFERENCE,
    REPEATED_REFERENCE_FOUND,
    KEY_REUSED,
    REPEATED_KEY_VALUES,
    FORM_KEY_REUSED,
)


def localised(template: Template, name: str, value: str, kind: str | None = None) -> str:
    """One value as the visitor reads it: a date, time or number in their language; alternatives joined
    by their "or"; a reference code by its name (BAIK: Baik; a promotion kind in the visitor's language:
    labels.promotion_kind_in_text); any other code as it is."""
    table = dict(template.codes).get(name)
    if table == "promotion_kinds":  # (its English label on an English page, with the code)
        return promotion_kind_in_text(value)
    if table is not None and name in template.either:  # alternatives, each a code (PELAKSANA or FUNGSIONAL)
        return f" {OR} ".join(code_in_text(table, code) for code in value.split(" or "))
    if table is not None:  # a code, or a list of codes (allowed: OPEN, TALENT_POOL)
        return ", ".join(code_in_text(table, code) for code in value.split(", "))
    if name in template.dates:
        return local_date(value)
    if name in template.times:
        return local_datetime(value)
    if name in template.numbers:
        return number(value)
    if name in template.either:
        return f" {OR} ".join(value.split(" or "))
    if name in template.kinds:
        return kind_named(template, name, value)
    if name == "table":  # (a reference table a refusal names: tabel referensi jenis pelatihan)
        return table_name(value)
    if name == "fields" and template in DIFFERING_FIELDS:  # (the fields of a reference sent with other values)
        return ", ".join(field_label(field, kind) for field in value.split(", "))
    if name == "finding" and template in (
        RECORDED_AGAINST,
        WOULD_BE_AGAINST,
        APPOINTED_AGAINST,
        APPOINTMENT_WOULD_BE_AGAINST,
        POSTED_AGAINST,
        POST_WOULD_BE_AGAINST,
    ):  # (the audit's finding, as the audit pages show it)
        return message_text(value)
    if name == "field" and template is FIELD_REASONS:  # (a field's reasons within another refusal: "Promotion kind:
        return field_label(value)  # ...", where the page read "promotion_kind: ..."; the API keeps the code name)
    return characters_named(value)


def characters_named(value: str) -> str:
    """A value with each invisible character or no-break space its quote names ("(U+200B zero-width space)":
    careerlog.domain.errors.quoted) named in the visitor's language, by the catalogue's entry of that naming
    (careerlog.domain.wording.CHARACTERS_NAMED: "(karakter tak terlihat U+200B (ZERO WIDTH SPACE))"); the rest as it
    is. The API's Indonesian names them so too (web.languages)."""
    if "(U+" not in value:
        return value
    return NAMED_CHARACTER.sub(lambda found: gettext(found[0]), value)


def code_in_text(table: str, code: str) -> str:
    """A code of a reference table by its name in the visitor's language (PELAKSANA: Jabatan Pelaksana, Implementing
    post), a post kind with its functional level too (FUNGSIONAL:AHLI_MADYA: Jabatan Fungsional Ahli Madya); a code
    the table does not hold as it is."""
    codes = reference().table(table)
    kind, _, level = code.partition(":")
    if level and kind in codes and level in reference().functional_levels:
        return f"{reference_name(table, kind)} {reference_name('functional_levels', level)}"
    return reference_name(table, code) if code in codes else code


def kind_named(template: Template, name: str, value: str) -> str:
    """An event kind by its name; in English in lower case where it stands mid-sentence ("A correction cannot be
    corrected.", as the API's code reads), since the English names are capitalised as labels; Indonesian as named."""
    label = kind_label(value)
    if str(get_locale()) != "en" or template.text.startswith("{" + name + "}"):
        return label
    return label[:1].lower() + label[1:]


def reason_text(reason: str | None, kind: str | None = None) -> str:
    """A refusal's reason in the visitor's language: the ledger's (a Reason) by its template's translation with
    its values localised (a value worded itself, translated so too); a page's own by its translation. An unknown
    code of a small reference table names the codes accepted (accepted_codes)."""
    if type(reason) is Reason:
        refusal = reason.refusal
        of = reason.kind or dict(reason.params).get("kind") or kind  # (the kind of the fact the fields are of)
        values = {
            name: reason_text(value, of) if type(value) is Reason else localised(refusal, name, value, of)
            for name, value in reason.params
        }
        text = fill(wording_in_language(refusal, dict(reason.params)), values)
        return accepted_codes(text, dict(reason.params)["table"]) if refusal is UNKNOWN_CODE else text
    return gettext(reason) if reason else ""


ACCEPTED_LISTED = 30  # (the training kinds' 27 are listed; the agencies' 38 and the regions' 71 are not)


def accepted_codes(text: str, table: str) -> str:
    """An unknown code's refusal with the codes its table accepts, each by its name in the visitor's language
    ("Yang diterima: TEKNIS (Diklat teknis), ..."), when the table holds at most ACCEPTED_LISTED codes: an import's
    row names no page where HR could read them (the record form's lists show them); the API keeps its message."""
    codes = getattr(reference(), table, None)
    if not isinstance(codes, Table) or len(codes) > ACCEPTED_LISTED:
        return text
    named = promotion_kind_label if table == "promotion_kinds" else functools.partial(reference_name, table)
    listed = ", ".join(f"{code.code} ({named(code.code)})" for code in codes)  # (a kind as the record form names it)
    return f"{text} {gettext('Accepted: %(codes)s.', codes=listed)}"


def message_text(message: str | None) -> str:
    """A stored finding or requirement message in the visitor's language."""
    if not message:
        return ""
    templates = load_templates()
    wording = parse(message)
    if wording is None:
        return message
    template = templates[wording.template]
    try:
        values = {name: localised(template, name, value) for name, value in wording.params}
        text = wording_in_language(template, dict(wording.params))
    except ValueError:  # a text that only looks like the template ("{day} is in the future." of no date)
        return message
    return fill(text, values)


def wording_in_language(template: Template, params: Mapping[str, str]) -> str:
    """The template's translation (its page wording's, PAGE_WORDINGS); for a count's "(s)" (PLURALS), the form of
    that count."""
    if template.text in PAGE_WORDINGS:
        return str(PAGE_WORDINGS[template.text])
    if template.text not in PLURALS:
        return gettext(template.text)
    name, forms = PLURALS[template.text]
    return forms(int(params[name]))


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel extraction (babel.cfg): this module's messages, every template of the projections, then every
    refusal of careerlog and the projections."""
    yield from python_messages(fileobj, keywords, comment_tags, options)
    for text in load_templates():
        yield 0, None, text, ["a finding's wording: keep each {placeholder} as it is"]
    for text in load_refusals():
        yield 0, None, text, ["a refusal's wording: keep each {placeholder} as it is"]

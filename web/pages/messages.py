"""The audit's findings, the eligibility requirements and the award findings in the visitor's language.

The views store each message in English, rendered from a template of projections/merit/wording.py.
A page recovers the template and its values from the stored text, shows the template's translation
(web/translations) and the values localised: dates and numbers in the visitor's language, codes as
they are. A text of no known template is shown as stored. `extract` (babel.cfg) hands every
template to the translators.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

import projections
from careerlog.reference import reference
from projections.merit.audit import LATE_EVIDENCE
from projections.merit.queries import PASSED_OVER_FINDING
from projections.merit.wording import TEMPLATES, Template, fill, parse
from web.pages import local_date, local_datetime, local_number

OR = _l("or")

# The ledger's refusals that quote the input (careerlog.domain.employee, payload, application), as templates
# of the same wording: a page recovers the values from the reason and shows it in the visitor's language
# (reason_text). The fixed reasons ("Missing data for required field.") are plain messages (web.pages.labels).
# A reason of no template here is shown as the ledger words it. Each registers itself like the findings'
# templates, so the catalogue test and the extraction cover them.
LEDGER_REASONS = (
    Template("No employee with NIP {nip} has been appointed."),
    Template("No fact with version {version} is recorded for {nip}.", numbers=("version",)),
    Template("Not a valid date (expected YYYY-MM-DD): {value}."),
    Template("Unknown code {code}; see the {table} reference table."),
    Template("Longer than {limit} characters.", numbers=("limit",)),
    Template("{day} is in the future.", dates=("day",)),
    Template("{day} is before the birth date ({birth}).", dates=("day", "birth")),
    Template("{day} is before the appointment (TMT {tmt}).", dates=("day", "tmt")),
    Template("{start} is after the end date {end}.", dates=("start", "end")),
    Template("{end} is before the start {start}.", dates=("end", "start")),
    Template("{hours} JP in {days} day(s) is more than {per_day} JP a day.", numbers=("hours", "days", "per_day")),
    Template("Must be at least 1 JP, got {hours}.", numbers=("hours",)),
    Template("Must be between 1 and 5, got {value}."),
    Template(
        "{new_rank} is not above {held}, held since {since}: a demotion is a penalty, not a promotion.",
        dates=("since",),
    ),
    Template("Version {version} is a promotion with the same TMT.", numbers=("version",)),
    Template("{year} is already rated (version {version}); correct it instead."),
    Template("Unknown field {name}; one of {known}."),  # a report's grouping (projections.training.group_fields)
    Template("Unknown dimension {name}; one of {known}."),  # fairness's
    Template("{name} holds no rows (it is empty, blank, or a CSV header alone): nothing was imported."),
    Template("{year} is after the rating's date ({day}).", dates=("day",)),
    Template("{year} is before the appointment year."),
    Template("Already confirmed as PNS on {day} (version {version}).", dates=("day",), numbers=("version",)),
    Template("No post appointment with reference {reference} is recorded."),
    # the NIP checks of an appointment (careerlog.domain.nip, careerlog.application)
    Template("must be 18 digits, got {value}"),
    Template("digits 1-8 ({digits}) are not a real birth date"),
    Template("digit 15 (sex) must be 1 or 2, got {value}"),
    Template("digits 13-14 (TMT CPNS month) must be 01-12, got {value}"),
    Template("{day} does not match the NIP ({birth})", dates=("day", "birth")),
    Template("{sex} does not match NIP digit 15 ({digit} = {meaning})"),
    Template("TMT CPNS {month} does not match NIP digits 9-14 ({digits})"),
    Template("year {year} does not match NIP digits 9-12 ({digits}, contract {count})"),
    Template("NIP {nip} is already appointed (a NIP is never reused)."),
    Template("Already recorded as version {version}, not {expected}.", numbers=("version", "expected")),
    # the import's rows (careerlog.importing, careerlog.application)
    Template("Unknown kind {kind}; one of: {known}."),
    Template("Not valid JSON: {error}."),
)

# Templates stored with a count and an "(s)" (the stored English stays as it is): the pages show the
# count's plural form, by the count's placeholder and the wording for that count (ngettext, so the
# extraction hands both forms to the translators).
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
    "{hours} JP in {days} day(s) is more than {per_day} JP a day.": (
        "days",
        lambda n: ngettext(
            "{hours} JP in {days} day is more than {per_day} JP a day.",
            "{hours} JP in {days} days is more than {per_day} JP a day.",
            n,
        ),
    ),
}


@functools.cache
def load_templates() -> dict[str, Template]:
    """Every template of the projections (each module imported, so each template has registered itself)."""
    for module in pkgutil.walk_packages(projections.__path__, "projections."):
        importlib.import_module(module.name)
    return TEMPLATES


def number(value: str) -> str:
    try:
        return local_number(int(value) if value.lstrip("-").isdigit() else float(value))
    except ValueError:
        return value


def localised(template: Template, name: str, value: str) -> str:
    """One value as the visitor reads it: a date, time or number in their language; alternatives joined
    by their "or"; a reference code by its name (BAIK: Baik); any other code as it is."""
    table = dict(template.codes).get(name)
    if table is not None:
        codes = reference().table(table)
        return codes[value].name if value in codes else value
    if name in template.dates:
        return local_date(value)
    if name in template.times:
        return local_datetime(value)
    if name in template.numbers:
        return number(value)
    if name in template.either:
        return f" {OR} ".join(value.split(" or "))
    return value


def reason_text(reason: str | None) -> str:
    """A refusal's reason in the visitor's language: a fixed reason by its translation, one quoting the input
    by its template (LEDGER_REASONS) with the values localised, any other as the ledger words it."""
    if not reason:
        return reason or ""
    translated = gettext(reason)
    return translated if translated != reason else message_text(reason)


def message_text(message: str | None) -> str:
    """A stored finding or requirement message in the visitor's language."""
    templates = load_templates()
    wording = parse(message) if message else None
    if wording is None:
        return message or ""
    template = templates[wording.template]
    try:
        values = {name: localised(template, name, value) for name, value in wording.params}
        text = wording_in_language(template, dict(wording.params))
    except ValueError:  # a text that only looks like the template ("{day} is in the future." of no date)
        return message
    return fill(text, values)


def wording_in_language(template: Template, params: Mapping[str, str]) -> str:
    """The template's translation; for a count's "(s)" (PLURALS), the form of that count."""
    if template.text not in PLURALS:
        return gettext(template.text)
    name, forms = PLURALS[template.text]
    return forms(int(params[name]))


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel extraction (babel.cfg): this module's messages, then every template of the projections."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for text in load_templates():
        yield 0, None, text, ["a finding's wording: keep each {placeholder} as it is"]

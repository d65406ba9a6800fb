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
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

import projections
from projections.merit.wording import TEMPLATES, Template, fill, parse
from web.pages import local_date, local_datetime, local_number

OR = _l("or")


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
    by their "or"; a code as it is."""
    if name in template.dates:
        return local_date(value)
    if name in template.times:
        return local_datetime(value)
    if name in template.numbers:
        return number(value)
    if name in template.either:
        return f" {OR} ".join(value.split(" or "))
    return value


def message_text(message: str | None) -> str:
    """A stored finding or requirement message in the visitor's language."""
    templates = load_templates()
    wording = parse(message) if message else None
    if wording is None:
        return message or ""
    template = templates[wording.template]
    return fill(gettext(template.text), {name: localised(template, name, value) for name, value in wording.params})


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel extraction (babel.cfg): this module's messages, then every template of the projections."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for text in load_templates():
        yield 0, None, text, ["a finding's wording: keep each {placeholder} as it is"]

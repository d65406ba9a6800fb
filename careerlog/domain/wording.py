"""The wording of rule outcomes and refusals: an English template with named placeholders and its values.

A check's or finding's `message` (projections) is rendered from a `Template` and the values it was given,
so the English text stays exactly what the views and the API have always stored; the template and the
values (as the English text shows them) travel with it, and `parse` recovers both from a stored message.

A refusal of the ledger's (InvalidInput, NotFound, Conflict, AccessDenied) is worded by a `Refusal`: its
`reason(**values)` is a `Reason`, the English message itself (a str, byte for byte what the API's
problem+json, asked for in English, and the CLI show) that also carries its template and values, so the pages
translate it without reading the English back. A refusal is never stored, so never parsed: refusals register in
`REFUSALS`, apart from the stored messages' `TEMPLATES`.

The pages translate the template and show the values in the visitor's language (web/pages/messages.py).
Every template registers itself, so the catalogue of texts to translate is complete by construction.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from string import Formatter
from typing import Any

from careerlog.domain.errors import NAMED_IN_QUOTES, cut, named_character
from careerlog.domain.quick import quick_init

Params = tuple[tuple[str, str], ...]
TEMPLATES: dict[str, Template] = {}  # the stored messages' (findings, requirements): `parse` reads them back
REFUSALS: dict[str, Refusal] = {}  # the refusals' (never stored, never parsed)


@functools.lru_cache(maxsize=1024)
def parts(text: str) -> tuple[tuple[str, str | None, str], ...]:
    """(literal, placeholder name or None, format spec) of a template text, in order (parsed once)."""
    return tuple((literal, name, spec or "") for literal, name, spec, _ in Formatter().parse(text))


@functools.lru_cache(maxsize=1024)
def fields_of(text: str) -> tuple[tuple[str, str], ...]:
    """(placeholder name, format spec) of a template text, one per placeholder in order."""
    return tuple((name, spec) for _, name, spec in parts(text) if name is not None)


def names_of(text: str) -> tuple[str, ...]:
    """The placeholder names of a template text, in order."""
    return tuple(name for name, _ in fields_of(text))


@functools.lru_cache(maxsize=1024)
def filler(text: str) -> str | None:
    """`text` with its format specs dropped and its literal braces doubled: `filler(text).format_map(values)`
    is `fill(text, values)` in one step. None when a placeholder is not a plain name (str.format would read
    `{}`, `{0}`, `{a.b}` or `{a[0]}` otherwise than as a key)."""
    out = []
    for literal, name, _ in parts(text):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            if not name.isidentifier():
                return None
            out.append("{" + name + "}")
    return "".join(out)


def fill(text: str, values: dict[str, str]) -> str:
    """A template text with each placeholder replaced by its (already formatted) value."""
    plan = filler(text)
    if plan is not None:
        return plan.format_map(values)
    return "".join(literal + (values[name] if name is not None else "") for literal, name, _ in parts(text))


# The placeholder names whose value is an identifier, never a quantity: a version of a record (`version`, the one a
# correction targets, the one that retracted it `by`, voided it `void`, it stands as `current`, was `expected`, a
# placement's), a year, a NIP: written in every language as given ("versi 12345", "1900"; until 2026-12-07 the API's
# Indonesian and every page wrote "versi 12.345", "1.900", and an English page "version 12,345"), as a client keys on
# it and the problem's `instance` names it. So never among a template's `numbers`, the quantities a language writes
# its own way (a count, a cost, JP, seconds): a template naming one there is refused as it is made (`kept_as_written`),
# and a value checked by a name of these is refused in words that keep it (projections.training `bounded`). A line of
# an imported file (`line`, the lines `first` to `last`, the `next` one, the `header`'s) and a workbook's `row` are
# identifiers too, which HR finds in the file by them: "baris 1234" (until 2026-12-07 an Indonesian import's refusal
# wrote "baris 1.234", an English page "line 1,234"); `first` and `last` name the versions of web.services
# WITHHELD_VOIDED as well, identifiers alike (left out of `numbers` by hand until they were named here). A value of
# another name that is an identifier is left out of `numbers` by hand.
IDENTIFIERS = frozenset(
    {"version", "target", "by", "void", "current", "expected", "placement", "year", "nip"}
    | {"line", "first", "last", "next", "header", "row"}
)


def kept_as_written(template: Template) -> None:
    """Refuses a template whose `numbers` (written as a language writes a quantity) name an identifier (IDENTIFIERS)."""
    named = IDENTIFIERS.intersection(template.numbers)
    if named:
        raise ValueError(f"{sorted(named)} of {template.text!r} are identifiers, kept as written: not numbers")


@dataclass(frozen=True)
class Template:
    """The English wording of an outcome. `dates`, `times` and `numbers` name the placeholders holding
    ISO dates, timestamps and numbers (localised on the pages); `either` those holding alternatives
    joined by " or "; `codes` those holding a code of a reference table, as (placeholder, table) pairs (named
    on the pages: BAIK as Baik); `kinds` those holding an event kind (named on the pages: Pelatihan)."""

    text: str
    dates: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    either: tuple[str, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kept_as_written(self)
        TEMPLATES.setdefault(self.text, self)

    @property
    def names(self) -> tuple[str, ...]:
        return names_of(self.text)

    def __call__(self, **values: Any) -> Wording:
        """The template with its values, each formatted as the English text shows it."""
        return Wording(self.text, tuple([(name, format(values[name], spec)) for name, spec in fields_of(self.text)]))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A regular expression matching exactly the texts this template renders."""
        seen: set[str] = set()
        out = []
        for literal, name, _ in parts(self.text):
            out.append(re.escape(literal))
            if name is not None:
                out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
                seen.add(name)
        return re.compile("".join(out), re.DOTALL)


@quick_init  # one per check worded
@dataclass(frozen=True)
class Wording:
    """A template text and its values as the English message shows them."""

    template: str
    params: Params

    @property
    def text(self) -> str:
        """The English message."""
        return fill(self.template, dict(self.params))


def parse(message: str) -> Wording | None:
    """The template and values a stored message was rendered from (None for a text of no template).
    Where two templates match ("{rank} since {since}; ..." and "in service since {start}; ..."), the
    one whose fixed words explain more of the text wins."""
    by_lead, others = _by_lead(len(TEMPLATES))
    found = [(t, m) for t in by_lead.get(message[:2], others) if (m := t.pattern.fullmatch(message)) is not None]
    if not found:
        return None
    template, match = min(found, key=lambda tm: sum(len(v) for v in tm[1].groupdict().values()))
    return Wording(template.text, tuple((name, match[name]) for name in template.names))


@functools.lru_cache(maxsize=4)
def _by_lead(count: int) -> tuple[dict[str, tuple[Template, ...]], tuple[Template, ...]]:
    """The templates that may match a message, by its first two characters: those whose text begins with them (a
    template's pattern begins with its text's words before the first placeholder) and those that do not begin with two
    such characters, in the catalogue's order; and those alone, for a message beginning otherwise. Made again once
    more templates are registered (`count`: TEMPLATES only grows). `parse` so tries a few patterns, not every one."""
    everyone = list(TEMPLATES.values())  # (one registered meanwhile is in it too: still each that may match)
    lead = {t: parts(t.text)[0][0] if parts(t.text) else "" for t in everyone}
    others = tuple(t for t in everyone if len(lead[t]) < 2)
    starts = {lead[t][:2] for t in everyone if len(lead[t]) >= 2}
    return {s: tuple(t for t in everyone if len(lead[t]) < 2 or lead[t][:2] == s) for s in starts}, others


@dataclass(frozen=True)
class Refusal(Template):
    """The English wording of a refusal, or of a part of one (a value that is itself worded). `quotes` names the
    placeholders holding the user's own text as given (a NIP from an address), which a reason quotes cut as every
    refusal quotes a value (careerlog.domain.errors.cut: 40 characters, a longer one ending in "…"); a whole number
    is cut so in any placeholder (one of the user's of thousands of digits; none of careerlog's own is that long)."""

    quotes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kept_as_written(self)
        REFUSALS.setdefault(self.text, self)

    def reason(self, **values: Any) -> Reason:
        """The refusal with its values: the English message, carrying the template and the values. A value
        that is itself a Reason (a worded part) is kept as one, for the pages to translate too."""
        params = tuple(
            [
                (name, value if type(value := values[name]) is Reason and not spec else self.shown(name, value, spec))
                for name, spec in fields_of(self.text)
            ]
        )
        return Reason(self, params)

    def shown(self, name: str, value: Any, spec: str) -> str:
        """A value as the reason shows it: formatted, and cut when it is the user's own text or a whole number."""
        text = format(value, spec)
        return cut(text) if name in self.quotes or type(value) is int else text


class Reason(str):
    """A refusal's English message (the str itself) with the `Refusal` and the values it was rendered from; `kind`,
    the event kind its fields are of when its text does not name it (the pages label a field named in it, such as
    a reference's differing fields, as that kind's: a training's effective date is its last day)."""

    refusal: Refusal
    params: Params  # each value as the English shows it; a worded part is itself a Reason
    kind: str | None

    def __new__(cls, refusal: Refusal, params: Params, kind: str | None = None) -> Reason:
        text = super().__new__(cls, fill(refusal.text, dict(params)))
        text.refusal = refusal
        text.params = params
        text.kind = kind
        return text

    def about(self, kind: str | None) -> Reason:
        """The same reason, of fields of the event kind `kind`."""
        return Reason(self.refusal, self.params, kind)

    def __reduce__(self) -> tuple[Any, ...]:  # (an import's rows travel to worker processes and back)
        return Reason, (self.refusal, self.params, self.kind)


# A refusal a writer may confirm (a check the recording then makes no more: promotion.one_step, placement.leaves_scope)
# is worded twice from one text (`confirmable`): as the API, an import and the command line say it, "confirm it
# (confirm: <check>) and send it again", and as the record form says it, where a box below the fields confirms it,
# "tick the box below to confirm it and send the form again". Each one's form wording, which the form shows in its
# place (web.pages.hr.in_form_words): no page keeps a copy of a refusal of the ledger's worded for it.
FORM_WORDED: dict[Refusal, Refusal] = {}
TICK_THE_BOX = "tick the box below to confirm it and send the form again"
# ... and a third time as an import says it of a row (IMPORT_WORDED: careerlog.importing.import_worded), where a yes in
# the row's Konfirmasi column confirms what the import asks of it (careerlog.importing.YES_CONFIRMS): "confirm it
# (confirm: <check>, or ya in the Konfirmasi column) and import the row again", as the import words a training an
# earlier row of the file recorded (TRAINING_REPEATED_IN_FILE); until 2026-12-05 an import's other confirmable
# refusals named the check alone, read as what "ya" does not confirm
IMPORT_WORDED: dict[Refusal, Refusal] = {}
# ... and as an import says it of a row whose yes does not confirm it (a correction's unit.new or training.duplicate,
# careerlog.importing.YES_CONFIRMS), naming what to write in the Konfirmasi column: until 2026-12-05 the API's words,
# "confirm it (confirm: unit.new) and send it again", which said nothing of the column nor of its yes
IMPORT_NAMED: dict[Refusal, Refusal] = {}
# the check each confirmable refusal asks (its `confirm`), for an import to word it so only where the row's yes confirms
# that check (a correction's unit.new is named: careerlog.importing.YES_CONFIRMS)
CONFIRMS: dict[Refusal, str] = {}


def confirmable(
    before: str, check: str, after: str, again: str = "send it again", *, named: bool = False, **options: Any
) -> tuple[Refusal, Refusal]:
    """The refusal `before` + how to confirm `check` + `after`, as the API words it and as the record form does
    (FORM_WORDED), and as an import does (IMPORT_WORDED; with `named`, of a correction row too, whose yes does not
    confirm it: IMPORT_NAMED); `again`: what to send again by the API ("send the retraction again")."""
    sent = Refusal(f"{before}confirm it (confirm: {check}) and {again}{after}", **options)
    ticked = Refusal(f"{before}{TICK_THE_BOX}{after}", **options)
    FORM_WORDED[sent] = ticked
    imported = Refusal(
        f"{before}confirm it (confirm: {check}, or ya in the Konfirmasi column) and import the row again{after}",
        **options,
    )
    IMPORT_WORDED[sent] = imported
    if named:
        IMPORT_NAMED[sent] = Refusal(
            f"{before}confirm it (write {check} in the Konfirmasi column: a yes does not confirm it on a correction) "
            f"and import the row again{after}",
            **options,
        )
    CONFIRMS[sent] = check
    return sent, ticked


def reason_of(error: BaseException) -> str:
    """An error's message, as the Reason it was raised with when it was (str(error) would be a plain copy)."""
    args = error.args
    if len(args) == 1 and type(args[0]) is Reason:
        return args[0]
    return str(error)


JOINS = {
    separator: Refusal("{first}" + separator + "{rest}") for separator in (" ", ", ", "; ", ": ")
}  # worded parts put together as the English puts them (the same in every language)


def joined(separator: str, parts: Sequence[str]) -> str:
    """`separator.join(parts)`: a Reason when the parts are Reasons, so each part is translated."""
    if not parts or any(type(p) is not Reason for p in parts):
        return separator.join(parts)
    found = parts[-1]
    for part in reversed(parts[:-1]):
        found = JOINS[separator].reason(first=part, rest=found)
    return found


# A date written YYYY-MM-DD that is no day of the calendar (2026-11-31, 2026-02-29): an import's, the API's (a
# recording's own dates, projections.fields.PlainDate) and the payload's (a correction's corrected dates, careerlog
# record), in one wording; here, where the views' fields read it without the import
NO_SUCH_ISO_DAY = Refusal(
    "No such day in the calendar, read as YYYY-MM-DD (year, month, day): check the day and the month."
).reason()
# (ASCII digits: a date written in Arabic-Indic digits is of no form the import reads, not of no day)
ISO_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# An invisible character or a no-break space a quoted value names (careerlog.domain.errors.quoted), each naming a
# refusal's words of its own, in the catalogue, for a page and the API's Indonesian to name it in their language
# (web.pages.messages.characters_named): "(U+200B zero-width space)" in English, "(karakter tak terlihat U+200B (ZERO
# WIDTH SPACE))" in Indonesian; until 2026-12-07 in English in both
CHARACTERS_NAMED = {character: Refusal(named_character(character)) for character in NAMED_IN_QUOTES}

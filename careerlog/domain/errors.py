"""Domain errors. The web layer maps each to an HTTP status in one place."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from eventsourcing.utils import TopicError

# The invisible characters a copy from a web page, a PDF or a chat carries along unseen, each with its name: what the
# NIP reader strips (careerlog.domain.nip) and what a training's title and organiser are compared without (rule
# training.duplicate, careerlog.domain.employee.one_training). One list, so that the two never read text apart.
INVISIBLE_NAMES = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
}
INVISIBLE = "".join(INVISIBLE_NAMES)  # (the characters, as a regular expression's class [...] holds them)

QUOTED_LENGTH = 40  # characters of a value a refusal quotes (a longer one is cut, ending in "…")


# The characters a quoted value names where repr escapes them: the invisible ones and the no-break space (U+00A0), each
# with its name, so that HR reading a refusal sees what is there ('Seminar SPBE(U+200B zero-width space)', where it read
# 'Seminar SPBE\u200b' until 2026-12-07)
NAMED_IN_QUOTES = {**INVISIBLE_NAMES, "\u00a0": "no-break space"}
# An escape repr writes of a character (\xa0, \u200b), after an even number of backslashes (a backslash of the text
# itself repr doubles: '\\u200b' is no escape)
_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(x[0-9a-f]{2}|u[0-9a-f]{4})")


def quoted(value: object) -> str:
    """A value as a refusal quotes it (repr of its text), cut to QUOTED_LENGTH characters ending in "…": a reason
    names what it refuses without copying a cell of thousands of characters into every report, page and download. An
    invisible character or a no-break space in it is named (NAMED_IN_QUOTES: "(U+200B zero-width space)"), not escaped
    as Python writes it."""
    return _in_quotes(cut(str(value)))


# A refusal that sets a value typed beside the one recorded (a reference written otherwise, a name not the one
# recorded, a programme spelt otherwise) quotes each whole up to COMPARED_LENGTH characters, where QUOTED_LENGTH would
# cut both alike and hide the difference it is there to show (until 2026-12-07 the same
# '800.1.11.1/KEP.1234/BKPSDM-KAB.BANDUNG/…' for a decree typed …/XII/2026 and recorded …/XI/2026); longer ones are
# shown from COMPARED_BEFORE characters before the first that differs, "…" for what is left out on either side.
COMPARED_LENGTH = 200
COMPARED_BEFORE = 20


def quoted_apart(*values: object) -> list[str]:
    """Values a refusal compares, each quoted (`quoted`) so the difference between them shows: whole up to
    COMPARED_LENGTH characters; past that, from COMPARED_BEFORE characters before the first character at which one
    differs from the first value, "…" where the start is left out, cut to COMPARED_LENGTH ending in "…"."""
    texts = [str(value) for value in values]
    first = texts[0]
    differs = min((_common_length(first, text) for text in texts[1:]), default=len(first))
    start = differs - COMPARED_BEFORE if differs >= COMPARED_LENGTH - COMPARED_BEFORE else 0
    return [_in_quotes(cut(("…" if start else "") + text[start:], COMPARED_LENGTH)) for text in texts]


def _common_length(one: str, other: str) -> int:
    """How many characters two texts begin with alike."""
    return next((at for at, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other)))


def _in_quotes(text: str) -> str:
    """A text as a refusal quotes it: its repr, an invisible character or a no-break space named (NAMED_IN_QUOTES)."""
    shown = repr(text)
    if text.isascii() or not any(c in NAMED_IN_QUOTES for c in text):
        return shown
    return _ESCAPE.sub(_named, shown)


def _named(found: re.Match[str]) -> str:
    character = chr(int(found[2][1:], 16))
    return found[0] if character not in NAMED_IN_QUOTES else found[1] + named_character(character)


def named_character(character: str) -> str:
    """How a quoted value names one of NAMED_IN_QUOTES, in English: "(U+200B zero-width space)"; in other languages
    by its entry in the catalogue (careerlog.domain.wording.CHARACTERS_NAMED, web.pages.messages.characters_named):
    "(karakter tak terlihat U+200B (ZERO WIDTH SPACE))", its Unicode name as Unicode writes it."""
    return f"(U+{ord(character):04X} {NAMED_IN_QUOTES[character]})"


# The namings of the characters in a quoted value, for a page to name them in its language (until 2026-12-07 an
# Indonesian page and the API's Indonesian named them in English)
NAMED_CHARACTER = re.compile("|".join(re.escape(named_character(c)) for c in NAMED_IN_QUOTES))


def cut(text: str, length: int = QUOTED_LENGTH) -> str:
    """A text cut to `length` characters (QUOTED_LENGTH), ending in "…" when it was longer (`quoted`, unquoted); a
    text quoted already (a repr, 'DAFTAR NOMINATIF ...') cut within its quotes, keeping its closing one ('DAFTAR
    NOMINATIF …', as `quoted` gives it; until 2026-12-07 'DAFTAR NOMINATIF … with none)."""
    if len(text) > 2 and text[0] in "'\"" and text[-1] == text[0]:
        inner = text[1:-1]
        return text if len(inner) <= length else f"{text[0]}{inner[: length - 1]}…{text[0]}"
    return text if len(text) <= length else text[: length - 1] + "…"


QUOTED_VALUES = 5  # values a refusal listing the values it refuses quotes, the others counted ("and 3 more")


def and_more(named: str, more: int) -> str:
    """The values named, then how many more, in English ("'a', 'b' and 2,996 more"): the API's and the CLI's."""
    return f"{named} and {more:,} more"


def quoted_values(
    values: Iterable[object], quote: Callable[[object], str] = quoted, more: Callable[[str, int], str] = and_more
) -> str:
    """Values as a refusal lists them: the first QUOTED_VALUES quoted (`quote`), then how many more ("'a', 'b', ...
    and 2,996 more", `more`: a page's in its visitor's language): a `by` of 3,000 values is not answered with them
    all (until 2026-12-06 a 24 KB refusal)."""
    values = list(values)
    named = ", ".join(quote(v) for v in values[:QUOTED_VALUES])
    left = len(values) - QUOTED_VALUES
    return more(named, left) if left > 0 else named


class CareerlogError(Exception):
    """Base class of careerlog's own errors."""


class InvalidInput(CareerlogError):
    """Input rejected: each field named with its reasons (a 422, or a rejected import row)."""

    def __init__(self, errors: Mapping[str, list[str]] | str, field: str = "_schema"):
        if isinstance(errors, str):
            errors = {field: [errors]}
        self.errors: dict[str, list[str]] = {k: list(v) for k, v in errors.items()}
        super().__init__(self.describe())

    def describe(self) -> str:
        return fields_joined(f"{name}: {' '.join(reasons)}" for name, reasons in self.errors.items())


def fields_joined(parts: Iterable[str]) -> str:
    """Each field's reasons (`name: reason`) as one line gives them, "; " between: the full stop that ends a field's
    last sentence is left out before the semicolon, kept after the last field ("effective_date: Must not be after
    2026-11-19; hours: ..."; until 2026-12-07 "...2026-11-19.; hours: ...", the command line's and an import's)."""
    said = list(parts)
    return "; ".join(
        part[:-1] if at < len(said) - 1 and part.endswith(".") and not part.endswith("..") else part
        for at, part in enumerate(said)
    )


class RecordedByNewerRelease(TopicError):
    """A stored event this release can only misread, written by a newer release: a later version of its class
    (`class_version` above this release's, whose fields this release does not know), or a correction naming a field
    its target's class does not have here. Refused as an event of a kind only a newer release has (TopicError: a
    503 newer-release, a command's message and exit 1; docs/operations.md, Upgrades) rather than read without those
    fields or answered as the client's invalid input (a 422)."""


class NotFound(CareerlogError):
    """The employee, unit or event does not exist."""


class Conflict(CareerlogError):
    """The request conflicts with what is recorded (a 409)."""


class IdempotencyConflict(Conflict):
    """A client key or a reference already used for a different recording."""

    # of a retracted fact's values sent again (careerlog.domain.ledger.resent_retracted): what its own fields tell of
    # it judged alone (careerlog.application.own_fields_problems), told after the conflict (an import's row), for a
    # recording of it anew to mend; None when they are valid or were not judged
    own_fields: dict[str, list[str]] | None = None


class AlreadyAppointed(IdempotencyConflict):
    """An appointment of a NIP already appointed with other values (only a void of its record frees the NIP): a
    problem of its own (the API's `already-appointed`), caught wherever an IdempotencyConflict is (an import's row
    is rejected so)."""


class ConcurrencyConflict(Conflict):
    """Concurrent writers kept changing the same record; the command gave up retrying."""


class FactChanged(CareerlogError):
    """A correction or retraction made on the condition that its fact still stands as the writer read it (the
    versions it was last changed in that the writer names: the API's If-Match) whose fact was corrected or retracted
    since: nothing recorded (a 412). `current`: the version the fact was last changed in."""

    def __init__(self, message: str, current: int):
        super().__init__(message)
        self.current = current


class FieldErrors:
    """Collects reasons per field while validating, then raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, reason: str) -> None:
        self.errors.setdefault(field, []).append(reason)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)

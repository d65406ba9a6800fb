"""The employee's name an imported row carries beside the NIP, checked against the name recorded for that NIP.

A spreadsheet exported from another system (SIASN, a BKD's own) always has a "Nama" column beside the NIP, and
the classic mistake of such a file is a NIP of someone else (a row typed from the line above, digits swapped into
another valid NIP). The name catches it: a row whose name is not the recorded one is refused, naming both, and
nothing is recorded for it (docs/import-format.md).

Names are written in many ways: upper case, with academic or religious titles (gelar: "Drs. H. Budi Siregar, S.Kom.,
M.Si."), with honorifics (Bapak, Ibu), with a given name written as its initial ("M. Rizki", "Budi S. Siregar") or
abbreviated as lists do ("Mhd. Rizki", "I Gst. Ngr. Rai"), without a leading word such as the Balinese I or Ni or with a
nobility honorific ("Rr.", "Tgk."), with or without the particle naming the family ("Elisabeth br. Sianturi", "Elisabeth
Sianturi": br./boru, bin, binti), cut short by a narrow column. The written name is the recorded one when, once case,
punctuation, titles, honorifics and particles are set aside, its words are the recorded name's first words in their
order (all of them, or the first ones of a name cut short at its end), each the same word, another spelling or an
abbreviation of it, or its initial, the one name or the other perhaps without the words it starts with that may be left
out (I, Ni, Raden, Teuku, Teungku); or when their words run together are the same ("SitiRahma"); a name written
family name first before a comma ("Sianturi, Elisabeth", as lists sorted by name write it) is read in the usual order
too when the words after the comma hold one that is no title. A family name alone ("Sianturi") is refused: it names
every sibling of the marga, where a given name alone is the name cut short at its end. A word left out in the
middle ("Budi Siregar" for Budi Santoso Siregar), a word more, or another order is another name: siblings share a family
name (marga), and the row beside theirs is the classic source of a NIP of someone else; so is "I Ketut Sari" for Ni
Ketut Sari. A title is any word written with a dot within it ("S.Kom", "A.Md.Kep."), a known title with or without its
dot ("Dr.", "Hj", "Hajjah", "SE", "MM"), a word longer than an initial ending in a dot and no known abbreviation, or any
word after the first comma (but for a name written family name first); a word of one to three letters ending in a
dot that is no known title ("M.", "Muh.", "S.") is an initial; an apostrophe is no break in a word ("Nur'aini" is
"Nuraini").

The titles, the particles, the words that may be left out, the spellings and abbreviations and the initial's length are
no regulation's: an inference, in careerlog/reference/names.toml (replaced by CAREERLOG_NAMES_FILE; docs/rules.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from careerlog.domain.errors import InvalidInput, quoted_apart
from careerlog.domain.payload import in_nfc
from careerlog.domain.wording import Refusal
from careerlog.reference import NameSpellings, name_spellings

NAME_DIFFERS = Refusal("{written} is not the name recorded for NIP {nip} ({recorded}): check the NIP, or the name.")
# a word: letters, with the dots written in or after it ("Budi", "S.Kom.", "A.Md.Kep.", "M.")
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]*)*")
_APOSTROPHES = str.maketrans("", "", "'\u2019`\u00b4")  # within a word (Nur'aini, Ma\u2019ruf): no break in it
Word = tuple[str, str]  # a word as written (lower case, an initial with its dot: "m.", "mhd.") and the name it writes


def _words(name: str, book: NameSpellings) -> list[Word]:
    """The words of a name without its titles, in their order, each with the name it writes: a spelling's or an
    abbreviation's (names.toml: "mhd." writes muhammad, "rr." raden roro), else itself. In NFC first: a name in NFD
    (e and a combining accent, which `_WORD` would split at) is the same name as the recorded one, kept in NFC."""
    found: list[Word] = []
    for word in _WORD.findall(in_nfc(name.split(",", 1)[0]).casefold().translate(_APOSTROPHES)):
        letters = word.rstrip(".")
        if letters in book.particles:  # (br., boru, bin, binti: written or left out, wherever they stand)
            continue
        written = book.forms.get(letters) if "." not in letters else None
        if written is not None:
            found.extend((word, part) for part in written)
        elif "." in letters or letters in book.titles:  # (a dot within it: S.Kom, A.Md; or a known title)
            continue
        elif letters != word and len(letters) > book.initial_letters:
            continue  # (a longer word with a dot: a title this list does not know, as before)
        else:
            found.append((word, word))
    return found


def name_words(name: str) -> frozenset[str]:
    """The full words of a name without its titles and initials, in lower case ("Drs. H. Budi Siregar, M.Si." is
    {budi, siregar})."""
    return frozenset(w for w, _ in _words(name, name_spellings()) if not w.endswith("."))


def name_searched(search: str) -> str:
    """The part of a search for a name that writes the name, read as an import reads a name (`_given_first`): the text
    before the first comma, the words after it being titles ("Zulaikha Siregar, S.Sos., M.Si."), or, written family
    name first ("Sianturi, Elisabeth"), with the given name after it too (up to the next comma: "Sianturi, Elisabeth,
    S.H."). A text with no comma is the whole of it."""
    family, comma, rest = search.partition(",")
    if not comma or _given_first(search, name_spellings()) is None:
        return family
    return f"{family} {rest.split(',', 1)[0]}"


def searched_words(words: list[str]) -> list[str]:
    """The words of a search for a name (lower case, without their dots) that the name must hold: without its titles
    and honorifics and the particles a name may leave out (names.toml: "dr", "ibu", "br", "boru", "bin", "binti"),
    as the name check sets them aside; all of them when nothing else is left ("Dr" alone looks for it)."""
    book = name_spellings()
    kept = [w for w in words if w not in book.titles and w not in book.particles]
    return kept or words


def _initial_of(short: Word, full: Word) -> bool:
    """Whether `short` is an initial ("m.", "muh.") of `full` as written or of the name it writes."""
    text = short[0]
    return text.endswith(".") and (full[0].startswith(text[:-1]) or full[1].startswith(text[:-1]))


def _alike(written: Word, recorded: Word) -> bool:
    """One word of each name: the same name (or spellings of it: "mhd." and "mohammad"), or one the other's
    initial ("m." of "muhammad", "muh." of "mohammad")."""
    return written[1] == recorded[1] or _initial_of(written, recorded) or _initial_of(recorded, written)


def _readings(words: list[Word], leading: frozenset[str]) -> list[list[Word]]:
    """A name's words, then without each of the words (I, Ni, Raden, Teuku: names.toml `leading`) it starts with."""
    found = [words]
    while len(found[-1]) > 1 and (found[-1][0][1] in leading or found[-1][0][0].rstrip(".") in leading):
        found.append(found[-1][1:])
    return found


def _begins(mine: list[Word], theirs: list[Word]) -> bool:
    return len(theirs) <= len(mine) and all(_alike(w, r) for w, r in zip(theirs, mine, strict=False))


def same_name(recorded: str, written: str) -> bool:
    """Whether `written` is `recorded` in another spelling: its words the first of the recorded name's, in order,
    each the same, a spelling or abbreviation of it or its initial, one of them perhaps without the words it
    starts with that may be left out (module docstring). A cell with no word ("-") checks nothing."""
    book = name_spellings()
    mine = _words(recorded, book)
    if (surname_first := _given_first(written, book)) is not None and _same_words(mine, surname_first, book):
        return True
    return _same_words(mine, _words(written, book), book)


def _given_first(written: str, book: NameSpellings) -> list[Word] | None:
    """The words of a name written family name first, before a comma ("Sianturi, Elisabeth", as lists sort names),
    read in the usual order ("Elisabeth Sianturi"): when the words after the first comma, up to the next, hold a
    word that is no title (an initial counts: "Siregar, B."); else None ("Budi Siregar, S.Kom." has titles alone)."""
    family, comma, rest = written.partition(",")
    given = _words(rest, book) if comma else []
    if not given:
        return None
    return given + _words(family, book)


def _same_words(mine: list[Word], theirs: list[Word], book: NameSpellings) -> bool:
    """`same_name` of two names' words (`_words`)."""
    if not any(not w.endswith(".") for w, _ in theirs) or not any(not w.endswith(".") for w, _ in mine):
        return True
    if any(_begins(mine, t) for t in _readings(theirs, book.leading)):
        return True
    if any(_begins(m, theirs) for m in _readings(mine, book.leading)[1:]):
        return True
    return "".join(w for w, _ in mine) == "".join(w for w, _ in theirs)  # (run together or split: SitiRahma)


def check_named(nip: str, recorded: Mapping[str, Any] | None, written: str, values: Mapping[str, Any]) -> None:
    """Refuse a row whose name (`written`) is not the one recorded by the appointment's values (`recorded`);
    a correction of the name itself may carry the old name or the new one."""
    name = recorded.get("name") if recorded is not None else None
    if type(name) is not str or same_name(name, written):
        return
    changes = values.get("corrected_fields")
    if isinstance(changes, Mapping) and type(changes.get("name")) is str and same_name(changes["name"], written):
        return
    shown, kept = quoted_apart(written, name)  # (the difference shown: not both cut at 40 alike)
    raise InvalidInput(NAME_DIFFERS.reason(written=shown, nip=nip, recorded=kept), "name")

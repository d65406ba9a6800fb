"""The employee's name an imported row carries beside the NIP, checked against the name recorded for that NIP.

A spreadsheet exported from another system (SIASN, a BKD's own) always has a "Nama" column beside the NIP, and
the classic mistake of such a file is a NIP of someone else (a row typed from the line above, digits swapped into
another valid NIP). The name catches it: a row whose name is not the recorded one is refused, naming both, and
nothing is recorded for it (docs/import-format.md).

Names are written in many ways: upper case, with academic or religious titles (gelar: "Drs. H. Budi Siregar,
S.Kom., M.Si."), with honorifics (Bapak, Ibu), with a given name written as its initial ("M. Rizki", "Budi S.
Siregar"), cut short by a narrow column. The written name is the recorded one when, once case, punctuation,
titles and honorifics are set aside, its words are the recorded name's first words in their order (all of them,
or the first ones of a name cut short at its end), each the same word or its initial; or when their words run
together are the same ("SitiRahma"). A word left out in the middle ("Budi Siregar" for Budi Santoso Siregar), a
word more, or another order is another name: siblings share a family name (marga), and the row beside theirs is
the classic source of a NIP of someone else. A title is any word written with two or more dots or a dot within it
("S.Kom", "A.Md.Kep."), a known title with or without its dot (TITLES: "Dr.", "Hj", "Hajjah", "SE", "MM"), a word of
four letters or more ending in a dot, or any word after the first comma; a word of one to three letters ending in a
dot that is no known title ("M.", "Muh.", "S.") is an initial; an apostrophe is no break in a word ("Nur'aini" is
"Nuraini").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal

NAME_DIFFERS = Refusal("{written} is not the name recorded for NIP {nip} ({recorded}): check the NIP, or the name.")
# titles a spreadsheet may write without a dot (before or after the name): they are no part of it
TITLES = frozenset(
    (
        "dr",
        "drs",
        "dra",
        "ir",
        "prof",
        "hj",
        "h",
        "kh",
        "st",
        "se",
        "sh",
        "sp",
        "spd",
        "spdi",
        "skm",
        "skom",
        "sag",
        "sos",
        "ssos",
        "sip",
        "ssi",
        "mm",
        "mh",
        "mpd",
        "msi",
        "mkes",
        "mag",
        "phd",
        # honorifics of the pilgrimage written out, and titles a spreadsheet writes without their dots
        "haji",
        "hajjah",
        "hajah",
        "ns",
        "apt",
        "drg",
        "amd",
        "mt",
        "mkom",
        "mak",
        "msc",
        "mba",
        "sst",
        "skep",
        "sked",
        "sfarm",
        "spsi",
        "map",
        "sap",
        "sik",
        # honorifics a list may put before a name: Bapak, Ibu, Saudara/i, Tuan, Nyonya, Nona
        "bapak",
        "bpk",
        "ibu",
        "sdr",
        "sdri",
        "tn",
        "ny",
        "nn",
    )
)
# a word: letters, with the dots written in or after it ("Budi", "S.Kom.", "A.Md.Kep.", "M.")
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]*)*")
_APOSTROPHES = str.maketrans("", "", "'\u2019`\u00b4")  # within a word (Nur'aini, Ma\u2019ruf): no break in it
INITIAL_LETTERS = 3  # the most letters of an initial ("Muh.", "Moh."); a longer word with a dot is a title


def _words(name: str) -> list[str]:
    """The words of a name without its titles, in lower case, in their order; an initial keeps its dot ("m.")."""
    found = []
    for word in _WORD.findall(name.split(",", 1)[0].casefold().translate(_APOSTROPHES)):
        letters = word.rstrip(".")
        if "." in letters or letters in TITLES:  # (a dot within it: S.Kom, A.Md; or a known title, dotted or not)
            continue
        if letters != word and len(letters) > INITIAL_LETTERS:
            continue  # (a longer word with a dot: a title this list does not know, as before)
        found.append(word)
    return found


def name_words(name: str) -> frozenset[str]:
    """The full words of a name without its titles and initials, in lower case ("Drs. H. Budi Siregar, M.Si." is
    {budi, siregar})."""
    return frozenset(w for w in _words(name) if not w.endswith("."))


def _alike(written: str, recorded: str) -> bool:
    """One word of each name: the same, or one the other's initial ("m." of "muhammad", "muh." of "muhammad")."""
    if written == recorded:
        return True
    if written.endswith("."):
        return recorded.startswith(written[:-1])
    return recorded.endswith(".") and written.startswith(recorded[:-1])


def same_name(recorded: str, written: str) -> bool:
    """Whether `written` is `recorded` in another spelling: its words the first of the recorded name's, in order,
    each the same or an initial (module docstring). A cell with no word ("-") checks nothing."""
    mine, theirs = _words(recorded), _words(written)
    if not name_words(written) or not name_words(recorded):
        return True
    if len(theirs) <= len(mine) and all(_alike(w, r) for w, r in zip(theirs, mine, strict=False)):
        return True
    return "".join(mine) == "".join(theirs)  # (its words run together or split: SitiRahma)


def check_named(nip: str, recorded: Mapping[str, Any] | None, written: str, values: Mapping[str, Any]) -> None:
    """Refuse a row whose name (`written`) is not the one recorded by the appointment's values (`recorded`);
    a correction of the name itself may carry the old name or the new one."""
    name = recorded.get("name") if recorded is not None else None
    if type(name) is not str or same_name(name, written):
        return
    changes = values.get("corrected_fields")
    if isinstance(changes, Mapping) and type(changes.get("name")) is str and same_name(changes["name"], written):
        return
    raise InvalidInput(NAME_DIFFERS.reason(written=repr(written), nip=nip, recorded=repr(name)), "name")

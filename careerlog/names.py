"""The employee's name an imported row carries beside the NIP, checked against the name recorded for that NIP.

A spreadsheet exported from another system (SIASN, a BKD's own) always has a "Nama" column beside the NIP, and
the classic mistake of such a file is a NIP of someone else (a row typed from the line above, digits swapped into
another valid NIP). The name catches it: a row whose name is not the recorded one is refused, naming both, and
nothing is recorded for it (docs/import-format.md).

Names are written in many ways: upper case, with academic or religious titles (gelar: "Drs. H. Budi Siregar,
S.Kom., M.Si."), cut short by a narrow column. Two spellings are the same name when the words of the one are all
among the words of the other, once case, punctuation and titles are set aside, or when their words run together are
the same ("SitiRahma"); a title is any word written with a dot ("Drs.", "S.Kom"), any word after the first comma, or
one of the few written without a dot (TITLES: "Hj", "Hajjah", "SE", "MM"); an apostrophe is no break in a word
("Nur'aini" is "Nuraini").
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
    )
)
_WORD = re.compile(r"[^\W\d_]+\.?")
_APOSTROPHES = str.maketrans("", "", "'\u2019`\u00b4")  # within a word (Nur'aini, Ma\u2019ruf): no break in it


def name_words(name: str) -> frozenset[str]:
    """The words of a name without its titles, in lower case ("Drs. H. Budi Siregar, M.Si." is {budi, siregar})."""
    return frozenset(_words(name))


def _words(name: str) -> list[str]:
    """The words of a name without its titles, in lower case, in their order."""
    words = _WORD.findall(name.split(",", 1)[0].casefold().translate(_APOSTROPHES))
    return [w for w in words if not w.endswith(".") and w not in TITLES]


def same_name(recorded: str, written: str) -> bool:
    """Whether `written` is `recorded` in another spelling: the words of one are among the other's. A cell with no
    word ("-") checks nothing."""
    mine, theirs = name_words(recorded), name_words(written)
    if not theirs or not mine or theirs <= mine or mine <= theirs:
        return True
    return "".join(_words(recorded)) == "".join(_words(written))  # (its words run together or split: SitiRahma)


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

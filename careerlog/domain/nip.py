"""NIP (PNS) and NI PPPK: 18-digit identity numbers (Perka BKN 22/2007).

PNS:  1-8 birth date, 9-14 TMT CPNS (YYYYMM), 15 sex, 16-18 sequence.
PPPK: 1-8 birth date, 9-12 year first appointed, 13 always 2, 14 contract count,
      15 sex, 16-18 sequence.
Digit 13 tells them apart: a PNS month's tens digit is 0 or 1, a PPPK's is 2 (rule nip.pppk_digit's digits, I); the
sequence is not 000 (rule nip.sequence_nonzero, I). Both inferences are configurable rules (`nip_rules`, docs/rules.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from careerlog.domain.errors import INVISIBLE, InvalidInput, quoted
from careerlog.domain.wording import Reason, Refusal
from careerlog.reference import Rules, rules

# The separators people type between a NIP's digits (spaces, dots, dashes), and the invisible characters a copy from a
# web page, a PDF or a chat carries along unseen (zero-width space U+200B and joiners U+200C/U+200D, the marks of
# direction U+200E/U+200F, word joiner U+2060, a byte-order mark U+FEFF, a soft hyphen U+00AD): until 2026-12-05 a
# NIP holding one was refused as not 18 digits, the character unseen in the value quoted (errors.INVISIBLE)
_SEPARATORS = re.compile(rf"[\s.\-{INVISIBLE}]")
# The fullwidth forms of the ASCII characters (U+FF01-U+FF5E: digits, full stop, hyphen-minus, letters) as NFKC reads
# them, the ASCII ones
_FULLWIDTH = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)}
SEX_DIGITS = {"1": "M", "2": "F"}

# The refusals of a number (careerlog.domain.wording), each a sentence as every other reason is (until 2026-12-07
# "must be 18 digits, got ..." began in lower case)
NOT_18_DIGITS = Refusal("Must be 18 digits, got {value}.")
# ... of 18 characters one of which is not a digit: "Must be 18 digits, got '19760616200410100x'" read as a count of
# the characters, which are 18, until 2026-12-07 (not_a_nip)
NOT_A_DIGIT = Refusal("Must be 18 digits: {character} is not a digit 0-9, in {value}.")
NO_BIRTH_DATE = Refusal("Digits 1-8 ({digits}) are not a real birth date.")
SEX_DIGIT = Refusal("Digit 15 (sex) must be 1 or 2, got {value}.")
NO_SEQUENCE = Refusal("Digits 16-18 (sequence) may not be 000.").reason()
NO_CONTRACT = Refusal("Digit 14 (PPPK contract count) must be 1-9.").reason()
MONTH_DIGITS = Refusal("Digits 13-14 (TMT CPNS month) must be 01-12, got {value}.")
OTHER_KIND = Refusal("is a {number} number but the appointment is {kind}")
OTHER_BIRTH = Refusal("{day} does not match the NIP ({birth})", dates=("day", "birth"))
OTHER_SEX = Refusal(
    "{sex} does not match NIP digit 15 ({digit} = {meaning})", codes=(("sex", "sexes"), ("meaning", "sexes"))
)
OTHER_TMT = Refusal("TMT CPNS {month} does not match NIP digits 9-14 ({digits})")
OTHER_YEAR = Refusal("year {year} does not match NIP digits 9-12 ({digits}, contract {count})")


# The rules of an identity number (careerlog/reference/rules.toml), both inferences (I), and what each holds when a
# rules file leaves it out (the reference's reading)
SEQUENCE_NONZERO = "nip.sequence_nonzero"
PPPK_DIGIT = "nip.pppk_digit"


@dataclass(frozen=True)
class NipRules:
    """What the rules make of an identity number's digits: whether a sequence 000 is refused (nip.sequence_nonzero's
    `enforced`) and the digits 13 that mark an NI PPPK (nip.pppk_digit's `digits`, in the file's order: a list, so
    that an operator adds a digit keeping the one the NI PPPKs recorded hold; the first is the one the demo's new
    numbers take)."""

    sequence_nonzero: bool = True
    pppk_digits: tuple[str, ...] = ("2",)

    @property
    def pppk_digits_named(self) -> str:
        """The digits 13 of an NI PPPK as a message names them: "2", "2/3"."""
        return "/".join(self.pppk_digits)


def nip_rules(book: Rules | None = None) -> NipRules:
    """The identity rules of `book` (by default the configured rules, CAREERLOG_RULES_FILE): each rule's one version,
    read without a day, as one NIP reads the same on every page whatever its TMT (careerlog.reference.UNDATED_RULES);
    a rule the file leaves out reads as NipRules' default."""
    return _nip_rules_of(rules() if book is None else book)


@lru_cache(maxsize=8)
def _nip_rules_of(book: Rules) -> NipRules:
    default = NipRules()

    def param(rule_id: str, name: str, value: Any) -> Any:
        versions = book.versions(rule_id)
        return versions[0].params.get(name, value) if versions else value

    return NipRules(
        sequence_nonzero=bool(param(SEQUENCE_NONZERO, "enforced", default.sequence_nonzero)),
        pppk_digits=tuple(str(d) for d in param(PPPK_DIGIT, "digits", default.pppk_digits)),
    )


@dataclass(frozen=True)
class Nip:
    """A well-formed identity number and what its digits say."""

    value: str
    employment_kind: str  # "PNS" or "PPPK"
    birth_date: date
    sex: str  # "M" or "F"
    appointed_year: int
    appointed_month: int | None
    contract_count: int | None
    sequence: int

    def __str__(self) -> str:
        return self.value

    @property
    def display(self) -> str:
        """The 8-6-1-3 display form."""
        return display_form(self.value)


def display_form(value: str) -> str:
    """An identity number's 18 digits in the 8-6-1-3 display form, as a decree prints them."""
    return f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"


def normalise_nip(raw: object) -> str:
    """Strip the separators people type, and the invisible characters a copy carries (_SEPARATORS), after reading
    its fullwidth forms as their compatibility form (NFKC: _FULLWIDTH): fullwidth digits, as an East Asian input
    method types them (U+FF11 for 1), are the digits 0-9 (until 2026-12-07 such a NIP was refused as not 18 digits).
    Another script's digits (Arabic-Indic), which NFKC keeps, stay refused, and so do a superscript or circled digit
    ("²", "①"), which NFKC would make a digit: no one types a NIP's digit so, and a stray one read as a digit
    would name another number. Does not validate."""
    text = str(raw)
    return _SEPARATORS.sub("", text if text.isascii() else text.translate(_FULLWIDTH))


# A number typed after its label, as decrees and lists print it and HR copies it from them ("NIP. 19860926 201003 1
# 701", "NIP: ...", "NI PPPK ..."): the number alone (the start page's search, the record form and an import alike)
NUMBER_LABEL = re.compile(r"\s*(?:NIP|NI\s*PPPK)\s*[.:]?\s*([\d\s.\-]*\d[\d\s.\-]*)", re.IGNORECASE)


def unlabelled_nip(typed: str) -> str:
    """A NIP as typed (a form's input, an import's cell) as the ledger is to read it: the text without the label
    before it ("NIP. 19850101 201001 1 001" as a decree or a signature prints it and HR pastes it; "NIP", "NIP:",
    "NI PPPK": NUMBER_LABEL) when the rest is an identity number's 18 digits with only spaces and dots (or dashes)
    between and about them, as normalise_nip reads them; anything else as typed (stripped), for the ledger to refuse
    naming the field and quoting it ("No. 1985...", "NIP 1985", "NIP. 1985... (lama)"). The record form
    (web.pages.hr.form_nip) and an import's NIP cells (careerlog.textfiles.nips_marked_as_text) read a NIP with this
    one function: until 2026-12-05 an import refused the form's "NIP. 1984...", showing it as "NIP1984..."."""
    text = typed.strip()
    labelled = NUMBER_LABEL.fullmatch(text)
    if labelled is None:
        return text
    number = labelled.group(1).strip()
    return number if eighteen_digits(normalise_nip(number)) else text


def read_nip(typed: object) -> str:
    """A recording's NIP as the ledger keys it: after its label, if any (unlabelled_nip), its separators stripped
    (normalise_nip). The API's `POST /employees` and every recording read it so, as the start page, the record form
    and an import do: until 2026-12-06 "NIP. 19980817 202503 1 001" was refused there, quoted as
    'NIP199808172025031001'."""
    return normalise_nip(unlabelled_nip(str(typed)))


def nip_as_typed(reasons: list[str], typed: object) -> list[str]:
    """A NIP's reasons with one of no identity number's form quoted as typed (`must be 18 digits, got 'No. 1998
    0817 ...'`), not as the ledger read it without its separators ('No.19980817...'), which nobody typed."""
    return [
        NOT_18_DIGITS.reason(value=quoted(typed))
        if (refusal := getattr(r, "refusal", None)) is NOT_18_DIGITS
        else NOT_A_DIGIT.reason(character=dict(r.params)["character"], value=quoted(typed))  # type: ignore[attr-defined]
        if refusal is NOT_A_DIGIT
        else r
        for r in reasons
    ]


def not_a_nip(typed: object) -> Reason:
    """The refusal of a value that has not an identity number's form (`eighteen_digits`), quoted as typed: of 18
    characters (separators stripped: normalise_nip), one not a digit 0-9, that character named (NOT_A_DIGIT:
    "Must be 18 digits: 'x' is not a digit 0-9, in '19760616200410100x'."); else NOT_18_DIGITS."""
    value = normalise_nip(typed)
    if len(value) == 18:
        first = next((c for c in value if not ("0" <= c <= "9")), None)
        if first is not None:
            return NOT_A_DIGIT.reason(character=quoted(first), value=quoted(typed))
    return NOT_18_DIGITS.reason(value=quoted(typed))


def eighteen_digits(value: str) -> bool:
    """Whether a value (separators stripped: normalise_nip) has an identity number's form, 18 ASCII digits (isdigit
    alone takes any script's digits, and ²); parse_nip checks the rest."""
    return value.isascii() and value.isdigit() and len(value) == 18


def parse_nip(raw: object, field: str = "nip", identity: NipRules | None = None) -> Nip:
    """Parse and check an identity number on its own; InvalidInput names the reason. By the identity rules `identity`
    (by default the configured ones: `nip_rules`)."""
    identity = nip_rules() if identity is None else identity
    value = normalise_nip(raw)
    if not eighteen_digits(value):
        raise InvalidInput(not_a_nip(raw), field)
    try:
        birth = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidInput(NO_BIRTH_DATE.reason(digits=value[:8]), field) from None
    sex = SEX_DIGITS.get(value[14])
    if sex is None:
        raise InvalidInput(SEX_DIGIT.reason(value=value[14]), field)
    sequence = int(value[15:])
    if sequence == 0 and identity.sequence_nonzero:
        raise InvalidInput(NO_SEQUENCE, field)
    if value[12] in identity.pppk_digits:
        contract = int(value[13])
        if contract == 0:
            raise InvalidInput(NO_CONTRACT, field)
        return Nip(value, "PPPK", birth, sex, int(value[8:12]), None, contract, sequence)
    month = int(value[12:14])
    if not 1 <= month <= 12:
        raise InvalidInput(MONTH_DIGITS.reason(value=value[12:14]), field)
    return Nip(value, "PNS", birth, sex, int(value[8:12]), month, None, sequence)


def nip_mismatches(
    nip: Nip,
    *,
    employment_kind: str | None,
    birth_date: date | None,
    sex: str | None,
    appointed_on: date | None,
) -> dict[str, list[str]]:
    """The recorded facts that contradict the digits of the identity number; a fact not known (None: its cell did
    not read) is not compared."""
    errors: dict[str, list[str]] = {}

    def add(name: str, reason: str) -> None:
        errors.setdefault(name, []).append(reason)

    if employment_kind is not None and nip.employment_kind != employment_kind:
        add("nip", OTHER_KIND.reason(number=nip.employment_kind, kind=employment_kind))
    if birth_date is not None and nip.birth_date != birth_date:
        add("birth_date", OTHER_BIRTH.reason(day=birth_date.isoformat(), birth=nip.birth_date.isoformat()))
    if sex is not None and nip.sex != sex:
        add("sex", OTHER_SEX.reason(sex=sex, digit=nip.value[14], meaning=nip.sex))
    if appointed_on is None:
        return errors
    if nip.employment_kind == "PNS" and employment_kind == "PNS":
        if (nip.appointed_year, nip.appointed_month) != (appointed_on.year, appointed_on.month):
            add(
                "effective_date",
                OTHER_TMT.reason(month=f"{appointed_on:%Y-%m}", digits=nip.value[8:14]),
            )
    elif nip.employment_kind == "PPPK":
        first_contract = nip.contract_count == 1
        if nip.appointed_year > appointed_on.year or (first_contract and nip.appointed_year != appointed_on.year):
            add(
                "effective_date",
                OTHER_YEAR.reason(year=appointed_on.year, digits=nip.appointed_year, count=nip.contract_count),
            )
    return errors

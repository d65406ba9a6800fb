"""A work unit, whose own performance rating bounds the spread of its staff's ratings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from careerlog.domain.errors import FieldErrors, InvalidInput
from careerlog.domain.events import LedgerEvent, UnitRegistered
from careerlog.domain.ledger import (
    IN_FUTURE,
    RATED,
    YEAR_AFTER_RATING,
    Decision,
    Fact,
    LedgerAggregate,
    Outcome,
    Recording,
    caseless,
)
from careerlog.domain.payload import parse_payload
from careerlog.domain.ratings import BEFORE_YEAR_END, earliest_date
from careerlog.domain.wording import Refusal
from careerlog.reference import rules

# No unit of Indonesia's civil service was rated before the Republic: an earlier year is a mistake, and
# the views keep the year in an INTEGER column (PostgreSQL's holds no year such as -10^12).
EARLIEST_RATED_YEAR = 1945
BEFORE_RATINGS = Refusal("{year} is before {earliest}: no unit of the civil service was rated then.")
KEEP_REGISTRATION = Refusal("A unit's registration cannot be retracted.").reason()


def unit_id(agency: str, unit: str) -> str:
    """The aggregate id of a unit: its agency code and its name."""
    return f"UNIT:{agency}:{unit}"


def unit_key(name: str) -> str:
    """A unit's name as names are compared (never stored so): without its letter case, surrounding spaces or runs of
    spaces within, so that `Dinas Kesehatan`, `dinas kesehatan` and ` Dinas  Kesehatan ` name one unit, and whatever
    its Unicode normalization form (`Bagian Umum Café` with é, or e and a combining accent), as `reference_key`."""
    return caseless(" ".join(name.split()))


# A unit's name near a known one's is a typo of it (rule unit.new: "Dinas Pendidkan" of Dinas Pendidikan): the
# same words (`unit_key`) but one, and that one a Damerau-Levenshtein distance of TYPO_EDITS from the known word (a
# letter left out, added, changed, or two beside each other swapped), TYPO_EDITS_LONG for a known word of TYPO_LONG
# letters or more. Not difflib's ratio of the whole names, which took other offices for typos ("Badan Kepegawaian
# Daerah" near Badan Pendapatan Daerah, Medan Baru near Medan Barat; until 2026-12-05).
TYPO_EDITS = 1
TYPO_EDITS_LONG = 2
TYPO_LONG = 8


def word_edits(a: str, b: str) -> int:
    """The Damerau-Levenshtein distance of two words (optimal string alignment): the letters left out, added or
    changed, and pairs of letters beside each other swapped, that make one the other."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[len(b)]


# The titles a unit's name holds of the person it is named for (RSUD dr. Pirngadi, RSUP H. Adam Malik, Universitas
# Prof. Dr. ...), by their lower case without their dot: a name that leaves some out or adds some is the known unit's
# written otherwise (`typo_of`: an edit each title), asked as a typo is. Until 2026-12-06 "RSUD Pirngadi" was a new
# unit beside RSUD dr. Pirngadi, recorded unasked (a typo was of the same number of words alone). H (Haji) is a title
# written with its dot ("H."), or without it before another word of the name ("RSUP H Adam Malik") that no word of a
# block or building's part goes before (PART_WORDS): a block or wing's letter H is the name's last word ("Gedung H",
# "Puskesmas Blok H") or follows such a word ("Gedung H Dinas Sosial"), and is no Haji. "Gedung" was taken for a typo
# of Gedung H until 2026-12-06, and "RSUP Adam Malik" recorded unasked beside RSUP H Adam Malik that day (H a title
# only with its dot).
TITLES = frozenset(("dr", "drs", "dra", "hj", "ir", "prof", "kh", "k.h"))
DOTTED_TITLES = frozenset(("h.",))
BARE_TITLES = frozenset(("h",))
PART_WORDS = frozenset(
    ("blok", "gedung", "lantai", "lt", "lt.", "ruang", "ruangan", "sayap", "wing", "paviliun", "zona")
)


def _titles(words: list[str]) -> list[str | None]:
    """The title each word of a name is (by its lower case without its dot), or None: a bare "h" only before another
    word and after none of PART_WORDS."""
    found: list[str | None] = []
    for n, word in enumerate(words):
        if word in DOTTED_TITLES or word.rstrip(".") in TITLES:
            found.append(word.rstrip("."))
        elif word in BARE_TITLES and n + 1 < len(words) and (n == 0 or words[n - 1] not in PART_WORDS):
            found.append(word)
        else:
            found.append(None)
    return found


def _titles_apart(mine: list[str], theirs: list[str]) -> int | None:
    """The titles one name leaves out or adds beside the other, each one edit ("rsud pirngadi" and rsud prof. dr.
    pirngadi: 2; until 2026-12-06 any number was one), when their other words are the same; else None."""
    my_titles, their_titles = _titles(mine), _titles(theirs)
    untitled = [w for w, t in zip(mine, my_titles, strict=True) if t is None]
    if not untitled or untitled != [w for w, t in zip(theirs, their_titles, strict=True) if t is None]:
        return None
    mine_counted = Counter(t for t in my_titles if t is not None)
    theirs_counted = Counter(t for t in their_titles if t is not None)
    return (mine_counted - theirs_counted).total() + (theirs_counted - mine_counted).total()


def typo_of(typed: str, known: str) -> int | None:
    """The edits (`word_edits`) making `typed` the `known` unit's name when it reads as a typo of it (two names
    by `unit_key`: the same words but one, that one within TYPO_EDITS of the known word, TYPO_EDITS_LONG of a known
    word of TYPO_LONG letters or more), else None: "dinas sosil" is a typo of dinas sosial (1), "medan baru" none of
    medan barat, nor "badan kepegawaian daerah" of badan pendapatan daerah; a name without titles the known one has
    (TITLES: "rsud pirngadi" of rsud dr. pirngadi), or with titles it has not, is an edit from it each title."""
    mine, theirs = typed.split(), known.split()
    if len(mine) != len(theirs):  # (titles left out or added: an edit each, as a word's letter is)
        return _titles_apart(mine, theirs)
    differing = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(differing) != 1:
        return None
    a, b = differing[0]
    return edits_within(a, b, TYPO_EDITS_LONG if len(b) >= TYPO_LONG else TYPO_EDITS)


NEAR_SHORTEST = 4  # letters: a shorter code (S-1, 12, IV) is a letter from many, so no edit of it is suggested


def near_codes(typed: str, codes: Iterable[str], most: int = 3) -> list[str]:
    """The `codes` a value no code is spelled may mean (a query filter's "did you mean"): those TYPO_EDITS from it in
    any case (`word_edits`; TYPO_EDITS_LONG for a code of TYPO_LONG letters or more, none for a code shorter than
    NEAR_SHORTEST: `99` is no typo of 19), the nearest first (then by code), at most `most`."""
    text = typed.strip().casefold()
    found = [
        (edits, code) for code in codes if (edits := edits_within(text, code.casefold(), near_edits(code))) is not None
    ]
    return [code for _, code in sorted(found)[:most]]


def edits_within(a: str, b: str, most: int) -> int | None:
    """`word_edits(a, b)` when it is `most` or fewer, else None; not worked out when the words' lengths alone differ
    by more (each edit changes a length by one at most): a value of thousands of letters sent as a query filter was
    compared letter by letter with every code, 1.8 s of a server's CPU a request."""
    if abs(len(a) - len(b)) > most:
        return None
    edits = word_edits(a, b)
    return edits if edits <= most else None


def near_edits(code: str) -> int:
    """The edits within which a value is taken for a typo of the code (near_codes)."""
    if len(code) < NEAR_SHORTEST:
        return 0
    return TYPO_EDITS_LONG if len(code) >= TYPO_LONG else TYPO_EDITS


def typos_of(typed: str, known: Iterable[str], most: int = 3) -> list[str]:
    """The `known` unit names (by `unit_key`) that `typed` (by `unit_key`) is a typo of (`typo_of`), the nearest
    first (then by name), at most `most`."""
    found = [(edits, name) for name in known if (edits := typo_of(typed, name)) is not None]
    return [name for _, name in sorted(found)[:most]]


def unit_of(subject: str) -> tuple[str, str]:
    """The agency code and unit name of a unit's subject (`unit_id`'s inverse): the name is the rest after the agency,
    whatever it holds (`UNIT:KOTA-MEDAN:Bagian: Umum/TU` is Bagian: Umum/TU of KOTA-MEDAN; no agency code holds a
    ':'). A part missing from a key typed short (`UNIT:KOTA-MEDAN`) reads as empty, which `unit_subject` refuses
    naming its field."""
    _, agency, unit = [*subject.split(":", 2), "", ""][:3]
    return agency, unit


def check_unit_rating(facts: list[Fact], fact: Fact, errors: FieldErrors) -> None:
    year = fact.values["year"]
    if year > fact.effective_date.year:
        errors.add("year", YEAR_AFTER_RATING.reason(year=year, day=fact.effective_date.isoformat()))
    elif year < EARLIEST_RATED_YEAR:
        errors.add("year", BEFORE_RATINGS.reason(year=year, earliest=EARLIEST_RATED_YEAR))
    for other in facts:
        if other.kind == "unit_rating" and other.version != fact.version and other.get("year") == year:
            errors.add("year", RATED.reason(year=year, version=other.version))


def rated_before_year_end(values: Mapping[str, Any]) -> str | None:
    """BEFORE_YEAR_END of a unit's rating (its values) dated before the earliest day a rating of its year may carry
    (rule skp.rated_after_year_end, as an employee's rating: by default the year's last day), or None. A year's
    rating of the unit, like its staff's, is given once the year has ended."""
    year, on = values.get("year"), values.get("effective_date")
    if type(year) is not int or not isinstance(on, date):
        return None
    earliest = earliest_date(year, rules())
    if earliest is None or on >= earliest:
        return None
    return BEFORE_YEAR_END.reason(year=str(year), earliest=earliest.isoformat(), date=on.isoformat())


class Unit(LedgerAggregate):
    """A unit of an agency and its yearly organisational ratings."""

    CHECKS = {"unit_rating": check_unit_rating}
    # a rating's year after its date is refused beside `year`, a correction of its date alone beside `effective_date`
    JUDGED_AGAINST = {("unit_rating", "year"): ("effective_date",)}

    @classmethod
    def register(cls, agency: str, unit: str, effective_date: date, recording: Recording) -> Unit:
        """A unit's record, opened by its first rating (dated as that rating)."""
        return cls._create(
            UnitRegistered,
            id=unit_id(agency, unit),
            agency=agency,
            unit=unit,
            effective_date=effective_date,
            reference=unit_id(agency, unit),
            # derived from the rating: the rating's client key is the rating's alone (given to the registration
            # too, it made a first rating sent with an Idempotency-Key a conflict with its own registration)
            **{**recording.event_kwargs(), "client_key": None},
        )

    def decide(
        self, event_cls: type[LedgerEvent], values: Mapping[str, Any], recording: Recording
    ) -> Decision | Outcome:
        """The ledger's decision, and a rating dated before its year has ended refused (`date_judged`): judged when a
        rating is recorded, or its year or date corrected, never of the ratings stored (one stored from before
        2026-12-05 refuses no correction of another), nor of a migration, which keeps what its log holds. A
        recording made already is answered as before."""
        refused = None if recording.reproduced else self.date_judged(event_cls, values)
        if refused is None:
            return LedgerAggregate.decide(self, event_cls, values, recording)
        field, reason = refused
        try:
            decided = LedgerAggregate.decide(self, event_cls, values, recording)
        except InvalidInput as e:  # (a new rating's named with its other problems; a correction's after them)
            if event_cls.KIND == "correction":
                raise
            errors = dict(e.errors)
            errors[field] = [*errors.get(field, []), reason]
            raise InvalidInput(errors) from None
        if isinstance(decided, Outcome):
            return decided
        raise InvalidInput(reason, field)

    def date_judged(self, event_cls: type[LedgerEvent], values: Mapping[str, Any]) -> tuple[str, str] | None:
        """(field, refusal) of a rating dated before its year has ended (`rated_before_year_end`): recorded, or
        corrected in its year or date (beside `corrected_fields.effective_date`, as an employee's rating is)."""
        if event_cls.KIND == "unit_rating":
            found = rated_before_year_end(values)
            return None if found is None else ("effective_date", found)
        if event_cls.KIND != "correction":
            return None
        target = self.facts.get(values.get("target_version"))  # type: ignore[arg-type]
        raw = values.get("corrected_fields")
        if target is None or target.kind != "unit_rating" or not isinstance(raw, Mapping):
            return None
        if not {"year", "effective_date"} & raw.keys():
            return None
        try:
            changes = parse_payload(target.event_class, raw, partial=True)
        except InvalidInput:
            return None  # (refused by the ledger, naming the field)
        found = rated_before_year_end({**target.values, **changes})
        return None if found is None else ("corrected_fields.effective_date", found)

    def check_fact(self, context: Any, fact: Fact, errors: FieldErrors, *, new: bool) -> None:
        if new and fact.effective_date > fact.recorded_on:
            errors.add("effective_date", IN_FUTURE.reason(day=fact.effective_date.isoformat()))
        super().check_fact(context, fact, errors, new=new)

    def check_retractable(self, target: Fact) -> None:
        if target.kind == "unit_registration":
            raise InvalidInput(KEEP_REGISTRATION, "target_version")


def rated_live(record: LedgerAggregate | None) -> bool:
    """Whether `record` is a unit's holding a live (unretracted) rating: a unit known to ratings by its record (a
    unit whose ratings are all retracted is asked as a new one is: careerlog.application.CareerLog._rated_near)."""
    return isinstance(record, Unit) and any(f.kind == "unit_rating" for f in record.active_facts())

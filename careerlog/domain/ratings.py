"""Performance rating schemes: the scheme a rated year's rating is given in, its predicates and score bands.

A year's rating records a predicate of the scheme in force for that year (the rule `skp.scheme` of
rules.toml, looked up on 1 January of the year): DP3 (PP 10/1979), SKP of PP 46/2011, or the current SKP
(PP 30/2019, PermenPANRB 6/2022). The predicates of every scheme are one reference table
(`rating_predicates`, asn.toml): a predicate of the same name in the same place of several schemes is one code
(BAIK), the others have their own (CUKUP, AMAT_BAIK, DP3_KURANG), so a stored code scores alike whatever years
the schemes are configured for. In a scheme with scores a rating may also record its numeric score, which must
lie in its predicate's band.

An input may name a predicate as its year's scheme names it ("Cukup", "Amat Baik", "Kurang"): it is read as that
scheme's code (2010 "Kurang": DP3_KURANG, the worst DP3 predicate). A predicate of another scheme than the
year's is refused naming the year and the predicates accepted for it. A migration import keeps what a log
holds as it is (careerlog.application).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from careerlog.domain.errors import FieldErrors, quoted
from careerlog.domain.payload import whole_number
from careerlog.domain.wording import Refusal
from careerlog.reference import Code, Rules, reference

SCHEME_RULE = "skp.scheme"
YEAR_END_RULE = "skp.rated_after_year_end"

NOT_IN_SCHEME = Refusal(
    "{predicate} is not a predicate of the {scheme} scheme in force for {year}; accepted for {year}: {accepted}.",
)
NO_SCHEME = Refusal("No performance rating scheme is in force for {year} (rule skp.scheme).")
NO_SCORES = Refusal("The {scheme} scheme of {year} has no numeric score; leave the score empty.")
BEFORE_YEAR_END = Refusal(
    "A rating of {year} is given once the year has ended: its date must be on or after {earliest} "
    "(rule skp.rated_after_year_end); {date} is earlier. Check the year and the date.",
    dates=("earliest", "date"),
)
OUT_OF_BAND = Refusal(
    "{score} is outside the band of {predicate} in the {scheme} scheme: at least {low} and below {high}.",
    numbers=("score", "low", "high"),
)
OUT_OF_TOP_BAND = Refusal(
    "{score} is outside the band of {predicate} in the {scheme} scheme: at least {low} and at most {high}.",
    numbers=("score", "low", "high"),
)


@dataclass(frozen=True)
class Scheme:
    """One rating scheme: its code, name, regulation, whether it has scores, and its predicates in order."""

    code: str
    name: str
    regulation: str
    scores: bool
    max_score: Decimal | None
    predicates: tuple[Code, ...]

    @property
    def accepted(self) -> str:
        """Its predicates as a refusal names them: `Cukup (SKP_2011_CUKUP)`, best first."""
        return ", ".join(f"{p.name} ({p.code})" for p in self.predicates)

    def read(self, text: str) -> str | None:
        """The code of the predicate a spelling names in this scheme (its code, or its name with spaces or
        underscores, in any case), or None."""
        wanted = _key(text)
        for p in self.predicates:
            if wanted in (_key(p.code), _key(p.name)):
                return p.code
        return None

    def band(self, code: str) -> tuple[Decimal, Decimal]:
        """The lowest and highest score of a predicate: from its `min_score` up to the next better one's
        (exclusive: returned as that score, the band is read low <= score < high) or the scheme's maximum
        (inclusive) for the best."""
        index = [p.code for p in self.predicates].index(code)
        low = Decimal(str(self.predicates[index]["min_score"]))
        if index == 0:
            return low, self.max_score if self.max_score is not None else Decimal("Infinity")
        return low, Decimal(str(self.predicates[index - 1]["min_score"]))

    def in_band(self, code: str, score: Decimal) -> bool:
        low, high = self.band(code)
        return low <= score and (score <= high if code == self.predicates[0].code else score < high)


def _key(text: str) -> str:
    return "".join(text.replace("_", " ").split()).upper()


@cache
def schemes() -> dict[str, Scheme]:
    """Every scheme of the reference, by code."""
    ref = reference()
    found = {}
    for row in ref.rating_schemes:
        max_score = row.get("max_score")
        found[row.code] = Scheme(
            row.code,
            row.name,
            str(row["regulation"]),
            bool(row["scores"]),
            None if max_score is None else Decimal(str(max_score)),
            tuple(ref.rating_predicates[code] for code in row["predicates"]),
        )
    return found


# The scheme of every year in a rules file without any version of `skp.scheme` (one written before the schemes
# were, e.g. a deployment's own copy of the older bundled rules): the current one, which every year's rating was
# recorded in before, so such a deployment records ratings as it did instead of refusing them all.
CURRENT_SCHEME = "SKP_2022"


def scheme_of_year(year: int, book: Rules) -> Scheme | None:
    """The scheme in force for a rated year (`skp.scheme` on 1 January of it), or None; the current scheme for
    every year when the rules have no version of `skp.scheme` at all."""
    if not 1 <= year <= 9999:
        return None
    if not book.versions(SCHEME_RULE):
        return schemes()[CURRENT_SCHEME]
    code = book.param(SCHEME_RULE, date(year, 1, 1), "scheme")
    return None if code is None else schemes()[code]


def _year(value: Any) -> int | None:
    if type(value) is int:
        return value
    if isinstance(value, str) and whole_number(value.strip()):  # (digits 0-9: the year the ledger reads)
        try:
            return int(value.strip())
        except ValueError:  # (more digits than int() reads, 4,300: no year; the ledger refuses it beside `year`)
            return None
    return None


def in_year_scheme(payload: Mapping[str, Any], book: Rules) -> Mapping[str, Any]:
    """A rating's payload with its predicate as its year's scheme's code when it is spelled as that scheme
    names one of its predicates (2016 "Cukup": SKP_2011_CUKUP; 2016 "BAIK": SKP_2011_BAIK); else as given."""
    predicate, year = payload.get("predicate"), _year(payload.get("year"))
    if not isinstance(predicate, str) or year is None:
        return payload
    scheme = scheme_of_year(year, book)
    code = None if scheme is None else scheme.read(predicate)
    if code is None or code == predicate:
        return payload
    return {**payload, "predicate": code}


def predicate_problem(raw: Mapping[str, Any], book: Rules) -> str | None:
    """Why a rating's predicate (as given) is refused for its year, when its year is read: not a predicate of
    the year's scheme, or no scheme in force for the year. None otherwise."""
    predicate, year = raw.get("predicate"), _year(raw.get("year"))
    if not isinstance(predicate, str) or year is None:
        return None
    scheme = scheme_of_year(year, book)
    if scheme is None:
        return NO_SCHEME.reason(year=str(year))
    if scheme.read(predicate) is not None:
        return None
    return NOT_IN_SCHEME.reason(
        predicate=quoted(predicate), scheme=scheme.name, year=str(year), accepted=scheme.accepted
    )


def earliest_date(year: int, book: Rules) -> date | None:
    """The earliest day a rating of `year` may carry (`skp.rated_after_year_end` on 1 January of the year: by
    default the year's last day), or None when the rule is not in force for it."""
    if not 1 <= year <= 9999:
        return None
    day = date(year, 1, 1)
    earliest = book.param(YEAR_END_RULE, day, "earliest")
    if earliest is None:
        return None
    month, dom = (int(part) for part in str(earliest).split("-"))
    shifted = year + int(book.param(YEAR_END_RULE, day, "year_offset", 0))
    return date(shifted, month, dom) if 1 <= shifted <= 9999 else None


def check_rating(
    values: Mapping[str, Any], book: Rules, errors: FieldErrors, prefix: str = "", dated: bool = True
) -> None:
    """A rating is dated once its year has ended (when `dated`: a new rating, a correction of its year or date),
    its predicate is of its year's scheme, and its score (if any) in a scheme with scores and within its
    predicate's band. The refusals name the field (after `prefix`: `corrected_fields.`)."""
    year, predicate, score = values["year"], values["predicate"], values.get("score")
    on = values.get("effective_date")
    earliest = earliest_date(year, book) if dated and isinstance(on, date) else None
    if earliest is not None and isinstance(on, date) and on < earliest:
        shown = {"year": str(year), "earliest": earliest.isoformat(), "date": on.isoformat()}
        errors.add(prefix + "effective_date", BEFORE_YEAR_END.reason(**shown))
    scheme = scheme_of_year(year, book)
    if scheme is None:
        errors.add(prefix + "year", NO_SCHEME.reason(year=str(year)))
        return
    if predicate not in {p.code for p in scheme.predicates}:
        reason = NOT_IN_SCHEME.reason(
            predicate=quoted(predicate), scheme=scheme.name, year=str(year), accepted=scheme.accepted
        )
        errors.add(prefix + "predicate", reason)
        return
    if score is None:
        return
    if not scheme.scores:
        errors.add(prefix + "score", NO_SCORES.reason(scheme=scheme.name, year=str(year)))
        return
    if not scheme.in_band(predicate, score):
        low, high = scheme.band(predicate)
        name = reference().rating_predicates[predicate].name
        refusal = OUT_OF_TOP_BAND if predicate == scheme.predicates[0].code else OUT_OF_BAND
        shown = {"score": str(score), "low": str(low), "high": str(high)}
        errors.add(prefix + "score", refusal.reason(predicate=name, scheme=scheme.name, **shown))

"""Reference data and configurable rules, loaded from the TOML files beside this module.

Reference tables (ranks, education levels, post kinds, training kinds, penalty kinds,
statuses, recruitment paths, regions, agencies) are data with their source regulation.
Rules carry their source and the dates they are in force; see `Rules.in_force`.
How lists write names (titles, honorifics, abbreviations: names.toml) is replaceable as the rules are.
"""

from __future__ import annotations

import difflib
import math
import os
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from careerlog.config import ConfigurationError
from careerlog.domain.errors import quoted
from careerlog.domain.wording import Reason, Refusal

HERE = Path(__file__).parent
RULES_FILE_ENV = "CAREERLOG_RULES_FILE"
BUNDLED_RULES = str(HERE / "rules.toml")
NAMES_FILE_ENV = "CAREERLOG_NAMES_FILE"
BUNDLED_NAMES = str(HERE / "names.toml")
T = TypeVar("T")


@dataclass(frozen=True)
class Code:
    """One row of a reference table: its canonical code, name and other attributes."""

    code: str
    name: str
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.attrs[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)


# A spelling near a code's (Table.nearest): difflib's ratio at least this, and within the spread of the nearest's
NEAREST_RATIO = 0.6
NEAREST_SPREAD = 0.1


def _spelled(value: str) -> str:
    """A spelling in lower case, its dashes, dots and runs of spaces as one space ("KOTA-MEDAN" is "kota medan")."""
    return " ".join(value.casefold().replace("-", " ").replace(".", " ").split())


def _compact(value: str) -> str:
    """A spelling without spaces, with a dash or a dot as a slash, in upper case ("III - b" is "III/B")."""
    return "".join(value.split()).replace("-", "/").replace(".", "/").upper()


class AnyCase:
    """Codes read in any letter case, the spaces around them aside: the one rule of every filter by code (the API's
    and the pages' query strings, the command line's reports and audits), as users of an HR system type codes
    (`kota-medan`, `ahli_muda`, `iii/a` are KOTA-MEDAN, AHLI_MUDA, III/a). Only the case: no alias, no name, no other
    spelling (what a recorded fact's code reads, Table.normalise). A spelling that is several codes in another case
    (two codes differing only by case, `Ab` and `AB`, asked as `ab`) is none of them, never guessed; each code as
    written is itself."""

    def __init__(self, codes: Iterable[str]):
        self.codes = list(dict.fromkeys(codes))
        self._exact = frozenset(self.codes)
        self._folded: dict[str, list[str]] = {}
        for code in self.codes:
            self._folded.setdefault(code.casefold(), []).append(code)

    def read(self, value: str) -> str | None:
        """The code a value is, in any case and with spaces around it; None when none, or several, is."""
        text = value.strip()
        if text in self._exact:
            return text
        found = self._folded.get(text.casefold(), [])
        return found[0] if len(found) == 1 else None

    def read_or_as_typed(self, value: str) -> str:
        """The code a value is (`read`), or the value as typed when none is, for its refusal to name it so."""
        return self.read(value) or value

    def each(self, values: Iterable[Any]) -> list[Any]:
        """The values asked, a comma-separated one as its parts when no code holds a comma (none of the reference
        tables' does): `agency=KAB-KARO,KOTA-MEDAN` is two agencies, as the API's CodeFilter and the pages'
        filters_from read them (the pages since 2026-12-06: before, one unknown code)."""
        return [part for v in values for part in self._parts(v)]

    def empty_part(self, values: Iterable[Any]) -> Reason | None:
        """The refusal (EMPTY_PART) of the first value asked that `each` reads with a code left empty (or only spaces)
        beside a comma: `KAB-KARO,`, `,KAB-KARO`, `KAB-KARO,,KOTA-MEDAN`, refused whole by the API's CodeFilter and the
        pages (web.pages.inspector.refused) alike, not read as its other codes alone; None when there is none. A value
        empty as a whole is none: the API refuses it as no code, and a page's form sends it for "all"."""
        for value in values:
            if len(parts := self._parts(value)) > 1 and not all(part.strip() for part in parts):
                return EMPTY_PART.reason(value=quoted(value))
        return None

    def _parts(self, value: Any) -> list[Any]:
        """A value's codes as `each` reads them: its parts between commas when no code holds a comma."""
        if not isinstance(value, str) or self._comma_held:
            return [value]
        return value.split(",")

    @cached_property
    def _comma_held(self) -> bool:
        return any("," in code for code in self.codes)


# A filter's value with a code left empty beside a comma (AnyCase.empty_part): refused by the API (CodeFilter) and the
# pages alike, naming the filter (until 2026-12-06 the API refused it as the unknown code '' and the pages read
# `agency=KAB-KARO,` as KAB-KARO alone, as if the second code meant had not been lost). A Refusal, so the pages
# translate it (web.pages.messages.reason_text).
EMPTY_PART = Refusal("An empty code in {value}: write a code on each side of every comma.")


# The reference tables (GET /api/v1/reference/TABLE) whose codes a roster filter's values are (web.api.schemas's
# CodeFilter reads each value in any letter case, AnyCase, as the code of one of them): a value no table holds matches
# no one, as recorded facts hold codes only, so it is refused (a misspelt filter's empty page would read as
# "nobody"). The unit is free text.
FILTER_TABLES = {
    "agency": ("agencies",),
    "region": ("regions",),
    "rank": ("ranks", "pppk_grades"),
    "status": ("statuses",),
    "sex": ("sexes",),
    "education": ("education",),
    "employment_kind": ("employment_kinds",),
    "post_kind": ("post_kinds",),
    "recruitment_path": ("recruitment_paths",),
}


# The tables whose codes are read by their official names too ("Diklat teknis", "Jabatan Administrator", "Ahli
# Muda", "Ringan", "Cuti di luar tanggungan negara (CLTN)", a unit's "Butuh Perbaikan", as a BKD sheet writes them):
# each name is one code's. Not the predicates of every scheme (rating_predicates: DP3's Kurang and SKP's Kurang are
# two codes, read by the year's scheme). The ranks by their whole pangkat since 2026-12-05 ("Penata" is III/c, "Penata
# Muda" III/a, in any case): a pangkat that is exactly a rank's name is that rank (it was refused as "the start of the
# names of several codes ... write the code or the whole name", the whole name refused alike), and one cut short that
# is no rank's name ("Penata Muda Tingkat") is refused as before.
BY_NAME = frozenset(
    (
        "education",
        "post_kinds",
        "functional_levels",
        "assignment_kinds",
        "selection_kinds",
        "skp_predicates",
        "training_kinds",
        "exams",
        "award_kinds",
        "penalty_kinds",
        "penalty_levels",
        "statuses",
        "recruitment_paths",
        "ranks",
    )
)


class Table:
    """A reference table: canonical codes in order, with aliases accepted on input."""

    def __init__(self, name: str, rows: Iterable[Mapping[str, Any]], source: str = "", *, by_name: bool = False):
        """`by_name`: each code is read by its name too (an agency's, a region's: "Pemerintah Kota Medan", "Kota
        Medan", as a BKD sheet writes them), for a table whose names are each one code's."""
        self.name = name
        self.source = source
        self.rows: dict[str, Code] = {}
        self._aliases: dict[str, str] = {}
        for row in rows:
            attrs = {k: v for k, v in row.items() if k not in ("code", "name", "pangkat")}
            code = Code(str(row["code"]), str(row.get("name") or row.get("pangkat", "")), attrs)
            self.rows[code.code] = code
            for alias in [code.code, *row.get("aliases", ()), row.get("siasn")]:
                if alias:
                    self._aliases[str(alias).upper()] = code.code
        self._unpadded()
        if by_name:  # (after the codes and aliases, which a name never displaces)
            for code in self.rows.values():
                self._aliases.setdefault(code.name.upper(), code.code)

    def _unpadded(self) -> None:
        """A fixed-width numeric SIASN code (kedudukanHukum "02", CLTN) read without its leading zeros too ("2"), as a
        spreadsheet shows a column of codes read as numbers: each such spelling one code's and no other spelling of the
        table (after the codes and aliases, which it never displaces). A code of digits with a decimal point whose last
        digits are zeros (a Kemendagri region "12.10", Kabupaten Labuhanbatu: the number 12.1) is kept apart without
        them (`shown_as_number`): read so only where a spreadsheet dropped them (an import's cell), never as typed
        elsewhere, where "12.1" may as well be 12.01 (`zeros_left_out`; until 2026-12-05 read as 12.10 everywhere)."""
        unpadded: dict[str, set[str]] = {}
        trailing: dict[str, set[str]] = {}
        for code in self.rows.values():
            siasn = str(code.attrs.get("siasn") or "")
            if siasn.isdecimal() and siasn.isascii() and siasn.startswith("0") and siasn.lstrip("0"):
                unpadded.setdefault(siasn.lstrip("0"), set()).add(code.code)
            whole, point, fraction = code.code.partition(".")
            digits = whole + fraction
            if point and digits.isdecimal() and digits.isascii() and fraction.endswith("0") and fraction.strip("0"):
                trailing.setdefault(f"{whole}.{fraction.rstrip('0')}", set()).add(code.code)
        for spelling, codes in unpadded.items():
            if len(codes) == 1 and spelling not in self._aliases:
                self._aliases[spelling] = codes.pop()
        self._as_numbers = {
            spelling: codes.pop() for spelling, codes in trailing.items() if len(codes) == 1 and spelling not in self
        }

    def shown_as_number(self, value: str) -> str | None:
        """The code a spreadsheet's number shows without its last zeros ("12.1": the region 12.10, typed into a column
        of General format, or a workbook's number cell), when it is no spelling of the table and one code's alone;
        else None. Read so by an import's cells alone (careerlog.textfiles.read_region_numbers)."""
        return None if value in self else self._as_numbers.get(value.strip())

    def zeros_left_out(self, value: str) -> list[Code]:
        """The codes a spelling of digits with a decimal point that is none of the table's is with a zero put back
        after its last digits ("12.1": 12.10, as a spreadsheet's number drops it) or before them (12.01, as a SIASN code
        drops a leading zero), in that order; empty when it is no such spelling, or a spelling of the table."""
        text = value.strip()
        whole, point, fraction = text.partition(".")
        if not point or not (whole + fraction).isdecimal() or not text.isascii() or not fraction or text in self:
            return []
        found: dict[str, Code] = {}
        for strip in (str.rstrip, str.lstrip):
            for code in self.rows.values():
                other, _, digits = code.code.partition(".")
                if other == whole and len(digits) > len(fraction) and strip(digits, "0") == fraction:
                    found.setdefault(code.code, code)
        return list(found.values())

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and (value.upper() in self._aliases or _compact(value) in self._aliases)

    def __iter__(self) -> Any:
        return iter(self.rows.values())

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, code: str) -> Code:
        return self.rows[self.normalise(code)]

    @property
    def codes(self) -> list[str]:
        return list(self.rows)

    @cached_property
    def any_case(self) -> AnyCase:
        """The table's codes read in any letter case (AnyCase: the filters' rule)."""
        return AnyCase(self.rows)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Canonical codes by accepted spelling in upper case (what `normalise` looks up)."""
        return self._aliases

    def normalise(self, value: str) -> str:
        """Return the canonical code for a code or alias; KeyError if unknown.

        A spelling found neither way is looked up once more without its spaces and with a dash or dot as a
        slash, as a golongan is often written ("III - b", "III.b", "3 b": III/b, with the ranks' aliases)."""
        aliases = self._aliases
        found = aliases.get(value.upper())
        return found if found is not None else aliases[_compact(value)]

    def index(self, code: str) -> int:
        return self.codes.index(self.normalise(code))

    def nearest(self, value: str, most: int = 3) -> list[Code]:
        """The codes whose code, name or name without its first word of government ("Kota Medan" of "Pemerintah
        Kota Medan") is nearest a spelling none is (difflib's ratio NEAREST_RATIO or more, in any case, a dash as
        a space), the nearest first, and only those about as near as it (NEAREST_SPREAD): "Pemerintah Kota Meden"
        is KOTA-MEDAN alone, "Pemkab Tapanuli" the three Tapanulis. Empty when none is near."""
        spellings: dict[str, str] = {}
        for row in self.rows.values():
            for spelling in (row.code, row.name, row.name.removeprefix("Pemerintah ")):
                spellings.setdefault(_spelled(spelling), row.code)
        typed = _spelled(value)
        matcher = difflib.SequenceMatcher(b=typed)
        ratios: dict[str, float] = {}
        for spelling, code in spellings.items():
            matcher.set_seq1(spelling)
            if matcher.real_quick_ratio() >= NEAREST_RATIO and matcher.quick_ratio() >= NEAREST_RATIO:
                ratio = matcher.ratio()
                if ratio >= max(NEAREST_RATIO, ratios.get(code, 0.0)):
                    ratios[code] = ratio
        ranked = sorted(ratios, key=lambda code: -ratios[code])
        return [self.rows[code] for code in ranked[:most] if ratios[code] >= ratios[ranked[0]] - NEAREST_SPREAD]


@dataclass(frozen=True)
class Rule:
    """A configurable rule with its source and the period it is in force."""

    id: str
    title: str
    source: str
    status: str
    valid_from: date
    valid_to: date | None
    severity: str
    params: Mapping[str, Any]
    # a part of the rule whose status differs from `status` ("201: M": S but for kind 201's years, M), shown beside it
    # by `careerlog rules` as docs/rules.md's tables show it; the status a check of a promotion of that kind carries
    # (projections.merit.rules.kind_status), so the views' digest counts it (projections.framework.rules_digest)
    status_note: str = ""

    @property
    def statuses(self) -> str:
        """The status with its note, as docs/rules.md writes it: "S", "S (201: M)"."""
        return f"{self.status} ({self.status_note})" if self.status_note else self.status

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Rules:
    """The rule versions of a rules file, looked up by id and date."""

    def __init__(self, rules: Iterable[Rule], path: Path | None = None):
        self.all = list(rules)
        self.path = path
        self._by_id: dict[str, list[Rule]] = {}  # each id's versions in file order (checks look rules up per row)
        for rule in self.all:
            self._by_id.setdefault(rule.id, []).append(rule)

    def versions(self, rule_id: str) -> list[Rule]:
        """A rule's versions in file order (a copy: the caller may change it)."""
        return list(self._by_id.get(rule_id, ()))

    def in_force(self, rule_id: str, day: date) -> Rule | None:
        """The version of a rule in force on a day, or None when no version is (the first in file order)."""
        for rule in self._by_id.get(rule_id, ()):
            if rule.in_force_on(day):
                return rule
        return None

    def param(self, rule_id: str, day: date, name: str, default: Any = None) -> Any:
        rule = self.in_force(rule_id, day)
        return default if rule is None else rule.params.get(name, default)

    @property
    def ids(self) -> list[str]:
        return sorted({r.id for r in self.all})


class Reference:
    """All reference tables of careerlog."""

    def __init__(self, asn: Mapping[str, Any], regions: Mapping[str, Any], agencies: Mapping[str, Any]):
        sources = asn["sources"]

        def table(name: str, meta: str | None = None) -> Table:
            source = asn.get(meta or f"{name}_meta", {}).get("source", "")
            return Table(name, asn[name], sources.get(source, source), by_name=name in BY_NAME)

        self.sources: Mapping[str, str] = sources
        self.ranks = table("ranks")
        self.pppk_grades = Table(
            "pppk_grades",
            ({"code": c, "name": f"Grade {c}"} for c in asn["pppk_grades"]["codes"]),
            sources[asn["pppk_grades"]["source"]],
        )
        self.education = table("education")
        self.promotion_kinds = table("promotion_kinds")
        self.post_kinds = table("post_kinds")
        self.functional_levels = table("functional_levels")
        self.assignment_kinds = table("assignment_kinds")
        self.selection_kinds = table("selection_kinds")
        self.training_kinds = table("training_kinds")
        self.exams = table("exams")
        self.award_kinds = table("award_kinds")
        self.skp_predicates = table("skp_predicates", "skp_meta")
        # every scheme's predicates (careerlog.domain.ratings), each scored as its `common` predicate of the
        # current scheme (skp_predicates), which the rules compare
        self.rating_schemes = table("rating_schemes")
        self.rating_predicates = Table(
            "rating_predicates",
            ({**row, "score": self.skp_predicates[row["common"]]["score"]} for row in asn["rating_predicates"]),
            self.rating_schemes.source,
        )
        self.penalty_kinds = table("penalty_kinds", "penalty_meta")
        self.penalty_levels = table("penalty_levels", "penalty_meta")
        self.statuses = table("statuses", "none")
        self.recruitment_paths = table("recruitment_paths", "recruitment_meta")
        self.regions = Table("regions", regions["regions"], regions["meta"]["source"], by_name=True)
        self.agencies = Table("agencies", agencies["agencies"], agencies["meta"]["source"], by_name=True)
        self.sexes = Table(
            "sexes",
            [
                # by their names too, as a BKD sheet's Jenis Kelamin column writes them (Laki-laki, PEREMPUAN)
                {"code": "M", "name": "Laki-laki", "aliases": ["L", "1", "MALE", "Laki laki"], "digit": "1"},
                {"code": "F", "name": "Perempuan", "aliases": ["P", "2", "FEMALE"], "digit": "2"},
            ],
            "Perka BKN 22/2007",
            by_name=True,
        )
        self.employment_kinds = Table(
            "employment_kinds",
            [
                # appointed as CPNS (alias), a PNS once confirmed: the name is shown to employees in both languages
                {"code": "PNS", "name": "Pegawai Negeri Sipil", "aliases": ["CPNS"]},
                {"code": "PPPK", "name": "Pegawai Pemerintah dengan Perjanjian Kerja"},
            ],
            "UU 20/2023",
        )

    @property
    def names(self) -> list[str]:
        """The names of the reference tables, in the order `careerlog reference` and GET /api/v1/reference list
        them."""
        return [name for name, value in vars(self).items() if isinstance(value, Table)]

    def table(self, name: str) -> Table:
        value = getattr(self, name)
        assert isinstance(value, Table)
        return value

    def post_levels(self, kind: str | None = None) -> list[str]:
        """The level codes a post appointment may carry, each once in asn.toml's order: of post kind `kind` (a code
        of post_kinds) the managerial post's `eselon`, another's `levels` (none for a Pelaksana post); given no kind,
        every post kind's (I.a ... IV.b, then AHLI_PERTAMA ... PENYELIA). The one list the ledger judges a post's level
        by (careerlog.domain.employee.check_post_appointment), the audited posts' `level` filter takes
        (web.api.audit_schemas) and the record form and import template offer (web.pages.hr, workbook_template)."""
        kinds = list(self.post_kinds) if kind is None else [self.post_kinds[kind]]
        found = (level for k in kinds for level in k.get("eselon" if k.get("managerial") else "levels", []))
        return list(dict.fromkeys(found))

    def rank_index(self, rank: str) -> int:
        return self.ranks.index(rank)

    def rank_at_or_above(self, rank: str, other: str) -> bool:
        return self.rank_index(rank) >= self.rank_index(other)

    def separation_statuses(self) -> set[str]:
        return {s.code for s in self.statuses if s.get("separation")}

    def predicate_score(self, predicate: str) -> int:
        """The score the rules compare a predicate of any scheme by: its common predicate's (DP3 Amat Baik: 5)."""
        return int(self.rating_predicates[predicate]["score"])

    def credit_factor(self, predicate: str) -> float:
        """The credit factor of a predicate of any scheme: the current scheme's (credit points are counted on
        it, from 2023), an older scheme's predicate as its common predicate's (CUKUP: Butuh Perbaikan's)."""
        return float(self.skp_predicates[self.rating_predicates[predicate]["common"]]["credit_factor"])


def _load_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables; ConfigurationError naming the file when it does not parse."""
    with path.open("rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise ConfigurationError(f"{path}: {e}") from None


@cache
def reference() -> Reference:
    """The reference tables (loaded once)."""
    return Reference(
        _load_toml(HERE / "asn.toml"),
        _load_toml(HERE / "regions.toml"),
        _load_toml(HERE / "agencies.toml"),
    )


@cache
def tables_codes(tables: tuple[str, ...]) -> AnyCase:
    """The codes of these reference tables, in their order, read in any letter case (AnyCase, the filters' rule): one
    reader per set of tables, built at its first use (a table's own, Table.any_case, for one)."""
    if len(tables) == 1:
        return reference().table(tables[0]).any_case
    return AnyCase(code for name in tables for code in reference().table(name).codes)


def filter_codes(name: str) -> AnyCase | None:
    """The one reader of a filter's values as codes in any letter case (AnyCase over the codes of its FILTER_TABLES,
    the rank's over the ranks' and the PPPK grades' together: `kota-medan` is KOTA-MEDAN), None for a filter of no
    codes (the unit's free text). Every reader of a filter's codes reads by it: the API's CodeFilter, web.services'
    `filter_key` (one value per filter) and `read_codes` (the scope's agencies and regions), the pages' filters_from and
    refusal of an unknown code (web.pages.inspector.refused), the scorecard's agency and region and the audit command's
    --agency and --region, where each had its own reader or table until 2026-12-06 (`filter_key` built the rank's on
    every call). Built once (`tables_codes`) from the reference tables, which are loaded once (`reference()`: the
    bundled asn.toml, regions.toml and agencies.toml, which CAREERLOG_RULES_FILE does not change)."""
    tables = FILTER_TABLES.get(name)
    return None if tables is None else tables_codes(tables)


def filter_code(name: str, value: str) -> str | None:
    """A coded filter's value as the code it is (`filter_codes(name).read`: in any letter case, the spaces around it
    aside); None when it is no code, or the filter has none."""
    codes = filter_codes(name)
    return None if codes is None else codes.read(value)


def rank_order(code: str | None) -> int | None:
    """The order ranks and grades are read in wherever they are listed (the roster's `sort=rank` and rank_order column,
    the reports' groups by rank: `projections.training.report_order`): a PNS rank by its place in the ranks table (I/a
    0 ... IV/e 16), a PPPK grade after every rank, by its place in the grades table (I 17 ... XVII 33): a grade is no
    rank, and neither is above the other, so each kind is read in its own order, PNS first; None for neither (no rank
    recorded)."""
    ranks, grades = reference().ranks, reference().pppk_grades
    if code is None:
        return None
    if code in ranks:  # (as the roster read it before its version 10: a rank in any spelling its table reads)
        return ranks.index(code)
    if code in grades:
        return len(ranks) + grades.index(code)
    return None


def _day(row: Mapping[str, Any], field: str, named: str) -> date:
    """A rule's day (a TOML date or an ISO text), or ConfigurationError naming the field."""
    value = row[field]
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as e:
        raise ConfigurationError(f"{named}: {field} {value!r} is not a day (YYYY-MM-DD): {e}") from None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _code_of(value: Any, table: str) -> bool:
    """Whether a value is a code of a reference table, as the table writes it."""
    return isinstance(value, str) and value in reference().table(table).rows


def _codes_to(value: Any, table: str, test: Callable[[Any], bool]) -> bool:
    """Whether a value is a table whose keys are codes of a reference table and whose values pass `test`."""
    return isinstance(value, Mapping) and all(_code_of(k, table) and test(v) for k, v in value.items())


Check = tuple[Callable[[Any], bool], str]  # (test, what the value must be)


def _whole_from(least: int, most: int) -> Check:
    return (lambda v: _whole(v) and least <= v <= most, f"a whole number from {least} to {most}")


def _text() -> Check:
    return (lambda v: isinstance(v, str) and bool(v.strip()), "a text")


def _one_of(*words: str) -> Check:
    return (lambda v: v in words, " or ".join(f'"{w}"' for w in words))


def _code(table: str) -> Check:
    return (lambda v: _code_of(v, table), f"a code of the table {table}")


def _codes(table: str, *, filled: bool = False) -> Check:
    """A list of codes of a table, none twice (`filled`: at least one)."""
    return (
        lambda v: (
            isinstance(v, list)
            and (bool(v) or not filled)
            and all(_code_of(k, table) for k in v)
            and len(set(v)) == len(v)
        ),
        f"a list of codes of the table {table}{', at least one' if filled else ''}, none twice",
    )


def _by(table: str, value: Check) -> Check:
    """A table whose keys are codes of a reference table, each value as `value` says."""
    return (
        lambda v: _codes_to(v, table, value[0]),
        f"a table whose keys are codes of the table {table}, each {value[1]}",
    )


def _below_post(value: Any) -> bool:
    """A post below another (post.post_below): a post kind's code, or FUNGSIONAL:LEVEL with a functional level's."""
    kind, colon, level = value.partition(":") if isinstance(value, str) else ("", "", "")
    return _code_of(kind, "post_kinds") and (not colon or _code_of(level, "functional_levels"))


def _day_of_year(value: Any) -> bool:
    """A day of the year written MM-DD (skp.rated_after_year_end's earliest: "12-31")."""
    try:
        month, day = (int(part) for part in value.split("-"))
        date(2024, month, day)  # (a leap year: 02-29 is a day of some year)
    except (AttributeError, TypeError, ValueError):
        return False
    return True


_BOOL: Check = (lambda v: isinstance(v, bool), "true or false")


def _given_no_more(must: str) -> Check:
    """A param a rule read once and reads no more: any value given is refused, `must` saying what to write instead."""
    return (lambda v: False, must)


_KINDS = _codes("promotion_kinds")
_AGE = _whole_from(40, 80)
_YEARS = _whole_from(0, 40)
_RATED_YEARS = _whole_from(1, 10)
_MONTHS = _whole_from(0, 120)
_JP = _whole_from(1, 200)
AGENCY_KINDS = ("central", "province", "regency", "city")  # agencies.toml's `kind`s
_AGENCY_KINDS: Check = (
    lambda v: isinstance(v, list) and len(set(v)) == len(v) and all(k in AGENCY_KINDS for k in v),
    'a list of agency kinds (agencies.toml: "central", "province", "regency", "city"), none twice',
)


# The declared shape of every rule a rules file may hold: its params by name, each with what it must be (test, what
# it must be), derived from how the code reads each (`.param(...)`, `.params[...]`). A rules file with a rule of
# another id, a param of another name, or a value of another shape is refused when read, naming the file, the rule,
# its version and the param (`checked_params`, since 2026-12-06: until then only the params of ten rules were
# checked, and `"101" = "four"` in promotion.time_in_rank, read by `careerlog rules`, stopped `projections run`
# with a ValueError, its views left filling), not read into a nonsense answer or a crash.
PARAM_CHECKS: dict[str, dict[str, Check]] = {
    "merit.rounds_reach": {
        "years": (lambda v: _whole(v) and 0 <= v <= 40, "a whole number from 0 to 40 (e.g. 2)"),
        "stop_at_retirement": _BOOL,
    },
    "fairness.adverse_impact": {
        "threshold": (lambda v: _number(v) and 0 < v <= 1, "a number above 0 and at most 1 (the four fifths: 0.8)"),
        "alpha": (lambda v: _number(v) and 0 < v < 1, "a number between 0 and 1, both excluded (e.g. 0.05)"),
        "min_cell": (lambda v: _whole(v) and v >= 1, "a whole number of at least 1 (e.g. 5)"),
    },
    "confirmation.probation": {
        "years": (lambda v: _whole(v) and 0 <= v <= 5, "a whole number from 0 to 5 (e.g. 1)"),
    },
    "confirmation.latsar": {
        "kinds": (
            lambda v: isinstance(v, list) and bool(v) and all(isinstance(k, str) and k for k in v),
            'a non-empty list of training kinds (e.g. ["LATSAR"])',
        ),
    },
    "promotion.service_exam": {  # (a level or kind misspelt would exempt no one, silently)
        "exams": _by("ranks", _code("exams")),
        "crossing_kinds": _KINDS,
        "degree_kind": _code("promotion_kinds"),
        "degree_exam": _code("exams"),
        "exempt_kinds": _KINDS,
        "exempt_education": (
            lambda v: _codes_to(v, "exams", lambda level: _code_of(level, "education")),
            "a table of exam codes (UD_I, UD_II) each naming an education level's code (S-1, S-2, ...)",
        ),
        "exempt_training": (
            lambda v: _codes_to(
                v, "exams", lambda kinds: isinstance(kinds, list) and all(_code_of(k, "training_kinds") for k in kinds)
            ),
            "a table of exam codes (UD_I, UD_II) each listing training kinds' codes (PKP, PKA, PKN_II, PKN_I, ...)",
        ),
    },
    "placement.ends_post": {  # (a kind misspelt would end no post, silently)
        "post_kinds": (
            lambda v: isinstance(v, list) and all(_code_of(k, "post_kinds") for k in v),
            'a list of post kinds\' codes (e.g. ["ADMINISTRATOR", "PENGAWAS"]; [] ends none)',
        ),
    },
    "training.pppk_yearly_jp": {
        "jp": _JP,
        "year": (lambda v: v in ("contract", "calendar"), '"contract" (a year of the contract) or "calendar"'),
    },
    "nip.sequence_nonzero": {
        "enforced": _BOOL,
    },
    "nip.pppk_digit": {  # (0 or 1 is a PNS month's tens digit: every PNS NIP would read as an NI PPPK)
        "digits": (  # (a list: a digit added keeps the one the NI PPPKs recorded hold, which read as PNS without it)
            lambda v: (
                isinstance(v, list)
                and bool(v)
                and all(isinstance(d, str) and len(d) == 1 and d in "23456789" for d in v)
                and len(set(v)) == len(v)
            ),
            'a list of digits from 2 to 9, each as text, none twice (e.g. ["2"], or ["2", "3"] to add 3 keeping '
            "the NI PPPKs recorded with 2; 0 and 1 are a PNS NIP's TMT month tens digit)",
        ),
        # (its one digit until 2026-12-06, which a file giving it would otherwise leave unread)
        "digit": _given_no_more('given as digits, a list (e.g. digits = ["2"]), since 2026-12-06'),
    },
    "training.counted_once": {  # (until 2026-12-06 the values compared: now training.duplicate's, fixed)
        "same": _given_no_more(
            "left out: a probable duplicate is what rule training.duplicate asks a writer about (the same days and JP, "
            "and certificate or title and organiser), not configurable since 2026-12-06"
        ),
    },
    "training.latsar_once": {"kinds": _codes("training_kinds", filled=True)},
    "appointment.tmt_first_day": {},
    "agency.region_seat": {"seat": _AGENCY_KINDS, "province": _AGENCY_KINDS},
    "appointment.min_age": {"years": _whole_from(14, 30)},
    "appointment.max_age": {"years": _whole_from(18, 80)},
    "appointment.recruitment_path": {
        "PNS": _codes("recruitment_paths", filled=True),
        "PPPK": _codes("recruitment_paths", filled=True),
    },
    "appointment.starting_rank": {"starts": _text()},
    "training.daily_jp": {"jp": _whole_from(1, 24)},
    "training.max_jp_per_day": {"jp": _whole_from(1, 24)},
    "training.cost": {
        "least": (lambda v: _number(v) and v >= 0, "a number of at least 0 (e.g. 100)"),
        "most": (lambda v: _number(v) and v > 0, "a number above 0 (e.g. 1000000000)"),
        "whole": _BOOL,
    },
    "training.duplicate": {},
    "training.yearly_jp": {"jp": _JP},
    "penalty.kinds": {
        "regulation": _text(),
        "kinds": _codes("penalty_kinds", filled=True),
        "without_months": _codes("penalty_kinds"),
    },
    "study_leave.service_years": {"years": _YEARS, "pppk": _one_of("not_judged", "finding", "appointment")},
    "study_leave.penalty": {"levels": _codes("penalty_levels"), "extra_months": _by("penalty_levels", _MONTHS)},
    "promotion.time_in_rank": {"years": _by("promotion_kinds", _whole_from(1, 40))},
    "promotion.performance": {"min_predicate": _code("skp_predicates"), "years": _by("promotion_kinds", _RATED_YEARS)},
    "promotion.education_ceiling": {"kinds": _KINDS},
    "promotion.dates": {
        "months": (
            lambda v: isinstance(v, list) and bool(v) and all(_whole(m) and 1 <= m <= 12 for m in v),
            "a list of months, whole numbers from 1 to 12, at least one (e.g. [4, 10])",
        ),
        "day": _whole_from(1, 28),
        "exempt_kinds": _KINDS,
    },
    "promotion.penalty": {
        "blocking_levels": _codes("penalty_levels"),
        "extra_months": _by("penalty_levels", _MONTHS),
        "exempt_kinds": _KINDS,
    },
    "promotion.structural_range": {"kinds": _KINDS},
    "promotion.functional_range": {"kinds": _KINDS},
    "promotion.one_step": {
        "steps": _by("promotion_kinds", _whole_from(1, 16)),
        "on_record": _one_of("confirm", "refuse", "record"),
    },
    "promotion.degree_rank": {"kinds": _KINDS},
    "promotion.regular_without_post": {"kinds": _KINDS, "post_kinds": _codes("post_kinds")},
    "promotion.credit_points": {"kinds": _KINDS},
    "promotion.no_probation": {"exempt_kinds": _KINDS},
    "promotion.legal_status": {"blocking_statuses": _codes("statuses"), "exempt_kinds": _KINDS},
    "promotion.training": {"jp": _whole_from(0, 200), "kinds": _KINDS, "enforced": _BOOL, "judge_years_away": _BOOL},
    "post.rank_range": {"assignments": _codes("assignment_kinds")},
    "post.education": {"min_level": _by("post_kinds", _code("education"))},
    "post.experience": {"years": _by("post_kinds", _YEARS)},
    "post.post_below": {
        "below": (
            lambda v: _codes_to(
                v, "post_kinds", lambda posts: isinstance(posts, list) and all(map(_below_post, posts))
            ),
            "a table whose keys are post kinds' codes, each listing the posts below it (a post kind's code, or "
            'FUNGSIONAL:LEVEL with a functional level\'s: ["JPT_MADYA", "FUNGSIONAL:AHLI_UTAMA"])',
        ),
        "years": _by("post_kinds", _YEARS),
    },
    "post.max_age": {"years": _by("post_kinds", _AGE)},
    "post.performance": {"min_predicate": _code("skp_predicates"), "years": _by("post_kinds", _RATED_YEARS)},
    "post.leadership_training": {"grace_months": _MONTHS},
    "post.open_selection": {"kinds": _codes("post_kinds"), "allowed": _codes("selection_kinds", filled=True)},
    "post.credit_points": {
        "ladders": (
            lambda v: (
                isinstance(v, list)
                and all(isinstance(ladder, list) and ladder for ladder in v)
                and all(_code_of(level, "functional_levels") for ladder in v for level in ladder)
            ),
            'a list of ladders, each a list of functional levels\' codes (e.g. [["AHLI_PERTAMA", "AHLI_MUDA"]])',
        ),
        "enforced": _BOOL,
    },
    "post.jpt_tenure": {"kinds": _codes("post_kinds"), "years": _YEARS},
    "skp.distribution": {
        "min_staff": _whole_from(1, 10000),
        "max_share": _by(
            "skp_predicates", _by("skp_predicates", (lambda v: _number(v) and 0 <= v <= 1, "from 0 to 1"))
        ),
    },
    "skp.scheme": {"scheme": _code("rating_schemes")},
    "skp.rated_after_year_end": {
        "earliest": (_day_of_year, 'a day of the year written MM-DD (e.g. "12-31")'),
        "year_offset": _whole_from(0, 5),
    },
    "evidence.recorded_after": {"grace_days": _whole_from(0, 366)},
    "merit.passed_over": {
        "min_better": _whole_from(1, 1000),
        "training_years": _YEARS,
        "performance_years": _YEARS,
        "scope": _one_of("unit"),
    },
    "awards.long_service_years": {"excluded_statuses": _codes("statuses")},
    "awards.long_service_penalty": {"levels": _codes("penalty_levels")},
    "awards.achievement_performance": {"min_predicate": _code("skp_predicates")},
    "retirement.age": {
        "default": _AGE,
        "post_kinds": _by("post_kinds", _AGE),
        "post_titles": (
            lambda v: (
                isinstance(v, Mapping) and all(isinstance(k, str) and k.strip() and _AGE[0](a) for k, a in v.items())
            ),
            "a table of post titles' first words (e.g. Guru), each an age: a whole number from 40 to 80",
        ),
        "functional_levels": _by("functional_levels", _AGE),
    },
}
# The rules read without a day (an identity number's: careerlog.domain.nip.nip_rules): one NIP reads the same on every
# page and in every recording, whatever its TMT, so each holds one version, whose days are not read; a rules file giving
# two versions of one, or a version that ends (valid_to), is refused when read, naming the rule
UNDATED_RULES = ("nip.sequence_nonzero", "nip.pppk_digit")


def undated_checked(book: Rules) -> Rules:
    """The rules of a file whose rules read without a day (UNDATED_RULES) hold one version each, never ending;
    ConfigurationError naming the file and the rule otherwise."""
    for rule_id in UNDATED_RULES:
        versions = book.versions(rule_id)
        if len(versions) > 1 or any(v.valid_to is not None for v in versions):
            raise ConfigurationError(
                f"{book.path}: rule {rule_id}: an identity number's rule is read without a day, so it holds one "
                "version, without valid_to"
            )
    return book


# What a rule's row may hold besides its params, and what each must be (a status the registry writes: S confirmed, M
# believed but unconfirmed, I an inference; a severity the findings are ordered by)
RULE_FIELDS = ("id", "title", "source", "status", "status_note", "valid_from", "valid_to", "severity", "params")
STATUSES = ("S", "M", "I")
SEVERITIES = ("info", "low", "medium", "high")


def checked_params(rule_id: str, params: Any, named: str) -> Mapping[str, Any]:
    """A rule's params checked against its declared shape (`PARAM_CHECKS`): a rule of a known id, params of its known
    names, each of its shape; ConfigurationError naming the rule and the param otherwise."""
    if rule_id not in PARAM_CHECKS:
        raise ConfigurationError(f"{named}: no such rule {rule_id!r} (the rules are {', '.join(sorted(PARAM_CHECKS))})")
    if not isinstance(params, Mapping):
        raise ConfigurationError(f"{named}: params must be a table, got {params!r}")
    shapes = PARAM_CHECKS[rule_id]
    for name, value in params.items():
        if name not in shapes:
            known = ", ".join(shapes) or "none"
            raise ConfigurationError(f"{named}: no such param params.{name} (the rule's params are: {known})")
        test, must = shapes[name]
        if not test(value):
            raise ConfigurationError(f"{named}: params.{name} must be {must}, got {value!r}")
    return params


def _checked_row(row: Any, named: str) -> Mapping[str, Any]:
    """A rule's row whose fields are a rule's (RULE_FIELDS), its status and severity known, its texts texts."""
    if not isinstance(row, Mapping):
        raise ConfigurationError(f"{named}: a rule must be a table, got {row!r}")
    unknown = [f for f in row if f not in RULE_FIELDS]
    if unknown:
        raise ConfigurationError(f"{named}: no such field {unknown[0]} (a rule's fields are: {', '.join(RULE_FIELDS)})")
    for name in ("id", "title", "source", "status_note"):
        if name in row and not isinstance(row[name], str):
            raise ConfigurationError(f"{named}: {name} must be a text, got {row[name]!r}")
    if "status" in row and row["status"] not in STATUSES:
        raise ConfigurationError(
            f"{named}: status must be S (confirmed), M (believed) or I (an inference), got {row['status']!r}"
        )
    if row.get("severity", "info") not in SEVERITIES:
        raise ConfigurationError(f"{named}: severity must be one of {', '.join(SEVERITIES)}, got {row['severity']!r}")
    return row


def load_rules(path: Path) -> Rules:
    """The rules of a rules.toml; ConfigurationError naming the file and what does not read in it (TOML that does
    not parse, no [[rules]], a rule of no known id, without one of its fields, with a field of another name, a
    status or severity unknown, a day that is not a date, a param of another name or shape: `PARAM_CHECKS`), and
    the rule's version (its number among the rule's versions in the file, and its first day)."""
    data = _load_toml(path)
    if not isinstance(data.get("rules"), list) or not data["rules"]:
        raise ConfigurationError(f"{path}: no [[rules]] in it")
    rules = []
    versions: dict[Any, int] = {}
    for number, row in enumerate(data["rules"], 1):
        rule_id = row.get("id") if isinstance(row, Mapping) else None
        version = versions[rule_id] = versions.get(rule_id, 0) + 1 if isinstance(rule_id, str) else 1
        named = f"{path}: rule {rule_id or number}"
        if isinstance(row, Mapping) and "valid_from" in row:
            named += f" (version {version}, from {row['valid_from']})"
        try:
            row = _checked_row(row, named)
            rules.append(
                Rule(
                    id=row["id"],
                    title=row["title"],
                    source=row["source"],
                    status=row["status"],
                    valid_from=_day(row, "valid_from", named),
                    valid_to=_day(row, "valid_to", named) if row.get("valid_to") else None,
                    severity=row.get("severity", "info"),
                    params=checked_params(row["id"], row.get("params", {}), named),
                    status_note=str(row.get("status_note", "")),
                )
            )
        except KeyError as e:
            raise ConfigurationError(f"{named}: no {e.args[0]}") from None
        except ConfigurationError:  # (a param refused: it names the rule already)
            raise
        except (TypeError, ValueError) as e:
            raise ConfigurationError(f"{named}: {e}") from None
    return undated_checked(Rules(rules, path))


@cache
def _rules_at(path: str) -> Rules:
    return load_rules(Path(path))


def from_environment(name: str, path: str, load: Callable[[str], T]) -> T:
    """`load(path)` of a file whose path came from the environment variable `name`: a refusal of it (not there, not
    readable, not TOML, a table that does not read) names the variable first, and the file, where it named only
    the file (which an operator may not know was configured, nor where): "CAREERLOG_RULES_FILE: /etc/rules.toml:
    ...". Each refusal stays a ConfigurationError (a message and exit 1 on the command line; a stop at start of the
    server)."""
    try:
        return load(path)
    except OSError as e:
        raise ConfigurationError(f"{name}: cannot read {path}: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigurationError(f"{name}: {path}: {e}") from None
    except ConfigurationError as e:
        said = str(e)
        raise ConfigurationError(f"{name}: {said if said.startswith(path) else f'{path}: {said}'}") from None


_CONFIGURED: dict[str | None, Rules] = {}  # the rules by the value of CAREERLOG_RULES_FILE read (None: unset)


def rules(path: str | os.PathLike[str] | None = None) -> Rules:
    """The configured rules: CAREERLOG_RULES_FILE, else the bundled rules.toml.

    The variable is read on every call (tests and tools set it while running) and the rules are
    cached by its value: the same `Rules` object as `_rules_at` gives for that file."""
    if path:
        return _rules_at(str(path))
    configured = os.environ.get(RULES_FILE_ENV)
    found = _CONFIGURED.get(configured)
    if found is None:
        loaded = from_environment(RULES_FILE_ENV, configured, _rules_at) if configured else _rules_at(BUNDLED_RULES)
        found = _CONFIGURED[configured] = loaded
    return found


@dataclass(frozen=True)
class NameSpellings:
    """How personnel lists write names (names.toml), read by the import's name check (careerlog.names): each a
    word in lower case without its dots."""

    titles: frozenset[str]  # set aside wherever they stand
    leading: frozenset[str]  # may start a name and be left out of it (I, Ni, Raden, Teuku)
    particles: frozenset[str]  # may stand anywhere in a name and be left out of it (br./boru, bin, binti)
    forms: Mapping[str, tuple[str, ...]]  # a spelling or abbreviation: the words of the name it writes
    initial_letters: int  # the most letters of an initial ("Muh.")
    path: Path | None = None


def _plain(word: str) -> str:
    return word.casefold().replace(".", "").strip()


def load_name_spellings(path: Path) -> NameSpellings:
    """The name spellings of a names.toml; ConfigurationError naming the file and what does not read in it (a
    list under [meta], a list of another name, a name without its `name`, a spelling writing two names)."""
    data = _load_toml(path)
    unknown = set(data) - {"meta", "initial_letters", "titles", "leading", "particles", "names"}
    if unknown:  # (a list written below [meta] is read as meta's: say so rather than check without it)
        raise ConfigurationError(f"{path}: no such list {', '.join(sorted(unknown))}")
    unknown = set(data.get("meta", {})) - {"source", "status"}
    if unknown:
        raise ConfigurationError(f"{path}: [meta] holds only source and status, not {', '.join(sorted(unknown))}")
    forms: dict[str, tuple[str, ...]] = {}
    for row in data.get("names", ()):
        if not str(row.get("name", "")).strip():
            raise ConfigurationError(f"{path}: a [[names]] entry without its name ({row})")
        words = tuple(_plain(w) for w in str(row["name"]).split())
        for spelling in [*row.get("spellings", ()), *row.get("abbreviations", ())]:
            key = _plain(spelling)
            if forms.setdefault(key, words) != words:
                raise ConfigurationError(
                    f"{path}: {spelling!r} writes both {' '.join(forms[key])!r} and {row['name']!r}"
                )
    return NameSpellings(
        titles=frozenset(_plain(w) for w in data.get("titles", ())),
        leading=frozenset(_plain(w) for w in data.get("leading", ())),
        particles=frozenset(_plain(w) for w in data.get("particles", ())),
        forms=forms,
        initial_letters=int(data.get("initial_letters", 3)),
        path=path,
    )


@cache
def _name_spellings_at(path: str) -> NameSpellings:
    return load_name_spellings(Path(path))


def name_spellings(path: str | os.PathLike[str] | None = None) -> NameSpellings:
    """The configured name spellings: CAREERLOG_NAMES_FILE, else the bundled names.toml (read on every call and
    kept by its value, as `rules` reads CAREERLOG_RULES_FILE)."""
    if path:
        return _name_spellings_at(str(path))
    configured = os.environ.get(NAMES_FILE_ENV)
    if configured:
        return from_environment(NAMES_FILE_ENV, configured, _name_spellings_at)
    return _name_spellings_at(BUNDLED_NAMES)

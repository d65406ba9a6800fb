"""skp.distribution (grade inflation): a unit's staff ratings spread beyond what the unit's own
rating allows (a Baik unit: at most 70% of its rated staff at Baik, docs/rules.md).

Rows stay per subject: `unit_ratings` (a unit's own rating per year, from the unit's record)
and `staff_ratings` (an employee's rating per year with the unit held on 31 December, only
for years the rule is in force). The finding per unit and year is a query over both, a staff
unit matched to the rated unit by `unit_key` (in any letter case or spacing, as the ledger
reads a unit's name; until 2026-12-05 as written: staff in "dinas sosial" were not counted in
the rated Dinas Sosial).
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from math import floor
from typing import Any

from careerlog.domain.unit import EARLIEST_RATED_YEAR, unit_key, unit_of
from careerlog.keyset import Keyset
from careerlog.reference import Rule, Rules, rules
from careerlog.sqlstore import Row
from projections.career import CareerRecord
from projections.framework import Table
from projections.merit.rules import evidence_json, rule_on
from projections.reading import ViewReader
from projections.training import filter_clauses, filter_values, where_sql

RULE = "skp.distribution"

UNIT_RATINGS = Table(
    "unit_ratings",
    (
        ("subject", "TEXT"),
        ("year", "INTEGER"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("unit_key", "TEXT"),
        ("predicate", "TEXT"),
        ("evidence", "TEXT"),
    ),
    ("subject", "year"),
    (("agency", "unit", "year"), ("agency", "unit_key", "year")),
)

STAFF_RATINGS = Table(
    "staff_ratings",
    (
        ("subject", "TEXT"),
        ("year", "INTEGER"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("unit_key", "TEXT"),
        ("predicate", "TEXT"),
    ),
    ("subject", "year"),
    (("agency", "unit_key", "year"),),
)


def year_rule(year: int, book: Rules | None = None) -> Rule | None:
    """The version of skp.distribution that judges a rating year (in force on 31 December), in
    `book` (default: the configured rules)."""
    return _year_rule(book or rules(), year)


@functools.lru_cache(maxsize=4096)
def _year_rule(book: Rules, year: int) -> Rule | None:
    """`year_rule` (cached per rules object: the staff ratings ask it of every rating of every employee)."""
    return rule_on(book, RULE, date(year, 12, 31))


def unit_rating_rows(record: CareerRecord) -> list[Row]:
    """A unit's own rating of each year (after corrections), with the fact as evidence."""
    rows: list[Row] = []
    for fact in record.of_kind("unit_rating"):
        agency, unit = unit_of(record.subject)
        evidence = evidence_json(record.subject, (fact,))
        year = int(fact.get("year"))
        if year < EARLIEST_RATED_YEAR:  # refused since 2026-12-01 (-10^12 was taken once): no question asks for it
            continue
        rows.append(
            {
                "subject": record.subject,
                "year": year,
                "agency": agency,
                "unit": unit,
                "unit_key": unit_key(unit),
                "predicate": fact.get("predicate"),
                "evidence": json.dumps(evidence),
            }
        )
    return rows


def staff_rating_rows(record: CareerRecord, book: Rules | None = None) -> list[Row]:
    """An employee's rating of each judged year, in the unit held on 31 December of that year (`book`: the rules the
    caller read, by default the configured ones)."""
    rows: list[Row] = []
    book = rules() if book is None else book
    for year, fact in sorted(record.ratings.items()):
        if _year_rule(book, year) is None:
            continue
        place = record.placement_on(date(year, 12, 31))
        if place is None:
            continue
        rows.append(
            {
                "subject": record.subject,
                "year": year,
                "agency": place[0],
                "unit": place[1],
                "unit_key": None if place[1] is None else unit_key(place[1]),
                "predicate": fact.get("predicate"),
            }
        )
    return rows


def judge_unit_year(rule: Rule, unit_predicate: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    """The predicate cells whose share exceeds the cap of the unit's predicate (none below min_staff)."""
    rated = sum(counts.values())
    if rated < int(rule.params.get("min_staff", 5)):
        return []
    caps = rule.params["max_share"].get(unit_predicate, {})
    return [
        {"predicate": predicate, "share": round(counts.get(predicate, 0) / rated, 4), "max_share": cap}
        for predicate, cap in caps.items()
        if counts.get(predicate, 0) / rated > float(cap)
    ]


def with_excess(unit_year: Mapping[str, Any]) -> dict[str, Any]:
    """A grade-inflation finding with, per exceeded cap, the staff at that predicate, how many the cap
    allows (the share of the rated staff, rounded down) and the excess over it (the API's list and
    `careerlog audit grade-inflation` alike)."""
    rated = int(unit_year["rated"])
    exceeded = []
    for cell in unit_year["exceeded"]:
        count = int(unit_year["counts"].get(cell["predicate"], 0))
        allowed = floor(Decimal(str(cell["max_share"])) * rated)
        exceeded.append({**cell, "count": count, "allowed": allowed, "excess": count - allowed})
    return {**unit_year, "exceeded": exceeded}


# Grade inflation's order (its statement's ORDER BY), a unit-year per row: its cursors (careerlog.keyset) name one.
GRADE_INFLATION_KEYSET = Keyset(
    "grade-inflation", ("u.year", "u.agency", "u.unit"), ("year", "agency", "unit"), (int, str, str)
)


class GradeInflationQueries(ViewReader):
    """Unit-years whose staff ratings exceed the unit's caps (skp.distribution)."""

    def grade_inflation(
        self,
        filters: dict[str, Any] | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
        placed_in: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Each unit and year in [start, end] (years) with a finding, with the counts and the caps. `placed_in`
        (region codes, each region within them listed: a region scope's row filter): only the unit-years every rated
        member of whose staff is placed in one of them now (the roster's region, where the reports count them), as a
        unit is judged on all of its staff and its counts would tell the ratings of any placed elsewhere."""
        keyed = dict(filters or {})
        if keyed.get("unit"):  # (a unit in any spelling: the rated unit's name may be none its staff are placed under)
            keyed["unit"] = sorted({unit_key(str(u)) for u in filter_values(keyed["unit"])})
        clauses, params = filter_clauses(keyed, {"agency": "u.agency", "unit": "u.unit_key"})
        if placed_in is not None and not placed_in:
            clauses.append("1 = 0")  # (a scope of no region: no unit-year)
        elif placed_in is not None:
            marks = ", ".join("?" * len(placed_in))
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM staff_ratings o LEFT JOIN roster r ON r.subject = o.subject "
                "WHERE o.agency = u.agency AND o.unit_key = u.unit_key AND o.year = u.year "
                f"AND (r.region IS NULL OR r.region NOT IN ({marks})))"
            )
            params.extend(placed_in)
        for bound, op in ((start, ">="), (end, "<=")):
            if bound is not None:
                clauses.append(f"u.year {op} ?")
                params.append(int(bound))
        rows = self.store.query(
            "SELECT u.agency, u.unit, u.year, u.predicate AS unit_predicate, u.evidence, s.predicate, "
            "COUNT(*) AS n FROM unit_ratings u JOIN staff_ratings s ON s.agency = u.agency "
            f"AND s.unit_key = u.unit_key AND s.year = u.year{where_sql(clauses)} "
            "GROUP BY u.agency, u.unit, u.year, u.predicate, u.evidence, s.predicate "
            "ORDER BY u.year, u.agency, u.unit",
            params,
        )
        cells: dict[tuple[str, str, int, str, str], dict[str, int]] = defaultdict(dict)
        for row in rows:
            key = (row["agency"], row["unit"], int(row["year"]), row["unit_predicate"], row["evidence"])
            cells[key][row["predicate"]] = int(row["n"])
        return [found for key, counts in cells.items() if (found := self.finding(*key, counts)) is not None]

    @staticmethod
    def finding(
        agency: str, unit: str, year: int, unit_predicate: str, evidence: str, counts: dict[str, int]
    ) -> dict[str, Any] | None:
        rule = year_rule(year)
        exceeded = judge_unit_year(rule, unit_predicate, counts) if rule is not None else []
        if rule is None or not exceeded:
            return None
        return {
            "agency": agency,
            "unit": unit,
            "year": year,
            "unit_predicate": unit_predicate,
            "rated": sum(counts.values()),
            "counts": dict(sorted(counts.items())),
            "exceeded": exceeded,
            "rule": rule.id,
            "severity": rule.severity,
            "source": rule.source,
            "status": rule.status,
            "evidence": json.loads(evidence),
        }

    def inflated_ratings(
        self,
        nip: str,
        years: list[int],
        *,
        placed_in: Sequence[str] | None = None,
        agencies: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Which of an employee's ratings of `years` were given in a unit-year with a finding: with `placed_in` (a
        region scope's regions) only in one `grade_inflation` lists to it (until 2026-12-06 any, its counts telling a
        region reader the ratings of staff placed elsewhere); with `agencies` (an agency scope's) only those given in
        a unit of one of them, as the grade-inflation list narrows to them (until 2026-12-06 any: the counts of
        another agency's unit-year, where the employee was rated before a move)."""
        if not years:
            return []
        mine = self.store.query(
            f"SELECT year, agency, unit, predicate FROM staff_ratings WHERE subject = ? "
            f"AND year IN ({', '.join('?' * len(years))}) ORDER BY year",
            (nip, *years),
        )
        found = []
        for row in mine:
            if agencies is not None and row["agency"] not in agencies:
                continue
            place = {"agency": row["agency"], "unit": row["unit"]}
            units = self.grade_inflation(place, start=row["year"], end=row["year"], placed_in=placed_in)
            found += [{"year": row["year"], "predicate": row["predicate"], "unit_finding": u} for u in units]
        return found

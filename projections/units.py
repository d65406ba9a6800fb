"""A unit filter read as the ledger reads a unit's name: in any letter case or spacing (careerlog.domain.unit
`unit_key`), as unit ratings already are, never an exact text that silently matches nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from careerlog.domain.errors import InvalidInput, quoted
from careerlog.domain.unit import unit_key
from careerlog.domain.wording import Refusal
from careerlog.sqlstore import SqlStore
from projections.training import filter_values

UNKNOWN_UNIT = Refusal(
    "Unknown unit {unit}: no employee was ever placed in a unit of that name there (letter case and spacing aside).",
)


def unit_spellings(
    store: SqlStore, names: Iterable[Any], agencies: Iterable[Any] = (), regions: Iterable[Any] | None = None
) -> list[str]:
    """The unit names as the views hold them (`unit_spells`: every unit an employee was placed in) that each of `names`
    names in any letter case or spacing (`unit_key`), within `agencies` when given and, when `regions` are given
    (a reader's scope by region, its codes expanded), placed in one of them (the roster's `spells`, which has the
    region); InvalidInput naming `unit` for a name that names none there (an answer filtered by it would be empty, and
    read as clean; a unit outside a reader's scope reads as one that never was: `scoped_unit_spellings`)."""
    wanted = [str(n) for n in names]
    if not wanted:
        return []
    codes = sorted({str(a) for a in agencies})
    clauses, params = ([f"agency IN ({', '.join('?' * len(codes))})"], codes) if codes else ([], [])
    table = "unit_spells"
    if regions is not None:
        places = sorted({str(r) for r in regions})
        if not places:
            raise InvalidInput(UNKNOWN_UNIT.reason(unit=quoted(wanted[0])), "unit")
        table = "spells"
        clauses.append(f"region IN ({', '.join('?' * len(places))})")
        params = [*params, *places]
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(f"SELECT DISTINCT unit FROM {table}{where}", params)
    by_key: dict[str, set[str]] = {}
    for row in rows:
        if row["unit"] is not None:
            by_key.setdefault(unit_key(row["unit"]), set()).add(row["unit"])
    found: set[str] = set()
    for name in wanted:
        spelled = by_key.get(unit_key(name))
        if not spelled:
            raise InvalidInput(UNKNOWN_UNIT.reason(unit=quoted(name)), "unit")
        found |= spelled
    return sorted(found)


def with_unit_spellings(
    store: SqlStore, filters: Mapping[str, Any], within: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    """`filters` with their `unit` values made the names the views hold (`unit_spellings`, within their `agency`), and
    judged within the reader's scope when given (`within`: its row filters, careerlog.access.row_filters; agency and
    region): a unit only another agency (or region) has reads as unknown, exactly as a unit that never was, so that
    a scoped reader cannot probe another agency's units by the 422 (until 2026-12-05 judged against every unit
    nationally)."""
    names = filter_values(filters.get("unit"))
    if not names:
        return dict(filters)
    agencies = [str(a) for a in filter_values(filters.get("agency"))]
    regions: list[str] | None = None
    if within:
        if "agency" in within:
            reach = set(within["agency"])
            agencies = [a for a in agencies if a in reach] if agencies else sorted(reach)
            if not agencies:  # (an agency asked for outside the scope, or a scope of none: no unit of it is known)
                raise InvalidInput(UNKNOWN_UNIT.reason(unit=quoted(str(names[0]))), "unit")
        if "region" in within:
            regions = list(within["region"])
    return {**filters, "unit": unit_spellings(store, names, agencies, regions)}

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


def unit_spellings(store: SqlStore, names: Iterable[Any], agencies: Iterable[Any] = ()) -> list[str]:
    """The unit names as the views hold them (`unit_spells`: every unit an employee was placed in) that each of `names`
    names in any letter case or spacing (`unit_key`), within `agencies` when given; InvalidInput naming `unit` for a
    name that names none there (an answer filtered by it would be empty, and read as clean)."""
    wanted = [str(n) for n in names]
    if not wanted:
        return []
    codes = sorted({str(a) for a in agencies})
    where = f" WHERE agency IN ({', '.join('?' * len(codes))})" if codes else ""
    rows = store.query(f"SELECT DISTINCT unit FROM unit_spells{where}", codes)
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


def with_unit_spellings(store: SqlStore, filters: Mapping[str, Any]) -> dict[str, Any]:
    """`filters` with their `unit` values made the names the views hold (`unit_spellings`, within their `agency`)."""
    names = filter_values(filters.get("unit"))
    if not names:
        return dict(filters)
    return {**filters, "unit": unit_spellings(store, names, filter_values(filters.get("agency")))}

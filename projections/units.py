"""A unit filter read as the ledger reads a unit's name: in any letter case or spacing (careerlog.domain.unit
`unit_key`), as unit ratings already are, never an exact text that silently matches nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from careerlog.domain.errors import InvalidInput, quoted, quoted_apart
from careerlog.domain.unit import typos_of, unit_key
from careerlog.domain.wording import Refusal
from careerlog.sqlstore import Row, SqlStore
from projections.training import filter_values

UNKNOWN_UNIT = Refusal(
    "Unknown unit {unit}: no employee was ever placed in a unit of that name there (letter case and spacing aside).",
)
# The same, naming the units known there (within the agency asked and the reader's scope) that the name is a typo of
# (careerlog.domain.unit.typos_of, as a recording asks of a new unit): since 2026-12-06, `unit=Dinas%20Pendidkan`
# was refused without Dinas Pendidikan. Only units the query itself could have counted are named.
UNKNOWN_UNIT_NEAR = Refusal(
    "Unknown unit {unit} (did you mean {near}?): no employee was ever placed in a unit of that name there (letter "
    "case and spacing aside).",
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
    places: list[str] | None = None
    if regions is not None:
        places = sorted({str(r) for r in regions})
        if not places:
            raise InvalidInput(UNKNOWN_UNIT.reason(unit=quoted(wanted[0])), "unit")
    rows = unit_names(store, codes, places)
    by_key: dict[str, set[str]] = {}
    for row in rows:
        if row["unit"] is not None:
            by_key.setdefault(unit_key(row["unit"]), set()).add(row["unit"])
    found: set[str] = set()
    for name in wanted:
        spelled = by_key.get(unit_key(name))
        if not spelled:
            near = typos_of(unit_key(name), sorted(by_key))
            known = [min(by_key[key]) for key in near]
            if known:  # (each quoted whole up to 200 characters, the difference shown: until 2026-12-07 cut at 40)
                shown, *named = quoted_apart(name, *known)
                raise InvalidInput(UNKNOWN_UNIT_NEAR.reason(unit=shown, near=" or ".join(named)), "unit")
            raise InvalidInput(UNKNOWN_UNIT.reason(unit=quoted(name)), "unit")
        found |= spelled
    return sorted(found)


# The unit names read in a `unit_names_kept` block, by datastore, statement and parameters (None: outside one)
_KEPT: ContextVar[dict[tuple[Any, ...], list[Row]] | None] = ContextVar("unit_names_kept", default=None)


@contextmanager
def unit_names_kept() -> Iterator[None]:
    """Within the block (in this thread or task), the unit names `unit_spellings` matches a name among
    (`distinct_units`) are read once per database, agencies and regions, then kept: a reader of aggregates' scorecard
    judges its values by the reports the reader could ask, each report's filters matched by `unit_spellings` again
    (until 2026-12-07 each read anew: 43 reads for a unit's card of the 500-employee demo, now 2). A block within a
    block keeps the outer one's."""
    token = _KEPT.set({} if _KEPT.get() is None else _KEPT.get())
    try:
        yield
    finally:
        _KEPT.reset(token)


def unit_names(store: SqlStore, agencies: list[str], regions: list[str] | None) -> list[Row]:
    """The rows of `distinct_units`, kept in a `unit_names_kept` block."""
    statement, params = distinct_units(agencies, regions)
    kept = _KEPT.get()
    if kept is None:
        return store.query(statement, params)
    key = (store.datastore, statement, tuple(params))  # (each `ViewStore.sql` a new SqlStore on one datastore)
    if key not in kept:
        kept[key] = store.query(statement, params)
    return kept[key]


def agency_units(store: SqlStore, agency: str) -> list[str]:
    """The unit names an agency's employees were ever placed in, as the views hold them (`unit_spells`), read as the
    unit filter reads them (`distinct_units`: one index seek a name): the units the ledger knows in an agency
    (careerlog.application.CareerLog.units_known, which projections.ledger gives it: careerlog reads no view)."""
    return [row["unit"] for row in store.query(*distinct_units([agency], None)) if row["unit"] is not None]


def distinct_units(agencies: list[str], regions: list[str] | None) -> tuple[str, list[str]]:
    """The statement and parameters of the distinct unit names `unit_spellings` matches a name among: those of
    `unit_spells` (within `agencies` when given) or, when `regions` are given, of `spells` placed in one of them (and
    within `agencies` when given): the answer of `SELECT DISTINCT unit FROM ... WHERE agency IN (...) AND region IN
    (...)`, read as a loose index scan (a recursive query seeking each next name in an index, one seek a name, where
    the plain DISTINCT read every row of the scope: 4 to 5 million at a million employees, 0.3 to 2 s on a request
    filtered by unit; bench.units). The indexes lead with what is fixed, then the name: `unit_spells (unit)`
    nationally, `unit_spells (agency, unit, rank)` within agencies, `spells (region, unit, agency)` within regions
    (within agencies too: each seek then reads past the region's names of other agencies, in the index alone).
    One level of recursion over a list of fixed values: PostgreSQL's estimate of a recursion nested in another
    grows tenfold a level, which made it compile the statement (JIT, 2 s) on a store of a few hundred spells."""
    if regions is None and not agencies:
        return f"WITH RECURSIVE {_walk('unit_spells', ())} SELECT unit FROM u WHERE unit IS NOT NULL", []
    if regions is None:
        return _walked("unit_spells", "agency", agencies)
    return _walked("spells", "region", regions, agencies)


def _walked(table: str, column: str, values: Sequence[str], agencies: Sequence[str] = ()) -> tuple[str, list[str]]:
    """The distinct units of `table`'s rows whose `column` holds one of `values` (and whose agency is one of
    `agencies`, when given): an index leading with (column, unit) walked for each value."""
    fixed = " UNION ALL ".join([f"SELECT CAST(? AS TEXT) AS {column}"] * len(values))
    statement = (
        f"WITH RECURSIVE f({column}) AS ({fixed}), {_walk(table, (column,), 'f', len(agencies))} "
        "SELECT DISTINCT unit FROM u WHERE unit IS NOT NULL"
    )
    return statement, [*values, *agencies, *agencies]


def _walk(table: str, fixed: tuple[str, ...], source: str = "", agencies: int = 0) -> str:
    """A recursive CTE `u(*fixed, unit)`: for each row of `source` (its `fixed` columns; none: one row), the
    distinct units of `table`'s rows of those values (and of one of `agencies` agencies given as parameters, twice),
    in order, ending with a NULL: each the least greater than the one before, one index seek."""
    within = f"t.agency IN ({', '.join('?' * agencies)}) AND " if agencies else ""
    seek = "SELECT t.unit FROM {table} t WHERE {match}{within}t.unit {bound} ORDER BY t.unit LIMIT 1"
    first = seek.format(
        table=table, match="".join(f"t.{c} = p.{c} AND " for c in fixed), within=within, bound="IS NOT NULL"
    )
    following = seek.format(
        table=table, match="".join(f"t.{c} = w.{c} AND " for c in fixed), within=within, bound="> w.unit"
    )
    columns = ", ".join([*fixed, "unit"])
    start = f"SELECT {''.join(f'p.{c}, ' for c in fixed)}({first}) FROM {source} p" if source else f"SELECT ({first})"
    return (
        f"u({columns}) AS ({start} UNION ALL "
        f"SELECT {''.join(f'w.{c}, ' for c in fixed)}({following}) FROM u w WHERE w.unit IS NOT NULL)"
    )


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

"""The unit filter (projections.units.unit_spellings) finds the unit names of a reader's scope by a loose index scan,
one index seek a name (`distinct_units`), where it read every spell of the scope with a plain `SELECT DISTINCT unit`
(4 to 5 million rows at a million employees: 0.3 to 2 s on every request filtered by unit; bench.units). The same
names either way, on both stores: nationally, within agencies, within regions, within both, rows of no agency or no
unit among them."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput
from careerlog.sqlstore import SqlStore, open_store
from projections.merit.passed_over import UNIT_SPELLS, key_of
from projections.roster import SPELLS
from projections.units import distinct_units, unit_spellings

# (agency, unit, region) of one employee's spell: names in several spellings, of several agencies and regions, a
# spell of no agency with a unit (a NULL a seek by `agency >` never reaches) and spells of no placement at all
PLACES: list[tuple[str | None, str | None, str | None]] = [
    ("KOTA-MEDAN", "BKPSDM", "12.71"),
    ("KOTA-MEDAN", "bkpsdm", "12.71"),
    ("KOTA-MEDAN", "Dinas Kesehatan", "12.71"),
    ("KOTA-MEDAN", "Bagian Umum", "12"),
    ("KAB-KARO", "Dinas  Kesehatan", "12.06"),
    ("KAB-KARO", "Sekretariat", "12.06"),
    ("KEMENDAGRI", "Bagian Umum", "31"),
    ("KEMENDAGRI", "Biro Hukum", "31.71"),
    ("KEMENDAGRI", "", "31"),
    (None, "Unit Lama", "12.71"),
    (None, None, None),
    ("KAB-KARO", None, "12.06"),
]


def fill(store: SqlStore, copies: int) -> None:
    """`copies` employees in each of PLACES: their unit spells and spells."""
    store.execute_script([*UNIT_SPELLS.ddl(), *SPELLS.ddl()])
    spells, unit_spells = [], []
    for n in range(copies):
        for k, (agency, unit, region) in enumerate(PLACES):
            subject = f"{k:03d}{n:06d}"
            unit_spells.append((subject, 0, "2020-01-01", None, agency, unit, "III/a", key_of(unit)))
            spells.append((subject, 1, "2020-01-01", None, agency, unit, region, *[None] * 8))
    store.insert("unit_spells", UNIT_SPELLS.column_names, unit_spells)
    store.insert("spells", SPELLS.column_names, spells)
    if store.dialect == "postgres":
        store.execute_script(["ANALYZE unit_spells", "ANALYZE spells"])


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    opened = open_store(Settings(database_url=database_url))
    try:
        fill(opened, 3)
        yield opened
    finally:
        opened.close()


def plain(store: SqlStore, agencies: Sequence[str], regions: Sequence[str] | None) -> set[str]:
    """The units as the plain DISTINCT read them (every row of the scope)."""
    clauses = [f"agency IN ({', '.join('?' * len(agencies))})"] if agencies else []
    if regions is not None:
        clauses.append(f"region IN ({', '.join('?' * len(regions))})")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    table = "unit_spells" if regions is None else "spells"
    return {r["unit"] for r in store.query(f"SELECT DISTINCT unit FROM {table}{where}", [*agencies, *(regions or [])])}


SCOPES: list[tuple[list[str], list[str] | None]] = [
    ([], None),
    (["KOTA-MEDAN"], None),
    (["KAB-KARO", "KEMENDAGRI"], None),
    (["NOWHERE"], None),
    ([], ["12", "12.71"]),
    ([], ["12.06"]),
    ([], ["31", "31.71", "99"]),
    ([], ["99"]),
    (["KOTA-MEDAN"], ["12.71"]),
    (["KOTA-MEDAN", "KEMENDAGRI"], ["12", "31.71"]),
]


@pytest.mark.parametrize(("agencies", "regions"), SCOPES)
def test_the_seeks_find_the_units_the_plain_distinct_found(
    store: SqlStore, agencies: list[str], regions: list[str] | None
) -> None:
    found = [r["unit"] for r in store.query(*distinct_units(agencies, regions))]
    assert len(found) == len(set(found))
    assert set(found) - {None} == plain(store, agencies, regions) - {None}


def test_a_unit_is_matched_in_any_spelling_within_the_scope_and_unknown_outside_it(store: SqlStore) -> None:
    assert unit_spellings(store, ["  bkpsdm "]) == ["BKPSDM", "bkpsdm"]
    assert unit_spellings(store, ["DINAS KESEHATAN"]) == ["Dinas  Kesehatan", "Dinas Kesehatan"]
    assert unit_spellings(store, ["dinas kesehatan"], ["KAB-KARO"]) == ["Dinas  Kesehatan"]
    assert unit_spellings(store, ["unit lama"], regions=["12.71"]) == ["Unit Lama"]
    assert unit_spellings(store, ["bagian umum"], ["KEMENDAGRI"], ["31"]) == ["Bagian Umum"]
    for names, agencies, regions in [
        (["Biro Hukum"], ["KOTA-MEDAN"], None),
        (["Biro Hukum"], [], ["12", "12.71"]),
        (["Unit Lama"], ["KOTA-MEDAN"], None),
        (["Sekretariat"], ["KAB-KARO"], ["12.71"]),
        (["BKPSDM", "Dinas Tidak Ada"], [], None),
    ]:
        with pytest.raises(InvalidInput) as refused:
            unit_spellings(store, names, agencies, regions)
        assert list(refused.value.errors) == ["unit"]


def test_the_unit_filter_reads_as_much_with_many_spells_a_unit_as_with_few(tmp_path: Path) -> None:
    """SQLite's virtual machine steps counted (a progress handler every step) for the statement `unit_spellings`
    runs nationally, within agencies and within regions, in a store of 20 employees a place and of 400: the seeks do
    the same work in both; the plain DISTINCT did up to 20 times more."""

    def steps(copies: int, agencies: list[str], regions: list[str] | None) -> int:
        path = tmp_path / f"units-{copies}.db"
        store = open_store(Settings(database_url=f"sqlite:///{path}"))
        try:
            if copies not in filled:
                fill(store, copies)
                filled.add(copies)
            ran = Ran(store)
            with contextlib.suppress(InvalidInput):
                unit_spellings(ran, ["Bagian Umum"], agencies, regions)  # type: ignore[arg-type]
        finally:
            store.close()
        counted = [0]

        def count() -> int:
            counted[0] += 1
            return 0

        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.set_progress_handler(count, 1)
            conn.execute(*ran.statements[0]).fetchall()
        return counted[0]

    filled: set[int] = set()
    # (within agencies of a region scope each seek reads past the region's spells of other agencies: not measured)
    for agencies, regions in [(a, r) for a, r in SCOPES if not (a and r)]:
        few, many = steps(20, agencies, regions), steps(400, agencies, regions)
        assert many < 1.2 * few, (agencies, regions, few, many)


class Ran:
    """A store whose queries are kept (statement and parameters) as they run."""

    def __init__(self, store: SqlStore):
        self.store = store
        self.dialect = store.dialect
        self.statements: list[tuple[str, Sequence[Any]]] = []

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        self.statements.append((statement, list(params)))
        return self.store.query(statement, params)

"""`suppression.differenced` adds up the people of a cell's rows in each report it compares (a unit in every spelling
one cell, by `web.services.cell_key`, for the tables a filter is judged against), where until 2026-12-06 it kept the
last row of a cell (and `web.services.differenced_cells`, the same written again, summed). The sum withholds what the
last row did only while each report holds one row per cell: so every report its callers give it (the headcount, the
training compliance, the programmes and mentoring reports, and the tables by each filter's field) is checked here to
hold one row per cell, in a world where that could fail: a unit recorded in two spellings (`Dinas Sosial`,
`dinas  sosial`), and a programme in three (`DIKLAT-PIM IV`, `diklat-pim iv`, `DIKLAT-PIM  IV`). Both stores."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import pytest

from projections import suppression
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_programme_spellings_shown import spelt as spelt  # (the fixture)
from tests.functional.test_suppression import COLLEAGUES, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from tests.functional.test_suppression_unit_and_region_slices import in_units, mentored_all
from tests.functional.test_unit_new_in_agency_asked import EVENTS, placement
from web.services import cell_key

Key = Callable[[Sequence[str], Mapping[str, Any]], Hashable]
# Readers of aggregates' requests of every report that differences its rows, by the unit in two spellings among others
ASKED = [
    "/api/v1/reports/headcount?by=unit&agency=KOTA-MEDAN",
    "/api/v1/reports/headcount?by=unit&agency=KOTA-MEDAN&sex=F",
    "/api/v1/reports/headcount?by=unit,sex&agency=KOTA-MEDAN&status=ACTIVE",
    "/api/v1/reports/headcount?by=agency,unit&sex=F",
    "/api/v1/reports/headcount?by=sex&unit=Dinas%20Sosial",
    "/api/v1/reports/headcount?by=rank&agency=KOTA-MEDAN&unit=DINAS%20SOSIAL&sex=F",
    "/api/v1/reports/training-compliance?year=2024&by=unit&agency=KOTA-MEDAN",
    "/api/v1/reports/training-compliance?year=2024&by=unit,sex&agency=KOTA-MEDAN&sex=F",
    "/api/v1/reports/training-compliance?year=2024&by=sex&unit=Dinas%20Sosial",
    "/api/v1/reports/programmes?agency=KOTA-MEDAN",
    "/api/v1/reports/programmes?agency=KOTA-MEDAN&unit=Dinas%20Sosial",
    "/api/v1/reports/mentoring?agency=KOTA-MEDAN&unit=Dinas%20Sosial",
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def spelt_units(spelt: World) -> World:
    """`spelt`'s programmes, and 11 more of KOTA-MEDAN (6 in BKPSDM, 5 in Dinas Sosial, one of them spelt `dinas
    sosial`), mentored and trained in DIKLAT-PIM IV in two spellings; and 4 of Budi's colleagues, PNS (the training
    compliance's staff), placed in Dinas Sosial in 2024, one of them as `dinas  sosial`."""
    nips = in_units(spelt)[:-1]  # (Sari, the last, is `spelt`'s already)
    for n, nip in enumerate(nips):
        programme = "diklat-pim iv" if n % 2 else "DIKLAT-PIM IV"
        record(spelt, nip, "training", f.training("2024-05-07", 24, "2024-05-01", programme_id=programme))
    for n, nip in enumerate(COLLEAGUES[:4]):
        moved = placement("dinas  sosial" if n == 3 else "Dinas Sosial", f"SK-MUTASI-{n}")
        assert spelt.post(EVENTS.format(nip), "hr", json=moved).status_code == 201
    mentored_all(spelt, nips)
    return spelt


def one_row_per_cell(report: Iterable[Mapping[str, Any]], by: Sequence[str], key: Key | None) -> bool:
    cells = [(key or suppression.recorded)(by, row) for row in report]
    return len(set(cells)) == len(cells) and len({cell_key(by, row) for row in report}) == len(cells)


def test_every_report_differenced_holds_one_row_per_cell(spelt_units: World, monkeypatch: pytest.MonkeyPatch) -> None:
    store = spelt_units.services.queries.store
    recorded_units = store.query("SELECT DISTINCT unit FROM roster WHERE unit LIKE '%osial'")
    assert {row["unit"] for row in recorded_units} == {"Dinas Sosial", "dinas  sosial"}  # (the world as meant)
    seen: list[tuple[Sequence[str], Key | None, list[list[Mapping[str, Any]]]]] = []
    differenced = suppression.differenced

    def spied(
        rows: Sequence[Mapping[str, Any]],
        without: Iterable[Sequence[Mapping[str, Any]]],
        cells: suppression.Cells,
        by: Sequence[str],
        min_cell: int,
        *,
        key: Key | None = None,
    ) -> set[int]:
        reports = [list(report) for report in without]
        seen.append((by, key, [list(rows), *reports]))
        return differenced(rows, reports, cells, by, min_cell, key=key)

    monkeypatch.setattr(suppression, "differenced", spied)
    for path in ASKED:
        answer = spelt_units.get(path, "reporter")
        assert answer.status_code == 200, (path, answer.get_data(as_text=True))
    several = [(by, report) for by, key, reports in seen for report in reports if not one_row_per_cell(report, by, key)]
    assert several == []
    # (each caller seen, the tables by a filter's field by `cell_key` (in the order they are judged in, `canonical`),
    # and the unit's rows among those compared)
    by_cell_key = {tuple(by) for by, key, _ in seen if key is cell_key}
    assert by_cell_key >= {("agency", "unit"), ("agency", "sex", "unit"), ("sex", "unit")}, by_cell_key
    assert {tuple(by) for by, key, _ in seen if key is None} >= {("unit",), ("sex",), ("programme",), ()}
    units = {row["unit"] for _, _, reports in seen for report in reports for row in report if "unit" in row}
    assert units & {"Dinas Sosial", "dinas  sosial"}

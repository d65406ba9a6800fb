"""A cost written with the rupiah sign in a CSV file separated by commas or tabs is read only as the one amount it
can be: the sign says rupiah, which an Indonesian spreadsheet writes with dots between thousands ("Rp 2.500.000"),
while such a file's numbers are otherwise read with the dot as the decimal mark. "Rp 1.500" was recorded as 1.5 and
"Rp 2.500.000" refused as no number (docs/import-format.md said it was read "in any CSV file"); now an amount that
reads one way alone is that amount and one that reads two ways ("Rp 1.500": 1.5 or 1500) is refused naming the cost
and why, shown as typed, nothing recorded. A semicolon file reads the amount in Indonesian as before
(test_import_cost_in_rupiah_format.py)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World

COLUMNS = ["nip", "training_kind", "title", "organiser", "hours", "start_date", "effective_date", "reference", "cost"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def imported(world: World, rows: list[tuple[str, str]], delimiter: str) -> dict[str, Any]:
    """A training file of one row per (reference, cost cell), separated by `delimiter` (a cell holding it quoted)."""
    lines = [delimiter.join(COLUMNS)]
    for day, (reference, cost) in enumerate(rows, start=10):
        cost = f'"{cost}"' if delimiter in cost else cost
        cells = [BUDI, "TEKNIS", "Arsip", "BKPSDM", "8", f"2024-05-{day}", f"2024-05-{day}", reference, cost]
        lines.append(delimiter.join(cells))
    upload = {"file": (io.BytesIO("\n".join(lines).encode()), "training.csv")}
    return world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()


def costs(world: World) -> dict[str, Decimal]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    return {i["values"]["reference"]: Decimal(i["values"]["cost"]) for i in items if i["kind"] == "training"}


@pytest.mark.parametrize("delimiter", [",", "\t"], ids=["commas", "tabs"])
def test_a_rupiah_cost_that_reads_one_way_alone_is_that_amount_in_a_comma_or_tab_file(
    world: World, delimiter: str
) -> None:
    rows = [("RP-1", "Rp 2.500.000"), ("RP-2", "Rp1,500,000.50"), ("RP-3", "rp. 750.000,50"), ("RP-4", "Rp 900000")]
    report = imported(world, rows, delimiter)
    assert (report["recorded"], report["rejected"]) == (4, [])
    assert costs(world) == {
        "RP-1": Decimal("2500000"),
        "RP-2": Decimal("1500000.50"),
        "RP-3": Decimal("750000.50"),
        "RP-4": Decimal("900000"),
    }


@pytest.mark.parametrize("cell", ["Rp 1.500", "Rp 2,500"])
def test_a_rupiah_cost_that_reads_two_ways_is_refused_naming_the_cost_in_a_comma_file(world: World, cell: str) -> None:
    before = world.log()
    report = imported(world, [("RP-5", cell)], ",")
    amount = cell.removeprefix("Rp ")
    reason = (
        f"{amount} reads two ways, with a decimal mark or with a thousands separator: write the amount without a "
        "thousands separator (1500, or 1.5)."
    )
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [({"cost": [reason]}, {"cost": cell})]
    assert world.log() == before

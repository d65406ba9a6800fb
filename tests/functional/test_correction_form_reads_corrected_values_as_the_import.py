"""A correction's corrected values typed on the record form are read by the function an import reads a correction's
JSON cell with (careerlog.textfiles.read_corrected_fields): a cost with the rupiah sign ("Rp 3.500.000"), a decimal
written with the decimal comma on an Indonesian page ("3.500.000,50"), hours in JP ("24 JP"), a date written day
first. Until 2026-12-06 the form read the dates alone (a twin of that function, web.pages.hr.corrected_dates), so
the cost and the hours an import of the same values recorded were refused on the form ("Not a valid number.")."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_corrected_values_typed_as_json import corrected, posted, said_beside
from tests.functional.test_import_corrected_values_read_as_cells import imported, row
from tests.functional.test_pages_auth import log_in

TYPED = [
    {"cost": "Rp 3.500.000"},
    {"cost": "3.500.000,50"},
    {"hours": "24 JP"},
    {"hours": "12 JP", "start_date": "05/03/2024"},
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


# each training's days, by its reference: corrected alike, two trainings of the same days would hold more than 12 JP a
# day together (rule training.daily_jp)
DAYS = {"K-1": ("2024-03-04", "2024-03-06"), "K-2": ("2024-04-01", "2024-04-03")}


def training(world: World, reference: str) -> int:
    start, end = DAYS[reference]
    fact = f.training(end, hours=8, start=start, reference=reference, title=reference)
    outcome = world.services.ledger.record(BUDI, "training", {**fact, "cost": "1000000"}, actor="admin")
    world.catch_up()
    return outcome.version


def json_typed(changes: dict[str, Any]) -> str:
    return "{" + ", ".join(f'"{name}": "{value}"' for name, value in changes.items()) + "}"


@pytest.mark.parametrize("changes", TYPED, ids=[json_typed(c) for c in TYPED])
def test_the_form_on_an_indonesian_page_records_the_corrected_values_an_import_records(
    world: World, changes: dict[str, str]
) -> None:
    on_form, in_file = training(world, "K-1"), training(world, "K-2")
    report = imported(world, row(in_file, changes, "01/06/2024", "RALAT-2"))
    assert (report["recorded"], report["rejected"]) == (1, []), report["rejected"]
    log_in(world, "hr")
    answer = posted(world, on_form, json_typed(changes), "id")
    assert answer.status_code == 302, said_beside(answer.get_data(as_text=True)) if answer.status_code != 302 else ""
    by_file, by_form = corrected(world)
    assert by_form == by_file


def test_a_rupiah_cost_reading_one_way_is_read_on_an_english_page_as_an_import_of_commas_reads_it(
    world: World,
) -> None:
    on_form, in_file = training(world, "K-1"), training(world, "K-2")
    changes = {"cost": "Rp 3.500.000"}
    header = "NIP,Versi yang dikoreksi,Alasan,Isian yang dikoreksi,Tanggal,Nomor SK"
    report = imported(world, row(in_file, changes, "2024-06-01", "RALAT-2", ","), header=header)
    assert (report["recorded"], report["rejected"]) == (1, []), report["rejected"]
    log_in(world, "hr")
    answer = posted(world, on_form, json_typed(changes), "en")
    assert answer.status_code == 302, said_beside(answer.get_data(as_text=True)) if answer.status_code != 302 else ""
    assert corrected(world) == [{"cost": "3500000"}] * 2

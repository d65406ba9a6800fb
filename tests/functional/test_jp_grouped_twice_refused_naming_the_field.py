"""JP written with two or more thousands separators ("1.200.000") are refused naming the JP and why, on the record
form's corrected values, in a correction's cell of an import and in a training's JP column of an import alike: until
2026-12-06 each answered HTTP 500 (careerlog.textfiles.grouped_hours read the cell with Decimal(), which raises
decimal.InvalidOperation on it, an ArithmeticError no reader caught). A cost so written is read as before (the one
amount it is). Nothing refused is recorded."""

from __future__ import annotations

import io
from typing import Any

import pytest

from careerlog.textfiles import HOURS_GROUPED_TWICE
from tests.functional.conftest import BUDI, World
from tests.functional.test_corrected_values_typed_as_json import corrected, posted, said_beside
from tests.functional.test_corrected_values_typed_as_json import training as recorded_training
from tests.functional.test_import_corrected_values_read_as_cells import imported as imported_correction
from tests.functional.test_import_corrected_values_read_as_cells import row
from tests.functional.test_import_rupiah_read_one_way import COLUMNS
from tests.functional.test_pages_auth import log_in

REASON = HOURS_GROUPED_TWICE.reason(value="1.200.000", whole="1200000")
SAID = {
    "en": REASON,
    "id": "JP ditulis dengan titik sebagai pemisah ribuan, yang tidak diterima untuk JP: 1.200.000 bukan angka "
    "sebagaimana ditulis; tulis jumlah JP sebagai bilangan bulat tanpa pemisah: 1200000.",
}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def imported_training(world: World, hours: str) -> dict[str, Any]:
    """A training file of one row, separated by semicolons, its JP cell `hours`."""
    cells = [BUDI, "TEKNIS", "Arsip", "BKPSDM", hours, "2024-05-10", "2024-05-10", "JP-1", "0"]
    text = "\n".join([";".join(COLUMNS), ";".join(cells)])
    upload = {"file": (io.BytesIO(text.encode()), "training.csv")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


def test_jp_grouped_twice_on_the_correction_form_are_refused_naming_them(world: World) -> None:
    version = recorded_training(world, "K-1")
    log_in(world, "hr")
    before = world.log()
    for lang, said in SAID.items():
        answer = posted(world, version, '{"hours": "1.200.000"}', lang)
        assert answer.status_code == 422
        assert said_beside(answer.get_data(as_text=True), "corrected_fields.hours") == said
    assert world.log() == before


def test_a_cost_grouped_twice_on_the_correction_form_is_read_as_the_amount_it_is(world: World) -> None:
    version = recorded_training(world, "K-1")
    log_in(world, "hr")
    answer = posted(world, version, '{"cost": "1.200.000"}')
    assert answer.status_code == 302, said_beside(answer.get_data(as_text=True)) if answer.status_code != 302 else ""
    assert [str(c["cost"]) for c in corrected(world)] == ["1200000"]


def test_jp_grouped_twice_in_an_imported_correction_are_refused_naming_them(world: World) -> None:
    version = recorded_training(world, "K-1")
    before = world.log()
    report = imported_correction(world, row(version, {"hours": "1.200.000"}, "2024-06-01", "RALAT-1"))
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [
        ({"corrected_fields.hours": [REASON]}, {"corrected_fields.hours": "1.200.000"})
    ]
    assert world.log() == before


def test_jp_grouped_twice_in_an_imported_training_are_refused_naming_them(world: World) -> None:
    before = world.log()
    report = imported_training(world, "1.200.000")
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [({"hours": [REASON]}, {"hours": "1.200.000"})]
    assert world.log() == before

"""A correction's corrected values written as text in its CSV cell of JSON (corrected_fields) are read as the row's
own cells of those fields are: a cost "3.500.000" or "Rp 3.500.000,50" in a file separated by semicolons (an
Indonesian spreadsheet's decimal comma), "Rp3500000" in any file, hours "12 JP", a date written day first
("07/05/2024") in a semicolon file. Before, each was refused ("corrected_fields.cost: Not a valid number.") though
the same cell in the training's own cost column was read. A value that still does not read is refused showing it as
written; a comma-separated file's corrected "3,500" is not read (3500, or 3.5?), its "3.500.000" is (one reading)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from careerlog.textfiles import ENGLISH_GROUPING, READS_TWO_WAYS
from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"
HEADER = "NIP;Versi yang dikoreksi;Alasan;Isian yang dikoreksi;Tanggal;Nomor SK"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def imported(world: World, *rows: str, header: str = HEADER) -> dict[str, Any]:
    text = "\r\n".join([header, *rows]) + "\r\n"
    upload = {"file": (io.BytesIO(text.encode()), "correction.csv")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report: dict[str, Any] = answer.get_json()
    return report


# (the trainings share their days: more than 12 JP a day together, confirmed: rule training.daily_jp)
DAILY_JP = ("training.daily_jp",)


def training(world: World, reference: str) -> int:
    body = {
        "kind": "training",
        **f.training("2024-05-06", hours=8, start="2024-05-06", reference=reference, title=reference),
    }
    answer = world.post(EVENTS, "hr", json={**body, "cost": "1000000", "confirm": list(DAILY_JP)})
    assert answer.status_code == 201, answer.get_json()
    version: int = answer.get_json()["version"]
    return version


def values(world: World) -> dict[str, dict[str, Any]]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    return {i["values"]["reference"]: i["values"] for i in items if i["kind"] == "training"}


def row(version: int, changes: dict[str, str], day: str, reference: str, separator: str = ";") -> str:
    """A correction's line, its corrected_fields cell the JSON object between quote marks (each doubled)."""
    cell = '"' + json.dumps(changes).replace('"', '""') + '"'
    return separator.join([BUDI, str(version), "Salah ketik", cell, day, reference])


def test_corrected_values_in_a_semicolon_files_json_cell_are_read_as_its_cells(world: World) -> None:
    one, two, three = training(world, "K-1"), training(world, "K-2"), training(world, "K-3")
    report = imported(
        world,
        row(one, {"cost": "3.500.000"}, "01/06/2024", "RALAT-1"),
        row(two, {"cost": "Rp 3.500.000,50", "hours": "12 JP"}, "01/06/2024", "RALAT-2"),
        row(three, {"start_date": "05/05/2024", "effective_date": "07/05/2024"}, "01/06/2024", "RALAT-3"),
    )
    assert (report["recorded"], report["rejected"]) == (3, []), report["rejected"]
    now = values(world)
    assert [now["K-1"]["cost"], now["K-2"]["cost"], now["K-2"]["hours"]] == ["3500000", "3500000.50", 12]
    assert (now["K-3"]["start_date"], now["K-3"]["effective_date"]) == ("2024-05-05", "2024-05-07")


def test_a_rupiah_cost_in_a_comma_files_json_cell_is_read_and_one_of_two_readings_is_not(world: World) -> None:
    """A comma file's "3,500" (3500, or 3.5) is refused as reading two ways; its "3.500.000", which reads one way
    alone, is read (careerlog.textfiles.read_separated_amounts; until 2026-12-05 refused as no number)."""
    one, two, three = training(world, "K-4"), training(world, "K-5"), training(world, "K-6")
    before = world.log()
    header = HEADER.replace(";", ",")
    refused = imported(world, row(two, {"cost": "3,500"}, "2024-06-01", "RALAT-5", ","), header=header)
    assert [(p["errors"], p["values"]) for p in refused["rejected"]] == [
        ({"corrected_fields.cost": [READS_TWO_WAYS.reason(amount="3,500")]}, {"corrected_fields.cost": "3,500"})
    ]
    assert world.log() == before
    report = imported(world, row(three, {"cost": "3.500.000"}, "2024-06-01", "RALAT-6", ","), header=header)
    assert (report["recorded"], report["rejected"]) == (1, [])
    assert values(world)["K-6"]["cost"] == "3500000"
    before = world.log()
    assert world.log() == before
    report = imported(world, row(one, {"cost": "Rp3500000"}, "2024-06-01", "RALAT-4", ","), header=header)
    assert (report["recorded"], report["rejected"]) == (1, [])
    assert values(world)["K-4"]["cost"] == "3500000"


def test_a_corrected_value_that_does_not_read_is_refused_as_written(world: World) -> None:
    one = training(world, "K-6")
    before = world.log()
    report = imported(world, row(one, {"cost": "Rp 3,500,000"}, "01/06/2024", "RALAT-6"))
    assert [(p["errors"], p["values"]) for p in report["rejected"]] == [
        (
            {"corrected_fields.cost": [ENGLISH_GROUPING.reason(amount="3,500,000")]},
            {"corrected_fields.cost": "Rp 3,500,000"},
        )
    ]
    assert world.log() == before

"""A JSON Lines field's number of more digits than a double holds is read as written, never rounded (exploratory
tester, 2026-12-07: orjson reads an integer past 64 bits, and a fraction of more digits than 17, as the nearest
double). A training's JP of 23 digits was refused naming 12345678901234567741440 JP (and echoed
"1.2345678901234568e+22"), JP of 8.000000000000000000001 recorded as 8, a cost of 1500000.0000000000000001 as
1500000, and a JP of 1e400 refused as no JSON at all. Each is now read as the API reads it: a whole number kept
exactly (its refusal naming it as written), a fraction as its decimal (a JP refused as no whole number, a cost kept
to its last digit), on the page's and the command line's import alike; a number a double does hold is read as
before."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.domain.payload import HOURS_NOT_WHOLE
from tests import factories as f
from tests.functional.conftest import BUDI, World

BIG = "12345678901234567890123"


def line(reference: str, **written: str) -> str:
    """A training's line whose fields `written` hold the JSON text given, as written."""
    row: dict[str, Any] = {"kind": "training", "nip": BUDI, **f.training("2024-05-03", reference=reference)}
    row.update({name: f"@{name}@" for name in written})
    text = orjson.dumps(row).decode()
    for name, number in written.items():
        text = text.replace(f'"@{name}@"', number)
    return text


def imported(world: World, *lines: str) -> dict[str, Any]:
    data = ("\n".join(lines) + "\n").encode()
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), "training.jsonl")}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def recorded(world: World) -> dict[str, dict[str, Any]]:
    """Each training recorded, by its reference: its JP and cost."""
    return {
        e.reference: {"hours": e.hours, "cost": e.cost}
        for _, e in world.services.ledger.iter_events()
        if type(e).__name__ == "TrainingCompleted"
    }


def test_a_whole_number_past_64_bits_is_refused_naming_it_as_written(world: World) -> None:
    before = world.log()
    [refused] = imported(world, line("J-BIG", hours=BIG))["rejected"]
    assert refused["errors"] == {"hours": [f"{BIG} JP is more than 12 JP a day (training days: 1)."]}
    assert refused["values"] == {"hours": BIG}
    assert world.log() == before


@pytest.mark.parametrize("number", ["8.000000000000000000001", "7.9999999999999999999", "1e400", "8e-400"])
def test_a_jp_of_more_digits_than_a_double_holds_is_no_whole_number(world: World, number: str) -> None:
    before = world.log()
    report = imported(world, line("J-FRACTION", hours=number))
    [refused] = report["rejected"]
    assert refused["errors"] == {"hours": [HOURS_NOT_WHOLE]}
    assert world.log() == before


def test_a_cost_of_more_digits_than_a_double_holds_is_kept_to_its_last_digit(world: World) -> None:
    report = imported(
        world,
        line("J-COST", cost="1500000.0000000000000001", confirm='["training.cost"]'),
        line("J-PLAIN", cost="1500000.5", hours="8.0", start_date='"2024-05-04"', effective_date='"2024-05-04"'),
    )
    assert report["rejected"] == []
    assert report["recorded"] == 2
    assert recorded(world) == {
        "J-COST": {"hours": 8, "cost": Decimal("1500000.0000000000000001")},
        "J-PLAIN": {"hours": 8, "cost": Decimal("1500000.5")},  # (a double's number read as before)
    }


def test_a_corrected_field_past_64_bits_is_named_as_written(world: World) -> None:
    before = world.log()
    text = (
        f'{{"nip": "{BUDI}", "kind": "correction", "target_version": 2, "corrected_fields": {{"hours": {BIG}}}, '
        '"effective_date": "2014-04-01", "reference": "KP-FIX", "reason": "typo"}'
    )
    [refused] = imported(world, text)["rejected"]
    assert BIG in orjson.dumps(refused).decode()
    assert "e+22" not in orjson.dumps(refused).decode()
    assert world.log() == before


def test_a_nip_written_as_a_long_number_is_named_as_written(world: World) -> None:
    [refused] = imported(world, line("J-NIP", nip="1.98609262010031701e17"))["rejected"]
    [reason] = refused["errors"]["nip"]
    assert reason.startswith("198609262010031701 is a NIP written as a number")  # (was 1.986092620100317e+17)


def test_careerlog_import_reads_it_alike(world: World, tmp_path: Path, store_url: str) -> None:
    path = tmp_path / "training.jsonl"
    path.write_text(line("J-CLI", hours="8.000000000000000000001") + "\n" + line("J-CLI-2", hours=BIG) + "\n")
    result = CliRunner().invoke(main, ["--database-url", store_url, "import", str(path)])
    assert result.exit_code != 0
    assert f"hours: {HOURS_NOT_WHOLE}" in result.output
    assert f"{BIG} JP is more than" in result.output


@pytest.mark.parametrize("number", ["8.000000000000000000001", "1e400"])
def test_a_csv_corrected_fields_cell_reads_its_numbers_alike(world: World, number: str) -> None:
    assert imported(world, line("J-T"))["recorded"] == 1  # (version 3)
    before = world.log()
    cell = '"{""hours"": ' + number + '}"'
    data = (
        "nip;kind;target_version;corrected_fields;effective_date;reference;reason\r\n"
        f"{BUDI};correction;3;{cell};2024-05-03;KP-FIX;typo\r\n"
    )
    answer = world.post(
        "/api/v1/imports",
        "hr",
        data={"file": (io.BytesIO(data.encode()), "fix.csv")},
        content_type="multipart/form-data",
    )
    [refused] = answer.get_json()["rejected"]
    assert refused["errors"] == {"corrected_fields.hours": [HOURS_NOT_WHOLE]}  # (was recorded as 8, or no JSON)
    assert world.log() == before

"""A JSON value in an imported file nested more than 16 levels deep (a CSV row's corrected_fields cell, a JSON Lines
field) is refused naming its line and column, the rest of the file imported: before, one nested some hundreds of
levels made the import answer 500 (orjson writes at most 254 levels, and the report quoted the cell), and one past
1,024 levels was refused as "Must be a JSON object." or as a line that is no JSON. Nothing of the row is recorded."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.functional.conftest import BUDI, World

MAX_NESTING = 16  # careerlog.importing.MAX_NESTING
REASON = (
    f"Objects or lists nested more than {MAX_NESTING} levels deep: no field holds a value nested so deeply (a "
    "correction's corrected_fields holds one object of the corrected fields' values)."
)


def nested(levels: int) -> str:
    """A JSON object of `levels` levels: {"cost": {"a": ... 1}}."""
    return '{"cost": ' + '{"a":' * (levels - 1) + "1" + "}" * (levels - 1) + "}"


def imported(world: World, text: str, name: str) -> dict[str, Any]:
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def csv_of(cell: str) -> str:
    quoted = '"' + cell.replace('"', '""') + '"'
    return (
        "nip;kind;target_version;corrected_fields;effective_date;reference;reason\r\n"
        f"{BUDI};correction;2;{quoted};2014-04-01;KP-FIX;typo\r\n"
    )


def jsonl_of(cell: str) -> str:
    return (
        f'{{"nip": "{BUDI}", "kind": "correction", "target_version": 2, "corrected_fields": {cell}, '
        '"effective_date": "2014-04-01", "reference": "KP-FIX", "reason": "typo"}\n'
    )


@pytest.mark.parametrize("levels", [MAX_NESTING + 1, 300, 600, 2000])
@pytest.mark.parametrize(("name", "row"), [("fix.csv", csv_of), ("fix.jsonl", jsonl_of)])
def test_a_json_value_nested_too_deep_is_refused_naming_line_and_column(
    world: World, levels: int, name: str, row: Any
) -> None:
    before = world.log()
    report = imported(world, row(nested(levels)), name)
    [refused] = report["rejected"]
    column = "line" if levels > 1024 and name.endswith(".jsonl") else "corrected_fields"  # (orjson read no field)
    assert (refused["line"], refused["errors"]) == (1 if name.endswith(".jsonl") else 2, {column: [REASON]})
    assert report["recorded"] == 0
    assert world.log() == before


@pytest.mark.parametrize(("name", "row"), [("fix.csv", csv_of), ("fix.jsonl", jsonl_of)])
def test_a_json_value_within_the_nesting_is_judged_as_before(world: World, name: str, row: Any) -> None:
    report = imported(world, row(nested(MAX_NESTING)), name)
    [refused] = report["rejected"]
    assert REASON not in str(refused["errors"])

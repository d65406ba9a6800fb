"""A JSON object naming a field twice in an imported file (a JSON Lines line `"hours": 2, ..., "hours": 80`, a
correction's corrected_fields cell `{"hours": 20, "hours": 16}` in a CSV file or a workbook) is refused at its line
naming the field, "Given more than once: give it once.", as the API refuses such a body and `careerlog record` such
a field, the rest of the file imported. Before, the last value was recorded and the other dropped without a word, a
NIP given twice judged against the last. A value holding colons (a time, a recorded_at) or a colon written as an
escape is read as before."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import orjson
import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.jsontext import name_given_twice
from tests import factories as f
from tests.functional.conftest import BUDI, World

TWICE = "Given more than once: give it once."


def imported(world: World, data: bytes, name: str) -> dict[str, Any]:
    answer = world.post(
        "/api/v1/imports", "hr", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    report: dict[str, Any] = answer.get_json()
    return report


def training_line(reference: str, **given: Any) -> str:
    text = orjson.dumps({"kind": "training", "nip": BUDI, **f.training("2024-05-03", reference=reference)}).decode()
    return (
        text[:-1] + "".join(f",{orjson.dumps(k).decode()}:{orjson.dumps(v).decode()}" for k, v in given.items()) + "}"
    )


def correction_cell(cell: str) -> str:
    quoted = '"' + cell.replace('"', '""') + '"'
    return (
        "nip;kind;target_version;corrected_fields;effective_date;reference;reason\r\n"
        f"{BUDI};correction;2;{quoted};2014-04-01;KP-FIX;typo\r\n"
    )


@pytest.mark.parametrize(
    ("given", "named"),
    [({"hours": 80}, "hours"), ({"nip": "198609262010031999"}, "nip"), ({"kind": "award"}, "kind")],
    ids=["hours", "nip", "kind"],
)
def test_a_jsonl_line_naming_a_field_twice_is_refused_naming_it(
    world: World, given: dict[str, Any], named: str
) -> None:
    before = world.log()
    lines = [training_line("J-TWICE", **given), training_line("J-ONCE")]
    report = imported(world, ("\n".join(lines) + "\n").encode(), "training.jsonl")
    [refused] = report["rejected"]
    assert (refused["line"], refused["errors"]) == (1, {named: [TWICE]})
    assert report["recorded"] == 1  # the other line
    assert len(world.log()) == len(before) + 1


def test_a_jsonl_line_with_a_byte_order_mark_naming_a_field_twice_is_refused(world: World) -> None:
    data = b"\xef\xbb\xbf" + training_line("J-BOM", hours=80).encode() + b"\n"
    [refused] = imported(world, data, "training.jsonl")["rejected"]
    assert refused["errors"] == {"hours": [TWICE]}


def test_a_name_given_twice_in_an_object_within_a_list_is_named_by_its_full_path(world: World) -> None:
    # as the API names it (test_api_body_name_given_twice_refused): the outer field alone ("confirm") was named before
    lines = [
        training_line("J-LIST", confirm=[]).replace('"confirm":[]', '"confirm":[{"a":1,"a":2}]'),
        training_line("J-OK"),
    ]
    report = imported(world, "\n".join(lines).encode(), "training.jsonl")
    [refused] = report["rejected"]
    assert (refused["line"], refused["errors"]) == (1, {"confirm.0.a": [TWICE]})
    assert report["recorded"] == 1


@pytest.mark.parametrize("name", ["fix.csv", "fix.jsonl"])
def test_a_corrected_field_given_twice_is_refused_naming_it(world: World, name: str) -> None:
    before = world.log()
    cell = '{"hours": 20, "hours": 16}'
    if name.endswith(".csv"):
        data = correction_cell(cell)
    else:
        data = (
            f'{{"nip": "{BUDI}", "kind": "correction", "target_version": 2, "corrected_fields": {cell}, '
            '"effective_date": "2014-04-01", "reference": "KP-FIX", "reason": "typo"}\n'
        )
    [refused] = imported(world, data.encode(), name)["rejected"]
    assert refused["errors"] == {"corrected_fields.hours": [TWICE]}
    assert world.log() == before


def test_a_workbook_corrected_field_given_twice_is_refused_naming_it(world: World, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["nip", "kind", "target_version", "corrected_fields", "effective_date", "reference", "reason"])
    book.active.append([BUDI, "correction", 2, '{"hours": 20, "hours": 16}', "2014-04-01", "KP-FIX", "typo"])
    book.save(tmp_path / "fix.xlsx")
    [refused] = imported(world, (tmp_path / "fix.xlsx").read_bytes(), "fix.xlsx")["rejected"]
    assert refused["errors"] == {"corrected_fields.hours": [TWICE]}


def test_careerlog_import_refuses_a_line_naming_a_field_twice(world: World, tmp_path: Path, store_url: str) -> None:
    path = tmp_path / "training.jsonl"
    path.write_text(training_line("J-CLI", hours=80) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--database-url", store_url, "import", str(path)])
    assert result.exit_code != 0
    assert f"hours: {TWICE}" in result.output


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "10:00", "b": {"c": "x:y"}}',
        '{"recorded_at": "2024-05-03T10:00:00+07:00", "a": [1, {"b": ":"}]}',
        '{"a": "\\u003a", "b": 1}',
        '{"a": "x", "\\u003a": 1}',
        '{"a": 1.5, "b": 12345678901234567890123, "c": null}',
    ],
)
def test_names_given_once_are_read_as_before(text: str) -> None:
    assert name_given_twice(text, orjson.loads(text)) is None
    assert name_given_twice(text.encode(), orjson.loads(text)) is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('{"a": "10:00", "a": 1}', "a"),
        ('{"a": "\\u003a", "b": {"c": 1, "c": ":"}}', "b.c"),
        ('{"hours": 1, "hour\\u0073": 2}', "hours"),
        ('{"a": [{"b": 1, "b": 2}]}', "a.0.b"),
        ('{"a": [1, {"b": {"c": 1, "c": 2}}]}', "a.1.b.c"),
        ('{"a": 1, "b": 2, "a": 3, "b": 4}', "a"),
    ],
)
def test_a_name_given_twice_is_found_however_written(text: str, named: str) -> None:
    assert name_given_twice(text, orjson.loads(text)) == named

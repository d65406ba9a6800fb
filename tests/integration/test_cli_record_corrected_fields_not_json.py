"""`careerlog record NIP correction corrected_fields=...` with a value that is not JSON (a brace left open, a quote
missing, nesting too deep to read) is refused as a bad parameter: one "Error:" line naming corrected_fields and the
reason, with the line and column of the JSON error, exit 2 (as click's usage errors, and the record command's own
"expected field=value"), nothing recorded. Before, json.loads's JSONDecodeError (or RecursionError) came out as a
traceback. Both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.fixture
def trained(database_url: str, tmp_path: Path) -> str:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    fields = f.training("2011-01-08", reference="T-1", cost="1500000")
    assert run(database_url, "record", NIP, "training", *(f"{k}={v}" for k, v in fields.items())).exit_code == 0
    return database_url


def correction(corrected_fields: str) -> list[str]:
    fields = {"target_version": "2", "reason": "Salah ketik", "effective_date": "2012-01-06", "reference": "RALAT-1"}
    return [
        "record",
        NIP,
        "correction",
        *(f"{k}={v}" for k, v in fields.items()),
        f"corrected_fields={corrected_fields}",
    ]


def error_line(output: str) -> str:
    """The one line saying why (click's usage and help hint come before it)."""
    (said,) = [line for line in output.splitlines() if line.startswith("Error:")]
    return said


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ('{"cost":"1e3"', "Expecting ',' delimiter at line 1, column 14"),
        ('{"cost": 1000', "Expecting ',' delimiter at line 1, column 14"),
        ("{cost: 1000}", "Expecting property name enclosed in double quotes at line 1, column 2"),
        ('{\n  "cost": 1000\n  "hours": 8}', "Expecting ',' delimiter at line 3, column 3"),
        ("", "Expecting value at line 1, column 1"),
    ],
)
def test_corrected_fields_not_json_is_refused_in_one_line_naming_it_and_where(
    trained: str, typed: str, reason: str
) -> None:
    before = last_position(trained)
    result = run(trained, *correction(typed))
    assert result.exit_code == 2, result.output
    assert error_line(result.output) == f"Error: Invalid value for corrected_fields: not valid JSON: {reason}."
    assert "Traceback" not in result.output
    assert last_position(trained) == before


def test_corrected_fields_nested_too_deep_to_read_is_refused_naming_it(trained: str) -> None:
    before = last_position(trained)
    result = run(trained, *correction('{"cost": ' + "[" * 100_000 + "]" * 100_000 + "}"))
    assert result.exit_code == 2, result.output
    assert error_line(result.output) == "Error: Invalid value for corrected_fields: not valid JSON: nested too deeply."
    assert last_position(trained) == before


def test_corrected_fields_in_json_is_recorded_as_before(trained: str) -> None:
    result = run(trained, *correction(json.dumps({"cost": "2000000"})))
    assert result.exit_code == 0, result.output
    assert '"cost": "2000000"' in run(trained, "history", NIP).output


def test_corrected_fields_naming_a_field_twice_is_refused_naming_it(trained: str) -> None:
    # json.loads keeps the last value: {"cost": "1000000", "cost": "2000000"} was recorded as 2000000, the first
    # dropped unseen (the API refuses a name given twice too)
    before = last_position(trained)
    result = run(trained, *correction('{"cost": "1000000", "cost": "2000000"}'))
    assert result.exit_code == 2, result.output
    assert error_line(result.output) == (
        "Error: Invalid value for corrected_fields: 'cost' is given more than once: give it once."
    )
    assert last_position(trained) == before

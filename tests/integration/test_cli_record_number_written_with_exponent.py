"""`careerlog record` refuses a number written with an exponent ("cost=1e3", as a spreadsheet shows a long number,
rounded) naming the field as the API refuses it: the exponent's refusal (payload.EXPONENT), or the field's own
bound's for a number beyond it (1e400 rupiah); a corrected value in corrected_fields alike, named
corrected_fields.<field>. Before, "cost=1e3" was recorded as 1E+3 and "hours=2E+00" refused as no whole number.
One line, exit 1, nothing recorded. Both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.functional.test_numbers_written_with_exponent import COST, COST_AND_HOURS_CASES, exponent
from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def training(reference: str, **changed: object) -> list[str]:
    fields = {**f.training("2011-01-08", reference=reference), **changed}
    return [f"{name}={value}" for name, value in fields.items()]


@pytest.fixture
def appointed(database_url: str, tmp_path: Path) -> str:
    assert run(database_url, "import", str(write(tmp_path / "a.jsonl", APPOINTMENT))).exit_code == 0
    return database_url


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [
        *COST_AND_HOURS_CASES,
        ("hours", "2E+01", "20 JP is more than 12 JP a day (training days: 1)."),
    ],
)
def test_a_number_written_with_an_exponent_is_refused_naming_its_field(
    appointed: str, field: str, typed: str, reason: str
) -> None:
    before = last_position(appointed)
    result = run(appointed, "record", NIP, "training", *training("T-1", **{field: typed}))
    assert (result.exit_code, result.output) == (1, f"Error: {field}: {reason}\n")
    assert last_position(appointed) == before


@pytest.mark.parametrize(
    ("field", "typed", "reason"),
    [("cost", "1e3", exponent("1e3")), ("cost", "1e400", COST), ("hours", "2E+00", exponent("2E+00"))],
)
def test_a_corrected_number_written_with_an_exponent_is_refused_naming_its_field(
    appointed: str, field: str, typed: str, reason: str
) -> None:
    assert run(appointed, "record", NIP, "training", *training("T-2", cost="1500000")).exit_code == 0
    before = last_position(appointed)
    correction = {
        "target_version": "2",
        "corrected_fields": json.dumps({field: typed}),
        "reason": "Salah ketik",
        "effective_date": "2012-01-06",
        "reference": "RALAT-1",
    }
    result = run(appointed, "record", NIP, "correction", *(f"{k}={v}" for k, v in correction.items()))
    assert (result.exit_code, result.output) == (1, f"Error: corrected_fields.{field}: {reason}\n")
    assert last_position(appointed) == before


def test_a_number_written_out_is_recorded_as_before(appointed: str) -> None:
    result = run(appointed, "record", NIP, "training", *training("T-3", cost="1000", hours="8"))
    assert result.exit_code == 0, result.output
    assert '"cost": "1000"' in run(appointed, "history", NIP).output

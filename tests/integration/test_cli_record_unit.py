"""`careerlog record UNIT:AGENCY:NAME ...` records in the unit's record as `careerlog history` names it: the key was
read as a NIP, its dashes and spaces stripped, and `UNIT:KOTA-MEDAN:Dinas Kesehatan` recorded a new unit
`UNIT:KOTAMEDAN:DinasKesehatan` of no agency (its agency never checked), its rating beside the real unit's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import last_position, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

UNIT = "UNIT:KOTA-MEDAN:Dinas Kesehatan"
RATED = {
    "kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "Dinas Kesehatan", "year": 2023, "predicate": "BAIK",
    "effective_date": "2023-12-31", "reference": "LKJIP-2023",
}  # fmt: skip


def rating(year: int, reference: str) -> list[str]:
    return [f"year={year}", "predicate=BAIK", f"effective_date={year}-12-31", f"reference={reference}"]


def test_a_units_rating_is_recorded_in_the_unit_history_names(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "units.jsonl", RATED))).exit_code == 0
    result = run(database_url, "record", UNIT, "unit_rating", *rating(2024, "LKJIP-2024"))
    assert result.exit_code == 0, result.output
    assert result.output == f"recorded: unit_rating version 3 of {UNIT}\n"  # (1: its registration, 2: 2023's)
    history = run(database_url, "history", UNIT)
    assert [line.count('"kind": "unit_rating"') for line in history.output.splitlines()] == [0, 1, 1]
    corrected = run(
        database_url, "record", "UNIT:Pemerintah Kota Medan:Dinas Kesehatan", "correction", "target_version=3",
        "reason=salah", 'corrected_fields={"predicate": "SANGAT_BAIK"}', "effective_date=2025-01-10",
        "reference=KOR-1",
    )  # fmt: skip
    assert corrected.output == f"recorded: correction version 4 of {UNIT}\n", corrected.output


def test_a_units_key_of_an_unknown_agency_is_refused_naming_agency(database_url: str) -> None:
    before = last_position(database_url)
    result = run(database_url, "record", "UNIT:KOTA-MEDN:Dinas Kesehatan", "unit_rating", *rating(2024, "L-1"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: agency: Unknown code 'KOTA-MEDN' (did you mean KOTA-MEDAN")
    empty = run(database_url, "record", "UNIT:KOTA-MEDAN", "unit_rating", *rating(2024, "L-1"))
    assert (empty.exit_code, empty.output) == (1, "Error: unit: May not be empty.\n")
    assert last_position(database_url) == before

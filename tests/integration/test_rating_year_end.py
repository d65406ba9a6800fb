"""A year's rating dated before the year has ended (rule skp.rated_after_year_end) refused by the import and the
command line naming its date, on each store; a correction moving a rating's date before its year's end is refused
alike;
a migration keeps a log's ratings as they were, and a stored rating is not refused for a correction of its
predicate alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def rating(year: int, day: str, predicate: str = "BAIK") -> dict[str, object]:
    return {"kind": "performance_rating", "nip": NIP, **f.rating(year, predicate, effective_date=day)}


def rated_years(database_url: str, tmp_path: Path) -> dict[int, str]:
    out = tmp_path / "export.jsonl"
    assert run(database_url, "export", str(out)).exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return {r["year"]: r["effective_date"] for r in rows if r["kind"] == "performance_rating"}


def test_an_import_refuses_a_rating_dated_before_its_year_has_ended_naming_the_date(
    database_url: str, tmp_path: Path
) -> None:
    rows = [APPOINTMENT, rating(2025, "2025-11-20"), rating(2024, "2024-12-31"), rating(2023, "2024-01-12")]
    result = run(database_url, "import", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 1
    assert any(
        line.startswith("line 2: effective_date: A rating of 2025 is given once the year has ended: its date must be")
        and "2025-12-31" in line
        and "2025-11-20" in line
        for line in result.output.splitlines()
    ), result.output
    assert "recorded 3, already recorded 0, rejected 1" in result.output
    assert rated_years(database_url, tmp_path) == {2024: "2024-12-31", 2023: "2024-01-12"}


def test_the_command_line_refuses_a_rating_of_a_year_not_yet_ended(database_url: str, tmp_path: Path) -> None:
    run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    base = [NIP, "performance_rating", "reference=SKP-2025", "year=2025", "predicate=BAIK"]
    refused = run(database_url, "record", *base, "effective_date=2025-06-30")
    assert refused.exit_code == 1
    assert "effective_date: A rating of 2025 is given once the year has ended" in refused.output
    recorded = run(database_url, "record", *base, "effective_date=2025-12-31")
    assert recorded.exit_code == 0, recorded.output


def test_a_correction_moving_a_ratings_date_before_its_years_end_is_refused(database_url: str, tmp_path: Path) -> None:
    rows = [APPOINTMENT, rating(2023, "2023-12-31")]
    assert run(database_url, "import", str(write(tmp_path / "e.jsonl", *rows))).exit_code == 0
    moved = {"kind": "correction", "nip": NIP, **f.correction(2, "2024-01-10", effective_date="2023-10-01")}
    result = run(database_url, "import", str(write(tmp_path / "c.jsonl", moved)))
    assert result.exit_code == 1
    assert "line 1: corrected_fields.effective_date: A rating of 2023 is given once the year has ended" in (
        result.output
    )
    assert rated_years(database_url, tmp_path) == {2023: "2023-12-31"}


def test_a_migration_keeps_a_ratings_early_date_and_a_later_predicate_correction_is_not_refused_for_it(
    database_url: str, tmp_path: Path
) -> None:
    stamp = {"recorded_at": "2020-01-15T00:00:00+00:00", "recorded_by": "legacy", "migrated": True}
    appointed = {**APPOINTMENT, **stamp, "recorded_at": "2010-03-01T00:00:00+00:00"}
    rows = [appointed, {**rating(2019, "2019-11-01"), **stamp}]
    result = run(database_url, "import", "--migration", str(write(tmp_path / "e.jsonl", *rows)))
    assert result.exit_code == 0, result.output
    assert rated_years(database_url, tmp_path) == {2019: "2019-11-01"}
    fixed = {"kind": "correction", "nip": NIP, **f.correction(2, "2024-01-10", predicate="SANGAT_BAIK")}
    result = run(database_url, "import", str(write(tmp_path / "c.jsonl", fixed)))
    assert result.exit_code == 0, result.output

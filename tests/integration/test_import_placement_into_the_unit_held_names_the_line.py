"""A placement into the unit the employee is already placed in (employee.NOT_MOVED), that placement given by an earlier
row of the same file, names that row's line, as the other refusals of a fact of the file do (IN_FILE).

Until 2026-12-07 it said "by version 3 of the record: ... a decree amending version 3 is recorded as its correction",
version 3 being only what a row of the file gave (or, in a dry run, would have given). A placement recorded before
the file keeps its version. Both stores, a dry run and a real import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def placement(unit: str, day: str, reference: str) -> dict[str, object]:
    return {"kind": "placement", "nip": NIP, "agency": "KOTA-MEDAN", "unit": unit, "region": "12.71",
            "effective_date": day, "reference": reference}  # fmt: skip


def imported(database_url: str, path: Path, dry_run: bool = False) -> str:
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1, result.output
    return result.output


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_placement_into_the_unit_an_earlier_line_placed_in_names_that_line(
    database_url: str, tmp_path: Path, dry_run: bool
) -> None:
    rows = (
        APPOINTMENT,
        placement("Bappeda", "2021-06-03", "SK-MUT/1"),
        placement("bappeda ", "2022-06-03", "SK-MUT/2"),
    )
    output = imported(database_url, write(tmp_path / "mutasi.jsonl", *rows), dry_run)
    assert (
        "line 3: unit: Already placed in Bappeda (KOTA-MEDAN, region 12.71) since 2021-06-03, by line 2 of this "
        "file: a placement there on 2022-06-03 moves no one. Write the unit, agency or region the decree places the "
        "employee in; a decree amending that row's decree is written into that row (or, once it is recorded, as its "
        "correction), not as another placement."
    ) in output, output
    assert "version" not in output


def test_a_placement_recorded_before_the_file_is_named_by_its_version(database_url: str, tmp_path: Path) -> None:
    run(
        database_url,
        "import",
        str(write(tmp_path / "first.jsonl", APPOINTMENT, placement("Bappeda", "2021-06-03", "SK-MUT/1"))),
    )
    output = imported(database_url, write(tmp_path / "second.jsonl", placement("bappeda ", "2022-06-03", "SK-MUT/2")))
    assert (
        "line 1: unit: Already placed in Bappeda (KOTA-MEDAN, region 12.71) since 2021-06-03, by version 2 of the "
        "record" in output
    ), output


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_placement_into_the_unit_of_the_appointment_on_an_earlier_line_names_it(
    database_url: str, tmp_path: Path, dry_run: bool
) -> None:
    rows = (APPOINTMENT, placement(" bkpsdm", "2020-01-02", "SK-MUT/3"))
    output = imported(database_url, write(tmp_path / "mutasi.jsonl", *rows), dry_run)
    assert "line 2: unit: Already placed in BKPSDM (KOTA-MEDAN, region 12.71) since 2010-03-01, by line 1 of " in output
    assert "version" not in output

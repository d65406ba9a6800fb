"""`careerlog projections status` only reads, as docs/operations.md says: on a store only imported into it made every
view's tables (PostgreSQL: 2 tables became 25) and marked every view filling, so it failed on a full disk ("database
or disk is full", exit 1) and would for a database role that may only read. A view not made is now reported as such,
and the store's tables are the same after it as before."""

from __future__ import annotations

from pathlib import Path

from projections.registry import all_projections
from tests.integration.test_cli import APPOINTMENT, run, write
from tests.integration.test_every_reading_command_refuses_a_missing_store import store_tables

NOT_MADE = "not made yet (a worker or `projections rebuild` makes it)"


def status_states(output: str) -> dict[str, str]:
    _, *lines = output.splitlines()
    return {cells[0]: cells[6] for cells in (line.split(None, 6) for line in lines)}


def test_status_of_a_store_only_imported_into_reports_the_views_not_made_and_makes_nothing(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT))).exit_code == 0
    before = store_tables(database_url)
    result = run(database_url, "projections", "status")
    assert result.exit_code == 0, result.output
    assert status_states(result.stdout) == {p.name: NOT_MADE for p in all_projections()}
    assert store_tables(database_url) == before


def test_status_of_a_store_whose_views_are_made_makes_nothing_more(database_url: str, tmp_path: Path) -> None:
    assert run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, "projections", "run", "--once").exit_code == 0
    before = store_tables(database_url)
    result = run(database_url, "projections", "status")
    assert result.exit_code == 0, result.output
    assert status_states(result.stdout) == {p.name: "ready" for p in all_projections()}
    assert store_tables(database_url) == before

"""A promotion refused as one of the same TMT that another row of the same file gave names that row's line.

Found by an HR writer's exploratory pass of 2026-12-05: a dry run of a rank_promotion file holding the same NIP and
TMT on lines 5 and 7 refused line 5 "Version 56 is a promotion with the same TMT", where version 56 was only what
line 7 would get (line 5, a rank jump, was held back and tried after it). Such a row is named by its line, as the
other rows of the file a row repeats are; a promotion of the same TMT recorded before the file keeps its version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

CONFIRMATION = {"kind": "confirmation", "nip": NIP, **f.confirmation("2011-03-01")}


def promotion(rank: str) -> dict[str, object]:
    return {"kind": "rank_promotion", "nip": NIP, **f.promotion(rank, "2014-04-01")}


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_later_row_of_the_same_tmt_names_the_earlier_line(database_url: str, tmp_path: Path, dry_run: bool) -> None:
    path = write(tmp_path / "events.jsonl", APPOINTMENT, CONFIRMATION, promotion("III/b"), promotion("III/b"))
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1
    assert (
        "line 4: effective_date: Line 3 of this file is a promotion of this employee with the same TMT; keep one of "
        "the two rows."
    ) in result.output
    assert "Version 3 is a promotion" not in result.output


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_row_held_back_names_the_later_line_of_the_same_tmt(database_url: str, tmp_path: Path, dry_run: bool) -> None:
    # line 3, a jump from III/a, is held back and tried after line 4, which gives the promotion of its TMT
    path = write(tmp_path / "events.jsonl", APPOINTMENT, CONFIRMATION, promotion("III/c"), promotion("III/b"))
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1
    assert "line 3: effective_date: Line 4 of this file is a promotion of this employee with the same TMT" in (
        result.output
    )
    assert "Version 3 is a promotion" not in result.output


def test_a_promotion_recorded_before_the_file_is_named_by_its_version(database_url: str, tmp_path: Path) -> None:
    run(database_url, "import", str(write(tmp_path / "first.jsonl", APPOINTMENT, CONFIRMATION, promotion("III/b"))))
    result = run(database_url, "import", str(write(tmp_path / "second.jsonl", promotion("III/b"))))
    assert result.exit_code == 1
    assert "line 1: effective_date: Version 3 is a promotion with the same TMT." in result.output

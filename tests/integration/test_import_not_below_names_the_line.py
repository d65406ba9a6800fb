"""A promotion refused as not below the rank of a later promotion that another row of the same file gave names that
row's line, as one of the same TMT does (test_import_same_tmt_names_the_line).

Until 2026-12-05 it said "III/b is not below III/b, the later promotion of 2018-04-01 (version 3).", version 3 being
only what a row of the file gave (or, in a dry run, would have given): a version the file's user cannot find in it,
and one a dry run never gave. A later promotion recorded before the file keeps its version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.importing import PROMOTED_TWICE_IN_DRY_RUN, PROMOTED_TWICE_IN_FILE
from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

CONFIRMATION = {"kind": "confirmation", "nip": NIP, **f.confirmation("2011-03-01")}


def promotion(rank: str, tmt: str, **more: object) -> dict[str, object]:
    return {"kind": "rank_promotion", "nip": NIP, **f.promotion(rank, tmt), **more}


def imported(database_url: str, path: Path, dry_run: bool) -> str:
    result = run(database_url, "import", *(["--dry-run"] if dry_run else []), str(path))
    assert result.exit_code == 1
    return result.output


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_earlier_tmt_listed_after_a_later_promotion_names_its_line(
    database_url: str, tmp_path: Path, dry_run: bool
) -> None:
    rows = (APPOINTMENT, CONFIRMATION, promotion("III/b", "2018-04-01"), promotion("III/b", "2014-04-01"))
    output = imported(database_url, write(tmp_path / "events.jsonl", *rows), dry_run)
    # (the same rank twice: named as two rows of one promotion, test_import_promoted_twice_in_file, since 2026-12-07)
    said = PROMOTED_TWICE_IN_DRY_RUN if dry_run else PROMOTED_TWICE_IN_FILE
    assert str(said.reason(line=3, new_rank="III/b", version=3, first="2018-04-01", tmt="2014-04-01")) in output
    assert "(version 3)" not in output


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_row_held_back_names_the_later_line_it_is_not_below(database_url: str, tmp_path: Path, dry_run: bool) -> None:
    # line 3, a confirmed jump from III/a, is tried without its confirmation first, held back, and tried again after
    # line 4, which gives the later promotion
    jump = promotion("III/c", "2014-04-01", confirm="promotion.one_step")
    rows = (APPOINTMENT, CONFIRMATION, jump, promotion("III/b", "2018-04-01"))
    output = imported(database_url, write(tmp_path / "events.jsonl", *rows), dry_run)
    assert (
        "line 3: new_rank: III/c is not below III/b, the later promotion of 2018-04-01 on line 4 of this file: check "
        "the rank and the TMT of both rows."
    ) in output
    assert "(version 3)" not in output


def test_a_later_promotion_recorded_before_the_file_is_named_by_its_version(database_url: str, tmp_path: Path) -> None:
    before = (APPOINTMENT, CONFIRMATION, promotion("III/b", "2018-04-01"))
    run(database_url, "import", str(write(tmp_path / "first.jsonl", *before)))
    output = imported(database_url, write(tmp_path / "second.jsonl", promotion("III/b", "2014-04-01")), False)
    assert "line 1: new_rank: III/b is not below III/b, the later promotion of 2018-04-01 (version 3)." in output, (
        output
    )

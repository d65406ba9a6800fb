"""`careerlog import` of a file's first run holding an appointment, a training, (a correction of its reference,) its
retraction, then the training again (its values, no client key): the last row was said "already recorded: line 5
(repeats line 2)", nothing recorded and nothing refused, the command exiting 0, when the row came under the
reference the correction gave (a review, 2026-12-07), as it did under the same reference: HR was told a retracted
fact is recorded. The row is refused naming the retraction (exit 1), the rest recorded; the same file run again is
recorded already, each row of it (exit 0). Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import factories as f
from tests.integration.test_cli import APPOINTMENT, NIP, run, write

TRAINING = {"kind": "training", "nip": NIP, **f.training("2015-05-02", hours=20, start="2015-05-01", reference="C-1")}
CORRECTION = {"kind": "correction", "nip": NIP, **f.correction(2, "2015-06-01", reference="C-2")}


def file(tmp_path: Path, corrected: bool) -> tuple[Path, int]:
    """The file (`corrected`: the training's reference corrected to C-2, the row sent again under it); its rows."""
    by = 4 if corrected else 3
    retraction = {"kind": "retraction", "nip": NIP, **f.retraction(2, "2015-06-02")}
    again = {**TRAINING, "reference": "C-2"} if corrected else TRAINING
    rows = [APPOINTMENT, TRAINING, *([CORRECTION] if corrected else []), retraction, again]
    assert by == len(rows) - 1
    return write(tmp_path / "a.jsonl", *rows), len(rows)


@pytest.mark.parametrize("corrected", [False, True], ids=["same reference", "reference corrected"])
def test_a_retracted_facts_row_in_its_files_first_run_is_refused_and_the_file_run_again_recorded_already(
    database_url: str, tmp_path: Path, corrected: bool
) -> None:
    path, rows = file(tmp_path, corrected)
    first = run(database_url, "import", str(path))
    assert first.exit_code == 1, first.output
    assert f"{rows} rows: recorded {rows - 1}, already recorded 0, rejected 1" in first.output, first.output
    assert "already recorded:" not in first.output, first.output
    said = (
        f"line {rows}: reference: Reference 'C-2' was recorded as version 2, then corrected to these values; version "
        f"{rows - 1} retracted it: a file run again does not record it again."
        if corrected
        else f"line {rows}: reference: Reference 'C-1' was recorded with these values as version 2, which version "
        f"{rows - 1} retracted: a file run again does not record it again."
    )
    assert said in first.output, first.output
    again = run(database_url, "import", str(path))
    assert again.exit_code == 0, again.output
    assert f"already recorded {rows}" in again.output, again.output
    assert "repeats line 2" not in again.output if corrected else "repeats line 2" in again.output, again.output

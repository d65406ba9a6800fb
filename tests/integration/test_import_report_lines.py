"""The import report points at lines: the rows already recorded (the first LISTED, with their count) and a row
refused because its employee is appointed by a later line of the same file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.importing import APPOINTED_LATER, LISTED, import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip()
SARI = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F")


def write(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in items))
    return path


def rows() -> list[dict[str, Any]]:
    training = {"kind": "training", "nip": BUDI, **f.training("2016-01-08")}
    return [
        {"kind": "appointment", "nip": BUDI, **f.appointment()},  # line 1
        training,  # line 2: version 2
        training,  # line 3: the same row again
        {"kind": "training", "nip": SARI, **f.training("2016-02-08")},  # line 4: SARI is appointed at line 5
        {"kind": "appointment", "nip": SARI, **f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F")},
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_report_lists_the_lines_already_recorded_and_points_at_a_later_appointment(
    app: CareerLog, tmp_path: Path, workers: int
) -> None:
    path = write(tmp_path / "rows.jsonl", rows())
    report = import_file(app, path, actor="hr", workers=workers)
    assert (report.recorded, report.already_recorded) == (3, 1)
    assert [seen.to_dict() for seen in report.already_listed] == [
        {"line": 3, "subject": BUDI, "kind": "training", "version": 2, "repeats_line": 2}
    ]
    [problem] = report.rejected
    [reason] = problem.errors["nip"]
    assert (problem.line, reason.refusal) == (4, APPOINTED_LATER)  # type: ignore[attr-defined]
    assert reason == (
        f"No employee with NIP {SARI} had been appointed at this row: line 5 of this file appoints them; "
        "put the appointment first, or import the file again."
    )
    assert report.to_dict()["already_recorded_rows"] == [
        {"line": 3, "subject": BUDI, "kind": "training", "version": 2, "repeats_line": 2}
    ]
    assert report.already_lines() == "already recorded: line 3 (repeats line 2)"
    again = import_file(app, path, actor="hr", workers=workers)  # the row of line 4 is recorded now
    assert (again.recorded, again.already_recorded, again.rejected) == (1, 4, [])
    assert [(seen.line, seen.version) for seen in again.already_listed] == [(1, 1), (2, 2), (3, 2), (5, 1)]
    assert again.already_lines() == "already recorded: lines 1, 2, 3 (repeats line 2), 5"


def test_a_row_before_an_appointment_recorded_earlier_keeps_its_reason(app: CareerLog, tmp_path: Path) -> None:
    """Only a later line is pointed at: an employee never appointed is named as before."""
    path = write(tmp_path / "rows.jsonl", [{"kind": "training", "nip": SARI, **f.training("2016-02-08")}])
    [problem] = import_file(app, path, actor="hr").rejected
    assert problem.errors["nip"] == [f"No employee with NIP {SARI} has been appointed."]


def test_the_first_rows_already_recorded_are_listed_with_the_count_of_all(app: CareerLog, tmp_path: Path) -> None:
    items = [{"kind": "appointment", "nip": BUDI, **f.appointment()}]
    items += [  # (25 trainings of their own titles and days: rules training.duplicate and training.daily_jp)
        {"kind": "training", "nip": BUDI, **f.training(f"2016-02-{i + 1:02d}", reference=f"T-{i}", title=f"Arsip {i}")}
        for i in range(25)
    ]
    path = write(tmp_path / "rows.jsonl", items)
    import_file(app, path, actor="hr")
    again = import_file(app, path, actor="hr", batch_size=7)
    assert again.already_recorded == 26
    assert [seen.line for seen in again.already_listed] == list(range(1, LISTED + 1))
    assert again.already_lines() == "already recorded: lines " + ", ".join(map(str, range(1, 21))) + " and 6 more"


def test_the_command_prints_the_lines_already_recorded(app: CareerLog, database_url: str, tmp_path: Path) -> None:
    from careerlog.cli import main

    path = write(tmp_path / "rows.jsonl", rows()[:3])
    env = {"CAREERLOG_DATABASE_URL": database_url}
    result = CliRunner().invoke(main, ["import", str(path)], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        "already recorded: line 3 (repeats line 2)\n3 rows: recorded 2, already recorded 1, rejected 0\n"
        in result.output
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_a_row_repeated_within_the_file_names_the_earlier_line_it_repeats(
    app: CareerLog, tmp_path: Path, workers: int
) -> None:
    """An administrator told "line 3: already recorded" of a file recorded for the first time looks for the
    duplicate: the report names it (line 2), on the first run and on a re-run, where every row is already recorded
    but line 3 is still the copy of line 2."""
    path = write(tmp_path / "rows.jsonl", rows()[:3])
    report = import_file(app, path, actor="hr", workers=workers, batch_size=2)  # (line 3 in the next batch)
    assert [seen.to_dict() for seen in report.already_listed] == [
        {"line": 3, "subject": BUDI, "kind": "training", "version": 2, "repeats_line": 2}
    ]
    assert report.already_lines() == "already recorded: line 3 (repeats line 2)"
    again = import_file(app, path, actor="hr", workers=workers)
    assert [(seen.line, seen.repeats) for seen in again.already_listed] == [(1, None), (2, None), (3, 2)]
    assert again.already_lines() == "already recorded: lines 1, 2, 3 (repeats line 2)"


def test_a_reference_repeated_within_the_file_with_other_values_names_the_earlier_line(
    app: CareerLog, tmp_path: Path
) -> None:
    appointment, training, _, _, _ = rows()
    other = {**training, "hours": 4}  # the same certificate typed again with another JP (a valid one)
    path = write(tmp_path / "rows.jsonl", [appointment, training, other])
    [problem] = import_file(app, path, actor="hr").rejected
    [reason] = problem.errors["reference"]
    assert problem.line == 3
    assert reason == (
        f"Reference {training['reference']!r} was already recorded as version 2 with different values (hours) "
        "by line 2 of this file; keep one of the two rows, or record a correction instead."
    )

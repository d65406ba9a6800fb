"""`careerlog import` ends with the rows recorded of each kind (a dry run: that would be), named as the import page
names them and aligned, after its summary line; `--report` gives them as `recorded_by_kind`. Until 2026-12-04 the
command printed only the totals, where the page showed "By kind": an HR administrator importing a file of several
kinds could not tell from the terminal how many trainings went in. With `--workers 2` the workers' counts are merged.
Both stores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=31)
SITI = f.nip(date(1988, 5, 12), date(2012, 3, 1), "F", sequence=32)

BY_KIND = {"appointment": 2, "performance_rating": 1, "rank_promotion": 1, "training": 3}
KIND_LINES = [
    "  Appointment               2",
    "  Performance rating (SKP)  1",
    "  Rank promotion            1",
    "  Training                  3",
]


def rows() -> list[dict[str, object]]:
    """Two records' rows of four kinds, and a rank promotion refused (counted in no kind)."""
    return [
        {"kind": "appointment", "nip": BUDI, **f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M")},
        {"kind": "appointment", "nip": SITI, **f.appointment(date(1988, 5, 12), date(2012, 3, 1), "F", name="Siti")},
        {"kind": "rank_promotion", "nip": BUDI, **f.promotion("III/b", "2014-04-01")},
        {"kind": "rank_promotion", "nip": SITI, **f.promotion("II/a", "2016-04-01")},  # (refused: a rank down)
        {"kind": "training", "nip": BUDI, **f.training("2021-10-02")},
        {"kind": "training", "nip": SITI, **f.training("2021-11-02")},
        {"kind": "training", "nip": SITI, **f.training("2022-11-02")},
        {"kind": "performance_rating", "nip": BUDI, **f.rating(2023)},
    ]


def imported(database_url: str, path: Path, *options: str) -> Result:
    env = {"CAREERLOG_DATABASE_URL": database_url}
    return CliRunner().invoke(main, ["import", *options, str(path)], env=env, catch_exceptions=False)


def written(tmp_path: Path) -> Path:
    path = tmp_path / "berkas.jsonl"
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows()))
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["recorded", "dry-run"])
def test_the_import_command_ends_with_the_rows_recorded_of_each_kind(
    database_url: str, tmp_path: Path, dry_run: bool, workers: str
) -> None:
    report = tmp_path / "report.json"
    options = ["--workers", workers, "--report", str(report), *(["--dry-run"] if dry_run else [])]
    result = imported(database_url, written(tmp_path), *options)
    assert result.exit_code == 1, result.output  # (the refused row)
    verb = "would record" if dry_run else "recorded"
    summary = f"8 rows: {verb} 7, already recorded 0, rejected 1"
    assert result.stdout.splitlines()[-6:] == [summary, f"{verb}, by kind:", *KIND_LINES], result.stdout
    assert json.loads(report.read_text())["recorded_by_kind"] == BY_KIND

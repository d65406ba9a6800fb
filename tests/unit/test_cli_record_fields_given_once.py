"""`careerlog record NIP KIND field=value ...`: a field given twice is refused naming it and both values, and a
`=value` naming no field is refused as such, exit 2, before the store is opened. The last of a field given twice was
recorded, the first dropped without a word; `=x` was refused as ": Unknown field.", naming no field."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from careerlog.cli import main

NIP = "198609262010031001"
TRAINING = [
    "effective_date=2016-01-08",
    "reference=CERT-1",
    "training_kind=KURSUS",
    "organiser=BKD",
    "hours=20",
    "start_date=2016-01-04",
]


def record(tmp_path: Path, *fields: str) -> Result:
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    return CliRunner().invoke(main, ["record", NIP, "training", *fields], env={"CAREERLOG_DATABASE_URL": url})


def test_a_field_given_twice_is_refused_naming_it_and_both_values(tmp_path: Path) -> None:
    result = record(tmp_path, "title=Arsip Dinamis", *TRAINING, "title=Arsip Statis")
    assert result.exit_code == 2, result.output
    assert (
        "Invalid value for FIELDS: title given twice ('Arsip Dinamis', then 'Arsip Statis'): give each field once"
        in result.output
    )
    assert not (tmp_path / "careerlog.db").exists()


def test_a_value_naming_no_field_is_refused_as_such(tmp_path: Path) -> None:
    result = record(tmp_path, "title=Arsip", *TRAINING, "=20")
    assert result.exit_code == 2, result.output
    assert "Invalid value for FIELDS: expected field=value, got '=20': no field named before '='" in result.output
    assert not (tmp_path / "careerlog.db").exists()

"""A Kemendagri region whose code ends in a zero (12.10, Kabupaten Labuhanbatu), typed into a spreadsheet, is the
number 12.1: a workbook's number cell, and the CSV file saved from a column of General format, hold "12.1". An import
reads such a cell as 12.10, the one region so written (careerlog.textfiles.read_region_numbers): it was refused as an
unknown code, every row of a Labuhanbatu appointment list refused. Typed anywhere else (`careerlog record`, the API,
a JSON Lines file), "12.1" may as well be 12.01 (Kabupaten Tapanuli Tengah, as a SIASN code drops its leading zero),
and region drives the inspectors' scope: it is refused naming both (until 2026-12-05 read as 12.10 there too). A code
that reads as no region is refused as before. Both stores."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.reference import reference
from tests import factories as f
from tests.integration.test_cli import run, write

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

HEADER = ["NIP", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Pendidikan", "Instansi", "Unit Kerja", "Wilayah"]
HEADER += ["Jenis Kepegawaian", "Jalur Pengadaan", "Golongan", "TMT", "Nomor SK"]


def appointment_row(region: object, reference_number: str) -> list[object]:
    a = f.appointment(agency="KAB-LABUHANBATU", reference=reference_number)
    nip = f.nip()
    cells = [a["name"], a["birth_date"], a["sex"], a["education"], a["agency"], a["unit"], region]
    return [nip, *cells, a["employment_kind"], a["recruitment_path"], a["rank"], a["effective_date"], a["reference"]]


@pytest.mark.parametrize(("typed", "code"), [("12.1", "12.10"), ("12.2", "12.20"), (" 12.1", "12.10")])
def test_a_region_code_shown_as_a_number_is_its_code_in_a_spreadsheet_alone(typed: str, code: str) -> None:
    regions = reference().table("regions")
    assert regions.shown_as_number(typed) == code
    assert typed not in regions  # (typed: refused naming both, below)
    assert regions.shown_as_number(code) is None  # (as written)


def test_a_region_code_shown_otherwise_is_not_read_as_one() -> None:
    """12.7 is no region (12.71 is Kota Medan, 12.70 none); 12 is the province, not 12.00."""
    regions = reference().table("regions")
    assert "12.7" not in regions
    assert regions.shown_as_number("12.7") is None
    assert regions.normalise("12") == "12"


BOTH = (
    "Unknown code '12.1' (did you mean 12.10 (Kabupaten Labuhanbatu) or 12.01 (Kabupaten Tapanuli Tengah)? The digits "
    "after the point are written whole); see the regions reference table."
)
PLACEMENT = {"agency": "KAB-LABUHANBATU", "unit": "Inspektorat", "effective_date": "2024-03-01", "reference": "MUT-1"}


def test_a_region_typed_without_a_zero_is_refused_naming_both_codes_it_may_be(
    database_url: str, app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip()
    app.record(nip, "appointment", f.appointment(agency="KAB-LABUHANBATU", region="12.10"), actor="hr")
    with pytest.raises(InvalidInput) as refused:  # (the API's and the record form's path: careerlog.application)
        app.record(nip, "placement", {**PLACEMENT, "region": "12.1"}, actor="hr")
    assert refused.value.errors == {"region": [BOTH]}
    typed = [f"{k}={v}" for k, v in PLACEMENT.items()]
    result = run(database_url, "record", nip, "placement", *typed, "region=12.1")
    assert (result.exit_code, result.output) == (1, f"Error: region: {BOTH}\n")
    lines = write(tmp_path / "mutasi.jsonl", {"kind": "placement", "nip": nip, **PLACEMENT, "region": "12.1"})
    imported = run(database_url, "import", str(lines))  # (a JSON Lines file is no spreadsheet)
    assert "recorded 0, already recorded 0, rejected 1" in imported.output, imported.output
    assert BOTH in imported.output
    employee = app.get_employee(nip)
    assert employee is not None
    assert [fact.kind for fact in employee.active_facts()] == ["appointment"]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_appointment_in_a_region_typed_as_a_number_is_recorded_in_that_region(
    database_url: str, app: CareerLog, tmp_path: Path, suffix: str
) -> None:
    rows = [appointment_row(12.1, "SK-LBH-1"), appointment_row("12.1", "SK-LBH-2")]
    path = tmp_path / f"pengangkatan.{suffix}"
    if suffix == "csv":
        lines = [HEADER, *rows]
        path.write_text("".join(";".join(str(c) for c in line) + "\r\n" for line in lines), encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        for line in [HEADER, *rows]:
            book.active.append(line)
        saved = io.BytesIO()
        book.save(saved)
        path.write_bytes(saved.getvalue())
    result = run(database_url, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "recorded 2, already recorded 0, rejected 0" in result.output
    for row in rows:
        employee = app.get_employee(str(row[0]))
        assert employee is not None
        [appointed] = [fact for fact in employee.active_facts() if fact.kind == "appointment"]
        assert appointed.values["region"] == "12.10"

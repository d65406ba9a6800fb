"""Values a BKD sheet writes in Indonesian, as the reference tables name them, are read: an appointment's sex as its
Jenis Kelamin column writes it (`Laki-laki`, `PEREMPUAN`, `Laki laki`: it took M, F, L, P, 1, 2 alone, and refused the
names the sexes table gives them), a unit's predicate by its name (`Sangat Baik`, `Butuh Perbaikan`: skp_predicates
took its codes alone, where a person's rating reads the names), and a month's name in its older spelling, as decrees
before the spelling reform write it (`17 Pebruari 2021`, `10 Nopember 2021`: the abbreviations Peb and Nop were read,
not the whole names). Other spellings are refused as before. Both stores."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.importing import import_file, read_csv
from careerlog.reference import reference
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Laki-laki", "M"), ("LAKI-LAKI", "M"), ("Laki laki", "M"), ("Perempuan", "F"), ("PEREMPUAN", "F")],
)
def test_a_sex_written_by_its_indonesian_name_is_read(typed: str, code: str) -> None:
    assert reference().sexes.normalise(typed) == code


@pytest.mark.parametrize("typed", ["Pria", "Wanita", "Laki"])
def test_another_sex_spelling_is_refused_as_before(typed: str) -> None:
    assert typed not in reference().sexes


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Sangat Baik", "SANGAT_BAIK"), ("Butuh Perbaikan", "BUTUH_PERBAIKAN"), ("sangat kurang", "SANGAT_KURANG")],
)
def test_a_units_predicate_written_by_its_name_is_read(typed: str, code: str) -> None:
    assert reference().table("skp_predicates").normalise(typed) == code


@pytest.mark.parametrize(("typed", "day"), [("17 Pebruari 2021", "2021-02-17"), ("10 NOPEMBER 2021", "2021-11-10")])
def test_a_months_older_spelling_is_read(typed: str, day: str) -> None:
    text = f"nip;training_kind;title;organiser;hours;start_date;effective_date;reference\r\n{f.nip()};TEKNIS;Arsip;"
    text += f"BKPSDM;8;{typed};{typed};R-1\r\n"
    [(_, row, _)] = list(read_csv(io.BytesIO(text.encode()), "training"))
    assert isinstance(row, dict)
    assert (row["start_date"], row["effective_date"]) == (day, day)


def test_an_imported_appointment_and_unit_rating_written_in_indonesian_are_recorded(
    app: CareerLog, tmp_path: Path
) -> None:
    nip = f.nip(sex="F")
    rows = [
        {"kind": "appointment", "nip": nip, **f.appointment(sex="Perempuan")},
        {"kind": "unit_rating", "agency": "KOTA-MEDAN", "unit": "BKPSDM", **f.rating(2023, "Butuh Perbaikan")},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    report = import_file(app, path, actor="hr")
    assert (report.recorded, report.rejected) == (2, [])
    employee = app.get_employee(nip)
    assert employee is not None
    [appointed] = [fact for fact in employee.active_facts() if fact.kind == "appointment"]
    assert appointed.values["sex"] == "F"

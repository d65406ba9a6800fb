"""A row refused for a cell is refused once for every problem it has: the checks of the whole fact against the
record (a training's first day after its last day, a date before the appointment, a new rank not above the one
held) are made on the cells that did read and named with the cells that did not. Before, they were made only once
every cell read, so an HR administrator fixed the cells, imported the file again and only then learned that the
row was wrong as a whole. A check that needs a cell that did not read is not made."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.domain.employee import BEFORE_APPOINTMENT, NOT_ABOVE, START_AFTER_END, TOO_MANY_HOURS
from careerlog.domain.nip import OTHER_BIRTH
from careerlog.domain.payload import MISSING
from careerlog.importing import import_file
from careerlog.textfiles import AS_DAY_COUNT
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
HEADER = "NIP;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


def appointed(app: CareerLog) -> list[dict[str, object]]:
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # TMT 2010-03-01, III/a
    return [dict(x.values) for x in app.get_employee(NIP).active_facts()]


def imported(app: CareerLog, tmp_path: Path, name: str, *lines: str) -> dict[int, dict[str, list[str]]]:
    path = tmp_path / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_file(app, path, actor="hr")
    assert report.recorded == 0
    return {p.line: p.errors for p in report.rejected}


def reasons(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: [str(r) for r in found] for name, found in errors.items()}


def test_a_trainings_first_day_after_its_last_is_named_with_an_unreadable_jp(app: CareerLog, tmp_path: Path) -> None:
    before = appointed(app)
    rows = imported(
        app, tmp_path, "training.csv", HEADER, f"{NIP};TEKNIS;Arsip;BKPSDM;delapan;12/05/2020;10/05/2020;A-1"
    )
    errors = reasons(rows[2])
    assert errors["start_date"] == [START_AFTER_END.reason(start="2020-05-12", end="2020-05-10")]
    assert list(errors) == ["start_date", "hours"]  # (in the order of the form)
    assert [dict(x.values) for x in app.get_employee(NIP).active_facts()] == before


def test_a_date_before_the_appointment_is_named_with_a_missing_title(app: CareerLog, tmp_path: Path) -> None:
    appointed(app)
    rows = imported(app, tmp_path, "training.csv", HEADER, f"{NIP};TEKNIS;;BKPSDM;8;08/05/2001;10/05/2001;A-2")
    errors = reasons(rows[2])
    assert errors["title"] == [MISSING]
    assert errors["effective_date"] == [BEFORE_APPOINTMENT.reason(day="2001-05-10", tmt="2010-03-01")]


def test_a_rank_not_above_the_one_held_is_named_with_an_unknown_promotion_kind(app: CareerLog, tmp_path: Path) -> None:
    appointed(app)
    row = {"kind": "rank_promotion", "nip": NIP, **f.promotion("II/d", "2014-04-01"), "promotion_kind": "Luar biasa"}
    errors = reasons(imported(app, tmp_path, "rows.jsonl", orjson.dumps(row).decode())[1])
    assert errors["new_rank"] == [NOT_ABOVE.reason(day="2014-04-01", new_rank="II/d", held="III/a", since="2010-03-01")]
    assert "promotion_kind" in errors


def test_a_check_needing_a_cell_that_did_not_read_is_not_made(app: CareerLog, tmp_path: Path) -> None:
    appointed(app)
    rows = imported(app, tmp_path, "training.csv", HEADER, f"{NIP};TEKNIS;Arsip;BKPSDM;400;kemarin;10/05/2020;A-3")
    errors = reasons(rows[2])
    assert list(errors) == ["start_date"]  # (400 JP in how many days? the first day did not read)
    assert not any(getattr(r, "refusal", None) is TOO_MANY_HOURS for found in rows[2].values() for r in found)


def test_an_appointments_birth_date_against_the_nip_is_named_with_a_missing_education(
    app: CareerLog, tmp_path: Path
) -> None:
    row = {"kind": "appointment", "nip": NIP, **f.appointment(), "birth_date": "1986-09-27"}
    del row["education"]
    errors = reasons(imported(app, tmp_path, "rows.jsonl", orjson.dumps(row).decode())[1])
    assert errors["education"] == [MISSING]
    assert errors["birth_date"] == [OTHER_BIRTH.reason(day="1986-09-27", birth="1986-09-26")]
    assert not app.employee_exists(NIP)


def test_a_date_a_spreadsheet_stored_as_a_number_is_named_with_the_rows_other_problems(
    app: CareerLog, tmp_path: Path
) -> None:
    """A day count (42430) was refused as the file was read, alone: the row's title left out came back on the
    next import."""
    appointed(app)
    rows = imported(app, tmp_path, "training.csv", HEADER, f"{NIP};TEKNIS;;BKPSDM;8;12/05/2020;42430;A-4")
    problem = rows[2]
    assert list(problem) == ["effective_date", "title"]
    assert getattr(problem["effective_date"][0], "refusal", None) is AS_DAY_COUNT
    assert problem["title"] == [MISSING]

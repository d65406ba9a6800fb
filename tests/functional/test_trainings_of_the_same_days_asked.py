"""Trainings of one employee on the same days were never judged together: three trainings of 12 JP on 2026-11-02 were
all recorded from the form (36 JP that day), and a second file of trainings on the same days as the first was all
recorded (16 JP a day for everyone, an agency's average 736 JP). Rule training.daily_jp (M) reads
training.max_jp_per_day across the employee's trainings (each training's JP spread evenly over its days): a training
making more than 12 JP on a day with the others is refused beside `hours`, naming the day, the JP and the heaviest
other training, until the writer confirms it (confirm: training.daily_jp), on the API, the record form and an import
(against the trainings recorded and the file's earlier rows alike); a migration is not asked. Both stores."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from markupsafe import escape

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_record_form_every_field_at_once import beside

NIP = f.nip(date(1994, 1, 29), date(2021, 10, 1), "M", sequence=1)
EVENTS = f"/api/v1/employees/{NIP}/events"
DAY = {"start_date": "2026-11-02", "effective_date": "2026-11-02"}
TRAINING = {"training_kind": "TEKNIS", "organiser": "BKPSDM Kota Medan", "hours": 12, **DAY}
ASKED = (
    "With the trainings of the same days (the heaviest {title}, of {start} to {end}, recorded as version {version}), "
    "this training makes {total} JP on {day}, more than 12 JP a day (rule training.daily_jp): if its days or JP are "
    "wrong, correct them; if the employee did attend these trainings on the same days, confirm it (confirm: "
    "training.daily_jp) and send it again."
)
T_0 = {"title": "'Pelatihan 0'", "start": "2026-11-02", "end": "2026-11-02"}  # (the first training recorded)
ASKED_IN_IMPORT = ASKED.replace(
    "(confirm: training.daily_jp) and send it again",
    "(confirm: training.daily_jp, or ya in the Konfirmasi column) and import the row again",
)

IN_FILE_ASKED = (
    "With the trainings of the same days (the heaviest {title}, of 2026-11-02 to 2026-11-02, on line {line} of this "
    "file), this training makes {total} JP on {day}, more than 12 JP a day (rule training.daily_jp): if its days or JP "
    "are wrong, correct them; if the employee did attend these trainings on the same days, confirm it (confirm: "
    "training.daily_jp, or ya in the Konfirmasi column) and import the row again."
)
NOV_9 = {**T_0, "start": "2026-11-09", "end": "2026-11-09"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed(world: World, *trainings: dict[str, Any]) -> None:
    """Appointed (version 1), with `trainings` recorded after it (versions 2, 3, ...)."""
    ledger = world.services.ledger
    ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")
    for n, values in enumerate(trainings):
        own = {"title": f"Pelatihan {n}", "reference": f"T-{n}"}
        ledger.record(NIP, "training", {**TRAINING, **own, **values}, actor="test")


def recorded(world: World) -> list[tuple[str, tuple[str, ...]]]:
    """Each training of the record: its certificate and what was confirmed recording it."""
    ledger = world.services.ledger
    employee = ledger.get_employee(NIP)
    assert employee is not None
    confirmed = {e.originator_version: tuple(getattr(e, "confirmed", ())) for e in ledger.get_events(NIP)}
    found = [f for f in employee.active_facts() if f.kind == "training"]
    return [(str(fact.get("reference")), confirmed[fact.version]) for fact in found]


def training(reference: str, **values: Any) -> dict[str, Any]:
    return {"kind": "training", **TRAINING, "title": f"Pelatihan {reference}", "reference": reference, **values}


def test_the_api_asks_about_a_day_holding_more_jp_than_a_training_day_and_records_it_confirmed(world: World) -> None:
    appointed(world, {})
    body = problem(world.post(EVENTS, "hr", json=training("T-new")), 422)
    assert body["errors"] == {"hours": [ASKED.format(**T_0, version=2, total=24, day="2026-11-02")]}
    assert [r for r, _ in recorded(world)] == ["T-0"]
    answer = world.post(EVENTS, "hr", json={**training("T-new"), "confirm": ["training.daily_jp"]})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert recorded(world) == [("T-0", ()), ("T-new", ("training.daily_jp",))]


def test_trainings_spread_over_their_days_are_summed_on_the_days_they_share(world: World) -> None:
    # 40 JP over five days (8 a day) and 8 JP over two of them: 12 JP a day at most, not asked; 10 JP over those two
    # days makes 13 JP on each of them (the first day named); a training of other days is never compared
    appointed(world, {"hours": 40, "start_date": "2026-03-02", "effective_date": "2026-03-06"})
    fits = training("T-fits", hours=8, start_date="2026-03-04", effective_date="2026-03-05")
    assert world.post(EVENTS, "hr", json=fits).status_code == 201
    over = training("T-over", hours=2, start_date="2026-03-05", effective_date="2026-03-06")
    body = problem(world.post(EVENTS, "hr", json=over), 422)
    assert body["errors"] == {
        "hours": [
            ASKED.format(**{**T_0, "start": "2026-03-02", "end": "2026-03-06"}, version=2, total=13, day="2026-03-05")
        ]
    }
    elsewhere = training("T-later", hours=12, start_date="2026-03-07", effective_date="2026-03-07")
    assert world.post(EVENTS, "hr", json=elsewhere).status_code == 201


def test_a_day_holding_part_of_a_jp_is_shown_to_two_decimals(world: World) -> None:
    appointed(world, {"hours": 25, "start_date": "2026-03-02", "effective_date": "2026-03-04"})  # (8 1/3 a day)
    body = problem(world.post(EVENTS, "hr", json=training("T-x", hours=4, **dict.fromkeys(DAY, "2026-03-03"))), 422)
    assert body["errors"] == {
        "hours": [
            ASKED.format(
                **{**T_0, "start": "2026-03-02", "end": "2026-03-04"}, version=2, total="12.33", day="2026-03-03"
            )
        ]
    }


def test_a_training_alone_over_the_limit_is_refused_as_such_not_asked(world: World) -> None:
    appointed(world, {})
    body = problem(world.post(EVENTS, "hr", json=training("T-x", hours=13)), 422)
    assert body["errors"] == {"hours": ["13 JP is more than 12 JP a day (training days: 1)."]}


def test_a_correction_moving_a_training_onto_a_full_day_is_asked_and_recorded_confirmed(world: World) -> None:
    appointed(world, {}, {"start_date": "2026-11-03", "effective_date": "2026-11-03"})
    body = {"kind": "correction", **f.correction(3, "2026-11-04", **DAY)}
    refused = problem(world.post(EVENTS, "hr", json=body), 422)
    # (beside the corrected field that made the day so, its first day: until 2026-12-06 beside `corrected_fields`)
    assert refused["errors"] == {
        "corrected_fields.start_date": [ASKED.format(**T_0, version=2, total=24, day="2026-11-02")]
    }
    answer = world.post(EVENTS, "hr", json={**body, "confirm": ["training.daily_jp"]})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    (event,) = [e for e in world.services.ledger.get_events(NIP) if e.originator_version == 4]
    assert tuple(event.confirmed) == ("training.daily_jp",)
    # its title corrected now: the day was as full before the correction, not asked again
    again = {"kind": "correction", **f.correction(3, "2026-11-05", title="Pelatihan Baru")}
    assert world.post(EVENTS, "hr", json=again).status_code == 201


def test_a_migration_is_not_asked(world: World, tmp_path: Path) -> None:
    appointed(world, {})
    row = {**training("T-log"), "nip": NIP, "recorded_at": "2026-11-10T08:00:00+07:00"}
    path = tmp_path / "log.jsonl"
    path.write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(world.services.ledger, path, actor="admin", migration=True)
    assert report.rejected == []
    assert report.recorded == 1


def rows(path: Path, *rows: dict[str, Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps({**row, "nip": NIP}) + b"\n" for row in rows))
    return path


def test_an_import_asks_against_the_trainings_recorded_and_its_own_earlier_rows(world: World, tmp_path: Path) -> None:
    appointed(world, {"start_date": "2026-11-09", "effective_date": "2026-11-09"})
    path = rows(
        tmp_path / "trainings.jsonl",
        training("F-1", hours=4),  # (2026-11-02: 4 JP)
        training("F-2", hours=8),  # (12 JP: not asked)
        training("F-3", hours=4),  # 16 JP with the two rows above
        training("F-4", hours=6, start_date="2026-11-09", effective_date="2026-11-09"),  # 18 with version 2
        training("F-5", hours=6, start_date="2026-11-09", effective_date="2026-11-09", confirm="ya"),
    )
    report = import_file(world.services.ledger, path, actor="hr")
    assert {p.line: p.errors for p in report.rejected} == {
        # (the heaviest a row of the file: named by its line, not by the version it got; one recorded before the
        # file: by its title and days, until 2026-12-06 by its version alone)
        3: {"hours": [IN_FILE_ASKED.format(title="'Pelatihan F-2'", line=2, total=16, day="2026-11-02")]},
        4: {"hours": [ASKED_IN_IMPORT.format(**NOV_9, version=2, total=18, day="2026-11-09")]},
    }
    assert recorded(world) == [("T-0", ()), ("F-1", ()), ("F-2", ()), ("F-5", ("training.daily_jp",))]


def test_the_record_form_asks_in_indonesian_with_a_box_that_records_it(world: World) -> None:
    appointed(world, {}, {"start_date": "2026-11-03", "effective_date": "2026-11-03"})
    world.services.ledger.record(NIP, "retraction", f.retraction(3, "2026-11-04"), actor="test")  # (retracted:
    # its days hold no JP)
    log_in(world, "hr")
    form = {**form_of(world, "training"), "nip": NIP, **{k: str(v) for k, v in training("T-form").items()}}
    del form["kind"]
    answer = world.client.post("/pages/record?kind=training&lang=id", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert beside(page) == {
        "hours": str(
            escape(
                "Dengan pelatihan-pelatihan berhari sama (yang terberat 'Pelatihan 0', dari 2 Nov 2026 sampai "
                "2 Nov 2026, tercatat sebagai versi 2), pelatihan ini "
                "menjadikan 24 JP pada 2 Nov 2026, lebih dari 12 JP sehari (aturan training.daily_jp): jika hari atau "
                "JP-nya keliru, ralatlah; jika pegawai memang mengikuti pelatihan-pelatihan itu pada hari yang sama, "
                "centang kotak di bawah untuk mengonfirmasinya lalu kirim lagi formulir ini."
            )
        )
    }
    assert 'name="confirm" value="training.daily_jp"' in page
    ticked = world.client.post("/pages/record?kind=training&lang=id", data={**form, "confirm": "training.daily_jp"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)
    assert recorded(world)[-1] == ("T-form", ("training.daily_jp",))


def test_a_day_holding_part_of_a_jp_is_shown_in_the_visitor_s_numbers(world: World) -> None:
    # (25 JP over three days and 4 on the second: 12 1/3 that day, "12,33" in Indonesian, where "." groups thousands;
    # until 2026-12-06 it showed "12.33 JP", read as 1233)
    appointed(world, {"hours": 25, "start_date": "2026-03-02", "effective_date": "2026-03-04"})
    log_in(world, "hr")
    values = training("T-form", hours=4, **dict.fromkeys(DAY, "2026-03-03"))
    form = {**form_of(world, "training"), "nip": NIP, **{k: str(v) for k, v in values.items()}}
    del form["kind"]
    answer = world.client.post("/pages/record?kind=training&lang=id", data=form)
    assert answer.status_code == 422
    assert beside(answer.get_data(as_text=True))["hours"].startswith(
        str(
            escape(
                "Dengan pelatihan-pelatihan berhari sama (yang terberat 'Pelatihan 0', dari 2 Mar 2026 sampai 4 Mar "
                "2026, tercatat sebagai versi 2), pelatihan ini menjadikan 12,33 JP pada 3 Mar 2026, lebih dari 12 JP "
                "sehari"
            )
        )
    )


def test_a_correction_of_a_trainings_jp_filling_its_day_is_asked_beside_its_jp(world: World) -> None:
    appointed(world, {"hours": 6}, {"hours": 6})
    body = {"kind": "correction", **f.correction(3, "2026-11-04", hours=8)}
    refused = problem(world.post(EVENTS, "hr", json=body), 422)
    assert refused["errors"] == {"corrected_fields.hours": [ASKED.format(**T_0, version=2, total=14, day="2026-11-02")]}
    moved = {"kind": "correction", **f.correction(3, "2026-11-04", effective_date="2026-11-03")}  # (its last day
    # alone: the second day now holds 6 JP, the first 3 JP with version 2's 6, not asked)
    assert world.post(EVENTS, "hr", json=moved).status_code == 201


def test_the_correction_form_asks_beside_the_corrected_jp_with_the_box_pointing_at_it(world: World) -> None:
    appointed(world, {"hours": 6}, {"hours": 6})
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "hr")
    data = correction(world, 3, NIP, **{"corrected.hours": "8"})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert list(beside(page)) == ["corrected_fields.hours"]
    assert beside(page)["corrected_fields.hours"].startswith("Dengan pelatihan-pelatihan berhari sama")
    assert 'name="confirm" value="training.daily_jp" aria-describedby="corrected_fields.hours-error"' in page
    ticked = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "training.daily_jp"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)

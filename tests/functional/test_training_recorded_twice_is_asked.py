"""A training the record holds already, recorded again under its certificate written otherwise (BPSDM-SU/TEKNIS/2026/
9001 for .../09001, or with dashes) or under another certificate with the same title and organiser, on the same days
and JP, is asked about (rule training.duplicate): refused beside `reference` naming the earlier version (an import's
row earlier in the same file: its line) until the writer confirms it, on the API, the record form and an import.
Before, it was recorded again, its JP counted twice. A migration is not asked; other days or JP are another training."""

from __future__ import annotations

import io
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
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_record_form_every_field_at_once import beside

NIP = f.nip(date(1986, 4, 29), date(2021, 3, 1), "M", sequence=1)
EVENTS = f"/api/v1/employees/{NIP}/events"
CERTIFICATE = "BPSDM-SU/TEKNIS/2026/09001"
TRAINING = {
    "training_kind": "TEKNIS",
    "title": "Pengelolaan Keuangan Daerah",
    "organiser": "BPSDM Sumatera Utara",
    "hours": 40,
    "start_date": "2026-03-02",
    "effective_date": "2026-03-06",
}
SAME_DAYS = "has the same days (2026-03-02 to 2026-03-06) and JP (40)"
ASKED = (
    "The training recorded as version 2 " + SAME_DAYS + ", and {same} (rule training.duplicate): if it is this "
    "training, it is recorded already (correct version 2 if it is wrong); if the employee did attend it twice, confirm "
    "it (confirm: training.duplicate) and send it again."
)
# ... as an import asks it of a row, where a yes in its Konfirmasi column confirms it (wording.IMPORT_WORDED)
ASKED_IN_IMPORT = ASKED.replace(
    "(confirm: training.duplicate) and send it again",
    "(confirm: training.duplicate, or ya in the Konfirmasi column) and import the row again",
)
WRITTEN_OTHERWISE = "the same certificate written otherwise ('BPSDM-SU/TEKNIS/2026/09001')"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def appointed(world: World) -> None:
    """Appointed, with the training of CERTIFICATE recorded (version 2)."""
    ledger = world.services.ledger
    ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")
    ledger.record(NIP, "training", {**TRAINING, "reference": CERTIFICATE}, actor="test")


def trainings(world: World) -> list[str]:
    employee = world.services.ledger.get_employee(NIP)
    assert employee is not None
    return [str(fact.get("reference")) for fact in employee.active_facts() if fact.kind == "training"]


@pytest.mark.parametrize(
    ("written", "same"),
    [
        ("BPSDM-SU/TEKNIS/2026/9001", WRITTEN_OTHERWISE),
        ("BPSDM-SU-TEKNIS-2026-09001", WRITTEN_OTHERWISE),
        ("bpsdm su teknis 2026 009001", WRITTEN_OTHERWISE),
        ("BPSDM-SU/TEKNIS/2026/09117", "the same title and organiser"),
    ],
)
def test_the_api_asks_about_a_training_recorded_already_and_records_it_confirmed(
    world: World, written: str, same: str
) -> None:
    appointed(world)
    body = problem(world.post(EVENTS, "hr", json={"kind": "training", **TRAINING, "reference": written}), 422)
    assert body["errors"] == {"reference": [ASKED.format(same=same)]}
    assert trainings(world) == [CERTIFICATE]
    confirmed = world.post(
        EVENTS, "hr", json={"kind": "training", **TRAINING, "reference": written, "confirm": ["training.duplicate"]}
    )
    assert confirmed.status_code == 201, confirmed.get_data(as_text=True)
    assert trainings(world) == [CERTIFICATE, written]


@pytest.mark.parametrize(
    "other",
    [
        {"start_date": "2026-03-03"},
        {"effective_date": "2026-03-07"},
        {"hours": 32},
        {"title": "Pengelolaan Aset Daerah"},
        {"organiser": "BPSDM Aceh"},
    ],
    ids=["first_day", "last_day", "jp", "title", "organiser"],
)
def test_another_training_is_recorded_unasked(world: World, other: dict[str, Any]) -> None:
    appointed(world)
    answer = world.post(
        EVENTS,
        "hr",
        json={
            "kind": "training",
            **TRAINING,
            "reference": "BPSDM-SU/TEKNIS/2026/09117",
            **other,
            "confirm": ["training.daily_jp"],  # (the days they share hold more than 12 JP: rule training.daily_jp's)
        },
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_the_same_certificate_sent_again_is_answered_as_recorded_not_asked(world: World) -> None:
    appointed(world)
    answer = world.post(EVENTS, "hr", json={"kind": "training", **TRAINING, "reference": CERTIFICATE.lower()})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert trainings(world) == [CERTIFICATE]


def rows(path: Path, *rows: dict[str, Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps({"kind": "training", "nip": NIP, **row}) + b"\n" for row in rows))
    return path


def test_an_import_asks_about_a_training_recorded_before_it_and_in_the_same_file(world: World, tmp_path: Path) -> None:
    appointed(world)
    again = {**TRAINING, "start_date": "2026-04-06", "effective_date": "2026-04-08", "hours": 24}
    path = rows(
        tmp_path / "trainings.jsonl",
        {**TRAINING, "reference": "BPSDM-SU-TEKNIS-2026-09001"},
        {**again, "reference": "BPSDM-SU/TEKNIS/2026/10001"},
        {**again, "reference": "BPSDM-SU/TEKNIS/2026/010001"},
    )
    report = import_file(world.services.ledger, path, actor="hr")
    assert report.recorded == 1
    assert {p.line: p.errors for p in report.rejected} == {
        1: {"reference": [ASKED_IN_IMPORT.format(same=WRITTEN_OTHERWISE)]},
        3: {
            "reference": [
                "Line 2 of this file recorded a training (version 3) of the same days (2026-04-06 to 2026-04-08) and "
                "JP (24), and the same certificate written otherwise ('BPSDM-SU/TEKNIS/2026/10001') (rule "
                "training.duplicate): if it is this training, remove this row; if the employee did attend it twice, "
                "confirm it (confirm: training.duplicate, or ya in the Konfirmasi column) and import the row again."
            ]
        },
    }
    confirmed = rows(
        tmp_path / "confirmed.jsonl", {**TRAINING, "reference": "BPSDM-SU-TEKNIS-2026-09001", "confirm": "ya"}
    )
    assert import_file(world.services.ledger, confirmed, actor="hr").recorded == 1
    assert trainings(world) == [CERTIFICATE, "BPSDM-SU/TEKNIS/2026/10001", "BPSDM-SU-TEKNIS-2026-09001"]


def test_a_migration_is_not_asked(world: World, tmp_path: Path) -> None:
    appointed(world)
    row = {**TRAINING, "reference": "BPSDM-SU/TEKNIS/2026/9001", "recorded_at": "2026-03-10T08:00:00+07:00"}
    report = import_file(world.services.ledger, rows(tmp_path / "log.jsonl", row), actor="admin", migration=True)
    assert report.rejected == []
    assert report.recorded == 1


def test_the_record_form_asks_in_indonesian_with_a_box_that_records_it(world: World) -> None:
    appointed(world)
    log_in(world, "hr")
    form = {
        **form_of(world, "training"),
        "nip": NIP,
        **{k: str(v) for k, v in TRAINING.items()},
        "reference": "BPSDM-SU/TEKNIS/2026/9001",
    }
    answer = world.client.post("/pages/record?kind=training&lang=id", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert beside(page) == {
        "reference": str(
            escape(
                "Pelatihan yang tercatat sebagai versi 2 berhari sama (2 Mar 2026 sampai 6 Mar 2026) dan ber-JP "
                "sama (40), dan sertifikatnya sama dengan penulisan lain ('BPSDM-SU/TEKNIS/2026/09001') (aturan "
                "training.duplicate): jika itu pelatihan ini, pelatihan ini sudah tercatat (ralat versi 2 jika "
                "keliru); jika pegawai memang mengikutinya dua kali, centang kotak di bawah untuk mengonfirmasinya "
                "lalu kirim lagi formulir ini."
            )
        )
    }
    assert 'name="confirm" value="training.duplicate"' in page
    assert trainings(world) == [CERTIFICATE]
    ticked = world.client.post("/pages/record?kind=training&lang=id", data={**form, "confirm": "training.duplicate"})
    assert ticked.status_code == 302, ticked.get_data(as_text=True)
    assert trainings(world) == [CERTIFICATE, "BPSDM-SU/TEKNIS/2026/9001"]


def test_a_correction_making_a_training_anothers_double_is_asked_and_recorded_confirmed(world: World) -> None:
    """A training corrected to the days and JP of another of the same title and organiser is asked beside the
    corrected fields making it so (corrected_fields.effective_date and .start_date; until 2026-12-07 beside
    corrected_fields), as the new one would be (until 2026-12-05 recorded unasked); an import's row confirms it by
    name, not by a yes (a question of the data's quality: a yes meant for a rank jump must not let a double through)."""
    appointed(world)
    ledger = world.services.ledger
    other = {**TRAINING, "start_date": "2026-05-04", "effective_date": "2026-05-08", "reference": "SRT-LAIN"}
    ledger.record(NIP, "training", other, actor="test")  # (version 3)
    body = {"kind": "correction", **f.correction(3, "2026-06-01", start_date="2026-03-02", effective_date="2026-03-06")}
    refused = problem(world.post(EVENTS, "hr", json=body), 422)
    # (beside both dates: each, as it was, leaves it no double; until 2026-12-07 beside `corrected_fields`)
    assert list(refused["errors"]) == ["corrected_fields.effective_date", "corrected_fields.start_date"], refused
    said = refused["errors"]["corrected_fields.start_date"]
    assert said == refused["errors"]["corrected_fields.effective_date"]
    assert said[0].startswith("The training recorded as version 2 " + SAME_DAYS)
    assert trainings(world) == [CERTIFICATE, "SRT-LAIN"]
    for confirm in ("ya", "training.duplicate"):
        row = {"nip": NIP, **body, "confirm": confirm}
        data = {"file": (io.BytesIO(orjson.dumps(row) + b"\n"), "c.jsonl")}
        answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data").get_json()
        if confirm == "ya":  # (asked naming what to write in the Konfirmasi column: its yes does not confirm it)
            [(line, errors)] = [(p["line"], p["errors"]) for p in answer["rejected"]]
            [said] = errors["corrected_fields.start_date"]
            assert line == 1, answer
            assert said.startswith("The training recorded as version 2 " + SAME_DAYS), answer
            assert said.endswith(
                "confirm it (write training.duplicate in the Konfirmasi column: a yes does not confirm it on a "
                "correction) and import the row again."
            ), said
            assert trainings(world) == [CERTIFICATE, "SRT-LAIN"]
    assert (answer["recorded"], answer["rejected"]) == (1, []), answer
    employee = ledger.get_employee(NIP)
    assert employee is not None
    assert [str(f.effective_date) for f in employee.active_facts() if f.kind == "training"] == ["2026-03-06"] * 2

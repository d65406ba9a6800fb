"""A typo in a unit's name made a new unit: a placement within KOTA-MEDAN naming `Dinas Pendidkan` was recorded, and
the headcount by unit then listed "Dinas Pendidkan: 1" beside "Dinas Pendidikan: 39". Units are free text, but a unit
no employee was ever recorded in within the agency, near one that was, is now a refusal the writer confirms (unit.new:
the ledger's NEW_UNIT_UNCONFIRMED, naming the near units), on every live writer: the API, the record form, an import
(whose rows naming the same new unit are asked once: its first row confirmed, the others are not asked). A unit
near none known is a new one (a reorganisation), recorded unasked; the known one in another letter case is the same."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

EVENTS = "/api/v1/employees/{}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def known(world: World) -> World:
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    return world


def placement(unit: str, reference: str = "SK-MUTASI-7", **extra: Any) -> dict[str, Any]:
    return {"kind": "placement", "agency": "KOTA-MEDAN", "unit": unit, "region": "12.71",
            "effective_date": "2024-01-02", "reference": reference, **extra}  # fmt: skip


def test_a_placement_in_a_misspelt_unit_is_asked_naming_the_known_one(known: World) -> None:
    before = known.log()
    answer = known.post(EVENTS.format(BUDI), "hr", json=placement("Bapeda"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "unit": [
            "'Bapeda' is no unit known in KOTA-MEDAN (did you mean 'Bappeda'?): recorded, it would be another unit in "
            "every count by unit. If the decree does name a new unit, confirm it (confirm: unit.new) and send it "
            "again; if not, write the unit as recorded."
        ]
    }
    assert known.log() == before
    confirmed = known.post(EVENTS.format(BUDI), "hr", json=placement("Bapeda", confirm=["unit.new"]))
    assert confirmed.status_code == 201, confirmed.get_json()


@pytest.mark.parametrize("unit", ["bappeda ", "Dinas Pendidikan"])
def test_a_known_unit_in_another_case_or_a_unit_near_none_is_recorded_unasked(known: World, unit: str) -> None:
    answer = known.post(EVENTS.format(BUDI), "hr", json=placement(unit))
    assert answer.status_code == 201, answer.get_json()


def test_an_appointment_in_a_misspelt_unit_is_asked_too(known: World) -> None:
    nip = f.nip(sex="F", sequence=911)
    body = {"nip": nip, **appointment_of(nip, name="Nur Aisyah", unit="BKPSMD")}
    answer = known.post("/api/v1/employees", "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert "'BKPSMD' is no unit known in KOTA-MEDAN (did you mean 'BKPSDM'?)" in answer.get_json()["errors"]["unit"][0]
    again = known.post("/api/v1/employees", "hr", json={**body, "confirm": ["unit.new"]})
    assert again.status_code == 201, again.get_json()["errors"]


def test_the_record_form_asks_with_a_box_and_records_it_ticked(known: World) -> None:
    log_in(known, "hr")
    data = {**form_of(known, "placement"), "nip": BUDI, **placement("Bapeda")}
    del data["kind"]
    refused = known.client.post("/pages/record?kind=placement", data=data)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "&#39;Bapeda&#39; bukan unit yang dikenal di KOTA-MEDAN (maksudnya &#39;Bappeda&#39;?)" in page
    assert "centang kotak di bawah untuk mengonfirmasinya" in page
    assert 'name="confirm" value="unit.new" aria-describedby="unit-error"' in page
    ticked = known.client.post("/pages/record?kind=placement", data={**data, "confirm": "unit.new"})
    assert ticked.status_code == 302


def imported(world: World, rows: list[dict[str, Any]]) -> dict[str, Any]:
    lines = b"".join(orjson.dumps(r) + b"\n" for r in rows)
    data = {"file": (io.BytesIO(lines), "placements.jsonl")}
    answer = world.post("/api/v1/imports", "hr", data=data, content_type="multipart/form-data")
    assert answer.status_code in (200, 201, 422), answer.get_json()
    return dict(answer.get_json())


def test_an_import_asks_a_new_unit_once_for_the_rows_naming_it(known: World) -> None:
    rows = [{"nip": BUDI, **placement("Bapeda", "SK-1")}, {"nip": SARI, **placement("Bapeda", "SK-2")}]
    report = imported(known, rows)
    assert [(p["line"], list(p["errors"])) for p in report["rejected"]] == [(1, ["unit"]), (2, ["unit"])]
    rows[0]["confirm"] = "ya"  # (its first row confirmed: the file's other rows naming it are not asked again)
    report = imported(known, rows)
    assert report["rejected"] == []
    assert report["recorded"] == 2


def test_a_misspelling_of_a_unit_recorded_just_now_is_asked_before_the_views_know_it(known: World) -> None:
    assert known.post(EVENTS.format(BUDI), "hr", json=placement("Dinas Pendidikan", "SK-1")).status_code == 201
    answer = known.post(EVENTS.format(SARI), "hr", json=placement("Dinas Pendidkan", "SK-2"))  # (no catch-up)
    assert answer.status_code == 422, answer.get_json()
    assert "(did you mean 'Dinas Pendidikan'?)" in answer.get_json()["errors"]["unit"][0]


def test_a_post_in_a_misspelt_unit_of_the_employees_agency_is_asked(known: World) -> None:
    post = {"kind": "post_appointment", "post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Bapeda",
            "assignment": "DEFINITIVE", "effective_date": "2015-01-05", "reference": "SK-JS-862"}  # fmt: skip
    answer = known.post(EVENTS.format(BUDI), "hr", json=post)
    assert answer.status_code == 422, answer.get_json()
    assert "'Bapeda' is no unit known in KOTA-MEDAN (did you mean 'Bappeda'?)" in answer.get_json()["errors"]["unit"][0]
    confirmed = known.post(EVENTS.format(BUDI), "hr", json={**post, "confirm": ["unit.new"]})
    assert confirmed.status_code == 201, confirmed.get_json()


def test_a_migration_keeps_its_logs_units_unasked(known: World, tmp_path: Path) -> None:
    row = {"nip": BUDI, **placement("Bapeda", "SK-9"), "recorded_at": "2024-01-03T02:00:00Z", "version": 3}
    (tmp_path / "log.jsonl").write_bytes(orjson.dumps(row) + b"\n")
    report = import_file(known.services.ledger, tmp_path / "log.jsonl", actor="admin", migration=True)
    assert (report.recorded, report.rejected) == (1, [])


def test_a_post_in_a_misspelt_unit_is_asked_with_every_other_reason_at_once(known: World) -> None:
    """A Pengawas post at level Ahli Muda in a misspelt unit: the unit's question and the level's refusal come
    together (until 2026-12-05 the level was refused only once the unit was confirmed, a second round)."""
    post = {"kind": "post_appointment", "post_kind": "PENGAWAS", "level": "AHLI_MUDA", "title": "Kepala Subbagian",
            "unit": "Bapeda", "assignment": "DEFINITIVE", "effective_date": "2015-01-05",
            "reference": "SK-JS-863"}  # fmt: skip
    before = known.log()
    answer = known.post(EVENTS.format(BUDI), "hr", json=post)
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert "'Bapeda' is no unit known in KOTA-MEDAN (did you mean 'Bappeda'?)" in errors["unit"][0]
    assert any("is not a level of" in r for r in errors["level"]), errors
    log_in(known, "hr")
    data = {**form_of(known, "post_appointment"), "nip": BUDI, **post}
    del data["kind"]
    page = known.client.post("/pages/record?kind=post_appointment", data=data).get_data(as_text=True)
    assert "&#39;Bapeda&#39; bukan unit yang dikenal di KOTA-MEDAN" in page
    assert "Ahli Muda bukan jenjang" in page
    assert known.log() == before

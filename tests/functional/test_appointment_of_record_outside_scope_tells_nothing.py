"""An appointment of a NIP whose record works outside the writer's scope is refused as "already appointed", whatever
its values: the one thing the writer must be told (the NIP is taken), and nothing of the record. Before, the
ledger compared it with the record's own appointment: the same reference and values answered 200 ("already
recorded", with the appointment's recorded time), other values under that reference a 409 naming each field that
differs ("... with different values (name)"), so an HR administrator could test guesses of a name, a birth date or
an education against a record of another agency, one field at a time (API, import, dry run or not)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import MISSING, World, appointment_of
from tests.functional.test_imports import jsonl, upload


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


JOKO = MISSING  # appointed in KOTA-MEDAN below, then moved to KAB-KARO: outside the KOTA-MEDAN HR's scope
APPOINTMENT = {"nip": JOKO, **appointment_of(JOKO, name="Joko Lubis", reference="SK-CPNS-JOKO")}
ALREADY = f"NIP {JOKO} is already appointed (a NIP is appointed again only after its record is voided)."


@pytest.fixture
def moved(world: World) -> World:
    assert world.post("/api/v1/employees", "admin", json=APPOINTMENT).status_code == 201
    placement = {"kind": "placement", "agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
    placed = world.post(
        f"/api/v1/employees/{JOKO}/events",
        "admin",
        json={**placement, "effective_date": "2020-01-01", "reference": "MUT-JOKO"},
    )
    assert placed.status_code == 201, placed.get_json()
    return world


GUESSES = {
    "its_own_values": APPOINTMENT,
    "another_name": {**APPOINTMENT, "name": "Joko Siregar"},
    "another_reference": {**APPOINTMENT, "reference": "SK-LAIN"},
}


@pytest.mark.parametrize("guess", GUESSES.values(), ids=GUESSES.keys())
def test_the_api_answers_already_appointed_whatever_the_values(moved: World, guess: dict[str, Any]) -> None:
    before = moved.log()
    answer = moved.post("/api/v1/employees", "hr", json=guess)
    assert answer.status_code == 409, answer.get_json()
    problem = answer.get_json()
    assert problem["detail"] == ALREADY
    assert problem["errors"] == {"nip": [ALREADY]}  # (the field, as the import's report names it: nothing else)
    assert moved.log() == before


def test_the_api_names_no_field_of_the_record_beside_a_refused_field(moved: World) -> None:
    answer = moved.post("/api/v1/employees", "hr", json={**GUESSES["another_name"], "birth_date": "1980-02-31"})
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["birth_date"], answer.get_json()


@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_an_import_rejects_each_guess_alike(moved: World, dry_run: str) -> None:
    before = moved.log()
    rows = [{"kind": "appointment", **guess} for guess in GUESSES.values()]
    answer = moved.post(f"/api/v1/imports?dry_run={dry_run}", "hr", **upload(jsonl(*rows), "appointments.jsonl"))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report = answer.get_json()
    assert report["already_recorded"] == 0
    assert [r["line"] for r in report["rejected"]] == [1, 2, 3]
    assert [r["errors"] for r in report["rejected"]] == [{"nip": [ALREADY]}] * 3
    assert moved.log() == before


def test_within_the_scope_an_appointment_sent_again_is_still_already_recorded(world: World) -> None:
    assert world.post("/api/v1/employees", "hr", json=APPOINTMENT).status_code == 201
    again = world.post("/api/v1/employees", "hr", json=APPOINTMENT)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["created"] is False


def test_an_appointment_of_a_nip_already_appointed_names_the_nip(world: World) -> None:
    """The 409 of a NIP already appointed named no field (the import's report names `nip`): a client could not tell
    which of its fields to mend. It names `nip`, within the scope as outside it."""
    assert world.post("/api/v1/employees", "hr", json=APPOINTMENT).status_code == 201
    answer = world.post("/api/v1/employees", "hr", json={**APPOINTMENT, "name": "Joko Siregar", "reference": "SK-LAIN"})
    assert answer.status_code == 409
    assert answer.get_json()["errors"] == {"nip": [ALREADY]}


@pytest.mark.parametrize("dry_run", ["true", "false"])
@pytest.mark.parametrize("guess", GUESSES.values(), ids=GUESSES.keys())
def test_an_import_rejects_the_guess_after_an_earlier_row_of_the_record_alike(
    moved: World, guess: dict[str, Any], dry_run: str
) -> None:
    """A row of the record before the appointment (any kind: refused as a record not appointed) let the appointment
    after it reach the ledger's comparison with the record's own appointment: "already recorded" for its values, a
    refusal naming each field that differs for others."""
    before = moved.log()
    earlier = {"kind": "training", "nip": JOKO, **f.training("2016-01-08", reference="IMP-T")}
    rows = [earlier, {"kind": "appointment", **guess}]
    answer = moved.post(f"/api/v1/imports?dry_run={dry_run}", "hr", **upload(jsonl(*rows), "appointments.jsonl"))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    report = answer.get_json()
    assert report["already_recorded"] == 0
    assert [r["line"] for r in report["rejected"]] == [1, 2]
    assert report["rejected"][1]["errors"] == {"nip": [ALREADY]}
    assert moved.log() == before

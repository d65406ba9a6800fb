"""An appointment recorded already, sent again, is answered before any question its values ask (PLACING_ASKED:
appointment.starting_rank, appointment.tmt_first_day, region.outside_seat): the same values under its own key are the
recording (200, `"created": false`; an import's row already recorded, its file run again without the yes in its
Konfirmasi column), other values under its key an `idempotency-conflict` (409), and under another key the NIP's
appointment (409 `already-appointed`). Until 2026-12-07 each was asked to confirm first (422): a CPNS appointed above
the start of the entry education, recorded before that day without a confirmation, sent again by a client's retry
or an import run again, was refused. Both stores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.importing import import_file
from tests import factories as f
from tests.functional.conftest import World, appointment_of

ABOVE = f.nip(date(1994, 3, 9), date(2023, 3, 1), "M", sequence=791)  # (S-1 at III/c: above III/a)
LATE = f.nip(date(1994, 4, 9), date(2023, 3, 1), "F", sequence=792)  # (a CPNS's TMT not on the 1st)
CONFLICT = "urn:careerlog:problem:idempotency-conflict"
ALREADY = "urn:careerlog:problem:already-appointed"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def above_start() -> dict[str, Any]:
    return {"nip": ABOVE, **appointment_of(ABOVE, name="Rudi Siregar", rank="III/c")}


def post(world: World, body: dict[str, Any], key: str) -> Any:
    return world.post("/api/v1/employees", "hr", json=body, headers={"Idempotency-Key": key})


def test_an_appointment_confirmed_above_the_start_sent_again_without_confirm_is_answered_as_recorded(
    world: World,
) -> None:
    body = above_start()
    first = post(world, {**body, "confirm": ["appointment.starting_rank"]}, "k")
    assert first.status_code == 201, first.get_json()
    before = world.log()
    again = post(world, body, "k")
    assert (again.status_code, again.get_json()["created"]) == (200, False), again.get_json()
    assert world.log() == before


def test_its_key_sent_with_other_values_is_a_conflict_and_another_key_is_already_appointed(world: World) -> None:
    body = above_start()
    assert post(world, {**body, "confirm": ["appointment.starting_rank"]}, "k").status_code == 201
    before = world.log()
    other = post(world, {**body, "name": "Rudi Lain"}, "k")
    assert (other.status_code, other.get_json()["type"]) == (409, CONFLICT), other.get_json()
    elsewhere = post(world, {**body, "reference": "SK-LAIN"}, "k2")
    assert (elsewhere.status_code, elsewhere.get_json()["type"]) == (409, ALREADY), elsewhere.get_json()
    assert world.log() == before


def test_an_appointment_confirmed_off_the_first_of_the_month_sent_again_without_confirm_is_answered_as_recorded(
    world: World,
) -> None:
    body = {"nip": LATE, **appointment_of(LATE, name="Sari Lubis"), "effective_date": "2023-03-17"}
    first = post(world, {**body, "confirm": ["appointment.tmt_first_day"]}, "late")
    assert first.status_code == 201, first.get_json()
    again = post(world, body, "late")
    assert (again.status_code, again.get_json()["created"]) == (200, False), again.get_json()


def test_an_import_run_again_without_its_yes_counts_the_row_already_recorded(world: World, tmp_path: Path) -> None:
    row = {"kind": "appointment", "client_key": "row-1", **{k: str(v) for k, v in above_start().items()}}
    path = tmp_path / "pengangkatan.jsonl"
    path.write_text(json.dumps({**row, "confirm": "ya"}) + "\n", "utf-8")
    first = import_file(world.services.ledger, path, actor="admin")
    assert (first.recorded, first.rejected) == (1, []), first.rejected
    path.write_text(json.dumps(row) + "\n", "utf-8")
    again = import_file(world.services.ledger, path, actor="admin")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 1, []), again.rejected

"""A writer's confirmation of a training counted twice (training.duplicate) or of a unit new in its agency (unit.new)
is stored with the fact it let through (class version 2 of TrainingCompleted, Placed, PostAppointed, Appointed,
AppointedAgain: `confirmed`), or with the correction that needed it, and shown where HR and an inspector look: the
API's history (`confirm`) and timeline (`confirmed`), and the career page's timeline, in both languages. Before (until
2026-12-05), the confirmation was asked and then dropped: nothing showed that HR had recorded a double, or a new unit,
deliberately. A confirmation the recording did not need is not stored. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_training_recorded_twice_is_asked import NIP, TRAINING, appointed

DUPLICATE = ["training.duplicate"]
NEW_UNIT = ["unit.new"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def recorded(world: World, nip: str, body: dict[str, Any]) -> int:
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    return int(answer.get_json()["version"])


def stored_confirmed(world: World, nip: str, version: int) -> tuple[str, ...]:
    (event,) = [e for e in world.services.ledger.get_events(nip) if e.originator_version == version]
    return tuple(event.confirmed)


def shown(world: World, nip: str, version: int) -> tuple[list[str], list[str] | None, str, str]:
    """The version's `confirmed` in the API's timeline, its `confirm` in the history, and the career page (en, id)."""
    world.catch_up()
    items = world.get(f"/api/v1/employees/{nip}/timeline", "inspector").get_json()["items"]
    history = world.get(f"/api/v1/employees/{nip}/events", "admin").get_json()["items"]
    log_in(world, "admin")
    page = f"/pages/employees/{nip}"
    return (
        next(i for i in items if i["version"] == version)["confirmed"],
        next(i for i in history if i["version"] == version).get("confirm"),
        world.client.get(f"{page}?lang=en").get_data(as_text=True),
        world.client.get(f"{page}?lang=id").get_data(as_text=True),
    )


def test_a_duplicate_training_confirmed_stores_the_check_and_the_page_says_so(world: World) -> None:
    appointed(world)
    again = {"kind": "training", **TRAINING, "reference": "BPSDM-SU/TEKNIS/2026/09117", "confirm": DUPLICATE}
    version = recorded(world, NIP, again)
    assert stored_confirmed(world, NIP, version) == ("training.duplicate",)
    assert stored_confirmed(world, NIP, 2) == ()  # (the first: nothing to confirm)
    confirmed, confirm, english, indonesian = shown(world, NIP, version)
    assert (confirmed, confirm) == (DUPLICATE, DUPLICATE)
    assert (
        "A training the record seemed to hold already, confirmed by hr as attended again when recording it "
        "(training.duplicate)." in english
    )
    assert "Pelatihan yang tampaknya sudah tercatat, dikonfirmasi oleh hr sebagai diikuti lagi" in indonesian


def test_a_confirmation_a_training_did_not_need_is_not_stored(world: World) -> None:
    appointed(world)
    other = {**TRAINING, "hours": 16, "reference": "BPSDM-SU/TEKNIS/2026/09117"}  # (other JP: another training)
    version = recorded(world, NIP, {"kind": "training", **other, "confirm": DUPLICATE})
    assert stored_confirmed(world, NIP, version) == ()
    confirmed, confirm, english, _ = shown(world, NIP, version)
    assert (confirmed, confirm) == ([], None)
    assert "training.duplicate" not in english


def test_a_correction_making_a_training_a_double_stores_the_check(world: World) -> None:
    appointed(world)
    other = {**TRAINING, "start_date": "2026-05-04", "effective_date": "2026-05-08", "reference": "SRT-LAIN"}
    world.services.ledger.record(NIP, "training", other, actor="test")  # (version 3)
    body = f.correction(3, "2026-06-01", start_date="2026-03-02", effective_date="2026-03-06")
    version = recorded(world, NIP, {"kind": "correction", **body, "confirm": DUPLICATE})
    assert stored_confirmed(world, NIP, version) == ("training.duplicate",)
    assert stored_confirmed(world, NIP, 3) == ()
    world.catch_up()
    items = world.get(f"/api/v1/employees/{NIP}/timeline", "inspector").get_json()["items"]
    [correction] = next(i for i in items if i["version"] == 3)["corrections"]
    assert correction["confirmed"] == DUPLICATE


def placement(unit: str, reference: str = "SK-MUTASI-7") -> dict[str, Any]:
    return {"kind": "placement", "agency": "KOTA-MEDAN", "unit": unit, "region": "12.71",
            "effective_date": "2024-01-02", "reference": reference}  # fmt: skip


def test_a_new_unit_confirmed_stores_the_check_and_the_page_says_so(world: World) -> None:
    world.catch_up()  # (KOTA-MEDAN's units known to the views: BKPSDM, Bappeda)
    version = recorded(world, BUDI, {**placement("Bapeda"), "confirm": NEW_UNIT})
    assert stored_confirmed(world, BUDI, version) == ("unit.new",)
    confirmed, confirm, english, indonesian = shown(world, BUDI, version)
    assert (confirmed, confirm) == (NEW_UNIT, NEW_UNIT)
    assert "A unit new in its agency, near a known one, confirmed by hr when recording it (unit.new)." in english
    assert "Unit kerja baru di instansinya, mirip unit yang sudah dikenal, dikonfirmasi oleh hr" in indonesian


def test_a_unit_near_none_known_or_known_stores_no_confirmation(world: World) -> None:
    world.catch_up()
    new = recorded(world, BUDI, {**placement("Dinas Pendidikan"), "confirm": NEW_UNIT})  # (near none: not asked)
    known = recorded(world, BUDI, {**placement("Bappeda", "SK-MUTASI-8"), "confirm": NEW_UNIT})
    assert (stored_confirmed(world, BUDI, new), stored_confirmed(world, BUDI, known)) == ((), ())


def test_a_correction_to_a_new_unit_stores_the_check(world: World) -> None:
    world.catch_up()
    version = recorded(world, BUDI, placement("Bappeda"))
    body = {"kind": "correction", **f.correction(version, "2024-06-03", unit="Bapeda"), "confirm": NEW_UNIT}
    correction = recorded(world, BUDI, body)
    assert (stored_confirmed(world, BUDI, version), stored_confirmed(world, BUDI, correction)) == ((), ("unit.new",))


def test_an_appointment_and_a_post_in_a_new_unit_confirmed_store_the_check(world: World) -> None:
    world.catch_up()
    nip = f.nip(sex="F", sequence=911)
    body = {"nip": nip, **appointment_of(nip, name="Nur Aisyah", unit="BKPSMD"), "confirm": NEW_UNIT}
    answer = world.post("/api/v1/employees", "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    post = {"kind": "post_appointment", "post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "Bapeda",
            "assignment": "DEFINITIVE", "effective_date": "2015-01-05", "reference": "SK-JS-862"}  # fmt: skip
    version = recorded(world, BUDI, {**post, "confirm": NEW_UNIT})
    assert (stored_confirmed(world, nip, 1), stored_confirmed(world, BUDI, version)) == (("unit.new",), ("unit.new",))

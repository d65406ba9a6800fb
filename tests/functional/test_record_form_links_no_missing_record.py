"""A refused appointment form for a NIP never appointed showed a "Riwayat Karier 1998..." link at the top of the
page, to a career record that does not exist (a 404); so did a form whose NIP was refused as not found. The record
form links to the career record only when the NIP names one: after the appointment is recorded, or beside a fact of
a NIP not refused."""

from __future__ import annotations

from tests.functional.conftest import BUDI, MISSING, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of, training_form


def test_a_refused_appointment_links_to_no_career_record(world: World) -> None:
    log_in(world, "hr")
    payload = {k: str(v) for k, v in appointment_of(MISSING).items() if k != "name"}
    answer = world.client.post(
        "/pages/record?kind=appointment", data={**form_of(world, "appointment"), "nip": MISSING, **payload}
    )
    assert answer.status_code == 422
    assert f"/pages/employees/{MISSING}" not in answer.get_data(as_text=True)


def test_a_fact_of_a_nip_never_appointed_links_to_no_career_record(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, nip=MISSING))
    assert answer.status_code == 422
    assert f"/pages/employees/{MISSING}" not in answer.get_data(as_text=True)


def test_a_refused_fact_of_an_appointed_nip_still_links_to_its_record(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, hours="banyak"))
    assert answer.status_code == 422
    assert f"/pages/employees/{BUDI}" in answer.get_data(as_text=True)


def test_a_recorded_appointment_links_to_its_record(world: World) -> None:
    log_in(world, "hr")
    payload = {k: str(v) for k, v in appointment_of(MISSING).items()}
    answer = world.client.post(
        "/pages/record?kind=appointment", data={**form_of(world, "appointment"), "nip": MISSING, **payload}
    )
    assert answer.status_code == 302
    assert f"/pages/employees/{MISSING}" in world.client.get(answer.headers["Location"]).get_data(as_text=True)

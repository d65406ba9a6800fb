"""A CPNS becomes PNS only with the basic training (reference section 4: Latsar "is a condition of becoming PNS", S;
rule confirmation.latsar): a confirmation as PNS with no Latsar of the record ended on or before its date is refused,
the API answering 422 problem+json beside `latsar_certificate` and the record form showing it beside the field, saying
to record the training first; nothing is recorded. With the Latsar recorded the same confirmation is saved. Until
2026-12-05 it was saved with no warning (an HR tester's CPNS whose Latsar had been refused)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

DEWI = f.nip(date(1998, 4, 4), date(2023, 3, 1), "F", sequence=781)
EVENTS = f"/api/v1/employees/{DEWI}/events"
MISSING = (
    "No basic training (Latsar, or Diklat Prajabatan before it) ended on or before 2024-03-01 is recorded for this "
    "employee, and a CPNS becomes PNS only with it (rule confirmation.latsar). Record the training first (as a "
    "training of kind Latsar, with its certificate and end date), then the confirmation."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def dewi(world: World) -> World:
    """Dewi, appointed CPNS on 1 March 2023, with a technical training and no Latsar recorded."""
    record = world.services.ledger.record
    record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lestari", rank="III/a"), actor="test")
    record(DEWI, "training", f.training("2023-10-10", 24, "2023-10-07"), actor="test")
    world.catch_up()
    return world


def test_a_confirmation_with_no_latsar_recorded_is_refused_by_the_api(dewi: World) -> None:
    before = dewi.log()
    body = problem(dewi.post(EVENTS, "hr", json={"kind": "confirmation", **f.confirmation("2024-03-01")}), 422)
    assert body["errors"] == {"latsar_certificate": [MISSING]}
    assert dewi.log() == before
    latsar = f.training("2023-11-30", 80, "2023-10-15", training_kind="LATSAR", reference="LATSAR-781")
    assert dewi.post(EVENTS, "hr", json={"kind": "training", **latsar}).status_code == 201
    answer = dewi.post(EVENTS, "hr", json={"kind": "confirmation", **f.confirmation("2024-03-01")})
    assert answer.status_code == 201, answer.get_data(as_text=True)


def test_a_confirmation_with_no_latsar_recorded_is_refused_beside_the_certificate_on_the_record_form(
    dewi: World,
) -> None:
    log_in(dewi, "hr")
    before = dewi.log()
    data = {**form_of(dewi, "confirmation"), "nip": DEWI, **f.confirmation("2024-03-01")}
    answer = dewi.client.post("/pages/record?kind=confirmation&lang=id", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    beside = re.search(r'<span class="error" id="latsar_certificate-error">(.*?)</span>', page, re.S)
    assert beside is not None, page
    assert "Latsar" in beside[1], beside[1]
    assert "1 Mar 2024" in beside[1], beside[1]
    assert "catat pelatihannya lebih dahulu" in beside[1], beside[1]
    assert dewi.log() == before

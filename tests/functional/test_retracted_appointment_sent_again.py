"""A retracted appointment's values sent again follow the one rule of every retracted fact: refused naming the
retraction, unless the writer asks to record them anew. An appointment retracted is a void (the record's appointment,
confirmed by its NIP); its NIP is appointed afresh by an appointment (AppointedAgain), which was judged by its own path
(CareerLog._appoint_again) without the record form's `key_anew`: the voided appointment's values sent from a new
record form were recorded anew, unsaid, where any other kind's were refused naming the retraction with a box to record
them again (found last session; until 2026-12-06). Now the form refuses them (in English and Indonesian) and its box
ticked records them; the API without a key refuses them and with a new Idempotency-Key records them; an import's row
without a client_key is refused, one with a new client_key records them. On both stores."""

from __future__ import annotations

import io
import re
from typing import Any

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import MISSING, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

AT = appointment_of(MISSING, education="S-1", rank="III/a")
REFERENCE = AT["reference"]
FORM_SAID = (
    f"Reference &#39;{REFERENCE}&#39; was recorded with these values as version 1, which version 2 retracted: none of "
    "it is in force, and a form sent with its values does not bring it back."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def voided(world: World) -> None:
    """MISSING appointed and its appointment retracted (a void, version 2)."""
    answer = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **AT})
    assert answer.status_code == 201, answer.get_json()
    void = {"kind": "retraction", **f.retraction(1, "2005-04-01"), "confirm_nip": MISSING}
    answer = world.post(f"/api/v1/employees/{MISSING}/events", "hr", json=void)
    assert (answer.status_code, answer.get_json()["version"]) == (201, 2), answer.get_json()


def kinds(world: World) -> list[str]:
    return [type(e).__name__ for _, e in world.services.ledger.iter_events() if e.originator_id == MISSING]


def form_sent(world: World, lang: str, **more: str) -> Any:
    data = {**form_of(world, "appointment"), "nip": MISSING, **{k: str(v) for k, v in AT.items()}, **more}
    return world.client.post(f"/pages/record?kind=appointment&lang={lang}", data=data)


def test_the_record_form_refuses_a_voided_appointments_values_from_a_new_form_and_its_box_records_them(
    world: World,
) -> None:
    voided(world)
    log_in(world, "hr")
    before = world.log()
    refused = form_sent(world, "en")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422, page
    assert FORM_SAID in page, page
    assert 'name="record_anew"' in page
    indonesian = re.sub(r"\s+", " ", form_sent(world, "id").get_data(as_text=True))
    assert "yang dibatalkan oleh versi 2: tidak ada yang berlaku, dan formulir" in indonesian, indonesian
    assert world.log() == before
    key = page.split('name="client_key" value="')[1].split('"')[0]  # (the same form, its box ticked)
    answer = form_sent(world, "en", record_anew="anew", client_key=key)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert kinds(world) == ["Appointed", "EventRetracted", "AppointedAgain"]


def test_the_api_refuses_a_voided_appointments_values_without_a_new_key_and_records_them_with_one(
    world: World,
) -> None:
    voided(world)
    before = world.log()
    refused = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **AT})
    assert refused.status_code == 409, refused.get_json()
    assert "which version 2 retracted" in refused.get_json()["errors"]["reference"][0]
    assert world.log() == before
    anew = world.post("/api/v1/employees", "hr", json={"nip": MISSING, **AT}, headers={"Idempotency-Key": "again-1"})
    assert (anew.status_code, anew.get_json()["version"]) == (201, 3), anew.get_json()
    assert kinds(world) == ["Appointed", "EventRetracted", "AppointedAgain"]


def test_an_imports_row_of_a_voided_appointment_is_refused_and_one_with_a_new_client_key_records_it(
    world: World,
) -> None:
    voided(world)
    before = world.log()

    def imported(**more: str) -> dict[str, Any]:
        text = orjson.dumps({"kind": "appointment", "nip": MISSING, **AT, **more}) + b"\n"
        upload = {"file": (io.BytesIO(text), "rows.jsonl")}
        answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        report: dict[str, Any] = answer.get_json()
        return report

    rerun = imported()
    assert rerun["recorded"] == 0, rerun
    [refused] = rerun["rejected"]
    assert "which version 2 retracted: a file run again does not record it again" in refused["errors"]["reference"][0]
    assert world.log() == before
    assert imported(client_key="again-1")["recorded"] == 1
    assert kinds(world) == ["Appointed", "EventRetracted", "AppointedAgain"]

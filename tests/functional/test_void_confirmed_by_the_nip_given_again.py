"""A void (the retraction of a record's appointment, once it is the last fact standing) cannot be undone and its NIP
is never appointed again, so it is recorded only when the writer gives the record's NIP again (`confirm_nip`): the
API refuses it without (422 naming confirm_nip and why, nothing recorded), or with another NIP; the record form
warns of it and asks for the NIP typed again. The career page offered "Void the record (wrong NIP)" and the form
recorded it on one click, with no confirmation. On both stores."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_void_record_of_a_wrong_nip import VOID, view_rows

UNCONFIRMED = {k: v for k, v in VOID.items() if k != "confirm_nip"}
WARNED = f"NIP {SARI} is recorded again only by a new appointment"  # (until 2026-12-05: "can never be appointed again")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_void_without_the_nip_given_again_is_refused_naming_confirm_nip(world: World) -> None:
    before = world.log()
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json=UNCONFIRMED)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "confirm_nip": [
            f"Missing: a void cannot be undone: the record leaves every view and takes nothing more, and NIP {SARI} is "
            "recorded again only by a new appointment. Give the record's NIP again to confirm the void."
        ]
    }
    assert world.log() == before


@pytest.mark.parametrize("given", [BUDI, "", "  "])
def test_a_void_with_another_nip_or_a_blank_one_is_refused(world: World, given: str) -> None:
    before = world.log()
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={**UNCONFIRMED, "confirm_nip": given})
    assert answer.status_code == 422, answer.get_json()
    [reason] = answer.get_json()["errors"]["confirm_nip"]
    assert WARNED in reason
    if given == BUDI:
        assert reason.startswith(f"{BUDI} is not this record's NIP {SARI}: a void cannot be undone")
    assert world.log() == before


def test_a_void_with_the_nip_given_again_as_typed_with_spaces_is_recorded(world: World) -> None:
    typed = f"{SARI[:8]} {SARI[8:14]} {SARI[14]} {SARI[15:]}"
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr", json={**UNCONFIRMED, "confirm_nip": typed})
    assert answer.status_code == 201, answer.get_json()
    history = world.get(f"/api/v1/employees/{SARI}/events", "hr").get_json()["items"]
    assert "confirm_nip" not in history[-1]  # (no field of the fact: not stored)


def test_the_unconfirmed_void_is_named_with_the_facts_still_standing(world: World) -> None:
    before = world.log()
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json={**UNCONFIRMED, "reference": "BATAL-2"})
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert set(errors) == {"target_version", "confirm_nip"}
    assert "still standing: version 2" in errors["target_version"][0]
    assert world.log() == before


def test_the_nip_given_again_with_any_other_recording_is_refused(world: World) -> None:
    before = world.log()
    retract = {"kind": "retraction", **f.retraction(2, "2024-02-01"), "confirm_nip": BUDI}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=retract)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["confirm_nip"] == [
        "Only a void (the retraction of a record's appointment) is confirmed by giving the NIP again; leave it out of "
        "this retraction."
    ]
    training = {"kind": "training", **f.training("2020-01-06"), "confirm_nip": BUDI}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training)
    assert answer.status_code == 422, answer.get_json()
    assert "confirm_nip" in answer.get_json()["errors"]
    assert world.log() == before


def test_the_void_form_warns_and_records_only_with_the_nip_typed_again(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=retraction&nip={SARI}&target_version=1&lang=en")
    text = page.get_data(as_text=True)
    assert "A void cannot be undone" in text
    assert WARNED in text
    assert 'name="confirm_nip"' in text
    indonesian = world.client.get(f"/pages/record?kind=retraction&nip={SARI}&target_version=1&lang=id")
    assert f"NIP {SARI} hanya dapat dicatat lagi dengan pengangkatan baru" in indonesian.get_data(as_text=True)
    other = world.client.get(f"/pages/record?kind=retraction&nip={BUDI}&target_version=2&lang=en")
    assert 'name="confirm_nip"' not in other.get_data(as_text=True)  # (no void)
    void = {"target_version": "1", "reason": "NIP salah ketik", "effective_date": "2024-02-01"}
    data = {**form_of(world, "retraction"), "nip": SARI, **void, "reference": "BATAL-NIP-1"}
    before = world.log()
    refused = world.client.post("/pages/record?kind=retraction&lang=en", data=data)
    assert refused.status_code == 422
    shown = refused.get_data(as_text=True)
    assert 'id="confirm_nip-error"' in shown
    assert "Give the record&#39;s NIP again to confirm the void." in shown
    assert 'href="#f-confirm_nip"' in shown  # (the summary links to the input)
    assert world.log() == before
    answer = world.client.post(
        "/pages/record?kind=retraction&lang=en", data={**data, "confirm_nip": SARI}, follow_redirects=True
    )
    assert answer.status_code == 200
    assert world.log()[-1][1:] == (SARI, 2)
    world.catch_up()
    assert view_rows(world, SARI) == {}

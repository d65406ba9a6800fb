"""A control of the direction text runs in (U+202A-U+202E, U+2066-U+2069) is refused in every text of a record, a
person's name first, naming the field and the character, as a NUL is: a right-to-left override (U+202E) in a name
reverses how the rest of it shows on the pages and in the downloads ("Test\u202eSatu" shows "TestutaS"). Found by an
HR tester: a correction of `name` to "Test\u202eSatu" was recorded (201). Nothing is recorded. Both stores."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.integration.test_accounts_cli import raw, run

EVENTS = f"/api/v1/employees/{BUDI}/events"
OVERRIDE = (
    "May not contain the control character U+202E (RIGHT-TO-LEFT OVERRIDE), which changes the direction the text "
    "after it is shown in: delete it and send the text again."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def appointment_version(world: World) -> int:
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "admin").get_json()["items"]
    return int(next(i["version"] for i in items if i["kind"] == "appointment"))


def test_a_correction_of_a_name_holding_a_right_to_left_override_is_refused_naming_it(world: World) -> None:
    before = world.log()
    body = {"kind": "correction", **f.correction(appointment_version(world), "2010-03-01", name="Test\u202eSatu")}
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert OVERRIDE in str(answer.get_json()), answer.get_json()
    assert "name" in str(answer.get_json())
    assert world.log() == before


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_each_direction_control_in_a_records_text_is_refused_in_its_field(world: World, control: str) -> None:
    before = world.log()
    body = {"kind": "training", **f.training("2024-03-04", reference="DIR-1"), "title": f"Arsip{control} Dinamis"}
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    said = answer.get_json()["errors"]["title"][0]
    assert said.startswith(f"May not contain the control character U+{ord(control):04X} ("), said
    assert world.log() == before


def test_an_accounts_name_holding_one_is_refused_beside_it_in_indonesian(world: World) -> None:
    log_in(world, "admin")
    token = csrf_token(world.client, "/pages/accounts?lang=id")
    typed = {"username": "rlo-name", "display_name": "Ani\u202e Lubis", "role": "inspector", "national": "y"}
    sent = {**typed, "agencies": "", "regions": "", "nip": "", "password": "sandi-yang-panjang", "csrf_token": token}
    answer = world.client.post("/pages/accounts?lang=id", data=sent)
    assert answer.status_code == 422
    errors = dict(re.findall(r'<span class="error" id="([a-z_]+)-error">(.*?)</span>', answer.get_data(as_text=True)))
    assert errors["display_name"].startswith("Tidak boleh memuat karakter kendali U+202E (RIGHT-TO-LEFT OVERRIDE)")
    assert "rlo-name" not in {a.username for a in world.services.accounts.list_accounts()}


UNIT = "/api/v1/units/KOTA-MEDAN/BKPSDM"
INSPECTOR = ("--role", "inspector", "--region", "12", "--no-password")
RATING = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-15", "reference": "LKJIP-2023"}


def test_a_units_rating_holding_one_is_refused_beside_its_field(world: World) -> None:
    """(Until 2026-12-07 a unit's rating was read without the check: "SKP\u202e-1" was recorded, 201.)"""
    before = world.log()
    answer = world.post(f"{UNIT}/ratings", "hr", json={**RATING, "reference": "SKP\u202e-1"})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["reference"] == [OVERRIDE]
    assert world.log() == before


@pytest.mark.parametrize("kind", ["correction", "retraction"])
def test_a_units_correction_or_retraction_holding_one_is_refused_beside_its_field(world: World, kind: str) -> None:
    assert world.post(f"{UNIT}/ratings", "hr", json=RATING).status_code == 201
    before = world.log()
    corrected = {"corrected_fields": {"predicate": "SANGAT_BAIK"}} if kind == "correction" else {}
    body = {"kind": kind, "target_version": 2, "reason": "Dinilai\u202e ganda", "effective_date": "2024-02-01",
            "reference": "BATAL-1", **corrected}  # fmt: skip
    answer = world.post(f"{UNIT}/events", "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["reason"] == [OVERRIDE]
    assert world.log() == before


def test_careerlog_accounts_create_refuses_a_name_holding_one(store_url: str) -> None:
    """(Until 2026-12-07 the accounts page refused it, and `careerlog accounts create` created the account.)"""
    result = run(store_url, "accounts", "create", "rlo-cli", "--name", "Ani\u202e Lubis", *INSPECTOR)
    assert result.exit_code == 1, result.output
    assert f"display_name: {OVERRIDE}" in result.output
    assert "rlo-cli" not in {r["username"] for r in raw(store_url, "accounts")}

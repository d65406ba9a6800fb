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

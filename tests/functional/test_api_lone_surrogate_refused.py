"""A JSON body holding a lone surrogate (`"\\ud800"`, an escape JSON's grammar allows but which is no character:
RFC 8259, 8.2; I-JSON forbids it) is refused as a 400 naming where it is, and nothing is recorded. Before, a write
whose text field held one (`reference`, `title`, an appointment's `name`) was a 500 (the event could not be
encoded to be stored), and one whose unknown field's name held one failed in the error handler itself (the 422
naming that field could not be encoded)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

LONE = "\ud800"
NEW = f.nip(date(1993, 4, 4), date(2019, 3, 1), "M", sequence=741)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def sent(world: World, path: str, body: Any) -> Any:
    """The answer to a body as json.dumps writes it (a lone surrogate as its escape, `\\ud800`)."""
    answer = world.post(path, data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert answer.mimetype == "application/problem+json", answer.get_data(as_text=True)
    return answer


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"kind": "training", **f.training("2024-05-03", reference=f"KP-{LONE}")}, "reference"),
        ({"kind": "training", **f.training("2024-05-03", title=LONE)}, "title"),
        ({"kind": "training", **f.training("2024-05-03"), f"colour{LONE}": "red"}, "a field's name"),
        (
            {"kind": "correction", "target_version": 2, "corrected_fields": {"reference": LONE}, "reason": "typo"},
            "corrected_fields.reference",
        ),
    ],
)
def test_an_event_with_a_lone_surrogate_is_a_400_naming_where(world: World, body: Any, where: str) -> None:
    before = world.log()
    answer = sent(world, f"/api/v1/employees/{BUDI}/events", body)
    assert answer.status_code == 400
    (reason,) = answer.get_json()["errors"]["body"]
    assert where in reason, reason
    assert "lone surrogate" in reason, reason
    assert world.log() == before


def test_an_appointment_with_a_lone_surrogate_in_the_name_is_a_400(world: World) -> None:
    answer = sent(world, "/api/v1/employees", {"nip": NEW, **appointment_of(NEW, name=f"Andi{LONE}")})
    assert answer.status_code == 400
    assert "name" in answer.get_json()["errors"]["body"][0]
    assert world.get(f"/api/v1/employees/{NEW}").status_code == 404


def test_a_unit_rating_with_a_lone_surrogate_is_a_400(world: World) -> None:
    before = world.log()
    body = {"year": 2025, "predicate": "BAIK", "effective_date": "2025-12-31", "reference": LONE}
    answer = sent(world, "/api/v1/units/KOTA-MEDAN/Bappeda/ratings", body)
    assert answer.status_code == 400
    assert "reference" in answer.get_json()["errors"]["body"][0]
    assert world.log() == before


def test_a_surrogate_pair_is_a_character_and_recorded(world: World) -> None:
    answer = world.post(
        f"/api/v1/employees/{BUDI}/events",
        data=json.dumps({"kind": "training", **f.training("2024-05-03", title="Arsip \U0001f4c1")}),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            {"kind": "training", **f.training("2024-05-03", title=LONE)},
            "JSON tidak sah: title memuat surrogate tunggal",
        ),
        (
            {"kind": "training", **f.training("2024-05-03"), f"colour{LONE}": "red"},
            "JSON tidak sah: nama sebuah isian memuat surrogate tunggal",
        ),
    ],
)
def test_a_lone_surrogate_is_refused_in_indonesian_when_asked(world: World, body: Any, said: str) -> None:
    """(Until 2026-12-08 in English whatever was asked: a tester's LOW.)"""
    before = world.log()
    answer = world.post(
        f"/api/v1/employees/{BUDI}/events",
        data=json.dumps(body),
        headers={"Content-Type": "application/json", "Accept-Language": "id"},
    )
    assert answer.status_code == 400
    (reason,) = answer.get_json()["errors"]["body"]
    assert reason.startswith(said), reason
    assert "kirim teksnya sebagai UTF-8 (RFC 8259, 8.2)." in reason
    assert world.log() == before

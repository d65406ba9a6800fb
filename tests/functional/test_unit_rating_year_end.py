"""A unit's rating of a year dated before the year has ended (rule skp.rated_after_year_end, as a staff member's
rating) is refused naming effective_date, recorded or corrected so; nothing is recorded. A year's rating of the unit
cannot be given before the year ends: a rating of 2025 dated in January 2025 was accepted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World

UNIT = "/api/v1/units/KOTA-MEDAN/Dinas%20Kesehatan"
EARLY = (
    "A rating of 2025 is given once the year has ended: its date must be on or after 2025-12-31 "
    "(rule skp.rated_after_year_end); 2025-01-20 is earlier. Check the year and the date."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rating(year: int, day: str, reference: str) -> dict[str, Any]:
    return {"year": year, "predicate": "BAIK", "effective_date": day, "reference": reference}


def test_a_unit_rating_dated_in_its_own_year_is_refused_naming_its_date(world: World) -> None:
    before = world.log()
    answer = world.post(f"{UNIT}/ratings", "hr", json=rating(2025, "2025-01-20", "LKJIP-2025"))
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {"effective_date": [EARLY]}
    assert world.log() == before
    answer = world.post(f"{UNIT}/ratings", "hr", json=rating(2025, "2025-12-31", "LKJIP-2025"))
    assert answer.status_code == 201, answer.get_json()


def test_a_correction_moving_a_unit_rating_into_its_own_year_is_refused(world: World) -> None:
    answer = world.post(f"{UNIT}/ratings", "hr", json=rating(2025, "2026-01-15", "LKJIP-2025"))
    assert answer.status_code == 201, answer.get_json()
    before = world.log()
    correction = {
        "kind": "correction",
        "target_version": 2,
        "reason": "Tanggal salah ketik",
        "corrected_fields": {"effective_date": "2025-01-20"},
        "effective_date": "2026-02-01",
        "reference": "RALAT-LKJIP-2025",
    }
    answer = world.post(f"{UNIT}/events", "hr", json=correction)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.effective_date": [EARLY]}
    assert world.log() == before

"""A unit's name is free text: "dinas kesehatan" (or " Dinas  Kesehatan ") names the unit recorded as "Dinas
Kesehatan" of the same agency, not a second unit. A rating sent under it goes into that unit's record, whose name
stays as first recorded, and the unit's ratings and history are read under either spelling."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World

UNITS = "/api/v1/units/KOTA-MEDAN"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rating(year: int, reference: str) -> dict[str, object]:
    return {"year": year, "predicate": "BAIK", "effective_date": f"{year}-12-31", "reference": reference}


def test_a_unit_named_in_another_letter_case_or_spacing_is_the_unit_recorded(world: World) -> None:
    first = world.post(f"{UNITS}/Dinas%20Kesehatan/ratings", "hr", json=rating(2023, "LKJIP-2023"))
    assert first.status_code == 201, first.get_json()
    other = world.post(f"{UNITS}/dinas%20kesehatan%20/ratings", "hr", json=rating(2024, "LKJIP-2024"))
    assert other.status_code == 201, other.get_json()
    assert other.get_json()["version"] == 3  # (the same record: 1 its registration, 2 the 2023 rating)
    again = world.post(f"{UNITS}/DINAS%20%20KESEHATAN/ratings", "hr", json=rating(2024, "LKJIP-2024-B"))
    assert again.status_code == 422  # (2024 already rated in that unit)
    read = world.get(f"{UNITS}/dinas%20kesehatan/ratings", "hr").get_json()
    assert read["unit"] == "Dinas Kesehatan"  # (the name as first recorded)
    assert [item["year"] for item in read["items"]] == [2023, 2024]
    assert world.get(f"{UNITS}/Dinas%20Kesehatan/ratings", "hr").get_json() == read


def test_another_agencys_unit_of_the_same_name_stays_its_own(world: World) -> None:
    assert world.post(f"{UNITS}/Dinas%20Kesehatan/ratings", "hr", json=rating(2023, "A-2023")).status_code == 201
    answer = world.post("/api/v1/units/KAB-KARO/dinas%20kesehatan/ratings", "admin", json=rating(2023, "B-2023"))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["version"] == 2

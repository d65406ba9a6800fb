"""An appointment's starting rank (a golongan for a PNS, a grade for a PPPK) is recorded as its code, as every other
code of a fact is (an education "s-1" as S-1, a new rank "iii/b" as III/b): the rank has no one reference table (the
employment kind says which), and was checked against the table case-blind and in its other spellings ("iii/a", "III
- a", "ix") but stored as typed. Found in the exploratory pass of 2026-12-05: an appointment at "ix" made a headcount
group "ix" beside "IX", and the audited appointment's rank_after read "iii/a". A correction of it alike."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of

PNS = f.nip(date(1991, 3, 3), date(2016, 3, 1), "M", sequence=731)
PPPK = f"19920404{2023}2{1}2{732:03d}"  # an NI PPPK: appointed in 2023, first contract, F


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def recorded(world: World, nip: str, version: int = 1) -> dict[str, object]:
    items = world.get(f"/api/v1/employees/{nip}/events").get_json()["items"]
    found: dict[str, object] = next(i for i in items if i["version"] == version)
    return found


@pytest.mark.parametrize("typed", ["iii/a", "III - a", " iii/A "])
def test_a_pns_rank_is_recorded_as_its_code(world: World, typed: str) -> None:
    answer = world.post("/api/v1/employees", "hr", json={"nip": PNS, **appointment_of(PNS, rank=typed)})
    assert answer.status_code == 201, answer.get_json()
    assert recorded(world, PNS)["rank"] == "III/a"
    world.catch_up()
    assert world.get(f"/api/v1/employees/{PNS}").get_json()["rank"] == "III/a"


def test_a_pppk_grade_is_recorded_as_its_code(world: World) -> None:
    body = {
        "nip": PPPK,
        **f.appointment(date(1992, 4, 4), date(2023, 10, 1), "F", employment_kind="PPPK", rank="ix"),
        "recruitment_path": "PPPK",
    }
    answer = world.post("/api/v1/employees", "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    assert recorded(world, PPPK)["rank"] == "IX"


def test_a_corrected_rank_is_recorded_as_its_code(world: World) -> None:
    world.post("/api/v1/employees", "hr", json={"nip": PNS, **appointment_of(PNS)})
    correction = {"kind": "correction", **f.correction(1, "2025-01-06", rank="ii/c")}
    answer = world.post(f"/api/v1/employees/{PNS}/events", "hr", json=correction)
    assert answer.status_code == 201, answer.get_json()
    assert recorded(world, PNS, 2)["corrected_fields"] == {"rank": "II/c"}

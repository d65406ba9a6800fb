"""A unit typed in another letter case is the same unit to the ledger and the unit filter (`unit_key`), but the
reports counted by the raw text: "dinas sosial" 1 beside "Dinas Sosial" 4 in the headcount by unit. The counts by
unit now count a unit once, under the spelling most counted (ties: the first in code-point order); what was recorded
is unchanged."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World, confirm_world_pns
from tests.functional.test_unit_new_in_agency_asked import EVENTS, placement


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def spelt_twice(world: World) -> World:
    confirm_world_pns(world)  # (PNS: the yearly JP is theirs)
    assert world.post(EVENTS.format(BUDI), "hr", json=placement("dinas sosial", "SK-1")).status_code == 201
    assert world.post(EVENTS.format(SARI), "hr", json=placement("Dinas  Sosial", "SK-2")).status_code == 201
    world.catch_up()
    return world


def test_the_headcount_by_unit_counts_a_unit_in_other_spellings_once(spelt_twice: World) -> None:
    answer = spelt_twice.get("/api/v1/reports/headcount?by=unit&agency=KOTA-MEDAN", "hr")
    assert answer.status_code == 200, answer.get_json()
    assert [(i["unit"], i["count"]) for i in answer.get_json()["items"]] == [("Dinas  Sosial", 2)]
    by_agency = spelt_twice.get("/api/v1/reports/headcount?by=agency,unit", "hr").get_json()["items"]
    assert [(i["agency"], i["unit"], i["count"]) for i in by_agency] == [("KOTA-MEDAN", "Dinas  Sosial", 2)]


def test_the_training_compliance_by_unit_counts_a_unit_in_other_spellings_once(spelt_twice: World) -> None:
    answer = spelt_twice.get("/api/v1/reports/training-compliance?year=2024&by=unit&agency=KOTA-MEDAN", "hr")
    assert answer.status_code == 200, answer.get_json()
    assert [(i["unit"], i["staff"]) for i in answer.get_json()["items"]] == [("Dinas  Sosial", 2)]

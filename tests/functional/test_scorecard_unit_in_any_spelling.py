"""A scorecard narrowed to a unit read the unit in any letter case or spacing, but measured only the rows of ONE of
its spellings: Budi placed in "bappeda" beside Sari in "Bappeda" (one unit to the ledger, `unit_key`) was left out of
Bappeda's scorecard. Its rows are now selected under every spelling the views hold (Scope.unit_spellings)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, confirm_world_pns
from tests.functional.test_unit_new_in_agency_asked import EVENTS, placement

CARD = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2024&years=1&unit={}"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.mark.parametrize("unit", ["Bappeda", "BAPPEDA"])
def test_a_units_scorecard_measures_its_staff_under_every_spelling(world: World, unit: str) -> None:
    confirm_world_pns(world)
    assert world.post(EVENTS.format(BUDI), "hr", json=placement("bappeda ", "SK-1")).status_code == 201
    for nip in (BUDI, SARI):
        world.services.ledger.record(nip, "training", f.training("2024-06-05", 10, "2024-06-01"), actor="test")
    world.catch_up()
    card = world.get(CARD.format(unit), "inspector").get_json()
    [found] = card["indicators"]["training.hours_per_employee"]["trend"]
    assert (found["numerator"], found["denominator"]) == (20, 2)

"""The grade-inflation audit (skp.distribution) matched a unit's staff to its rating by the unit's name as written:
staff placed in "dinas sosial" or "DINAS SOSIAL" were not counted in the rated Dinas Sosial (one unit to the ledger,
`unit_key`), so a unit whose staff were typed in several cases went unjudged (under the rule's five rated staff) or
was judged on a part of them. Both the audit's list and the scorecard's SKP indicator now match by `unit_key`."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_api_grade_inflation_cursor import INFLATION

SPELLINGS = ["Dinas Sosial", "dinas sosial", "DINAS SOSIAL", "Dinas  Sosial", "dinas Sosial", "Dinas Sosial"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


@pytest.fixture
def rated(world: World) -> World:
    """Dinas Sosial rated Baik for 2023, 5 of its 6 staff (placed under as many spellings) Baik, 1 Sangat Baik."""
    for n, (unit, predicate) in enumerate(zip(SPELLINGS, ["BAIK"] * 5 + ["SANGAT_BAIK"], strict=True)):
        nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=950 + n)
        world.services.ledger.record(nip, "appointment", appointment_of(nip, unit=unit), actor="test")
        world.services.ledger.record(nip, "performance_rating", f.rating(2023, predicate), actor="test")
    world.services.ledger.rate_unit("KOTA-MEDAN", "Dinas Sosial", f.rating(2023), actor="test")
    world.catch_up()
    return world


@pytest.mark.parametrize("unit", [None, "dinas sosial", "DINAS SOSIAL"])
def test_the_staff_of_a_rated_unit_are_counted_in_any_spelling(rated: World, unit: str | None) -> None:
    query = {} if unit is None else {"unit": unit}
    answer = rated.get(INFLATION, "inspector", query_string=query)
    assert answer.status_code == 200, answer.get_json()
    found = [(u["unit"], u["year"], u["rated"]) for u in answer.get_json()["items"]]
    assert found == [("Dinas Sosial", 2023, 6)]

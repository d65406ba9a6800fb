"""A work unit typed into an inspector's filter with a space before or after it (as typed, or pasted
from a spreadsheet cell) filters by that unit: the units are recorded without them, so the list said "0 promotions"
and the fairness statistics counted no one, as if the unit had none."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in

pytestmark = pytest.mark.xdist_group("unit_filter_typed_with_spaces")


@pytest.mark.parametrize("unit", ["BKPSDM", " BKPSDM", "BKPSDM  ", "\tBKPSDM "])
def test_the_audits_unit_filter_reads_the_unit_without_its_spaces(shared_world: World, unit: str) -> None:
    world = own_client(shared_world)
    log_in(world, "inspector")
    listed = world.client.get("/pages/audits", query_string={"unit": unit, "lang": "en"}).get_data(as_text=True)
    assert "1 promotion" in listed
    assert f"/pages/audits/{BUDI}/" in listed
    csv = world.client.get("/pages/audits.csv", query_string={"unit": unit}).get_data(as_text=True)
    assert BUDI in csv

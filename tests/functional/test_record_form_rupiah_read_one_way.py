"""A cost typed with the rupiah sign on the English record form is read only as the amount it can be alone: the
sign says rupiah, which an Indonesian writes with dots between thousands ("Rp 1.500.000"), while the English form
reads a dot as the decimal mark. "Rp 1.500" was recorded as 1.5 (the English reading) and "Rp 1.500.000" refused as
no number; now an amount that reads one way alone is that amount ("Rp 1.500.000" is 1500000, "Rp 1,500,000.50" is
1500000.50) and one that reads two ways ("Rp 1.500": 1.5 or 1500) is refused beside the cost, saying so, nothing
recorded. The Indonesian form reads the amount in Indonesian, as before (test_record_form_cost_in_rupiah.py)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def costs(world: World) -> list[Decimal]:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    return [Decimal(i["values"]["cost"]) for i in items if i["kind"] == "training"]


@pytest.mark.parametrize(
    ("typed", "read"), [("Rp 1.500.000", "1500000"), ("Rp1,500,000.50", "1500000.50"), ("Rp 750000", "750000")]
)
def test_a_rupiah_cost_that_reads_one_way_alone_is_that_amount_on_the_english_form(
    world: World, typed: str, read: str
) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, cost=typed))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert costs(world) == [Decimal(read)]


@pytest.mark.parametrize("typed", ["Rp 1.500", "Rp 2,500"])
def test_a_rupiah_cost_that_reads_two_ways_is_refused_beside_the_cost_on_the_english_form(
    world: World, typed: str
) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, cost=typed))
    assert answer.status_code == 422, answer.get_data(as_text=True)
    beside = re.search(r'id="cost-error">(.*?)</span>', answer.get_data(as_text=True), re.S)
    assert beside, answer.get_data(as_text=True)
    amount = typed.removeprefix("Rp ")
    assert " ".join(beside[1].split()) == (
        f"{amount} reads two ways, with a decimal mark or with a thousands separator: "
        "write the amount without a thousands separator (1500, or 1.5)."
    )
    assert world.log() == before

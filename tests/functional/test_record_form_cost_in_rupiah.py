"""The record form reads a training's cost typed with the rupiah sign ("Rp 1.500.000" on the Indonesian form, as
an import reads a cost saved in a spreadsheet's currency format): it was refused beside the cost as no number. An
amount of no number after the sign is still refused there, nothing recorded."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD_ID


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_record_form_reads_a_cost_typed_with_the_rupiah_sign(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="Rp 1.500.000,50"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    world.catch_up()
    items = world.get(f"/api/v1/employees/{BUDI}/timeline").get_json()["items"]
    assert [Decimal(i["values"]["cost"]) for i in items if i["kind"] == "training"] == [Decimal("1500000.50")]


def test_the_record_form_refuses_a_rupiah_sign_of_no_amount_beside_the_cost(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="Rp -"))
    assert answer.status_code == 422
    beside = re.search(r'id="cost-error">(.*?)</span>', answer.get_data(as_text=True), re.S)
    assert beside, answer.get_data(as_text=True)
    assert beside[1].strip() == UNREAD_ID
    assert world.log() == before

"""The record form's decimal fields read the visitor's decimal separator: "2,5" in Indonesian, "2.5" in English.

Only the pages: the JSON API's numbers stay JSON numbers. A value that is not a number in the
page's language is refused beside its field, naming it, and nothing is recorded.
"""

from __future__ import annotations

from decimal import Decimal

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD


def recorded_cost(world: World) -> Decimal | None:
    last = list(world.services.ledger.iter_events())[-1][1]
    cost: Decimal | None = last.cost
    return cost


def test_decimal_comma_is_accepted_on_the_indonesian_form_and_recorded_as_a_number(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="2500,5"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert recorded_cost(world) == Decimal("2500.5")  # (2,5 would be asked: rule training.cost, below 100 rupiah)


def test_indonesian_thousands_separator_is_read_as_such(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="1.500.000,50"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert recorded_cost(world) == Decimal("1500000.50")


def test_decimal_point_is_accepted_on_the_english_form(world: World) -> None:
    log_in(world, "hr")
    world.client.get("/pages/?lang=en")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="2500.5"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert recorded_cost(world) == Decimal("2500.5")


def test_a_value_that_is_no_number_in_the_pages_language_is_refused_beside_its_field(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    for typed in ("2,5,1", "2.5"):  # "2.5" is no Indonesian number: the dot groups thousands
        answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost=typed))
        page = answer.get_data(as_text=True)
        assert answer.status_code == 422, typed
        assert f'id="f-cost" name="cost" value="{typed}"' in page
        assert f'<span class="error" id="cost-error">{UNREAD["id"]}</span>' in page
        assert 'aria-describedby="cost-error"' in page
    assert world.log() == before


def test_english_refusal_is_in_english(world: World) -> None:
    log_in(world, "hr")
    world.client.get("/pages/?lang=en")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost="2,5,1"))
    assert answer.status_code == 422
    assert f'<span class="error" id="cost-error">{UNREAD["en"]}</span>' in answer.get_data(as_text=True)

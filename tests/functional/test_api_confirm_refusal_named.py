"""A write's `confirm` naming checks a writer cannot confirm is a 422 whose `errors.confirm` is a list of reasons naming
the values, as every other field's errors are (a `by` of an unknown field's too). Before, it was marshmallow's
`{"confirm": {"0": [...], "1": [...]}}`, keyed by the values' positions without the values: the one place left where a
field's errors were no list. Nothing is recorded."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.mark.parametrize(
    ("confirm", "named"),
    [
        (["promotion.two_steps"], "'promotion.two_steps'"),
        (["promotion.one_step", 5, None], "5, null"),
        ([{"check": "promotion.one_step"}], '{"check": "promotion.one_step"}'),
    ],
    ids=["unknown", "not_text", "an_object"],
)
def test_a_confirm_refused_is_a_list_of_reasons_naming_the_values(world: World, confirm: Any, named: str) -> None:
    before = world.log()
    body = {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01"), "confirm": confirm}
    answer = world.post(EVENTS, json=body)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    (reason,) = answer.get_json()["errors"]["confirm"]
    checks = (
        "promotion.one_step, placement.leaves_scope, placement.ends_post, unit.new, training.duplicate, "
        "training.daily_jp, training.cost, fact.duplicate, fact.changed_since, region.outside_seat, "
        "training.latsar_once, appointment.tmt_first_day, appointment.starting_rank"
    )
    assert reason == f"Not a check a writer confirms: {named}; the checks: {checks}.", reason
    assert world.log() == before


def test_a_confirm_that_is_no_list_is_named_so(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01"), "confirm": "promotion.one_step"}
    answer = world.post(EVENTS, json=body)
    assert answer.get_json()["errors"]["confirm"] == ["Not a valid list."]

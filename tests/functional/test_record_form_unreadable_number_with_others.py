"""A record form with a number it cannot read (a training's cost typed "1.500.000.50") names it together with the
other fields the form leaves wrong (a title left empty), so that one sending names every field to mend; before, the
cost was named alone and the empty title only when the form came back with the cost fixed (found walking the demo
as HR)."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD_ID


def test_an_unreadable_cost_is_named_with_an_empty_title(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    data = training_form(world, cost="1.500.000.50", title="")
    answer = world.client.post("/pages/record?kind=training", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert f'<span class="error" id="cost-error">{UNREAD_ID}</span>' in page
    assert '<span class="error" id="title-error">Isian wajib ini belum diisi.</span>' in page
    assert world.log() == before

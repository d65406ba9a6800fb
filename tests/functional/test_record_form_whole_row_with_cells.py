"""The record form names a whole-fact problem (a training's first day after its last day) together with the cells
it refuses (an hours field left empty, a cost the form cannot read as a number), instead of naming the cells first
and the whole fact only once they are mended and the form sent again. Nothing is recorded."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD_ID

AFTER_END = '<span class="error" id="start_date-error">12 Mei 2024 jatuh setelah tanggal selesai 10 Mei 2024.</span>'


@pytest.mark.parametrize(
    ("cell", "refused"),
    [
        ({"hours": ""}, '<span class="error" id="hours-error">Isian wajib ini belum diisi.</span>'),
        ({"cost": "1.500.000.50"}, f'<span class="error" id="cost-error">{UNREAD_ID}</span>'),  # (the form's)
    ],
)
def test_a_first_day_after_the_last_is_named_with_a_cell_refused(
    world: World, cell: dict[str, str], refused: str
) -> None:
    log_in(world, "hr")
    before = world.log()
    data = training_form(world, **cell, start_date="2024-05-12", effective_date="2024-05-10")
    answer = world.client.post("/pages/record?kind=training", data=data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert refused in page
    assert AFTER_END in page
    assert world.log() == before

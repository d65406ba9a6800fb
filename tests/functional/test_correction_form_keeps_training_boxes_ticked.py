"""A correction form refused for another reason keeps a training's confirm boxes (training.daily_jp,
training.duplicate, training.cost) ticked as sent: until 2026-12-06 they were kept ticked on a training's form alone,
so a correction's came back unticked (or not shown) while the tick, still sent, would be recorded with it: the officer
saw it unticked and could think it was not confirmed."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_record_form_every_field_at_once import beside
from tests.functional.test_trainings_of_the_same_days_asked import NIP, appointed


@pytest.mark.parametrize("check", ["training.daily_jp", "training.duplicate", "training.cost"])
def test_a_correction_form_refused_for_another_reason_keeps_a_trainings_box_ticked(world: World, check: str) -> None:
    appointed(world, {"hours": 6}, {"hours": 6})
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "hr")
    data = correction(world, 3, NIP, **{"corrected.hours": "8", "effective_date": "2026-13-45", "confirm": check})
    refused = world.client.post("/pages/record?kind=correction", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert "effective_date" in beside(page)  # (refused for its date, not for the check)
    box = re.search(rf'<input type="checkbox" name="confirm" value="{re.escape(check)}"[^>]*>', page)
    assert box is not None, page
    assert " checked" in box[0], box[0]


def test_a_correction_form_left_unticked_shows_no_trainings_box_ticked(world: World) -> None:
    appointed(world, {"hours": 6}, {"hours": 6})
    world.catch_up()
    log_in(world, "hr")
    data = correction(world, 3, NIP, **{"corrected.hours": "7", "effective_date": "2026-13-45"})
    page = world.client.post("/pages/record?kind=correction", data=data).get_data(as_text=True)
    assert re.search(r'<input type="checkbox" name="confirm" value="training\.[a-z_]+"[^>]* checked', page) is None

"""A field sent on the correction form with the value the fact holds, beside one changed, is not recorded as
corrected: the ledger leaves it out (tests/integration/test_correction_changing_nothing.py for the API and the import).

Found by an exploratory tester (2026-12-05): on the correction form of a training of 16 JP (24 there), "16 JP" typed
alone was refused as already the value, but sent with a new title it was recorded, and the timeline said "it set Title:
...; Lesson hours (JP): 16"."""

from __future__ import annotations

import re

from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction, promoted
from tests.functional.test_pages_auth import log_in


def test_a_field_typed_as_the_value_it_holds_is_not_listed_as_set(world: World) -> None:
    log_in(world, "hr")
    version = promoted(world)  # a training of 16 JP
    data = correction(world, version, **{"corrected.title": "Arsip Elektronik", "corrected.hours": "16 JP"})
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code in (302, 303), answer.get_data(as_text=True)
    world.catch_up()
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    (said,) = re.findall(r'<span class="corrected-fields">(.*?)</span>', page, re.S)
    said = re.sub(r"\s+", " ", said)
    assert "Title: Arsip Elektronik." in said, said
    assert "Lesson hours" not in said, said

"""The record form asks a training's first day before its last day (the training's effective date), and an award's
decree date before its TMT: the days in the order they come, as a user fills them in from a certificate or a
decree. Before, the form asked the last day first and the first day five fields further down, below the hours
(found by the HR administrators). The import page lists each kind's columns in the same order."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def inputs(page: str) -> list[str]:
    return re.findall(r'<div class="field">\s*<label for="f-([a-z_]+)"', page)


@pytest.mark.parametrize(
    ("kind", "first", "then"),
    [("training", "start_date", "effective_date"), ("award", "decree_date", "effective_date")],
)
def test_the_record_form_asks_the_earlier_day_first(world: World, kind: str, first: str, then: str) -> None:
    log_in(world, "hr")
    shown = inputs(world.client.get(f"/pages/record?kind={kind}").get_data(as_text=True))
    assert shown.index(first) + 1 == shown.index(then), shown


def test_the_import_page_lists_a_trainings_first_day_before_its_last(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/import").get_data(as_text=True)
    training = page[page.index("<code>training</code></h3>") :]
    training = training[: training.index("</ul>")]
    assert training.index("<code>start_date</code>") < training.index("<code>effective_date</code>")

"""A correction form of a fact whose text holds a line break (a training's title "Judul\\nDua", recorded through the
API or an import's cell of two lines, Alt+Enter in Excel), found in the review of 2026-12-05. The form kept the value
it showed beside each input (shown.<field>) and judged a field changed when its input differed from it: a text
input drops a line break from its value, so the browser sent the title as "JudulDua" while the hidden value came
back as "Judul\\r\\nDua", and neither equalled the title as recorded. Every sending was refused beside the title
("Corrected since this form was opened"), whatever the writer changed, for as long as the title held its line
break. Now such a text is shown in a textarea, which sends it back whole; line breaks are compared as LF; one sent
back without its line breaks, as a text input sends it, counts as left as shown too: a title left as shown is not
sent, and keeps its line break."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_concurrent_correction import corrected_elsewhere, values_of
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in

TITLE = "Judul\nDua"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def titled(world: World, title: str = TITLE) -> int:
    """Record a training of 16 JP whose title holds a line break; its version."""
    fact = f.training("2024-05-10", hours=16, start="2024-05-08", title=title)
    version = world.services.ledger.record(BUDI, "training", fact, actor="test").version
    world.catch_up()
    return version


def sent_fields(world: World) -> Any:
    return world.get(f"/api/v1/employees/{BUDI}/events").get_json()["items"][-1]["corrected_fields"]


def test_a_title_holding_a_line_break_is_shown_in_a_textarea_and_left_as_shown_is_not_sent(world: World) -> None:
    version = titled(world)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={version}").get_data(as_text=True)
    assert re.search(r'<textarea id="f-corrected-title" name="corrected.title"[^>]*>\nJudul\nDua</textarea>', page)
    assert 'name="shown.title" value="Judul\nDua"' in page
    form = correction(world, version, **{"corrected.hours": "20"})
    assert form["corrected.title"] == form["shown.title"] == "Judul\r\nDua"  # (as a browser sends them)
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert sent_fields(world) == {"hours": 20}
    values = values_of(world, version)
    assert (values["title"], values["hours"]) == (TITLE, 20)


def test_a_title_holding_a_line_break_sent_back_as_a_text_input_sends_it_is_left_as_shown(world: World) -> None:
    version = titled(world)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.hours": "20"})
    form.update({"corrected.title": "JudulDua", "shown.title": "Judul\r\nDua"})  # (a form shown it in a text input)
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert sent_fields(world) == {"hours": 20}
    assert values_of(world, version)["title"] == TITLE


def test_a_title_holding_a_line_break_changed_in_its_textarea_is_corrected_with_its_line_breaks(world: World) -> None:
    version = titled(world, "Judul\r\nDua")  # (a CR too: compared as LF)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.title": "Judul\r\nTiga\r\n"})
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert sent_fields(world) == {"title": "Judul\nTiga"}


def test_a_title_holding_a_line_break_corrected_since_the_form_was_opened_is_refused_beside_it(world: World) -> None:
    version = titled(world)
    log_in(world, "hr")
    form = correction(world, version, **{"corrected.title": "Judul\r\nEmpat"})
    corrected_elsewhere(world, version, title="Judul Tiga")
    before = world.log()
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    error = re.search(r'id="corrected_fields.title-error">(.*?)</', page, re.S)
    assert error is not None
    assert "Dikoreksi sejak formulir ini dibuka: kini berisi Judul Tiga, bukan Judul\nDua" in error[1]
    assert world.log() == before

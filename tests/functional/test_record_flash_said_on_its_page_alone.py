"""A recording's messages ("Tercatat: Pelatihan, versi 3 ...") are said on the page the record form redirects to
alone (the form waiting for that recording, wait_for: web.pages.hr.record_flash), and dropped unsaid when another
page is opened first. Found by an HR tester (2026-12-06): a form sent whose redirect was never followed left
"Tercatat: Penempatan, versi 83" pending, said later at the top of the import page."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

SAID = "Tercatat: Pelatihan"


def test_the_page_redirected_to_says_it(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world))
    assert answer.status_code == 302
    assert "wait_for=" in answer.headers["Location"]
    assert SAID in world.client.get(answer.headers["Location"]).get_data(as_text=True)


def test_another_page_opened_first_drops_it_unsaid(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world))
    assert answer.status_code == 302
    assert SAID not in world.client.get("/pages/import").get_data(as_text=True)
    assert SAID not in world.client.get(answer.headers["Location"]).get_data(as_text=True)  # (not left pending)


def test_another_record_form_does_not_say_it(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/record?kind=training", data=training_form(world))
    assert answer.status_code == 302
    assert SAID not in world.client.get("/pages/record?kind=placement").get_data(as_text=True)

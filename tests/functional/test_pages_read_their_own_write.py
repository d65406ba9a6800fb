"""A page opened after a form recorded something shows it: the career record opened from the record form's link
right after "Recorded: ..." did not list the fact yet (the views follow the log a moment later, in whichever process
holds the follower lock), so HR saw their entry missing and recorded it again; on the demo served by two workers 9
career pages of 10 opened at once after a recording lacked it. The pages now wait for the views to show the session's
own last write (as the API's `wait_for`), once, before the next page."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import pytest

from tests.functional.conftest import BUDI, TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

LATE = 0.4  # seconds before the views catch up, here by a thread standing in for the follower


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # nothing follows the log but the test's catching up


def caught_up_later(world: World) -> threading.Thread:
    def later() -> None:
        time.sleep(LATE)
        world.catch_up()

    thread = threading.Thread(target=later)
    thread.start()
    return thread


def test_the_career_page_after_a_recording_shows_it(world: World) -> None:
    log_in(world, "hr")
    sent = world.client.post("/pages/record?kind=training", data=training_form(world, reference="CERT-SEEN"))
    assert sent.status_code == 302
    thread = caught_up_later(world)
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    thread.join()
    assert "CERT-SEEN" in page
    started = time.monotonic()
    world.client.get(f"/pages/employees/{BUDI}")
    assert time.monotonic() - started < LATE  # waited once: the next page does not wait again


def test_the_career_page_after_an_import_shows_its_rows(world: World) -> None:
    log_in(world, "hr")
    form = training_form(world, reference="CERT-IMPORTED")
    header = "nip,start_date,effective_date,reference,training_kind,title,organiser,hours"
    row = ",".join(form[name] for name in header.split(","))
    sent = {
        "csrf_token": form["csrf_token"],
        "kind": "training",
        "file": (io.BytesIO(f"{header}\n{row}\n".encode()), "t.csv"),
    }
    assert world.client.post("/pages/import", data=sent).status_code == 200
    thread = caught_up_later(world)
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    thread.join()
    assert "CERT-IMPORTED" in page

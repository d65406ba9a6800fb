"""The record form's "Recorded: ..." page links to the career record with the write's log position (`wait_for`, as
the API's), and the career record opened from it waits until the views show that write, at most
CAREERLOG_WAIT_SECONDS (here 1.5 s); when they do not by then it says the recording may not show yet. Served by
several workers the career record opened at once did not list the fact: the views follow the log a moment after a
write, in whichever process holds the follower lock. A `wait_for` that is no position given is refused naming it.
A record the log holds and the views do not show yet (an appointment imported a moment ago, opened by its NIP) waits
for them too, then is the 503 page to load again: it was the 404 "There is nothing here"."""

from __future__ import annotations

import re
import threading
import time
from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, MISSING, TEST_CONFIG, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

TITLE = "Pelatihan Kepemimpinan Pengawas Angkatan XIV"
CATCHING_UP = 'id="catching-up"'


@pytest.fixture
def test_config() -> dict[str, Any]:
    # nothing follows the log in the app (the test catches the views up itself, or not), as in a worker that does not
    # hold the follower lock
    return {**TEST_CONFIG, "CAREERLOG_WAIT_SECONDS": 1.5, "CAREERLOG_FOLLOW": False}


def recorded(world: World) -> str:
    """A training recorded through the record form (nothing follows the log here: the views are not caught up), and
    the career record's link on the page the form leads to."""
    log_in(world, "hr")
    world.catch_up()
    answer = world.client.post("/pages/record?kind=training", data=training_form(world, title=TITLE))
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    position = world.services.ledger.max_notification_id()
    assert f"wait_for={position}" in answer.headers["Location"]
    page = world.client.get(answer.headers["Location"]).get_data(as_text=True)
    (link,) = re.findall(rf'href="(/pages/employees/{BUDI}\?[^"]*)"', page)
    assert link == f"/pages/employees/{BUDI}?wait_for={position}"
    return link


def test_the_career_record_opened_after_recording_shows_the_recording(world: World) -> None:
    link = recorded(world)

    def follow() -> None:  # the follower, a moment after the write
        time.sleep(0.3)
        world.catch_up()

    follower = threading.Thread(target=follow)
    follower.start()
    try:
        page = world.client.get(link).get_data(as_text=True)
    finally:
        follower.join()
    assert TITLE in page
    assert CATCHING_UP not in page


def test_the_career_record_says_when_the_recording_may_not_show_yet(world: World) -> None:
    link = recorded(world)
    started = time.monotonic()
    answer = world.client.get(f"{link}&lang=en")
    assert 1.5 <= time.monotonic() - started < 5
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert CATCHING_UP in page
    assert "The latest recording may not show here yet" in page
    assert CATCHING_UP not in world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)  # (not asked)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("abc", "Must be a whole number: the log position the record form gave."),
        ("-1", "Must be a whole number: the log position the record form gave."),
        ("1&wait_for=2", "Must be a whole number: the log position the record form gave."),
        ("99999999", "No recording has been given this log position yet."),
    ],
)
def test_a_wait_for_that_is_no_position_given_is_refused_naming_it(world: World, given: str, reason: str) -> None:
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}?lang=en&wait_for={given}")
    assert 400 <= answer.status_code < 500
    page = answer.get_data(as_text=True)
    assert "wait_for" in page
    assert reason in page


NEW = f.nip(date(1991, 4, 4), date(2020, 3, 1), "F", sequence=705)  # appointed by the tests below, KOTA-MEDAN


def appointed_unshown(world: World) -> None:
    """NEW appointed in the log, the views caught up to the fact before it and not to it (nothing follows the log)."""
    world.catch_up()
    world.services.ledger.record(NEW, "appointment", appointment_of(NEW, name="Nur Lubis"), actor="test")


@pytest.mark.parametrize("path", [f"/pages/employees/{NEW}", f"/pages/employees/{NEW}/record.csv"])
def test_a_record_opened_before_the_views_show_it_waits_for_them(world: World, path: str) -> None:
    # was the 404 "There is nothing here" to the HR officer who had just appointed the employee (an import, the API)
    appointed_unshown(world)
    log_in(world, "hr")

    def follow() -> None:
        time.sleep(0.3)
        world.catch_up()

    follower = threading.Thread(target=follow)
    follower.start()
    try:
        answer = world.client.get(f"{path}?lang=en")
    finally:
        follower.join()
    assert answer.status_code == 200
    assert "Nur Lubis" in answer.get_data(as_text=True) or NEW in answer.get_data(as_text=True)


def test_a_record_the_views_do_not_show_in_time_is_the_page_to_load_again(world: World) -> None:
    appointed_unshown(world)
    log_in(world, "hr")
    started = time.monotonic()
    answer = world.client.get(f"/pages/employees/{NEW}?lang=en")
    assert 1.5 <= time.monotonic() - started < 5
    assert answer.status_code == 503
    assert "Wait a moment and load the page again." in answer.get_data(as_text=True)


@pytest.mark.parametrize(("who", "nip"), [("hr", MISSING), ("hr_karo", NEW), ("employee", NEW)])
def test_a_record_not_recorded_or_not_the_readers_is_not_found_at_once(world: World, who: str, nip: str) -> None:
    appointed_unshown(world)
    log_in(world, who)
    started = time.monotonic()
    answer = world.client.get(f"/pages/employees/{nip}?lang=en")
    assert time.monotonic() - started < 1.5
    assert answer.status_code == 404

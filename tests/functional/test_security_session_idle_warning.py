"""A form that records says, when its page is made, the time its session ends if no other page is opened: the
idle time-out from now, or the session's longest life when that comes first. It needs no JavaScript: a form sent
after that time is not recorded (the log-in page, then the form again, empty), and the page said so. Both stores."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_security_session_lifetime import later as later  # (the fixture)
from tests.functional.test_security_session_lifetime import log_in_at

WIB = ZoneInfo("Asia/Jakarta")
NOTICE = re.compile(r'<p class="help" id="session-ends">(.*?)</p>', re.S)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def notice(world: World, path: str) -> str:
    page = world.client.get(path).get_data(as_text=True)
    found = NOTICE.search(page)
    assert found, page
    return found.group(1)


def shown(moment: datetime) -> str:
    """A moment as an English page shows it (web.pages.local_datetime): in WIB, the display time zone by default."""
    moment = moment.astimezone(WIB)
    return f"{moment:%b} {moment.day}, {moment.year}, {moment:%-I:%M:%S %p} WIB".replace(" AM", "\u202fAM").replace(
        " PM", "\u202fPM"
    )


def test_the_record_form_says_when_its_session_ends_without_another_page(world: World) -> None:
    log_in(world, "hr")
    before = datetime.now(UTC).replace(microsecond=0)
    text = notice(world, "/pages/record?kind=training&lang=en")
    after = datetime.now(UTC).replace(microsecond=0)
    times = {shown(moment + timedelta(minutes=30)) for moment in (before, after)}
    assert any(t in text for t in times), (text, times)
    assert "30 minutes without opening a page" in text
    assert "must be filled in again" in text


def test_the_notice_names_the_end_of_the_sessions_longest_life_when_it_comes_first(world: World) -> None:
    log_in(world, "hr")
    since = int(time.time()) - 12 * 3600 + 600  # ten minutes left of the 12 hours
    with world.client.session_transaction() as session:
        session["since"] = since
    text = notice(world, "/pages/import?lang=en")
    assert shown(datetime.fromtimestamp(since, UTC) + timedelta(hours=12)) in text, text


def test_the_notice_is_in_indonesian_on_the_accounts_form(world: World) -> None:
    log_in(world, "admin")
    text = notice(world, "/pages/accounts?lang=id")
    assert "Kirim formulir ini sebelum" in text, text
    assert "30 menit" in text


def test_a_form_sent_after_the_time_out_is_not_recorded_and_its_page_opens_again_after_the_log_in(
    world: World, later: Callable[[float], None]
) -> None:
    log_in(world, "hr")
    data = training_form(world)
    before = world.log()
    later(31)
    sent = world.client.post("/pages/record?kind=training", data=data)
    assert sent.status_code == 302
    login = sent.headers["Location"]
    assert login.startswith("/pages/login?next=")
    assert log_in_at(world.client, login, "hr-web") == "/pages/record?kind=training"
    page = world.client.get("/pages/record?kind=training")
    assert page.status_code == 200
    assert 'id="session-ends"' in page.get_data(as_text=True)
    assert world.log() == before


def test_a_form_whose_address_opens_no_page_leads_to_the_start_page_after_the_log_in(
    world: World, later: Callable[[float], None]
) -> None:
    log_in(world, "admin")
    token = csrf_token(world.client, "/pages/accounts")
    later(31)
    sent = world.client.post("/pages/accounts/hr/disable", data={"csrf_token": token})
    assert sent.status_code == 302
    assert sent.headers["Location"] == "/pages/login"
    assert not world.services.accounts.get("hr").disabled

"""An employee asking for another employee's NIP was told "No employee with NIP ... has been appointed.", untrue of a
record that exists out of the reader's scope. The API and the career page now say, for a NIP out of scope and one
never appointed alike, that no employee with it is in the records the reader can read (docs/security.md: the 404
tells neither apart); the page's 404, in English and Indonesian, says neither."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import RINA, World
from tests.functional.test_pages_auth import log_in

# A form's CSRF token (the log-out button's on every page) is signed with the second it was made: two pages a second
# apart differ in it alone (the probe's full run under load, 2026-12-06), which tells nothing of the NIP asked
TOKEN = re.compile(r'(name="csrf_token" type="hidden" value=")[^"]*"')


def untokened(page: str) -> str:
    return TOKEN.sub(r'\1"', page)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


NEVER = "199805102023121001"  # (a NIP never appointed)


def test_the_api_answers_another_employees_nip_as_a_missing_one(world: World) -> None:
    other = world.get(f"/api/v1/employees/{RINA}", "employee")
    never = world.get(f"/api/v1/employees/{NEVER}", "employee")
    assert (other.status_code, never.status_code) == (404, 404)
    assert other.get_json()["detail"] == f"No employee with NIP {RINA} is in the records you can read."
    assert never.get_json()["detail"] == other.get_json()["detail"].replace(RINA, NEVER)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_career_page_answers_another_employees_nip_as_a_missing_one(world: World, lang: str) -> None:
    log_in(world, "employee")
    other = world.client.get(f"/pages/employees/{RINA}?lang={lang}")
    never = world.client.get(f"/pages/employees/{NEVER}?lang={lang}")
    assert (other.status_code, never.status_code) == (404, 404)
    said = other.get_data(as_text=True)
    assert untokened(said.replace(RINA, NEVER)) == untokened(never.get_data(as_text=True))
    assert "appointed" not in said
    assert "diangkat" not in said

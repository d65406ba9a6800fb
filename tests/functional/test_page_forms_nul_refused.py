"""A NUL character in the log-in's user name or an account's name (pasted, or sent by a script) is refused beside
its field on both stores, nothing counted or created: PostgreSQL's text cannot hold one, and both forms handed it to
the store as it came (a 503, "the database could not be used"), where SQLite answered "not right" to the log-in and
created the account with the NUL in its name."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def errors_of(page: str) -> dict[str, str]:
    return dict(re.findall(r'<span class="error" id="([a-z_]+)-error">(.*?)</span>', page))


def test_a_nul_in_the_log_in_user_name_is_refused_beside_it(world: World) -> None:
    token = csrf_token(world.client, "/pages/login?lang=en")
    sent = {"username": "ad\x00min-web", "password": "kata-sandi-rahasia-1", "csrf_token": token}
    answer = world.client.post("/pages/login", data=sent)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert errors_of(page) == {"username": "May not contain a NUL character."}
    assert 'aria-describedby="username-error"' in page
    assert world.services.accounts.log_in_failures("ad\x00min-web")[0] == 0  # nothing counted as a failure
    empty = world.client.post("/pages/login", data={"username": "", "password": "", "csrf_token": token})
    assert errors_of(empty.get_data(as_text=True)) == {
        "username": "This field is required.",
        "password": "This field is required.",
    }


def test_a_nul_in_an_account_name_is_refused_beside_it(world: World) -> None:
    log_in(world, "admin")
    token = csrf_token(world.client, "/pages/accounts?lang=en")
    typed = {"username": "nul-name", "display_name": "Ani\x00 Lubis", "role": "inspector", "national": "y"}
    sent = {**typed, "agencies": "", "regions": "", "nip": "", "password": "sandi-yang-panjang", "csrf_token": token}
    answer = world.client.post("/pages/accounts", data=sent)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert errors_of(page) == {"display_name": "May not contain a NUL character."}
    assert 'value="nul-name"' in page  # what was typed is kept
    assert "nul-name" not in {a.username for a in world.services.accounts.list_accounts()}

"""A log-in with a user name of any length is counted and refused as any other (both stores).

The log-in limit per address and user name kept the name as typed in its key (rate_limits' primary key): on
PostgreSQL one of 10,000 random characters made an index row too large for the index, and the log-in answered 503
instead of refusing the name. The key now holds the name's HMAC-SHA-256 keyed by the store's secret
(careerlog.accounts.Accounts.log_in_key, web.pages.auth.login_key), as the failed log-ins' key does; a password
typed in the user name's field is not kept as typed, nor as its plain SHA-256, which a dictionary would undo (as it
was until 2026-12-04)."""

from __future__ import annotations

import hashlib
import secrets

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_user_name_of_ten_thousand_random_characters_is_refused_not_a_server_error(world: World) -> None:
    name = secrets.token_hex(5000)
    for _ in range(5):
        token = csrf_token(world.client)
        answer = world.client.post("/pages/login", data={"username": name, "password": "salah", "csrf_token": token})
        assert answer.status_code == 400
    token = csrf_token(world.client)
    assert (
        world.client.post("/pages/login", data={"username": name, "password": "salah", "csrf_token": token}).status_code
        == 429
    )  # (the sixth of the minute: still counted)
    keys = [str(row["key"]) for row in world.services.accounts.store.query("SELECT key FROM rate_limits")]
    assert len(keys) == 2  # (the address's attempts and the name's failures)
    assert all(len(key) < 200 and name[:64] not in key for key in keys), keys


def test_a_password_typed_as_the_user_name_is_kept_neither_as_typed_nor_as_its_plain_sha_256(world: World) -> None:
    typed = "kata-sandi-rahasia-1"
    token = csrf_token(world.client)
    answer = world.client.post("/pages/login", data={"username": typed, "password": "salah", "csrf_token": token})
    assert answer.status_code == 400
    keys = [str(row["key"]) for row in world.services.accounts.store.query("SELECT key FROM rate_limits")]
    assert len(keys) == 2  # (the address's attempts and the name's failures)
    plain = hashlib.sha256(typed.encode()).hexdigest()
    assert all(typed not in key and plain not in key for key in keys), keys
    assert world.services.accounts.log_in_failures(typed)[0] == 1  # (counted, under the store's key of it)

"""A decision page asked for a version no store can hold (past SQLite's and PostgreSQL's 64-bit integers) is the
page of a decision not found, as the API's decision id of more than 9 digits is: it was a 500 (OverflowError: Python
int too large to convert to SQLite INTEGER)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("version", ["9223372036854775808", "99999999999999999999999", "1000000000"])
def test_a_decision_page_of_a_version_past_any_store_is_not_found(world: World, version: str) -> None:
    log_in(world, "inspector")
    for path in ("/pages/audits", "/pages/audits/posts", "/pages/audits/appointments"):
        answer = world.client.get(f"{path}/{BUDI}/{version}")
        assert answer.status_code == 404, (path, answer.status_code)
    assert world.client.get(f"/pages/audits/{BUDI}/2").status_code == 200  # (Budi's promotion, as before)

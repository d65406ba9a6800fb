"""An empty Idempotency-Key is refused with the one reason that is true of it, its length; a key of spaces alone with
its own. Before, the empty key was also told "Is only spaces: give a key with other characters, or none.", which it
is not, beside "Length must be between 1 and 200."."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("key", "reasons"),
    [
        ("", ["Length must be between 1 and 200."]),
        ("   ", ["Is only spaces: give a key with other characters, or none."]),
    ],
)
def test_a_refused_idempotency_key_is_told_what_is_wrong_with_it(world: World, key: str, reasons: list[str]) -> None:
    before = world.log()
    answer = world.post(
        f"/api/v1/employees/{BUDI}/events",
        json={"kind": "training", **f.training("2024-05-03")},
        headers={"Idempotency-Key": key},
    )
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {"Idempotency-Key": reasons}
    assert world.log() == before

"""A log-in with a user name that does not exist costs what a wrong password costs.

A wrong password is found out by verifying it against the account's Argon2id hash (some 0.3 s of CPU with the
production parameters); a user name that does not exist, or an account without a password (one that uses tokens
only), was refused at once, without hashing anything. The time of the answer told which user names exist: 300 ms
against a few, measurable from anywhere, five tries a minute per name as the log-in limit allows. Now the password
is verified against a stand-in hash of the same parameters, and refused."""

from __future__ import annotations

import time
from typing import Any

import pytest
from argon2 import PasswordHasher

from careerlog.accounts import AuthenticationFailed
from tests.functional.conftest import TEST_HASHER, World

PASSWORD = "kata-sandi-rahasia-1"


class CountingHasher(PasswordHasher):  # type: ignore[misc]
    """The tests' hasher, counting the passwords it verifies."""

    def __init__(self) -> None:
        super().__init__(
            time_cost=TEST_HASHER.time_cost,
            memory_cost=TEST_HASHER.memory_cost,
            parallelism=TEST_HASHER.parallelism,
            hash_len=TEST_HASHER.hash_len,
            salt_len=TEST_HASHER.salt_len,
        )
        self.verified = 0

    def verify(self, hash: Any, password: Any) -> bool:
        self.verified += 1
        return bool(super().verify(hash, password))


@pytest.mark.parametrize("username", ["nobody-here", "hr"], ids=["no such account", "an account without a password"])
def test_a_log_in_that_cannot_succeed_verifies_a_password_all_the_same(world: World, username: str) -> None:
    accounts = world.services.accounts
    accounts.create("someone", display_name="Someone", role="admin", password=PASSWORD)
    accounts.hasher = hasher = CountingHasher()
    with pytest.raises(AuthenticationFailed):
        accounts.check_password("someone", "not-the-password")
    assert hasher.verified == 1
    with pytest.raises(AuthenticationFailed):
        accounts.check_password(username, "not-the-password")
    assert hasher.verified == 2


def test_a_missing_user_name_takes_as_long_as_a_wrong_password_with_the_production_hasher(world: World) -> None:
    accounts = world.services.accounts
    accounts.hasher = PasswordHasher()
    accounts.create("someone", display_name="Someone", role="admin", password=PASSWORD)

    def cpu(username: str) -> float:
        started = time.process_time()
        for _ in range(3):
            with pytest.raises(AuthenticationFailed):
                accounts.check_password(username, "not-the-password")
        return time.process_time() - started

    cpu("nobody-here")  # (a stand-in hash made once, at the first use)
    wrong_password, missing = cpu("someone"), cpu("nobody-here")
    assert missing > wrong_password / 3, (missing, wrong_password)

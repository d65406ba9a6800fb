"""An account disabled again changes nothing and is not logged again. `careerlog accounts disable r1` run twice
printed 'disabled r1' twice and kept two 'disabled' account changes, the second at a time nothing happened: the record
of who disabled an account, and when, named a second administrator and time for a change that was not one."""

from __future__ import annotations

import pytest

from tests.integration.test_accounts_cli import raw, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def test_an_account_disabled_again_is_told_so_and_logged_once(database_url: str) -> None:
    create = ("accounts", "create", "r1", "--name", "Rina", "--role", "reporter", "--national", "--no-password")
    assert run(database_url, *create).exit_code == 0
    first = run(database_url, "accounts", "disable", "r1")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("disabled r1")
    again = run(database_url, "accounts", "disable", "r1")
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("r1 was already disabled: nothing changed")
    changes = [(r["action"], r["account"]) for r in raw(database_url, "account_changes")]
    assert sorted(changes) == [("created", "r1"), ("disabled", "r1")]

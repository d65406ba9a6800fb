"""Accounts without a database: what an account must be, and what a token's state is."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from careerlog.access import Role, Scope, Target
from careerlog.accounts import ACCESS_LOG_COLUMNS, Account, Accounts, TokenInfo, token_hash
from careerlog.domain.errors import InvalidInput
from careerlog.sqlstore import SqlStore

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


class NoStore:
    """Fails if touched: these checks must happen before any SQL."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the store was used ({name})")


def accounts() -> Accounts:
    return Accounts(cast(SqlStore, NoStore()), clock=lambda: NOW)


@pytest.mark.parametrize(
    ("fields", "reason_for"),
    [
        ({"username": "Siti Lubis"}, "username"),
        ({"username": "x"}, "username"),
        ({"display_name": "  "}, "display_name"),
        ({"role": "superuser"}, "role"),
        ({"password": "short"}, "password"),
        ({"role": "employee", "nip": "12345"}, "nip"),
        ({"role": "hr", "scope": Scope()}, "scope"),
    ],
)
def test_an_account_that_cannot_be_is_refused_before_anything_is_stored(
    fields: dict[str, Any], reason_for: str
) -> None:
    values: dict[str, Any] = {
        "username": "siti",
        "display_name": "Siti Lubis",
        "role": "hr",
        "scope": Scope(agencies=("KOTA-MEDAN",)),
    }
    values |= fields
    with pytest.raises(InvalidInput) as raised:
        accounts().create(values.pop("username"), **values)
    assert reason_for in raised.value.errors


def test_a_token_is_kept_as_its_sha256_hash() -> None:
    assert token_hash("clt_abc") == hashlib.sha256(b"clt_abc").hexdigest()


def test_a_tokens_state_follows_its_expiry_and_revocation() -> None:
    token = TokenInfo("clt_12345678", "siti", NOW, NOW + timedelta(days=1), None, None)
    assert token.state(NOW) == "active"
    assert token.state(NOW + timedelta(days=1)) == "expired"
    revoked = TokenInfo("clt_12345678", "siti", NOW, NOW + timedelta(days=1), NOW, None)
    assert revoked.state(NOW) == "revoked"


def test_a_token_lives_at_least_a_day_and_at_most_ten_years() -> None:
    for days in (0, 3651):
        with pytest.raises(InvalidInput, match="days"):
            accounts().issue_token("siti", days=days)


class InsertSpy:
    """Keeps the rows each insert would write."""

    dialect = "sqlite"

    def __init__(self) -> None:
        self.inserted: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = []

    def insert(self, table: str, columns: Any, rows: Any, *, synced: bool = True) -> None:
        self.inserted.append((table, tuple(columns), list(rows)))


def test_reads_given_as_places_are_logged_as_the_same_reads_given_as_targets() -> None:
    reader = Account("hr1", "HR", Role.HR, Scope(agencies=("A",)), "198001012005011001", False, NOW, False)
    places = [
        ("198001012005011002", "A", "R"),
        ("198001012005011001", "A", "R"),  # the reader's own record: not logged
        (None, "A", None),  # no one's record: not logged
        ("198001012005011003", "A", None),
    ]
    logged = []
    for record in ("targets", "places"):
        spy = InsertSpy()
        log = Accounts(cast(SqlStore, spy), clock=lambda: NOW)
        if record == "targets":
            assert log.record_access(reader, "roster", [Target(*place) for place in places]) == 2
        else:
            assert log.record_reads(reader, "roster", places) == 2
        [(table, columns, rows)] = spy.inserted
        assert (table, columns) == ("access_log", ACCESS_LOG_COLUMNS)
        assert all(re.fullmatch(r"[0-9a-f]{32}", row[0]) for row in rows)
        logged.append([row[1:] for row in rows])
    at = NOW.isoformat()
    assert (
        logged[0]
        == logged[1]
        == [
            (at, "hr1", "hr", "198001012005011002", "A", "R", "roster"),
            (at, "hr1", "hr", "198001012005011003", "A", None, "roster"),
        ]
    )

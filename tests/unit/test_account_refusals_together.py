"""A refused account names every field at fault at once, the scope with the name and password.

Found by the administrator's acceptance pass of 2026-12-02 on the new accounts page: an HR
account with a bad user name and no agency was refused for its user name only; sent again with
the name fixed, it was refused for its scope. The command line answered the same way.
"""

from __future__ import annotations

from typing import Any, cast

import pytest

from careerlog.access import Role, Scope
from careerlog.accounts import Accounts
from careerlog.domain.errors import InvalidInput
from careerlog.sqlstore import SqlStore
from tests.unit.test_accounts import NOW, NoStore


def refused(**fields: Any) -> dict[str, list[str]]:
    accounts = Accounts(cast(SqlStore, NoStore()), clock=lambda: NOW)  # (no SQL before the checks)
    with pytest.raises(InvalidInput) as raised:
        accounts.create(**{"username": "siti", "display_name": "Siti", "role": Role.HR, **fields})
    return raised.value.errors


def test_a_bad_name_a_short_password_and_a_missing_agency_are_refused_together() -> None:
    errors = refused(username="Siti Lubis", password="short", scope=Scope())
    assert set(errors) == {"username", "password", "scope"}


def test_a_malformed_nip_and_a_bad_name_are_refused_together_without_a_second_nip_reason() -> None:
    errors = refused(username="X", role=Role.EMPLOYEE, nip="12345")
    assert set(errors) == {"username", "nip"}
    assert len(errors["nip"]) == 1
    assert "18" in errors["nip"][0]


def test_an_unknown_role_leaves_the_scope_unjudged() -> None:
    assert set(refused(role="boss", scope=Scope())) == {"role"}

"""An account's scope is national or names agencies and regions, not both. `careerlog accounts create r1 --role
reporter --national --agency KOTA-MEDAN` (the page's form alike) made a national account without a word, the
agency kept beside it and ignored: an operator who meant one agency, and left --national in a copied command,
gave the account every record of the country. It is refused naming the scope, and nothing is created."""

from __future__ import annotations

import pytest

from tests.integration.test_accounts_cli import raw, run

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


@pytest.mark.parametrize("extra", [("--agency", "KOTA-MEDAN"), ("--region", "12.71")])
def test_a_national_scope_beside_agencies_or_regions_is_refused(database_url: str, extra: tuple[str, ...]) -> None:
    create = ("accounts", "create", "r1", "--name", "Rina", "--role", "reporter", "--no-password")
    result = run(database_url, *create, "--national", *extra)
    assert result.exit_code == 1, result.output
    assert "Error: scope: A national scope covers every agency and region" in result.output
    assert run(database_url, *create, *extra).exit_code == 0
    assert [(r["username"], r["national"]) for r in raw(database_url, "accounts")] == [("r1", 0)]

"""An account's scope takes agency and region codes as their reference tables write them (KOTA-MEDAN, 12.71), as
every other agency and region filter has since c6b1f10 (the API's, the pages', `careerlog audit --agency`). Before,
`careerlog accounts create siti --role hr --agency kota-medan` (and the accounts page's form alike) read kota-medan,
or a name such as "Kota Medan", as the code, here alone. Now refused naming the field, saying the code the table
would read it as ("did you mean KOTA-MEDAN?"), exit 1 (the page: 422 beside the field), and nothing is created."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_accounts import accounts_state, create, error_beside
from tests.functional.test_pages_auth import log_in
from tests.integration.test_accounts_cli import raw, run

CREATE = ("accounts", "create", "x1", "--name", "X", "--no-password")
TAKEN = ("--role", "inspector", "--agency", "KOTA-MEDAN", "--region", "12.71")


@pytest.fixture
def store_url(database_url: str) -> str:
    """The page's case on both stores too."""
    return database_url


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--role", "hr", "--agency", "kota-medan"),
            "Error: agencies: Unknown code 'kota-medan' (did you mean KOTA-MEDAN?); see the agencies reference table.",
        ),
        (
            ("--role", "hr", "--agency", "Pemerintah Kota Medan"),
            "Error: agencies: Unknown code 'Pemerintah Kota Medan' (did you mean KOTA-MEDAN?)",
        ),
        (
            ("--role", "inspector", "--region", "Kota Medan"),
            "Error: regions: Unknown code 'Kota Medan' (did you mean 12.71?); see the regions reference table.",
        ),
    ],
)
def test_a_code_not_as_the_reference_writes_it_is_refused_on_the_command_line(
    database_url: str, args: tuple[str, ...], said: str
) -> None:
    assert run(database_url, "accounts", "create", "y1", "--name", "Y", "--no-password", *TAKEN).exit_code == 0
    result = run(database_url, *CREATE, *args)
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert [r["username"] for r in raw(database_url, "accounts")] == ["y1"]


def test_an_unknown_code_is_refused_as_before_without_a_guess(database_url: str) -> None:
    result = run(database_url, *CREATE, "--role", "hr", "--agency", "ATLANTIS")
    assert result.exit_code == 1
    assert "Error: agencies: Unknown code 'ATLANTIS'; see the agencies reference table." in result.output


def test_codes_as_the_reference_writes_them_are_taken(database_url: str) -> None:
    result = run(database_url, *CREATE, *TAKEN)
    assert result.exit_code == 0, result.output
    assert "agency KOTA-MEDAN" in result.output
    assert "region 12.71" in result.output


def test_the_accounts_page_refuses_a_lowercase_agency_beside_its_field(world: World) -> None:
    log_in(world, "admin")
    before = accounts_state(world)
    status, page = create(world, agencies="kota-medan")
    assert status == 422
    assert "Unknown code &#39;kota-medan&#39; (did you mean KOTA-MEDAN?)" in error_beside(page, "agencies")
    assert accounts_state(world) == before


def test_the_refusal_is_worded_in_indonesian_on_the_indonesian_page(world: World) -> None:
    log_in(world, "admin")
    status, page = create(world, lang="id", agencies="kota-medan")
    assert status == 422
    assert "(maksudnya KOTA-MEDAN?)" in error_beside(page, "agencies")

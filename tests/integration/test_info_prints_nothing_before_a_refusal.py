"""`careerlog info` opens the store before it prints: a store that is not there is refused (exit 1, the reason on
standard error) with nothing on standard output. Before, it printed `store: postgres` (or `sqlite`) and then the
refusal, so a script reading `careerlog info` saw a store named as if it were there."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.conftest import POSTGRES_URL, require_postgres


def info(url: str) -> Result:
    return CliRunner().invoke(main, ["info"], env={"CAREERLOG_DATABASE_URL": url, "CAREERLOG_ENCRYPTION_KEY": None})


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def missing_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL naming no store: a file that is not there, a schema that is not there."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'careerlgo.db'}"
    require_postgres()
    return f"{POSTGRES_URL}?schema=t_missing_{uuid.uuid4().hex[:8]}"


def test_info_prints_nothing_on_standard_output_before_refusing_a_missing_store(missing_store: str) -> None:
    result = info(missing_store)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: No careerlog store at {missing_store}: "), result.stderr


def test_info_of_a_store_there_prints_it_and_its_last_position(database_url: str) -> None:
    made = ["accounts", "create", "adm", "--name", "Admin", "--role", "admin", "--national", "--no-password"]
    # (a store made by a command that writes: `accounts list`, which made one, only reads and makes none now)
    assert CliRunner().invoke(main, made, env={"CAREERLOG_DATABASE_URL": database_url}).exit_code == 0
    result = info(database_url)
    assert result.exit_code == 0, result.output
    store = "sqlite" if database_url.startswith("sqlite") else "postgres"
    assert result.stdout == f"store: {store}\nencrypted: no\nlast event position: 0\n"


def test_info_says_whether_the_store_is_encrypted_by_its_marker(database_url: str) -> None:
    """(it said the store and its position alone: whether its backups need CAREERLOG_ENCRYPTION_KEY was unsaid)"""
    key = CliRunner().invoke(main, ["encryption-key"]).output.strip()
    made = ["accounts", "create", "adm", "--name", "Admin", "--role", "admin", "--national", "--no-password"]
    env = {"CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_ENCRYPTION_KEY": key}
    assert CliRunner().invoke(main, made, env=env).exit_code == 0  # (the store's marker recorded: encrypted)
    result = CliRunner().invoke(main, ["info"], env=env)
    assert result.exit_code == 0, result.output
    assert "encrypted: yes (AES-GCM; CAREERLOG_ENCRYPTION_KEY needed to read it)\n" in result.stdout

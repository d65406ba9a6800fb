"""A CAREERLOG_RULES_FILE that cannot be read is refused by every command, as docs/operations.md says (naming the
variable, the file and the reason, exit 1), also by those that judge nothing by the rules: `info`, `export`,
`history` and `accounts list` ran on, exit 0, and the deployment's broken setting went unnoticed until an audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=61)


@pytest.mark.parametrize(
    "command", [["info"], ["export", "-"], ["history", BUDI], ["accounts", "list"]], ids=lambda c: c[0]
)
def test_a_missing_rules_file_is_refused_by_a_command_judging_nothing(
    database_url: str, tmp_path: Path, command: list[str]
) -> None:
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    missing = tmp_path / "rules.toml"
    result = CliRunner().invoke(
        main, ["--database-url", database_url, *command], env={"CAREERLOG_RULES_FILE": str(missing)}
    )
    assert result.exit_code == 1, result.output
    assert f"CAREERLOG_RULES_FILE: cannot read {missing}" in result.output
    assert BUDI not in result.stdout

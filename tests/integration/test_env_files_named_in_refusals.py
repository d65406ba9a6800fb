"""A rules, names or scorecard file configured by the environment (CAREERLOG_RULES_FILE, CAREERLOG_NAMES_FILE,
CAREERLOG_SCORECARD_FILE) that cannot be read or does not read is refused naming the variable, then the file and the
reason, exit 1, no traceback. Before, the refusal named the file alone ("Cannot use /etc/careerlog/rules.toml: No such
file or directory.", "/etc/careerlog/rules.toml: Invalid value ..."), which an operator running a command may not know
was configured, nor by which variable; a scorecard file that was no TOML was a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests.integration.test_cli import APPOINTMENT, run, write

COMMANDS = {
    "CAREERLOG_RULES_FILE": ["audit", "promotions"],
    "CAREERLOG_NAMES_FILE": ["import", "--dry-run", "{rows}"],
    "CAREERLOG_SCORECARD_FILE": ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2024"],
}


def faults(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each fault's path and what the refusal says after it."""
    not_toml = tmp_path / "broken.toml"
    not_toml.write_text("[meta\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "missing.toml", "No such file or directory"),
        "directory": (tmp_path, "Is a directory"),
        "not TOML": (not_toml, "Expected ']' at the end of a table declaration (at line 1, column 6)"),
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with its views made (the commands read the files, not a missing view)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'careerlog.db'}"
    rows = write(tmp_path_factory.mktemp("rows") / "rows.jsonl", APPOINTMENT)
    assert run(url, "import", str(rows)).exit_code == 0
    assert run(url, "projections", "rebuild").exit_code == 0
    return url


@pytest.mark.parametrize("variable", COMMANDS)
@pytest.mark.parametrize("fault", ["missing", "directory", "not TOML"])
def test_a_file_of_the_environment_that_does_not_read_is_refused_naming_its_variable(
    store: str, tmp_path: Path, variable: str, fault: str
) -> None:
    path, reason = faults(tmp_path)[fault]
    rows = write(tmp_path / "rows.jsonl", APPOINTMENT)
    command = [part.format(rows=rows) for part in COMMANDS[variable]]
    result: Result = CliRunner().invoke(main, command, env={"CAREERLOG_DATABASE_URL": store, variable: str(path)})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    said = f"cannot read {path}: {reason}" if fault != "not TOML" else f"{path}: {reason}"
    assert f"Error: {variable}: {said}" in result.output, result.output

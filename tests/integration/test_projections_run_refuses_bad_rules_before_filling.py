"""`careerlog projections run` with a rules file of a bad value is refused before any view is touched (exit 1, the
message naming the variable, the file, the rule, its version and the param): until 2026-12-06 `"101" = "four"` in
promotion.time_in_rank was read, the merit, awards and study leave views were marked filling from 0, and the run
crashed with a ValueError (exit 70), leaving them empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.config import ConfigurationError, Settings
from careerlog.reference import BUNDLED_RULES
from projections.registry import all_projections
from tests.integration.test_cli import APPOINTMENT, run, write
from tests.integration.test_projections_status_only_reads import status_states

TIME_IN_RANK = 'years = { "101" = 4, "202" = 2, "203" = 1, "201" = 1, "206" = 1 }'


def test_projections_run_with_a_bad_rules_file_exits_1_marking_no_view_filling(
    database_url: str, tmp_path: Path
) -> None:
    assert run(database_url, "import", str(write(tmp_path / "events.jsonl", APPOINTMENT))).exit_code == 0
    assert run(database_url, "projections", "run", "--once").exit_code == 0
    bad = tmp_path / "rules.toml"
    bundled = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert TIME_IN_RANK in bundled
    bad.write_text(bundled.replace(TIME_IN_RANK, TIME_IN_RANK.replace('"101" = 4', '"101" = "four"')))
    result = CliRunner().invoke(
        main,
        ["projections", "run", "--once"],
        env={"CAREERLOG_DATABASE_URL": database_url, "CAREERLOG_RULES_FILE": str(bad)},
    )
    assert result.exit_code == 1, result.output
    assert (
        f"CAREERLOG_RULES_FILE: {bad}: rule promotion.time_in_rank (version 1, from 2000-01-01): params.years must be"
        in result.output
    )
    status = run(database_url, "projections", "status")
    assert status.exit_code == 0, status.output
    assert status_states(status.stdout) == {p.name: "ready" for p in all_projections()}


def test_the_web_app_is_not_made_on_a_bad_rules_file(database_url: str, tmp_path: Path, monkeypatch: Any) -> None:
    from web.app import create_app

    bad = tmp_path / "rules.toml"
    bad.write_text(Path(BUNDLED_RULES).read_text(encoding="utf-8").replace('status = "I"', 'status = "X"', 1))
    monkeypatch.setenv("CAREERLOG_RULES_FILE", str(bad))
    with pytest.raises(ConfigurationError, match=r"^CAREERLOG_RULES_FILE: .*: status must be S \(confirmed\)"):
        create_app(Settings(database_url=database_url))

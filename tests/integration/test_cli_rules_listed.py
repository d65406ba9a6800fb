"""`careerlog rules` lists the rules careerlog judges by, as the rules file in use gives them (CAREERLOG_RULES_FILE,
else the bundled one): each version's id, status, dates in force and the parameters that configure it, so that an
operator sees that training.daily_jp is an unconfirmed rule (M) and which key sets its JP a day. Until 2026-12-06 no
command showed the rules: only docs/rules.md and docs/reference-data.md did, whatever file was in use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, rules

DAILY_JP = "training.daily_jp (M, from 1974-01-01): Trainings of the same days hold together no more JP a day than a "


def test_every_rule_of_the_rules_file_is_listed_with_its_status_and_parameters() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith(DAILY_JP) for line in lines)
    assert lines[lines.index(next(line for line in lines if line.startswith(DAILY_JP))) + 1] == "  jp = 12"
    listed = {line.split(" (", 1)[0] for line in lines if not line.startswith(" ")}
    assert listed == set(rules().ids)
    assert sum(1 for line in lines if not line.startswith(" ")) == len(rules().all)  # every version
    assert "penalty.kinds (S, from 2021-08-31): " in result.output  # (the version in force, no end)
    assert "penalty.kinds (M, from 1980-01-01 until 2010-06-06): " in result.output


def test_one_rules_versions_are_listed_by_its_id() -> None:
    result = CliRunner().invoke(main, ["rules", "training.daily_jp"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(DAILY_JP)
    assert result.output.splitlines()[1:] == ["  jp = 12"]


def test_the_rules_file_in_use_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = tmp_path / "rules.toml"
    shutil.copy(BUNDLED_RULES, edited)
    text = edited.read_text(encoding="utf-8")
    head, rest = text.split('id = "training.daily_jp"', 1)
    edited.write_text(head + 'id = "training.daily_jp"' + rest.replace("jp = 12", "jp = 10", 1), encoding="utf-8")
    monkeypatch.setenv(RULES_FILE_ENV, str(edited))
    result = CliRunner().invoke(main, ["rules", "training.daily_jp"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == ["  jp = 10"]


def test_an_unknown_rule_is_refused_naming_the_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "training.daily"])
    assert result.exit_code == 2
    assert "Invalid value for RULE_ID: no rule 'training.daily' in the rules file; one of " in result.output
    assert "training.daily_jp" in result.output


def test_a_rules_part_of_another_status_is_shown_beside_its_status() -> None:
    """docs/rules.md marks promotion.time_in_rank "S (201: M)" (a 201's years unconfirmed); the command showed "S"."""
    result = CliRunner().invoke(main, ["rules", "promotion.time_in_rank"])
    assert result.exit_code == 0, result.output
    firsts = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert firsts[0].startswith("promotion.time_in_rank (S (201: M), from 2000-01-01 until 2024-01-01): ")
    assert firsts[1].startswith("promotion.time_in_rank (S (201: M), from 2024-01-01): ")

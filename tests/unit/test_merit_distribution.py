"""skp.distribution's version for a rating year (`year_rule`) is the one in force on 31 December of
that year, read through the cached rule lookup: the same rule as `Rules.in_force`, per rules file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV, rules
from projections.merit.distribution import RULE, year_rule

YEARS = range(1990, 2040)


def test_the_rule_of_each_year_is_the_version_in_force_on_the_last_day_of_that_year() -> None:
    found = [year_rule(year) for year in YEARS]
    assert found == [rules().in_force(RULE, date(year, 12, 31)) for year in YEARS]
    assert found[0] is None  # before it took effect
    assert found[-1] is not None


def test_a_rules_file_that_moves_the_rule_is_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = year_rule(2022)
    moved = (
        Path(BUNDLED_RULES)
        .read_text()
        .replace('id = "skp.distribution"', 'id = "skp.distribution"\nvalid_to = "2025-01-01"', 1)
    )
    path = tmp_path / "rules.toml"
    path.write_text(moved)
    monkeypatch.setenv(RULES_FILE_ENV, str(path))
    assert [year_rule(year) is not None for year in (2021, 2022, 2024, 2025)] == [False, True, True, False]
    assert [year_rule(year) for year in YEARS] == [rules().in_force(RULE, date(year, 12, 31)) for year in YEARS]
    monkeypatch.delenv(RULES_FILE_ENV)
    assert year_rule(2025) == bundled

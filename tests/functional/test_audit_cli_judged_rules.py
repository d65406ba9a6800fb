"""Every `careerlog audit` and `report` command reading views built under rules refuses a shell whose rules differ
from those the views were built with, as `audit passed-over` and `audit promotion` do (e9af909). `audit promotions`
and `audit posts` counted and judged merit.passed_over by the shell's rules (its severity, whether in force, its
comparison) beside the rows' verdicts, `audit fairness` pooled the rounds the view's rules made eligible,
`audit grade-inflation` read the unit ratings by the shell's caps, `report scorecard` the findings and awards: all
answered in silence. They now exit 1 naming CAREERLOG_RULES_FILE and both digests; the same rules answer as
before. `audit time-to-promotion` reads no view built under rules (spells, roster, training) and answers. On both
stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.reference import load_rules
from projections.framework import rules_digest
from tests.functional.conftest import World
from tests.functional.test_api_posts import posted
from tests.functional.test_passed_over_cli_judged_rules import other_rules, store_url

# posted: Budi appointed Pengawas of BKPSDM on 2018-01-02 over a clearly stronger Dewi; other_rules: the bundled
# rules with merit.passed_over's min_better 3 instead of 2
__all__ = ["other_rules", "posted", "store_url"]

REFUSED = [
    ("audit", "promotions", "--format", "json"),
    ("audit", "promotions", "--with-posts", "--format", "csv"),
    ("audit", "posts"),
    ("audit", "fairness", "--format", "json"),
    ("audit", "grade-inflation", "--format", "json"),
    ("audit", "study-leaves", "--format", "json"),
    ("report", "scorecard", "--agency", "KAB-KARO", "--year", "2020", "--format", "json"),
]


def run(store_url: str, *args: str, rules: Path | None = None) -> Result:
    env = {"CAREERLOG_DATABASE_URL": store_url, "CAREERLOG_RULES_FILE": str(rules) if rules else None}
    return CliRunner().invoke(main, list(args), env=env)


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_a_command_reading_views_built_under_other_rules_is_refused_naming_both_digests(
    posted: World, store_url: str, other_rules: Path, args: tuple[str, ...]
) -> None:
    result = run(store_url, *args, rules=other_rules)
    assert result.exit_code == 1, result.output
    assert "CAREERLOG_RULES_FILE" in result.output
    assert rules_digest() in result.output  # the rules the views were built with (the bundled ones here)
    assert rules_digest(load_rules(other_rules)) in result.output  # the shell's


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_the_views_own_rules_answer(posted: World, store_url: str, args: tuple[str, ...]) -> None:
    result = run(store_url, *args)
    assert result.exit_code == 0, result.output


def test_time_to_promotion_reads_no_view_built_under_rules_and_answers_with_other_rules(
    posted: World, store_url: str, other_rules: Path
) -> None:
    result = run(store_url, "audit", "time-to-promotion", "--format", "json", rules=other_rules)
    assert result.exit_code == 0, result.output

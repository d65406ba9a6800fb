"""`careerlog audit passed-over` and `audit promotion` compare colleagues only by the rules the merit view's rows
were judged by. The pools, the passed-over rule's version and its measures are asked of the shell's rules at query
time, the decisions' findings were judged by the projection's: a shell whose CAREERLOG_RULES_FILE differs (another
file, or the deployment's own file left unset) answered by its own rules beside the view's verdicts, in silence
(on the 2,000 demo, `min_better = 3` gave 33 pairs against the view's rules' 89). It is refused, naming
CAREERLOG_RULES_FILE and both digests; the same rules answer as before. On both stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.reference import BUNDLED_RULES
from projections.framework import rules_digest
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import STRONGER, posted

__all__ = ["posted"]  # Budi appointed Pengawas of BKPSDM on 2018-01-02 over Dewi (STRONGER), clearly stronger


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def other_rules(tmp_path: Path) -> Path:
    """The bundled rules with merit.passed_over's min_better 3 instead of 2."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    assert "\nmin_better = 2\n" in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace("\nmin_better = 2\n", "\nmin_better = 3\n"), encoding="utf-8")
    return path


def run(store_url: str, *args: str, rules: Path | None = None) -> Result:
    env = {"CAREERLOG_DATABASE_URL": store_url, "CAREERLOG_RULES_FILE": str(rules) if rules else None}
    return CliRunner().invoke(main, ["audit", *args], env=env)


@pytest.mark.parametrize("args", [("passed-over", "--format", "json"), ("promotion", BUDI, "3")])
def test_a_shell_with_other_rules_than_the_views_is_refused_naming_the_variable(
    posted: World, store_url: str, other_rules: Path, args: tuple[str, ...]
) -> None:
    result = run(store_url, *args, rules=other_rules)
    assert result.exit_code == 1
    assert "CAREERLOG_RULES_FILE" in result.output
    assert rules_digest() in result.output  # the rules the rows were judged by (the bundled ones here)
    assert STRONGER not in result.output  # no comparison by the shell's rules


@pytest.mark.parametrize("args", [("passed-over", "--format", "json"), ("promotion", BUDI, "3")])
def test_the_views_own_rules_compare_as_before(posted: World, store_url: str, args: tuple[str, ...]) -> None:
    result = run(store_url, *args)
    assert result.exit_code == 0, result.output
    assert STRONGER in result.output  # Dewi passed over

"""`careerlog record --help` lists every check a writer may confirm (CONFIRMABLE), from the one tuple: written by hand,
it named promotion.one_step and placement.ends_post but not unit.new or training.duplicate."""

from __future__ import annotations

from click.testing import CliRunner

from careerlog.application import CONFIRMABLE
from careerlog.cli import main


def test_record_help_lists_every_confirmable_check() -> None:
    result = CliRunner().invoke(main, ["record", "--help"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"the checks: {', '.join(CONFIRMABLE)}." in said
    assert {"unit.new", "training.duplicate"} <= set(CONFIRMABLE)

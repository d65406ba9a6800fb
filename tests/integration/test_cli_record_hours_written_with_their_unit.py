"""`careerlog record` reads a training's JP written with their unit ("24 JP", "2 jam pelajaran") as the import and the
record form read them: until 2026-12-07 the command refused them with a reason that said to write them so
(payload.HOURS_UNIT: "alone or followed by JP (24, 24 JP or 24 jam pelajaran)"). "2 jam" (a 60-minute hour, not a
lesson hour) stays refused. Both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.domain.payload import HOURS_UNIT
from tests.integration.test_cli import NIP, last_position, run
from tests.integration.test_cli_record_number_written_with_exponent import appointed, training

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)
__all__ = ["appointed"]  # (the fixture, imported for its use here)


@pytest.mark.parametrize(
    ("typed", "hours"), [("8 JP", 8), ("2 jam pelajaran", 2), ("6 Jp.", 6), ("3 J.P.", 3), ("4 jam pelajaran.", 4)]
)
def test_hours_written_with_their_unit_are_recorded_as_the_number(appointed: str, typed: str, hours: int) -> None:
    result = run(appointed, "record", NIP, "training", *training("T-U", hours=typed))
    assert result.exit_code == 0, result.output
    shown = run(appointed, "history", NIP)
    assert shown.exit_code == 0, shown.output
    recorded = [json.loads(line) for line in shown.output.splitlines()]
    assert [(e["kind"], e.get("hours")) for e in recorded] == [("appointment", None), ("training", hours)]


def test_hours_in_hours_of_sixty_minutes_stay_refused(appointed: str, tmp_path: Path) -> None:
    before = last_position(appointed)
    result = run(appointed, "record", NIP, "training", *training("T-J", hours="2 jam"))
    assert (result.exit_code, result.output) == (1, f"Error: hours: {HOURS_UNIT}\n")
    assert last_position(appointed) == before

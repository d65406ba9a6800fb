"""`careerlog export` said "exported 21854 events" of a log whose `careerlog info` said position 21997: the 143
events it leaves out (the system's own, derived from the facts: a mentor's side of a mentoring, a unit's
registration, which `import --migration` derives again) went unsaid, as if lost, and the count had no thousands
separators. It now says the facts it wrote, of how many events, and which it left out. Both stores."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.exporting import exported_summary


def test_the_export_says_the_facts_written_of_the_events_read_and_those_left_out(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # (the demo's irregularities file)
    env = {"CAREERLOG_DATABASE_URL": database_url}
    assert CliRunner().invoke(main, ["demo", "--employees", "25", "--seed", "1"], env=env).exit_code == 0
    with CareerLog.from_settings(Settings(database_url=database_url)) as app:
        kinds = Counter(type(event).KIND for _, event in app.iter_events())
    result = CliRunner().invoke(main, ["export", str(tmp_path / "backup.jsonl")], env=env)
    assert result.exit_code == 0, result.output
    written = len((tmp_path / "backup.jsonl").read_bytes().splitlines())
    assert written > 1_000  # (a count of thousands: its separator said)
    assert kinds["unit_registration"] > 1
    assert kinds["mentee_assigned"] > 1
    units, events = kinds["unit_registration"], sum(kinds.values())
    said = " ".join(result.stderr.split())
    found = re.fullmatch(
        r"exported ([\d,]+) facts \(of ([\d,]+) events in the log: ([\d,]+) are the system's own, "
        r"derived from the facts, which `careerlog import --migration` derives again: (.*)\)",
        said,
    )
    assert found, said
    assert found.groups()[:3] == (f"{written:,}", f"{events:,}", f"{events - written:,}")
    assert f"{units:,} units' registrations" in found[4]
    assert f"{kinds['mentee_assigned']:,} mentors' sides of a mentoring start" in found[4]


def test_an_export_leaving_nothing_out_says_so() -> None:
    assert exported_summary(1, Counter()) == "exported 1 fact (every event of the log)"
    assert exported_summary(21_854, Counter({"unit_registration": 1})) == (
        "exported 21,854 facts (of 21,855 events in the log: 1 is the system's own, derived from the facts, which "
        "`careerlog import --migration` derives again: 1 unit's registration)"
    )

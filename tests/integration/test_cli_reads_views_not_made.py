"""The commands reading views (the audits, the scorecard) on a store whose views no process has made (events imported
or recorded, no worker, server or rebuild run on it) are refused in one line naming the views that command reads and
the rebuild to run, exit 1, nothing made; before, they failed with "The database could not be used: no such table:
view_configurations" after opening the view store had made its tracking table. Only the views the command reads are
asked for: a store holding only the merit view answers the merit audit's lists. And a view being filled (refilled
after a change of the rules, not finished) is read with a warning that the results are incomplete."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from careerlog.sqlstore import SqlStore
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)
SCORECARD = ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2024"]
# each command and the views it reads, in the order it names them
READS = [
    (["audit", "promotions"], "view merit"),
    (["audit", "posts"], "view merit"),
    (["audit", "passed-over"], "view merit"),
    (["audit", "grade-inflation"], "view merit"),
    (["audit", "promotion", BUDI, "1"], "view merit"),
    (["audit", "fairness"], "views merit, roster"),
    (["audit", "time-to-promotion"], "views roster, training"),
    (["audit", "study-leaves"], "view study_leave"),
    (SCORECARD, "views merit, awards, training, roster, mentoring"),
]
VIEW_TABLES = ["view_schemas", "view_configurations", "tracking", "careerlog_views_tracking", "decisions", "roster"]


def invoke(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": settings.database_url})


def recorded(settings: Settings) -> None:
    with CareerLog.from_settings(settings) as app:
        app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")


def view_tables(settings: Settings) -> set[str]:
    with CareerLog.from_settings(settings) as app, SqlStore(app.recorder.datastore).statements() as sql:  # type: ignore[attr-defined]
        return sql.relation_names(VIEW_TABLES)


def merit_caught_up(settings: Settings) -> None:
    """The merit view made and caught up, under this process's rules (no other view made)."""
    worker = Projector(settings, [MeritProjection()])
    try:
        worker.catch_up()
    finally:
        worker.close()


@pytest.mark.parametrize(("command", "views"), READS, ids=lambda c: " ".join(c) if isinstance(c, list) else "")
def test_a_command_reading_views_never_made_is_refused_naming_the_views_it_reads(
    settings: Settings, command: list[str], views: str
) -> None:
    recorded(settings)
    result = invoke(settings, *command)
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: This command reads the {views}, not made in this store yet: run `careerlog projections rebuild` "
        "(or start `careerlog projections run`), then the command again. Nothing was changed.\n"
    )
    assert view_tables(settings) == set()  # nothing made (the view store's tracking table was)


def test_a_merit_audit_reads_a_store_holding_only_the_merit_view(settings: Settings) -> None:
    recorded(settings)
    merit_caught_up(settings)
    for command in (["audit", "promotions"], ["audit", "passed-over"], ["audit", "promotion", BUDI, "1"]):
        result = invoke(settings, *command)
        assert result.exit_code == 0, result.output
        assert "Warning" not in result.output


def test_an_audit_while_its_view_is_refilled_after_a_change_of_the_rules_warns_its_results_are_incomplete(
    settings: Settings, tmp_path: Path, monkeypatch: Any
) -> None:
    rules = tmp_path / "rules.toml"
    shutil.copy(BUNDLED_RULES, rules)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules))
    recorded(settings)
    merit_caught_up(settings)
    assert "Warning" not in invoke(settings, "audit", "promotions").output
    edited = tmp_path / "rules-edited.toml"
    edited.write_text(rules.read_text() + "\n# edited\n")
    monkeypatch.setenv(RULES_FILE_ENV, str(edited))
    Projector(settings, [MeritProjection()]).close()  # the first process of the new rules: merit refilled from 0
    result = invoke(settings, "audit", "promotions")
    assert result.exit_code == 0, result.output
    assert (
        "Warning: the view merit (filled up to event 0 of the log's 1, 0%) is being filled and holds only part of "
        "the records: these results are incomplete. Run the command again once `careerlog projections status` "
        "shows it ready.\n"
    ) in result.stderr
    merit_caught_up(settings)
    assert "Warning" not in invoke(settings, "audit", "promotions").output  # filled: no more warning


def test_the_audit_of_one_decision_reads_a_nip_typed_with_separators_as_history_does(settings: Settings) -> None:
    recorded(settings)
    merit_caught_up(settings)
    plain = invoke(settings, "audit", "promotion", BUDI, "1")
    assert plain.exit_code == 0, plain.output
    spaced = " ".join((BUDI[:8], BUDI[8:14], BUDI[14:15], BUDI[15:]))
    typed = invoke(settings, "audit", "promotion", spaced, "1")  # (it was "No audited decision 1 of 1986 ...")
    assert (typed.exit_code, typed.output) == (0, plain.output)
    short = invoke(settings, "audit", "promotion", BUDI[:17], "1")
    assert (short.exit_code, short.output) == (1, f"Error: nip: Must be 18 digits, got '{BUDI[:17]}'.\n")


def test_an_audit_while_its_views_rebuild_stopped_names_the_rebuild_to_run(settings: Settings) -> None:
    """A rebuild that stopped before it finished (killed, its session dropped) leaves its view marked as rebuilding,
    filled by no worker: the warning said to run the command again once `projections status` showed it ready, which
    it never would. It names the stopped rebuild and the command that mends it."""
    recorded(settings)
    merit_caught_up(settings)
    worker = Projector(settings, [MeritProjection()])
    try:
        with worker.views.sql.transaction() as sql:  # as a rebuild killed mid-way leaves it (no rebuild holds it)
            sql.execute("UPDATE view_schemas SET state = 'rebuilding' WHERE name = 'merit'")
    finally:
        worker.close()
    result = invoke(settings, "audit", "promotions", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: the view merit holds only part of the records: these results are incomplete. The rebuild of the "
        "view merit stopped before it finished (no rebuild of it runs: it was killed, or its session dropped): no "
        "worker fills a view marked as rebuilding, and no read is answered from it. Run `careerlog projections "
        "rebuild merit` (docs/operations.md). Then run the command again.\n"
    )

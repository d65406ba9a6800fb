"""The commands reading views (the audits, the scorecard) on views that are `ready` but far behind the log (made on
an empty store, then an import recorded the whole log with no worker running) warn on standard error naming the lag
and how to catch up, exit 0: before, they printed a header alone (all zeros for the scorecard) with no word. And on
a view a newer release made (a higher version than this release's) they refuse as `projections status`, `run` and
`serve` do, exit 1: before, an old release's audit read it as if its own."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner, Result

from careerlog.cli import main
from careerlog.config import Settings
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=71)
SCORECARD = ["report", "scorecard", "--agency", "KOTA-MEDAN", "--year", "2024"]


def invoke(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": settings.database_url})


def views_made_then_recorded(settings: Settings) -> None:
    """Every view made (and ready) on the empty store, then events recorded with no worker running."""
    worker = Projector(settings, all_projections())
    try:
        worker.catch_up()
        worker.app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        worker.app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
    finally:
        worker.close()


def test_an_audit_of_views_ready_but_behind_the_log_warns_naming_the_lag_and_the_catch_up(settings: Settings) -> None:
    views_made_then_recorded(settings)
    for command in (["audit", "promotions"], SCORECARD):
        result = invoke(settings, *command)
        assert result.exit_code == 0, result.output
        assert (
            "Warning: the view merit is 2 events behind the log (at event 0 of 2): these results leave out the "
            "records since. Catch up with `careerlog projections run --once` (or start the projection workers), "
            "then run the command again.\n"
        ) in result.stderr
    worker = Projector(settings, all_projections())
    try:
        worker.catch_up()
    finally:
        worker.close()
    assert "Warning" not in invoke(settings, "audit", "promotions").stderr  # caught up: no more warning


def test_an_audit_of_a_view_a_newer_release_made_is_refused_as_status_is(settings: Settings) -> None:
    views_made_then_recorded(settings)
    Projector(settings, all_projections()).close()
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            write.execute("UPDATE view_schemas SET version = ? WHERE name = 'merit'", (MeritProjection.version + 1,))
    finally:
        sql.close()
    status = invoke(settings, "projections", "status")
    assert status.exit_code == 1, status.output
    for command in (["audit", "promotions"], SCORECARD):
        result = invoke(settings, *command)
        assert result.exit_code == 1, result.output
        assert "was opened by a newer careerlog release: the view merit is at version" in result.output
        assert "careerlog projections rebuild merit" in result.output


def test_an_audit_of_a_view_an_older_release_made_is_refused_naming_both_versions_and_the_worker(
    settings: Settings,
) -> None:
    """A view at an older version (`projections status`: older version, to be made again; `--check` exits 3) is not
    read as this release's: until 2026-12-06 `audit promotions` printed the old rows' lines, stderr empty, exit 0."""
    views_made_then_recorded(settings)
    Projector(settings, all_projections()).close()
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            write.execute("UPDATE view_schemas SET version = ? WHERE name = 'merit'", (MeritProjection.version - 1,))
    finally:
        sql.close()
    for command in (["audit", "promotions"], SCORECARD):
        result = invoke(settings, *command)
        assert result.exit_code == 1, result.output
        assert (
            f"the view merit is at version {MeritProjection.version - 1}, an older release's (this release's is "
            f"version {MeritProjection.version})"
        ) in result.stderr
        assert "`careerlog projections run`" in result.stderr
        assert result.stdout == ""
    worker = Projector(settings, all_projections())  # this release's worker makes it again
    try:
        worker.catch_up()
    finally:
        worker.close()
    result = invoke(settings, "audit", "promotions")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr

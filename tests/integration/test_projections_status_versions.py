"""`careerlog projections status` shows each view's version in the store (view_schemas) beside this release's, as
/health does (store_version, release_version): it showed this release's only, under "version", so an operator could
not tell from it which version the store holds. The command only reads: a view of an older version is shown as it
is, its state saying it is to be made again and its lag the whole log (this release makes it from the first
event); a worker (or server) opening the store makes it again (its
stored version then this release's, its state filling:<head> and its lag the whole log: docs/operations.md,
Upgrades). Until 2026-12-05 `projections status` made it again itself."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from projections.framework import READY, Projector, Status
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=42)
COLUMNS = ["view", "stored", "release", "position", "head", "lag", "state"]


class OlderRoster(RosterProjection):
    version = RosterProjection.version - 1


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


def status_rows(settings: Settings) -> dict[str, dict[str, str]]:
    """The command's table: each view's cells by the header's column names."""
    result = CliRunner().invoke(main, ["--database-url", settings.database_url, "projections", "status"])
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header.split() == COLUMNS, header
    # (a state may hold spaces: the last column takes the rest of the line)
    return {cells[0]: dict(zip(COLUMNS, cells, strict=True)) for cells in (line.split(None, 6) for line in lines)}


def stored_versions(settings: Settings) -> dict[str, int]:
    worker = Projector(settings, all_projections(), ensure=False)
    try:
        return {r["name"]: int(r["version"]) for r in worker.views.sql.query("SELECT name, version FROM view_schemas")}
    finally:
        worker.close()


def test_projections_status_shows_each_views_stored_version_beside_this_releases(settings: Settings) -> None:
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    worker = Projector(settings, all_projections(), app=app)
    worker.catch_up()
    worker.close()
    app.close()
    rows = status_rows(settings)
    assert set(rows) == {p.name for p in all_projections()}
    stored = stored_versions(settings)
    for projection in all_projections():
        row = rows[projection.name]
        assert (row["stored"], row["release"]) == (str(stored[projection.name]), str(projection.version)), row
        assert (row["lag"], row["state"]) == ("0", "ready"), row
    checked = CliRunner().invoke(main, ["--database-url", settings.database_url, "projections", "status", "--check"])
    assert checked.exit_code == 0, checked.output


def test_projections_status_shows_a_view_of_an_older_version_made_again_and_filling(settings: Settings) -> None:
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    head = app.max_notification_id()
    older = Projector(settings, [OlderRoster()], app=app)
    older.catch_up()
    older.close()
    app.close()
    assert stored_versions(settings)["roster"] == RosterProjection.version - 1
    roster = status_rows(settings)["roster"]
    assert (roster["stored"], roster["release"]) == (str(RosterProjection.version - 1), str(RosterProjection.version))
    # (until 2026-12-06 "lag 0" and a state "ready, of an older release's version ...": read as nothing to do, though
    # this release makes it again from the first event)
    assert (roster["position"], roster["lag"]) == (str(head), str(head)), roster
    assert roster["state"] == (
        "older version, to be made again: this release's next worker or `projections rebuild` makes it from the "
        "first event"
    )
    assert "ready" not in roster["state"], roster
    assert stored_versions(settings)["roster"] == RosterProjection.version - 1  # (status made nothing again)
    # (monitoring's check: exit 0 until 2026-12-05, though no release's process had made it again)
    checked = CliRunner().invoke(main, ["--database-url", settings.database_url, "projections", "status", "--check"])
    assert checked.exit_code == 3, checked.output
    assert (
        "The view roster is of an older release's version: start this release's projection workers (or run "
        "`careerlog projections rebuild roster`) to make it again (docs/operations.md, Upgrades)."
    ) in checked.stderr
    Projector(settings, all_projections()).close()  # this release's worker opens the store
    roster = status_rows(settings)["roster"]
    assert roster["stored"] == roster["release"] == str(RosterProjection.version), roster
    assert (roster["position"], roster["lag"], roster["state"]) == ("0", str(head), f"filling:{head}"), roster


def test_a_view_of_an_older_version_lags_by_the_whole_log_wherever_its_rows_reached() -> None:
    """Status.lag, as `projections status` and /health show it: the older rows' position is not this release's."""
    assert Status("merit", 50, 50, 50, READY, 48).lag == 50
    assert Status("merit", 50, 50, 50, READY, 50).lag == 0
    assert Status("merit", 50, 40, 50, READY, None).lag == 10

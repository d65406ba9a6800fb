"""`careerlog projections rebuild` of a release that cannot read an event of the log (a kind only a newer release has)
refuses before it drops anything: every view stays as it was, ready, with its rows. Before, it marked every view
rebuilding, dropped their rows, then stopped at the event, exit 1, saying "Nothing recorded was changed": the views
empty, and `projections run --once` applied nothing to them."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import all_projections
from tests import factories as f

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=61)


def views_of(settings: Settings) -> tuple[dict[str, str], int]:
    sql = open_store(settings)
    try:
        with sql.transaction() as read:
            states = {r["name"]: r["state"] for r in read.query("SELECT name, state FROM view_schemas")}
            rows = int(read.scalar("SELECT COUNT(*) AS n FROM roster"))
    finally:
        sql.close()
    return states, rows


def test_a_rebuild_meeting_an_unknown_kind_refuses_before_dropping_a_view(database_url: str) -> None:
    settings = Settings(database_url=database_url)
    app = CareerLog.from_settings(settings)
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    worker = Projector(settings, all_projections(), app=app)
    worker.catch_up()
    worker.close()
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    app.close()
    before = views_of(settings)
    assert before[1] == 1
    assert set(before[0].values()) == {"ready"}
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            write.execute(
                f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
                f"SELECT originator_id, 2, 'careerlog.domain.events:FutureThing', state FROM {table} "
                "WHERE originator_version = 1"
            )
    finally:
        sql.close()
    result = CliRunner().invoke(main, ["--database-url", database_url, "projections", "rebuild"])
    assert result.exit_code == 1, result.output
    assert "careerlog.domain.events:FutureThing" in result.output
    assert "newer" in result.output
    assert "Traceback" not in result.output
    assert views_of(settings) == before

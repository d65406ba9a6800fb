"""A writer's confirmation of a rank jump (promotion.one_step) is stored with the event it let through, on both
stores: a rank promotion recorded through the API's `confirm` (CareerLog.record's `confirmed`) or an imported row's
Konfirmasi yes, a correction making one and a retraction leaving one. An export carries it (`confirm`) and a
migration import keeps it; a confirmation the recording did not need is not stored; a promotion stored before
version 2 (no class_version, no `confirmed`) reads back unchanged, confirming nothing, through the ledger and the
views. Before, the confirmation was dropped once the recording was let through."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.exporting import export_events
from careerlog.importing import import_file
from careerlog.sqlstore import open_store
from projections.framework import Projector
from projections.registry import all_projections
from projections.timeline import timeline_from_rows
from tests import factories as f
from tests.conftest import fresh_schema

NIP = f.nip()
ONE_STEP = ("promotion.one_step",)


def stored_state(app: CareerLog, settings: Settings, version: int) -> dict[str, Any]:
    table = app.recorder.events_table_name  # type: ignore[attr-defined]
    sql = open_store(settings)
    try:
        state = sql.scalar(
            f"SELECT state FROM {table} WHERE originator_id = ? AND originator_version = ?", (NIP, version)
        )
    finally:
        sql.close()
    found: dict[str, Any] = orjson.loads(bytes(state))
    return found


def confirmed_of(app: CareerLog) -> dict[int, tuple[str, ...]]:
    return {e.originator_version: e.confirmed for e in app.events.get(NIP) if hasattr(e, "confirmed")}


def test_a_confirmed_jump_and_correction_are_stored_with_their_confirmation(app: CareerLog, settings: Settings) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")  # III/a, TMT 2010-03-01
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2014-04-01"), actor="hr-1", confirmed=ONE_STEP)  # v2
    app.record(NIP, "rank_promotion", f.promotion("III/d", "2018-04-01"), actor="hr-1", confirmed=ONE_STEP)  # v3
    app.record(NIP, "correction", f.correction(3, "2019-01-02", new_rank="IV/a"), actor="hr-2", confirmed=ONE_STEP)
    # (v3 moved one rank from III/c: its confirmation was not needed, not stored; v4 made it 2 ranks: stored)
    assert confirmed_of(app) == {1: (), 2: ONE_STEP, 3: (), 4: ONE_STEP}
    state = stored_state(app, settings, 2)
    assert (state["class_version"], state["confirmed"], state["recorded_by"]) == (2, ["promotion.one_step"], "hr-1")
    assert stored_state(app, settings, 3)["confirmed"] == []
    assert stored_state(app, settings, 4)["recorded_by"] == "hr-2"


def test_a_retraction_leaving_a_jump_stores_its_confirmation(app: CareerLog, settings: Settings) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr")  # v2
    app.record(NIP, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="hr", confirmed=ONE_STEP)  # v3
    app.record(NIP, "retraction", f.retraction(2, "2019-01-02"), actor="hr-2", confirmed=ONE_STEP)  # v4
    assert confirmed_of(app) == {1: (), 2: (), 3: (), 4: ONE_STEP}  # (v3 moved one rank when recorded: not stored)
    assert stored_state(app, settings, 4)["confirmed"] == ["promotion.one_step"]
    assert app.get_history(NIP)[3]["confirm"] == ["promotion.one_step"]
    assert "confirm" not in app.get_history(NIP)[2]


def test_an_imported_yes_is_stored_exported_and_kept_by_a_migration_import(
    app: CareerLog, settings: Settings, tmp_path: Path
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    csv = tmp_path / "kp.csv"
    csv.write_text(
        "NIP;Golongan Baru;Jenis KP;TMT;Nomor SK;Konfirmasi\n"
        f"{NIP};III/c;101;01/04/2014;KP-C;ya\n"
        f"{NIP};III/d;101;01/04/2018;KP-D;ya\n",  # (one rank up: the yes is not needed, not stored)
        encoding="utf-8",
    )
    report = import_file(app, csv, actor="import-hr", kind="rank_promotion")
    assert report.recorded == 2, report.rejected
    assert confirmed_of(app) == {1: (), 2: ONE_STEP, 3: ()}
    exported = io.BytesIO()
    export_events(app, exported)
    rows = [orjson.loads(line) for line in exported.getvalue().splitlines()]
    assert [row.get("confirm") for row in rows] == [None, ["promotion.one_step"], None]
    dump = tmp_path / "export.jsonl"
    dump.write_bytes(exported.getvalue())
    other = fresh_schema() if settings.database_url.startswith("postgres") else _sqlite(tmp_path)
    with other as url, CareerLog.from_settings(Settings(database_url=url)) as target:
        kept = import_file(target, dump, actor="admin", migration=True)
        assert kept.ok, kept.rejected
        assert confirmed_of(target) == {1: (), 2: ONE_STEP, 3: ()}
        again = io.BytesIO()
        export_events(target, again)
        assert again.getvalue() == exported.getvalue()


class _sqlite:
    def __init__(self, tmp_path: Path):
        self.url = f"sqlite:///{tmp_path}/other.db"

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *_: object) -> None:
        return None


def test_a_promotion_stored_before_version_2_reads_back_confirming_nothing_in_the_ledger_and_views(
    settings: Settings,
) -> None:
    """The appointment's and a promotion's rows rewritten as a release before version 2 stored them: the ledger,
    its history and the timeline view read them as before, confirming nothing."""
    with CareerLog.from_settings(settings) as app:
        app.record(NIP, "appointment", f.appointment(), actor="hr")
        app.record(NIP, "rank_promotion", f.promotion("III/b", "2014-04-01", reference="KP-B"), actor="hr")
        table = app.recorder.events_table_name  # type: ignore[attr-defined]
        before = app.get_history(NIP)
    sql = open_store(settings)
    try:
        with sql.transaction() as write:
            state = orjson.loads(bytes(write.scalar(f"SELECT state FROM {table} WHERE originator_version = 2")))
            assert state.pop("class_version") == 2
            assert state.pop("confirmed") == []
            write.execute(f"UPDATE {table} SET state = ? WHERE originator_version = 2", (orjson.dumps(state),))
    finally:
        sql.close()
    with CareerLog.from_settings(settings) as app:
        [promotion] = [e for e in app.events.get(NIP) if e.originator_version == 2]
        assert (promotion.new_rank, promotion.effective_date, promotion.confirmed) == ("III/b", date(2014, 4, 1), ())
        assert app.get_history(NIP) == before
        worker = Projector(settings, all_projections(), app=app)
        try:
            worker.catch_up()
            rows = worker.views.sql.query("SELECT * FROM timeline WHERE subject = ? ORDER BY version", (NIP,))
        finally:
            worker.close()
    assert orjson.loads(rows[1]["data"]) == {
        "effective_date": "2014-04-01",
        "reference": "KP-B",
        "new_rank": "III/b",
        "promotion_kind": "101",
    }
    assert timeline_from_rows(rows)[1]["confirmed"] == []
